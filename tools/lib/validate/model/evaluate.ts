/**
 * A small static evaluator for HCL expressions: literals, templates, operators and a
 * subset of Packer's functions over values known before a build (variable defaults,
 * supplied values, locals). Anything it cannot know evaluates to UNKNOWN; type errors
 * throw EvalError (so `can()` can turn them into false).
 */
import { traversalAttrNames, type Expression, type TemplatePart } from "../../hcl/ast.ts";

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Value = unknown;

export class EvalError extends Error {
  override name = "EvalError";
}

export interface EvalEnv {
  variable: (name: string) => Value;
  local: (name: string) => Value;
  /** Iterator variables bound by enclosing `for` expressions. */
  scope?: ReadonlyMap<string, Value>;
}

const isUnknown = (v: Value): boolean => v === UNKNOWN;

function toStr(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null) throw new EvalError("null value in string");
  throw new EvalError("cannot convert to string");
}

function toNum(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  throw new EvalError("not a number");
}

function toBool(v: Value): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new EvalError("not a bool");
}

function goRegex(pattern: string): RegExp | undefined {
  // Go's RE2 runs in linear time; JavaScript's engine backtracks. Give up on patterns with
  // nested quantifiers or backreferences rather than risk a hang on a crafted value.
  if (/\([^)]*[+*}][^)]*\)[+*{]/.test(pattern) || /\\[1-9]/.test(pattern) || pattern.length > 500) return undefined;
  let p = pattern.replace(/\(\?P</g, "(?<");
  let flags = "u";
  const m = /^\(\?([a-z]+)\)/.exec(p);
  if (m) {
    for (const f of m[1]!) if (f === "i" || f === "s" || f === "m") flags += f;
    p = p.slice(m[0].length);
  }
  try {
    return new RegExp(p, flags);
  } catch {
    return undefined;
  }
}

function regexResult(m: RegExpExecArray): Value {
  if (m.groups && Object.keys(m.groups).length > 0) return { ...m.groups };
  if (m.length > 1) return m.slice(1).map((x) => x ?? "");
  return m[0];
}

function length(v: Value): number {
  if (typeof v === "string") return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === "object") return Object.keys(v).length;
  throw new EvalError("length of a primitive");
}

type Fn = (args: Value[]) => Value;

const FUNCTIONS: Record<string, Fn> = {
  length: ([v]) => length(v),
  lower: ([v]) => toStr(v).toLowerCase(),
  upper: ([v]) => toStr(v).toUpperCase(),
  title: ([v]) => toStr(v).replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: ([v]) => toStr(v).trim(),
  chomp: ([v]) => toStr(v).replace(/[\r\n]+$/, ""),
  trimprefix: ([v, p]) => (toStr(v).startsWith(toStr(p)) ? toStr(v).slice(toStr(p).length) : toStr(v)),
  trimsuffix: ([v, s]) => (toStr(s) !== "" && toStr(v).endsWith(toStr(s)) ? toStr(v).slice(0, -toStr(s).length) : toStr(v)),
  startswith: ([v, p]) => toStr(v).startsWith(toStr(p)),
  endswith: ([v, p]) => toStr(v).endsWith(toStr(p)),
  strcontains: ([v, p]) => toStr(v).includes(toStr(p)),
  substr: ([v, o, l]) => {
    const chars = [...toStr(v)];
    let off = toNum(o);
    let len = toNum(l);
    if (off < 0) off = chars.length + off;
    if (len < 0) len = chars.length - off;
    return chars.slice(off, off + len).join("");
  },
  replace: ([v, s, r]) => {
    const sub = toStr(s);
    if (sub.length > 1 && sub.startsWith("/") && sub.endsWith("/")) {
      const re = goRegex(sub.slice(1, -1));
      if (!re) return UNKNOWN;
      return toStr(v).replace(new RegExp(re.source, re.flags + "g"), toStr(r).replace(/\$\{?(\w+)\}?/g, "$$$1"));
    }
    return toStr(v).split(sub).join(toStr(r));
  },
  basename: ([p]) => toStr(p).replace(/\/+$/, "").split("/").pop() ?? "",
  dirname: ([p]) => {
    const s = toStr(p);
    const i = s.lastIndexOf("/");
    return i < 0 ? "." : i === 0 ? "/" : s.slice(0, i);
  },
  join: ([sep, ...lists]) =>
    lists
      .flatMap((l) => (Array.isArray(l) ? l : []))
      .map(toStr)
      .join(toStr(sep)),
  split: ([sep, s]) => toStr(s).split(toStr(sep)),
  concat: (lists) => lists.flatMap((l) => (Array.isArray(l) ? l : [])),
  flatten: ([l]) => (Array.isArray(l) ? l.flat(Infinity) : UNKNOWN),
  distinct: ([l]) => (Array.isArray(l) ? [...new Set(l)] : UNKNOWN),
  compact: ([l]) => (Array.isArray(l) ? l.filter((x) => x !== "" && x !== null) : UNKNOWN),
  contains: ([l, v]) => {
    if (!Array.isArray(l)) throw new EvalError("contains needs a list");
    return l.some((x) => x === v);
  },
  element: ([l, i]) => (Array.isArray(l) && l.length > 0 ? l[toNum(i) % l.length] : UNKNOWN),
  keys: ([m]) => (m !== null && typeof m === "object" && !Array.isArray(m) ? Object.keys(m).sort() : UNKNOWN),
  values: ([m]) =>
    m !== null && typeof m === "object" && !Array.isArray(m)
      ? Object.keys(m)
          .sort()
          .map((k) => (m as Record<string, Value>)[k])
      : UNKNOWN,
  lookup: ([m, k, d]) => {
    if (m === null || typeof m !== "object") return UNKNOWN;
    const key = toStr(k);
    if (Object.hasOwn(m, key)) return (m as Record<string, Value>)[key];
    if (d !== undefined) return d;
    throw new EvalError("lookup: key not found");
  },
  merge: (maps) => Object.assign({}, ...maps.map((m) => (m !== null && typeof m === "object" ? m : {}))),
  coalesce: (args) => {
    for (const a of args) if (a !== null && a !== "") return a;
    throw new EvalError("coalesce: no non-null argument");
  },
  tostring: ([v]) => (v === null ? null : toStr(v)),
  tonumber: ([v]) => (v === null ? null : toNum(v)),
  tobool: ([v]) => (v === null ? null : toBool(v)),
  tolist: ([v]) => v,
  toset: ([v]) => (Array.isArray(v) ? [...new Set(v)] : v),
  tomap: ([v]) => v,
  abs: ([v]) => Math.abs(toNum(v)),
  min: (args) => Math.min(...args.map(toNum)),
  max: (args) => Math.max(...args.map(toNum)),
  floor: ([v]) => Math.floor(toNum(v)),
  ceil: ([v]) => Math.ceil(toNum(v)),
  alltrue: ([l]) => (Array.isArray(l) ? l.every((x) => toBool(x)) : UNKNOWN),
  anytrue: ([l]) => (Array.isArray(l) ? l.some((x) => toBool(x)) : UNKNOWN),
  regex: ([p, s]) => {
    const re = goRegex(toStr(p));
    if (!re) return UNKNOWN;
    const m = re.exec(toStr(s));
    if (!m) throw new EvalError("regex: no match");
    return regexResult(m);
  },
  regexall: ([p, s]) => {
    const re = goRegex(toStr(p));
    if (!re) return UNKNOWN;
    return [...toStr(s).matchAll(new RegExp(re.source, re.flags + "g"))].map((m) => regexResult(m as RegExpExecArray));
  },
  format: ([f, ...args]) => {
    let i = 0;
    let ok = true;
    const out = toStr(f).replace(/%([%sdvq])/g, (_, c: string) => {
      if (c === "%") return "%";
      const a = args[i++];
      if (a === undefined) {
        ok = false;
        return "";
      }
      if (c === "d") return String(Math.trunc(toNum(a)));
      if (c === "q") return JSON.stringify(toStr(a));
      return toStr(a);
    });
    return ok && !/%[^%sdvq]/.test(toStr(f)) ? out : UNKNOWN;
  },
};

/** Functions whose result differs between runs (used by naming rules). */
export const VOLATILE_FUNCTIONS = new Set(["timestamp", "uuidv4", "uuid", "bcrypt", "plantimestamp"]);

/**
 * Evaluate `expr`; UNKNOWN when it depends on something not known statically. Long by
 * design: one short case per expression kind, as in any tree-walking evaluator.
 */
export function evaluate(expr: Expression, env: EvalEnv, depth = 0): Value {
  if (depth > 64) return UNKNOWN;
  const ev = (e: Expression): Value => evaluate(e, env, depth + 1);
  switch (expr.kind) {
    case "Literal":
      return expr.value;
    case "Template":
      return evalParts(expr.parts, env, depth);
    case "Parens":
      return ev(expr.expr);
    case "Tuple": {
      const out: Value[] = [];
      for (const it of expr.items) {
        const v = ev(it);
        if (isUnknown(v)) return UNKNOWN;
        out.push(v);
      }
      return out;
    }
    case "Object": {
      const out: Record<string, Value> = {};
      for (const it of expr.items) {
        const k = ev(it.key);
        const v = ev(it.value);
        if (isUnknown(k) || isUnknown(v)) return UNKNOWN;
        Object.defineProperty(out, toStr(k), { value: v, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "ScopeTraversal": {
      const names = traversalAttrNames(expr);
      let v: Value;
      let steps = expr.steps.slice(1);
      if (env.scope?.has(expr.root)) {
        v = env.scope.get(expr.root);
        steps = expr.steps;
      } else if (expr.root === "var" && names[0] !== undefined) v = env.variable(names[0]);
      else if (expr.root === "local" && names[0] !== undefined) v = env.local(names[0]);
      else return UNKNOWN;
      if (isUnknown(v)) return UNKNOWN;
      for (const step of steps) {
        if (step.kind === "GetAttrStep") v = getKey(v, step.name);
        else if (step.kind === "LegacyIndexStep") v = getKey(v, step.index);
        else {
          const k = ev(step.key);
          if (isUnknown(k)) return UNKNOWN;
          v = getKey(v, k);
        }
        if (isUnknown(v)) return UNKNOWN;
      }
      return v;
    }
    case "GetAttr": {
      const s = ev(expr.source);
      return isUnknown(s) ? UNKNOWN : getKey(s, expr.name);
    }
    case "Index": {
      const s = ev(expr.source);
      const k = ev(expr.key);
      return isUnknown(s) || isUnknown(k) ? UNKNOWN : getKey(s, k);
    }
    case "Conditional": {
      const c = ev(expr.cond);
      if (isUnknown(c)) return UNKNOWN;
      return toBool(c) ? ev(expr.trueExpr) : ev(expr.falseExpr);
    }
    case "UnaryOp": {
      const v = ev(expr.operand);
      if (isUnknown(v)) return UNKNOWN;
      return expr.op === "-" ? -toNum(v) : !toBool(v);
    }
    case "BinaryOp": {
      const l = ev(expr.left);
      if (expr.op === "&&" && l === false) return false;
      if (expr.op === "||" && l === true) return true;
      const r = ev(expr.right);
      if (isUnknown(l) || isUnknown(r)) return UNKNOWN;
      switch (expr.op) {
        case "==":
          return JSON.stringify(l) === JSON.stringify(r);
        case "!=":
          return JSON.stringify(l) !== JSON.stringify(r);
        case "&&":
          return toBool(l) && toBool(r);
        case "||":
          return toBool(l) || toBool(r);
        case "<":
          return toNum(l) < toNum(r);
        case "<=":
          return toNum(l) <= toNum(r);
        case ">":
          return toNum(l) > toNum(r);
        case ">=":
          return toNum(l) >= toNum(r);
        case "+":
          return toNum(l) + toNum(r);
        case "-":
          return toNum(l) - toNum(r);
        case "*":
          return toNum(l) * toNum(r);
        case "/":
          return toNum(l) / toNum(r);
        case "%":
          return toNum(l) % toNum(r);
      }
      return UNKNOWN;
    }
    case "FunctionCall": {
      if (expr.expandFinal) return UNKNOWN;
      if (expr.name === "can" || expr.name === "try") {
        for (const a of expr.args) {
          try {
            const v = ev(a);
            if (isUnknown(v)) return UNKNOWN;
            return expr.name === "can" ? true : v;
          } catch (e) {
            if (!(e instanceof EvalError)) throw e;
            if (expr.name === "can") return false;
          }
        }
        if (expr.name === "try") throw new EvalError("try: no argument succeeded");
        return UNKNOWN;
      }
      const fn = FUNCTIONS[expr.name];
      if (!fn) return UNKNOWN;
      const args: Value[] = [];
      for (const a of expr.args) {
        const v = ev(a);
        if (isUnknown(v)) return UNKNOWN;
        args.push(v);
      }
      return fn(args);
    }
    case "For": {
      const coll = ev(expr.collection);
      if (isUnknown(coll) || coll === null || typeof coll !== "object") return UNKNOWN;
      const entries: Array<[Value, Value]> = Array.isArray(coll)
        ? coll.map((v, i): [Value, Value] => [i, v])
        : Object.keys(coll)
            .sort()
            .map((k): [Value, Value] => [k, (coll as Record<string, Value>)[k]]);
      const tuple: Value[] = [];
      const obj: Record<string, Value> = {};
      for (const [k, v] of entries) {
        const scope = new Map(env.scope ?? []);
        scope.set(expr.valueVar.name, v);
        if (expr.keyVar) scope.set(expr.keyVar.name, k);
        const inner: EvalEnv = { variable: env.variable, local: env.local, scope };
        if (expr.condition) {
          const c = evaluate(expr.condition, inner, depth + 1);
          if (isUnknown(c)) return UNKNOWN;
          if (!toBool(c)) continue;
        }
        const val = evaluate(expr.valueExpr, inner, depth + 1);
        if (isUnknown(val)) return UNKNOWN;
        if (expr.form === "tuple") tuple.push(val);
        else {
          const key = evaluate(expr.keyExpr!, inner, depth + 1);
          if (isUnknown(key)) return UNKNOWN;
          Object.defineProperty(obj, toStr(key), { value: val, enumerable: true, writable: true, configurable: true });
        }
      }
      return expr.form === "tuple" ? tuple : obj;
    }
    default:
      return UNKNOWN;
  }
}

function getKey(v: Value, k: Value): Value {
  if (v === null || v === undefined) throw new EvalError("attribute of null");
  if (Array.isArray(v)) {
    const i = toNum(k);
    if (i < 0 || i >= v.length) throw new EvalError("index out of range");
    return v[i];
  }
  if (typeof v === "object") {
    const key = toStr(k);
    if (!Object.hasOwn(v, key)) throw new EvalError(`no attribute ${key}`);
    return (v as Record<string, Value>)[key];
  }
  throw new EvalError("attribute of a primitive");
}

function evalParts(parts: TemplatePart[], env: EvalEnv, depth: number): Value {
  if (parts.length === 1 && parts[0]!.kind === "TemplateInterpolation") {
    // "${x}" alone yields x's value unchanged (HCL keeps the type).
    return evaluate(parts[0]!.expr, env, depth + 1);
  }
  let s = "";
  for (const p of parts) {
    if (p.kind === "TemplateLiteral") s += p.value;
    else if (p.kind === "TemplateInterpolation") {
      const v = evaluate(p.expr, env, depth + 1);
      if (isUnknown(v)) return UNKNOWN;
      s += toStr(v);
    } else return UNKNOWN;
  }
  return s;
}

/**
 * Render a template (or any expression) to text for scanning, replacing what cannot be
 * known with `placeholder`. Lists render one item per line.
 */
export function renderLoose(expr: Expression, env: EvalEnv, placeholder = "\u2026"): string {
  let v: Value;
  try {
    v = evaluate(expr, env);
  } catch {
    v = UNKNOWN;
  }
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : placeholder)).join("\n");
  if (expr.kind === "Template") {
    let s = "";
    for (const p of expr.parts) {
      if (p.kind === "TemplateLiteral") s += p.value;
      else if (p.kind === "TemplateInterpolation") s += renderLoose(p.expr, env, placeholder);
      else s += placeholder;
    }
    return s;
  }
  if (expr.kind === "Tuple") return expr.items.map((i) => renderLoose(i, env, placeholder)).join("\n");
  if (expr.kind === "FunctionCall" && expr.name === "concat") return expr.args.map((a) => renderLoose(a, env, placeholder)).join("\n");
  if (expr.kind === "Parens") return renderLoose(expr.expr, env, placeholder);
  return placeholder;
}
