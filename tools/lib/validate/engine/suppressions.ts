/**
 * Inline suppressions: `# packer-validate: ignore RULE-ID reason` (also after `//`).
 * A comment alone on its line applies to the next line; after code, to its own line.
 * A reason is required. Several ids may be given, comma-separated. The engine applies them
 * to the configured findings and reports those that are malformed or match nothing (SUP-01).
 */
import type { Finding, Rule, RuleSetting } from "../types.ts";
import { didYouMean } from "../util.ts";

/** The id a rule has now: a retired id (a rule's `formerly`) names the rule that took its findings over. */
export function currentRuleId(id: string, known: ReadonlyMap<string, Rule>): string {
  if (known.has(id)) return id;
  for (const rule of known.values()) if (rule.formerly?.includes(id)) return rule.id;
  return id;
}

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

/**
 * Drop the findings an inline suppression in `texts` (path, text) covers; add a SUP-01
 * warning for each malformed suppression and each rule id a suppression names that
 * suppressed nothing (unknown ids get a suggestion from `known`). SUP-01's own setting
 * in `config` applies to those warnings.
 */
export function applySuppressions(
  findings: Finding[],
  texts: Iterable<[string, string]>,
  known: ReadonlyMap<string, Rule>,
  config: ReadonlyMap<string, RuleSetting>,
): Finding[] {
  const sups: Suppression[] = [];
  const out: Finding[] = [];
  for (const [path, text] of texts) {
    const { suppressions, problems } = scanSuppressions(path, text);
    for (const s of suppressions) sups.push(s);
    for (const p of problems) out.push({ ...p, severity: "warning", rule: "SUP-01" });
  }
  const byKey = new Map<string, Suppression[]>();
  for (const s of sups) {
    const k = `${s.file}\0${s.target}`;
    const list = byKey.get(k);
    if (list) list.push(s);
    else byKey.set(k, [s]);
  }
  // A suppression naming a retired rule id (a rule's `formerly`) suppresses the rule that took it over.
  const named = (c: Suppression, rule: string): string | undefined => c.rules.find((id) => id === rule || currentRuleId(id, known) === rule);
  for (const f of findings) {
    const s = byKey.get(`${f.file}\0${f.line}`)?.find((c) => named(c, f.rule) !== undefined);
    if (s) s.used.add(named(s, f.rule)!);
    else out.push(f);
  }
  for (const s of sups) for (const f of unused(s, known, config)) out.push(f);
  const sup = config.get("SUP-01");
  return out.filter((f) => {
    if (f.rule !== "SUP-01" || sup === undefined) return true;
    if (sup === "off") return false;
    f.severity = sup;
    return true;
  });
}

/** SUP-01 warnings for the ids of a suppression that suppressed nothing (rules turned off are not expected to). */
function unused(s: Suppression, known: ReadonlyMap<string, Rule>, config: ReadonlyMap<string, RuleSetting>): Finding[] {
  const out: Finding[] = [];
  for (const id of s.rules) {
    const current = currentRuleId(id, known);
    if (s.used.has(id) || config.get(current) === "off") continue;
    const isKnown = known.has(current);
    out.push({
      file: s.file,
      line: s.line,
      column: s.column,
      severity: "warning",
      rule: "SUP-01",
      message: isKnown
        ? `suppression of ${id}${current !== id ? ` (now ${current})` : ""} matches no finding on line ${s.target}`
        : `suppression names unknown rule "${id}"${didYouMean(id, known.keys())}`,
      hint: "remove the comment, or move it to the line before the finding",
    });
  }
  return out;
}
