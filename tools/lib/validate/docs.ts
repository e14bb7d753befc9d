/** docs/rules.md, generated from the rules' own metadata. */
import { RULES } from "./rules/index.ts";

export const DOCS_PATH = "docs/rules.md";
export const REGENERATE = "node tools/lib/validate/gen-docs.ts";

export function rulesMarkdown(): string {
  const lines: string[] = [
    "# Template validator rules",
    "",
    `<!-- Generated from tools/lib/validate/rules/*.ts by \`${REGENERATE}\`; do not edit. -->`,
    "",
    "`bazel test` runs these checks on every `packer_image` template (`:<name>.validate`); run them by hand with",
    "`bazel run //tools:cli -- validate FILES...`. Findings print as `file:line:col: severity RULE-ID: message (hint: …)`.",
    "",
    "Change a rule's severity per target with `--rule ID=off|error|warning|info`, or suppress one finding with a",
    "comment on the line before it (or at the end of its line), giving a reason:",
    "",
    "```hcl",
    "# packer-validate: ignore NAM-01 this image is rebuilt by hand after deleting the old one",
    'ami_name = "golden"',
    "```",
    "",
    "| id | severity | checks |",
    "|---|---|---|",
    ...RULES.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${r.docs.summary.replace(/\|/g, "\\|")} |`),
    "",
  ];
  for (const r of RULES) {
    lines.push(`## ${r.id}`, "", `**Default severity:** ${r.severity}`, "", r.docs.summary, "", `**Why:** ${r.docs.why}`, "", `**Fix:** ${r.docs.fix}`, "");
  }
  return lines.join("\n");
}
