/** INP-01: a rule whose findings validate() makes while reading the inputs (it carries docs, and can be configured). */
import type { Rule } from "../types.ts";

export const rule: Rule = {
  id: "INP-01",
  name: "unreadable-input",
  severity: "error",
  docs: {
    summary: "Every input is a readable UTF-8 text file: not missing, not a directory, not binary, not empty.",
    why: "A template that cannot be read cannot be validated; Packer would fail on it too (or, for an empty file, build nothing from it).",
    fix: "Pass the right path (templates are *.pkr.hcl files; var files go with --var-file), and save the file as UTF-8 text.",
    evidence:
      "The file itself, as read: missing, a directory, or not UTF-8 text. Packer reads the same bytes and stops on them. (An empty file is a warning: it declares nothing, which is not a failure.)",
  },
  check: () => [],
};
