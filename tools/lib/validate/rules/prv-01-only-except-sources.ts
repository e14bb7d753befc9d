import { getAttribute, type Block } from "../../hcl/ast.ts";
import { useKey } from "../model/context.ts";
import type { Report, Rule } from "../types.ts";
import { didYouMean } from "../util.ts";

export const rule: Rule = {
  id: "PRV-01",
  name: "only-except-sources",
  // Packer accepts any entry (it compares each with `TYPE.NAME` and never reports one that
  // matches nothing), so what the entry was meant to name is a guess: a warning.
  severity: "warning",
  docs: {
    summary: "Every `only`/`except` entry of a provisioner or post-processor names a source of its build as `TYPE.NAME`.",
    why:
      "Packer compares the entries with `TYPE.NAME` (the build-level `name` when set), exactly (no wildcards), and " +
      "silently skips what does not match: `source.amazon-ebs.runner` or the CLI form `build.amazon-ebs.runner` " +
      "never match, so an `only` step never runs. Packer itself accepts such entries, hence a warning.",
    fix: 'Write the entry as `"amazon-ebs.runner"` (or `"amazon-ebs.<name>"` when the build-level source sets `name`).',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const b of ctx.builds) {
      // With sources Packer only knows at build time, an entry may match one of them.
      if (b.sourcesUnknown) continue;
      const keys = b.uses.filter((u) => u.valid).map(useKey);
      const blocks: Block[] = [...b.provisioners, ...b.postProcessors];
      for (const p of blocks) {
        for (const name of ["only", "except"]) {
          const a = getAttribute(p.body, name);
          if (!a || a.expr.kind !== "Tuple") continue;
          for (const item of a.expr.items) {
            if (item.kind !== "Template" || item.parts.length !== 1 || item.parts[0]!.kind !== "TemplateLiteral") continue;
            const v = item.parts[0]!.value;
            if (keys.includes(v)) continue;
            const parts = v.split(".");
            const tail = parts.slice(1).join(".");
            if (parts.length === 3 && (parts[0] === "source" || parts[0] === "build") && keys.includes(tail)) {
              out.push({
                file: b.file,
                at: item.range.start,
                message: `"${v}" never matches; use "${tail}"`,
                hint: `${name} entries are TYPE.NAME, without the "${parts[0]}." prefix`,
              });
              continue;
            }
            const renamed = b.uses.find((u) => u.localName !== undefined && `${u.type}.${u.name}` === v);
            if (renamed) {
              out.push({
                file: b.file,
                at: item.range.start,
                message: `"${v}" never matches: the build names this source "${useKey(renamed)}"`,
                hint: `use "${useKey(renamed)}"`,
              });
              continue;
            }
            out.push({
              file: b.file,
              at: item.range.start,
              message: `"${v}" never matches a source of this build${didYouMean(v, keys)}`,
              hint: keys.length > 0 ? `sources of this build: ${keys.join(", ")}` : undefined,
            });
          }
        }
      }
    }
    return out;
  },
};
