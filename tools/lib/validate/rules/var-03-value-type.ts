import type { Report, Rule } from "../types.ts";
import { EvalError } from "../model/evaluate.ts";
import { assignedRaw, declType, defaultValueRaw, stringAssignment, typeName, whyNotType } from "../model/values.ts";

/** go-cty's "list of string required" as a sentence: "a list of string is required". */
function sentence(why: string): string {
  const m = /^(.*) required$/.exec(why);
  if (!m || /^(a|an) /.test(m[1]!) || / is$/.test(m[1]!)) return why;
  return `${/^[aeiou]/.test(m[1]!) ? "an" : "a"} ${m[1]} is required`;
}

export const rule: Rule = {
  id: "VAR-03",
  name: "value-type",
  severity: "error",
  docs: {
    summary: "Defaults and supplied values conform to the variable's `type`.",
    why: 'Packer converts every value to the declared type before building; "Invalid default value for variable" or "Invalid value for input variable" stops the run.',
    fix: "Change the value (or the type) so they agree, e.g. quote a string, use a list `[...]` for list(string).",
    evidence:
      "The declared `type` and the value, both as Packer reads them: the default evaluated as Packer evaluates it, or the value given (a var file, -var, PKR_VAR_*), converted with go-cty's conversion rules; a value that is not known before the build is not judged.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const [name, decls] of ctx.variables) {
      const d = decls[0]!;
      const t = declType(d);
      if (!t) continue;
      if (d.default && d.block.type === "variable") {
        const v = defaultValueRaw(d);
        const why = v && whyNotType(v, t);
        if (why)
          out.push({
            file: d.file,
            at: d.default.expr.range.start,
            message: `Invalid default value for variable "${name}": ${sentence(why)}`,
            hint: `the type is ${typeName(t)}`,
          });
      }
      const s = ctx.supplied.get(name);
      if (!s) continue;
      if (s.raw !== undefined && stringAssignment(ctx, s.raw, t) instanceof EvalError) {
        const what = t.k === "bool" ? "a bool is required" : `"${s.raw}" is not a valid ${typeName(t)} expression`;
        out.push({ file: "<command line>", message: `Invalid value for ${s.origin === "env" ? `PKR_VAR_${name}` : `-var ${name}`}: ${what}` });
        continue;
      }
      const why = whyNotType(assignedRaw(ctx, d, s), t);
      if (!why) continue;
      if (s.file)
        out.push({
          file: s.file,
          at: s.attr ? s.attr.expr.range.start : s.at,
          message: `Invalid value for variable "${name}": ${sentence(why)}`,
          hint: `the type is ${typeName(t)}`,
        });
      else
        out.push({
          file: "<command line>",
          message: `Invalid value for ${s.origin === "env" ? `PKR_VAR_${name}` : `-var ${name}`}: ${sentence(why)}`,
          hint: `the type is ${typeName(t)}`,
        });
    }
    return out;
  },
};
