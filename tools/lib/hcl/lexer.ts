/**
 * HCL2 native-syntax lexer. Turns text into tokens with positions; never throws.
 * Templates (quoted strings and heredocs) are split into literal pieces and the `${`/`%{`
 * sequences between them, with a mode stack so nested braces and strings work.
 * Lexical errors become diagnostics, and the lexer inserts synthetic closing tokens
 * (e.g. a closing quote for an unterminated string) so the parser doesn't cascade.
 *
 * Nothing is lost: comments are tokens of their own, kept apart from the parser's stream
 * (`comments`), and what lies between two tokens is only spaces and tabs, except inside a
 * heredoc (its opener's line ending, the blanks around its closing marker). So one scan
 * serves both the parser and the formatter (fmt/tokens.ts), as hclwrite reuses hclsyntax's
 * scanner.
 */
import type { Diagnostic, Pos } from "./ast.ts";

export type TokenType =
  | "Ident"
  | "Number"
  | "OQuote"
  | "CQuote"
  | "QuotedLit" // literal text inside a quoted string (value = decoded text)
  | "StringLit" // one line (or part of a line) of heredoc text (value = decoded text)
  | "OHeredoc" // value = marker, flush = `<<-`
  | "CHeredoc"
  | "TemplateInterp" // `${`, strip = `${~`
  | "TemplateControl" // `%{`, strip = `%{~`
  | "TemplateSeqEnd" // `}` closing `${`/`%{`, strip = `~}`
  | "OBrace"
  | "CBrace"
  | "OBrack"
  | "CBrack"
  | "OParen"
  | "CParen"
  | "Comma"
  | "Dot"
  | "Ellipsis"
  | "Star"
  | "Slash"
  | "Percent"
  | "Plus"
  | "Minus"
  | "Equal"
  | "EqualOp"
  | "NotEqual"
  | "LessThan"
  | "LessThanEq"
  | "GreaterThan"
  | "GreaterThanEq"
  | "And"
  | "Or"
  | "Bang"
  | "Question"
  | "Colon"
  | "FatArrow"
  | "Newline"
  | "Comment" // `# …` or `// …` up to (not including) the line ending, or `/* … */`; only in `comments`
  | "Invalid"
  | "EOF";

export interface Token {
  type: TokenType;
  start: Pos;
  end: Pos;
  /** Ident name, decoded literal text, number source, or heredoc marker. */
  value: string;
  /** Strip marker (`${~`, `%{~`, `~}`) or `<<-` for OHeredoc. */
  flag: boolean;
  /** Inserted by the lexer to recover from an error (zero width). */
  synthetic: boolean;
}

type Mode =
  | { kind: "normal" } // inside `{` of a block/object, or the file
  | { kind: "interp" } // inside `${`/`%{`
  | { kind: "quoted"; open: Pos; single: boolean }
  | { kind: "heredoc"; marker: string; flush: boolean; open: Pos; atLineStart: boolean };

export interface LexResult {
  tokens: Token[];
  /** The comments, in order: not in `tokens`, which the parser reads. */
  comments: Token[];
  diagnostics: Diagnostic[];
}

const MAX_MODE_DEPTH = 1000;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isAsciiIdContinue(c: number): boolean {
  return isAsciiIdStart(c) || (c >= 48 && c <= 57) || c === 45;
}
const ID_START = /^[\p{ID_Start}]$/u;
const ID_CONTINUE = /^[\p{ID_Continue}]$/u;

/** Tokens of one character that need no look-ahead. */
const SINGLE: Partial<Record<number, TokenType>> = {
  91: "OBrack",
  93: "CBrack",
  40: "OParen",
  41: "CParen",
  44: "Comma",
  42: "Star",
  47: "Slash",
  37: "Percent",
  43: "Plus",
  45: "Minus",
  63: "Question",
  58: "Colon",
};

/** The escapes of quoted strings that stand for one character: `\n` → newline. */
const ESCAPES: Partial<Record<number, string>> = { 110: "\n", 114: "\r", 116: "\t", 34: '"', 39: "'", 92: "\\" };

export function lex(text: string): LexResult {
  const lexer = new Lexer(text);
  lexer.run();
  return { tokens: lexer.tokens, comments: lexer.comments, diagnostics: lexer.diagnostics };
}

/**
 * The lexer's state and its steps. HCL's lexical structure depends on where the text is (a
 * block body or an interpolation, a quoted string, a heredoc), so it keeps a stack of modes;
 * run() hands each position to the scanner of the innermost mode.
 */
class Lexer {
  readonly text: string;
  readonly n: number;
  readonly tokens: Token[] = [];
  readonly comments: Token[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly modes: Mode[] = [{ kind: "normal" }];
  i = 0;
  line = 1;
  col = 1;
  tooDeep = false;
  lastInvalidLine = -1;

  constructor(text: string) {
    this.text = text;
    this.n = text.length;
    if (this.n > 0 && text.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  run(): void {
    while (this.i < this.n) {
      if (this.tooDeep) {
        // Give up on structure: skip the rest as invalid (reported once).
        const s = this.pos();
        while (this.i < this.n) this.adv();
        this.push("Invalid", s);
        break;
      }
      const top = this.modes[this.modes.length - 1]!;
      if (top.kind === "quoted") this.scanQuoted(top);
      else if (top.kind === "heredoc") this.scanHeredoc(top);
      else this.scanNormal();
    }
    this.closeAtEnd();
    this.synth("EOF");
  }

  /** Close open templates at EOF. */
  closeAtEnd(): void {
    for (let k = this.modes.length - 1; k >= 0; k--) {
      const m = this.modes[k]!;
      if (m.kind === "quoted") {
        this.err("unterminated string", m.open, this.pos());
        this.synth("CQuote");
      } else if (m.kind === "heredoc") {
        this.unclosedHeredoc(m);
      }
    }
  }

  /** End input inside a heredoc: the error, and its closing token. */
  unclosedHeredoc(m: Extract<Mode, { kind: "heredoc" }>): void {
    this.err(
      `unclosed heredoc \`${m.marker}\` (opened at ${m.open.line}:${m.open.column})`,
      m.open,
      this.pos(),
      `end it with a line containing only ${m.marker}`,
    );
    this.synth("CHeredoc");
  }

  pos(): Pos {
    return { line: this.line, column: this.col, offset: this.i };
  }

  /** Advance over one character (code point), tracking line and column. */
  adv(): void {
    const text = this.text;
    const c = text.charCodeAt(this.i);
    if (c === 10) {
      this.i++;
      this.line++;
      this.col = 1;
      return;
    }
    if (c >= 0xd800 && c <= 0xdbff && this.i + 1 < this.n) {
      const d = text.charCodeAt(this.i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        this.i += 2;
        this.col++;
        return;
      }
    }
    this.i++;
    this.col++;
  }

  push(type: TokenType, start: Pos, value = "", flag = false): Token {
    const t: Token = { type, start, end: this.pos(), value, flag, synthetic: false };
    this.tokens.push(t);
    return t;
  }

  synth(type: TokenType): void {
    const p = this.pos();
    this.tokens.push({ type, start: p, end: p, value: "", flag: false, synthetic: true });
  }

  err(message: string, start: Pos, end: Pos = this.pos(), hint?: string): void {
    const d: Diagnostic = { severity: "error", message, range: { start, end } };
    if (hint !== undefined) d.hint = hint;
    this.diagnostics.push(d);
  }

  pushMode(m: Mode): boolean {
    if (this.modes.length >= MAX_MODE_DEPTH) {
      if (!this.tooDeep) this.err("nesting too deep", this.pos());
      this.tooDeep = true;
      return false;
    }
    this.modes.push(m);
    return true;
  }

  isIdStartAt(k: number): boolean {
    const c = this.text.charCodeAt(k);
    if (c < 128) return isAsciiIdStart(c);
    return ID_START.test(String.fromCodePoint(this.text.codePointAt(k) ?? 0));
  }

  isIdContinueAt(k: number): boolean {
    const c = this.text.charCodeAt(k);
    if (c < 128) return isAsciiIdContinue(c);
    return ID_CONTINUE.test(String.fromCodePoint(this.text.codePointAt(k) ?? 0));
  }

  /** Quoted-string content until `"`, `${`, `%{`, newline or EOF, then what ends it. */
  scanQuoted(m: Extract<Mode, { kind: "quoted" }>): void {
    const start = this.pos();
    const value = this.quotedText(m.single ? 39 : 34);
    if (this.i > start.offset) this.push("QuotedLit", start, value);
    this.quotedEnd(m);
  }

  /** The text of a quoted string up to what ends it, escapes decoded. */
  quotedText(quote: number): string {
    const text = this.text;
    let value = "";
    let chunkStart = this.i;
    while (this.i < this.n) {
      const c = text.charCodeAt(this.i);
      if (c === quote || c === 10 || c === 13) break;
      if ((c === 36 || c === 37) && text.charCodeAt(this.i + 1) === 123) break; // ${ %{
      if ((c === 36 || c === 37) && text.charCodeAt(this.i + 1) === c && text.charCodeAt(this.i + 2) === 123) {
        // $${ or %%{ : literal ${ / %{
        value += text.slice(chunkStart, this.i) + (c === 36 ? "${" : "%{");
        this.adv();
        this.adv();
        this.adv();
        chunkStart = this.i;
        continue;
      }
      if (c === 92) {
        value += text.slice(chunkStart, this.i);
        const escaped = this.escape();
        chunkStart = this.i;
        if (escaped === undefined) break;
        value += escaped;
        continue;
      }
      this.adv();
    }
    return value + text.slice(chunkStart, this.i);
  }

  /** At a backslash: what the escape stands for ("" after reporting a bad one), or undefined at the line's end. */
  escape(): string | undefined {
    const escStart = this.pos();
    this.adv();
    const e = this.text.charCodeAt(this.i);
    if (this.i >= this.n || e === 10 || e === 13) return undefined;
    this.adv();
    const simple = ESCAPES[e];
    if (simple !== undefined) return simple;
    if (e === 117 || e === 85) return this.unicodeEscape(e, escStart);
    this.err(`invalid escape sequence \\${String.fromCodePoint(e)}`, escStart, this.pos(), 'the valid escapes are \\n \\r \\t \\" \\\\ \\uXXXX \\UXXXXXXXX');
    return "";
  }

  /** `\uXXXX` / `\UXXXXXXXX` after the letter: the character, or "" after reporting a bad one. */
  unicodeEscape(e: number, escStart: Pos): string {
    const len = e === 117 ? 4 : 8;
    let hex = "";
    while (hex.length < len && this.i < this.n && /[0-9A-Fa-f]/.test(this.text[this.i]!)) {
      hex += this.text[this.i]!;
      this.adv();
    }
    const cp = parseInt(hex, 16);
    if (hex.length < len || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      this.err(`invalid escape sequence: \\${String.fromCharCode(e)} must be followed by ${len} hexadecimal digits of a valid character`, escStart);
      return "";
    }
    return String.fromCodePoint(cp);
  }

  /** What stopped a quoted string: its quote, a template sequence, or the end of the line. */
  quotedEnd(m: Extract<Mode, { kind: "quoted" }>): void {
    const modes = this.modes;
    const c = this.text.charCodeAt(this.i);
    if (this.i >= this.n || c === 10 || c === 13) {
      this.err("unterminated string", m.open, this.pos(), 'a quoted string must end with `"` on the same line; use a heredoc (<<EOT) for multi-line text');
      this.synth("CQuote");
      modes.pop();
      // A string nested in `${…}` of another string on this line: the outer string is
      // broken too. Close it silently (one diagnostic is enough).
      while (modes.length >= 3 && modes[modes.length - 1]!.kind === "interp" && modes[modes.length - 2]!.kind === "quoted") {
        this.synth("TemplateSeqEnd");
        modes.pop();
        this.synth("CQuote");
        modes.pop();
      }
      return;
    }
    if (c === (m.single ? 39 : 34)) {
      const s = this.pos();
      this.adv();
      this.push("CQuote", s);
      modes.pop();
      return;
    }
    this.scanTemplateOpen();
  }

  /** At `${` or `%{`: emit the opener and enter interp mode. */
  scanTemplateOpen(): void {
    const s = this.pos();
    const type: TokenType = this.text.charCodeAt(this.i) === 36 ? "TemplateInterp" : "TemplateControl";
    this.adv();
    this.adv();
    let strip = false;
    if (this.text.charCodeAt(this.i) === 126) {
      strip = true;
      this.adv();
    }
    this.push(type, s, "", strip);
    this.pushMode({ kind: "interp" });
  }

  /** Heredoc content: line by line, stopping at `${`/`%{` or the closing marker. */
  scanHeredoc(m: Extract<Mode, { kind: "heredoc" }>): void {
    for (;;) {
      if (m.atLineStart && this.closingMarker(m)) return;
      if (this.i >= this.n) {
        this.unclosedHeredoc(m);
        this.modes.pop();
        return;
      }
      if (this.heredocLine(m)) {
        this.scanTemplateOpen();
        return;
      }
    }
  }

  /** At a line start in a heredoc: when the line is the closing marker, read it and end the heredoc. */
  closingMarker(m: Extract<Mode, { kind: "heredoc" }>): boolean {
    const text = this.text;
    const n = this.n;
    const lineEndAt = (k: number): boolean => k >= n || text.charCodeAt(k) === 10 || (text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10);
    let k = this.i;
    while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    if (!text.startsWith(m.marker, k)) return false;
    const e = k + m.marker.length;
    if (!lineEndAt(e) && this.isIdContinueAt(e)) return false;
    // Trailing spaces after the marker are allowed.
    let t = e;
    while (t < n && (text.charCodeAt(t) === 32 || text.charCodeAt(t) === 9)) t++;
    if (!lineEndAt(t)) return false;
    while (this.i < k) this.adv();
    const s = this.pos();
    while (this.i < e) this.adv();
    this.push("CHeredoc", s, m.marker);
    while (this.i < t) this.adv();
    this.modes.pop();
    if (this.i >= n) {
      // HCL requires a newline after the closing marker.
      this.err(`heredoc closing marker \`${m.marker}\` must be followed by a newline`, s, this.pos());
    }
    return true;
  }

  /** One line of heredoc content (or up to a template sequence): true when stopped at `${`/`%{`. */
  heredocLine(m: Extract<Mode, { kind: "heredoc" }>): boolean {
    const text = this.text;
    const s = this.pos();
    let value = "";
    let chunkStart = this.i;
    m.atLineStart = false;
    let stoppedAtSeq = false;
    while (this.i < this.n) {
      const c = text.charCodeAt(this.i);
      if (c === 10) {
        this.adv();
        m.atLineStart = true;
        break;
      }
      if (c === 13 && text.charCodeAt(this.i + 1) !== 10) {
        const cr = this.pos();
        this.adv();
        this.err("invalid character U+000D in heredoc", cr, this.pos(), "a lone carriage return is not a valid line ending");
        continue;
      }
      if ((c === 36 || c === 37) && text.charCodeAt(this.i + 1) === 123) {
        stoppedAtSeq = true;
        break;
      }
      if ((c === 36 || c === 37) && text.charCodeAt(this.i + 1) === c && text.charCodeAt(this.i + 2) === 123) {
        value += text.slice(chunkStart, this.i) + (c === 36 ? "${" : "%{");
        this.adv();
        this.adv();
        this.adv();
        chunkStart = this.i;
        continue;
      }
      this.adv();
    }
    value += text.slice(chunkStart, this.i);
    if (this.i > s.offset) this.push("StringLit", s, value);
    return stoppedAtSeq;
  }

  isDigitAt(k: number): boolean {
    const c = this.text.charCodeAt(k);
    return c >= 48 && c <= 57;
  }

  scanNumber(afterDot: boolean): void {
    const s = this.pos();
    while (this.i < this.n && this.isDigitAt(this.i)) this.adv();
    if (!afterDot) {
      if (this.text.charCodeAt(this.i) === 46 && this.isDigitAt(this.i + 1)) {
        this.adv();
        while (this.i < this.n && this.isDigitAt(this.i)) this.adv();
      }
      const e = this.text.charCodeAt(this.i);
      if (e === 101 || e === 69) {
        let k = this.i + 1;
        const sg = this.text.charCodeAt(k);
        if (sg === 43 || sg === 45) k++;
        if (this.isDigitAt(k)) {
          while (this.i < k) this.adv();
          while (this.i < this.n && this.isDigitAt(this.i)) this.adv();
        }
      }
    }
    this.push("Number", s, this.text.slice(s.offset, this.i));
  }

  /** One step in a block body or an interpolation: blanks, a newline, a comment, or a token. */
  scanNormal(): void {
    const c = this.text.charCodeAt(this.i);
    if (c === 32 || c === 9) {
      this.adv();
      return;
    }
    const s = this.pos();
    if (this.scanNewlineOrComment(c, s)) return;
    if (this.isIdStartAt(this.i)) {
      this.adv();
      while (this.i < this.n && this.isIdContinueAt(this.i)) this.adv();
      this.push("Ident", s, this.text.slice(s.offset, this.i));
      return;
    }
    if (c >= 48 && c <= 57) {
      const prev = this.tokens[this.tokens.length - 1];
      this.scanNumber(prev !== undefined && prev.type === "Dot" && prev.end.offset === s.offset);
      return;
    }
    const single = SINGLE[c];
    if (single !== undefined) {
      this.adv();
      this.push(single, s);
      return;
    }
    if (this.scanOpenOrClose(c, s) || this.scanOperator(c, s)) return;
    this.invalidCharacter(c, s);
  }

  scanNewlineOrComment(c: number, s: Pos): boolean {
    const text = this.text;
    if (c === 10 || (c === 13 && text.charCodeAt(this.i + 1) === 10)) {
      if (c === 13) this.adv();
      this.adv();
      this.push("Newline", s);
      return true;
    }
    if (c === 35 || (c === 47 && text.charCodeAt(this.i + 1) === 47)) {
      // line comment: up to (not including) the newline
      while (this.i < this.n) {
        const d = text.charCodeAt(this.i);
        if (d === 10 || (d === 13 && text.charCodeAt(this.i + 1) === 10)) break;
        this.adv();
      }
      this.comment(s);
      return true;
    }
    if (c !== 47 || text.charCodeAt(this.i + 1) !== 42) return false;
    this.adv();
    this.adv();
    for (;;) {
      if (this.i >= this.n) {
        this.err("unterminated comment", s, this.pos(), "close it with */");
        this.comment(s);
        return true;
      }
      if (text.charCodeAt(this.i) === 42 && text.charCodeAt(this.i + 1) === 47) {
        this.adv();
        this.adv();
        this.comment(s);
        return true;
      }
      this.adv();
    }
  }

  /** A comment from `start` to here, kept apart from the parser's tokens. */
  comment(start: Pos): void {
    this.comments.push({ type: "Comment", start, end: this.pos(), value: "", flag: false, synthetic: false });
  }

  /** Quotes and braces, which open and close modes. */
  scanOpenOrClose(c: number, s: Pos): boolean {
    const top = this.modes[this.modes.length - 1]!;
    switch (c) {
      case 34: // "
        this.adv();
        this.push("OQuote", s);
        this.pushMode({ kind: "quoted", open: s, single: false });
        return true;
      case 39: // '
        this.adv();
        this.err("single quotes are not valid in HCL; use double quotes", s, this.pos());
        this.push("OQuote", s);
        this.pushMode({ kind: "quoted", open: s, single: true });
        return true;
      case 123:
        this.adv();
        this.push("OBrace", s);
        this.pushMode({ kind: "normal" });
        return true;
      case 125:
        this.adv();
        if (top.kind === "interp") {
          this.push("TemplateSeqEnd", s);
          this.modes.pop();
        } else {
          this.push("CBrace", s);
          if (this.modes.length > 1) this.modes.pop();
        }
        return true;
      case 126: // ~
        if (this.text.charCodeAt(this.i + 1) !== 125 || top.kind !== "interp") return false;
        this.adv();
        this.adv();
        this.push("TemplateSeqEnd", s, "", true);
        this.modes.pop();
        return true;
      default:
        return false;
    }
  }

  /** Operators of one or more characters (`.`, `...`, `=`, `==`, `=>`, `<<EOT`, `&&`, …). */
  scanOperator(c: number, s: Pos): boolean {
    const c1 = this.text.charCodeAt(this.i + 1);
    /** A one-character token, or a two-character one when the next character is `second`. */
    const pair = (second: number, two: TokenType, one: TokenType): true => {
      this.adv();
      if (c1 === second) {
        this.adv();
        this.push(two, s);
      } else this.push(one, s);
      return true;
    };
    switch (c) {
      case 46:
        if (c1 === 46 && this.text.charCodeAt(this.i + 2) === 46) {
          this.adv();
          this.adv();
          this.adv();
          this.push("Ellipsis", s);
          return true;
        }
        this.adv();
        this.push("Dot", s);
        return true;
      case 61:
        if (c1 === 62) return pair(62, "FatArrow", "Equal");
        return pair(61, "EqualOp", "Equal");
      case 33:
        return pair(61, "NotEqual", "Bang");
      case 60:
        if (c1 === 60) {
          this.scanHeredocOpen(s);
          return true;
        }
        return pair(61, "LessThanEq", "LessThan");
      case 62:
        return pair(61, "GreaterThanEq", "GreaterThan");
      case 38:
      case 124:
        if (c1 !== c) return false;
        this.adv();
        this.adv();
        this.push(c === 38 ? "And" : "Or", s);
        return true;
      default:
        return false;
    }
  }

  /** Invalid character: report once per line, then skip it. */
  invalidCharacter(c: number, s: Pos): void {
    this.adv();
    if (this.line !== this.lastInvalidLine || s.line !== this.line) {
      const ch = this.text.slice(s.offset, this.i);
      const shown = c < 32 || c === 127 ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : `\`${ch}\``;
      this.err(`invalid character ${shown}`, s, this.pos(), c === 13 ? "a lone carriage return is not a valid line ending" : undefined);
      this.lastInvalidLine = s.line;
    }
    this.push("Invalid", s, this.text.slice(s.offset, this.i));
  }

  scanHeredocOpen(s: Pos): void {
    const text = this.text;
    const n = this.n;
    this.adv();
    this.adv();
    let flush = false;
    if (text.charCodeAt(this.i) === 45) {
      flush = true;
      this.adv();
    }
    if (!this.isIdStartAt(this.i)) {
      this.err("invalid heredoc: expected a marker word after `<<`, e.g. <<EOT", s, this.pos());
      this.push("Invalid", s);
      return;
    }
    const ms = this.i;
    this.adv();
    while (this.i < n && this.isIdContinueAt(this.i)) this.adv();
    const marker = text.slice(ms, this.i);
    const endOpen = this.pos();
    let sp = this.i;
    while (sp < n && (text.charCodeAt(sp) === 32 || text.charCodeAt(sp) === 9)) sp++;
    if (sp > this.i && (sp >= n || text.charCodeAt(sp) === 10 || (text.charCodeAt(sp) === 13 && text.charCodeAt(sp + 1) === 10))) {
      // `<<EOT ` with trailing spaces: HCL rejects it, but the heredoc still follows.
      this.err(`invalid heredoc: nothing, not even spaces, may follow \`<<${flush ? "-" : ""}${marker}\` on its line`, endOpen, {
        line: this.line,
        column: this.col + (sp - this.i),
        offset: sp,
      });
      while (this.i < sp) this.adv();
    }
    if (text.charCodeAt(this.i) === 10) this.adv();
    else if (text.charCodeAt(this.i) === 13 && text.charCodeAt(this.i + 1) === 10) {
      this.adv();
      this.adv();
    } else {
      this.err(`invalid heredoc: a newline must follow \`<<${flush ? "-" : ""}${marker}\``, s, endOpen);
      this.push("Invalid", s);
      return;
    }
    this.tokens.push({ type: "OHeredoc", start: s, end: endOpen, value: marker, flag: flush, synthetic: false });
    this.pushMode({ kind: "heredoc", marker, flush, open: s, atLineStart: true });
  }
}
