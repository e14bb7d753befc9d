import { exprSource, traversalsIn, type Attribute } from "../../hcl/ast.ts";
import { imageNames, nameDependencies } from "../model/naming.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "NAM-04",
  name: "duplicate-image-name",
  severity: "warning",
  docs: {
    summary: "Two sources (or two uses of one source) do not produce the same image name.",
    why: 'Both builds register an image under the same name in the same run: the second one fails ("already exists") after its whole build.',
    fix: "Make the names differ, e.g. add `${source.name}` or `${var.arch}` to the name.",
  },
  check(ctx) {
    const out: Report[] = [];
    const perSource = (a: Attribute): boolean => traversalsIn(a.expr).some((t) => t.root === "source");
    // Uses of the same definition: the same name unless it mentions the source.
    const usesPerAttr = new Map<Attribute, number>();
    for (const b of ctx.builds) {
      for (const u of b.uses) {
        if (!u.decl) continue;
        const kind = u.type === "googlecompute" ? "image_name" : "ami_name";
        const a = u.block?.body.attributes.find((x) => x.name === kind) ?? u.decl.block.body.attributes.find((x) => x.name === kind);
        if (a) usesPerAttr.set(a, (usesPerAttr.get(a) ?? 0) + 1);
      }
    }
    const names = imageNames(ctx);
    const bySource = new Map<string, typeof names>();
    for (const n of names) {
      const deps = nameDependencies(ctx, n.attr.expr);
      if (deps.volatile || deps.legacy || perSource(n.attr)) continue;
      if ((usesPerAttr.get(n.attr) ?? 0) > 1) {
        out.push({
          file: n.file,
          at: n.attr.expr.range.start,
          message: `${n.kind} is the same for every build of ${n.decl.type}.${n.decl.name}; add \${source.name}`,
        });
        continue;
      }
      const key = `${n.kind}:${exprSource(n.file.text, n.attr.expr)}`;
      const list = bySource.get(key) ?? [];
      list.push(n);
      bySource.set(key, list);
    }
    for (const list of bySource.values()) {
      for (const n of list.slice(1)) {
        const first = list[0]!;
        out.push({
          file: n.file,
          at: n.attr.expr.range.start,
          message: `${n.kind} is the same as for ${first.decl.type}.${first.decl.name}; add \${var.arch} or \${source.name}`,
          hint: `both sources register an image named ${exprSource(n.file.text, n.attr.expr)}`,
        });
      }
    }
    return out;
  },
};
