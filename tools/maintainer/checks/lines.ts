/**
 * The same line of a file at two tags of a repository: a plugin built with another release of the
 * SDK than the one the SDK's check table was read from reaches the same checks at other line
 * numbers (qemu 1.1.4 requires SDK v0.6.1, vsphere 2.0.0 v0.6.0; the table cites v0.6.10). A line
 * the two versions share unchanged (in a longest common subsequence of their lines) is the same
 * error path, so an entry citing it at one tag covers it at the other. It maps the line that makes
 * the error, not the conditions around it: that the checks themselves did not change between the
 * releases is read from their diff (for the SDK's configs, v0.6.0 and v0.6.1 differ from v0.6.10
 * only in comments and code outside Prepare).
 */
import type { Sources } from "../../lib/validate/schemas/gen.ts";

/** For each line (1-based) of `a`, the line of `b` it is kept as, or 0 when it changed. */
export function lineMap(a: string[], b: string[]): Int32Array {
  const out = new Int32Array(a.length + 1);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) {
    out[head + 1] = head + 1;
    head++;
  }
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) {
    out[a.length - tail] = b.length - tail;
    tail++;
  }
  // The longest common subsequence of what is between, by dynamic programming (a few hundred lines at most).
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const len = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i]![j] = a[head + i] === b[head + j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[head + i] === b[head + j]) {
      out[head + i + 1] = head + j + 1;
      i++;
      j++;
    } else if (len[i + 1]![j]! >= len[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

const maps = new Map<string, Int32Array | null>();

/** The line of `path` at tag `to` that is line `line` at tag `from`, unchanged; undefined when it changed or the file is absent. */
export function sameLine(sources: Sources, repository: string, path: string, from: string, to: string, line: number): number | undefined {
  const key = `${repository}:${path}@${from}..${to}`;
  let map = maps.get(key);
  if (map === undefined) {
    const a = sources.open(repository, from).read(path);
    const b = sources.open(repository, to).read(path);
    map = a === undefined || b === undefined ? null : lineMap(a.split("\n"), b.split("\n"));
    maps.set(key, map);
  }
  const hit = map?.[line];
  return hit ? hit : undefined;
}
