/**
 * The token stream `packer fmt` formats, made from the parser's own scan (hcl/lexer.ts), as
 * hclwrite formats from hclsyntax's scanner: every byte is kept. Comments are tokens (a `#` or
 * `//` comment takes its line ending with it), a heredoc line is one token with its line ending,
 * and what lies between tokens outside a heredoc is spaces and tabs only, recorded as a count on
 * the next token. Writing each token's spaces and text back gives the input again (apart from a
 * byte-order mark), so the formatter can change nothing but spacing.
 *
 * The formatter is only run on text that parses; on other text the stream still holds every
 * byte, but its token boundaries are the lexer's recovery.
 */
import { lex, type Token, type TokenType } from "../hcl/lexer.ts";

export type FmtTokenType = TokenType;

export interface FmtToken {
  type: FmtTokenType;
  /** The token's source text, exactly. */
  text: string;
  /** Spaces written before the token: in the input, the count of spaces and tabs before it. */
  spaces: number;
}

/** The lexer's tokens and comments of `text`, as `lex` or `parseHcl` return them. */
export interface Scanned {
  tokens: readonly Token[];
  comments: readonly Token[];
}

const blank = (s: string): boolean => /^[ \t]*$/.test(s);

/**
 * The formatter's tokens of `text`. The lexer leaves out of its tokens only the blanks between
 * them, a line comment's line ending (a Newline token of its own), and, around heredoc text, the
 * opener's line ending and the blanks beside the closing marker: here the first joins its
 * comment, the others the heredoc token beside them, as hclwrite sees them.
 */
export function fmtTokens(text: string, scanned: Scanned = lex(text)): FmtToken[] {
  const out: FmtToken[] = [];
  const { tokens, comments } = scanned;
  // A byte-order mark is dropped, but counts (three bytes) towards the spaces of the next token.
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let bom = at === 1 ? 3 : 0;
  const push = (t: Token): void => {
    const start = t.start.offset;
    const gap = text.slice(at, start);
    const own = text.slice(start, t.end.offset);
    const prev = out[out.length - 1];
    at = t.end.offset;
    if (t.type === "Newline" && gap === "" && prev?.type === "Comment" && !prev.text.startsWith("/*") && !prev.text.endsWith("\n")) {
      prev.text += own;
    } else if (prev?.type === "OHeredoc") {
      // The opener's line ending is the opener's; blanks before an immediate closing marker its own.
      const eol = gap.indexOf("\n") + 1;
      prev.text += gap.slice(0, eol);
      out.push({ type: t.type, text: gap.slice(eol) + own, spaces: 0 });
    } else if (prev?.type === "CHeredoc") {
      // The blanks after a closing marker are the marker's line.
      prev.text += gap;
      out.push({ type: t.type, text: own, spaces: 0 });
    } else if (t.type === "CHeredoc" || !blank(gap)) {
      // The blanks before a closing marker are heredoc text; so is anything but blanks.
      out.push({ type: t.type, text: gap + own, spaces: bom });
    } else out.push({ type: t.type, text: own, spaces: gap.length + bom });
    bom = 0;
  };
  let c = 0;
  for (const t of tokens) {
    while (c < comments.length && comments[c]!.start.offset < t.start.offset) push(comments[c++]!);
    if (!t.synthetic && t.type !== "EOF") push(t);
  }
  while (c < comments.length) push(comments[c++]!);
  const rest = text.slice(at);
  if (blank(rest)) out.push({ type: "EOF", text: "", spaces: rest.length + bom });
  else out.push({ type: "Invalid", text: rest, spaces: bom }, { type: "EOF", text: "", spaces: 0 });
  return out;
}
