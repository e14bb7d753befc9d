import { functionCallsIn, staticValue, traversalsIn } from "../../hcl/ast.ts";
import { literalError } from "../model/values.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "VAR-05",
  name: "var-file-content",
  severity: "error",
  docs: {
    summary: "Var files hold literal `name = value` lines only, are named `*.pkrvars.hcl`, and load only when passed (or named `*.auto.pkrvars.hcl`).",
    why:
      'Packer evaluates var files without variables or functions and rejects blocks in them ("Variable declaration ' +
      'in a .pkrvar file"); a var file among the templates that is not `.auto.` never loads, so its values silently ' +
      "do not apply.",
    fix: "Keep declarations in `.pkr.hcl` templates, write only literal values in var files, and pass them with `var_files` (or rename to `*.auto.pkrvars.hcl`).",
    evidence:
      "The var file as written: a block, or a value Packer evaluates without an evaluation context and that references a variable or calls a function (Packer evaluates var files with no variables and no functions).",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const f of ctx.varFiles) {
      const at1 = { line: 1, column: 1 };
      if (f.positional && !f.auto) {
        out.push({
          file: f,
          at: at1,
          severity: "warning",
          message: "var file given as a template never loads; pass it with --var-file",
          hint: "list it in the target's var_files, or rename it *.auto.pkrvars.hcl",
        });
      }
      if (!/\.pkrvars\.(hcl|json)$/.test(f.path)) {
        out.push({
          file: f,
          at: at1,
          severity: "warning",
          message: "var file name should end in .pkrvars.hcl",
          hint: "packer fmt and editors recognise var files by that suffix",
        });
      }
      if (f.json) continue;
      for (const b of f.body.blocks) {
        out.push({
          file: f,
          at: b.typeRange.start,
          message: b.type === "variable" ? "Variable declaration in a .pkrvars file" : `Blocks of type "${b.type}" are not allowed in a var file`,
          hint: "declare variables in a .pkr.hcl template; var files only assign values: name = value",
        });
      }
      for (const a of f.body.attributes) {
        // Packer evaluates var files with no variables and no functions: arithmetic, conditionals
        // and for expressions over literals still work, and a conditional's other result is not
        // reported. What it rejects is a reference or a call it evaluates.
        if (staticValue(a.expr) !== undefined) continue;
        if (traversalsIn(a.expr).length === 0 && functionCallsIn(a.expr).length === 0) continue;
        const why = literalError(a.expr);
        if (!why || !/^(Variables|Function calls) not allowed/.test(why)) continue;
        out.push({
          file: f,
          at: a.expr.range.start,
          message: `Value of "${a.name}" is not a literal: var files allow no variables or function calls`,
          hint: "write the literal value, or compute it in a local in the template",
        });
      }
    }
    return out;
  },
};
