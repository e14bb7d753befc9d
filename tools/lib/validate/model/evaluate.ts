/**
 * The evaluator: HCL expressions evaluated as hclsyntax and go-cty evaluate them, on typed values
 * (cty.ts) with unknown as a value. What cannot be known before the build (a data source's
 * result, an unset variable, the clock, a reference an error is already reported for) is
 * unknown, and unknown propagates through every operator, function, conditional, `for` and
 * splat the way go-cty propagates it. EvalError is raised only where Packer would report an
 * error for certain, so `can()` and `try()` see the errors Packer sees.
 *
 * Rules read values through values.ts (tryEvaluate) as plain JavaScript values; `evaluate` here
 * does the same for a caller-made environment.
 */
import { type Expression, type ForExpr, type SplatExpr, type TemplatePart, type TraversalStep } from "../../hcl/ast.ts";
import { convert, unify } from "./cty-convert.ts";
import { NumError, numAdd, numCmp, numDiv, numMod, numMul, numNeg, numSub, parseNum } from "./cty-number.ts";
import {
  DYN,
  EvalError,
  FALSE,
  T_ANY,
  T_BOOL,
  T_NUMBER,
  T_STRING,
  TRUE,
  UNKNOWN,
  attrs,
  boolV,
  elems,
  equals,
  fromPlain,
  isWhollyKnown,
  listV,
  nullV,
  numOf,
  numV,
  objectV,
  str,
  strV,
  toPlain,
  tupleV,
  typeEquals,
  unknownV,
  type Ty,
  type V,
} from "./cty.ts";
import { arityError, callImpl, convertArg } from "./fn-core.ts";
import { FUNCTION_IMPLS, VOLATILE_FUNCTIONS } from "./functions.ts";
import { getAttr, index } from "./traverse.ts";
import { parseType } from "./type-expr.ts";

export { EvalError, UNKNOWN, VOLATILE_FUNCTIONS };
export type Value = unknown;

/** An evaluation environment with plain values (what callers outside the model make). */
export interface EvalEnv {
  variable: (name: string) => Value;
  local: (name: string) => Value;
  /** Iterator variables bound by enclosing `for` expressions. */
  scope?: ReadonlyMap<string, Value>;
}

/** The typed environment the evaluator runs in. */
export interface Scope {
  variable(name: string): V;
  local(name: string): V;
  /** Evaluating a variable's default: nothing may be referenced and only env() called. */
  defaultsOnly?: boolean;
  /** A var file or a -var expression (no evaluation context): a reference or a call is an error. */
  literal?: boolean;
  /** Iterator variables of enclosing `for` expressions and splats. */
  iter?: ReadonlyMap<string, V>;
  /** Bare `var` and `local`: the object of every variable or local (Packer's evaluation context). */
  allVariables?: () => V;
  allLocals?: () => V;
  /** Stand-ins for functions whose result is unknown here (a sample clock reading, for a what-if). */
  functions?: ReadonlyMap<string, (args: V[]) => V>;
}

/** Where makeEnv (values.ts) keeps the typed scope behind the plain environment it returns. */
export const TYPED: unique symbol = Symbol("typed scope");
type TypedEnv = EvalEnv & { [TYPED]?: Scope };

export function scopeOf(env: EvalEnv): Scope {
  const typed = (env as TypedEnv)[TYPED];
  if (typed) return typed;
  return {
    variable: (n) => fromPlain(env.variable(n)),
    local: (n) => fromPlain(env.local(n)),
    ...(env.scope ? { iter: new Map([...env.scope].map(([k, v]) => [k, fromPlain(v)])) } : {}),
  };
}

/** Deeper than this, an expression is unknown rather than a risk to the stack. */
const MAX_DEPTH = 200;

/** Evaluate `expr` as a plain value (UNKNOWN when any part is unknown); EvalError where Packer fails. */
export function evaluate(expr: Expression, env: EvalEnv): Value {
  return toPlain(evalExpr(expr, scopeOf(env)));
}

/** Evaluate `expr` to a typed value; EvalError where Packer fails for certain. */
export function evalExpr(expr: Expression, scope: Scope, depth = 0): V {
  if (depth > MAX_DEPTH) return DYN;
  try {
    return evalNode(expr, scope, depth + 1);
  } catch (e) {
    if (e instanceof NumError) throw new EvalError(e.message);
    if (e instanceof RangeError) return DYN; // a stack too deep for this machine, not an error of the template
    throw e;
  }
}

/** The value, or the error HCL would report for it (kept, since some results drop it). */
function attempt(expr: Expression, scope: Scope, depth: number): { v: V; err?: EvalError } {
  try {
    return { v: evalExpr(expr, scope, depth) };
  } catch (e) {
    if (e instanceof EvalError) return { v: DYN, err: e };
    throw e;
  }
}

function evalNode(expr: Expression, scope: Scope, depth: number): V {
  const ev = (e: Expression, s: Scope = scope) => evalExpr(e, s, depth);
  switch (expr.kind) {
    case "Literal":
      if (typeof expr.value === "number") return numV(parseNum(expr.raw) ?? { n: expr.value });
      return expr.value === null ? nullV(T_ANY) : boolV(expr.value);
    case "Template":
      return evalTemplate(expr.parts, scope, depth, true);
    case "Parens":
      return ev(expr.expr);
    case "Tuple":
      return tupleV(expr.items.map((it) => ev(it)));
    case "Object":
      return evalObject(expr, scope, depth);
    case "ScopeTraversal":
      return evalTraversal(expr.root, expr.steps, scope, depth);
    case "GetAttr":
      return getAttr(ev(expr.source), expr.name);
    case "Index": {
      const coll = ev(expr.source);
      return index(coll, ev(expr.key));
    }
    case "Splat":
      return evalSplat(expr, scope, depth);
    case "Conditional":
      return evalConditional(expr.cond, expr.trueExpr, expr.falseExpr, scope, depth);
    case "UnaryOp": {
      const v = convertOperand(ev(expr.operand), expr.op === "-" ? T_NUMBER : T_BOOL, "unary");
      if (v.v === null) throw new EvalError("Invalid operand: argument must not be null.");
      if (v.v === UNKNOWN) return unknownV(v.t);
      return expr.op === "-" ? numV(numNeg(numOf(v))) : boolV(!v.v);
    }
    case "BinaryOp":
      return evalBinary(expr.op, expr.left, expr.right, scope, depth);
    case "FunctionCall":
      return evalCall(expr, scope, depth);
    case "For":
      return evalFor(expr, scope, depth);
    default:
      return DYN;
  }
}

function evalObject(expr: Extract<Expression, { kind: "Object" }>, scope: Scope, depth: number): V {
  const out = new Map<string, V>();
  let known = true;
  for (const it of expr.items) {
    let key: V;
    if (it.bareKey) key = evalExpr(it.key, scope, depth);
    else if (it.key.kind === "ScopeTraversal" && it.key.steps.length > 0) {
      throw new EvalError("Ambiguous attribute key: wrap a reference in parentheses, or a name containing periods in quotes.");
    } else key = evalExpr(it.key, scope, depth);
    const val = evalExpr(it.value, scope, depth);
    if (key.v === null) throw new EvalError("Null value as key: can't use a null value as a key.");
    const k = convert(key, T_STRING);
    if (k.v === UNKNOWN) {
      known = false;
      continue;
    }
    out.set(str(k), val);
  }
  return known ? objectV(out) : DYN;
}

/** var.NAME, local.NAME, an iterator, or a root Packer fills in at build time (unknown). */
function evalTraversal(root: string, steps: TraversalStep[], scope: Scope, depth: number): V {
  let v: V;
  let rest = steps;
  const iter = scope.iter?.get(root);
  if (iter) v = iter;
  else if (scope.literal) throw new EvalError("Variables not allowed: variables may not be used here.");
  else if (root === "var" || root === "local") {
    const first = steps[0];
    let name: string | undefined;
    if (first?.kind === "GetAttrStep") name = first.name;
    else if (first?.kind === "IndexStep") {
      const k = evalExpr(first.key, scope, depth);
      if (k.t.k === "string" && typeof k.v === "string") name = k.v;
    }
    // Nothing may be referenced from a variable's default (REF-02 reports it).
    if (scope.defaultsOnly) return DYN;
    if (name === undefined) {
      v = (root === "var" ? scope.allVariables?.() : scope.allLocals?.()) ?? DYN;
      rest = steps;
    } else {
      v = root === "var" ? scope.variable(name) : scope.local(name);
      rest = steps.slice(1);
    }
  } else return DYN;
  for (const step of rest) {
    if (v.t.k === "any" && v.v === UNKNOWN) return DYN;
    if (step.kind === "GetAttrStep") v = getAttr(v, step.name);
    else if (step.kind === "LegacyIndexStep") v = index(v, numV(parseNum(String(step.index))!));
    else v = index(v, evalExpr(step.key, scope, depth));
  }
  return v;
}

function convertOperand(v: V, t: Ty, side: string): V {
  try {
    return convert(v, t);
  } catch (e) {
    if (e instanceof EvalError) throw new EvalError(`Invalid operand: unsuitable value for ${side} operand: ${e.message}.`);
    throw e;
  }
}

const UNKNOWN_BOOL = unknownV(T_BOOL);

function evalBinary(op: string, left: Expression, right: Expression, scope: Scope, depth: number): V {
  const paramT = op === "==" || op === "!=" ? T_ANY : op === "&&" || op === "||" ? T_BOOL : T_NUMBER;
  const l = attempt(left, scope, depth);
  const lv = convertOperand(l.v, paramT, "left");
  const r = attempt(right, scope, depth);
  const rv = convertOperand(r.v, paramT, "right");
  if (op === "&&" || op === "||") {
    // HCL's short circuit: a decisive operand wins even when the other one failed.
    const decisive = op === "&&" ? false : true;
    const lk = lv.v !== UNKNOWN;
    const rk = rv.v !== UNKNOWN;
    if (!lk && !rk && !l.err) return UNKNOWN_BOOL;
    if (lk && lv.v === decisive) {
      if (l.err) throw l.err;
      return boolV(decisive);
    }
    if (rk && rv.v === decisive) {
      if (r.err) throw r.err;
      return boolV(decisive);
    }
    if (!lk && rk && rv.v === !decisive) {
      if (l.err) throw l.err;
      return UNKNOWN_BOOL;
    }
    if (!rk && lk && lv.v === !decisive) {
      if (r.err) throw r.err;
      return UNKNOWN_BOOL;
    }
  }
  if (l.err) throw l.err;
  if (r.err) throw r.err;
  if (op === "==" || op === "!=") {
    const eq = equals(lv, rv);
    return eq.v === UNKNOWN || op === "==" ? eq : boolV(!eq.v);
  }
  if (lv.v === null || rv.v === null) throw new EvalError("Invalid operand: argument must not be null.");
  const resultT = op === "&&" || op === "||" || op === "<" || op === "<=" || op === ">" || op === ">=" ? T_BOOL : T_NUMBER;
  if (lv.v === UNKNOWN || rv.v === UNKNOWN) return unknownV(resultT);
  if (op === "&&") return boolV(lv.v === true && rv.v === true);
  if (op === "||") return boolV(lv.v === true || rv.v === true);
  const a = numOf(lv);
  const b = numOf(rv);
  switch (op) {
    case "+":
      return numV(numAdd(a, b));
    case "-":
      return numV(numSub(a, b));
    case "*":
      return numV(numMul(a, b));
    case "/":
      return numV(numDiv(a, b));
    case "%":
      return numV(numMod(a, b));
  }
  const c = numCmp(a, b);
  if (c === undefined) return UNKNOWN_BOOL;
  switch (op) {
    case "<":
      return boolV(c < 0);
    case "<=":
      return boolV(c <= 0);
    case ">":
      return boolV(c > 0);
    default:
      return boolV(c >= 0);
  }
}

const isDynamicNull = (v: V): boolean => v.v === null && v.t.k === "any";

/** HCL's ConditionalExpr: both results evaluated, unified; only the chosen one's errors count. */
function evalConditional(cond: Expression, trueExpr: Expression, falseExpr: Expression, scope: Scope, depth: number): V {
  const t = attempt(trueExpr, scope, depth);
  const f = attempt(falseExpr, scope, depth);
  let resultT: Ty = T_ANY;
  let convT: ((v: V) => V) | undefined;
  let convF: ((v: V) => V) | undefined;
  if (isDynamicNull(t.v)) {
    resultT = f.v.t;
    convT = (v) => convert(v, resultT);
  } else if (isDynamicNull(f.v)) {
    resultT = t.v.t;
    convF = (v) => convert(v, resultT);
  } else if (t.v.t.k !== "any" && f.v.t.k !== "any") {
    const u = unify([t.v.t, f.v.t], true);
    if (!u) throw new EvalError("Inconsistent conditional result types: the true and false result expressions must have consistent types.");
    resultT = u.t;
    [convT, convF] = u.convs;
  }
  const c = evalExpr(cond, scope, depth);
  if (c.v === null) throw new EvalError("Null condition: the condition value is null. Conditions must either be true or false.");
  if (c.v === UNKNOWN) return t.v.v === null && f.v.v === null ? nullV(resultT) : unknownV(resultT);
  let cb: V;
  try {
    cb = convert(c, T_BOOL);
  } catch {
    throw new EvalError("Incorrect condition type: the condition expression must be of type bool.");
  }
  const chosen = cb.v === true ? t : f;
  if (chosen.err) throw chosen.err;
  const conv = cb.v === true ? convT : convF;
  if (!conv) return chosen.v;
  try {
    return conv(chosen.v);
  } catch (e) {
    if (e instanceof EvalError) throw new EvalError(`Inconsistent conditional result types: ${e.message}.`);
    throw e;
  }
}

/** A template: its text, or the value of a lone interpolation (`"${x}"` keeps x's type). */
function evalTemplate(parts: TemplatePart[], scope: Scope, depth: number, wrap: boolean): V {
  if (wrap && parts.length === 1 && parts[0]!.kind === "TemplateInterpolation") return evalExpr(parts[0]!.expr, scope, depth);
  let s = "";
  let known = true;
  for (const p of parts) {
    let v: V;
    if (p.kind === "TemplateLiteral") {
      s += p.value;
      continue;
    }
    if (p.kind === "TemplateInterpolation") v = evalExpr(p.expr, scope, depth);
    else if (p.kind === "TemplateIf") v = evalTemplateIf(p, scope, depth);
    else v = evalTemplateFor(p, scope, depth);
    if (v.v === null)
      throw new EvalError("Invalid template interpolation value: the expression result is null. Cannot include a null value in a string template.");
    if (v.v === UNKNOWN) {
      known = false;
      continue;
    }
    let sv: V;
    try {
      sv = convert(v, T_STRING);
    } catch (e) {
      if (e instanceof EvalError)
        throw new EvalError(`Invalid template interpolation value: cannot include the given value in a string template: ${e.message}.`);
      throw e;
    }
    if (sv.v === UNKNOWN) known = false;
    else s += str(sv);
  }
  return known ? strV(s) : unknownV(T_STRING);
}

function evalTemplateIf(p: Extract<TemplatePart, { kind: "TemplateIf" }>, scope: Scope, depth: number): V {
  const branch = (parts: TemplatePart[] | null): { v: V; err?: EvalError } => {
    try {
      return { v: evalTemplate(parts ?? [], scope, depth, false) };
    } catch (e) {
      if (e instanceof EvalError) return { v: DYN, err: e };
      throw e;
    }
  };
  const t = branch(p.thenParts);
  const f = branch(p.elseParts);
  const c = evalExpr(p.cond, scope, depth);
  if (c.v === null) throw new EvalError("Null condition: the condition value is null.");
  if (c.v === UNKNOWN) return unknownV(T_STRING);
  let cb: V;
  try {
    cb = convert(c, T_BOOL);
  } catch {
    throw new EvalError("Incorrect condition type: the condition expression must be of type bool.");
  }
  const chosen = cb.v === true ? t : f;
  if (chosen.err) throw chosen.err;
  return chosen.v;
}

function evalTemplateFor(p: Extract<TemplatePart, { kind: "TemplateFor" }>, scope: Scope, depth: number): V {
  const r = iterate(evalExpr(p.collection, scope, depth), p.keyVar?.name, p.valueVar.name, scope, (inner) => evalTemplate(p.bodyParts, inner, depth, false));
  if (r === undefined) return unknownV(T_STRING);
  let s = "";
  for (const v of r) {
    if (v.v === UNKNOWN) return unknownV(T_STRING);
    s += str(v);
  }
  return strV(s);
}

/** The bindings of a `for` over a collection; undefined when it is unknown. */
function iterate(coll: V, keyVar: string | undefined, valueVar: string, scope: Scope, each: (inner: Scope) => V): V[] | undefined {
  if (coll.v === null) throw new EvalError("Iteration over null value: a null value cannot be used as the collection in a 'for' expression.");
  if (coll.t.k === "any" || coll.v === UNKNOWN) return undefined;
  return bindings(coll, keyVar, valueVar, scope).map(each);
}

function bindings(coll: V, keyVar: string | undefined, valueVar: string, scope: Scope): Scope[] {
  let pairs: Array<[V, V]>;
  switch (coll.t.k) {
    case "list":
    case "tuple":
      pairs = elems(coll).map((v, i) => [numV(parseNum(String(i))!), v]);
      break;
    case "set":
      pairs = elems(coll).map((v) => [v, v]);
      break;
    case "map":
    case "object":
      pairs = [...attrs(coll)].map(([k, v]) => [strV(k), v]);
      break;
    default:
      throw new EvalError("Iteration over non-iterable value: a value of this type cannot be used as the collection in a 'for' expression.");
  }
  return pairs.map(([k, v]) => {
    const iter = new Map(scope.iter ?? []);
    if (keyVar) iter.set(keyVar, k);
    iter.set(valueVar, v);
    return { ...scope, iter };
  });
}

/** HCL's ForExpr: a tuple keeps the known length of its unknown elements; an unknown key or condition makes the result unknown. */
function evalFor(expr: ForExpr, scope: Scope, depth: number): V {
  const coll = evalExpr(expr.collection, scope, depth);
  if (coll.v === null) throw new EvalError("Iteration over null value: a null value cannot be used as the collection in a 'for' expression.");
  if (coll.t.k === "any" || coll.v === UNKNOWN) return DYN;
  let known = true;
  const tuple: V[] = [];
  const obj = new Map<string, V>();
  const groups = new Map<string, V[]>();
  for (const inner of bindings(coll, expr.keyVar?.name, expr.valueVar.name, scope)) {
    if (expr.condition) {
      const c = evalExpr(expr.condition, inner, depth);
      if (c.v === null) throw new EvalError("Invalid 'for' condition: the value of the 'if' clause must not be null.");
      if (c.v === UNKNOWN) {
        known = false;
        continue;
      }
      let cb: V;
      try {
        cb = convert(c, T_BOOL);
      } catch (e) {
        if (e instanceof EvalError) throw new EvalError(`Invalid 'for' condition: the 'if' clause value is invalid: ${e.message}.`);
        throw e;
      }
      if (cb.v === false) continue;
    }
    if (expr.form === "tuple") {
      tuple.push(evalExpr(expr.valueExpr, inner, depth));
      continue;
    }
    const keyRaw = evalExpr(expr.keyExpr!, inner, depth);
    if (keyRaw.v === null) throw new EvalError("Invalid object key: key expression in 'for' expression must not produce a null value.");
    if (keyRaw.v === UNKNOWN) {
      known = false;
      continue;
    }
    const key = str(convert(keyRaw, T_STRING));
    const val = evalExpr(expr.valueExpr, inner, depth);
    if (expr.grouping) groups.set(key, [...(groups.get(key) ?? []), val]);
    else if (obj.has(key)) throw new EvalError(`Duplicate object key: two different items produced the key "${key}" in this 'for' expression.`);
    else obj.set(key, val);
  }
  if (!known) return DYN;
  if (expr.form === "tuple") return tupleV(tuple);
  if (expr.grouping) for (const [k, vs] of groups) obj.set(k, tupleV(vs));
  return objectV(obj);
}

/** HCL's SplatExpr: the steps applied to each element; a non-sequence becomes a one-element tuple. */
function evalSplat(expr: SplatExpr, scope: Scope, depth: number): V {
  let src = evalExpr(expr.source, scope, depth);
  const t = src.t;
  const upgrade = !(t.k === "tuple" || t.k === "list" || t.k === "set");
  if (src.v === null) {
    if (upgrade) return tupleV([]);
    throw new EvalError("Splat of null value: splat expressions (with the * symbol) cannot be applied to null sequences.");
  }
  if (t.k === "any") return DYN;
  if (upgrade) {
    if (src.v === UNKNOWN) return DYN;
    src = tupleV([src]);
  }
  if (src.v === UNKNOWN) return DYN;
  const apply = (v: V): V => applySteps(v, expr.steps, scope, depth);
  const vals = elems(src).map(apply);
  if (src.t.k === "tuple") return tupleV(vals);
  if (vals.length === 0) return listV(apply(unknownV((src.t as { elem: Ty }).elem)).t, []);
  if (!vals.every((v) => typeEquals(v.t, vals[0]!.t))) {
    throw new EvalError("Invalid nested splat expressions: the second level of splat expression produced elements of different types.");
  }
  return listV(vals[0]!.t, vals);
}

function applySteps(v: V, steps: TraversalStep[], scope: Scope, depth: number): V {
  for (const step of steps) {
    if (step.kind === "GetAttrStep") v = getAttr(v, step.name);
    else if (step.kind === "LegacyIndexStep") v = index(v, numV(parseNum(String(step.index))!));
    else v = index(v, evalExpr(step.key, scope, depth));
  }
  return v;
}

function evalCall(expr: Extract<Expression, { kind: "FunctionCall" }>, scope: Scope, depth: number): V {
  const name = expr.name;
  if (scope.literal) throw new EvalError("Function calls not allowed: functions may not be called here.");
  if (name === "try" || name === "can") return evalTryCan(expr, scope, depth);
  const fn = Object.hasOwn(FUNCTION_IMPLS, name) ? FUNCTION_IMPLS[name] : undefined;
  // A function Packer does not have, or any but env() in a variable default: REF-03 reports it.
  if ((!fn && name !== "convert") || (scope.defaultsOnly && name !== "env") || (!scope.defaultsOnly && name === "env")) return DYN;
  let argExprs = expr.args;
  let args: V[] | undefined;
  if (expr.expandFinal) {
    const last = evalExpr(argExprs[argExprs.length - 1]!, scope, depth);
    if (last.v === null) throw new EvalError("Invalid expanding argument value: the expanding argument (indicated by ...) must not be null.");
    if (last.t.k === "any" || last.v === UNKNOWN) return DYN;
    if (!(last.t.k === "tuple" || last.t.k === "list" || last.t.k === "set")) {
      throw new EvalError("Invalid expanding argument value: the expanding argument (indicated by ...) must be of a tuple, list, or set type.");
    }
    argExprs = argExprs.slice(0, -1);
    args = [...argExprs.map((a) => evalExpr(a, scope, depth)), ...elems(last)];
  }
  if (name === "convert") return evalConvert(expr, scope, depth);
  const n = args ? args.length : argExprs.length;
  const arity = arityError(name, n);
  if (arity) throw new EvalError(`Wrong number of function arguments: ${arity}`);
  const values = args ?? argExprs.map((a) => evalExpr(a, scope, depth));
  const converted = values.map((v, i) => {
    try {
      return convertArg(name, i, v);
    } catch (e) {
      if (e instanceof EvalError) throw new EvalError(`Invalid function argument: invalid value for parameter ${i + 1} of ${name}: ${e.message}.`);
      throw e;
    }
  });
  const stand = scope.functions?.get(name);
  return stand ? stand(converted) : callImpl(name, fn!, converted);
}

/** convert(value, TYPE): the type is an expression HCL reads as a type. */
function evalConvert(expr: Extract<Expression, { kind: "FunctionCall" }>, scope: Scope, depth: number): V {
  if (expr.args.length !== 2 || expr.expandFinal) throw new EvalError(`Wrong number of function arguments: Function "convert" expects 2 argument(s).`);
  const t = parseType(expr.args[1]!);
  const v = evalExpr(expr.args[0]!, scope, depth);
  if (!t) return DYN;
  return convert(v, t);
}

/** tryfunc: try returns the first argument without errors (unknown when it is not wholly known); can says whether the first has none. */
function evalTryCan(expr: Extract<Expression, { kind: "FunctionCall" }>, scope: Scope, depth: number): V {
  if (expr.expandFinal) return DYN;
  if (expr.name === "can") {
    if (expr.args.length !== 1) throw new EvalError(`Wrong number of function arguments: Function "can" expects 1 argument(s).`);
    const r = attempt(expr.args[0]!, scope, depth);
    if (r.err) return FALSE;
    return isWhollyKnown(r.v) ? TRUE : UNKNOWN_BOOL;
  }
  if (expr.args.length === 0) throw new EvalError("Invalid function argument: at least one argument is required.");
  for (const a of expr.args) {
    const r = attempt(a, scope, depth);
    if (r.err) continue;
    return isWhollyKnown(r.v) ? r.v : DYN;
  }
  throw new EvalError("Error in function call: no expression succeeded.");
}

/**
 * Render a template (or any expression) to text for scanning, with `placeholder` where a part
 * is not known. Lists render one item per line.
 */
export function renderLoose(expr: Expression, env: EvalEnv, placeholder = "\u2026"): string {
  const scope = scopeOf(env);
  let v: V;
  try {
    v = evalExpr(expr, scope);
  } catch {
    v = DYN;
  }
  const text = (x: V): string | undefined => {
    if (x.v === UNKNOWN || x.v === null) return undefined;
    if (x.t.k === "string") return str(x);
    if (x.t.k === "number" || x.t.k === "bool") {
      const s = convert(x, T_STRING);
      return s.v === UNKNOWN ? undefined : str(s);
    }
    return undefined;
  };
  const direct = text(v);
  if (direct !== undefined) return direct;
  if (v.v !== UNKNOWN && v.v !== null && (v.t.k === "list" || v.t.k === "tuple" || v.t.k === "set")) {
    return elems(v)
      .map((x) => text(x) ?? placeholder)
      .join("\n");
  }
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
