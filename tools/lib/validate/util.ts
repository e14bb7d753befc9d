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

/**
 * The candidate nearest `name`, at most `limit` edits away, or undefined; of equally near ones
 * the alphabetically first. `ignoreCase` compares lower-cased names. One function for every
 * did-you-mean, whatever the limit its caller's wording follows.
 */
export function closest(name: string, candidates: Iterable<string>, limit: number, ignoreCase = false): string | undefined {
  const key = ignoreCase ? name.toLowerCase() : name;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(key, ignoreCase ? c.toLowerCase() : c);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** The edits a did-you-mean allows for `name`: a third of its length, at least 2. */
export function suggestionLimit(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/** The closest candidate within a distance that scales with the name (case ignored), or undefined. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  return closest(name, candidates, suggestionLimit(name), true);
}

/** HCL's own suggestion (Packer's "Did you mean"): fewer than 3 edits, case counts. */
export function hclSuggest(name: string, candidates: Iterable<string>): string | undefined {
  return closest(name, candidates, 2);
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
