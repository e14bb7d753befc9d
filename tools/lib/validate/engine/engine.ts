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

/** Findings about the input itself: what Packer stops at before it reads anything else. */
const ROOT_CAUSES = new Set(["INP-01", "SYN-01"]);

/**
 * Sort by file (command-line order), then a file's unreadable input and syntax errors first
 * (Packer stops at them; what follows may be their consequence), then line, column, rule.
 */
export function sortFindings(findings: Finding[], fileOrder: string[]): Finding[] {
  const order = new Map(fileOrder.map((f, i) => [f, i]));
  const rank = (f: Finding) => (ROOT_CAUSES.has(f.rule) ? 0 : 1);
  return findings.sort(
    (a, b) =>
      (order.get(a.file) ?? 1e9) - (order.get(b.file) ?? 1e9) ||
      compareText(a.file, b.file) ||
      rank(a) - rank(b) ||
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

/**
 * The known rule ids, compactly: consecutive numbers of a family as a range
 * (`SYN-01…06, PLG-01, CMP-01…04`). A consumer has no docs/rules.md to look in.
 */
export function ruleList(known: ReadonlyMap<string, Rule>): string {
  const families = new Map<string, number[]>();
  for (const id of known.keys()) {
    const m = /^([A-Z]+)-(\d+)$/.exec(id);
    if (!m) continue;
    const nums = families.get(m[1]!) ?? [];
    nums.push(Number(m[2]));
    families.set(m[1]!, nums);
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  const out: string[] = [];
  for (const [family, nums] of families) {
    nums.sort((a, b) => a - b);
    for (let i = 0; i < nums.length;) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      // Three or more in a row as a range; one or two by name.
      if (j > i + 1) out.push(`${family}-${pad(nums[i]!)}…${pad(nums[j]!)}`);
      else for (let k = i; k <= j; k++) out.push(`${family}-${pad(nums[k]!)}`);
      i = j + 1;
    }
  }
  return out.join(", ");
}

/** Validate `--rule` settings: unknown ids throw with a suggestion, or the list of rules. */
export function checkRuleIds(ids: Iterable<string>, known: ReadonlyMap<string, Rule>): string | undefined {
  for (const id of ids) {
    if (!known.has(id)) {
      const suggestion = didYouMean(id, known.keys());
      return `unknown rule "${id}"${suggestion || `; the rules are ${ruleList(known)}`}`;
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
  const configured = configure(dropInsideSyntaxErrors(ctx, raw), config);
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
 * Where the parser recovered from a syntax error, what it made of the rest is a guess (`a =
 * powershell -x bypass "…"` reads as a subtraction of unknown variables; after a missing `}` the
 * next block reads as nested, "Blocks of type build are not expected here"). Packer stops at the
 * syntax error: it is reported alone for its top-level block (to the end of the file when the
 * block is never closed), and alone on its line elsewhere. Input problems always stay.
 */
function dropInsideSyntaxErrors(ctx: RuleContext, findings: Finding[]): Finding[] {
  const syntax = findings.filter((f) => f.rule === "SYN-01");
  if (syntax.length === 0) return findings;
  const files = new Map([...ctx.templates, ...ctx.varFiles].map((f) => [f.path, f]));
  // Per file: [start, end] positions (line * 2^21 + column) where only the syntax error is reported.
  const regions = new Map<string, Array<[number, number]>>();
  const at = (line: number, column: number) => line * 2 ** 21 + column;
  for (const f of syntax) {
    const pos = at(f.line, f.column);
    const block = files.get(f.file)?.body.blocks.find((b) => {
      const start = at(b.range.start.line, b.range.start.column);
      const end = b.closeBraceRange === null ? Infinity : at(b.range.end.line, b.range.end.column);
      return start <= pos && pos <= end;
    });
    const region: [number, number] = block
      ? [at(block.range.start.line, block.range.start.column), block.closeBraceRange === null ? Infinity : at(block.range.end.line, block.range.end.column)]
      : [at(f.line, 0), at(f.line + 1, 0) - 1];
    const list = regions.get(f.file) ?? [];
    list.push(region);
    regions.set(f.file, list);
  }
  return findings.filter((f) => {
    if (ROOT_CAUSES.has(f.rule)) return true;
    const pos = at(f.line, f.column);
    return !(regions.get(f.file) ?? []).some(([start, end]) => start <= pos && pos <= end);
  });
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
