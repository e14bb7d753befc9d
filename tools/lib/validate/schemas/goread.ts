/**
 * A small reader for the Go that packer-sdc generates (`*.hcl2spec.go`) and for the few other
 * Go forms the schema generator needs (imports, struct fields, `ConfigSpec()` bodies, component
 * registrations). It is not a Go parser: it tokenizes Go and reads composite-literal expressions,
 * and refuses any form it does not know with the file and line, so a new packer-sdc output
 * cannot be read wrongly in silence.
 */
import { GoReadError, tokenize as goTokenize, type Tok as GoTok } from "../funcs/go.ts";

export { GoReadError };

export interface Tok {
  t: "id" | "str" | "num" | "op";
  v: string;
  line: number;
}

/** Go source to tokens (comments dropped, strings unquoted, each with its line), by funcs/go.ts's tokenizer. */
export function tokenize(src: string, file = "<go>"): Tok[] {
  let toks: GoTok[];
  try {
    toks = goTokenize(src);
  } catch (e) {
    if (e instanceof GoReadError) throw new GoReadError(`${file}: ${e.message}`);
    throw e;
  }
  return toks.map((tok) => ({ t: tok.kind === "char" ? "num" : tok.kind, v: tok.text, line: tok.line }));
}

/** The expression forms the reader knows. */
export type Node =
  | { k: "id"; name: string; line: number }
  | { k: "str"; v: string; line: number }
  | { k: "num"; v: string; line: number }
  | { k: "sel"; x: Node; name: string; line: number }
  | { k: "call"; fn: Node; args: Node[]; line: number }
  | { k: "comp"; type: Node | null; elems: Array<{ key: Node | null; value: Node }>; line: number }
  | { k: "unary"; op: string; x: Node; line: number }
  | { k: "paren"; x: Node; line: number }
  | { k: "type"; text: string; line: number };

/** Reads one expression of the kinds packer-sdc and plugin registrations use. */
export class ExprParser {
  pos: number;
  readonly toks: Tok[];
  readonly file: string;
  constructor(toks: Tok[], start: number, file: string) {
    this.toks = toks;
    this.pos = start;
    this.file = file;
  }

  private peek(off = 0): Tok | undefined {
    return this.toks[this.pos + off];
  }

  fail(what: string): never {
    const tok = this.peek() ?? this.toks[this.toks.length - 1];
    throw new GoReadError(`${this.file}:${tok?.line ?? 0}: ${what} (at "${tok?.v ?? "end of file"}")`);
  }

  is(v: string): boolean {
    const tok = this.peek();
    return tok !== undefined && tok.t === "op" && tok.v === v;
  }

  expect(v: string): void {
    if (!this.is(v)) this.fail(`expected "${v}"`);
    this.pos++;
  }

  private typeText(): string {
    if (this.is("*")) {
      this.pos++;
      return "*" + this.typeText();
    }
    if (this.is("[")) {
      this.pos++;
      const len = this.peek()?.t === "num" ? this.peek()!.v : "";
      if (len) this.pos++;
      this.expect("]");
      return `[${len}]` + this.typeText();
    }
    const tok = this.peek();
    if (tok?.t !== "id") this.fail("expected a type");
    this.pos++;
    if (tok.v === "map") {
      this.expect("[");
      const key = this.typeText();
      this.expect("]");
      return `map[${key}]` + this.typeText();
    }
    if (tok.v === "interface" || tok.v === "struct") {
      this.expect("{");
      this.expect("}");
      return tok.v + "{}";
    }
    if (this.is(".")) {
      this.pos++;
      const sel = this.peek();
      if (sel?.t !== "id") this.fail("expected a type name after the package");
      this.pos++;
      return `${tok.v}.${sel.v}`;
    }
    return tok.v;
  }

  private primary(): Node {
    const tok = this.peek();
    if (!tok) this.fail("unexpected end of file in an expression");
    const line = tok.line;
    if (tok.t === "op") {
      if (tok.v === "&" || tok.v === "*" || tok.v === "-" || tok.v === "!") {
        this.pos++;
        return { k: "unary", op: tok.v, x: this.unary(), line };
      }
      if (tok.v === "(") {
        this.pos++;
        const x = this.expr();
        this.expect(")");
        return { k: "paren", x, line };
      }
      if (tok.v === "[") return { k: "type", text: this.typeText(), line };
      if (tok.v === "{") return this.composite(null, line);
      this.fail("unexpected token in an expression");
    }
    if (tok.t === "id" && tok.v === "map" && this.peek(1)?.v === "[") return { k: "type", text: this.typeText(), line };
    if (tok.t === "id" && tok.v === "func") this.fail("function literals are not read");
    this.pos++;
    if (tok.t === "str") return { k: "str", v: tok.v, line };
    if (tok.t === "num") return { k: "num", v: tok.v, line };
    return { k: "id", name: tok.v, line };
  }

  private composite(type: Node | null, line: number): Node {
    this.expect("{");
    const elems: Array<{ key: Node | null; value: Node }> = [];
    while (!this.is("}")) {
      const first = this.expr();
      if (this.is(":")) {
        this.pos++;
        elems.push({ key: first, value: this.expr() });
      } else {
        elems.push({ key: null, value: first });
      }
      if (this.is(",")) this.pos++;
      else if (!this.is("}")) this.fail('expected "," or "}" in a composite literal');
    }
    this.pos++;
    return { k: "comp", type, elems, line };
  }

  private unary(): Node {
    let x = this.primary();
    for (;;) {
      const line = this.peek()?.line ?? x.line;
      if (this.is(".")) {
        this.pos++;
        const name = this.peek();
        if (name?.t !== "id") this.fail("expected a name after '.'");
        this.pos++;
        x = { k: "sel", x, name: name.v, line };
      } else if (this.is("(")) {
        this.pos++;
        const args: Node[] = [];
        while (!this.is(")")) {
          args.push(this.expr());
          if (this.is("...")) this.pos++;
          if (this.is(",")) this.pos++;
          else if (!this.is(")")) this.fail('expected "," or ")" in a call');
        }
        this.pos++;
        x = { k: "call", fn: x, args, line };
      } else if (this.is("{") && (x.k === "id" || x.k === "sel" || x.k === "type")) {
        x = this.composite(x, line);
      } else {
        return x;
      }
    }
  }

  expr(): Node {
    return this.unary();
  }
}

/** `a.b.c` as text, or undefined when the node is not a plain selector chain. */
export function dotted(node: Node): string | undefined {
  if (node.k === "id") return node.name;
  if (node.k === "sel") {
    const left = dotted(node.x);
    return left === undefined ? undefined : `${left}.${node.name}`;
  }
  return undefined;
}

/** A reference to a Go type by the file's spelling: `Name` or `pkg.Name`. */
export interface TypeRef {
  pkg: string | null;
  name: string;
}

function typeRefOf(node: Node): TypeRef | undefined {
  if (node.k === "id") return { pkg: null, name: node.name };
  if (node.k === "sel" && node.x.k === "id") return { pkg: node.x.name, name: node.name };
  return undefined;
}

/** cty type expression to an HCL type-expression string. */
export function ctyType(node: Node, file: string): string {
  const bad = (): never => {
    throw new GoReadError(`${file}:${node.line}: not a cty type this reader knows: ${show(node)}`);
  };
  const name = dotted(node);
  if (name !== undefined) {
    const simple: Record<string, string> = {
      "cty.String": "string",
      "cty.Number": "number",
      "cty.Bool": "bool",
      "cty.DynamicPseudoType": "any",
      "cty.EmptyObject": "object({})",
      "cty.EmptyTuple": "tuple([])",
    };
    return simple[name] ?? bad();
  }
  if (node.k !== "call") return bad();
  const fn = dotted(node.fn);
  const arg = node.args[0];
  if (node.args.length !== 1 || arg === undefined) return bad();
  if (fn === "cty.List" || fn === "cty.Set" || fn === "cty.Map") return `${fn.slice(4).toLowerCase()}(${ctyType(arg, file)})`;
  if (fn === "cty.Object") {
    if (arg.k !== "comp") return bad();
    const attrs = arg.elems.map(({ key, value }) => {
      if (key?.k !== "str") return bad();
      return [key.v, ctyType(value, file)] as const;
    });
    attrs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `object({${attrs.map(([k, t]) => `${k}=${t}`).join(",")}})`;
  }
  if (fn === "cty.Tuple") {
    if (arg.k !== "comp") return bad();
    return `tuple([${arg.elems.map(({ value }) => ctyType(value, file)).join(",")}])`;
  }
  return bad();
}

/** Short text of a node for error messages. */
export function show(node: Node): string {
  switch (node.k) {
    case "id":
      return node.name;
    case "str":
      return JSON.stringify(node.v);
    case "num":
      return node.v;
    case "sel":
      return `${show(node.x)}.${node.name}`;
    case "call":
      return `${show(node.fn)}(${node.args.map(show).join(", ")})`;
    case "comp":
      return `${node.type ? show(node.type) : ""}{...}`;
    case "unary":
      return node.op + show(node.x);
    case "paren":
      return `(${show(node.x)})`;
    case "type":
      return node.text;
  }
}

export type Nesting = "single" | "list" | "set" | "map" | "attrs";

/** One entry of an HCL2Spec map, with nested object specs still as type references. */
export type SpecEntry =
  | { kind: "attr"; name: string; type: string }
  | { kind: "block"; name: string; nesting: Exclude<Nesting, "attrs">; nested: TypeRef; labels?: string[] }
  | { kind: "block"; name: string; nesting: "attrs"; type: string };

const BLOCK_KINDS: Record<string, Exclude<Nesting, "attrs">> = {
  BlockSpec: "single",
  BlockListSpec: "list",
  BlockSetSpec: "set",
  BlockMapSpec: "map",
};

function fields(node: Node, file: string, what: string): Map<string, Node> {
  if (node.k !== "comp") throw new GoReadError(`${file}:${node.line}: ${what} is not a composite literal`);
  const out = new Map<string, Node>();
  for (const { key, value } of node.elems) {
    if (key?.k !== "id") throw new GoReadError(`${file}:${node.line}: ${what} has an unnamed field`);
    out.set(key.name, value);
  }
  return out;
}

/** `hcldec.ObjectSpec((*pkg.FlatX)(nil).HCL2Spec())` to the FlatX type reference. */
function nestedRef(node: Node, file: string): TypeRef {
  const bad = (): never => {
    throw new GoReadError(`${file}:${node.line}: nested spec of a form this reader does not know: ${show(node)}`);
  };
  if (node.k !== "call" || dotted(node.fn) !== "hcldec.ObjectSpec" || node.args.length !== 1) return bad();
  const inner = node.args[0]!;
  if (inner.k !== "call" || inner.args.length !== 0 || inner.fn.k !== "sel" || inner.fn.name !== "HCL2Spec") return bad();
  const conv = inner.fn.x;
  if (conv.k !== "call" || conv.args.length !== 1 || dotted(conv.args[0]!) !== "nil") return bad();
  let typ = conv.fn;
  while (typ.k === "paren") typ = typ.x;
  if (typ.k !== "unary" || typ.op !== "*") return bad();
  return typeRefOf(typ.x) ?? bad();
}

function stringList(node: Node | undefined, file: string): string[] {
  if (node === undefined) return [];
  if (node.k !== "comp") throw new GoReadError(`${file}:${node.line}: LabelNames is not a []string literal`);
  return node.elems.map(({ value }) => {
    if (value.k !== "str") throw new GoReadError(`${file}:${node.line}: LabelNames holds a non-string`);
    return value.v;
  });
}

/** One `&hcldec.XSpec{...}` value to a spec entry. */
export function specEntry(key: string, node: Node, file: string): SpecEntry {
  const where = `${file}:${node.line}: "${key}"`;
  if (node.k !== "unary" || node.op !== "&" || node.x.k !== "comp" || node.x.type === null) {
    throw new GoReadError(`${where} is not an &hcldec.XSpec{...} literal: ${show(node)}`);
  }
  const kind = dotted(node.x.type);
  const f = fields(node.x, file, `the spec of "${key}"`);
  const str = (name: string): string => {
    const v = f.get(name);
    if (v?.k !== "str") throw new GoReadError(`${where}: ${kind} has no ${name} string`);
    return v.v;
  };
  if (kind === "hcldec.AttrSpec") {
    const type = f.get("Type");
    if (type === undefined) throw new GoReadError(`${where}: AttrSpec has no Type`);
    return { kind: "attr", name: str("Name"), type: ctyType(type, file) };
  }
  if (kind === "hcldec.BlockAttrsSpec") {
    const type = f.get("ElementType");
    if (type === undefined) throw new GoReadError(`${where}: BlockAttrsSpec has no ElementType`);
    return { kind: "block", name: str("TypeName"), nesting: "attrs", type: ctyType(type, file) };
  }
  const nesting = kind?.startsWith("hcldec.") ? BLOCK_KINDS[kind.slice(7)] : undefined;
  if (nesting === undefined) throw new GoReadError(`${where}: spec kind ${kind ?? show(node.x.type)} is not known`);
  const nested = f.get("Nested");
  if (nested === undefined) throw new GoReadError(`${where}: ${kind} has no Nested spec`);
  const entry: SpecEntry = { kind: "block", name: str("TypeName"), nesting, nested: nestedRef(nested, file) };
  if (nesting === "map") entry.labels = stringList(f.get("LabelNames"), file);
  return entry;
}

/** Index of the token after `func (recv *Type) Method(` ... `{`, or -1. */
export function findMethod(toks: Tok[], type: string, method: string): { recv: string | null; body: number } {
  for (let i = 0; i + 6 < toks.length; i++) {
    if (toks[i]!.v !== "func" || toks[i + 1]!.v !== "(") continue;
    let j = i + 2;
    let recv: string | null = null;
    if (toks[j]!.t === "id" && toks[j + 1]?.v !== ")" && toks[j + 1]?.v !== ".") recv = toks[j++]!.v;
    if (toks[j]!.v === "*") j++;
    if (toks[j]?.v !== type || toks[j + 1]?.v !== ")" || toks[j + 2]?.v !== method || toks[j + 3]?.v !== "(") continue;
    let k = j + 4;
    while (k < toks.length && toks[k]!.v !== "{") k++;
    return { recv, body: k + 1 };
  }
  return { recv: null, body: -1 };
}

/**
 * What a constructor `func name() R { return X }` builds: the type in X when X is `&T{...}` or
 * `new(T)` (R may be an interface), else R when it names a type (`*T`, `pkg.T`); undefined otherwise.
 */
export function funcResult(toks: Tok[], name: string, file = "<go>"): TypeRef | undefined {
  for (let i = 0; i + 4 < toks.length; i++) {
    if (toks[i]!.v !== "func" || toks[i + 1]!.v !== name || toks[i + 2]!.v !== "(" || toks[i + 3]!.v !== ")") continue;
    let j = i + 4;
    while (j < toks.length && toks[j]!.v !== "{") j++;
    if (toks[j + 1]?.v === "return") {
      const x = new ExprParser(toks, j + 2, file).expr();
      const built = x.k === "unary" && x.op === "&" && x.x.k === "comp" ? x.x.type : x.k === "call" && dotted(x.fn) === "new" ? x.args[0] : undefined;
      const ref = built ? typeRefOf(built) : undefined;
      if (ref) return ref;
    }
    const result = toks.slice(i + 4, j).filter((t) => t.v !== "*");
    if (result.length === 1 && result[0]!.t === "id") return { pkg: null, name: result[0]!.v };
    if (result.length === 3 && result[1]!.v === ".") return { pkg: result[0]!.v, name: result[2]!.v };
    return undefined;
  }
  return undefined;
}

/** The entries of `func (*FlatX) HCL2Spec() map[string]hcldec.Spec { s := map...{...}; return s }`. */
export function readHCL2Spec(toks: Tok[], flat: string, file: string): SpecEntry[] | undefined {
  const { body } = findMethod(toks, flat, "HCL2Spec");
  if (body < 0) return undefined;
  const p = new ExprParser(toks, body, file);
  const local = toks[body];
  if (local?.t !== "id" || toks[body + 1]?.v !== ":=") return p.fail(`HCL2Spec of ${flat} does not start with "s := map..."`);
  p.pos = body + 2;
  const map = p.expr();
  if (map.k !== "comp" || map.type?.k !== "type" || map.type.text !== "map[string]hcldec.Spec") {
    throw new GoReadError(`${file}:${map.line}: HCL2Spec of ${flat} is not a map[string]hcldec.Spec literal`);
  }
  const ret = toks[p.pos];
  if (ret?.v !== "return" || toks[p.pos + 1]?.v !== local.v || toks[p.pos + 2]?.v !== "}") {
    p.fail(`HCL2Spec of ${flat} does more than return its map`);
  }
  return map.elems.map(({ key, value }) => {
    if (key?.k !== "str") throw new GoReadError(`${file}:${value.line}: HCL2Spec of ${flat} has a key that is not a string`);
    return specEntry(key.v, value, file);
  });
}

/** Imports of a file: local name (or null when unnamed) and path. */
export function readImports(toks: Tok[]): Array<{ alias: string | null; path: string }> {
  const out: Array<{ alias: string | null; path: string }> = [];
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (tok.t === "id" && (tok.v === "func" || tok.v === "type" || tok.v === "var" || tok.v === "const")) break;
    if (tok.v !== "import") continue;
    const one = (j: number): number => {
      let alias: string | null = null;
      if (toks[j]!.t === "id" || toks[j]!.v === "." || toks[j]!.v === "_") alias = toks[j++]!.v;
      if (toks[j]?.t === "str") out.push({ alias, path: toks[j]!.v });
      return j + 1;
    };
    if (toks[i + 1]?.v === "(") {
      let j = i + 2;
      while (j < toks.length && toks[j]!.v !== ")") j = toks[j]!.v === ";" ? j + 1 : one(j);
      i = j;
    } else {
      i = one(i + 1) - 1;
    }
  }
  return out;
}

export function packageName(toks: Tok[]): string | undefined {
  const i = toks.findIndex((t) => t.v === "package");
  return i >= 0 && toks[i + 1]?.t === "id" ? toks[i + 1]!.v : undefined;
}

/** A struct field: its name (the type's name when embedded) and its type. */
export interface Field {
  name: string;
  embedded: boolean;
  type: TypeRef | undefined;
  /** For a slice field (`[]T`, `[]*T`, `[]pkg.T`): its element type. */
  elem?: TypeRef;
}

/** Fields of `type Name struct { ... }`, one per line; undefined when the file does not declare it. */
export function readStruct(toks: Tok[], name: string): Field[] | undefined {
  for (let i = 0; i + 3 < toks.length; i++) {
    if (toks[i]!.v !== "type" || toks[i + 1]!.v !== name || toks[i + 2]!.v !== "struct" || toks[i + 3]!.v !== "{") continue;
    const out: Field[] = [];
    let j = i + 4;
    let depth = 1;
    let lineToks: Tok[] = [];
    const flush = (): void => {
      const names: string[] = [];
      let k = 0;
      while (
        lineToks[k]?.t === "id" &&
        (lineToks[k + 1]?.v === "," || lineToks[k + 1]?.t === "id" || lineToks[k + 1]?.v === "*" || lineToks[k + 1]?.v === "[")
      ) {
        if (lineToks[k + 1]?.v === ",") {
          names.push(lineToks[k]!.v);
          k += 2;
        } else {
          names.push(lineToks[k]!.v);
          k += 1;
          break;
        }
      }
      const embedded = names.length === 0;
      const clean = lineToks.slice(k).filter((t) => t.t !== "str" && t.v !== "*");
      let type: TypeRef | undefined;
      if (clean.length === 1 && clean[0]!.t === "id") type = { pkg: null, name: clean[0]!.v };
      else if (clean.length === 3 && clean[1]!.v === "." && clean[0]!.t === "id") type = { pkg: clean[0]!.v, name: clean[2]!.v };
      const elem = clean[0]?.v === "[" && clean[1]?.v === "]" ? simpleType(clean.slice(2)) : undefined;
      if (embedded) {
        if (type) out.push({ name: type.name, embedded: true, type });
      } else {
        for (const n of names) out.push({ name: n, embedded: false, type, ...(elem ? { elem } : {}) });
      }
      lineToks = [];
    };
    let line = toks[j]?.line ?? 0;
    while (j < toks.length && depth > 0) {
      const tok = toks[j]!;
      if (tok.v === "{") depth++;
      if (tok.v === "}") depth--;
      if (depth === 0) break;
      if (tok.line !== line && depth === 1) {
        if (lineToks.length) flush();
        line = tok.line;
      }
      if (depth === 1 || tok.v === "{") lineToks.push(tok);
      j++;
    }
    if (lineToks.length) flush();
    return out;
  }
  return undefined;
}

/** `T` or `pkg.T` from a type's tokens (pointers already dropped), else undefined. */
function simpleType(toks: Tok[]): TypeRef | undefined {
  if (toks.length === 1 && toks[0]!.t === "id") return { pkg: null, name: toks[0]!.v };
  if (toks.length === 3 && toks[1]!.v === "." && toks[0]!.t === "id" && toks[2]!.t === "id") return { pkg: toks[0]!.v, name: toks[2]!.v };
  return undefined;
}

/** The element type of a named slice type (`type BlockDevices []BlockDevice`), or undefined. */
export function readSliceType(toks: Tok[], name: string): TypeRef | undefined {
  for (let i = 0; i + 3 < toks.length; i++) {
    if (toks[i]!.v !== "type" || toks[i + 1]!.v !== name || toks[i + 2]!.v !== "[" || toks[i + 3]!.v !== "]") continue;
    const line = toks[i + 1]!.line;
    const rest: Tok[] = [];
    for (let j = i + 4; j < toks.length && toks[j]!.line === line; j++) if (toks[j]!.v !== "*") rest.push(toks[j]!);
    return simpleType(rest);
  }
  return undefined;
}

/** Index of the bracket that closes the one at `open`. */
export function closing(toks: Tok[], open: number): number {
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.t !== "op") continue;
    if (t.v in pairs) depth++;
    else if (t.v === ")" || t.v === "]" || t.v === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new GoReadError(`line ${toks[open]?.line ?? 0}: unbalanced ${toks[open]?.v ?? "bracket"}`);
}

/** A top-level function or method of a file: its receiver (name and type), name, and body tokens [start, end). */
export interface FuncDecl {
  recv: string | null;
  recvType: string | null;
  name: string;
  line: number;
  start: number;
  end: number;
}

/** Every top-level `func` of a file, with its body's token range (signatures with `interface{}` and `struct{}` read right). */
export function funcDecls(toks: Tok[]): FuncDecl[] {
  const out: FuncDecl[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.t === "op" && (t.v === "{" || t.v === "(" || t.v === "[")) {
      i = closing(toks, i);
      continue;
    }
    if (t.v !== "func" || t.t !== "id") continue;
    let j = i + 1;
    let recv: string | null = null;
    let recvType: string | null = null;
    if (toks[j]?.v === "(") {
      const end = closing(toks, j);
      const inner = toks.slice(j + 1, end).filter((x) => x.v !== "*");
      if (inner.length >= 2 && inner[0]!.t === "id" && inner[1]!.t === "id") [recv, recvType] = [inner[0]!.v, inner[1]!.v];
      else if (inner.length >= 1 && inner[0]!.t === "id") recvType = inner[0]!.v;
      j = end + 1;
    }
    const name = toks[j];
    if (name?.t !== "id") continue;
    j++;
    if (toks[j]?.v === "[") j = closing(toks, j) + 1; // type parameters
    if (toks[j]?.v !== "(") continue;
    j = closing(toks, j) + 1;
    // Results, then the body's "{" (skipping interface{} and struct{...} in the results).
    while (j < toks.length) {
      const x = toks[j]!;
      if (x.t === "op" && (x.v === "(" || x.v === "[")) j = closing(toks, j) + 1;
      else if (x.t === "op" && x.v === "{") {
        const prev = toks[j - 1];
        if (prev?.v === "interface" || prev?.v === "struct") j = closing(toks, j) + 1;
        else break;
      } else j++;
    }
    if (j >= toks.length) break;
    const end = closing(toks, j);
    out.push({ recv, recvType, name: name.v, line: name.line, start: j + 1, end });
    i = end;
  }
  return out;
}

/** A struct field with its tag: `Name Type \`tag\``, or an embedded type (`name` is null). */
export interface TaggedField {
  name: string | null;
  /** The type as written, tokens joined (`time.Duration`, `[]string`, `*communicator.Config`). */
  type: string;
  tag: string;
  line: number;
}

/** The fields of `type Name struct { ... }` with their tags; undefined when the file does not declare it. */
export function readTaggedStruct(toks: Tok[], name: string): TaggedField[] | undefined {
  for (let i = 0; i + 3 < toks.length; i++) {
    if (toks[i]!.v !== "type" || toks[i + 1]!.v !== name || toks[i + 2]!.v !== "struct" || toks[i + 3]!.v !== "{") continue;
    const end = closing(toks, i + 3);
    const out: TaggedField[] = [];
    let j = i + 4;
    while (j < end) {
      const line = toks[j]!.line;
      const lineToks: Tok[] = [];
      while (j < end && toks[j]!.line === line) {
        if (toks[j]!.v === "{") {
          const close = closing(toks, j);
          for (let k = j; k <= close; k++) lineToks.push(toks[k]!);
          j = close + 1;
          continue;
        }
        lineToks.push(toks[j]!);
        j++;
      }
      const tag = lineToks[lineToks.length - 1]?.t === "str" ? lineToks.pop()!.v : "";
      if (lineToks.length === 0) continue;
      const embedded = lineToks.length === 1 || (lineToks[0]!.v === "*" && lineToks.length <= 2) || (lineToks[1]?.v === "." && lineToks.length === 3);
      if (embedded) out.push({ name: null, type: lineToks.map((t) => t.v).join(""), tag, line });
      else
        out.push({
          name: lineToks[0]!.v,
          type: lineToks
            .slice(1)
            .map((t) => t.v)
            .join(""),
          tag,
          line,
        });
    }
    return out;
  }
  return undefined;
}
