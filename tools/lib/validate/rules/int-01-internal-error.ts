/** INT-01: a rule whose findings the engine makes when another rule fails (it carries docs, and can be configured). */
import type { Rule } from "../types.ts";

export const rule: Rule = {
  id: "INT-01",
  name: "internal-error",
  severity: "error",
  docs: {
    summary: "A rule of the validator failed on this input (a bug in the validator, not in the template).",
    why:
      "When a rule throws, the validator reports it instead of stopping, so the other rules' findings still reach you; but the failed " +
      "rule checked nothing, and a template it would have flagged may pass. It is an error so that a green run never hides a check that did not run.",
    fix:
      "Report it with the template (the message names the rule). Until it is fixed, turn the failing rule off for the target " +
      '(`validate_rules = {"REF-01": "off"}`), or make INT-01 a warning (`--rule INT-01=warning`).',
    evidence: "The failing rule threw: what it would have found is not known, so the run cannot promise the template passes it.",
  },
  check: () => [],
};
