/**
 * The rule engine: runs the rules it is given over a context, turns reports into findings,
 * applies per-target severity overrides and inline suppressions, and reports unused or
 * malformed suppressions (SUP-01). It knows no rule by itself: the caller hands it the rules
 * to run and the registry of every rule id (command.ts and the corpus take them from
 * rules/index.ts; the RuleTester runs one rule while suppressions still name any).
 */
import { applySuppressions, currentRuleId } from "./suppressions.ts";
import type { Finding, Report, Rule, RuleContext, RuleSetting, Severity } from "../types.ts";
import { didYouMean } from "../util.ts";

export type RuleConfig = Map<string, RuleSetting>;

/** What a run is given: the rules to run, and every rule a setting or a suppression may name. */
export interface RuleSet {
  run: readonly Rule[];
  known: ReadonlyMap<string, Rule>;
}

/** A rule set that runs `run`; `known` defaults to the same rules. */
export function ruleSet(run: readonly Rule[], known: readonly Rule[] = run): RuleSet {
  return { run, known: new Map(known.map((r) => [r.id, r])) };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function toFinding(rule: string, severity: Severity, r: Report): Finding {
  const file = typeof r.file === "string" ? r.file : r.file.path;
  const f: Finding = {
    file,
    line: r.at?.line ?? 0,
    column: r.at?.column ?? 0,
    severity: r.severity ?? severity,
    rule,
    message: r.message,
  };
  if (r.hint !== undefined) f.hint = r.hint;
  return f;
}

/** Code-unit order: stable across machines, and no ICU collator to start (~10 ms per process). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort by file (command-line order), line, column, rule. */
export function sortFindings(findings: Finding[], fileOrder: string[]): Finding[] {
  const order = new Map(fileOrder.map((f, i) => [f, i]));
  return findings.sort(
    (a, b) =>
      (order.get(a.file) ?? 1e9) - (order.get(b.file) ?? 1e9) ||
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

/**
 * The rule ids a `--rule` key names: one id, or a family written `WF-*` (every WF rule), in
 * either case.
 * Undefined for a family with no rules.
 */
export function expandRuleIds(key: string, known: ReadonlyMap<string, Rule>): string[] | undefined {
  const family = /^([A-Za-z]+)-\*$/.exec(key);
  if (!family) return [currentRuleId(key.toUpperCase(), known)];
  const prefix = `${family[1]!.toUpperCase()}-`;
  const ids = [...known.keys()].filter((id) => id.startsWith(prefix));
  return ids.length > 0 ? ids : undefined;
}

/** Validate `--rule` settings: unknown ids throw with a suggestion. */
export function checkRuleIds(ids: Iterable<string>, known: ReadonlyMap<string, Rule>): string | undefined {
  for (const id of ids) {
    if (!known.has(id)) {
      return `unknown rule "${id}"${didYouMean(id, known.keys())} (see docs/rules.md)`;
    }
  }
  return undefined;
}

/**
 * Run the rules. `extra` are findings made outside rules (bad input); they go through
 * configuration and suppression like the rest. The steps: run each rule, drop guesses on
 * lines with a syntax error, apply the configured severities, apply the inline
 * suppressions (reporting the unused and malformed ones), group repeats.
 */
export function runRules(ctx: RuleContext, rules: RuleSet, config: RuleConfig = new Map(), extra: Finding[] = []): Finding[] {
  const raw = [...extra, ...runEach(ctx, rules.run, config)];
  const configured = configure(dropGuessesOnSyntaxErrors(raw), config);
  const texts: Array<[string, string]> = [
    ...ctx.templates.map((f): [string, string] => [f.path, f.text]),
    ...ctx.varFiles.map((f): [string, string] => [f.path, f.text]),
    ...ctx.scripts,
  ];
  return groupRepeats(applySuppressions(configured, texts, rules.known, config));
}

/** Each rule's reports as findings (rules turned off do not run); a rule that throws gives an INT-01 finding instead. */
function runEach(ctx: RuleContext, rules: readonly Rule[], config: RuleConfig): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (config.get(rule.id) === "off") continue;
    let reports: Report[];
    try {
      reports = rule.check(ctx);
    } catch (error) {
      // A rule crashing is our bug; report it rather than failing the run.
      out.push({
        file: ctx.templates[0]?.path ?? "<input>",
        line: 0,
        column: 0,
        severity: "error",
        rule: "INT-01",
        message: `rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        hint: "this is a validator bug; please report it with the template",
      });
      continue;
    }
    for (const r of reports) out.push(toFinding(rule.id, rule.severity, r));
  }
  return out;
}

/**
 * Where the parser recovered from a syntax error, what it made of the rest of that line is a
 * guess (`a = powershell -x bypass "…"` reads as a subtraction of unknown variables): only the
 * syntax error (and input problems) are reported there.
 */
function dropGuessesOnSyntaxErrors(findings: Finding[]): Finding[] {
  const syntaxLines = new Set(findings.filter((f) => f.rule === "SYN-01").map((f) => `${f.file}\0${f.line}`));
  if (syntaxLines.size === 0) return findings;
  return findings.filter((f) => f.rule === "SYN-01" || f.rule === "INP-01" || !syntaxLines.has(`${f.file}\0${f.line}`));
}

/** Severity overrides: a rule set to "off" reports nothing; one set to a severity reports at it. */
function configure(findings: Finding[], config: RuleConfig): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = config.get(f.rule);
    if (setting === "off") continue;
    if (setting !== undefined) f.severity = setting;
    out.push(f);
  }
  return out;
}

/** How many findings of one cause make a group. */
const REPEATS_GROUPED = 3;

/** A message with what varies between findings of one cause (quoted names, numbers) taken out. */
function messageShape(message: string): string {
  return message.replace(/"[^"]*"|`[^`]*`/g, '"…"').replace(/\d+/g, "N");
}

/**
 * Warnings and info of one rule that say the same thing in one file (`apt-get install without
 * -y` on five lines) have one cause: from three on, they are reported once, at the first, with
 * the count (two still read as two findings). Errors are each reported.
 */
export function groupRepeats(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity === "error") continue;
    const k = `${f.file}\0${f.rule}\0${f.severity}\0${messageShape(f.message)}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const dropped = new Set<Finding>();
  for (const g of groups.values()) {
    if (g.length < REPEATS_GROUPED) continue;
    g.sort((a, b) => a.line - b.line || a.column - b.column);
    const more = g.length - 1;
    g[0]!.message += ` (and ${more} more line${more === 1 ? "" : "s"} like it)`;
    for (const f of g.slice(1)) dropped.add(f);
  }
  return dropped.size === 0 ? findings : findings.filter((f) => !dropped.has(f));
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export { SEVERITY_ORDER };
