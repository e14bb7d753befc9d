/** Small helpers shared by rules: edit distance, suggestions, positions. */
import type { Pos, Range } from "../hcl/ast.ts";

/**
 * Did-you-mean costs what the input pays for: names longer than this are never compared (a
 * real name is far shorter, and a misspelt megabyte name gets no suggestion).
 */
export const MAX_SUGGESTED_NAME = 256;

/**
 * Edit-distance cells every run may spend on suggestions (validate() sets it from the input's
 * size). A template with thousands of misspelt names against thousands of declared ones would
 * otherwise take minutes; once spent, findings keep their message without a did-you-mean.
 */
let budget = Number.POSITIVE_INFINITY;

/** Allows `cells` edit-distance cells for the suggestions of one run. */
export function setSuggestionBudget(cells: number): void {
  budget = cells;
}

/** What is left of the suggestion budget (for tests and benchmarks). */
export function suggestionBudget(): number {
  return budget;
}

/** Levenshtein distance of `a` and `b` (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length));
}

/** What looking at one candidate costs besides its table: a call, a lower-casing (measured, in cells). */
const LOOK_COST = 20;

/** Two rows of the distance table, reused by every call (grown when a name is longer). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * The edit distance of `a` and `b` when it is at most `limit`, else `limit + 1`. Only the band of
 * cells within `limit` of the diagonal is computed, and a row whose every cell is over the limit
 * stops it: O(limit × length) rather than O(length²).
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  const over = limit + 1;
  if (rowA.length <= n) [rowA, rowB] = [new Int32Array(n + 1), new Int32Array(n + 1)];
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j <= limit ? j : over;
  budget -= n + 1;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(n, i + limit);
    // The cells either side of the band read as "over the limit" (stale from two rows before otherwise).
    cur[0] = i <= limit ? i : over;
    if (lo > 1) cur[lo - 1] = over;
    if (hi < n) cur[hi + 1] = over;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      let d = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j]! + 1;
      const left = cur[j - 1]! + 1;
      if (up < d) d = up;
      if (left < d) d = left;
      if (d > over) d = over;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    budget -= hi - lo + 1;
    if (rowMin > limit) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[n]!, over);
}

/** Whether a did-you-mean may compare these two names (both short enough, budget left); a look costs some cells. */
function comparable(a: string, b: string): boolean {
  budget -= LOOK_COST;
  return a.length <= MAX_SUGGESTED_NAME && b.length <= MAX_SUGGESTED_NAME && budget > 0;
}

/** Whether a did-you-mean for `name` is worth starting: a name short enough, budget left. */
function worthTrying(name: string): boolean {
  return name.length <= MAX_SUGGESTED_NAME && budget > 0;
}

/** What one look through the candidates finds: the nearest within the limit, and the one a word apart. */
interface Scan {
  nearest: string | undefined;
  /** The one candidate a word apart (wordAddedOrDropped); null when there are several. */
  word: string | undefined | null;
}

/**
 * One pass over the candidates (an iterable may be an iterator, readable once): the nearest
 * within `limit` edits, and the one candidate a word apart. Every look and every cell of the
 * distance tables is paid from the run's budget.
 */
function scan(name: string, candidates: Iterable<string>, limit: number, ignoreCase: boolean): Scan {
  const found: Scan = { nearest: undefined, word: undefined };
  if (!worthTrying(name)) return found;
  const key = ignoreCase ? name.toLowerCase() : name;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (c === name || !comparable(name, c)) continue;
    const other = ignoreCase ? c.toLowerCase() : c;
    const best = found.nearest;
    // Of equal distance, a later candidate wins only if it sorts first: no need to compute it otherwise.
    const d = boundedDistance(key, other, best === undefined ? limit : c > best ? bestD - 1 : bestD);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      found.nearest = c;
      bestD = d;
    }
    if (found.word !== null && wordApart(key, other)) found.word = found.word === undefined || found.word === c ? c : null;
  }
  return found;
}

/** `a` is the start or the end of `b` or the other way round, the shorter at least 4 characters and half the longer. */
function wordApart(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4 || short.length * 2 < long.length || short.length === long.length) return false;
  budget -= short.length;
  return long.startsWith(short) || long.endsWith(short);
}

/**
 * The candidate nearest `name`, at most `limit` edits away, or undefined; of equally near ones
 * the alphabetically first. `ignoreCase` compares lower-cased names. One function for every
 * did-you-mean, whatever the limit its caller's wording follows.
 */
export function closest(name: string, candidates: Iterable<string>, limit: number, ignoreCase = false): string | undefined {
  return scan(name, candidates, limit, ignoreCase).nearest;
}

/**
 * The one candidate that `name` is the start or the end of, or that is the start or the end of
 * `name`: a word dropped or added (`ssh_user` for `ssh_username`, `ami_name_prefix` for
 * `ami_name`), which edit distances under HCL's limit miss. The shorter of the two must be at
 * least 4 characters and half the longer; more than one such candidate is no suggestion.
 */
export function wordAddedOrDropped(name: string, candidates: Iterable<string>, ignoreCase = false): string | undefined {
  return scan(name, candidates, -1, ignoreCase).word ?? undefined;
}

/** The edits a did-you-mean allows for `name`: a third of its length, at least 2. */
export function suggestionLimit(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/**
 * The closest candidate within a distance that scales with the name (case ignored), else the
 * one it adds or drops a word of, or undefined.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const found = scan(name, candidates, suggestionLimit(name), true);
  return found.nearest ?? found.word ?? undefined;
}

/**
 * HCL's own suggestion (Packer's "Did you mean"): fewer than 3 edits, case counts; beyond
 * HCL, the one candidate the name adds or drops a word of.
 */
export function hclSuggest(name: string, candidates: Iterable<string>): string | undefined {
  const found = scan(name, candidates, 2, false);
  return found.nearest ?? found.word ?? undefined;
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
