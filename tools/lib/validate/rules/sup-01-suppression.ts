/** SUP-01: a rule whose findings the engine makes while applying suppressions (it carries docs, and can be configured). */
import type { Rule } from "../types.ts";

export const rule: Rule = {
  id: "SUP-01",
  name: "suppression",
  severity: "warning",
  docs: {
    summary: "Inline suppressions (`# packer-validate: ignore RULE-ID reason`) name a known rule, give a reason, and suppress something.",
    why: "A suppression without a reason hides a decision nobody can review; one that matches nothing is stale and would silently swallow a future finding.",
    fix: "Add the reason after the rule id, move the comment to the line before the finding (or the end of its line), or delete it.",
  },
  check: () => [],
};
