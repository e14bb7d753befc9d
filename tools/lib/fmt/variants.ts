/**
 * Badly formatted versions of a template, for the differential and property tests: the same
 * tokens with scrambled spaces and indentation, extra blank lines, comments at line ends, or
 * CR LF line endings. Seeded, so a failure names a variant that can be made again.
 */
import { scan, type FmtToken, type FmtTokenType } from "./scan.ts";

export type VariantKind = "spacing" | "indent" | "comments" | "blank-lines" | "crlf" | "mixed";
export const VARIANT_KINDS: VariantKind[] = ["spacing", "indent", "comments", "blank-lines", "crlf", "mixed"];

/** A small seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tokens whose text is literal template content: spaces before them are part of the literal. */
const IN_LITERAL = new Set<FmtTokenType>(["QuotedLit", "StringLit", "CQuote", "CHeredoc", "QuotedNewline"]);
/** Tokens after which the next token starts inside literal template content. */
const OPENS_LITERAL = new Set<FmtTokenType>(["OQuote", "OHeredoc", "QuotedLit", "StringLit"]);

/** Whether spaces before tokens[i] are free (between tokens in expression syntax). */
function spacingFree(tokens: FmtToken[], i: number, inTemplate: boolean[]): boolean {
  const t = tokens[i]!;
  if (IN_LITERAL.has(t.type) || t.type === "EOF") return false;
  const prev = tokens[i - 1];
  if (prev === undefined) return true;
  if (OPENS_LITERAL.has(prev.type)) return false;
  // Spaces after a heredoc's closing marker would become part of the marker's line.
  if (prev.type === "CHeredoc") return false;
  // After the `}` that closes a template sequence, we are back in literal text.
  if (prev.type === "TemplateSeqEnd" && inTemplate[i - 1]) return false;
  return true;
}

/** For each token: true when it is a TemplateSeqEnd that returns to a string or heredoc. */
function templateEnds(tokens: FmtToken[]): boolean[] {
  const out: boolean[] = [];
  const stack: boolean[] = []; // per open brace or sequence: true for a template sequence
  for (const t of tokens) {
    if (t.type === "TemplateInterp" || t.type === "TemplateControl") stack.push(true);
    else if (t.type === "OBrace") stack.push(false);
    if (t.type === "TemplateSeqEnd" || t.type === "CBrace") out.push(stack.pop() === true);
    else out.push(false);
  }
  return out;
}

const WORDY = new Set<FmtTokenType>(["Ident", "Number"]);
const COMMENTS = ["# moved here", "// a comment", "/* block */", "#", "# ünïcödé ✓"];

/** Tokens written with tabs instead of spaces before them (HCL counts a tab as one space). */
function render(tokens: FmtToken[], tabbed: Set<FmtToken>): string {
  let out = "";
  for (const t of tokens) out += (tabbed.has(t) ? "\t" : " ").repeat(t.spaces) + t.text;
  return out;
}

/** One badly formatted version of `text` (which should scan cleanly). */
export function variant(text: string, kind: VariantKind, seed: number): string {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const tokens = scan(text).map((t) => ({ ...t }));
  const ends = templateEnds(tokens);
  const out: FmtToken[] = [];
  const tabbed = new Set<FmtToken>();
  const kinds = kind === "mixed" ? ["spacing", "indent", "comments", "blank-lines"] : [kind];
  let atLineStart = true;
  let lastWasNewline = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const free = spacingFree(tokens, i, ends);
    const prev = tokens[i - 1];
    if (free && t.type === "Newline" && lastWasNewline === false) {
      if (kinds.includes("comments") && rnd() < 0.3) {
        // A comment at the end of the line takes the line ending with it.
        const c = pick(COMMENTS);
        if (!c.startsWith("/*")) {
          out.push({ type: "Comment", text: c + t.text, spaces: Math.floor(rnd() * 4) });
          atLineStart = true;
          lastWasNewline = true;
          continue;
        }
        out.push({ type: "Comment", text: c, spaces: 1 + Math.floor(rnd() * 3) });
      }
    }
    if (free) {
      if (atLineStart && kinds.includes("indent")) t.spaces = Math.floor(rnd() * 9);
      else if (!atLineStart && kinds.includes("spacing")) {
        const needsOne = prev !== undefined && WORDY.has(prev.type) && WORDY.has(t.type);
        t.spaces = Math.floor(rnd() * 4);
        if (needsOne && t.spaces === 0) t.spaces = 1;
        // `- -1` keeps a space: it is not `--1`.
        if (prev?.type === "Minus" && t.type === "Minus") t.spaces = Math.max(1, t.spaces);
        // `a - b` without spaces is the name `a-b`.
        if (prev?.type === "Ident" && t.type === "Minus") t.spaces = Math.max(1, t.spaces);
      }
      if ((kinds.includes("indent") || kinds.includes("spacing")) && rnd() < 0.15) tabbed.add(t);
    }
    out.push(t);
    if (kind === "crlf" && t.type === "Newline" && t.text === "\n") t.text = "\r\n";
    if (t.type === "Newline" && free && kinds.includes("blank-lines") && rnd() < 0.2) {
      out.push({ type: "Newline", text: t.text, spaces: Math.floor(rnd() * 3) });
    }
    const endsLine = t.type === "Newline" || (t.type === "Comment" && t.text.endsWith("\n"));
    atLineStart = endsLine;
    lastWasNewline = endsLine;
  }
  return render(out, tabbed);
}

/** The token types and texts of `text`, without spacing: equal for a faithful variant. */
export function tokenShape(text: string): string {
  return scan(text)
    .map((t) => `${t.type}:${t.text}`)
    .join("\u0000");
}
