import { exprSource, functionCallsIn } from "../../hcl/ast.ts";
import { FUNCTIONS } from "./utils/knowledge.ts";
import { typeArgumentRanges } from "../model/refs.ts";
import { byReach, reachAt } from "../model/reach.ts";
import type { Report, Rule } from "../types.ts";
import { didYouMean } from "../util.ts";

export const rule: Rule = {
  id: "REF-03",
  name: "unknown-function",
  severity: "error",
  docs: {
    summary: "Functions must be Packer HCL functions; `env()` only in variable defaults, and nothing but `env()` there.",
    why:
      "Packer evaluates variable defaults with `env()` as the only function and offers `env()` nowhere else, and " +
      "Go-template helpers such as `clean_resource_name` are not HCL functions: all fail `packer validate` with " +
      '"Call to unknown function".',
    fix:
      'Read environment variables in a variable default (`default = env("X")`) and use `var.x`; compute anything ' +
      'else (e.g. `formatdate("YYYYMMDD", timestamp())`) in a local instead of a default; replace legacy helpers ' +
      "with HCL functions (e.g. `regex_replace`).",
    evidence:
      "The function name as written and Packer's function table (generated from the Packer release's sources), in a part of the expression Packer evaluates and reports errors for (not in try()/can() or a conditional's result that is not chosen); in a variable default, which Packer evaluates with env() as its only function.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const site of ctx.sites) {
      if (site.isType) continue;
      // In a default, Packer stops at the first unknown call: report the outermost ones.
      let inside = -1;
      // convert(x, list(string)): a type argument is a type expression, not a call.
      const typeArgs = typeArgumentRanges(site.attr.expr);
      for (const call of functionCallsIn(site.attr.expr)) {
        const o = call.range.start.offset;
        if (typeArgs.some((r) => r.start.offset <= o && o < r.end.offset)) continue;
        if (call.name === "env") {
          if (site.inVariableDefault) continue;
          out.push({
            file: site.file,
            at: call.nameRange.start,
            message: 'Call to unknown function "env"; read it in a variable default',
            hint: 'variable "x" { default = env("X") } and use var.x here',
          });
          continue;
        }
        if (site.inVariableDefault) {
          if (call.range.start.offset < inside) continue;
          inside = call.range.end.offset;
          const known = FUNCTIONS.has(call.name);
          out.push({
            file: site.file,
            at: call.nameRange.start,
            message: known
              ? `Call to unknown function "${call.name}": a variable default may only call env(); compute it in a local`
              : `Call to unknown function "${call.name}"${didYouMean(call.name, FUNCTIONS)}`,
            hint: known
              ? `locals { x = ${exprSource(site.file.text, call).split("\n")[0]} } and use local.x; the default can stay a literal or env()`
              : "a variable default may only call env(); compute anything else in a local",
          });
          continue;
        }
        if (FUNCTIONS.has(call.name)) continue;
        const legacy = call.name === "clean_resource_name" || call.name === "clean_image_name" || call.name === "clean_ami_name";
        // Reported where Packer evaluates the call: not in a conditional's other result, try() or can().
        const r = byReach(reachAt(ctx, site, call), {
          file: site.file,
          at: call.nameRange.start,
          message: `Call to unknown function "${call.name}"${legacy ? "" : didYouMean(call.name, FUNCTIONS)}`,
          hint: legacy ? `${call.name} is a legacy JSON-template helper; use regex_replace(…, "[^a-zA-Z0-9-]", "-")` : undefined,
        } as Report);
        if (r) out.push(r);
      }
    }
    return out;
  },
};
