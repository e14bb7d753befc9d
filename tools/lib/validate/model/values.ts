/**
 * Variable types and values: parse `type = ...` expressions, check values against them
 * (with HCL's conversions), and give rules an evaluation environment in which variables
 * take their supplied or default values and locals are evaluated on demand.
 */
import { getAttribute, staticValue, type Expression } from "../../hcl/ast.ts";
import { EvalError, UNKNOWN, evaluate, type EvalEnv, type Value } from "./evaluate.ts";
import type { RuleContext, SuppliedValue, VariableDecl } from "../types.ts";

export type TypeSpec =
  | { k: "any" }
  | { k: "string" }
  | { k: "number" }
  | { k: "bool" }
  | { k: "list" | "set" | "map"; elem: TypeSpec }
  | { k: "object"; attrs: Map<string, { t: TypeSpec; optional: boolean }> }
  | { k: "tuple"; elems: TypeSpec[] };

/** The type a `type = ...` expression denotes; undefined when not understood. */
export function parseType(expr: Expression): TypeSpec | undefined {
  if (expr.kind === "ScopeTraversal" && expr.steps.length === 0) {
    switch (expr.root) {
      case "string":
      case "number":
      case "bool":
      case "any":
        return { k: expr.root };
    }
    return undefined;
  }
  if (expr.kind === "Template") {
    const s = staticValue(expr);
    if (s === "string" || s === "number" || s === "bool" || s === "any") return { k: s };
    return undefined;
  }
  if (expr.kind !== "FunctionCall") return undefined;
  const [a0, a1] = expr.args;
  switch (expr.name) {
    case "list":
    case "set":
    case "map": {
      const elem = a0 ? parseType(a0) : undefined;
      return elem ? { k: expr.name, elem } : undefined;
    }
    case "tuple": {
      if (!a0 || a0.kind !== "Tuple") return undefined;
      const elems: TypeSpec[] = [];
      for (const it of a0.items) {
        const t = parseType(it);
        if (!t) return undefined;
        elems.push(t);
      }
      return { k: "tuple", elems };
    }
    case "object": {
      if (!a0 || a0.kind !== "Object") return undefined;
      const attrs = new Map<string, { t: TypeSpec; optional: boolean }>();
      for (const it of a0.items) {
        const key = staticValue(it.key);
        if (typeof key !== "string") return undefined;
        let v = it.value;
        let optional = false;
        if (v.kind === "FunctionCall" && v.name === "optional" && v.args[0]) {
          optional = true;
          v = v.args[0];
        }
        const t = parseType(v);
        if (!t) return undefined;
        attrs.set(key, { t, optional });
      }
      void a1;
      return { k: "object", attrs };
    }
  }
  return undefined;
}

export function typeName(t: TypeSpec): string {
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

/** Why `v` does not conform to `t` (after HCL's conversions), or undefined when it does. */
export function nonConformance(v: Value, t: TypeSpec, path = ""): string | undefined {
  const at = path === "" ? "" : ` at ${path}`;
  if (v === null || v === undefined || v === UNKNOWN) return undefined;
  switch (t.k) {
    case "any":
      return undefined;
    case "string":
      return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? undefined : `a string is required${at}`;
    case "number":
      if (typeof v === "number") return undefined;
      if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return undefined;
      return `a number is required${at}`;
    case "bool":
      if (typeof v === "boolean" || v === "true" || v === "false") return undefined;
      return `a bool is required${at}`;
    case "list":
    case "set":
      if (!Array.isArray(v)) return `a ${t.k} of ${typeName(t.elem)} is required${at}`;
      for (let i = 0; i < v.length; i++) {
        const e = nonConformance(v[i], t.elem, `${path}[${i}]`);
        if (e) return e;
      }
      return undefined;
    case "tuple":
      if (!Array.isArray(v)) return `a tuple is required${at}`;
      if (v.length !== t.elems.length) return `a tuple of ${t.elems.length} elements is required${at}`;
      for (let i = 0; i < v.length; i++) {
        const e = nonConformance(v[i], t.elems[i]!, `${path}[${i}]`);
        if (e) return e;
      }
      return undefined;
    case "map":
      if (typeof v !== "object" || Array.isArray(v)) return `a map of ${typeName(t.elem)} is required${at}`;
      for (const [k, x] of Object.entries(v)) {
        const e = nonConformance(x, t.elem, `${path}.${k}`);
        if (e) return e;
      }
      return undefined;
    case "object":
      if (typeof v !== "object" || Array.isArray(v)) return `an object is required${at}`;
      for (const [k, a] of t.attrs) {
        if (!Object.hasOwn(v, k)) {
          if (!a.optional) return `attribute "${k}" is required${at}`;
          continue;
        }
        const e = nonConformance((v as Record<string, Value>)[k], a.t, `${path}.${k}`);
        if (e) return e;
      }
      return undefined;
  }
}

export function declType(decl: VariableDecl): TypeSpec | undefined {
  return decl.type ? parseType(decl.type.expr) : undefined;
}

/**
 * The value a string from `-var`/env/cache bust takes for a variable of type `t`:
 * primitive types take the string itself, others parse it as an HCL expression.
 */
export function valueFromString(ctx: RuleContext, raw: string, t: TypeSpec | undefined): Value {
  if (!t || t.k === "string" || t.k === "number" || t.k === "bool") return raw;
  const key = `expr:${raw}`;
  if (ctx.memo.has(key)) return ctx.memo.get(key);
  let v: Value;
  const parsed = ctx.parse(`v = ${raw}\n`, "<-var>");
  const attr = parsed.diagnostics.length === 0 ? parsed.body.attributes[0] : undefined;
  if (attr && parsed.body.attributes.length === 1) {
    const s = staticValue(attr.expr);
    v = s === undefined ? UNKNOWN : s;
  } else v = new EvalError("not a valid expression");
  ctx.memo.set(key, v);
  return v;
}

/** The value a supplied value gives a variable; UNKNOWN when not literal. */
export function suppliedValue(ctx: RuleContext, s: SuppliedValue): Value {
  const decl = ctx.variables.get(s.name)?.[0];
  const t = decl ? declType(decl) : undefined;
  if (s.raw !== undefined) {
    const v = valueFromString(ctx, s.raw, t);
    return v instanceof EvalError ? UNKNOWN : v;
  }
  return s.value === undefined ? UNKNOWN : s.value;
}

/**
 * An evaluation environment: variables take their supplied value (when `supplied` is
 * true), else their static default; locals are evaluated recursively (cycles → UNKNOWN).
 */
export function makeEnv(ctx: RuleContext, supplied = true): EvalEnv {
  const key = supplied ? "env:supplied" : "env:defaults";
  const cached = ctx.memo.get(key) as EvalEnv | undefined;
  if (cached) return cached;
  const localCache = new Map<string, Value>();
  const inProgress = new Set<string>();
  const env: EvalEnv = {
    variable: (name) => {
      const s = supplied ? ctx.supplied.get(name) : undefined;
      if (s) return suppliedValue(ctx, s);
      const decl = ctx.variables.get(name)?.[0];
      const def = decl?.default;
      if (!def) return UNKNOWN;
      const v = staticValue(def.expr);
      return v === undefined ? UNKNOWN : v;
    },
    local: (name) => {
      if (localCache.has(name)) return localCache.get(name);
      if (inProgress.has(name)) return UNKNOWN;
      const decl = ctx.locals.get(name)?.[0];
      if (!decl?.expr) return UNKNOWN;
      inProgress.add(name);
      let v: Value;
      try {
        v = evaluate(decl.expr, env);
      } catch {
        v = UNKNOWN;
      }
      inProgress.delete(name);
      localCache.set(name, v);
      return v;
    },
  };
  ctx.memo.set(key, env);
  return env;
}

/** Safe evaluation: UNKNOWN on errors too. */
export function tryEvaluate(ctx: RuleContext, expr: Expression, supplied = true): Value {
  try {
    return evaluate(expr, makeEnv(ctx, supplied));
  } catch {
    return UNKNOWN;
  }
}

/**
 * Whether a bool attribute may be true: `true`, `"true"` (HCL converts it), or a value not known
 * here (a variable), which gets the benefit of the doubt.
 */
export function mayBeTrue(ctx: RuleContext, expr: Expression | undefined): boolean {
  if (!expr) return false;
  const v = tryEvaluate(ctx, expr);
  return v === true || v === "true" || v === UNKNOWN;
}

export { getAttribute };
