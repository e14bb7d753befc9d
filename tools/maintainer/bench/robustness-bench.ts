/**
 * Prints how long the validator takes on the generated inputs at its documented limits
 * (tools/testing/robustness-inputs.ts), in-process, fastest of three runs, with seconds per MB.
 *
 *   node tools/maintainer/bench/robustness-bench.ts   (Node.js 24: the one under bazel-bin/tools/cli.sh.runfiles,
 *                                          after `bazel build //tools:cli`)
 */
import { DEEP, SUGGESTIONS, WIDE } from "../../testing/robustness-inputs.ts";
import { ruleSet } from "../../lib/validate/engine/engine.ts";
import { RULES } from "../../lib/validate/rules/index.ts";
import { memoryFs } from "../../lib/validate/tester/testing-fs.ts";
import { validate } from "../../lib/validate/validate.ts";

for (const input of [...WIDE, ...DEEP, ...SUGGESTIONS]) {
  const text = input.text();
  let best = Infinity;
  let internal = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const { findings } = validate([{ path: "big.pkr.hcl", given: "file", content: text }], { vars: [], env: {} }, memoryFs({}), ruleSet(RULES));
    best = Math.min(best, (performance.now() - started) / 1000);
    internal = findings.filter((f) => f.rule === "INT-01").length;
  }
  const mb = text.length / 1e6;
  console.log(
    `${input.name.padEnd(64)} ${mb.toFixed(2).padStart(6)} MB ${best.toFixed(2).padStart(6)} s ${(best / Math.max(mb, 0.001)).toFixed(2).padStart(7)} s/MB  INT-01: ${internal}`,
  );
}
