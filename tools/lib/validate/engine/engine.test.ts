import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.ts";
import { memoryFs } from "../tester/testing-fs.ts";
import type { Rule } from "../types.ts";
import { validate } from "../validate.ts";
import { checkRuleIds, ruleList, ruleSet } from "./engine.ts";

/** A rule that reports every `source` block. */
const SOURCES: Rule = {
  id: "TST-01",
  name: "every-source",
  severity: "warning",
  docs: { summary: "", why: "", fix: "" },
  check: (ctx) => [...ctx.sources.values()].flat().map((d) => ({ file: d.file, at: d.block.range.start, message: `source ${d.type}.${d.name}` })),
};

const run = (text: string, rules = ruleSet([SOURCES], [...RULES, SOURCES])) =>
  validate([{ path: "main.pkr.hcl", given: "file", content: text }], { vars: [], env: {} }, memoryFs({ "main.pkr.hcl": text }), rules).findings.map(
    (f) => `${f.line}: ${f.rule} ${f.message}`,
  );

describe("the engine runs the rules it is given", () => {
  it("and no other", () => {
    expect(run('source "null" "x" {}\nlocals {\n  a = var.undeclared\n}\n')).toEqual(["1: TST-01 source null.x"]);
  });

  it("while suppressions know every rule of the registry", () => {
    const text = '# packer-validate: ignore REF-01 not run here\nsource "null" "x" {}\n# packer-validate: ignore REF-99 typo\nsource "null" "y" {}\n';
    expect(run(text)).toEqual([
      "1: SUP-01 suppression of REF-01 matches no finding on line 2",
      "2: TST-01 source null.x",
      '3: SUP-01 suppression names unknown rule "REF-99"; did you mean REF-01?',
      "4: TST-01 source null.y",
    ]);
  });

  it("a rule that throws is reported as INT-01, and the others still run", () => {
    const broken: Rule = {
      ...SOURCES,
      id: "TST-02",
      check: () => {
        throw new Error("boom");
      },
    };
    expect(run('source "null" "x" {}\n', ruleSet([broken, SOURCES]))).toEqual(["0: INT-01 rule TST-02 failed: boom", "1: TST-01 source null.x"]);
  });

  it("INT-01 is a rule of the registry: documented, and its severity can be set", () => {
    const broken: Rule = {
      ...SOURCES,
      id: "TST-02",
      check: () => {
        throw new Error("boom");
      },
    };
    expect(RULES.some((r) => r.id === "INT-01")).toBe(true);
    const text = 'source "null" "x" {}\n';
    const result = validate(
      [{ path: "main.pkr.hcl", given: "file", content: text }],
      { vars: [], env: {} },
      memoryFs({ "main.pkr.hcl": text }),
      ruleSet([broken], [...RULES, broken]),
      new Map([["INT-01", "warning"]]),
    );
    expect(result.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(["INT-01 warning"]);
  });
});

describe("unknown rule ids", () => {
  const known = ruleSet(RULES).known;
  it("get a did-you-mean when one is near, else the list of rules (a consumer has no docs/rules.md)", () => {
    expect(checkRuleIds(["REF-1"], known)).toBe('unknown rule "REF-1"; did you mean REF-01?');
    expect(checkRuleIds(["XYZ-99"], known)).toBe(`unknown rule "XYZ-99"; the rules are ${ruleList(known)}`);
    expect(ruleList(known)).toMatch(/^INP-01, SYN-01…06, PLG-01, PKR-01, CMP-01…04, CORE-01, CORE-02, FNC-01, FNC-02, REF-01…06, /);
  });
});
