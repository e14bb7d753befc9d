import { componentBlocks, lookupComponent, type ComponentKind } from "./utils/components.ts";
import type { Report, Rule } from "../types.ts";
import { hclSuggest } from "../util.ts";

/** What Packer calls each kind in its own messages. */
const NOUN: Record<ComponentKind, string> = { source: "builder", data: "data source", provisioner: "provisioner", "post-processor": "post-processor" };

export const rule: Rule = {
  id: "CMP-01",
  name: "unknown-component",
  severity: "error",
  docs: {
    summary: "Every source, data source, provisioner and post-processor type exists in Packer or in the plugin that would provide it.",
    why:
      "Packer looks a type up among its own components and the installed plugins' and stops with \"Unknown source " +
      'type" (or provisioner, post-processor, data source) before it builds. A misspelled type is otherwise ' +
      "reported as a missing plugin, or as an unknown source where the build refers to the correctly spelled name. " +
      "The check uses the component schema table (generated from the plugins' sources, see " +
      "tools/lib/validate/schemas/): a type from a plugin the table does not cover, or at a release it does not " +
      "hold, is never flagged.",
    fix: "Use the type the message suggests, or require the plugin that provides the type in `packer { required_plugins { … } }`.",
    evidence:
      "The component type as written and the component schema table generated from Packer's and the plugins' sources at the release the template's constraint allows: a type absent from a plugin the table covers is unknown to Packer; types of plugins or releases outside the table are never flagged.",
  },
  check(ctx) {
    const out: Report[] = [];
    const skipped = new Set<string>();
    for (const c of componentBlocks(ctx)) {
      const found = lookupComponent(ctx, c.kind, c.type);
      if (found.status === "uncovered" && found.plugin && found.why && !skipped.has(found.plugin)) {
        skipped.add(found.plugin);
        out.push({
          file: c.file,
          at: c.at,
          severity: "info",
          message: `${found.plugin} components are not checked against a schema: ${found.why}`,
          hint: "CMP-02, CMP-03 and CMP-04 skip them; the other rules still run",
        });
      } else if (found.status === "unknown-type" && found.olderHas) {
        out.push({
          file: c.file,
          at: c.at,
          severity: "warning",
          message:
            `${found.plugin} ${found.release}, the newest release the template's version constraint allows (what packer ` +
            `init installs), has no ${NOUN[c.kind]} "${c.type}"; ${found.plugin} ${found.olderHas} has it.`,
          hint: `constrain the plugin to the releases the template is written for, e.g. version = "~> ${found.olderHas.split(".").slice(0, 2).join(".")}"`,
        });
      } else if (found.status === "unknown-type") {
        const s = hclSuggest(c.type, found.candidates);
        out.push({
          file: c.file,
          at: c.at,
          message: `Unknown ${c.kind} type "${c.type}": the ${found.plugin} plugin (${found.release}) has no ${NOUN[c.kind]} of that name${s ? `; did you mean "${s}"?` : ""}`,
          hint: found.candidates.length > 0 ? `its ${NOUN[c.kind]}s: ${found.candidates.join(", ")}` : `the ${found.plugin} plugin has no ${NOUN[c.kind]}s`,
        });
      } else if (found.status === "misspelled") {
        out.push({
          file: c.file,
          at: c.at,
          message: `Unknown ${c.kind} type "${c.type}"; did you mean "${found.suggestion}"?`,
          hint: `no known plugin provides "${c.type}"; if a plugin does, require it in packer { required_plugins { … } }`,
        });
      }
    }
    return out;
  },
};
