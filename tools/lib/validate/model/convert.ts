/**
 * HCL's value conversions (go-cty's `convert` package, as the Packer release in the schema table
 * builds it) for the values the validator can know: whether a value converts to an argument's
 * type, and if not, the reason in go-cty's own words ("a bool is required", "list of string
 * required").
 */
import { UNKNOWN, type TypeSpec } from "./cty.ts";

type Value = unknown;

/** Parse a type as the schema table writes it: `string`, `list(map(string))`, `object({a=string})`. */
export function parseTypeString(text: string): TypeSpec | undefined {
  let i = 0;
  const word = (): string => {
    const m = /^[a-z]+/.exec(text.slice(i));
    if (!m) return "";
    i += m[0].length;
    return m[0];
  };
  const eat = (c: string): boolean => {
    if (text[i] !== c) return false;
    i++;
    return true;
  };
  const type = (): TypeSpec | undefined => {
    const w = word();
    switch (w) {
      case "string":
      case "number":
      case "bool":
      case "any":
        return { k: w };
      case "list":
      case "set":
      case "map": {
        if (!eat("(")) return undefined;
        const elem = type();
        return elem && eat(")") ? { k: w, elem } : undefined;
      }
      case "tuple": {
        if (!eat("(") || !eat("[")) return undefined;
        const elems: TypeSpec[] = [];
        while (!eat("]")) {
          const t = type();
          if (!t) return undefined;
          elems.push(t);
          eat(",");
        }
        return eat(")") ? { k: "tuple", elems } : undefined;
      }
      case "object": {
        if (!eat("(") || !eat("{")) return undefined;
        const attrs = new Map<string, { t: TypeSpec; optional: boolean }>();
        while (!eat("}")) {
          const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i));
          if (!m) return undefined;
          i += m[0].length;
          if (!eat("=")) return undefined;
          const t = type();
          if (!t) return undefined;
          attrs.set(m[0], { t, optional: false });
          eat(",");
        }
        return eat(")") ? { k: "object", attrs } : undefined;
      }
    }
    return undefined;
  };
  const t = type();
  return t && i === text.length ? t : undefined;
}

/** go-cty's friendly name of a type constraint ("list of string", "bool"). */
export function friendlyName(t: TypeSpec): string {
  switch (t.k) {
    case "list":
    case "set":
    case "map":
      return `${t.k} of ${friendlyName(t.elem)}`;
    case "any":
      return "any type";
    default:
      return t.k;
  }
}

/** go-cty's ParseNumberVal: a decimal number, optionally signed, with an exponent. */
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

function isKnownDeep(v: Value): boolean {
  if (v === UNKNOWN) return false;
  if (Array.isArray(v)) return v.every(isKnownDeep);
  if (v !== null && typeof v === "object") return Object.values(v).every(isKnownDeep);
  return true;
}

/**
 * Why `v` does not convert to `t`, in go-cty's words; undefined when it converts or when the
 * value is not known well enough to say. A null converts to every type.
 */
export function conversionError(v: Value, t: TypeSpec): string | undefined {
  if (v === null || v === undefined || v === UNKNOWN) return undefined;
  const isColl = Array.isArray(v) || typeof v === "object";
  switch (t.k) {
    case "any":
      return undefined;
    case "string":
      return isColl ? "string required" : undefined;
    case "number":
      if (typeof v === "number") return undefined;
      if (typeof v === "string") return NUMBER.test(v) ? undefined : "a number is required";
      return "number required";
    case "bool":
      if (typeof v === "boolean") return undefined;
      if (typeof v === "string") {
        if (v === "true" || v === "false" || v === "1" || v === "0") return undefined;
        const lower = v.toLowerCase();
        if (lower === "true" || lower === "false") return `a bool is required; to convert from string, use lowercase "${lower}"`;
        return "a bool is required";
      }
      return "bool required";
    case "list":
    case "set": {
      if (!Array.isArray(v)) return `${friendlyName(t)} required`;
      for (let i = 0; i < v.length; i++) {
        const e = conversionError(v[i], t.elem);
        if (e) return `element ${i}: ${e}`;
      }
      return undefined;
    }
    case "map": {
      if (!isColl || Array.isArray(v)) return `${friendlyName(t)} required`;
      for (const [k, x] of Object.entries(v as Record<string, Value>)) {
        const e = conversionError(x, t.elem);
        if (e) return `element "${k}": ${e}`;
      }
      return undefined;
    }
    case "tuple":
      if (!Array.isArray(v)) return "tuple required";
      if (v.length !== t.elems.length) return isKnownDeep(v) ? `tuple required` : undefined;
      for (let i = 0; i < v.length; i++) {
        const e = conversionError(v[i], t.elems[i]!);
        if (e) return `element ${i}: ${e}`;
      }
      return undefined;
    case "object": {
      if (!isColl || Array.isArray(v)) return "object required";
      const o = v as Record<string, Value>;
      for (const [k, a] of t.attrs) {
        if (!Object.hasOwn(o, k)) {
          if (!a.optional) return `attribute "${k}" is required`;
          continue;
        }
        const e = conversionError(o[k], a.t);
        if (e) return `attribute "${k}": ${e}`;
      }
      return undefined;
    }
  }
}
