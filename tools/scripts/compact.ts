/**
 * Makes the helper's bundled JavaScript smaller and pure ASCII (a build step; see strip-types.ts).
 *
 * The script `bazel test` loads with a V8 code cache is read on every test run. Node.js decodes a
 * pure-ASCII file into a one-byte string several times faster than UTF-8 with a few non-ASCII
 * characters, and type stripping leaves a third of the file as comments and blank space. So this
 * pass, on code that Node.js's type stripper produced from this repository's sources:
 *
 *   - drops comments (a block comment spanning lines leaves a line break, for ASI);
 *   - drops indentation, trailing blanks and empty lines, and turns runs of blanks between tokens
 *     into one space; line breaks between tokens stay, so ASI sees the same code;
 *   - writes non-ASCII characters in strings, templates and regular expressions as \u escapes,
 *     and non-ASCII blanks between tokens (left where types were stripped) as a space.
 *
 * It is a lexer, not a parser: a `/` starts a regular expression after an operator, an opening
 * bracket or a keyword such as `return`, and divides after a name, a literal or a closing
 * bracket. Code this cannot read (a non-ASCII name, an unterminated literal) is refused with its
 * line, never rewritten in silence; tools/scripts/compact.test.ts compares TypeScript's syntax
 * tree of every helper module before and after.
 */

/** Keywords after which a `/` starts a regular expression. */
const REGEX_AFTER_WORD = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await"]);

class CompactError extends Error {
  override name = "CompactError";
}

function isAsciiBlank(c: string): boolean {
  return c === " " || c === "\t" || c === "\v" || c === "\f";
}

/** A non-ASCII character JavaScript reads as white space between tokens. */
function isUnicodeBlank(c: string): boolean {
  return /^[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]$/.test(c);
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x80 ? c : `\\u${code.toString(16).padStart(4, "0")}`;
}

export function compact(js: string): string {
  const out: string[] = [];
  let i = 0;
  let line = 1;
  /** The last significant token: "word" (a name or number), "keyword:<kw>", or the punctuator. */
  let prev = "";
  /** For each template literal whose `${` is open: the brace depth at its start. */
  const templates: number[] = [];
  let braces = 0;
  /** Whether a line break is pending (written before the next token, at most one). */
  let newline = false;
  /** Whether a blank is pending between two tokens on one line. */
  let blank = false;

  const fail = (what: string): never => {
    throw new CompactError(`line ${line}: ${what}; tools/scripts/compact.ts cannot read it`);
  };
  const emitToken = (text: string) => {
    if (newline && out.length > 0) out.push("\n");
    else if (blank && out.length > 0) out.push(" ");
    newline = false;
    blank = false;
    out.push(text);
  };
  /** Copies a quoted body up to `close` (escapes kept, non-ASCII escaped); returns its end. */
  const quoted = (start: number, close: string, what: string): number => {
    let j = start;
    const parts: string[] = [];
    let inClass = false;
    for (;;) {
      if (j >= js.length) fail(`an unterminated ${what}`);
      const c = js[j]!;
      if (c === "\\") {
        const next = js[j + 1];
        if (next === undefined) fail(`an unterminated ${what}`);
        if (next === "\n") line++;
        // `\…` (an identity escape) is the character itself: written as its \u escape alone.
        if (next!.charCodeAt(0) >= 0x80) parts.push(escapeChar(next!));
        else parts.push(c, next!);
        j += 2;
        continue;
      }
      if (c === "\n" || c === "\r") {
        if (close !== "`") fail(`a line break in a ${what}`);
        line++;
      }
      if (close === "/") {
        if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
      } else if (c === close) {
        break;
      } else if (close === "`" && c === "$" && js[j + 1] === "{") {
        break;
      }
      parts.push(escapeChar(c));
      j++;
    }
    out.push(parts.join(""));
    return j;
  };
  /** From just after "`" or a closing "}" of a substitution: the template's text. */
  const templateText = (start: number): number => {
    const j = quoted(start, "`", "template literal");
    if (js[j] === "`") {
      out.push("`");
      prev = "word";
      return j + 1;
    }
    out.push("${");
    templates.push(braces);
    prev = "{";
    return j + 2;
  };
  const regexAllowed = (): boolean => {
    if (prev === "" || prev.startsWith("keyword:")) return true;
    return !(prev === "word" || prev === ")" || prev === "]" || prev === "}" || prev === "++" || prev === "--");
  };

  while (i < js.length) {
    const c = js[i]!;
    if (c === "\n" || c === "\r") {
      if (c === "\r" && js[i + 1] === "\n") i++;
      i++;
      line++;
      newline = true;
      continue;
    }
    if (isAsciiBlank(c) || isUnicodeBlank(c)) {
      blank = true;
      i++;
      continue;
    }
    if (c === "/" && js[i + 1] === "/") {
      while (i < js.length && js[i] !== "\n" && js[i] !== "\r") i++;
      continue;
    }
    if (c === "/" && js[i + 1] === "*") {
      const end = js.indexOf("*/", i + 2);
      if (end < 0) fail("an unterminated comment");
      const body = js.slice(i, end + 2);
      const breaks = body.split("\n").length - 1;
      if (breaks > 0) newline = true;
      else blank = true;
      line += breaks;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      emitToken(c);
      i = quoted(i + 1, c, "string") + 1;
      out.push(c);
      prev = "word";
      continue;
    }
    if (c === "`") {
      emitToken("`");
      i = templateText(i + 1);
      continue;
    }
    if (c === "}" && templates.length > 0 && templates[templates.length - 1] === braces) {
      templates.pop();
      emitToken("}");
      i = templateText(i + 1);
      continue;
    }
    if (c === "/" && regexAllowed()) {
      emitToken("/");
      i = quoted(i + 1, "/", "regular expression") + 1;
      out.push("/");
      const flags = /^[a-z]*/.exec(js.slice(i, i + 8))![0];
      out.push(flags);
      i += flags.length;
      prev = "word";
      continue;
    }
    const word = /^(?:[A-Za-z_$#][\w$]*|\d[\w.]*|\.\d[\w]*)/.exec(js.slice(i, i + 256));
    if (word) {
      const text = word[0];
      // A property named like a keyword (`x.return`, `x.in`) is a name.
      const isProperty = prev === "." || prev === "?.";
      prev = !isProperty && REGEX_AFTER_WORD.has(text) ? `keyword:${text}` : "word";
      emitToken(text);
      i += text.length;
      continue;
    }
    if (c.charCodeAt(0) >= 0x80) fail(`the non-ASCII character ${JSON.stringify(c)} outside a string`);
    // In a script (not a module) these start comments (HTML-like comments, Annex B).
    if (js.startsWith("<!--", i) || (js.startsWith("-->", i) && (newline || out.length === 0)))
      fail("`<!--`, or `-->` starting a line (an HTML-like comment in a script)");
    const punct = /^(?:\?\.(?!\d)|\+\+|--|\.\.\.|=>|[^\w\s])/.exec(js.slice(i, i + 3))![0];
    if (punct === "{") braces++;
    else if (punct === "}") braces--;
    prev = punct;
    emitToken(punct);
    i += punct.length;
  }
  if (templates.length > 0) fail("an unterminated template literal");
  return out.join("") + "\n";
}
