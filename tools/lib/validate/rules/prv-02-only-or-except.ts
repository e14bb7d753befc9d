import { getAttribute } from "../../hcl/ast.ts";
import { argumentSet } from "../model/values.ts";
import type { Report, Rule } from "../types.ts";

/** What the rule reports. */
const MESSAGES = {
  both: "only one of 'only' or 'except' may be specified",
};

export const rule: Rule = {
  id: "PRV-02",
  name: "only-or-except",
  severity: "error",
  docs: {
    summary: "A provisioner or post-processor sets `only` or `except`, not both.",
    why: "Packer rejects the block: \"only one of 'only' or 'except' may be specified\".",
    fix: "Keep one of the two lists.",
    evidence:
      "The two lists computed as Packer computes them: both certainly non-empty, which Packer's OnlyExcept.Validate refuses. An empty or unknown list is no evidence.",
  },
  messages: MESSAGES,
  check(ctx) {
    const out: Report[] = [];
    for (const b of ctx.builds) {
      for (const p of [...b.provisioners, ...b.postProcessors]) {
        // Packer refuses the two only when both lists are non-empty (OnlyExcept.Validate):
        // a list computed empty, or not known before the build, is no evidence.
        const except = getAttribute(p.body, "except");
        const only = getAttribute(p.body, "only");
        if (except && only && argumentSet(ctx, only.expr) === true && argumentSet(ctx, except.expr) === true) {
          out.push({ file: b.file, at: except.nameRange.start, message: MESSAGES.both });
        }
      }
    }
    return out;
  },
};
