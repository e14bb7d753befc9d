/**
 * The token stream `packer fmt` formats: HCL's native-syntax scanner as hclwrite sees it.
 *
 * Unlike the parser's lexer (lib/hcl/lexer.ts), this keeps every byte: comments are tokens
 * (a `#` or `//` comment takes its line ending with it), a heredoc line is one token with
 * its newline, and the only thing dropped between tokens is spaces and tabs, recorded as a
 * count on the next token. Writing each token's spaces and text back gives the input again
 * (apart from a byte-order mark), so the formatter can change nothing but spacing.
 *
 * Token boundaries follow HCL's scanner (hclsyntax/scan_tokens.rl) wherever they matter to
 * formatting; inside literal text they may differ, which changes nothing because literal
 * pieces are written back to back. Input that HCL rejects still scans (to Invalid tokens),
 * but the formatter is only run on text that parses.
 */

export type FmtTokenType =
  | "Ident"
  | "Number"
  | "Comment"
  | "Newline"
  | "OQuote"
  | "CQuote"
  | "QuotedLit"
  | "QuotedNewline"
  | "OHeredoc"
  | "CHeredoc"
  | "StringLit"
  | "TemplateInterp"
  | "TemplateControl"
  | "TemplateSeqEnd"
  | "OBrace"
  | "CBrace"
  | "OBrack"
  | "CBrack"
  | "OParen"
  | "CParen"
  | "Comma"
  | "Dot"
  | "Ellipsis"
  | "Equal"
  | "EqualOp"
  | "NotEqual"
  | "Bang"
  | "Minus"
  | "Plus"
  | "Star"
  | "Slash"
  | "Percent"
  | "LessThan"
  | "LessThanEq"
  | "GreaterThan"
  | "GreaterThanEq"
  | "And"
  | "Or"
  | "Question"
  | "Colon"
  | "DoubleColon"
  | "FatArrow"
  /** A character HCL knows but does not allow here (`&`, `|`, `;`, `'`, ...). */
  | "Other"
  | "Invalid"
  | "EOF";

export interface FmtToken {
  type: FmtTokenType;
  /** The token's source text, exactly. */
  text: string;
  /** Spaces written before the token: in the input, the count of spaces and tabs before it. */
  spaces: number;
}

const SINGLE: Record<string, FmtTokenType> = {
  "[": "OBrack",
  "]": "CBrack",
  "(": "OParen",
  ")": "CParen",
  ".": "Dot",
  ",": "Comma",
  "*": "Star",
  "/": "Slash",
  "%": "Percent",
  "+": "Plus",
  "-": "Minus",
  "=": "Equal",
  "<": "LessThan",
  ">": "GreaterThan",
  "!": "Bang",
  "?": "Question",
  ":": "Colon",
  "&": "Other",
  "|": "Other",
  "~": "Other",
  "^": "Other",
  ";": "Other",
  "`": "Other",
  "'": "Other",
};

const DOUBLE: Record<string, FmtTokenType> = {
  "==": "EqualOp",
  "!=": "NotEqual",
  ">=": "GreaterThanEq",
  "<=": "LessThanEq",
  "&&": "And",
  "||": "Or",
  "::": "DoubleColon",
  "=>": "FatArrow",
};

const ID_START = /[\p{ID_Start}_]/uy;
const ID_CONTINUE = /[\p{ID_Continue}-]/uy;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

type Mode = { kind: "main" } | { kind: "quoted" } | { kind: "heredoc"; marker: string; startOfLine: boolean };

/** Where the identifier starting at `i` ends, or `i` when none starts there. */
function identEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return i;
  } else {
    ID_START.lastIndex = i;
    if (!ID_START.test(text)) return i;
  }
  let k = i + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
  for (;;) {
    const d = text.charCodeAt(k);
    if (d < 128) {
      if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || d === 95 || d === 45 || isDigit(d)) {
        k++;
        continue;
      }
      return k;
    }
    ID_CONTINUE.lastIndex = k;
    if (!ID_CONTINUE.test(text)) return k;
    k = ID_CONTINUE.lastIndex;
  }
}

/** Where the number starting at the digit at `i` ends: digits, dots and exponents, never a final dot. */
function numberEnd(text: string, i: number): number {
  let k = i + 1;
  let end = k;
  for (;;) {
    const c = text.charCodeAt(k);
    if (isDigit(c)) {
      k++;
      end = k;
    } else if (c === 46) {
      k++;
    } else if (c === 101 || c === 69) {
      let j = k + 1;
      const s = text.charCodeAt(j);
      if (s === 43 || s === 45) j++;
      if (!isDigit(text.charCodeAt(j))) return end;
      k = j + 1;
      end = k;
    } else return end;
  }
}

/** Go's bytes.TrimSpace: the Unicode white space HCL trims around a heredoc's closing marker. */
const TRIM = /^[\s\u0085]+|[\s\u0085]+$/g;

// Long by design: one pass over the text whose cases (one per kind of token) share the
// position, nesting and heredoc state held in its locals.
export function scan(text: string): FmtToken[] {
  const tokens: FmtToken[] = [];
  const n = text.length;
  let i = 0;
  // A byte-order mark is dropped, but counts (three bytes) towards the spaces of the next token.
  let spaces = 0;
  if (n > 0 && text.charCodeAt(0) === 0xfeff) {
    i = 1;
    spaces = 3;
  }
  const modes: Mode[] = [{ kind: "main" }];
  let braces = 0;
  const retBraces: number[] = [];

  const emit = (type: FmtTokenType, end: number): void => {
    tokens.push({ type, text: text.slice(i, end), spaces });
    spaces = 0;
    i = end;
  };
  const openTemplate = (type: FmtTokenType): void => {
    emit(type, text.charCodeAt(i + 2) === 126 ? i + 3 : i + 2);
    braces++;
    retBraces.push(braces);
    const top = modes[modes.length - 1]!;
    if (top.kind === "heredoc") top.startOfLine = false;
    modes.push({ kind: "main" });
  };
  /** In a template, `$` or `%` that does not open a sequence: itself, or `$${`/`%%{` as one piece. */
  const templateNotSequence = (c: number): number => {
    if (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123) return text.charCodeAt(i + 3) === 126 ? i + 4 : i + 3;
    return i + 1;
  };

  while (i < n) {
    const mode = modes[modes.length - 1]!;
    const c = text.charCodeAt(i);
    if (mode.kind === "main") {
      if (c === 32 || c === 9) {
        spaces++;
        i++;
        continue;
      }
      if (isDigit(c)) {
        emit("Number", numberEnd(text, i));
        continue;
      }
      const id = identEnd(text, i);
      if (id > i) {
        emit("Ident", id);
        continue;
      }
      const c1 = text.charCodeAt(i + 1);
      if (c === 35 || (c === 47 && c1 === 47)) {
        const nl = text.indexOf("\n", i);
        emit("Comment", nl < 0 ? n : nl + 1);
        continue;
      }
      if (c === 47 && c1 === 42) {
        const close = text.indexOf("*/", i + 2);
        if (close >= 0) {
          emit("Comment", close + 2);
          continue;
        }
      }
      if (c === 10) {
        emit("Newline", i + 1);
        continue;
      }
      if (c === 13 && c1 === 10) {
        emit("Newline", i + 2);
        continue;
      }
      if (c === 46 && c1 === 46 && text.charCodeAt(i + 2) === 46) {
        emit("Ellipsis", i + 3);
        continue;
      }
      if (c === 60 && c1 === 60) {
        // A heredoc introducer is `<<`, an optional `-`, a marker and the line ending.
        const m = i + (text.charCodeAt(i + 2) === 45 ? 3 : 2);
        const me = identEnd(text, m);
        if (me > m) {
          const e = text.charCodeAt(me);
          const end = e === 10 ? me + 1 : e === 13 && text.charCodeAt(me + 1) === 10 ? me + 2 : -1;
          if (end > 0) {
            const marker = text.slice(m, me);
            emit("OHeredoc", end);
            modes.push({ kind: "heredoc", marker, startOfLine: true });
            continue;
          }
        }
      }
      const two = DOUBLE[text.slice(i, i + 2)];
      if (two !== undefined) {
        emit(two, i + 2);
        continue;
      }
      if (c === 123) {
        emit("OBrace", i + 1);
        braces++;
        continue;
      }
      if (c === 125 || (c === 126 && c1 === 125)) {
        const closesTemplate = retBraces.length > 0 && retBraces[retBraces.length - 1] === braces;
        emit(c === 126 || closesTemplate ? "TemplateSeqEnd" : "CBrace", c === 126 ? i + 2 : i + 1);
        braces--;
        if (closesTemplate) {
          retBraces.pop();
          modes.pop();
        }
        continue;
      }
      if (c === 34) {
        emit("OQuote", i + 1);
        modes.push({ kind: "quoted" });
        continue;
      }
      const one = SINGLE[text[i]!];
      if (one !== undefined) {
        emit(one, i + 1);
        continue;
      }
      const cp = text.codePointAt(i)!;
      emit("Invalid", i + (cp > 0xffff ? 2 : 1));
      continue;
    }
    if (mode.kind === "quoted") {
      if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) {
        openTemplate(c === 36 ? "TemplateInterp" : "TemplateControl");
        continue;
      }
      if (c === 34) {
        emit("CQuote", i + 1);
        modes.pop();
        continue;
      }
      if (c === 10 || c === 13) {
        let k = i + 1;
        while (k < n && (text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
        emit("QuotedNewline", k);
        continue;
      }
      if (c === 36 || c === 37) {
        emit("QuotedLit", templateNotSequence(c));
        continue;
      }
      // Literal text up to the next quote, sequence, `$`/`%` or line end; a backslash takes
      // the next character with it.
      let k = i;
      for (;;) {
        const d = text.charCodeAt(k);
        if (k >= n || d === 34 || d === 36 || d === 37 || d === 10 || d === 13) break;
        if (d === 92) {
          const e = text.charCodeAt(k + 1);
          if (k + 1 >= n || e === 10 || e === 13) break;
          k += e >= 0xd800 && e <= 0xdbff ? 3 : 2;
          continue;
        }
        k++;
      }
      if (k === i) {
        // A lone backslash before a line end or the end of the input.
        emit("Invalid", i + 1);
        continue;
      }
      emit("QuotedLit", k);
      continue;
    }
    // Heredoc: one token per line (with its line ending), split where a sequence starts.
    if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) {
      openTemplate(c === 36 ? "TemplateInterp" : "TemplateControl");
      continue;
    }
    let k = i;
    if (c === 36 || c === 37) k = templateNotSequence(c);
    else {
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === 36 || d === 37 || d === 10 || d === 13) break;
        k++;
      }
    }
    const d = text.charCodeAt(k);
    const eol = d === 10 ? k + 1 : d === 13 && text.charCodeAt(k + 1) === 10 ? k + 2 : -1;
    if (eol < 0) {
      if (k === i) {
        // A carriage return that does not end a line: HCL cannot scan past it.
        emit("Invalid", n);
        continue;
      }
      mode.startOfLine = false;
      emit("StringLit", k);
      continue;
    }
    if (mode.startOfLine && text.slice(i, k).replace(TRIM, "") === mode.marker) {
      // The closing marker (with any spaces around it), then the line ending as a newline.
      emit("CHeredoc", k);
      emit("Newline", eol);
      modes.pop();
      continue;
    }
    mode.startOfLine = true;
    emit("StringLit", eol);
  }
  tokens.push({ type: "EOF", text: "", spaces });
  return tokens;
}
