import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "SYN-01",
  name: "parse-error",
  severity: "error",
  docs: {
    summary: "The file must parse as HCL2 native syntax.",
    why: "`packer validate -syntax-only` and every later step stop at the first syntax error; nothing else in the file can be checked.",
    fix: "Fix the syntax at the reported position (unclosed braces and strings, a missing `=`, a repeated attribute).",
    evidence:
      "The file's text and HCL's native syntax, as the parser reads it (held by a differential test to hcl2-parser, a build of HashiCorp's own HCL parser): Packer parses every file before anything else and stops at the first syntax error.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const f of [...ctx.templates, ...ctx.varFiles]) {
      for (const d of f.diagnostics) {
        const r: Report = { file: f, at: d.range.start, message: d.message };
        if (d.hint !== undefined) r.hint = d.hint;
        out.push(r);
      }
    }
    return out;
  },
};
