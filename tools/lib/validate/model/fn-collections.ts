/**
 * Collection functions of Packer's function table, as go-cty's stdlib (collection.go,
 * sequence.go, set.go), go-cty-funcs (coalesce) and Packer (length, index, sum, alltrue,
 * anytrue) implement them. Each entry notes only where it departs from the obvious reading.
 */
import { convert, unify } from "./cty-convert.ts";
import { numAdd, numCmp, numInt, type Num } from "./cty-number.ts";
import {
  DYN,
  EMPTY_TUPLE_T,
  FALSE,
  T_ANY,
  T_BOOL,
  T_NUMBER,
  T_STRING,
  TRUE,
  UNKNOWN,
  attrs,
  elems,
  equals,
  friendlyName,
  intV,
  isKnown,
  isWhollyKnown,
  lengthOf,
  listT,
  listV,
  mapT,
  mapV,
  numOf,
  numV,
  objectT,
  objectV,
  setT,
  setV,
  str,
  strV,
  tupleT,
  tupleV,
  typeEquals,
  unknownV,
  type Ty,
  type V,
} from "./cty.ts";
import { fail, goInt, type FnImpl } from "./fn-core.ts";
import { graphemeCount } from "./fn-strings.ts";

const elemT = (t: Ty): Ty => (t as { elem: Ty }).elem;
const isListLike = (t: Ty): boolean => t.k === "list" || t.k === "tuple";

/** Elements of a list/tuple/set as a list value when `t` is a list type, else a tuple. */
function seqOf(t: Ty, es: V[]): V {
  if (t.k === "tuple") return tupleV(es);
  return listV(elemT(t), es);
}

/** Compare strings as Go does (bytes of UTF-8, which is code point order). */
export function goStringLess(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function flattener(v: V): { out: V[]; known: boolean } {
  const out: V[] = [];
  let known = true;
  for (const e of elems(v)) {
    if (e.t.k === "any" && e.v === UNKNOWN) known = false;
    if (e.v !== null && (e.t.k === "list" || e.t.k === "set" || e.t.k === "tuple")) {
      if (e.v === UNKNOWN) {
        known = false;
        continue;
      }
      const r = flattener(e);
      if (r.known) out.push(...r.out);
      else known = false;
    } else out.push(e);
  }
  return { out, known };
}

function sliceIndexes(args: V[]): { start: number; end: number; known: boolean } {
  const list = args[0]!;
  const length = list.t.k === "tuple" ? list.t.elems.length : isKnown(list) ? lengthOf(list) : undefined;
  let start = 0;
  let end = 0;
  let startKnown = false;
  let endKnown = false;
  if (isKnown(args[1]!)) {
    const s = goInt(args[1]!);
    if (s === UNKNOWN) return { start, end, known: false };
    if (s < 0) fail("start index must not be less than zero");
    if (length !== undefined && s > length) fail("start index must not be greater than the length of the list");
    start = s;
    startKnown = true;
  }
  if (isKnown(args[2]!)) {
    const e = goInt(args[2]!);
    if (e === UNKNOWN) return { start, end, known: false };
    if (e < 0) fail("end index must not be less than zero");
    if (length !== undefined && e > length) fail("end index must not be greater than the length of the list");
    end = e;
    endKnown = true;
  }
  if (startKnown && endKnown && start > end) fail("start index must not be greater than end index");
  return { start, end, known: startKnown && endKnown };
}

function setOperationType(args: V[]): Ty {
  const etys: Ty[] = [];
  for (const a of args) {
    const t = elemT(a.t);
    if (isKnown(a) && lengthOf(a) === 0 && t.k === "any") continue;
    etys.push(t);
  }
  if (etys.length === 0) return setT(T_ANY);
  const u = unify(etys, true);
  if (!u) fail("given sets must all have compatible element types");
  return setT(u.t);
}

function setOperation(op: "union" | "intersection") {
  return (args: V[], ret: Ty): V => {
    const sets = args.map((a) => convert(a, ret));
    if (op === "intersection" && !sets.every(isWhollyKnown)) return unknownV(ret);
    if (!sets.every(isWhollyKnown)) return unknownV(ret);
    let acc = [...elems(sets[0]!)];
    for (const s of sets.slice(1)) {
      const other = elems(s);
      const has = (list: readonly V[], e: V) => list.some((o) => equals(o, e).v === true);
      acc = op === "union" ? [...acc, ...other.filter((e) => !has(acc, e))] : acc.filter((e) => has(other, e));
    }
    return setV(elemT(ret), acc);
  };
}

/** A number comparison that must be certain to go on (range's loop). */
function lt(a: Num, b: Num): boolean | typeof UNKNOWN {
  const c = numCmp(a, b);
  return c === undefined ? UNKNOWN : c < 0;
}

function range(args: V[]): V {
  const ns = args.map(numOf);
  const zero = numInt(0);
  let start: Num, end: Num, step: Num;
  if (ns.length === 1) {
    const neg = lt(ns[0]!, zero);
    if (neg === UNKNOWN) return unknownV(listT(T_NUMBER));
    [start, end, step] = [zero, ns[0]!, numInt(neg ? -1 : 1)];
  } else if (ns.length === 2) {
    const down = lt(ns[1]!, ns[0]!);
    if (down === UNKNOWN) return unknownV(listT(T_NUMBER));
    [start, end, step] = [ns[0]!, ns[1]!, numInt(down ? -1 : 1)];
  } else [start, end, step] = [ns[0]!, ns[1]!, ns[2]!];
  const down = lt(step, zero);
  if (down === UNKNOWN) return unknownV(listT(T_NUMBER));
  const wrongWay = down ? lt(start, end) : lt(end, start);
  if (wrongWay === UNKNOWN) return unknownV(listT(T_NUMBER));
  if (wrongWay) fail(down ? "end must be less than start when step is negative" : "end must be greater than start when step is positive");
  const out: V[] = [];
  let n = start;
  for (;;) {
    const c = numCmp(n, end);
    if (c === undefined) return unknownV(listT(T_NUMBER));
    if (down ? c <= 0 : c >= 0) break;
    if (out.length >= 1024) fail("more than 1024 values were generated; either decrease the difference between start and end or use a smaller step");
    out.push(numV(n));
    n = numAdd(n, step);
  }
  return listV(T_NUMBER, out);
}

const ANY_FLAGS = { allowUnknown: true, allowDynamic: true, allowNull: true };

export const COLLECTION_FUNCTIONS: Record<string, FnImpl> = {
  length: {
    params: [{ allowDynamic: true, allowUnknown: true }],
    type: ([c]) => {
      const k = c!.t.k;
      if (["string", "tuple", "object", "list", "map", "set", "any"].includes(k)) return T_NUMBER;
      fail("argument must be a string, a collection type, or a structural type");
    },
    impl: ([c]) => {
      const t = c!.t;
      if (t.k === "tuple") return intV(t.elems.length);
      if (t.k === "object") return intV(t.attrs.size);
      if (!isKnown(c!)) return unknownV(T_NUMBER);
      if (t.k === "string") {
        const n = graphemeCount(str(c!));
        return n === undefined ? unknownV(T_NUMBER) : intV(n);
      }
      return intV(lengthOf(c!));
    },
  },
  concat: {
    type: (args) => {
      if (args[0]!.t.k === "list" && args.every((a) => a.t.k === "list")) {
        const u = unify(
          args.map((a) => a.t),
          true,
        );
        if (u) return u.t;
      }
      const etys: Ty[] = [];
      for (const a of args) {
        if (a.t.k === "tuple") etys.push(...a.t.elems);
        else if (a.t.k === "list") {
          if (!isKnown(a)) return T_ANY;
          for (let j = 0; j < lengthOf(a); j++) etys.push(a.t.elem);
        } else fail(`all arguments must be lists or tuples; got ${friendlyName(a.t)}`);
      }
      return tupleT(etys);
    },
    impl: (args, ret) => {
      if (ret.k === "list")
        return listV(
          ret.elem,
          args.flatMap((a) => [...elems(convert(a, ret))]),
        );
      return tupleV(args.flatMap((a) => [...elems(a)]));
    },
  },
  contains: {
    type: T_BOOL,
    impl: ([list, value]) => {
      if (!["list", "tuple", "set"].includes(list!.t.k)) fail("argument must be list, tuple, or set");
      if (lengthOf(list!) === 0) return FALSE;
      let unknown = false;
      for (const e of elems(list!)) {
        const eq = equals(value!, e);
        if (eq.v === UNKNOWN) unknown = true;
        else if (eq.v === true) return TRUE;
      }
      return unknown ? unknownV(T_BOOL) : FALSE;
    },
  },
  coalesce: {
    varParam: ANY_FLAGS,
    type: (args) => {
      const u = unify(
        args.map((a) => a.t),
        true,
      );
      if (!u) fail("all arguments must have the same type");
      return u.t;
    },
    impl: (args, ret) => {
      for (const a of args) {
        let v: V;
        try {
          v = convert(a, ret);
        } catch {
          continue; // go-cty-funcs ignores the error: a NilVal counts as null
        }
        if (!isKnown(v)) return unknownV(ret);
        if (v.v === null) continue;
        if (ret.k === "string" && v.v === "") continue;
        return v;
      }
      fail("no non-null, non-empty-string arguments");
    },
  },
  coalescelist: {
    varParam: ANY_FLAGS,
    type: (args) => {
      if (args.some((a) => !isKnown(a))) return T_ANY;
      for (const a of args) if (!isListLike(a.t)) fail("coalescelist arguments must be lists or tuples");
      return args.every((a) => typeEquals(a.t, args[0]!.t)) ? args[0]!.t : T_ANY;
    },
    impl: (args, ret) => {
      for (const a of args) {
        if (!isKnown(a)) return unknownV(ret);
        if (a.v === null) continue;
        if (lengthOf(a) > 0) return a;
      }
      fail("no non-null arguments");
    },
  },
  compact: {
    type: listT(T_STRING),
    impl: ([list]) => {
      if (!isWhollyKnown(list!)) return unknownV(listT(T_STRING));
      return listV(
        T_STRING,
        elems(list!).filter((e) => e.v !== null && e.v !== ""),
      );
    },
  },
  distinct: {
    type: ([l]) => l!.t,
    impl: ([list], ret) => {
      if (!isWhollyKnown(list!)) return unknownV(ret);
      const out: V[] = [];
      for (const e of elems(list!)) if (!out.some((o) => equals(o, e).v === true)) out.push(e);
      return listV(elemT(ret), out);
    },
  },
  element: {
    type: ([list, index]) => {
      if (isKnown(index!) && numCmp(numOf(index!), numInt(0)) === -1) fail("cannot use element function with a negative index");
      const t = list!.t;
      if (t.k === "list") return t.elem;
      if (t.k === "tuple") {
        if (!isKnown(index!)) return T_ANY;
        const i = goInt(index!);
        if (i === UNKNOWN) return T_ANY;
        if (t.elems.length === 0) fail("cannot use element function with an empty list");
        return t.elems[i % t.elems.length]!;
      }
      fail(`cannot read elements from ${friendlyName(t)}`);
    },
    impl: ([list, index]) => {
      const i = goInt(index!);
      if (i === UNKNOWN) return DYN;
      if (i < 0) fail("cannot use element function with a negative index");
      const es = elems(list!);
      if (es.length === 0) fail("cannot use element function with an empty list");
      return es[i % es.length]!;
    },
  },
  flatten: {
    type: ([l]) => {
      if (!isWhollyKnown(l!)) return T_ANY;
      if (!["list", "set", "tuple"].includes(l!.t.k)) fail("can only flatten lists, sets and tuples");
      const r = flattener(l!);
      return r.known ? tupleT(r.out.map((e) => e.t)) : T_ANY;
    },
    impl: ([l], ret) => {
      if (!["list", "set", "tuple"].includes(l!.t.k)) fail("can only flatten lists, sets and tuples");
      if (lengthOf(l!) === 0) return tupleV([]);
      const r = flattener(l!);
      return r.known ? tupleV(r.out) : unknownV(ret);
    },
  },
  index: {
    type: T_NUMBER,
    impl: ([list, value]) => {
      if (!isListLike(list!.t)) fail("argument must be a list or tuple");
      const es = elems(list!);
      if (es.length === 0) fail("cannot search an empty list");
      for (let i = 0; i < es.length; i++) {
        const eq = equals(es[i]!, value!);
        if (eq.v === UNKNOWN) return unknownV(T_NUMBER);
        if (eq.v === true) return intV(i);
      }
      fail("item not found");
    },
  },
  keys: {
    params: [{ allowUnknown: true }],
    type: ([m]) => {
      const t = m!.t;
      if (t.k === "map") return listT(T_STRING);
      if (t.k === "object") return t.attrs.size === 0 ? EMPTY_TUPLE_T : tupleT([...t.attrs.keys()].map(() => T_STRING));
      fail("must have map or object type");
    },
    impl: ([m], ret) => {
      if (m!.t.k === "object") return tupleV([...(m!.t.attrs.keys() as Iterable<string>)].sort().map(strV));
      if (!isKnown(m!)) return unknownV(ret);
      return listV(T_STRING, [...attrs(m!).keys()].map(strV));
    },
  },
  values: {
    type: ([m]) => {
      const t = m!.t;
      if (t.k === "map") return listT(t.elem);
      if (t.k === "object") return tupleT([...t.attrs.keys()].sort().map((k) => t.attrs.get(k)!.t));
      fail("values() requires a map as the first argument");
    },
    impl: ([m], ret) => {
      const vs = [...attrs(m!).values()];
      return ret.k === "tuple" ? tupleV(vs) : listV(elemT(ret), vs);
    },
  },
  lookup: {
    type: ([m, key, def]) => {
      const t = m!.t;
      if (t.k === "object") {
        if (!isKnown(key!)) return T_ANY;
        const k = str(key!);
        if (t.attrs.has(k)) return t.attrs.get(k)!.t;
        return def!.t;
      }
      if (t.k === "map") {
        try {
          convert(def!, t.elem);
        } catch {
          fail("the default value must have the same type as the map elements");
        }
        return t.elem;
      }
      fail("lookup() requires a map as the first argument");
    },
    impl: ([m, key, def], ret) => {
      const k = str(key!);
      if (!isWhollyKnown(m!)) return unknownV(ret);
      const found = attrs(m!).get(k);
      if (found) return found;
      return convert(def!, ret);
    },
  },
  merge: {
    varParam: { allowDynamic: true, allowNull: true },
    type: (args) => {
      if (args.length === 0) return objectT([]);
      const out = new Map<string, Ty>();
      let matching = true;
      let attrsKnown = true;
      for (const a of args) {
        const t = a.t;
        if (t.k === "any") return T_ANY;
        if (t.k !== "map" && t.k !== "object") fail(`arguments must be maps or objects, got "${friendlyName(t)}"`);
        if (t.k === "object" && a.v !== null) for (const [k, x] of t.attrs) out.set(k, x.t);
        if (t.k === "map" && a.v !== null) {
          if (isKnown(a)) for (const k of attrs(a).keys()) out.set(k, t.elem);
          else attrsKnown = false;
        }
        if (!typeEquals(t, args[0]!.t)) matching = false;
      }
      if (matching) return args[0]!.t;
      if (!attrsKnown) return T_ANY;
      return objectT(out);
    },
    impl: (args, ret) => {
      const out = new Map<string, V>();
      for (const a of args) if (a.v !== null) for (const [k, x] of attrs(a)) out.set(k, x);
      if (ret.k === "map") return mapV(ret.elem, out);
      return objectV(out);
    },
  },
  reverse: {
    type: ([l]) => {
      const t = l!.t;
      if (t.k === "tuple") return tupleT([...t.elems].reverse());
      if (t.k === "list" || t.k === "set") return listT(t.elem);
      fail(`can only reverse list or tuple values, not ${friendlyName(t)}`);
    },
    impl: ([l], ret) => seqOf(ret, [...elems(l!)].reverse()),
  },
  slice: {
    type: (args) => {
      const t = args[0]!.t;
      if (t.k === "set")
        fail("cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important");
      if (!isListLike(t)) fail("must be a list or tuple value");
      const { start, end, known } = sliceIndexes(args);
      if (t.k === "list") return t;
      if (!known) return T_ANY;
      return tupleT((t as { elems: Ty[] }).elems.slice(start, end));
    },
    impl: (args, ret) => {
      if (ret.k === "any") return DYN;
      const { start, end, known } = sliceIndexes(args);
      if (!known) return unknownV(ret);
      return seqOf(ret, elems(args[0]!).slice(start, end));
    },
  },
  sort: {
    params: [{ allowUnknown: true }],
    type: listT(T_STRING),
    impl: ([l], ret) => {
      if (!isWhollyKnown(l!)) return unknownV(ret);
      const es = elems(l!);
      es.forEach((e, i) => {
        if (e.v === null) fail(`given list element ${i} is null; a null string cannot be sorted`);
      });
      return listV(
        T_STRING,
        [...es].sort((a, b) => goStringLess(str(a), str(b))),
      );
    },
  },
  zipmap: {
    type: ([keys, values]) => {
      const t = values!.t;
      if (t.k === "list") return mapT(t.elem);
      if (t.k === "tuple") {
        if (!isWhollyKnown(keys!)) return T_ANY;
        const ks = elems(keys!);
        if (ks.length !== t.elems.length) fail(`number of keys (${ks.length}) does not match number of values (${t.elems.length})`);
        const out = new Map<string, Ty>();
        ks.forEach((k, i) => {
          if (k.v === null) fail(`keys list has null value at index ${i}`);
          out.set(str(k), t.elems[i]!);
        });
        return objectT(out);
      }
      fail("values argument must be a list or tuple value");
    },
    impl: ([keys, values], ret) => {
      if (!isWhollyKnown(keys!)) return unknownV(ret);
      const ks = elems(keys!);
      const vs = elems(values!);
      if (ks.length !== vs.length) fail(`number of keys (${ks.length}) does not match number of values (${vs.length})`);
      const out = new Map<string, V>();
      ks.forEach((k, i) => out.set(str(k), vs[i]!));
      return ret.k === "map" ? mapV(ret.elem, out) : objectV(out);
    },
  },
  chunklist: {
    type: ([l]) => listT(l!.t),
    impl: ([l, size], ret) => {
      const n = goInt(size!);
      if (n === UNKNOWN) return unknownV(ret);
      if (n < 0) fail("the size argument must be positive");
      const es = elems(l!);
      if (es.length === 0) return listV(l!.t, []);
      if (n === 0) return listV(l!.t, [l!]);
      const out: V[] = [];
      for (let i = 0; i < es.length; i += n) out.push(listV(elemT(l!.t), es.slice(i, i + n)));
      return listV(l!.t, out);
    },
  },
  setproduct: {
    varParam: { allowUnknown: true },
    type: (args) => {
      if (args.length < 2) fail("at least two arguments are required");
      let lists = 0;
      const etys = args.map((a) => {
        const t = a.t;
        if (t.k === "set") return t.elem;
        if (t.k === "list") {
          lists++;
          return t.elem;
        }
        if (t.k === "tuple") {
          lists++;
          if (t.elems.length === 0) return T_ANY;
          const u = unify(t.elems, true);
          if (!u) fail("all elements must be of the same type");
          return u.t;
        }
        fail("a set or a list is required");
      });
      return lists === args.length ? listT(tupleT(etys)) : setT(tupleT(etys));
    },
    impl: (args, ret) => {
      if (!args.every(isKnown)) return unknownV(ret);
      const ety = elemT(ret) as { k: "tuple"; elems: Ty[] };
      let product: V[][] = [[]];
      args.forEach((a, j) => {
        product = product.flatMap((p) => elems(a).map((e) => [...p, typeEquals(e.t, ety.elems[j]!) ? e : convert(e, ety.elems[j]!)]));
      });
      const tuples = product.map((p) => tupleV(p));
      return ret.k === "list" ? listV(ety, tuples) : setV(ety, tuples);
    },
  },
  setunion: { params: [{ allowDynamic: true }], varParam: { allowDynamic: true }, type: setOperationType, impl: setOperation("union") },
  setintersection: { params: [{ allowDynamic: true }], varParam: { allowDynamic: true }, type: setOperationType, impl: setOperation("intersection") },
  range: { type: listT(T_NUMBER), impl: range },
  alltrue: {
    type: T_BOOL,
    impl: ([l]) => {
      for (const e of elems(l!)) {
        if (!isKnown(e)) return unknownV(T_BOOL);
        if (e.v === null || e.v === false) return FALSE;
      }
      return TRUE;
    },
  },
  anytrue: {
    type: T_BOOL,
    impl: ([l]) => {
      let unknown = false;
      for (const e of elems(l!)) {
        if (!isKnown(e)) unknown = true;
        else if (e.v === true) return TRUE;
      }
      return unknown ? unknownV(T_BOOL) : FALSE;
    },
  },
  sum: {
    type: T_NUMBER,
    impl: ([l]) => {
      const t = l!.t;
      if (!["list", "set", "tuple", "map", "object"].includes(t.k)) fail("cannot sum noniterable");
      if (lengthOf(l!) === 0) fail("cannot sum an empty list");
      if (!["list", "set", "tuple"].includes(t.k)) fail(`argument must be list, set, or tuple. Received ${friendlyName(t)}`);
      if (!isWhollyKnown(l!)) return unknownV(T_NUMBER);
      let s: Num | undefined;
      for (const e of elems(l!)) {
        if (e.v === null) fail("argument must be list, set, or tuple of number values");
        let n: V;
        try {
          n = convert(e, T_NUMBER);
        } catch {
          fail("argument must be list, set, or tuple of number values");
        }
        s = s === undefined ? numOf(n) : numAdd(s, numOf(n));
      }
      return numV(s!);
    },
  },
};
