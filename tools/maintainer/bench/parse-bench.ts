/**
 * Parse-speed benchmark for the HCL parser. Dependency-free; run with Node 24
 * (native type stripping): `node tools/maintainer/bench/parse-bench.ts [file.pkr.hcl ...]`.
 * Without arguments it benchmarks the test corpus in tools/lib/hcl/testdata.
 * Prints per-file ms/parse and templates/s.
 */
import fs from "node:fs";
import path from "node:path";
import { parseHcl } from "../../lib/hcl/parser.ts";

export function benchParse(text: string, iterations: number): { msPerParse: number; perSecond: number } {
  for (let i = 0; i < Math.min(200, iterations); i++) parseHcl(text, "bench.pkr.hcl"); // warm up
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) parseHcl(text, "bench.pkr.hcl");
  const ms = (performance.now() - t0) / iterations;
  return { msPerParse: ms, perSecond: 1000 / ms };
}

function main(): void {
  let files = process.argv.slice(2);
  if (files.length === 0) {
    const dir = path.join(import.meta.dirname, "../../lib/hcl/testdata");
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".hcl"))
      .map((f) => path.join(dir, f));
  }
  let totalMs = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    const lines = text.split("\n").length;
    const { msPerParse, perSecond } = benchParse(text, 2000);
    totalMs += msPerParse;
    console.log(`${path.basename(f).padEnd(28)} ${String(lines).padStart(5)} lines  ${msPerParse.toFixed(4)} ms/parse  ${Math.round(perSecond)} templates/s`);
  }
  console.log(`overall: ${Math.round((1000 * files.length) / totalMs)} templates/s (mean of ${files.length} files)`);
}

const entry = process.argv[1] ?? "";
if (entry.endsWith("parse-bench.ts") || entry.endsWith("vite-node")) main();
