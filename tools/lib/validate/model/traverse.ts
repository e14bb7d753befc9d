/**
 * Attribute access and indexing as HCL does them (hcl.GetAttr, hcl.Index): the errors HCL
 * reports for a known value, and unknown results for unknown ones.
 */
import { convert } from "./cty-convert.ts";
import { numCmp, numInt, numToInt, NumError } from "./cty-number.ts";
import { DYN, EvalError, T_NUMBER, T_STRING, UNKNOWN, attrs, elems, friendlyName, isPrimitiveT, numOf, str, unknownV, type V } from "./cty.ts";

export function getAttr(v: V, name: string): V {
  if (v.v === null) throw new EvalError("Attempt to get attribute from null value: this value is null, so it does not have any attributes.");
  const t = v.t;
  switch (t.k) {
    case "any":
      return DYN;
    case "object": {
      const a = t.attrs.get(name);
      if (!a) throw new EvalError(`Unsupported attribute: this object does not have an attribute named "${name}".`);
      if (v.v === UNKNOWN) return unknownV(a.t);
      return attrs(v).get(name)!;
    }
    case "map": {
      if (v.v === UNKNOWN) return unknownV(t.elem);
      const e = attrs(v).get(name);
      if (!e) throw new EvalError(`Missing map element: this map does not have an element with the key "${name}".`);
      return e;
    }
    default:
      if ((t.k === "list" || t.k === "set") && t.elem.k === "object") {
        throw new EvalError(`Unsupported attribute: can't access attributes on a ${t.k} of objects.`);
      }
      if (isPrimitiveT(t)) throw new EvalError(`Unsupported attribute: can't access attributes on a primitive-typed value (${friendlyName(t)}).`);
      throw new EvalError("Unsupported attribute: this value does not have any attributes.");
  }
}

/** A sequence index: the integer, UNKNOWN when not certain; throws when HCL rejects it. */
function seqIndex(key: V, length: number | undefined): number | typeof UNKNOWN {
  const k = convert(key, T_NUMBER);
  if (k.v === UNKNOWN) return UNKNOWN;
  const n = numOf(k);
  let i: number | undefined;
  try {
    i = numToInt(n);
  } catch (e) {
    if (!(e instanceof NumError)) throw e;
    throw new EvalError("Invalid index: indexing a sequence requires a whole number, but the given index has a fractional part.");
  }
  if (i === undefined) return numCmp(n, numInt(0)) === -1 ? invalid("a negative number is not a valid index for a sequence") : UNKNOWN;
  if (i < 0) invalid("a negative number is not a valid index for a sequence");
  if (length !== undefined && i >= length)
    invalid(length === 0 ? "the collection has no elements" : "the given index is greater than or equal to the length of the collection");
  return i;
}

function invalid(why: string): never {
  throw new EvalError(`Invalid index: the given key does not identify an element in this collection value: ${why}.`);
}

export function index(coll: V, key: V): V {
  if (coll.v === null) throw new EvalError("Attempt to index null value: this value is null, so it does not have any indices.");
  if (key.v === null) throw new EvalError("Invalid index: can't use a null value as an indexing key.");
  const t = coll.t;
  if (t.k === "any" || key.t.k === "any") return DYN;
  switch (t.k) {
    case "list":
    case "tuple": {
      const length = t.k === "tuple" ? t.elems.length : coll.v === UNKNOWN ? undefined : elems(coll).length;
      const i = seqIndex(key, length);
      if (i === UNKNOWN) return t.k === "tuple" ? DYN : unknownV(t.elem);
      if (coll.v === UNKNOWN) return unknownV(t.k === "tuple" ? t.elems[i]! : t.elem);
      return elems(coll)[i]!;
    }
    case "map": {
      const k = convert(key, T_STRING);
      if (k.v === UNKNOWN || coll.v === UNKNOWN) return unknownV(t.elem);
      const e = attrs(coll).get(str(k));
      if (!e) throw new EvalError("Invalid index: the given key does not identify an element in this collection value.");
      return e;
    }
    case "object": {
      const wasNumber = key.t.k === "number";
      const k = convert(key, T_STRING);
      if (k.v === UNKNOWN) return DYN;
      const a = t.attrs.get(str(k));
      if (!a) {
        const hint = wasNumber ? " An object only supports looking up attributes by name, not by numeric index." : "";
        throw new EvalError(`Invalid index: the given key does not identify an element in this collection value.${hint}`);
      }
      if (coll.v === UNKNOWN) return unknownV(a.t);
      return attrs(coll).get(str(k))!;
    }
    case "set":
      throw new EvalError("Invalid index: elements of a set are identified only by their value and don't have any separate index or key to select with.");
    default:
      throw new EvalError("Invalid index: this value does not have any indices.");
  }
}
