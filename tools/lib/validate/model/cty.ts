/**
 * Typed values as go-cty has them (the value model of HCL and Packer): every value has a type,
 * may be null, and may be *unknown* (not computable here: a data source's result, an unset
 * variable, a function of the build machine). The evaluator works on these; rules see plain
 * JavaScript values through `toPlain` (values.ts, tryEvaluate).
 *
 * Types follow go-cty: string, number, bool, list/set/map of one element type, tuple and object
 * of per-element types, and `any` (go-cty's DynamicPseudoType: a type not known yet). Strings
 * are NFC-normalized as go-cty's StringVal makes them; sets are ordered as go-cty iterates them.
 */
import { decText, numInt, numCmp, numFromDouble, parseNum, type Num } from "./cty-number.ts";

export const UNKNOWN: unique symbol = Symbol("unknown");

export type TypeSpec =
  | { k: "any" }
  | { k: "string" }
  | { k: "number" }
  | { k: "bool" }
  | { k: "list" | "set" | "map"; elem: TypeSpec }
  | { k: "object"; attrs: Map<string, { t: TypeSpec; optional: boolean; default?: V }> }
  | { k: "tuple"; elems: TypeSpec[] };
export type Ty = TypeSpec;

export type Raw = typeof UNKNOWN | null | string | Num | boolean | readonly V[] | ReadonlyMap<string, V>;
/** A value: its type and its content (UNKNOWN for an unknown value, null for a null one). */
export interface V {
  readonly t: Ty;
  readonly v: Raw;
}

/** An error Packer would report for certain (go-cty's and HCL's errors). */
export class EvalError extends Error {
  override name = "EvalError";
}

// ---------------------------------------------------------------------------
// Types

export const T_ANY: Ty = { k: "any" };
export const T_STRING: Ty = { k: "string" };
export const T_NUMBER: Ty = { k: "number" };
export const T_BOOL: Ty = { k: "bool" };
export const listT = (elem: Ty): Ty => ({ k: "list", elem });
export const setT = (elem: Ty): Ty => ({ k: "set", elem });
export const mapT = (elem: Ty): Ty => ({ k: "map", elem });
export const tupleT = (elems: Ty[]): Ty => ({ k: "tuple", elems });
export function objectT(attrs: Iterable<[string, Ty]>): Ty {
  const m = new Map<string, { t: Ty; optional: boolean }>();
  for (const [k, t] of attrs) m.set(k, { t, optional: false });
  return { k: "object", attrs: m };
}
export const EMPTY_OBJECT_T: Ty = objectT([]);
export const EMPTY_TUPLE_T: Ty = tupleT([]);

export const isPrimitiveT = (t: Ty): boolean => t.k === "string" || t.k === "number" || t.k === "bool";
export const isCollectionT = (t: Ty): t is { k: "list" | "set" | "map"; elem: Ty } => t.k === "list" || t.k === "set" || t.k === "map";
export const isSeqT = (t: Ty): boolean => t.k === "list" || t.k === "set" || t.k === "tuple";

export function typeEquals(a: Ty, b: Ty): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "list":
    case "set":
    case "map":
      return typeEquals(a.elem, (b as typeof a).elem);
    case "tuple": {
      const be = (b as typeof a).elems;
      return a.elems.length === be.length && a.elems.every((t, i) => typeEquals(t, be[i]!));
    }
    case "object": {
      const ba = (b as typeof a).attrs;
      if (a.attrs.size !== ba.size) return false;
      for (const [k, x] of a.attrs) {
        const y = ba.get(k);
        if (!y || x.optional !== y.optional || !typeEquals(x.t, y.t)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

export function hasDynamicTypes(t: Ty): boolean {
  switch (t.k) {
    case "any":
      return true;
    case "list":
    case "set":
    case "map":
      return hasDynamicTypes(t.elem);
    case "tuple":
      return t.elems.some(hasDynamicTypes);
    case "object":
      return [...t.attrs.values()].some((a) => hasDynamicTypes(a.t));
    default:
      return false;
  }
}

/** The type without optional-attribute markers (go-cty's WithoutOptionalAttributesDeep). */
export function withoutOptional(t: Ty): Ty {
  switch (t.k) {
    case "list":
    case "set":
    case "map":
      return { k: t.k, elem: withoutOptional(t.elem) };
    case "tuple":
      return tupleT(t.elems.map(withoutOptional));
    case "object": {
      if (![...t.attrs.values()].some((a) => a.optional || hasOptional(a.t))) return t;
      return objectT([...t.attrs].map(([k, a]) => [k, withoutOptional(a.t)]));
    }
    default:
      return t;
  }
}
function hasOptional(t: Ty): boolean {
  if (t.k === "object") return [...t.attrs.values()].some((a) => a.optional || hasOptional(a.t));
  if (t.k === "tuple") return t.elems.some(hasOptional);
  if (t.k === "list" || t.k === "set" || t.k === "map") return hasOptional(t.elem);
  return false;
}

/** go-cty's FriendlyName (`forConstraint`: FriendlyNameForConstraint). */
export function friendlyName(t: Ty, forConstraint = false): string {
  switch (t.k) {
    case "any":
      return forConstraint ? "any type" : "dynamic";
    case "list":
    case "set":
    case "map":
      return `${t.k} of ${forConstraint && t.elem.k === "any" ? "any single type" : friendlyName(t.elem, forConstraint)}`;
    default:
      return t.k;
  }
}

/** A type as HCL writes it (`list(string)`), for messages. */
export function typeName(t: Ty): string {
  switch (t.k) {
    case "list":
    case "set":
    case "map":
      return `${t.k}(${typeName(t.elem)})`;
    case "object":
      return "object";
    case "tuple":
      return "tuple";
    default:
      return t.k;
  }
}

// ---------------------------------------------------------------------------
// Values

export const unknownV = (t: Ty): V => ({ t, v: UNKNOWN });
/** go-cty's DynamicVal: unknown, of a type not known either. */
export const DYN: V = unknownV(T_ANY);
export const nullV = (t: Ty): V => ({ t, v: null });
export const strV = (s: string): V => ({ t: T_STRING, v: s.normalize("NFC") });
export const numV = (n: Num): V => ({ t: T_NUMBER, v: n });
export const intV = (i: number | bigint): V => numV(numInt(i));
export const boolV = (b: boolean): V => ({ t: T_BOOL, v: b });
export const TRUE = boolV(true);
export const FALSE = boolV(false);

export const isKnown = (x: V): boolean => x.v !== UNKNOWN;
export const isNull = (x: V): boolean => x.v === null;
export const elems = (x: V): readonly V[] => x.v as readonly V[];
export const attrs = (x: V): ReadonlyMap<string, V> => x.v as ReadonlyMap<string, V>;
export const str = (x: V): string => x.v as string;
export const numOf = (x: V): Num => x.v as Num;

export function isWhollyKnown(x: V): boolean {
  if (x.v === UNKNOWN) return false;
  if (x.v === null || typeof x.v !== "object") return true;
  if (Array.isArray(x.v)) return (x.v as V[]).every(isWhollyKnown);
  if (x.v instanceof Map) return [...(x.v as Map<string, V>).values()].every(isWhollyKnown);
  return true;
}

export const tupleV = (es: readonly V[]): V => ({ t: tupleT(es.map((e) => e.t)), v: es });
export function objectV(m: ReadonlyMap<string, V>): V {
  const sorted = new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { t: objectT([...sorted].map(([k, x]) => [k, x.t])), v: sorted };
}
export const listV = (elem: Ty, es: readonly V[]): V => ({ t: listT(elem), v: es });
export function mapV(elem: Ty, m: ReadonlyMap<string, V>): V {
  return { t: mapT(elem), v: new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** The number of elements of a known collection or structure. */
export function lengthOf(x: V): number {
  return Array.isArray(x.v) ? (x.v as V[]).length : (x.v as Map<string, V>).size;
}

/** A set of `elem` values, deduplicated and ordered as go-cty iterates sets; unknown if any element is. */
export function setV(elem: Ty, es: readonly V[]): V {
  if (!es.every(isWhollyKnown)) return unknownV(setT(elem));
  const out: V[] = [];
  for (const e of es) if (!out.some((o) => equals(o, e).v === true)) out.push(e);
  out.sort((a, b) => setLess(a, b));
  return { t: setT(elem), v: out };
}

function setLess(a: V, b: V): number {
  if (a.v === null) return b.v === null ? 0 : 1;
  if (b.v === null) return -1;
  switch (a.t.k) {
    case "string":
      return str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0;
    case "bool":
      return a.v === b.v ? 0 : a.v === false ? -1 : 1;
    case "number":
      return numCmp(numOf(a), numOf(b)) ?? Math.sign(numOf(a).n - numOf(b).n);
    default: {
      const x = setHash(a);
      const y = setHash(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

/** go-cty's set hash bytes (appendSetHashBytes), the order of sets of non-primitive values. */
function setHash(x: V): string {
  if (x.v === UNKNOWN) return "?";
  if (x.v === null) return "~";
  switch (x.t.k) {
    case "number": {
      const n = numOf(x);
      return goFloatString(n);
    }
    case "bool":
      return x.v ? "T" : "F";
    case "string":
      return goQuote(str(x));
    case "map":
      return `{${[...attrs(x)].map(([k, e]) => `${goQuote(k)}:${setHash(e)};`).join("")}}`;
    case "list":
    case "set":
      return `[${elems(x)
        .map((e) => `${setHash(e)};`)
        .join("")}]`;
    case "object":
      return `<${[...attrs(x).keys()]
        .sort()
        .map((k) => `${setHash(attrs(x).get(k)!)};`)
        .join("")}>`;
    case "tuple":
      return `<${elems(x)
        .map((e) => `${setHash(e)};`)
        .join("")}>`;
    default:
      return "?";
  }
}

/** big.Float's String(): `%.10g`. */
function goFloatString(n: Num): string {
  if (n.n === Infinity) return "+Inf";
  if (n.n === -Infinity) return "-Inf";
  const s = n.n.toPrecision(10);
  // %g drops trailing zeros and uses e±dd exponents.
  const m = /^(-?)(\d(?:\.\d+)?)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}${m[2]!.replace(/\.?0+$/, "")}e${m[3]}${m[4]!.padStart(2, "0")}`;
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Go's strconv.Quote for the printable text templates hold. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c === 7) out += "\\a";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c === 11) out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c < 0x80 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) || c === 0x20) out += ch;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return out + '"';
}

// ---------------------------------------------------------------------------
// Equality (go-cty's Value.Equals, without refinements)

const UNKNOWN_BOOL: V = unknownV(T_BOOL);

/** a == b as go-cty decides it: a bool, or an unknown bool when it cannot be known. */
export function equals(a: V, b: V): V {
  const ak = a.v !== UNKNOWN;
  const bk = b.v !== UNKNOWN;
  if (a.v === null && bk && b.v !== null) return FALSE;
  if (b.v === null && ak && a.v !== null) return FALSE;
  if (!ak && !bk) return UNKNOWN_BOOL;
  if (ak && !bk) return a.v === null || hasDynamicTypes(b.t) || typeEquals(a.t, b.t) ? UNKNOWN_BOOL : FALSE;
  if (bk && !ak) return b.v === null || hasDynamicTypes(a.t) || typeEquals(a.t, b.t) ? UNKNOWN_BOOL : FALSE;
  if (a.v === null && b.v === null) return TRUE;
  if (!typeEquals(a.t, b.t)) return FALSE;
  switch (a.t.k) {
    case "number": {
      const c = numCmp(numOf(a), numOf(b));
      return c === undefined ? UNKNOWN_BOOL : boolV(c === 0);
    }
    case "string":
    case "bool":
      return boolV(a.v === b.v);
    case "tuple": {
      const x = elems(a);
      const y = elems(b);
      for (let i = 0; i < x.length; i++) {
        const eq = equals(x[i]!, y[i]!);
        if (eq.v === UNKNOWN) return UNKNOWN_BOOL;
        if (eq.v === false) return FALSE;
      }
      return TRUE;
    }
    case "list": {
      const x = elems(a);
      const y = elems(b);
      if (x.length !== y.length) return FALSE;
      for (let i = 0; i < x.length; i++) {
        const eq = equals(x[i]!, y[i]!);
        if (eq.v === UNKNOWN) return UNKNOWN_BOOL;
        if (eq.v === false) return FALSE;
      }
      return TRUE;
    }
    case "set": {
      const x = elems(a);
      const y = elems(b);
      const has = (s: readonly V[], e: V) => s.some((o) => equals(o, e).v === true);
      return boolV(x.every((e) => has(y, e)) && y.every((e) => has(x, e)));
    }
    case "object":
    case "map": {
      const x = attrs(a);
      const y = attrs(b);
      if (x.size !== y.size) return FALSE;
      // go-cty walks a Go map (random order) and stops at the first unknown or false
      // comparison: with both present the answer is either, so not certain.
      let unknown = false;
      let differs = false;
      for (const [k, e] of x) {
        const o = y.get(k);
        if (!o) return FALSE;
        const eq = equals(e, o);
        if (eq.v === UNKNOWN) unknown = true;
        else if (eq.v === false) differs = true;
      }
      return unknown ? UNKNOWN_BOOL : boolV(!differs);
    }
    default:
      return UNKNOWN_BOOL;
  }
}

// ---------------------------------------------------------------------------
// Plain JavaScript values (what rules read)

/**
 * The plain value: strings, numbers, booleans, null, arrays, objects. Unknown is UNKNOWN; a
 * value with an unknown part is UNKNOWN as a whole unless `partial`, which keeps the known parts
 * (a list with an unknown element keeps its length).
 */
export function toPlain(x: V, partial = false): unknown {
  if (x.v === UNKNOWN) return UNKNOWN;
  if (x.v === null) return null;
  switch (x.t.k) {
    case "string":
    case "bool":
      return x.v;
    case "number":
      return numOf(x).n;
    case "list":
    case "set":
    case "tuple": {
      const out: unknown[] = [];
      for (const e of elems(x)) {
        const p = toPlain(e, partial);
        if (p === UNKNOWN && !partial) return UNKNOWN;
        out.push(p);
      }
      return out;
    }
    case "map":
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, e] of attrs(x)) {
        const p = toPlain(e, partial);
        if (p === UNKNOWN && !partial) return UNKNOWN;
        Object.defineProperty(out, k, { value: p, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default:
      return UNKNOWN;
  }
}

/** A plain value as HCL's JSON syntax reads it: arrays are tuples, objects are objects. */
export function fromPlain(p: unknown): V {
  if (p === UNKNOWN || p === undefined) return DYN;
  if (p === null) return nullV(T_ANY);
  if (typeof p === "string") return strV(p);
  if (typeof p === "boolean") return boolV(p);
  if (typeof p === "number") return numV(Number.isInteger(p) ? numFromDouble(p) : (parseNum(shortestText(p)) ?? { n: p }));
  if (Array.isArray(p)) return tupleV(p.map(fromPlain));
  if (typeof p === "object") return objectV(new Map(Object.entries(p as Record<string, unknown>).map(([k, e]) => [k, fromPlain(e)])));
  return DYN;
}

/** A double's shortest decimal text without an exponent. */
function shortestText(n: number): string {
  const s = String(n);
  if (!/e/.test(s)) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const d = parseNum(`${m[1]}${m[2]}${m[3] ?? ""}e${Number(m[4]) - (m[3]?.length ?? 0)}`);
  return d?.dec ? decText(d.dec) : s;
}

const HCL_IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A known value written as HCL (`"eu-west-1"`, `5`, `true`, `["a", "b"]`, `{ size = 8 }`), as a
 * person reads what Packer receives; undefined when a part of it is not known here.
 */
export function hclText(x: V): string | undefined {
  if (x.v === UNKNOWN) return undefined;
  if (x.v === null) return "null";
  switch (x.t.k) {
    case "string":
      return JSON.stringify(str(x));
    case "bool":
      return x.v ? "true" : "false";
    case "number": {
      const n = numOf(x);
      if (n.n === Infinity || n.n === -Infinity) return undefined;
      return n.dec ? decText(n.dec) : undefined;
    }
    case "list":
    case "set":
    case "tuple": {
      const parts = elems(x).map(hclText);
      return parts.includes(undefined) ? undefined : `[${parts.join(", ")}]`;
    }
    case "map":
    case "object": {
      const parts = [...attrs(x)].map(([k, e]) => {
        const t = hclText(e);
        return t === undefined ? undefined : `${HCL_IDENT.test(k) ? k : JSON.stringify(k)} = ${t}`;
      });
      if (parts.includes(undefined)) return undefined;
      return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
    }
    default:
      return undefined;
  }
}
