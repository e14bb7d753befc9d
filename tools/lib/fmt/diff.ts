/**
 * Unified diffs of two texts by lines, in the layout of `diff -u` (which `packer fmt -diff`
 * runs): `---`/`+++` labels, hunks with three lines of context, and
 * `\ No newline at end of file` where a side does not end in a newline. For machines without
 * `diff`: GNU diff's heuristics (it sets aside lines frequent on both sides, such as blank
 * lines) are not copied, so on ambiguous changes the pairing of lines may differ from its.
 */

interface Edit {
  op: " " | "-" | "+";
  line: string;
  /** Whether this is the last line of its side and lacks a newline. */
  noEol: boolean;
}

function splitLines(text: string): { lines: string[]; eol: boolean } {
  if (text === "") return { lines: [], eol: true };
  const eol = text.endsWith("\n");
  const lines = (eol ? text.slice(0, -1) : text).split("\n");
  return { lines, eol };
}

/**
 * The shortest edit script from a to b, as kept/removed/added lines. Like GNU diff, the lines
 * both share at the start and at the end are kept first, and Myers' O(ND) algorithm runs on
 * the rest, so ambiguous changes land where `diff` puts them.
 */
function editScript(a: string[], b: string[]): Array<{ op: " " | "-" | "+"; ai: number; bi: number }> {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const out: Array<{ op: " " | "-" | "+"; ai: number; bi: number }> = [];
  for (let k = 0; k < head; k++) out.push({ op: " ", ai: k, bi: k });
  for (const e of middle) out.push({ op: e.op, ai: e.ai + head, bi: e.bi + head });
  for (let k = tail; k > 0; k--) out.push({ op: " ", ai: a.length - k, bi: b.length - k });
  return out;
}

/** Above this many edits the saved rows would take too much memory: the block is replaced whole. */
const MAX_EDITS = 2000;

function myers(a: string[], b: string[]): Array<{ op: " " | "-" | "+"; ai: number; bi: number }> {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) {
    return [...a.map((_, ai) => ({ op: "-" as const, ai, bi: 0 })), ...b.map((_, bi) => ({ op: "+" as const, ai: n, bi }))];
  }
  // Walk back through the saved rows to recover the path.
  const out: Array<{ op: " " | "-" | "+"; ai: number; bi: number }> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d]!;
    const k = x - y;
    let prevK: number;
    if (d === 0) prevK = 0;
    else prevK = k === -d || (k !== d && row[offset + k - 1]! < row[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : row[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: " ", ai: --x, bi: --y });
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: "+", ai: x, bi: --y });
      else out.push({ op: "-", ai: --x, bi: y });
    }
  }
  return out.reverse();
}

function range(start: number, count: number): string {
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** `diff -u --label=old/PATH --label=new/PATH` of two texts; "" when they are equal. */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return "";
  const A = splitLines(before);
  const B = splitLines(after);
  const edits: Edit[] = editScript(A.lines, B.lines).map((e) => {
    const fromA = e.op !== "+";
    const lines = fromA ? A : B;
    const index = fromA ? e.ai : e.bi;
    return { op: e.op, line: lines.lines[index]!, noEol: !lines.eol && index === lines.lines.length - 1 };
  });
  // A kept last line that ends with a newline on one side only is a change, not context.
  const last = edits.length - 1;
  if (last >= 0 && edits[last]!.op === " " && A.eol !== B.eol) {
    const e = edits[last]!;
    edits.splice(last, 1, { op: "-", line: e.line, noEol: !A.eol }, { op: "+", line: e.line, noEol: !B.eol });
  }
  let out = `--- old/${path}\n+++ new/${path}\n`;
  // Group changes with their context into hunks.
  let i = 0;
  while (i < edits.length) {
    while (i < edits.length && edits[i]!.op === " ") i++;
    if (i >= edits.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2*context kept lines.
    for (;;) {
      while (end < edits.length && edits[end]!.op !== " ") end++;
      let k = end;
      while (k < edits.length && edits[k]!.op === " ") k++;
      if (k < edits.length && k - end <= 2 * context) {
        end = k;
        continue;
      }
      end = Math.min(edits.length, end + context);
      break;
    }
    const hunk = edits.slice(start, end);
    let aStart = 0;
    let bStart = 0;
    for (let k = 0; k < start; k++) {
      if (edits[k]!.op !== "+") aStart++;
      if (edits[k]!.op !== "-") bStart++;
    }
    const aCount = hunk.filter((e) => e.op !== "+").length;
    const bCount = hunk.filter((e) => e.op !== "-").length;
    out += `@@ -${range(aStart + 1, aCount)} +${range(bStart + 1, bCount)} @@\n`;
    for (const e of hunk) {
      out += `${e.op}${e.line}\n`;
      if (e.noEol) out += "\\ No newline at end of file\n";
    }
    i = end;
  }
  return out;
}
