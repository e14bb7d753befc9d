/** Small helpers shared by rules: edit distance, suggestions, positions. */
import type { Pos, Range } from "../hcl/ast.ts";

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** The closest candidate within a distance that scales with the name, or undefined. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

export function didYouMean(name: string, candidates: Iterable<string>, prefix = ""): string {
  const s = suggest(name, candidates);
  return s === undefined ? "" : `; did you mean ${prefix}${s}?`;
}

export function start(r: { range: Range }): Pos {
  return r.range.start;
}

/** Position of character `index` of `text`, counting from `from` (code points, as HCL). */
export function advance(from: { line: number; column: number }, text: string, index: number): { line: number; column: number } {
  let line = from.line;
  let column = from.column;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 1;
    } else if (c === 13) {
      // \r\n: the \n ends the line
    } else if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      // low surrogate: same code point as the previous unit
    } else {
      column++;
    }
  }
  return { line, column };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
