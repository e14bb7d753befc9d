import { exprSource, walkExpressions } from "../../hcl/ast.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "FMT-02",
  name: "style",
  severity: "info",
  docs: {
    summary: 'Style: `"${var.x}"` is just `var.x`; comments use `#`; variable and local names are snake_case.',
    why: "A lone interpolation in quotes is HCL1 style and hides the value's type; `#` is the canonical comment; snake_case names read like the rest of Packer's.",
    fix: "Write `region = var.region`, `# comment`, and names like `instance_type`.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const site of ctx.sites) {
      if (site.isType) continue;
      walkExpressions(site.attr.expr, (e) => {
        if (e.kind === "Template" && !e.heredoc && e.parts.length === 1 && e.parts[0]!.kind === "TemplateInterpolation") {
          const inner = exprSource(site.file.text, e.parts[0]!.expr);
          out.push({ file: site.file, at: e.range.start, message: `"\${${inner}}" → ${inner}`, hint: "drop the quotes and ${ }" });
          return false;
        }
        return undefined;
      });
    }
    for (const file of ctx.templates) {
      const lines = file.text.split(/\r\n|\n|\r/);
      lines.forEach((l, i) => {
        const col = l.search(/\S/);
        if (col >= 0 && l.startsWith("//", col))
          out.push({ file, at: { line: i + 1, column: col + 1 }, message: "// comment → #", hint: "packer fmt keeps # as the comment style" });
      });
    }
    for (const [kind, table] of [
      ["var", ctx.variables],
      ["local", ctx.locals],
    ] as const) {
      for (const [name, decls] of table) {
        if (/^[a-z_][a-z0-9_]*$/.test(name)) continue;
        const d = decls[0]!;
        out.push({
          file: d.file,
          at: d.nameRange.start,
          message: `${kind}.${name} is not snake_case`,
          hint: `rename to ${name
            .replace(/-/g, "_")
            .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
            .toLowerCase()}`,
        });
      }
    }
    return out;
  },
};
