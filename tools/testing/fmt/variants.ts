/**
 * Badly formatted versions of a template, for the differential and property tests: the same
 * tokens with scrambled spaces and indentation, extra blank lines, comments added at line ends
 * or moved there from lines of their own, or CR LF line endings. Seeded, so a failure names a variant that can be made again.
 */
import { prng } from "../hcl/testutil.ts";
import { fmtTokens, type FmtToken, type FmtTokenType } from "../../lib/fmt/tokens.ts";

export type VariantKind = "spacing" | "indent" | "comments" | "blank-lines" | "crlf" | "mixed";
export const VARIANT_KINDS: VariantKind[] = ["spacing", "indent", "comments", "blank-lines", "crlf", "mixed"];

/** Tokens whose text is literal template content: spaces before them are part of the literal. */
const IN_LITERAL = new Set<FmtTokenType>(["QuotedLit", "StringLit", "CQuote", "CHeredoc"]);
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
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const tokens = fmtTokens(text).map((t) => ({ ...t }));
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
    if (free && atLineStart && t.type === "Comment" && t.text.endsWith("\n") && kinds.includes("comments") && rnd() < 0.5) {
      // Move a comment on a line of its own to the end of the line above (not after a
      // heredoc's closing marker, where it would be heredoc text).
      const nl = out[out.length - 1];
      if (nl?.type === "Newline" && out[out.length - 2] !== undefined && out[out.length - 2]!.type !== "CHeredoc") {
        out.pop();
        out.push({ ...t, spaces: Math.floor(rnd() * 4) });
        continue;
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
  return fmtTokens(text)
    .map((t) => `${t.type}:${t.text}`)
    .join("\u0000");
}

/**
 * A random template from a small grammar of what `packer fmt` has rules for: blocks, runs of
 * attributes, objects and tuples over several lines, operators, negation, conditionals, for
 * expressions, splats, function calls, strings and heredocs with sequences, and comments of
 * every kind, all with random spacing. Seeded; the result parses (HCL's grammar is respected).
 */
// Long by design: a test generator that writes one template top to bottom, a step per construct.
export function randomTemplate(seed: number): string {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const sp = (): string => pick(["", " ", " ", "  ", "\t"]);
  const name = (): string => pick(["a", "bb", "name", "instance_type", "x-y", "ü", "in", "for_each"]);
  const nl = (): string => pick(["\n", "\n", "\n", "\n\n", " \n", "\r\n"]);
  const comment = (): string => pick(["# c", "// c", "/* c */", "#", "# ü ✓"]);

  const template = (depth: number, heredoc: boolean): string => {
    let s = "";
    for (let i = int(4); i >= 0; i--) {
      const r = int(6);
      if (r === 0) s += `\${${sp()}${expr(depth + 1, false)}${sp()}}`;
      else if (r === 1) s += `%{${pick(["", "~"])}${sp()}if ${expr(depth + 1, false)}${sp()}${pick(["", "~"])}}x%{${sp()}endif${sp()}}`;
      else if (r === 2) s += pick(["$${x}", "%%{y}", "$", "%", "50%"]);
      else s += pick(["text", " two  spaces ", "ü", heredoc ? "  indented" : 'quote \\" here', "="]);
    }
    return s;
  };
  const expr = (depth: number, multiline: boolean): string => {
    const r = depth > 3 ? int(4) : int(15);
    const e = (): string => expr(depth + 1, multiline);
    const sep = (): string => (multiline && rnd() < 0.4 ? `${rnd() < 0.2 ? sp() + comment() : ""}${nl()}${sp()}` : sp());
    switch (r) {
      case 0:
        return pick(["1", "2.5", "1e3", "true", "null", "var.x", "local.y[0]", "-1"]);
      case 1:
        return `"${template(depth, false)}"`;
      case 2:
        return pick(["var", "local", "data.x.y"]) + sp() + "." + sp() + name().replace("-", "_");
      case 3:
        return `${pick(["!", "-"])}${sp()}${pick(["x", "(1)", "var.a"])}`;
      case 4:
      case 5:
        // (A space after `<`: `<<<-EOT` is a case the parser's lexer does not split as HCL does.)
        return `${e()}${sp()}${pick(["+", "-", "*", "/", "%", "==", "!=", "< ", "<=", ">", ">=", "&&", "||"])}${sp()}${e()}`;
      case 6:
        return `${e()}${sp()}?${sp()}${e()}${sp()}:${sp()}${e()}`;
      case 7: {
        const items = Array.from({ length: int(4) }, e);
        return `[${sep()}${items.join(`${sp()},${sep()}`)}${items.length > 0 && rnd() < 0.3 ? "," : ""}${sep()}]`;
      }
      case 8: {
        if (!multiline || rnd() < 0.3) return `{${sp()}${name()}${sp()}=${sp()}${e()}${sp()}}`;
        const items = Array.from(
          { length: 1 + int(4) },
          () => `${sp()}${rnd() < 0.2 ? `"${attrName()}"` : attrName()}${sp()}${pick(["=", ":"])}${sp()}${e()}${rnd() < 0.2 ? sp() + comment() : ""}`,
        );
        return `{\n${items.join("\n")}\n${sp()}}`;
      }
      case 9:
        return `${pick(["upper", "format", "merge", "lookup"])}${sp()}(${sep()}${Array.from({ length: int(3) }, e).join(`${sp()},${sep()}`)}${rnd() < 0.2 ? "..." : ""}${sep()})`;
      case 10:
        return `[${sp()}for ${sp()}k${sp()},${sp()}v in ${pick(["[1]", "var.m", "{a=1}"])}${sp()}:${sp()}${e()}${rnd() < 0.5 ? ` if ${e()}` : ""}${sp()}]`;
      case 11:
        return `{${sp()}for k in var.l${sp()}:${sp()}k${sp()}=>${sp()}${e()}${rnd() < 0.3 ? "..." : ""}${sp()}}`;
      case 12:
        return `var.list${sp()}[${sp()}*${sp()}]${sp()}.${sp()}id`;
      case 13: {
        if (!multiline) return `"${template(depth, false)}"`;
        const marker = pick(["EOT", "EOF", "SCRIPT"]);
        const flush = rnd() < 0.5 ? "-" : "";
        const lines = Array.from({ length: 1 + int(3) }, () => template(depth, true));
        return `<<${flush}${marker}\n${lines.join("\n")}\n${flush ? sp() : ""}${marker}\n`;
      }
      default:
        return `(${sp()}${e()}${sp()})`;
    }
  };
  let unique = 0;
  /** Attribute names must not repeat in a body: HCL's parser refuses that. */
  const attrName = (): string => `${name()}${unique++}`;
  const body = (depth: number): string => {
    let s = "";
    for (let i = 1 + int(6); i > 0; i--) {
      const indent = pick(["", "  ", "    ", "\t", " "]);
      const r = int(10);
      if (r < 6) {
        const value = expr(0, true);
        if (value.endsWith("\n")) {
          // A heredoc ends its line itself.
          s += `${indent}${attrName()}${sp()}=${sp()}${value}`;
          continue;
        }
        s += `${indent}${attrName()}${sp()}=${sp()}${value}${rnd() < 0.3 ? sp() + comment() + "\n" : nl()}`;
      } else if (r < 8 && depth < 3) {
        const labels = Array.from({ length: int(3) }, () => `${sp()}"${name()}"`).join("");
        s += `${indent}${name()}${labels}${sp()}{${rnd() < 0.2 ? sp() + "# open" : ""}\n${body(depth + 1)}${indent}}${nl()}`;
      } else if (r === 8) s += `${indent}${comment()}\n`;
      else s += nl();
    }
    return s;
  };
  return body(0);
}
