/**
 * Robustness fuzz: the parser must return (never throw, never hang) on any input, fast,
 * with diagnostics whose positions are inside the text and self-consistent.
 * Seeded (HCL_FUZZ_SEED) so failures reproduce; the seed is printed.
 */
import { describe, expect, it } from "vitest";
import { parseHcl } from "./parser.ts";
import type { Pos } from "./ast.ts";
import { corpus, mutate, prng } from "../../testing/hcl/testutil.ts";

/** The position of `offset` computed independently: lines split on \n, columns in code points, BOM skipped. */
function posAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let start = lineStart;
  if (start === 0 && text.charCodeAt(0) === 0xfeff && offset > 0) start = 1;
  const column = [...text.slice(start, offset)].length + 1;
  return { line, column };
}

function checkPos(text: string, p: Pos): string {
  if (!(p.offset >= 0 && p.offset <= text.length)) return `offset ${p.offset} out of range`;
  const e = posAt(text, p.offset);
  if (e.line !== p.line || e.column !== p.column) return `pos ${p.line}:${p.column} but offset ${p.offset} is ${e.line}:${e.column}`;
  return "";
}

const TIME_LIMIT_MS = 200;

function check(text: string, label: string, problems: string[], times: number[]): void {
  const t0 = performance.now();
  let r;
  try {
    r = parseHcl(text, "fuzz.pkr.hcl");
  } catch (e) {
    problems.push(`${label}: threw ${String(e)}`);
    return;
  }
  let dt = performance.now() - t0;
  // A slow parse is timed twice more and the fastest kept: a GC pause or a busy machine passes,
  // a parser that really is slow on this input does not.
  for (let retry = 0; retry < 2 && dt > TIME_LIMIT_MS; retry++) {
    const t1 = performance.now();
    parseHcl(text, "fuzz.pkr.hcl");
    dt = Math.min(dt, performance.now() - t1);
  }
  times.push(dt);
  if (dt > TIME_LIMIT_MS && text.length < 200_000) problems.push(`${label}: took ${dt.toFixed(1)} ms for ${text.length} chars`);
  for (const d of r.diagnostics) {
    if (d.message.startsWith("internal parser error")) problems.push(`${label}: ${d.message}`);
    for (const p of [d.range.start, d.range.end]) {
      const bad = checkPos(text, p);
      if (bad) problems.push(`${label}: diagnostic "${d.message}": ${bad}`);
    }
    if (d.range.end.offset < d.range.start.offset) problems.push(`${label}: diagnostic "${d.message}" has end before start`);
  }
  if (problems.length > 0 && problems.length < 5) problems.push(`  input: ${JSON.stringify(text.slice(0, 300))}`);
}

describe("parser robustness fuzz", () => {
  const seed = Number(process.env.HCL_FUZZ_SEED ?? 424242);
  const files = corpus();

  it("corpus positions are self-consistent for every node range", () => {
    // Walk every node with a range in the corpus ASTs and check its positions.
    for (const { file, text } of files) {
      const r = parseHcl(text, file);
      expect(r.diagnostics).toEqual([]);
      const problems: string[] = [];
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) return v.forEach(visit);
        if (typeof v !== "object" || v === null) return;
        const o = v as Record<string, unknown>;
        if ("line" in o && "column" in o && "offset" in o) {
          const bad = checkPos(text, o as unknown as Pos);
          if (bad) problems.push(`${file}: ${bad}`);
          return;
        }
        for (const k of Object.keys(o)) visit(o[k]);
      };
      visit(r.body);
      expect(problems.slice(0, 5)).toEqual([]);
    }
  });

  it(`10,000+ mutated inputs never throw, stay fast, report in-range positions (seed ${seed})`, () => {
    console.log(`robustness fuzz seed: ${seed} (set HCL_FUZZ_SEED to reproduce)`);
    const rnd = prng(seed);
    const problems: string[] = [];
    const times: number[] = [];
    let count = 0;
    const texts = files.map((f) => f.text);

    // Truncation at every point of one template (every kind of point: mid-token, mid-string, mid-heredoc...).
    const longest = texts.reduce((a, b) => (b.length > a.length ? b : a), "");
    for (let i = 0; i <= longest.length; i++) {
      check(longest.slice(0, i), `truncate@${i}`, problems, times);
      count++;
    }
    // Random mutations.
    while (count < 10_500) {
      const base = texts[Math.floor(rnd() * texts.length)]!;
      const m = mutate(base, rnd);
      check(m.text, `mutation#${count} (${m.kind})`, problems, times);
      count++;
    }
    // Pathological inputs.
    const special: Array<[string, string]> = [
      ["deep [", "a = " + "[".repeat(10_000)],
      ["deep [] closed", "a = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"],
      ["deep {", "a = " + "{".repeat(10_000)],
      ["deep (", "a = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n"],
      ["deep blocks", "a {\n".repeat(10_000)],
      ["deep ${", "a = " + '"${'.repeat(5_000)],
      ["deep %{if", 'a = "' + "%{if a}".repeat(5_000) + '"\n'],
      ["deep unary", "a = " + "-".repeat(10_000) + "1\n"],
      ["long chain", "a = " + Array.from({ length: 20_000 }, (_, i) => `x${i}`).join(" + ") + "\n"],
      ["long line", 'a = "' + "x".repeat(100_000) + '"\n'],
      ["long ident", "a".repeat(100_000) + " = 1\n"],
      ["long comment", "# " + "c".repeat(100_000)],
      ["NULs", "\u0000".repeat(1000)],
      ["NUL in template", longest.replace(/=/g, "=\u0000")],
      ["only quotes", '"'.repeat(1000)],
      ["only heredocs", "a = <<EOT\n".repeat(1000)],
      ["lone surrogates", 'a = "\ud800\udc00\ud800"\n\udfff = 1\n'],
      ["CRs", longest.replace(/\n/g, "\r")],
      ["CRLF", longest.replace(/\n/g, "\r\n")],
      ["BOM", "\ufeff" + longest],
      ["empty", ""],
    ];
    for (const [label, text] of special) {
      check(text, label, problems, times);
      count++;
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(3);
    console.log(`fuzz: ${count} cases, parse time p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`);
    expect(problems.slice(0, 12)).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(10_000);
  });
});
