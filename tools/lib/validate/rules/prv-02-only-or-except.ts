import { getAttribute } from "../../hcl/ast.ts";
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
  },
  messages: MESSAGES,
  check(ctx) {
    const out: Report[] = [];
    for (const b of ctx.builds) {
      for (const p of [...b.provisioners, ...b.postProcessors]) {
        const except = getAttribute(p.body, "except");
        if (getAttribute(p.body, "only") && except) {
          out.push({ file: b.file, at: except.nameRange.start, message: MESSAGES.both });
        }
      }
    }
    return out;
  },
};
