import { getAttribute, staticValue } from "../../hcl/ast.ts";
import { mergedAttributes } from "../model/context.ts";
import type { Report, Rule } from "../types.ts";
import { mayBeTrue, tryEvaluate } from "../model/values.ts";

export const rule: Rule = {
  id: "SRC-05",
  name: "ambiguous-ami-lookup",
  severity: "warning",
  docs: {
    summary: "AMI lookups are unambiguous: a wildcard filter sets `most_recent = true`; a literal `ami-…` is not combined with a variable region.",
    why: 'A wildcard matching several AMIs fails at build time ("Your query returned more than one result"); AMI IDs are regional, so a literal ID breaks as soon as the region variable changes.',
    fix: "Add `most_recent = true` (or pin the dated name), and look the AMI up with a source_ami_filter instead of a literal ID when the region varies.",
  },
  check(ctx) {
    const out: Report[] = [];
    const blocks = [
      ...[...ctx.sources.values()].flatMap((ds) =>
        ds.map((d) => ({ file: d.file, block: d.block, filters: d.block.body.blocks.filter((b) => b.type === "source_ami_filter") })),
      ),
      ...[...ctx.data.values()].flatMap((ds) => ds.filter((d) => d.type === "amazon-ami").map((d) => ({ file: d.file, block: d.block, filters: [d.block] }))),
    ];
    for (const { file, filters } of blocks) {
      for (const f of filters) {
        const fm = getAttribute(f.body, "filters");
        const v = fm ? tryEvaluate(ctx, fm.expr) : undefined;
        const name = v && typeof v === "object" ? (v as Record<string, unknown>)["name"] : undefined;
        const set = mayBeTrue(ctx, getAttribute(f.body, "most_recent")?.expr);
        if (typeof name === "string" && /[*?]/.test(name) && !set) {
          out.push({
            file,
            at: fm!.expr.range.start,
            message: `AMI filter name "${name}" has a wildcard but no most_recent = true`,
            hint: 'several AMIs match: the build fails with "Your query returned more than one result"',
          });
        }
      }
    }
    for (const [, ds] of ctx.sources) {
      const d = ds[0]!;
      if (!d.type.startsWith("amazon-")) continue;
      const attrs = mergedAttributes({ raw: "", type: d.type, name: d.name, file: d.file, range: d.block.range, decl: d, valid: true });
      const ami = attrs.get("source_ami");
      const region = attrs.get("region");
      const id = ami ? staticValue(ami.expr) : undefined;
      if (typeof id === "string" && /^ami-/.test(id) && region && staticValue(region.expr) === undefined) {
        out.push({
          file: d.file,
          at: ami!.expr.range.start,
          message: `AMI IDs are regional: "${id}" exists in one region, but region is a variable`,
          hint: "look the AMI up with source_ami_filter, or make the region fixed",
        });
      }
    }
    return out;
  },
};
