/** docs/rules.md, generated from the rules' own metadata. */
import { MAX_CHAIN, MAX_NESTING } from "../hcl/parser.ts";
import { RULES } from "./rules/index.ts";
import { MAX_SUGGESTED_NAME } from "./util.ts";

export const DOCS_PATH = "docs/rules.md";
export const REGENERATE = "node tools/lib/validate/gen-docs.ts";

export function rulesMarkdown(): string {
  const lines: string[] = [
    "# Template validator rules",
    "",
    `<!-- Generated from tools/lib/validate/rules/*.ts by \`${REGENERATE}\`; do not edit. -->`,
    "",
    "## Severity policy",
    "",
    "Every error is a promise that something will fail; anything less certain is a warning or info.",
    "",
    "- **error**: Packer rejects the template (at `packer validate` or when the build starts, or a provisioning step",
    "  that cannot succeed on the base image fails it as surely), the cloud rejects the build (the image name",
    "  collides on the second run), or an Aspect Workflows runner cannot work (a required package is missing, with",
    "  evidence of what the base image ships).",
    "- **warning**: a heuristic or a guess about intent: a likely mistake that Packer and the cloud accept.",
    "- **info**: style.",
    "",
    "Every rule that can report an error says, under **Evidence**, what the error rests on and why that evidence is",
    "certain. Values are computed as Packer computes them (go-cty's rules); what cannot be known before the build (a",
    "data source's result, a secret, the clock, an unset variable) is unknown, and no rule turns an unknown into an",
    "error: one mistake gives one error.",
    "",
    "A rule whose verdict rests on a guess (which variable is the cache bust, what a base image ships, whether a",
    "source is built) reports an error only when the evidence is certain, and its message says what evidence it",
    'used (`base guessed from ssh_username "ubuntu"`, `taken for the cache bust by its name`); with weaker',
    "evidence the same finding is a warning. The table gives each rule's default; a rule may report some",
    "findings at a lower severity, as its section says.",
    "",
    "## Rules",
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
    "`bazel run //tools:cli -- validate DIR` (or `.`) checks a folder's `*.pkr.hcl` and `*.auto.pkrvars.hcl` files, as",
    "Packer reads them; `-var NAME=VALUE` and `-var-file FILE` are taken as Packer takes them. With",
    "`--packer-version X.Y.Z` (`bazel test` passes the toolchain's) what that Packer does not support is an error (PKR-01).",
    "",
    "### Limits",
    "",
    "Any input up to 10 MB (a list of a million elements, a heredoc of a hundred thousand commands, tens of",
    "thousands of blocks) is checked without an internal error, in no more than about 2 seconds per MB",
    "(`tools/lib/validate/robustness.test.ts` holds the validator to this). Beyond what Packer itself accepts, the",
    `validator reads expressions nested at most ${MAX_NESTING} levels deep (brackets, calls, conditionals) and chains of at`,
    `most ${MAX_CHAIN} operators or attribute and index steps; deeper or longer ones are a SYN-01 error that says so. Names`,
    `longer than ${MAX_SUGGESTED_NAME} characters get no did-you-mean, and the suggestions of one run stop (the findings stay)`,
    "once they have cost about half a second per MB of input.",
    "",
    "| id | name | severity | checks |",
    "|---|---|---|---|",
    ...RULES.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.name} | ${r.severity} | ${r.docs.summary.replace(/\|/g, "\\|")} |`),
    "",
  ];
  for (const r of RULES) {
    lines.push(
      `## ${r.id}`,
      "",
      `**Name:** \`${r.name}\` · **Default severity:** ${r.severity}${r.formerly?.length ? ` · **Formerly:** ${r.formerly.join(", ")} (suppressions and \`--rule\` settings naming them apply here)` : ""}`,
      "",
      r.docs.summary,
      "",
      `**Why:** ${r.docs.why}`,
      "",
      `**Fix:** ${r.docs.fix}`,
      "",
      ...(r.docs.evidence ? [`**Evidence:** ${r.docs.evidence}`, ""] : []),
    );
    if (r.docs.evidence) lines.push(`**Evidence:** ${r.docs.evidence}`, "");
  }
  return lines.join("\n");
}
