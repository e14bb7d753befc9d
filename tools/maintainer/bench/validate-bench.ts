/**
 * In-process throughput of the template validator (parse + every rule), in templates per
 * second, over the shipped templates in images/. Run with Node 24:
 *   node tools/maintainer/bench/validate-bench.ts [seconds]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { memoryFs } from "../../lib/validate/tester/testing-fs.ts";
import { ALL_RULES } from "../../lib/validate/rules/index.ts";
import { validate, type Input } from "../../lib/validate/validate.ts";

export function benchmark(root: string, seconds: number): { templates: number; perSecond: number; files: string[] } {
  const dir = join(root, "images");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".pkr.hcl"))
    .sort();
  const texts = new Map(files.map((f) => [`images/${f}`, readFileSync(join(dir, f), "utf8")]));
  const fs = memoryFs(Object.fromEntries(texts));
  const options = { vars: [], env: {}, cacheBustVar: "cache_bust", cacheBust: "001" };
  const inputs: Input[][] = [...texts].map(([path, text]) => [{ path, given: "file", content: text }]);
  // Warm up the JIT.
  for (let i = 0; i < 50; i++) for (const inp of inputs) validate(inp, options, fs, ALL_RULES);
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (const inp of inputs) validate(inp, options, fs, ALL_RULES);
    n += inputs.length;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { templates: n, perSecond: n / elapsed, files: [...texts.keys()] };
}

if (import.meta.main) {
  const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
  const seconds = Number(process.argv[2] ?? "2");
  const r = benchmark(root, seconds);
  process.stdout.write(`validate (parse + all rules), in process: ${r.perSecond.toFixed(0)} templates/s (${r.templates} runs over ${r.files.join(", ")})\n`);
}
