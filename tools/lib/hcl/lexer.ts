/**
 * HCL2 native-syntax lexer. Turns text into tokens with positions; never throws.
 * Templates (quoted strings and heredocs) are split into literal pieces and the `${`/`%{`
 * sequences between them, with a mode stack so nested braces and strings work.
 * Lexical errors become diagnostics, and the lexer inserts synthetic closing tokens
 * (e.g. a closing quote for an unterminated string) so the parser doesn't cascade.
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

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let col = 1;
  if (n > 0 && text.charCodeAt(0) === 0xfeff) i = 1;

  const pos = (): Pos => ({ line, column: col, offset: i });
  /** Advance over one character (code point), tracking line and column. */
  const adv = (): void => {
    const c = text.charCodeAt(i);
    if (c === 10) {
      i++;
      line++;
      col = 1;
      return;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i += 2;
        col++;
        return;
      }
    }
    i++;
    col++;
  };
  const push = (type: TokenType, start: Pos, value = "", flag = false): Token => {
    const t: Token = { type, start, end: pos(), value, flag, synthetic: false };
    tokens.push(t);
    return t;
  };
  const synth = (type: TokenType): void => {
    const p = pos();
    tokens.push({ type, start: p, end: p, value: "", flag: false, synthetic: true });
  };
  const err = (message: string, start: Pos, end: Pos = pos(), hint?: string): void => {
    const d: Diagnostic = { severity: "error", message, range: { start, end } };
    if (hint !== undefined) d.hint = hint;
    diagnostics.push(d);
  };

  const modes: Mode[] = [{ kind: "normal" }];
  let tooDeep = false;
  const pushMode = (m: Mode): boolean => {
    if (modes.length >= MAX_MODE_DEPTH) {
      if (!tooDeep) err("nesting too deep", pos());
      tooDeep = true;
      return false;
    }
    modes.push(m);
    return true;
  };

  const codePointAt = (k: number): number => text.codePointAt(k) ?? 0;
  const isIdStartAt = (k: number): boolean => {
    const c = text.charCodeAt(k);
    if (c < 128) return isAsciiIdStart(c);
    return ID_START.test(String.fromCodePoint(codePointAt(k)));
  };
  const isIdContinueAt = (k: number): boolean => {
    const c = text.charCodeAt(k);
    if (c < 128) return isAsciiIdContinue(c);
    return ID_CONTINUE.test(String.fromCodePoint(codePointAt(k)));
  };

  /** Scan quoted-string content until `"`, `${`, `%{`, newline or EOF. */
  const scanQuoted = (m: Extract<Mode, { kind: "quoted" }>): void => {
    const start = pos();
    let value = "";
    let chunkStart = i;
    const quote = m.single ? 39 : 34;
    for (;;) {
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === quote || c === 10 || c === 13) break;
      if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) break; // ${ %{
      if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
        // $${ or %%{ : literal ${ / %{
        value += text.slice(chunkStart, i) + (c === 36 ? "${" : "%{");
        adv();
        adv();
        adv();
        chunkStart = i;
        continue;
      }
      if (c === 92) {
        value += text.slice(chunkStart, i);
        const escStart = pos();
        adv();
        const e = text.charCodeAt(i);
        if (i >= n || e === 10 || e === 13) {
          chunkStart = i;
          break;
        }
        adv();
        switch (e) {
          case 110:
            value += "\n";
            break;
          case 114:
            value += "\r";
            break;
          case 116:
            value += "\t";
            break;
          case 34:
            value += '"';
            break;
          case 39:
            value += "'";
            break;
          case 92:
            value += "\\";
            break;
          case 117:
          case 85: {
            const len = e === 117 ? 4 : 8;
            let hex = "";
            while (hex.length < len && i < n && /[0-9A-Fa-f]/.test(text[i]!)) {
              hex += text[i]!;
              adv();
            }
            const cp = parseInt(hex, 16);
            if (hex.length < len || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
              err(`invalid escape sequence: \\${String.fromCharCode(e)} must be followed by ${len} hexadecimal digits of a valid character`, escStart);
            } else {
              value += String.fromCodePoint(cp);
            }
            break;
          }
          default:
            err(`invalid escape sequence \\${String.fromCodePoint(e)}`, escStart, pos(), "the valid escapes are \\n \\r \\t \\\" \\\\ \\uXXXX \\UXXXXXXXX");
        }
        chunkStart = i;
        continue;
      }
      adv();
    }
    value += text.slice(chunkStart, i);
    if (i > start.offset) push("QuotedLit", start, value);
    // What stopped us?
    if (i >= n || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) {
      err("unterminated string", m.open, pos(), "a quoted string must end with `\"` on the same line; use a heredoc (<<EOT) for multi-line text");
      synth("CQuote");
      modes.pop();
      // A string nested in `${…}` of another string on this line: the outer string is
      // broken too. Close it silently (one diagnostic is enough).
      while (modes.length >= 3 && modes[modes.length - 1]!.kind === "interp" && modes[modes.length - 2]!.kind === "quoted") {
        synth("TemplateSeqEnd");
        modes.pop();
        synth("CQuote");
        modes.pop();
      }
      return;
    }
    const c = text.charCodeAt(i);
    if (c === quote) {
      const s = pos();
      adv();
      push("CQuote", s);
      modes.pop();
      return;
    }
    scanTemplateOpen();
  };

  /** At `${` or `%{`: emit the opener and enter interp mode. */
  const scanTemplateOpen = (): void => {
    const s = pos();
    const type: TokenType = text.charCodeAt(i) === 36 ? "TemplateInterp" : "TemplateControl";
    adv();
    adv();
    let strip = false;
    if (text.charCodeAt(i) === 126) {
      strip = true;
      adv();
    }
    push(type, s, "", strip);
    pushMode({ kind: "interp" });
  };

  /** Scan heredoc content: line by line, stopping at `${`/`%{` or the closing marker. */
  const scanHeredoc = (m: Extract<Mode, { kind: "heredoc" }>): void => {
    for (;;) {
      if (m.atLineStart) {
        // Closing marker?
        let k = i;
        while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
        if (text.startsWith(m.marker, k)) {
          let e = k + m.marker.length;
          if (e >= n || text.charCodeAt(e) === 10 || (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10) || !isIdContinueAt(e)) {
            // Trailing spaces after the marker are allowed.
            let t = e;
            while (t < n && (text.charCodeAt(t) === 32 || text.charCodeAt(t) === 9)) t++;
            if (t >= n || text.charCodeAt(t) === 10 || (text.charCodeAt(t) === 13 && text.charCodeAt(t + 1) === 10)) {
              while (i < k) adv();
              const s = pos();
              while (i < e) adv();
              push("CHeredoc", s, m.marker);
              while (i < t) adv();
              modes.pop();
              if (i >= n) {
                // HCL requires a newline after the closing marker.
                err(`heredoc closing marker \`${m.marker}\` must be followed by a newline`, s, pos());
              }
              return;
            }
          }
        }
      }
      if (i >= n) {
        err(`unclosed heredoc \`${m.marker}\` (opened at ${m.open.line}:${m.open.column})`, m.open, pos(), `end it with a line containing only ${m.marker}`);
        synth("CHeredoc");
        modes.pop();
        return;
      }
      // One line (or up to a template sequence).
      const s = pos();
      let value = "";
      let chunkStart = i;
      m.atLineStart = false;
      let stoppedAtSeq = false;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 10) {
          adv();
          m.atLineStart = true;
          break;
        }
        if (c === 13 && text.charCodeAt(i + 1) !== 10) {
          const cr = pos();
          adv();
          err("invalid character U+000D in heredoc", cr, pos(), "a lone carriage return is not a valid line ending");
          continue;
        }
        if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) {
          stoppedAtSeq = true;
          break;
        }
        if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) {
          value += text.slice(chunkStart, i) + (c === 36 ? "${" : "%{");
          adv();
          adv();
          adv();
          chunkStart = i;
          continue;
        }
        adv();
      }
      value += text.slice(chunkStart, i);
      if (i > s.offset) push("StringLit", s, value);
      if (stoppedAtSeq) {
        scanTemplateOpen();
        return;
      }
    }
  };

  const scanNumber = (afterDot: boolean): void => {
    const s = pos();
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) adv();
    if (!afterDot) {
      if (text.charCodeAt(i) === 46 && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) {
        adv();
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) adv();
      }
      const e = text.charCodeAt(i);
      if (e === 101 || e === 69) {
        let k = i + 1;
        const sg = text.charCodeAt(k);
        if (sg === 43 || sg === 45) k++;
        if (text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) {
          while (i < k) adv();
          while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) adv();
        }
      }
    }
    push("Number", s, text.slice(s.offset, i));
  };

  let lastInvalidLine = -1;
  const scanNormal = (): void => {
    const c = text.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9) {
      adv();
      return;
    }
    const s = pos();
    if (c === 10) {
      adv();
      push("Newline", s);
      return;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      adv();
      adv();
      push("Newline", s);
      return;
    }
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
      // line comment: up to (not including) the newline
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10 || (d === 13 && text.charCodeAt(i + 1) === 10)) break;
        adv();
      }
      return;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      adv();
      adv();
      for (;;) {
        if (i >= n) {
          err("unterminated comment", s, pos(), "close it with */");
          return;
        }
        if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          adv();
          adv();
          return;
        }
        adv();
      }
    }
    if (isIdStartAt(i)) {
      adv();
      while (i < n && isIdContinueAt(i)) adv();
      push("Ident", s, text.slice(s.offset, i));
      return;
    }
    if (c >= 48 && c <= 57) {
      const prev = tokens[tokens.length - 1];
      scanNumber(prev !== undefined && prev.type === "Dot" && prev.end.offset === s.offset);
      return;
    }
    const top = modes[modes.length - 1]!;
    const c1 = text.charCodeAt(i + 1);
    switch (c) {
      case 34: // "
        adv();
        push("OQuote", s);
        pushMode({ kind: "quoted", open: s, single: false });
        return;
      case 39: // '
        adv();
        err("single quotes are not valid in HCL; use double quotes", s, pos());
        push("OQuote", s);
        pushMode({ kind: "quoted", open: s, single: true });
        return;
      case 123:
        adv();
        push("OBrace", s);
        pushMode({ kind: "normal" });
        return;
      case 125:
        adv();
        if (top.kind === "interp") {
          push("TemplateSeqEnd", s);
          modes.pop();
        } else {
          push("CBrace", s);
          if (modes.length > 1) modes.pop();
        }
        return;
      case 126: // ~
        if (c1 === 125 && top.kind === "interp") {
          adv();
          adv();
          push("TemplateSeqEnd", s, "", true);
          modes.pop();
          return;
        }
        break;
      case 91:
        adv();
        push("OBrack", s);
        return;
      case 93:
        adv();
        push("CBrack", s);
        return;
      case 40:
        adv();
        push("OParen", s);
        return;
      case 41:
        adv();
        push("CParen", s);
        return;
      case 44:
        adv();
        push("Comma", s);
        return;
      case 46:
        if (c1 === 46 && text.charCodeAt(i + 2) === 46) {
          adv();
          adv();
          adv();
          push("Ellipsis", s);
          return;
        }
        adv();
        push("Dot", s);
        return;
      case 42:
        adv();
        push("Star", s);
        return;
      case 47:
        adv();
        push("Slash", s);
        return;
      case 37:
        adv();
        push("Percent", s);
        return;
      case 43:
        adv();
        push("Plus", s);
        return;
      case 45:
        adv();
        push("Minus", s);
        return;
      case 61:
        adv();
        if (c1 === 61) {
          adv();
          push("EqualOp", s);
        } else if (c1 === 62) {
          adv();
          push("FatArrow", s);
        } else push("Equal", s);
        return;
      case 33:
        adv();
        if (c1 === 61) {
          adv();
          push("NotEqual", s);
        } else push("Bang", s);
        return;
      case 60:
        if (c1 === 60) {
          scanHeredocOpen(s);
          return;
        }
        adv();
        if (c1 === 61) {
          adv();
          push("LessThanEq", s);
        } else push("LessThan", s);
        return;
      case 62:
        adv();
        if (c1 === 61) {
          adv();
          push("GreaterThanEq", s);
        } else push("GreaterThan", s);
        return;
      case 38:
        if (c1 === 38) {
          adv();
          adv();
          push("And", s);
          return;
        }
        break;
      case 124:
        if (c1 === 124) {
          adv();
          adv();
          push("Or", s);
          return;
        }
        break;
      case 63:
        adv();
        push("Question", s);
        return;
      case 58:
        adv();
        push("Colon", s);
        return;
    }
    // Invalid character: report once per line, then skip it.
    adv();
    if (line !== lastInvalidLine || s.line !== line) {
      const ch = text.slice(s.offset, i);
      const shown = c < 32 || c === 127 ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : `\`${ch}\``;
      err(`invalid character ${shown}`, s, pos(), c === 13 ? "a lone carriage return is not a valid line ending" : undefined);
      lastInvalidLine = s.line;
    }
    push("Invalid", s, text.slice(s.offset, i));
  };

  const scanHeredocOpen = (s: Pos): void => {
    adv();
    adv();
    let flush = false;
    if (text.charCodeAt(i) === 45) {
      flush = true;
      adv();
    }
    if (!isIdStartAt(i)) {
      err("invalid heredoc: expected a marker word after `<<`, e.g. <<EOT", s, pos());
      push("Invalid", s);
      return;
    }
    const ms = i;
    adv();
    while (i < n && isIdContinueAt(i)) adv();
    const marker = text.slice(ms, i);
    const endOpen = pos();
    let sp = i;
    while (sp < n && (text.charCodeAt(sp) === 32 || text.charCodeAt(sp) === 9)) sp++;
    if (sp > i && (sp >= n || text.charCodeAt(sp) === 10 || (text.charCodeAt(sp) === 13 && text.charCodeAt(sp + 1) === 10))) {
      // `<<EOT ` with trailing spaces: HCL rejects it, but the heredoc still follows.
      err(`invalid heredoc: nothing, not even spaces, may follow \`<<${flush ? "-" : ""}${marker}\` on its line`, endOpen, { line, column: col + (sp - i), offset: sp });
      while (i < sp) adv();
    }
    if (text.charCodeAt(i) === 10) adv();
    else if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) {
      adv();
      adv();
    } else {
      err(`invalid heredoc: a newline must follow \`<<${flush ? "-" : ""}${marker}\``, s, endOpen);
      push("Invalid", s);
      return;
    }
    tokens.push({ type: "OHeredoc", start: s, end: endOpen, value: marker, flag: flush, synthetic: false });
    if (!pushMode({ kind: "heredoc", marker, flush, open: s, atLineStart: true })) return;
  };

  while (i < n) {
    if (tooDeep) {
      // Give up on structure: skip the rest as invalid (reported once).
      const s = pos();
      while (i < n) adv();
      push("Invalid", s);
      break;
    }
    const top = modes[modes.length - 1]!;
    if (top.kind === "quoted") scanQuoted(top);
    else if (top.kind === "heredoc") scanHeredoc(top);
    else scanNormal();
  }
  // Close open templates at EOF.
  for (let k = modes.length - 1; k >= 0; k--) {
    const m = modes[k]!;
    if (m.kind === "quoted") {
      err("unterminated string", m.open, pos());
      synth("CQuote");
    } else if (m.kind === "heredoc") {
      err(`unclosed heredoc \`${m.marker}\` (opened at ${m.open.line}:${m.open.column})`, m.open, pos(), `end it with a line containing only ${m.marker}`);
      synth("CHeredoc");
    }
  }
  synth("EOF");
  return { tokens, diagnostics };
}
