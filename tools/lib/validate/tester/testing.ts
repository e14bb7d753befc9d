/**
 * RuleTester: table-driven tests for one rule, ESLint style. Valid samples must give no
 * finding of the rule; invalid ones exactly the listed findings (message, line, column).
 *
 * The tester runs only the rule under test, plus SYN-01: the engine drops what a rule reports
 * on a line with a syntax error (the parser's recovery there is a guess), so a sample with a
 * syntax error reads as it does in a full run. Suppressions still know every rule id.
 */
import { describe, expect, it } from "vitest";
import { ruleSet, type RuleConfig, type RuleSet } from "../engine/engine.ts";
import { RULES } from "../rules/index.ts";
import { rule as syn01 } from "../rules/syn-01-parse-error.ts";
import { memoryFs } from "./testing-fs.ts";
import type { Finding, Options, Rule } from "../types.ts";
import { validate, type Input } from "../validate.ts";

export { memoryFs };

export interface Sample {
  /** One template (`main.pkr.hcl`) or several files by path (*.pkrvars.* become var files). */
  code: string | Record<string, string>;
  name?: string;
  vars?: Record<string, string>;
  varFiles?: Record<string, string>;
  cacheBustVar?: string;
  cacheBust?: string;
  /** Other files on disk (scripts), by path relative to the working directory. */
  disk?: Record<string, string>;
  config?: RuleConfig;
  /** Plugins the toolchain pins: source -> version. */
  pluginPins?: Record<string, string>;
  /** Packer runs with -force. */
  force?: boolean;
  /** Variables given only when the build runs (--runtime-var). */
  runtimeVars?: string[];
  /** The version of the Packer that builds the image. */
  packerVersion?: string;
}

export interface Expected {
  message: string | RegExp;
  line: number;
  column: number;
  severity?: Finding["severity"];
  file?: string;
}

/** The rules the tester runs for `rule`: it, and SYN-01 (see above). */
export function rulesFor(rule: Rule): RuleSet {
  return ruleSet(rule.id === syn01.id ? [rule] : [syn01, rule], RULES);
}

/** Run the validator on a sample: the findings of `rules` (by default every rule). */
export function runSample(s: Sample, rules: RuleSet = ruleSet(RULES)): Finding[] {
  const files = typeof s.code === "string" ? { "main.pkr.hcl": s.code } : s.code;
  const inputs: Input[] = [
    ...Object.entries(files).map(([path, text]): Input => ({ path, given: "file", content: new TextEncoder().encode(text) })),
    ...Object.entries(s.varFiles ?? {}).map(([path, text]): Input => ({ path, given: "var-file", content: new TextEncoder().encode(text) })),
  ];
  const options: Options = {
    vars: Object.entries(s.vars ?? {}).map(([name, value]) => ({ name, value })),
    env: {},
    ...(s.cacheBustVar !== undefined ? { cacheBustVar: s.cacheBustVar } : {}),
    ...(s.cacheBust !== undefined ? { cacheBust: s.cacheBust } : {}),
    ...(s.pluginPins ? { pluginPins: new Map(Object.entries(s.pluginPins)) } : {}),
    ...(s.force ? { force: true } : {}),
    ...(s.runtimeVars ? { runtimeVars: s.runtimeVars } : {}),
    ...(s.packerVersion !== undefined ? { packerVersion: s.packerVersion } : {}),
  };
  return validate(inputs, options, memoryFs({ ...files, ...(s.disk ?? {}) }), rules, s.config).findings;
}

export function ruleTester(rule: Rule, cases: { valid: Sample[]; invalid: Array<Sample & { errors: Expected[] }> }): void {
  const name = (s: Sample, i: number): string =>
    s.name ?? (typeof s.code === "string" ? s.code.trim().split("\n").slice(0, 2).join(" ⏎ ").slice(0, 70) : `case ${i}`);
  const rules = rulesFor(rule);
  describe(rule.id, () => {
    // A group with no samples would be an empty suite, which vitest fails.
    if (cases.valid.length > 0)
      describe("valid", () => {
        cases.valid.forEach((s, i) => {
          it(name(s, i), () => {
            const got = runSample(s, rules).filter((f) => f.rule === rule.id);
            expect(got).toEqual([]);
          });
        });
      });
    if (cases.invalid.length > 0)
      describe("invalid", () => {
        cases.invalid.forEach((s, i) => {
          it(name(s, i), () => {
            const got = runSample(s, rules).filter((f) => f.rule === rule.id);
            expect(got.map((f) => ({ line: f.line, column: f.column, message: f.message }))).toHaveLength(s.errors.length);
            s.errors.forEach((e, j) => {
              const f = got[j]!;
              if (typeof e.message === "string") expect(f.message).toBe(e.message);
              else expect(f.message).toMatch(e.message);
              expect([f.line, f.column]).toEqual([e.line, e.column]);
              if (e.severity) expect(f.severity).toBe(e.severity);
              if (e.file) expect(f.file).toBe(e.file);
            });
          });
        });
      });
  });
}
