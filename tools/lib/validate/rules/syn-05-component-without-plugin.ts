import { staticValue } from "../../hcl/ast.ts";
import { lookupComponent } from "./utils/components.ts";
import { BUILTIN } from "./utils/knowledge.ts";
import { describePins } from "../../plugins.ts";
import type { ParsedFile, Report, Rule } from "../types.ts";
import type { Pos } from "../../hcl/ast.ts";

/** Plugins that HashiCorp does not publish: where their source lives. */
const PUBLISHERS: Record<string, string> = {
  hcloud: "github.com/hetznercloud",
  digitalocean: "github.com/digitalocean",
  linode: "github.com/linode",
  vultr: "github.com/vultr",
  scaleway: "github.com/scaleway",
  tart: "github.com/cirruslabs",
  goss: "github.com/YaleUniversity",
  "windows-update": "github.com/rgl",
};

export const rule: Rule = {
  id: "SYN-05",
  name: "component-without-plugin",
  severity: "error",
  docs: {
    summary:
      "Every component (source, data, provisioner, post-processor) is builtin or comes from a `required_plugins` entry (an error where Bazel pins the plugins and none provides it).",
    why:
      "Since Packer 1.10 no external plugin is bundled: `packer init` installs only what `required_plugins` lists, " +
      "so `amazon-ebs` without `required_plugins.amazon` works only on a machine where the plugin was installed by " +
      'hand (a warning), and fails with "likely part of a plugin that is not installed" everywhere else. With ' +
      "plugins pinned in MODULE.bazel Packer sees only those: a type no pinned plugin provides is an error.",
    fix: 'Add the plugin to `packer { required_plugins { … } }`, e.g. `amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }`.',
    evidence:
      "The component's type, the builtin components of the Packer release, and the plugins Bazel pins for the target (the only ones Packer sees with pinned plugins): an error only where plugins are pinned and none provides the type; without pins it is a warning, since a plugin may be installed by hand.",
  },
  check(ctx) {
    const plugins = new Set<string>();
    for (const { block } of ctx.packerBlocks) {
      for (const rp of block.body.blocks.filter((b) => b.type === "required_plugins")) {
        for (const a of rp.body.attributes) {
          plugins.add(a.name);
          const v = staticValue(a.expr) as { source?: unknown } | undefined;
          if (v && typeof v === "object" && typeof v.source === "string") {
            const name = v.source.split("/").pop();
            if (name) plugins.add(name.replace(/^packer-plugin-/, ""));
          }
        }
      }
    }
    const provided = (t: string): boolean => {
      for (const p of plugins) if (t === p || t.startsWith(`${p}-`)) return true;
      return false;
    };
    const out: Report[] = [];
    const seen = new Set<string>();
    const check = (file: ParsedFile, kind: keyof typeof BUILTIN, type: string, at: Pos): void => {
      if (BUILTIN[kind].has(type) || provided(type)) return;
      // A misspelled type is not a missing plugin: CMP-01 says which type was meant.
      const found = lookupComponent(ctx, kind, type);
      if (found.status === "unknown-type" || found.status === "misspelled") return;
      const key = `${kind}:${type}`;
      const plugin = type.split("-")[0]!;
      const hint = `add packer { required_plugins { ${plugin} = { source = "${PUBLISHERS[plugin] ?? "github.com/hashicorp"}/${plugin}", version = "~> 1.0" } } }`;
      const pins = ctx.options.pluginPins;
      if (pins && pins.size > 0) {
        // Packer sees only the pinned plugins: a type none of them provides cannot be found.
        const pinnedNames = [...pins.keys()].map((src) =>
          src
            .split("/")
            .pop()!
            .replace(/^packer-plugin-/, ""),
        );
        if (pinnedNames.some((n) => type === n || type.startsWith(`${n}-`))) return;
        out.push({
          file,
          at,
          message: `${type}: no plugin pinned in MODULE.bazel provides it (pinned: ${describePins(pins)}), and Packer sees only those`,
          hint,
        });
      } else {
        out.push({
          file,
          at,
          severity: "warning",
          message: `${type} comes from a plugin that required_plugins does not list: packer init will not install it, so the build works only where the plugin is already installed`,
          hint,
        });
      }
      seen.add(key);
    };
    for (const file of ctx.templates) {
      for (const b of file.body.blocks) {
        if ((b.type === "source" || b.type === "data") && b.labels[0]) check(file, b.type, b.labels[0].value, b.labels[0].range.start);
        if (b.type !== "build") continue;
        for (const c of b.body.blocks) {
          const l = c.labels[0];
          if (!l) continue;
          if (c.type === "provisioner" || c.type === "error-cleanup-provisioner") check(file, "provisioner", l.value, l.range.start);
          if (c.type === "post-processor") check(file, "post-processor", l.value, l.range.start);
          if (c.type === "post-processors") {
            for (const pp of c.body.blocks)
              if (pp.type === "post-processor" && pp.labels[0]) check(file, "post-processor", pp.labels[0].value, pp.labels[0].range.start);
          }
        }
      }
    }
    return out;
  },
};
