/**
 * Inline suppressions: `# packer-validate: ignore RULE-ID reason` (also after `//`).
 * A comment alone on its line applies to the next line; after code, to its own line.
 * A reason is required. Several ids may be given, comma-separated.
 */

export interface Suppression {
  file: string;
  /** Line of the comment. */
  line: number;
  column: number;
  /** Line the suppression applies to. */
  target: number;
  rules: string[];
  reason: string;
  used: Set<string>;
}

export interface SuppressionProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

const MARKER = /(#|\/\/)\s*packer-validate:\s*(\S*)\s*(.*)$/;

/** Whether `#` at `index` of `line` is outside a double-quoted string (a rough test). */
function outsideString(line: string, index: number): boolean {
  let quoted = false;
  for (let i = 0; i < index; i++) {
    const c = line[i];
    if (c === "\\") i++;
    else if (c === '"') quoted = !quoted;
  }
  return !quoted;
}

export function scanSuppressions(file: string, text: string): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  if (!text.includes("packer-validate:")) return { suppressions, problems };
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = MARKER.exec(line);
    if (!m) continue;
    const index = m.index;
    if (!outsideString(line, index)) continue;
    const column = [...line.slice(0, index)].length + 1;
    const own = line.slice(0, index).trim() === "";
    const [, , verb, rest] = m;
    if (verb !== "ignore") {
      problems.push({
        file,
        line: i + 1,
        column,
        message: `unknown directive "packer-validate: ${verb}"`,
        hint: "write `# packer-validate: ignore RULE-ID reason`",
      });
      continue;
    }
    const restTrim = (rest ?? "").trim();
    const sp = restTrim.search(/\s/);
    const idsText = sp < 0 ? restTrim : restTrim.slice(0, sp);
    const reason = sp < 0 ? "" : restTrim.slice(sp).trim();
    const rules = idsText.split(",").filter((s) => s !== "");
    if (rules.length === 0) {
      problems.push({ file, line: i + 1, column, message: "suppression names no rule", hint: "write `# packer-validate: ignore RULE-ID reason`" });
      continue;
    }
    if (reason === "") {
      problems.push({
        file,
        line: i + 1,
        column,
        message: `suppression of ${rules.join(", ")} has no reason`,
        hint: "say why after the rule id: `# packer-validate: ignore RULE-ID reason`",
      });
      continue;
    }
    suppressions.push({ file, line: i + 1, column, target: own ? i + 2 : i + 1, rules, reason, used: new Set() });
  }
  return { suppressions, problems };
}
