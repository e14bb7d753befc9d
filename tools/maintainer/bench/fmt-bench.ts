/**
 * In-process throughput of `fmt` on each file: the parse that decides whether Packer would
 * format it, plus the formatting, in templates per second, over the repository's templates
 * and var files in their formatted state and in a badly formatted variant. Run with Node 24:
 *   node tools/maintainer/bench/fmt-bench.ts [seconds]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { checkSource } from "../../lib/fmt/command.ts";
import { formatHcl } from "../../lib/fmt/format.ts";
import { variant } from "../../testing/fmt/variants.ts";

function templates(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".") || e.name === "node_modules" || e.name.startsWith("bazel-")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) templates(p, out);
    else if (/\.pkr(vars)?\.hcl$/.test(e.name)) out.push(p);
  }
  return out;
}

export function benchmark(root: string, seconds: number): { files: number; bytes: number; perSecond: number; formatOnly: number } {
  const texts = ["images", "e2e", "packer", "tools"].flatMap((d) => templates(join(root, d))).map((f) => readFileSync(f, "utf8"));
  const inputs = [...texts, ...texts.map((t, i) => variant(t, "mixed", i + 1))].map((t) => new TextEncoder().encode(t));
  const strings = inputs.map((b) => new TextDecoder().decode(b));
  const run = (fn: () => void): number => {
    for (let i = 0; i < 20; i++) fn(); // warm up the JIT
    let n = 0;
    const start = performance.now();
    const deadline = start + (seconds * 1000) / 2;
    while (performance.now() < deadline) {
      fn();
      n += inputs.length;
    }
    return n / ((performance.now() - start) / 1000);
  };
  const perSecond = run(() => {
    for (const b of inputs) {
      const c = checkSource(b, "bench.pkr.hcl");
      if (c.ok) formatHcl(c.text, {}, c.scanned);
    }
  });
  const formatOnly = run(() => {
    for (const s of strings) formatHcl(s);
  });
  return { files: inputs.length, bytes: inputs.reduce((n, b) => n + b.length, 0), perSecond, formatOnly };
}

if (import.meta.main) {
  const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
  const r = benchmark(root, Number(process.argv[2] ?? "2"));
  process.stdout.write(
    `fmt (UTF-8 check + parse + format), in process: ${r.perSecond.toFixed(0)} templates/s; format alone: ` +
      `${r.formatOnly.toFixed(0)} templates/s (${r.files} files, ${(r.bytes / r.files / 1024).toFixed(1)} KiB each ` +
      `on average)\n`,
  );
}
