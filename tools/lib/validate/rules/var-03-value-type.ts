import { staticValue } from "../../hcl/ast.ts";
import { EvalError } from "../model/evaluate.ts";
import type { Report, Rule } from "../types.ts";
import { declType, nonConformance, typeName, valueFromString } from "../model/values.ts";

export const rule: Rule = {
  id: "VAR-03",
  name: "value-type",
  severity: "error",
  docs: {
    summary: "Defaults and supplied values conform to the variable's `type`.",
    why: 'Packer converts every value to the declared type before building; "Invalid default value for variable" or "Invalid value for input variable" stops the run.',
    fix: "Change the value (or the type) so they agree, e.g. quote a string, use a list `[...]` for list(string).",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const [name, decls] of ctx.variables) {
      const d = decls[0]!;
      const t = declType(d);
      if (!t) continue;
      if (d.default && d.block.type === "variable") {
        const v = staticValue(d.default.expr);
        const why = v === undefined ? undefined : nonConformance(v, t);
        if (why)
          out.push({
            file: d.file,
            at: d.default.expr.range.start,
            message: `Invalid default value for variable "${name}": ${why}`,
            hint: `the type is ${typeName(t)}`,
          });
      }
      const s = ctx.supplied.get(name);
      if (!s) continue;
      let v: unknown;
      if (s.raw !== undefined) {
        v = valueFromString(ctx, s.raw, t);
        if (v instanceof EvalError) {
          out.push({ file: "<command line>", message: `Invalid value for -var ${name}: "${s.raw}" is not a valid ${typeName(t)} expression` });
          continue;
        }
      } else v = s.value;
      if (v === undefined) continue;
      const why = nonConformance(v, t);
      if (!why) continue;
      if (s.file)
        out.push({
          file: s.file,
          at: s.attr ? s.attr.expr.range.start : s.at,
          message: `Invalid value for variable "${name}": ${why}`,
          hint: `the type is ${typeName(t)}`,
        });
      else
        out.push({
          file: "<command line>",
          message: `Invalid value for ${s.origin === "env" ? `PKR_VAR_${name}` : `-var ${name}`}: ${why}`,
          hint: `the type is ${typeName(t)}`,
        });
    }
    return out;
  },
};
