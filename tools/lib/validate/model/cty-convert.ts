/**
 * go-cty's `convert` package on typed values: Convert (HCL's automatic conversion of an argument,
 * an operand or a variable's value to the type it needs) and Unify (the common type of a
 * conditional's results, a list's elements). Ported from go-cty v1.13 (the fork Packer builds
 * with), case for case; a conversion that fails raises EvalError with go-cty's message.
 */
import { numText, parseNum } from "./cty-number.ts";
import {
  DYN,
  EvalError,
  FALSE,
  T_ANY,
  T_STRING,
  TRUE,
  UNKNOWN,
  attrs,
  elems,
  friendlyName,
  isPrimitiveT,
  listT,
  listV,
  mapT,
  mapV,
  nullV,
  numOf,
  numV,
  objectT,
  setT,
  setV,
  str,
  strV,
  tupleT,
  tupleV,
  typeEquals,
  unknownV,
  withoutOptional,
  type Ty,
  type V,
} from "./cty.ts";

type Conv = (v: V) => V;

const isColl = (t: Ty): boolean => t.k === "list" || t.k === "set" || t.k === "map";
const elemOf = (t: Ty): Ty => (t as { elem: Ty }).elem;

/** Convert as go-cty's convert.Convert: the value as type `want`, or EvalError. */
export function convert(v: V, want: Ty): V {
  if (typeEquals(v.t, withoutOptional(want))) return v;
  const conv = getConversion(v.t, want, true);
  if (!conv) throw new EvalError(mismatchMessage(v.t, want));
  return conv(v);
}

/** Whether a value of type `from` can convert to `to` at all (the conversion may still fail on the value). */
export function canConvert(from: Ty, to: Ty): boolean {
  return getConversion(from, to, true) !== undefined;
}

function getConversion(inT: Ty, outT: Ty, unsafe: boolean): Conv | undefined {
  const conv = getConversionKnown(inT, outT, unsafe);
  if (!conv) return undefined;
  return (v) => {
    if (outT.k === "any") return v;
    if (v.v === UNKNOWN) return unknownV(dynamicReplace(v.t, withoutOptional(outT)));
    if (v.v === null) return nullV(dynamicReplace(v.t, withoutOptional(outT)));
    return conv(v);
  };
}

function getConversionKnown(inT: Ty, outT: Ty, unsafe: boolean): Conv | undefined {
  if (outT.k === "any") return (v) => v;
  if (unsafe && inT.k === "any") return (v) => convert(v, outT);
  if (isPrimitiveT(inT) && isPrimitiveT(outT)) return primitiveConversion(inT, outT, unsafe);
  if (outT.k === "object" && inT.k === "object") return objectToObject(inT, outT, unsafe);
  if (outT.k === "tuple" && inT.k === "tuple") return tupleToTuple(inT, outT, unsafe);
  if (outT.k === "list" && (inT.k === "list" || inT.k === "set")) {
    if (typeEquals(inT.elem, outT.elem)) return collectionToList(outT.elem, undefined);
    const c = getConversion(inT.elem, outT.elem, unsafe);
    return c ? collectionToList(outT.elem, c) : undefined;
  }
  if (outT.k === "set" && (inT.k === "list" || inT.k === "set")) {
    if (inT.k === "list" && !unsafe) return undefined;
    const c = getConversion(inT.elem, outT.elem, unsafe);
    if (typeEquals(inT.elem, outT.elem)) return collectionToSet(outT.elem, undefined);
    return c ? collectionToSet(outT.elem, c) : undefined;
  }
  if (outT.k === "map" && inT.k === "map") {
    const c = getConversion(inT.elem, outT.elem, unsafe);
    return c ? collectionToMap(outT.elem, c) : undefined;
  }
  if (outT.k === "list" && inT.k === "tuple") return tupleToSeq(inT, outT.elem, "list", unsafe);
  if (outT.k === "set" && inT.k === "tuple") return tupleToSeq(inT, outT.elem, "set", unsafe);
  if (outT.k === "map" && inT.k === "object") return objectToMap(inT, outT.elem, unsafe);
  if (outT.k === "object" && inT.k === "map") return unsafe ? mapToObject(inT as { k: "map"; elem: Ty }, outT, unsafe) : undefined;
  return undefined;
}

function primitiveConversion(inT: Ty, outT: Ty, unsafe: boolean): Conv | undefined {
  if (inT.k === outT.k) return (v) => v;
  if (inT.k === "number" && outT.k === "string") {
    return (v) => {
      const s = numText(numOf(v));
      // A number whose exact value go-cty computed in 512 bits: its text is not known here.
      return s === undefined ? unknownV(T_STRING) : strV(s);
    };
  }
  if (inT.k === "bool" && outT.k === "string") return (v) => strV(v.v ? "true" : "false");
  if (!unsafe || inT.k !== "string") return undefined;
  if (outT.k === "number") {
    return (v) => {
      const n = parseNum(str(v));
      if (!n) throw new EvalError("a number is required");
      return numV(n);
    };
  }
  if (outT.k === "bool") {
    return (v) => {
      const s = str(v);
      if (s === "true" || s === "1") return TRUE;
      if (s === "false" || s === "0") return FALSE;
      const lower = s.toLowerCase();
      if (lower === "true" || lower === "false") throw new EvalError(`a bool is required; to convert from string, use lowercase "${lower}"`);
      throw new EvalError("a bool is required");
    };
  }
  return undefined;
}

function collectionToList(ety: Ty, conv: Conv | undefined): Conv {
  return (v) => {
    const out = elems(v).map((e) => (conv ? conv(e) : e));
    if (out.length === 0) return listV(ety.k === "any" ? elemOf(v.t) : withoutOptional(ety), []);
    return listOf(out, "element types must all match for conversion to list");
  };
}

function collectionToSet(ety: Ty, conv: Conv | undefined): Conv {
  return (v) => {
    const out = elems(v).map((e) => (conv ? conv(e) : e));
    if (out.length === 0) return setV(ety.k === "any" ? elemOf(v.t) : withoutOptional(ety), []);
    const t = out[0]!.t;
    if (!out.every((e) => typeEquals(e.t, t))) throw new EvalError("element types must all match for conversion to set");
    return setV(t, out);
  };
}

function collectionToMap(ety: Ty, conv: Conv): Conv {
  return (v) => {
    const out = new Map<string, V>();
    for (const [k, e] of attrs(v)) out.set(k, conv(e));
    if (out.size === 0) return mapV(ety.k === "any" ? elemOf(v.t) : ety, out);
    return mapOf(ety.k === "object" || isColl(ety) ? unifyElements(out) : out, "element types must all match for conversion to map");
  };
}

/** A list of values that must share one type (go-cty's ListVal, CanListVal). */
function listOf(es: V[], msg: string): V {
  const t = es[0]!.t;
  if (!es.every((e) => typeEquals(e.t, t))) throw new EvalError(msg);
  return listV(t, es);
}
function mapOf(m: Map<string, V>, msg: string): V {
  const first = m.values().next().value as V;
  if (![...m.values()].every((e) => typeEquals(e.t, first.t))) throw new EvalError(msg);
  return mapV(first.t, m);
}

function unifyElements(m: Map<string, V>): Map<string, V> {
  const u = unify(
    [...m.values()].map((e) => e.t),
    true,
  );
  if (!u) throw new EvalError("cannot find a common base type for all elements");
  const out = new Map<string, V>();
  for (const [k, e] of m) out.set(k, typeEquals(e.t, u.t) ? e : convertStrict(e, u.t));
  return out;
}

function convertStrict(v: V, t: Ty): V {
  const c = getConversion(v.t, t, true);
  if (!c) throw new EvalError(mismatchMessage(v.t, t));
  return c(v);
}

function tupleToSeq(inT: { k: "tuple"; elems: Ty[] }, ety: Ty, kind: "list" | "set", unsafe: boolean): Conv | undefined {
  const etys = inT.elems;
  if (etys.length === 0) return () => (kind === "list" ? listV(withoutOptional(ety), []) : setV(withoutOptional(ety), []));
  let want = ety;
  if (want.k === "any") {
    const u = unify(etys, unsafe);
    if (!u) return undefined;
    want = u.t;
    if (want.k === "any" && !etys.every((t) => t.k === "any")) return undefined;
  }
  const convs: Array<Conv | undefined> = [];
  for (const t of etys) {
    if (typeEquals(t, want)) convs.push(undefined);
    else {
      const c = getConversion(t, want, unsafe);
      if (!c) return undefined;
      convs.push(c);
    }
  }
  return (v) => {
    let out = elems(v).map((e, i) => (convs[i] ? convs[i]!(e) : e));
    if (kind === "set") {
      const t = out[0]!.t;
      if (!out.every((e) => typeEquals(e.t, t))) throw new EvalError("element types must all match for conversion to set");
      return setV(t, out);
    }
    const u = unify(
      out.map((e) => e.t),
      unsafe,
    );
    if (!u) throw new EvalError("cannot find a common base type for all elements");
    out = out.map((e) => (typeEquals(e.t, u.t) ? e : convertStrict(e, u.t)));
    return listOf(out, "element types must all match for conversion to list");
  };
}

function tupleToTuple(inT: { k: "tuple"; elems: Ty[] }, outT: { k: "tuple"; elems: Ty[] }, unsafe: boolean): Conv | undefined {
  if (inT.elems.length !== outT.elems.length) return undefined;
  const convs: Array<Conv | undefined> = [];
  for (let i = 0; i < inT.elems.length; i++) {
    if (typeEquals(inT.elems[i]!, outT.elems[i]!)) convs.push(undefined);
    else {
      const c = getConversion(inT.elems[i]!, outT.elems[i]!, unsafe);
      if (!c) return undefined;
      convs.push(c);
    }
  }
  return (v) => tupleV(elems(v).map((e, i) => (convs[i] ? convs[i]!(e) : e)));
}

type ObjT = Extract<Ty, { k: "object" }>;

function objectToObject(inT: ObjT, outT: ObjT, unsafe: boolean): Conv | undefined {
  const convs = new Map<string, Conv | undefined>();
  for (const [name, a] of outT.attrs) {
    const inA = inT.attrs.get(name);
    if (!inA) {
      if (a.optional) continue;
      return undefined;
    }
    if (typeEquals(inA.t, a.t)) convs.set(name, undefined);
    else {
      const c = getConversion(inA.t, a.t, unsafe);
      if (!c) return undefined;
      convs.set(name, c);
    }
  }
  return (v) => {
    const out = new Map<string, V>();
    for (const [name, e] of attrs(v)) {
      if (!convs.has(name)) continue;
      const c = convs.get(name);
      let x = c ? c(e) : e;
      if (x.v === null) x = nullV(withoutOptional(x.t));
      out.set(name, x);
    }
    for (const [name, a] of outT.attrs) {
      if (a.optional && !out.has(name)) out.set(name, nullV(withoutOptional(a.t)));
    }
    return objVal(out);
  };
}

function objVal(m: Map<string, V>): V {
  const sorted = new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { t: objectT([...sorted].map(([k, e]) => [k, e.t])), v: sorted };
}

function objectToMap(inT: ObjT, ety: Ty, unsafe: boolean): Conv | undefined {
  if (inT.attrs.size === 0) return () => mapV(withoutOptional(ety), new Map());
  let want = ety;
  if (want.k === "any") {
    const u = unify(
      [...inT.attrs.values()].map((a) => a.t),
      unsafe,
    );
    if (!u) return undefined;
    want = u.t;
  }
  const convs = new Map<string, Conv>();
  for (const [name, a] of inT.attrs) {
    if (typeEquals(a.t, want)) continue;
    const c = getConversion(a.t, want, unsafe);
    if (!c) return undefined;
    convs.set(name, c);
  }
  return (v) => {
    let out = new Map<string, V>();
    for (const [name, e] of attrs(v)) out.set(name, convs.get(name)?.(e) ?? e);
    if (want.k === "object" || isColl(want)) out = unifyElements(out);
    return mapOf(out, "attribute types must all match for conversion to map");
  };
}

function mapToObject(inT: { k: "map"; elem: Ty }, outT: ObjT, unsafe: boolean): Conv | undefined {
  const convs = new Map<string, Conv | undefined>();
  for (const [name, a] of outT.attrs) {
    if (typeEquals(a.t, inT.elem)) {
      convs.set(name, undefined);
      continue;
    }
    const c = getConversion(inT.elem, a.t, unsafe);
    if (!c) {
      if (a.optional && unsafe) continue;
      return undefined;
    }
    convs.set(name, c);
  }
  return (v) => {
    const out = new Map<string, V>();
    for (const [name, e] of attrs(v)) {
      const a = outT.attrs.get(name);
      if (!a) continue;
      let x = e;
      if (convs.has(name)) {
        const c = convs.get(name);
        if (c) x = c(e);
      } else throw new EvalError(`map element type is incompatible with attribute "${name}": ${mismatchMessage(e.t, a.t)}`);
      if (x.v === null) x = nullV(withoutOptional(x.t));
      out.set(name, x);
    }
    for (const [name, a] of outT.attrs) {
      if (out.has(name)) continue;
      if (a.optional) out.set(name, nullV(a.t));
      else throw new EvalError(`map has no element for required attribute "${name}"`);
    }
    return objVal(out);
  };
}

/** go-cty's dynamicReplace: the type of an unknown or null result of a conversion. */
function dynamicReplace(inT: Ty, outT: Ty): Ty {
  if (inT.k === "any") return outT;
  switch (outT.k) {
    case "any":
      return inT;
    case "string":
    case "number":
    case "bool":
      return outT;
    case "map": {
      let e: Ty = T_ANY;
      if (inT.k === "map") e = dynamicReplace(inT.elem, outT.elem);
      if (inT.k === "object")
        e = dynamicReplace(
          unify(
            [...inT.attrs.values()].map((a) => a.t),
            true,
          )?.t ?? T_ANY,
          outT.elem,
        );
      return mapT(e);
    }
    case "object": {
      const out: Array<[string, Ty]> = [];
      for (const [name, a] of outT.attrs) {
        if (inT.k === "map") out.push([name, dynamicReplace(inT.elem, a.t)]);
        else if (inT.k === "object") out.push([name, inT.attrs.has(name) ? dynamicReplace(inT.attrs.get(name)!.t, a.t) : a.t]);
      }
      return objectT(out);
    }
    case "set":
    case "list": {
      let e: Ty = T_ANY;
      if (inT.k === "set" || inT.k === "list") e = dynamicReplace(inT.elem, outT.elem);
      if (inT.k === "tuple") e = dynamicReplace(unify(inT.elems, true)?.t ?? T_ANY, outT.elem);
      return outT.k === "set" ? setT(e) : listT(e);
    }
    case "tuple":
      return tupleT(outT.elems.map((t, i) => dynamicReplace(inT.k === "tuple" ? (inT.elems[i] ?? T_ANY) : T_ANY, t)));
  }
}

// ---------------------------------------------------------------------------
// Unify

export interface Unified {
  t: Ty;
  /** Per input type: the conversion to `t` (undefined where the type is `t` already). */
  convs: Array<Conv | undefined>;
}

/** go-cty's unify: a type every given type converts to, with the conversions; undefined when none. */
export function unify(types: Ty[], unsafe: boolean): Unified | undefined {
  if (types.length === 0) return undefined;
  const count = (k: string) => types.filter((t) => t.k === k).length;
  const [maps, lists, sets, objects, tuples, dyn] = ["map", "list", "set", "object", "tuple", "any"].map(count) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const n = types.length;
  if (maps > 0 && maps + dyn === n) return unifyCollections("map", types, unsafe, dyn > 0);
  if (maps > 0 && maps + objects + dyn === n) {
    const r = unifyStructuralAs("map", types, unsafe);
    if (r) return r;
  } else if (lists > 0 && lists + dyn === n) return unifyCollections("list", types, unsafe, dyn > 0);
  else if (lists > 0 && lists + tuples + dyn === n) {
    const r = unifyStructuralAs("list", types, unsafe);
    if (r) return r;
  } else if (sets > 0 && sets + dyn === n) return unifyCollections("set", types, unsafe, dyn > 0);
  else if (objects > 0 && objects + dyn === n) return unifyObjects(types, unsafe, dyn > 0);
  else if (tuples > 0 && tuples + dyn === n) return unifyTuples(types, unsafe, dyn > 0);
  else if (objects > 0 && tuples > 0) return undefined;

  for (const want of sortTypes(types)) {
    const convs: Array<Conv | undefined> = [];
    let ok = true;
    for (let i = 0; i < types.length; i++) {
      const t = types[i]!;
      if (typeEquals(t, types[want]!)) {
        convs.push(undefined);
        continue;
      }
      const c = getConversion(t, types[want]!, unsafe);
      if (!c) {
        ok = false;
        break;
      }
      convs.push(c);
    }
    if (ok) return { t: types[want]!, convs };
  }
  return undefined;
}

function allAsDynamic(types: Ty[]): Unified {
  return { t: T_ANY, convs: types.map(() => () => DYN) };
}

function convsTo(types: Ty[], t: Ty, unsafe: boolean): Array<Conv | undefined> | undefined {
  const out: Array<Conv | undefined> = [];
  for (const x of types) {
    if (typeEquals(x, t)) out.push(undefined);
    else {
      const c = getConversion(x, t, unsafe);
      if (!c) return undefined;
      out.push(c);
    }
  }
  return out;
}

function unifyCollections(kind: "map" | "list" | "set", types: Ty[], unsafe: boolean, dyn: boolean): Unified | undefined {
  if (dyn) return allAsDynamic(types);
  const e = unify(types.map(elemOf), unsafe);
  if (!e) return undefined;
  const t: Ty = { k: kind, elem: e.t };
  const convs = convsTo(types, t, unsafe);
  return convs ? { t, convs } : undefined;
}

/** unifyTuplesAsList / unifyObjectsAsMaps. */
function unifyStructuralAs(kind: "list" | "map", types: Ty[], unsafe: boolean): Unified | undefined {
  const structural = kind === "list" ? "tuple" : "object";
  const idx = types.map((t, i) => (t.k === structural ? i : -1)).filter((i) => i >= 0);
  const inner =
    kind === "list"
      ? unifyTuplesToList(
          idx.map((i) => types[i]!),
          unsafe,
        )
      : unifyObjectsToMap(
          idx.map((i) => types[i]!),
          unsafe,
        );
  if (!inner || inner.t.k !== kind) return undefined;
  const replaced = types.map((t) => (t.k === structural ? inner.t : t));
  const outer = unify(replaced, unsafe);
  if (!outer || outer.t.k !== kind) return undefined;
  idx.forEach((i, j) => {
    const first = inner.convs[j];
    const second = outer.convs[i];
    outer.convs[i] = second && first ? (v) => second(first(v)) : (first ?? second);
  });
  return outer;
}

function unifyObjects(types: Ty[], unsafe: boolean, dyn: boolean): Unified | undefined {
  if (dyn) return allAsDynamic(types);
  const first = (types[0] as ObjT).attrs;
  for (const t of types.slice(1)) {
    const a = (t as ObjT).attrs;
    if (a.size !== first.size || [...a.keys()].some((k) => !first.has(k))) return unifyObjectsToMap(types, unsafe);
  }
  const out: Array<[string, Ty]> = [];
  for (const name of first.keys()) {
    const u = unify(
      types.map((t) => (t as ObjT).attrs.get(name)!.t),
      unsafe,
    );
    if (!u) return undefined;
    out.push([name, u.t]);
  }
  const t = objectT(out);
  const convs = convsTo(types, t, unsafe);
  return convs ? { t, convs } : unifyObjectsToMap(types, unsafe);
}

function unifyObjectsToMap(types: Ty[], unsafe: boolean): Unified | undefined {
  const atys = types.flatMap((t) => [...(t as ObjT).attrs.values()].map((a) => a.t));
  const e = unify(atys, unsafe);
  if (!e) return undefined;
  const t = mapT(e.t);
  const convs = convsTo(types, t, unsafe);
  return convs ? { t, convs } : undefined;
}

function unifyTuples(types: Ty[], unsafe: boolean, dyn: boolean): Unified | undefined {
  if (dyn) return allAsDynamic(types);
  const first = (types[0] as { elems: Ty[] }).elems;
  if (types.some((t) => (t as { elems: Ty[] }).elems.length !== first.length)) return unifyTuplesToList(types, unsafe);
  const out: Ty[] = [];
  for (let i = 0; i < first.length; i++) {
    const u = unify(
      types.map((t) => (t as { elems: Ty[] }).elems[i]!),
      unsafe,
    );
    if (!u) return undefined;
    out.push(u.t);
  }
  const t = tupleT(out);
  const convs = convsTo(types, t, unsafe);
  return convs ? { t, convs } : unifyTuplesToList(types, unsafe);
}

function unifyTuplesToList(types: Ty[], unsafe: boolean): Unified | undefined {
  const etys = types.flatMap((t) => (t as { elems: Ty[] }).elems);
  const e = unify(etys, unsafe);
  if (!e) return undefined;
  const t = listT(e.t);
  const convs = convsTo(types, t, unsafe);
  return convs ? { t, convs } : undefined;
}

/** go-cty's compareTypes: -1 when a is the more general (preferred) type. */
function compareTypes(a: Ty, b: Ty): number {
  if (a.k === "any" || b.k === "any") return a.k !== "any" ? -1 : b.k !== "any" ? 1 : 0;
  if (isPrimitiveT(a) && isPrimitiveT(b) && (a.k === "string" || b.k === "string")) return a.k !== "string" ? 1 : b.k !== "string" ? -1 : 0;
  if ((a.k === "list" && b.k === "list") || (a.k === "set" && b.k === "set") || (a.k === "map" && b.k === "map")) return compareTypes(elemOf(a), elemOf(b));
  let swap = 1;
  if ((a.k === "tuple" && b.k === "list") || (a.k === "object" && b.k === "map") || (a.k === "set" && (b.k === "tuple" || b.k === "list"))) {
    [a, b] = [b, a];
    swap = -1;
  }
  if (b.k === "set" && (a.k === "tuple" || a.k === "list")) return -swap;
  if (a.k === "list" && b.k === "tuple") return -swap;
  if (a.k === "map" && b.k === "object") return -swap;
  const pairs: Array<[Ty, Ty]> = [];
  if (a.k === "object" && b.k === "object") {
    if (a.attrs.size !== b.attrs.size) return 0;
    for (const [k, x] of a.attrs) {
      const y = b.attrs.get(k);
      if (!y) return 0;
      pairs.push([x.t, y.t]);
    }
  } else if (a.k === "tuple" && b.k === "tuple") {
    if (a.elems.length !== b.elems.length) return 0;
    a.elems.forEach((x, i) => pairs.push([x, (b as { elems: Ty[] }).elems[i]!]));
  } else return 0;
  let aSuper = false;
  let bSuper = false;
  for (const [x, y] of pairs) {
    const c = compareTypes(x, y);
    if (c < 0) aSuper = true;
    else if (c > 0) bSuper = true;
  }
  if (aSuper && bSuper) return 0;
  if (aSuper) return -swap;
  if (bSuper) return swap;
  return 0;
}

/** go-cty's sortTypes: a topological order of preference (Kahn's algorithm, as there). */
function sortTypes(tys: Ty[]): number[] {
  const l = tys.length;
  const edges: number[][] = tys.map(() => []);
  for (let i = 0; i < l - 1; i++) {
    for (let j = i + 1; j < l; j++) {
      const c = compareTypes(tys[i]!, tys[j]!);
      if (c < 0) edges[i]!.push(j);
      else if (c > 0) edges[j]!.push(i);
    }
  }
  const inDegree = tys.map(() => 0);
  for (const outs of edges) for (const j of outs) inDegree[j]!++;
  const queue: number[] = [];
  inDegree.forEach((n, i) => {
    if (n === 0) queue.push(i);
  });
  const result: number[] = [];
  while (queue.length > 0) {
    const i = queue.shift()!;
    result.push(i);
    for (const j of edges[i]!) if (--inDegree[j]! === 0) queue.push(j);
  }
  return result;
}

// ---------------------------------------------------------------------------
// Messages

/** go-cty's MismatchMessage: why a value of type `got` cannot become `want`. */
export function mismatchMessage(got: Ty, want: Ty): string {
  if (got.k === "object" && want.k === "object") {
    const missing = [...want.attrs].filter(([k, a]) => !got.attrs.has(k) && !a.optional).map(([k]) => k);
    missing.sort();
    if (missing.length === 1) return `attribute "${missing[0]}" is required`;
    if (missing.length === 2) return `attributes "${missing[0]}" and "${missing[1]}" are required`;
    if (missing.length > 2)
      return `attributes ${missing
        .slice(0, -1)
        .map((m) => `"${m}", `)
        .join("")}and "${missing[missing.length - 1]}" are required`;
    for (const [k, a] of want.attrs) {
      const g = got.attrs.get(k);
      if (g && !typeEquals(g.t, a.t) && !getConversion(g.t, a.t, true)) return `attribute "${k}": ${mismatchMessage(g.t, a.t)}`;
    }
    return "incorrect object attributes";
  }
  if (got.k === "tuple" && want.k === "list" && want.elem.k === "any") return "all list elements must have the same type";
  if (got.k === "tuple" && want.k === "set" && want.elem.k === "any") return "all set elements must have the same type";
  if (got.k === "object" && want.k === "map" && want.elem.k === "any") return "all map elements must have the same type";
  if ((got.k === "tuple" || got.k === "object") && isColl(want)) {
    if ((want.k === "list" || want.k === "set") && got.k !== "tuple") return `${friendlyName(want, true)} required`;
    if (want.k === "map" && got.k !== "object") return `${friendlyName(want, true)} required`;
    const ety = elemOf(want);
    if (got.k === "tuple") {
      for (let i = 0; i < got.elems.length; i++) {
        const g = got.elems[i]!;
        if (!typeEquals(g, ety) && !getConversion(g, ety, true)) return `element ${i}: ${mismatchMessage(g, ety)}`;
      }
    } else {
      for (const [k, a] of got.attrs) {
        if (!typeEquals(a.t, ety) && !getConversion(a.t, ety, true)) return `element "${k}": ${mismatchMessage(a.t, ety)}`;
      }
    }
    return `all elements must be ${friendlyName(ety, true)}`;
  }
  if (isColl(got) && isColl(want)) {
    if (want.k === "list" && got.k === "map") return `${friendlyName(want, true)} required`;
    if (want.k === "set" && got.k === "map") return `${friendlyName(want, true)} required`;
    if (want.k === "map" && got.k !== "map") return `${friendlyName(want, true)} required`;
    const noun = want.k === "list" ? "list element type" : want.k === "set" ? "set element type" : "map element type";
    return `incorrect ${noun}: ${mismatchMessage(elemOf(got), elemOf(want))}`;
  }
  return `${friendlyName(want, true)} required`;
}
