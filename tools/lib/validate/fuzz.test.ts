/**
 * Robustness: mutated shipped templates (deleted/inserted characters, truncation, random
 * code points, removed braces) never make the validator throw or a rule crash (INT-01).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { memoryFs } from "./tester/testing-fs.ts";
import { ALL_RULES } from "./rules/index.ts";
import { validate } from "./validate.ts";

const IMAGES = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../images");

it("survives 2000 mutated templates", () => {
  const base = readdirSync(IMAGES)
    .filter((f) => f.endsWith(".pkr.hcl"))
    .map((f) => readFileSync(join(IMAGES, f), "utf8"));
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const problems: string[] = [];
  for (let i = 0; i < 2000; i++) {
    let t = base[rnd(base.length)]!;
    const kind = rnd(5);
    for (let j = 0; j < 1 + rnd(4); j++) {
      const p = rnd(t.length);
      if (kind === 0) t = t.slice(0, p) + t.slice(p + 1);
      else if (kind === 1) t = t.slice(0, p);
      else if (kind === 2) t = t.slice(0, p) + '{}[]()"$%~=.,\n#'[rnd(15)] + t.slice(p);
      else if (kind === 3) t = t.slice(0, p) + String.fromCodePoint(rnd(0xd7ff)) + t.slice(p);
      else t = t.replace("}", "");
    }
    const started = performance.now();
    const r = validate(
      [{ path: "f.pkr.hcl", given: "file", content: t }],
      { vars: [], env: {}, cacheBustVar: "cache_bust", cacheBust: "1" },
      memoryFs({}),
      ALL_RULES,
    );
    const ms = performance.now() - started;
    const internal = r.findings.find((f) => f.rule === "INT-01" || f.message.startsWith("the parser failed"));
    if (internal) problems.push(`${internal.message}\n${t}`);
    if (ms > 500) problems.push(`took ${ms.toFixed(0)} ms\n${t}`);
  }
  expect(problems.slice(0, 2)).toEqual([]);
});
