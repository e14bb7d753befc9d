/**
 * Variable values as Packer computes them, and the evaluation environment rules read values
 * through: variables take the value Packer would give them (the supplied one by Packer's
 * precedence, else the default, converted to the variable's type), locals are evaluated on
 * demand, and everything else that is not known before the build is unknown.
 */
import type { Expression } from "../../hcl/ast.ts";
import type { ParseFn, TemplateModel } from "../../template/model.ts";
import { convert } from "./cty-convert.ts";
import {
  DYN,
  EvalError,
  T_ANY,
  T_BOOL,
  UNKNOWN,
  attrs,
  elems,
  fromPlain,
  listV,
  mapV,
  objectV,
  setV,
  toPlain,
  typeName,
  type Ty,
  type TypeSpec,
  type V,
} from "./cty.ts";
import { TYPED, evalExpr, type EvalEnv, type Scope, type Value } from "./evaluate.ts";
import { parseType } from "./type-expr.ts";
import type { RuleContext, SuppliedValue, VariableDecl } from "../types.ts";

export type { TypeSpec };
export { parseType, typeName };

/** What variable values are computed from: the declarations and the parser (for -var strings). */
export interface VariableSource {
  variables: TemplateModel["variables"];
  parse: ParseFn;
  memo?: Map<string, unknown>;
}

export function declType(decl: VariableDecl): TypeSpec | undefined {
  return decl.type ? parseType(decl.type.expr) : undefined;
}

/** No evaluation context: how Packer evaluates var files and -var expressions. */
const LITERAL_SCOPE: Scope = { variable: () => DYN, local: () => DYN, literal: true };
/** A variable default: nothing to reference, and only env() (unknown here) to call. */
const DEFAULT_SCOPE: Scope = { variable: () => DYN, local: () => DYN, defaultsOnly: true };

/** The value, or DYN where Packer reports an error (another rule says which). */
function evalOr(expr: Expression, scope: Scope): V {
  try {
    return evalExpr(expr, scope);
  } catch (e) {
    if (e instanceof EvalError) return DYN;
    throw e;
  }
}

/** Why Packer cannot evaluate `expr` without an evaluation context (a var file's value), or undefined. */
export function literalError(expr: Expression): string | undefined {
  try {
    evalExpr(expr, LITERAL_SCOPE);
    return undefined;
  } catch (e) {
    if (e instanceof EvalError) return e.message;
    throw e;
  }
}

/** The default's value as Packer evaluates it (only env() may be called; it is unknown here). */
export function defaultValueRaw(decl: VariableDecl): V | undefined {
  return decl.default ? evalOr(decl.default.expr, DEFAULT_SCOPE) : undefined;
}

/** The type Packer gives a variable: its `type`, else (or for `any`) its default's type (not for `{}` or `[]`). */
export function variableType(decl: VariableDecl): Ty {
  const declared = declType(decl);
  if (declared && declared.k !== "any") return declared;
  if (decl.type && !declared) return T_ANY;
  const d = defaultValueRaw(decl);
  if (!d || d.v === UNKNOWN) return T_ANY;
  const t = d.t;
  if ((t.k === "object" && t.attrs.size === 0) || (t.k === "tuple" && t.elems.length === 0)) return T_ANY;
  return t;
}

function hasDefaults(t: Ty): boolean {
  if (t.k === "object") return [...t.attrs.values()].some((a) => a.default !== undefined || hasDefaults(a.t));
  if (t.k === "list" || t.k === "set" || t.k === "map") return hasDefaults(t.elem);
  if (t.k === "tuple") return t.elems.some(hasDefaults);
  return false;
}

/** typeexpr's Defaults.Apply: optional attributes that are absent or null take their default. */
function applyDefaults(v: V, t: Ty): V {
  if (v.v === UNKNOWN || v.v === null) return v;
  if (t.k === "object" && (v.t.k === "object" || v.t.k === "map") && hasDefaults(t)) {
    const out = new Map(attrs(v));
    for (const [k, a] of t.attrs) {
      const cur = out.get(k);
      if (a.default && (!cur || cur.v === null)) out.set(k, a.default);
      else if (cur) out.set(k, applyDefaults(cur, a.t));
    }
    return objectV(out);
  }
  if (t.k === "list" || t.k === "set" || t.k === "map") {
    if (!hasDefaults(t.elem)) return v;
    if (v.t.k === "map") return mapV(v.t.elem, new Map([...attrs(v)].map(([k, e]) => [k, applyDefaults(e, t.elem)])));
    if (v.t.k === "object") return objectV(new Map([...attrs(v)].map(([k, e]) => [k, applyDefaults(e, t.elem)])));
    if (v.t.k === "tuple") return { t: v.t, v: elems(v).map((e) => applyDefaults(e, t.elem)) };
    if (v.t.k === "list")
      return listV(
        v.t.elem,
        elems(v).map((e) => applyDefaults(e, t.elem)),
      );
    if (v.t.k === "set")
      return setV(
        v.t.elem,
        elems(v).map((e) => applyDefaults(e, t.elem)),
      );
  }
  return v;
}

/** A value converted to the variable's type, as Packer does; undefined when it does not convert (VAR-03). */
export function toVariableType(v: V, t: Ty): V | undefined {
  if (t.k === "any") return v;
  try {
    return convert(applyDefaults(v, t), t);
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}

/**
 * The value a string from -var, PKR_VAR_ or the cache bust gives a variable of type `t`, before
 * conversion: the string itself for string, number and untyped variables (Packer's
 * expressionFromVariableDefinition), else the string parsed as an HCL expression (EvalError
 * when it is not one).
 */
export function stringAssignment(src: VariableSource, raw: string, t: Ty): V | EvalError {
  if (t.k === "string" || t.k === "number" || t.k === "any") return fromPlain(raw);
  const key = `expr:${raw}`;
  const cached = src.memo?.get(key) as V | EvalError | undefined;
  if (cached) return cached;
  const parsed = src.parse(`v = ${raw}\n`, "<-var>");
  const attr = parsed.diagnostics.length === 0 && parsed.body.attributes.length === 1 ? parsed.body.attributes[0] : undefined;
  let v: V | EvalError = new EvalError("not a valid expression");
  if (attr) {
    try {
      v = evalExpr(attr.expr, LITERAL_SCOPE);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      v = e;
    }
  }
  src.memo?.set(key, v);
  return v;
}

/** A supplied value before conversion to the variable's type (UNKNOWN parts where Packer would fail). */
export function assignedRaw(src: VariableSource, decl: VariableDecl | undefined, s: SuppliedValue): V {
  if (s.raw !== undefined) {
    const v = stringAssignment(src, s.raw, decl ? variableType(decl) : T_ANY);
    return v instanceof EvalError ? DYN : v;
  }
  if (s.attr) return evalOr(s.attr.expr, LITERAL_SCOPE);
  return s.value === undefined ? DYN : fromPlain(s.value);
}

/**
 * The value variable `name` has in the build: the supplied value (when `supplied`), else the
 * default, converted to the variable's type. Unknown when it has neither (VAR-01 reports it) or
 * when the value does not convert (VAR-03 reports it): one mistake, one error.
 */
export function variableValue(src: VariableSource, name: string, supplied: ReadonlyMap<string, SuppliedValue> | undefined): V {
  const decl = src.variables.get(name)?.[0];
  if (!decl) return DYN;
  const t = variableType(decl);
  const s = supplied?.get(name);
  const raw = s ? assignedRaw(src, decl, s) : defaultValueRaw(decl);
  if (!raw) return DYN;
  const v = toVariableType(raw, t);
  return v === undefined ? DYN : v;
}

/** The plain value a supplied value gives its variable (UNKNOWN when not known). */
export function suppliedValue(ctx: RuleContext, s: SuppliedValue): Value {
  const decl = ctx.variables.get(s.name)?.[0];
  const raw = assignedRaw(ctx, decl, s);
  const v = decl ? toVariableType(raw, variableType(decl)) : raw;
  return v === undefined ? UNKNOWN : toPlain(v);
}

/** For VAR-03: the string as its variable's value before conversion, or EvalError when it does not parse. */
export function valueFromString(ctx: RuleContext, raw: string, t: TypeSpec | undefined): Value {
  const v = stringAssignment(ctx, raw, t ?? T_ANY);
  return v instanceof EvalError ? v : toPlain(v);
}

/** A what-if: functions whose result is unknown here given stand-in results (named by `key`). */
export interface StandIns {
  key: string;
  functions: ReadonlyMap<string, (args: V[]) => V>;
}

/** The typed scope of a context: variables as the build sees them (or their defaults), locals on demand. */
export function makeScope(ctx: RuleContext, supplied = true, standIns?: StandIns): Scope {
  const key = `${supplied ? "scope:supplied" : "scope:defaults"}${standIns ? `:${standIns.key}` : ""}`;
  const cached = ctx.memo.get(key) as Scope | undefined;
  if (cached) return cached;
  const varCache = new Map<string, V>();
  const localCache = new Map<string, V>();
  const inProgress = new Set<string>();
  const scope: Scope = {
    ...(standIns ? { functions: standIns.functions } : {}),
    allVariables: () => objectV(new Map([...ctx.variables.keys()].map((n) => [n, scope.variable(n)]))),
    allLocals: () => objectV(new Map([...ctx.locals.keys()].map((n) => [n, scope.local(n)]))),
    variable: (name) => {
      let v = varCache.get(name);
      if (!v) {
        v = variableValue(ctx, name, supplied ? ctx.supplied : undefined);
        varCache.set(name, v);
      }
      return v;
    },
    local: (name) => {
      const hit = localCache.get(name);
      if (hit) return hit;
      // A cycle (REF-04 reports it) or an undeclared local (REF-01): unknown.
      if (inProgress.has(name)) return DYN;
      const decl = ctx.locals.get(name)?.[0];
      if (!decl?.expr) return DYN;
      inProgress.add(name);
      let v: V;
      try {
        v = evalExpr(decl.expr, scope);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        v = DYN; // Packer fails on this local; the rule that sees why reports it
      }
      inProgress.delete(name);
      localCache.set(name, v);
      return v;
    },
  };
  ctx.memo.set(key, scope);
  return scope;
}

/** The evaluation environment of a context, as plain values (with the typed scope behind it). */
export function makeEnv(ctx: RuleContext, supplied = true): EvalEnv {
  const key = supplied ? "env:supplied" : "env:defaults";
  const cached = ctx.memo.get(key) as EvalEnv | undefined;
  if (cached) return cached;
  const scope = makeScope(ctx, supplied);
  const env: EvalEnv & { [TYPED]: Scope } = {
    variable: (name) => toPlain(scope.variable(name)),
    local: (name) => toPlain(scope.local(name)),
    [TYPED]: scope,
  };
  ctx.memo.set(key, env);
  return env;
}

/** The typed value of an expression: unknown where it is not known, or where Packer would fail. */
export function tryEvaluateTyped(ctx: RuleContext, expr: Expression, supplied = true, standIns?: StandIns): V {
  const key = `${supplied ? "eval:supplied" : "eval:defaults"}${standIns ? `:${standIns.key}` : ""}`;
  let cache = ctx.memo.get(key) as WeakMap<Expression, V> | undefined;
  if (!cache) {
    cache = new WeakMap();
    ctx.memo.set(key, cache);
  }
  const hit = cache.get(expr);
  if (hit) return hit;
  let v: V;
  try {
    v = evalExpr(expr, makeScope(ctx, supplied, standIns));
  } catch {
    // EvalError: Packer fails here, and the rule that sees why reports it. Anything else is
    // the evaluator's own fault, never evidence against the template: unknown either way.
    v = DYN;
  }
  cache.set(expr, v);
  return v;
}

/** The plain value of an expression; UNKNOWN when any part of it is not known (or Packer would fail). */
export function tryEvaluate(ctx: RuleContext, expr: Expression, supplied = true): Value {
  return toPlain(tryEvaluateTyped(ctx, expr, supplied));
}

/** Like tryEvaluate, but a list or object keeps its known parts (UNKNOWN where one is not known). */
export function tryEvaluatePartial(ctx: RuleContext, expr: Expression, supplied = true): Value {
  return toPlain(tryEvaluateTyped(ctx, expr, supplied), true);
}

/**
 * Whether a bool argument may be true: it converts to true (`true`, `"true"`, `"1"`), or its value
 * is not known here and gets the benefit of the doubt.
 */
export function mayBeTrue(ctx: RuleContext, expr: Expression | undefined): boolean {
  if (!expr) return false;
  const v = tryEvaluateTyped(ctx, expr);
  if (v.v === UNKNOWN) return true;
  try {
    const b = convert(v, T_BOOL);
    return b.v === true || b.v === UNKNOWN;
  } catch {
    return false;
  }
}

/** Whether a bool argument is certainly true (the converse of mayBeTrue for a "false" verdict). */
export function isCertainlyTrue(ctx: RuleContext, expr: Expression | undefined): boolean {
  if (!expr) return false;
  const v = tryEvaluateTyped(ctx, expr);
  try {
    return convert(v, T_BOOL).v === true;
  } catch {
    return false;
  }
}

/**
 * Whether a component argument is set as the plugin sees it after decoding (Go's zero values:
 * absent, null, "", [] and {} are unset): true, false, or undefined when its value is not
 * known before the build. A list with unknown items but at least one item is set.
 */
export function argumentSet(ctx: RuleContext, expr: Expression | undefined): boolean | undefined {
  if (!expr) return false;
  const v = tryEvaluatePartial(ctx, expr);
  if (v === UNKNOWN) return undefined;
  if (v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** Whether a bool argument is certainly false (`false`, `"false"`, `"0"`, or computed so). */
export function isCertainlyFalse(ctx: RuleContext, expr: Expression | undefined): boolean {
  if (!expr) return false;
  const v = tryEvaluateTyped(ctx, expr);
  try {
    return convert(v, T_BOOL).v === false;
  } catch {
    return false;
  }
}

/** Why a typed value does not convert to `t` (go-cty's words), or undefined when it does or is not known. */
export function whyNotType(v: V, t: TypeSpec): string | undefined {
  if (v.v === UNKNOWN) return undefined;
  try {
    convert(applyDefaults(v, t), t);
    return undefined;
  } catch (e) {
    if (e instanceof EvalError) return e.message;
    throw e;
  }
}

/** Why a plain value does not conform to `t` (after HCL's conversions), or undefined when it does. */
export function nonConformance(v: Value, t: TypeSpec): string | undefined {
  if (v === null || v === undefined || v === UNKNOWN) return undefined;
  const x = fromPlain(v);
  try {
    convert(applyDefaults(x, t), t);
    return undefined;
  } catch (e) {
    if (e instanceof EvalError) return e.message;
    throw e;
  }
}
