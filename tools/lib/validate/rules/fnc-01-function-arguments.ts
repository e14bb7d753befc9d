import { allCalls } from "../model/calls.ts";
import { parseTypeString } from "../model/convert.ts";
import { FUNCTIONS } from "../funcs/table.ts";
import type { Report, Rule } from "../types.ts";
import { tryEvaluateTyped, whyNotType } from "../model/values.ts";
import { plural } from "../util.ts";

export const rule: Rule = {
  id: "FNC-01",
  name: "function-arguments",
  severity: "error",
  docs: {
    summary: "Function calls pass as many arguments as the function takes, of types it accepts.",
    why:
      'Packer checks each call when it evaluates the expression and stops with "Not enough function arguments", "Too ' +
      'many function arguments" or "Invalid function argument". Parameter counts and types come from Packer\'s own ' +
      "function table (tools/lib/validate/funcs/). Calls inside `can()`, `try()` or one result of a conditional are " +
      "left alone: there an error does not stop Packer.",
    fix: 'Pass the arguments the message names, e.g. `formatdate("YYYYMMDD", timestamp())`.',
    evidence:
      "The call as written (its argument count) and Packer's function table generated from the Packer release's sources; " +
      "an argument's type is judged only on a value the validator computes as go-cty does, converted with go-cty's rules.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const { site, call, guarded } of allCalls(ctx)) {
      if (guarded || site.inVariableDefault) continue;
      const sig = Object.hasOwn(FUNCTIONS, call.name) ? FUNCTIONS[call.name] : undefined;
      if (!sig) continue; // REF-03 reports unknown functions
      const n = call.args.length;
      const want = sig.params.length;
      if (n < want && !call.expandFinal) {
        out.push({
          file: site.file,
          at: (call.closeParenRange ?? call.range).start,
          message: `Not enough function arguments: function "${call.name}" expects ${plural(want, "argument")}; missing value for "${sig.params[n]!.name}".`,
          hint: `${call.name}(${sig.params.map((p) => p.name).join(", ")}${sig.variadic ? `, ${sig.variadic.name}...` : ""})`,
        });
        continue;
      }
      if (n > want && !sig.variadic && !call.expandFinal) {
        out.push({
          file: site.file,
          at: call.args[want]!.range.start,
          message: `Too many function arguments: function "${call.name}" expects only ${plural(want, "argument")}.`,
          hint: `${call.name}(${sig.params.map((p) => p.name).join(", ")})`,
        });
        continue;
      }
      if (call.expandFinal) continue;
      const min = sig.minArgs ?? want;
      if (n < min || (sig.maxArgs !== undefined && n > sig.maxArgs)) {
        const range =
          sig.maxArgs === undefined
            ? `at least ${plural(min, "argument")}`
            : min === sig.maxArgs
              ? plural(min, "argument")
              : `${min} to ${sig.maxArgs} arguments`;
        out.push({
          file: site.file,
          at: n > (sig.maxArgs ?? Infinity) ? call.args[sig.maxArgs!]!.range.start : call.nameRange.start,
          message: `Call to function "${call.name}" failed: it takes ${range}, not ${n}.`,
        });
        continue;
      }
      call.args.forEach((arg, i) => {
        const slot = Math.min(i, want);
        if (sig.typeParams?.includes(slot) || sig.exprParams?.includes(slot)) return;
        const p = i < want ? sig.params[i] : sig.variadic;
        if (!p || p.type === "any") return;
        const t = parseTypeString(p.type);
        if (!t) return;
        // The argument's value converted as HCL converts it: a value not known here, or a part of
        // it that is unknown, is not judged.
        const v = tryEvaluateTyped(ctx, arg);
        if (v.v === null) return;
        const why = whyNotType(v, t);
        if (why)
          out.push({
            file: site.file,
            at: arg.range.start,
            message: `Invalid value for "${p.name}" parameter: ${why}.`,
            hint: `${call.name}'s ${p.name} takes ${p.type}`,
          });
      });
    }
    return out;
  },
};
