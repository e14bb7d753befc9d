/**
 * HCL's canonical layout, as `packer fmt` writes it: the same passes as hclwrite's formatter
 * (hclwrite/format.go), over the token stream of tokens.ts (the parser's own scan, every byte kept). Only the spaces before tokens
 * change; every other byte of the input is kept.
 *
 *   1. Split the tokens into lines, and each line into up to three cells: the lead, the
 *      assignment (from the first `=` when the rest of the line is a whole expression) and a
 *      trailing line comment.
 *   2. Indent each line by two spaces per level of brackets left open by the lines above.
 *   3. Space the tokens within the lead and the assignment by the rules of `spaceAfter`.
 *   4. Align the `=` of consecutive lines with assignments, then the comments of consecutive
 *      lines that end in one.
 *
 * Where Packer releases differ, this follows today's (hclwrite v2.24), and the differential
 * tests allow for exactly these differences from Packer 1.6.6 (hclwrite v2.6.0):
 *   - `!x`: hclwrite before v2.8.0 (Packer up to 1.6.x) wrote `! x`. `spaceAfterBang` brings
 *     the old layout back, for those tests only.
 *   - `a::b(...)` (namespaced functions, hclwrite v2.20+): older Packer cannot parse it at
 *     all, and neither can lib/hcl's parser yet, so fmt reports such a file instead of
 *     formatting it.
 *   - Column counts for alignment use the Unicode grapheme rules of the running Node.js
 *     (Intl.Segmenter), where each hclwrite release has its own Unicode version (15 today):
 *     only text with characters new to one of them could align differently.
 *   - Identifier characters (\p{ID_Start}, \p{ID_Continue}) likewise follow Node.js's Unicode.
 */
import { fmtTokens, type FmtToken, type FmtTokenType, type Scanned } from "./tokens.ts";

interface Line {
  lead: FmtToken[];
  assign: FmtToken[] | undefined;
  comment: FmtToken[] | undefined;
}

export interface FormatOptions {
  /**
   * Write `! x` as Packer 1.6 and older did (hclwrite before v2.8.0), instead of today's `!x`.
   * Only for comparing with such a Packer in tests.
   */
  spaceAfterBang?: boolean;
}

/**
 * Formats one file's text as `packer fmt` would. The text should parse (see command.ts); pass
 * the parse's tokens and comments (`parseHcl`'s result) to format without scanning again.
 */
export function formatHcl(text: string, options: FormatOptions = {}, scanned?: Scanned): string {
  const tokens = fmtTokens(text, scanned);
  const lines = splitLines(tokens);
  indent(lines);
  space(lines, options.spaceAfterBang === true);
  align(lines);
  let out = "";
  for (const t of tokens) out += t.spaces > 0 ? " ".repeat(t.spaces) + t.text : t.text;
  return out;
}

function endsLine(t: FmtToken): boolean {
  return t.type === "Newline" || (t.type === "Comment" && t.text.endsWith("\n"));
}

function bracketChange(t: FmtToken): number {
  switch (t.type) {
    case "OBrace":
    case "OBrack":
    case "OParen":
    case "TemplateControl":
    case "TemplateInterp":
      return 1;
    case "CBrace":
    case "CBrack":
    case "CParen":
    case "TemplateSeqEnd":
      return -1;
    default:
      return 0;
  }
}

function splitLines(tokens: FmtToken[]): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "EOF") {
      lines.push({ lead: tokens.slice(start, i), assign: undefined, comment: undefined });
      break;
    }
    if (endsLine(t)) {
      lines.push({ lead: tokens.slice(start, i + 1), assign: undefined, comment: undefined });
      start = i + 1;
    }
  }
  for (const line of lines) {
    const lead = line.lead;
    if (lead.length === 0) continue;
    if (lead.length > 1 && lead[lead.length - 1]!.type === "Comment") {
      line.comment = lead.slice(-1);
      line.lead = lead.slice(0, -1);
    }
    for (let i = 1; i < line.lead.length; i++) {
      if (line.lead[i]!.type !== "Equal") continue;
      // Only an assignment whose value closes on this line joins the alignment.
      let net = 0;
      for (let k = i; k < line.lead.length; k++) net += bracketChange(line.lead[k]!);
      if (net === 0) {
        line.assign = line.lead.slice(i);
        line.lead = line.lead.slice(0, i);
      }
      break;
    }
  }
  return lines;
}

function indent(lines: Line[]): void {
  // Each entry is a level of indentation and how many brackets opened it; closing brackets
  // pop levels, so brackets unbalanced within a line move the indentation by one level only.
  const levels: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (first === undefined) continue;
    if (first.type === "Newline") {
      first.spaces = 0;
      continue;
    }
    let net = 0;
    for (const t of line.lead) {
      net += bracketChange(t);
      // A heredoc's content is part of this line; its brackets are not the line's.
      if (t.type === "OHeredoc") break;
    }
    for (const t of line.assign ?? []) net += bracketChange(t);
    if (net > 0) {
      first.spaces = 2 * levels.length;
      levels.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && levels.length > 0) {
      const top = levels[levels.length - 1]!;
      if (closed > top) {
        closed -= top;
        levels.pop();
      } else if (closed < top) {
        levels[levels.length - 1] = top - closed;
        closed = 0;
      } else {
        levels.pop();
        closed = 0;
      }
    }
    first.spaces = 2 * levels.length;
  }
}

const NIL: FmtToken = { type: "EOF", text: "", spaces: 0 };

function spaceCell(cell: FmtToken[], bang: boolean): void {
  for (let i = 0; i + 1 < cell.length; i++) {
    cell[i + 1]!.spaces = spaceAfter(cell[i]!, i > 0 ? cell[i - 1]! : undefined, cell[i + 1]!, bang) ? 1 : 0;
  }
}

function space(lines: Line[], bang: boolean): void {
  for (const line of lines) {
    spaceCell(line.lead, bang);
    if (line.assign !== undefined) {
      line.assign[0]!.spaces = 1;
      spaceCell(line.assign, bang);
    }
  }
}

const TEMPLATE_TEXT = new Set<FmtTokenType>(["QuotedLit", "StringLit", "OQuote", "OHeredoc"]);
const TEMPLATE_TEXT_AFTER = new Set<FmtTokenType>(["QuotedLit", "StringLit", "CQuote", "CHeredoc"]);
/** Tokens after which a `-` is a negation, not a subtraction. */
const BEFORE_NEGATION = new Set<FmtTokenType>([
  "OParen",
  "OBrace",
  "OBrack",
  "Equal",
  "Colon",
  "Comma",
  "Question",
  "Plus",
  "Star",
  "Slash",
  "Percent",
  "Minus",
  "EqualOp",
  "NotEqual",
  "GreaterThan",
  "GreaterThanEq",
  "LessThan",
  "LessThanEq",
  "And",
  "Or",
  "Bang",
]);

/**
 * Whether `subject` is followed by one space (else none) when `after` comes next on its
 * line; `before` is the token before `subject` in its cell, if any. Mirrors hclwrite's
 * spaceAfterToken case by case, in the same order.
 */
function spaceAfter(subject: FmtToken, before: FmtToken | undefined, after: FmtToken, spaceAfterBang: boolean): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === "Newline") return false;
  if (s === "Ident" && a === "OParen") return false;
  if (s === "Dot" || a === "Dot") return false;
  if (a === "Comma" || a === "Ellipsis") return false;
  if (s === "Comma") return true;
  if (TEMPLATE_TEXT.has(s) || TEMPLATE_TEXT_AFTER.has(a)) return false;
  if (s === "Ident" && subject.text === "in" && (before ?? NIL).type === "Ident") return true;
  if (a === "OBrack" && (s === "Ident" || s === "Number" || bracketChange(subject) < 0)) return false;
  if (s === "Bang" && !spaceAfterBang) return false;
  if (s === "Minus") {
    if (before === undefined) return false;
    return !BEFORE_NEGATION.has(before.type);
  }
  if (s === "OBrace" || a === "CBrace") return !(s === "OBrace" && a === "CBrace");
  if ((s === "TemplateInterp" || s === "TemplateControl") && a === "OBrace") return true;
  if (s === "CBrace" && a === "TemplateSeqEnd") return true;
  if (s === "TemplateSeqEnd" && (a === "TemplateInterp" || a === "TemplateControl")) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}

/** Columns a run of tokens takes: spaces, plus characters as a person sees them (grapheme clusters). */
function columns(cell: FmtToken[] | undefined): number {
  let n = 0;
  for (const t of cell ?? []) n += t.spaces + graphemes(t.text);
  return n;
}

let segmenter: Intl.Segmenter | undefined;

function graphemes(text: string): number {
  // Printable ASCII (and tabs) are one column a character; anything else (including a CR LF
  // pair, one cluster) goes through the Unicode segmentation.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 127 || (c < 32 && c !== 9)) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.length;
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

function align(lines: Line[]): void {
  alignCell(
    lines,
    (l) => l.assign,
    (l) => columns(l.lead),
  );
  alignCell(
    lines,
    (l) => l.comment,
    (l) => columns(l.lead) + columns(l.assign),
  );
}

/** Pads the first token of `cell` on each run of consecutive lines that have one, to one column. */
function alignCell(lines: Line[], cell: (l: Line) => FmtToken[] | undefined, width: (l: Line) => number): void {
  let start = -1;
  let max = 0;
  const close = (end: number): void => {
    for (let k = start; k < end; k++) cell(lines[k]!)![0]!.spaces = max - width(lines[k]!) + 1;
    start = -1;
    max = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (cell(line) === undefined) {
      if (start !== -1) close(i);
      continue;
    }
    if (start === -1) start = i;
    max = Math.max(max, width(line));
  }
  if (start !== -1) close(lines.length);
}
