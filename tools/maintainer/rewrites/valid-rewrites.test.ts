/**
 * Tested by construction: every meaning-preserving rewrite (tools/maintainer/rewrites) applied to
 * the repository's own templates and to the RuleTester *valid* samples that are single
 * templates must bring no error the original did not have.
 *
 * The samples are read by importing each rule test with `ruleTester` replaced by a function that
 * records them; the imports run inside a skipped suite, so the rule tests' own cases do not run
 * here (they run in their own files).
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { parseHcl } from "../../lib/hcl/parser.ts";
import type { Rule } from "../../lib/validate/types.ts";
import type { Sample } from "../../lib/validate/tester/testing.ts";
import { memoryFs } from "../../lib/validate/tester/testing-fs.ts";
import { fromFiles } from "./disk.ts";
import { rewriteUnit, type UnitResult } from "./run.ts";
import type { Unit } from "./unit.ts";

const recorded = vi.hoisted(() => ({ file: "", samples: [] as Array<{ file: string; rule: string; valid: Sample[] }> }));

vi.mock("../../lib/validate/tester/testing.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/validate/tester/testing.ts")>()),
  ruleTester: (rule: Rule, cases: { valid: Sample[] }) => {
    recorded.samples.push({ file: recorded.file, rule: rule.id, valid: cases.valid });
  },
}));

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "../../..");
const RULES_DIR = join(REPO, "tools/lib/validate/rules");

/**
 * Cases that fail today, each with the false error it meets. Another change fixes the rule; the
 * mark comes off then (vitest fails a marked case that passes).
 */
const FAILS_TODAY: Record<string, string> = {};

/** A sample as the RuleTester runs it, as a unit. */
function sampleUnit(name: string, s: Sample & { code: string }): Unit {
  return {
    name,
    templates: [{ path: "main.pkr.hcl", text: s.code }],
    varFiles: Object.entries(s.varFiles ?? {}).map(([path, text]) => ({ path, text })),
    vars: Object.entries(s.vars ?? {}).map(([n, value]) => ({ name: n, value })),
    env: {},
    fs: memoryFs(s.disk ?? {}),
    ...(s.force ? { force: true } : {}),
    ...(s.cacheBustVar !== undefined ? { cacheBustVar: s.cacheBustVar } : {}),
    ...(s.cacheBust !== undefined ? { cacheBust: s.cacheBust } : {}),
    ...(s.pluginPins ? { pluginPins: new Map(Object.entries(s.pluginPins)) } : {}),
    ...(s.config ? { config: s.config } : {}),
  };
}

/** What a failing result says: each new error with the rewrite and the site that brings it. */
function problems(r: UnitResult): string[] {
  return r.kinds.flatMap((k) => [
    ...(k.broken ? [`${k.kind}: rewritten text does not parse: ${k.broken}`] : []),
    ...k.culprits.flatMap((c) => c.errors.map((f) => `${k.kind} at ${c.where}: ${f.rule}: ${f.message}`)),
    ...(k.newErrors.length > 0 && k.culprits.length === 0 ? k.newErrors.map((f) => `${k.kind} (every site at once): ${f.rule}: ${f.message}`) : []),
  ]);
}

function unitCase(name: string, unit: () => Unit): void {
  const run = () => {
    const result = rewriteUnit(unit(), { perSite: Infinity });
    expect(result.skipped).toBeUndefined();
    expect(problems(result)).toEqual([]);
  };
  if (Object.hasOwn(FAILS_TODAY, name)) it.fails(`${name} (fails today: ${FAILS_TODAY[name]})`, run);
  else it(name, run);
}

describe.skip("rule tests, imported for their samples", async () => {
  for (const f of readdirSync(RULES_DIR)
    .filter((n) => /^[a-z]{3}-\d\d-[a-z0-9-]+\.test\.ts$/.test(n))
    .sort()) {
    recorded.file = f;
    await import(join(RULES_DIR, f));
  }
});

describe("valid rewrites of the repository's templates", () => {
  // As their packer_image targets validate them: the cache bust passed as the cache-bust variable.
  for (const t of readdirSync(join(REPO, "images")).filter((n) => n.endsWith(".pkr.hcl")))
    unitCase(`images/${t}`, () => fromFiles(`images/${t}`, join(REPO, "images"), [t], { cacheBustVar: "cache_bust", cacheBust: "1" }));
  unitCase("e2e/smoke/smoke.pkr.hcl", () =>
    fromFiles("e2e/smoke/smoke.pkr.hcl", join(REPO, "e2e/smoke"), ["smoke.pkr.hcl"], { vars: { hello_file: "hello.txt" } }),
  );
  unitCase("e2e/smoke/steady/steady.pkr.hcl", () => fromFiles("e2e/smoke/steady/steady.pkr.hcl", join(REPO, "e2e/smoke"), ["steady/steady.pkr.hcl"]));
  unitCase("e2e/smoke/pins/pins.pkr.hcl", () => fromFiles("e2e/smoke/pins/pins.pkr.hcl", join(REPO, "e2e/smoke"), ["pins/pins.pkr.hcl"]));
});

describe("valid rewrites of the rule tests' valid samples", () => {
  it("found the samples", () => {
    expect(recorded.samples.length).toBeGreaterThan(40);
  });
  for (const { file, valid } of recorded.samples) {
    describe(file, () => {
      valid.forEach((s, i) => {
        // The generator starts from templates that parse (a few samples show a syntax error is
        // reported by SYN-01 alone).
        if (typeof s.code !== "string" || parseHcl(s.code, "main.pkr.hcl").diagnostics.length > 0) return;
        const name = `${file} valid[${i}]`;
        unitCase(name, () => sampleUnit(name, s as Sample & { code: string }));
      });
    });
  }
});
