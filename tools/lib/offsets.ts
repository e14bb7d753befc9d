/** Offsets in text split into pieces (lines, or the items of an inline list joined by newlines). */

/** Index of the last of the ascending `starts` at or before `offset` (0 when none is). */
export function indexAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
