/** Rules whose findings the engine and the CLI make (they carry docs, and can be configured). */
import type { Rule } from "../types.ts";

export const inp01: Rule = {
  id: "INP-01",
  severity: "error",
  docs: {
    summary: "Every input is a readable UTF-8 text file: not missing, not a directory, not binary, not empty.",
    why: "A template that cannot be read cannot be validated; Packer would fail on it too (or, for an empty file, build nothing from it).",
    fix: "Pass the right path (templates are *.pkr.hcl files; var files go with --var-file), and save the file as UTF-8 text.",
  },
  check: () => [],
};

export const sup01: Rule = {
  id: "SUP-01",
  severity: "warning",
  docs: {
    summary: "Inline suppressions (`# packer-validate: ignore RULE-ID reason`) name a known rule, give a reason, and suppress something.",
    why: "A suppression without a reason hides a decision nobody can review; one that matches nothing is stale and would silently swallow a future finding.",
    fix: "Add the reason after the rule id, move the comment to the line before the finding (or the end of its line), or delete it.",
  },
  check: () => [],
};
