/**
 * A small reader for the Go that declares cty functions (used by gen.ts). Not a Go parser: it
 * tokenizes a file, finds its imports and top-level `var`/`func` declarations, and reads the
 * `function.New(&function.Spec{...})` literals that cty, go-cty-funcs, HCL's ext packages and
 * Packer write. Anything outside the forms it knows is an error naming the form, never a guess.
 */

export type TokKind = "id" | "str" | "num" | "char" | "op";

export interface Tok {
  kind: TokKind;
  /** For "str": the decoded string; otherwise the source text. */
  text: string;
  line: number;
}

export class GoReadError extends Error {
  override name = "GoReadError";
}

const OPS = [
  "<<=",
  ">>=",
  "&^=",
  "...",
  "&&",
  "||",
  "<-",
  "++",
  "--",
  "==",
  "!=",
  "<=",
  ">=",
  ":=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "<<",
  ">>",
  "&^",
];

function unescapeGo(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_all, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "a":
        return "\x07";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "u":
      case "U":
      case "x":
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
}

/** Tokens of Go source, comments dropped. */
export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\ufeff") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      if (end < 0) throw new GoReadError(`line ${line}: unterminated block comment`);
      for (let j = i; j < end; j++) if (src[j] === "\n") line++;
      i = end + 2;
      continue;
    }
    const start = line;
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"') {
        if (src[j] === "\\") j++;
        if (src[j] === "\n") throw new GoReadError(`line ${line}: newline in string`);
        j++;
      }
      if (j >= n) throw new GoReadError(`line ${line}: unterminated string`);
      toks.push({ kind: "str", text: unescapeGo(src.slice(i + 1, j)), line: start });
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const end = src.indexOf("`", i + 1);
      if (end < 0) throw new GoReadError(`line ${line}: unterminated raw string`);
      const body = src.slice(i + 1, end);
      for (const ch of body) if (ch === "\n") line++;
      toks.push({ kind: "str", text: body.replace(/\r/g, ""), line: start });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== "'") {
        if (src[j] === "\\") j++;
        j++;
      }
      toks.push({ kind: "char", text: src.slice(i, j + 1), line: start });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_\u0080-\uffff]/.test(src[j]!)) j++;
      toks.push({ kind: "id", text: src.slice(i, j), line: start });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      let j = i + 1;
      while (j < n && (/[0-9A-Za-z_.]/.test(src[j]!) || (/[eEpP]/.test(src[j - 1]!) && /[+-]/.test(src[j]!)))) j++;
      toks.push({ kind: "num", text: src.slice(i, j), line: start });
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) ?? c;
    toks.push({ kind: "op", text: op, line: start });
    i += op.length;
  }
  return toks;
}

const OPEN: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** Index of the bracket that closes the one at `open`. */
export function matching(toks: Tok[], open: number): number {
  const want = OPEN[toks[open]?.text ?? ""];
  if (!want || toks[open]!.kind !== "op") throw new GoReadError(`expected a bracket at token ${open}`);
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind !== "op") continue;
    if (t.text in OPEN) depth++;
    else if (t.text === ")" || t.text === "]" || t.text === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new GoReadError(`line ${toks[open]!.line}: unbalanced ${toks[open]!.text}`);
}

/** A half-open token range [start, end) of one file. */
export interface Span {
  toks: Tok[];
  start: number;
  end: number;
}

export function spanText(s: Span): string {
  const parts: string[] = [];
  for (let i = s.start; i < s.end; i++) {
    const t = s.toks[i]!;
    parts.push(t.kind === "str" ? JSON.stringify(t.text) : t.text);
  }
  return parts.join(" ");
}

/** Splits a range at commas of depth 0 (empty trailing part dropped). */
export function splitCommas(s: Span): Span[] {
  const parts: Span[] = [];
  let from = s.start;
  for (let i = s.start; i < s.end; i++) {
    const t = s.toks[i]!;
    if (t.kind === "op" && t.text in OPEN) {
      i = matching(s.toks, i);
      continue;
    }
    if (t.kind === "op" && t.text === ",") {
      parts.push({ toks: s.toks, start: from, end: i });
      from = i + 1;
    }
  }
  if (from < s.end) parts.push({ toks: s.toks, start: from, end: s.end });
  return parts;
}

/** End (exclusive) of the expression starting at `start`: at depth 0, a line break after a token that can end an expression, or a `;`, `)` or `}` closing an outer bracket. */
export function expressionEnd(toks: Tok[], start: number, limit = toks.length): number {
  let i = start;
  while (i < limit) {
    const t = toks[i]!;
    if (t.kind === "op" && t.text in OPEN) {
      i = matching(toks, i);
    } else if (t.kind === "op" && (t.text === ";" || t.text === ")" || t.text === "}" || t.text === "]" || t.text === ",")) {
      return i;
    }
    const last = toks[i]!;
    const next = toks[i + 1];
    const canEnd = last.kind !== "op" || last.text === ")" || last.text === "]" || last.text === "}" || last.text === "++" || last.text === "--";
    if (!next || i + 1 >= limit || (canEnd && next.line > last.line)) return i + 1;
    i++;
  }
  return limit;
}

export interface GoFile {
  path: string;
  pkg: string;
  toks: Tok[];
  imports: Array<{ alias?: string; path: string }>;
}

export interface FuncDecl {
  file: GoFile;
  name: string;
  /** Parameter names in order. */
  params: string[];
  /** The body's tokens between its braces. */
  body: Span;
}

export interface Pkg {
  importPath: string;
  files: GoFile[];
  /** Package-level values: `var X = expr`, and `X = expr` assignments in init(). */
  values: Map<string, { file: GoFile; expr: Span }>;
  funcs: Map<string, FuncDecl>;
}

function expect(toks: Tok[], i: number, text: string, what: string): void {
  const t = toks[i];
  if (!t || t.text !== text || t.kind === "str")
    throw new GoReadError(`line ${t?.line ?? "?"}: expected "${text}" in ${what}, found "${t?.text ?? "end of file"}"`);
}

function readImports(toks: Tok[], i: number, into: GoFile["imports"]): number {
  const one = (j: number): number => {
    let alias: string | undefined;
    if (toks[j]!.kind === "id" || toks[j]!.text === "." || toks[j]!.text === "_") alias = toks[j++]!.text;
    const spec = toks[j]!;
    if (spec.kind !== "str") throw new GoReadError(`line ${spec.line}: expected an import path`);
    into.push(alias === undefined ? { path: spec.text } : { alias, path: spec.text });
    return j + 1;
  };
  if (toks[i]!.text === "(") {
    const close = matching(toks, i);
    let j = i + 1;
    while (j < close) {
      j = one(j);
      if (toks[j]!.text === ";") j++;
    }
    return close + 1;
  }
  return one(i);
}

/** Reads one file's package clause, imports and top-level declarations into `pkg`. */
export function readFile(path: string, src: string, pkg: Pkg): GoFile {
  const toks = tokenize(src);
  expect(toks, 0, "package", path);
  const file: GoFile = { path, pkg: toks[1]!.text, toks, imports: [] };
  pkg.files.push(file);
  let i = 2;
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.kind === "op" && t.text === ";") {
      i++;
    } else if (t.text === "import") {
      i = readImports(toks, i + 1, file.imports);
    } else if (t.text === "var" || t.text === "const") {
      i = readValueDecls(file, i + 1, pkg, t.text === "var");
    } else if (t.text === "type") {
      i = skipTypeDecl(toks, i + 1);
    } else if (t.text === "func") {
      i = readFunc(file, i + 1, pkg);
    } else {
      throw new GoReadError(`${path}:${t.line}: unexpected "${t.text}" at top level`);
    }
  }
  return file;
}

function skipTypeDecl(toks: Tok[], i: number): number {
  if (toks[i]!.text === "(") return matching(toks, i) + 1;
  return expressionEnd(toks, i);
}

function readValueDecls(file: GoFile, i: number, pkg: Pkg, isVar: boolean): number {
  const { toks } = file;
  const one = (j: number, limit: number): number => {
    const names: string[] = [];
    while (toks[j]!.kind === "id") {
      names.push(toks[j]!.text);
      if (toks[j + 1]!.text !== ",") break;
      j += 2;
    }
    j++;
    const end = expressionEnd(toks, j, limit);
    // `var X T = expr` / `var X = expr` / `var X T`
    let eq = -1;
    for (let k = j - 1; k < end; k++) {
      if (toks[k]!.kind === "op" && toks[k]!.text in OPEN) k = matching(toks, k);
      else if (toks[k]!.text === "=" && toks[k]!.kind === "op") {
        eq = k;
        break;
      }
    }
    let stop = end;
    if (eq >= 0) {
      stop = expressionEnd(toks, eq + 1, limit);
      while (toks[stop]?.kind === "op" && toks[stop]!.text === "," && stop < limit) stop = expressionEnd(toks, stop + 1, limit);
      const values = splitCommas({ toks, start: eq + 1, end: stop });
      if (isVar && values.length === names.length) names.forEach((name, k) => pkg.values.set(name, { file, expr: values[k]! }));
    }
    return stop;
  };
  if (toks[i]!.text === "(") {
    const close = matching(toks, i);
    let j = i + 1;
    while (j < close) {
      if (toks[j]!.text === ";") {
        j++;
        continue;
      }
      const before = j;
      j = one(j, close);
      if (j === before) j++;
    }
    return close + 1;
  }
  return one(i, toks.length);
}

function readFunc(file: GoFile, i: number, pkg: Pkg): number {
  const { toks } = file;
  let method = false;
  if (toks[i]!.text === "(") {
    method = true;
    i = matching(toks, i) + 1;
  }
  const name = toks[i]!.text;
  i++;
  if (toks[i]!.text === "[") i = matching(toks, i) + 1; // type parameters
  expect(toks, i, "(", `func ${name}`);
  const paramsClose = matching(toks, i);
  const params = paramNames({ toks, start: i + 1, end: paramsClose });
  i = paramsClose + 1;
  i = bodyOpen(toks, i);
  if (i >= toks.length || toks[i]!.line > toks[i - 1]!.line) return i; // a declaration without a body
  const close = matching(toks, i);
  const body: Span = { toks, start: i + 1, end: close };
  if (!method) {
    if (name === "init") readInitAssignments(file, body, pkg);
    else pkg.funcs.set(name, { file, name, params, body });
  }
  return close + 1;
}

/** Parameter names of `(a, b string, c int)`. */
export function paramNames(s: Span): string[] {
  const names: string[] = [];
  for (const part of splitCommas(s)) {
    const first = s.toks[part.start];
    if (first?.kind === "id" && part.end - part.start >= 2 && s.toks[part.start + 1]!.text !== ".") names.push(first.text);
    else if (first?.kind === "id" && part.end - part.start === 1) names.push(first.text); // `a, b T`: "a" has no type of its own
  }
  return names;
}

function readInitAssignments(file: GoFile, body: Span, pkg: Pkg): void {
  const { toks } = body;
  for (let i = body.start; i < body.end; i++) {
    const t = toks[i]!;
    if (t.kind === "op" && t.text in OPEN) {
      i = matching(toks, i);
      continue;
    }
    if (t.kind === "id" && toks[i + 1]?.text === "=" && toks[i + 1]!.kind === "op" && (i === body.start || toks[i - 1]!.line < t.line)) {
      const end = expressionEnd(toks, i + 2, body.end);
      pkg.values.set(t.text, { file, expr: { toks, start: i + 2, end } });
      i = end - 1;
    }
  }
}

export function newPkg(importPath: string): Pkg {
  return { importPath, files: [], values: new Map(), funcs: new Map() };
}

/** Reads a package from its files' sources. */
export function readPackage(importPath: string, files: Array<{ path: string; src: string }>): Pkg {
  const pkg = newPkg(importPath);
  for (const f of files) readFile(f.path, f.src, pkg);
  return pkg;
}

/** The `{ Key: value, ... }` fields of a keyed composite literal whose "{" is at `open`. */
export function keyedFields(toks: Tok[], open: number): Map<string, Span> {
  const close = matching(toks, open);
  const fields = new Map<string, Span>();
  for (const part of splitCommas({ toks, start: open + 1, end: close })) {
    const key = toks[part.start]!;
    if (key.kind !== "id" || toks[part.start + 1]?.text !== ":")
      throw new GoReadError(`line ${key.line}: expected "Key: value" in a composite literal, found ${spanText(part)}`);
    fields.set(key.text, { toks, start: part.start + 2, end: part.end });
  }
  return fields;
}

/**
 * The import path a file's identifier `name` (as in `name.X`) refers to. Without an alias, Go
 * names a package by its `package` clause; like gopls, guess it from the path's last element
 * (a version element skipped, a "go-" prefix and a "-suffix"/".suffix" dropped).
 */
export function importFor(file: GoFile, name: string): string | undefined {
  const aliased = file.imports.find((imp) => imp.alias === name);
  if (aliased) return aliased.path;
  return file.imports.find((imp) => imp.alias === undefined && implicitName(imp.path) === name)?.path;
}

export function implicitName(importPath: string): string {
  const parts = importPath.split("/");
  let last = parts.pop()!;
  if (/^v\d+$/.test(last) && parts.length > 0) last = parts.pop()!;
  return last.replace(/^go-/, "").replace(/[.-].*$/, "");
}

/** From the token after a signature's parameters: the index of the body's "{" (result types skipped, `interface{}` and `struct{...}` included). */
export function bodyOpen(toks: Tok[], i: number, limit = toks.length): number {
  while (i < limit) {
    const t = toks[i]!;
    if (t.kind === "op" && (t.text === "(" || t.text === "[")) i = matching(toks, i);
    else if (t.kind === "op" && t.text === "{") {
      const prev = toks[i - 1];
      if (prev?.kind === "id" && (prev.text === "interface" || prev.text === "struct")) i = matching(toks, i);
      else return i;
    }
    i++;
  }
  return limit;
}
