import { functionCallsIn } from "../../hcl/ast.ts";
import { FUNCTIONS } from "../knowledge.ts";
import type { Report, Rule } from "../types.ts";
import { didYouMean } from "../util.ts";

export const rule: Rule = {
  id: "REF-03",
  severity: "error",
  docs: {
    summary: "Functions must be Packer HCL functions; `env()` only in variable defaults.",
    why: 'Packer offers `env()` only while evaluating variable defaults, and Go-template helpers such as `clean_resource_name` are not HCL functions: both fail `packer validate` with "Call to unknown function".',
    fix: 'Read environment variables in a variable default (`default = env("X")`) and use `var.x`; replace legacy helpers with HCL functions (e.g. `regex_replace`).',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const site of ctx.sites) {
      if (site.isType) continue;
      for (const call of functionCallsIn(site.attr.expr)) {
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
        if (FUNCTIONS.has(call.name)) continue;
        const legacy = call.name === "clean_resource_name" || call.name === "clean_image_name" || call.name === "clean_ami_name";
        out.push({
          file: site.file,
          at: call.nameRange.start,
          message: `Call to unknown function "${call.name}"${legacy ? "" : didYouMean(call.name, FUNCTIONS)}`,
          hint: legacy ? `${call.name} is a legacy JSON-template helper; use regex_replace(…, "[^a-zA-Z0-9-]", "-")` : undefined,
        });
      }
    }
    return out;
  },
};
