import type { Block, Body, Pos } from "../../hcl/ast.ts";
import { componentBlocks, lookupComponent, olderReleaseWith, walkBody, type Generated } from "./utils/components.ts";
import type { Report, Rule } from "../types.ts";
import { hclSuggest } from "../util.ts";

/** Said of a finding under a dynamic block whose for_each may generate nothing (a warning then). */
const MAYBE: Record<Generated, string> = {
  no: "",
  yes: "",
  maybe: " (Packer sees it once the dynamic block's for_each is not empty)",
};

export const rule: Rule = {
  id: "CMP-02",
  name: "unknown-argument",
  severity: "error",
  docs: {
    summary: "Components take only the arguments and blocks their plugin defines (in nested and dynamic blocks too), and a single block once.",
    why:
      "Packer decodes each source, data source, provisioner and post-processor body with the plugin's schema and " +
      'rejects anything else: "Unsupported argument: An argument named "instance_typ" is not expected here." A ' +
      "misspelled argument is otherwise silently a build that does not do what was written. Names and nesting come " +
      "from the component schema table (generated from the plugins' `*.hcl2spec.go`); components outside the table " +
      "are not checked.",
    fix: "Use the name the message suggests; write a block without `=` (`launch_block_device_mappings { … }`) and a map argument with it (`tags = { … }`).",
    evidence:
      "The argument and block names as written and the plugin's decode schema (its `*.hcl2spec.go`, in the generated schema table): Packer decodes the body with that schema and refuses anything else.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const c of componentBlocks(ctx)) {
      const found = lookupComponent(ctx, c.kind, c.type);
      if (found.status !== "known") continue;
      const singles = new Map<Body, Map<string, Block>>();
      /** The finding for a name the chosen release lacks: softened where Packer may never see it. */
      const report = (at: Pos, message: string, dynamic: Generated, path: readonly string[], name: string, block: boolean, hint?: string): void => {
        const older = olderReleaseWith(found, path, name, block);
        if (older) {
          const minor = older.split(".").slice(0, 2).join(".");
          out.push({
            file: c.file,
            at,
            severity: "warning",
            message:
              `${message.replace(/ Did you mean.*$/, "")} Not in ${found.plugin} ${found.release}, the newest release the ` +
              `template's version constraint allows (what packer init installs); ${found.plugin} ${older} has it.`,
            hint: `constrain the plugin to the releases the template is written for, e.g. version = "~> ${minor}"`,
          });
          return;
        }
        out.push({ file: c.file, at, message: `${message}${MAYBE[dynamic]}`, ...(dynamic === "maybe" ? { severity: "warning" as const } : {}), hint });
      };
      walkBody(ctx, found.table, c.block.body, found.body, c.meta, {
        attribute(attr, schema, type, dynamic, path) {
          if (type !== undefined) return;
          const s = hclSuggest(attr.name, Object.keys(schema.attrs));
          const isBlock = Object.hasOwn(schema.blocks, attr.name);
          const detail = s ? ` Did you mean "${s}"?` : isBlock ? ` Did you mean to define a block of type "${attr.name}"?` : "";
          const hint = !s && isBlock ? `write ${attr.name} { … } without "="` : undefined;
          report(attr.nameRange.start, `An argument named "${attr.name}" is not expected here.${detail}`, dynamic, path, attr.name, false, hint);
        },
        block(block, parent, schema, nested, at, name, dynamic, path) {
          if (!nested) {
            const isAttr = Object.hasOwn(schema.attrs, name);
            const s = isAttr ? undefined : hclSuggest(name, Object.keys(schema.blocks));
            const detail = isAttr
              ? ` Did you mean to define argument "${name}"? If so, use the equals sign to assign it a value.`
              : s
                ? ` Did you mean "${s}"?`
                : "";
            report(at, `Blocks of type "${name}" are not expected here.${detail}`, dynamic, path, name, true);
            return;
          }
          if (nested.nesting !== "single" || block.type === "dynamic") return;
          let seen = singles.get(parent);
          if (!seen) singles.set(parent, (seen = new Map()));
          const first = seen.get(name);
          if (first && first !== block) {
            out.push({
              file: c.file,
              at,
              message: `Duplicate ${name} block: only one ${name} block is allowed; another was defined at line ${first.typeRange.start.line}`,
            });
          } else seen.set(name, block);
        },
      });
    }
    return out;
  },
};
