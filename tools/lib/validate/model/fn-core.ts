/**
 * How a function call runs in HCL and go-cty (hclsyntax FunctionCallExpr.Value and
 * function.Function.Call): each argument converted to its parameter's type, then the checks the
 * parameter spec asks for (null, unknown, dynamic type), the return type, and the
 * implementation. The implementations live in fn-*.ts; each is go-cty's, Packer's or
 * go-cty-funcs' function of the same name, run on known values. A function whose result this
 * machine cannot know for certain (the clock, a secret store, the build machine's files) has no
 * implementation: its result is unknown, after the argument checks Packer makes.
 */
import { parseTypeString } from "./convert.ts";
import { convert } from "./cty-convert.ts";
import { NumError, numToInt } from "./cty-number.ts";
import { DYN, EvalError, T_ANY, UNKNOWN, isKnown, isWhollyKnown, numOf, unknownV, type Ty, type V } from "./cty.ts";
import { FUNCTIONS } from "../funcs/table.ts";

export interface ParamFlags {
  allowNull?: boolean;
  allowUnknown?: boolean;
  allowDynamic?: boolean;
}

export interface FnImpl {
  /** Flags of the positional parameters, by index (types come from the function table). */
  params?: ParamFlags[];
  varParam?: ParamFlags;
  /** The return type; a function of the arguments may also reject them (throw EvalError). */
  type?: Ty | ((args: V[]) => Ty);
  /** The implementation, on arguments that passed the checks. Absent: the result is unknown. */
  impl?: (args: V[], ret: Ty) => V;
  /** Why the result is unknown here (for functions without `impl`). */
  unknown?: "impure" | "build-environment" | "not-implemented";
}

/** A function's rejection of its arguments: HCL reports it, so it is certain. */
export function fail(message: string): never {
  throw new EvalError(message);
}

/** A value as a Go int, as the functions read counts and indexes (gocty.FromCtyValue). */
export function goInt(v: V): number | typeof UNKNOWN {
  try {
    const i = numToInt(numOf(v));
    return i === undefined ? UNKNOWN : i;
  } catch (e) {
    if (e instanceof NumError) fail(e.message);
    throw e;
  }
}

const paramTypes = new Map<string, { params: Ty[]; varParam?: Ty }>();

/** The parameter types of a function, from Packer's function table. */
export function signature(name: string): { params: Ty[]; varParam?: Ty } | undefined {
  const cached = paramTypes.get(name);
  if (cached) return cached;
  const sig = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name]! : undefined;
  if (!sig) return undefined;
  const t = (s: string): Ty => parseTypeString(s) ?? T_ANY;
  const out = { params: sig.params.map((p) => t(p.type)), ...(sig.variadic ? { varParam: t(sig.variadic.type) } : {}) };
  paramTypes.set(name, out);
  return out;
}

/** Whether a call with `n` arguments has the count HCL and the function accept. */
export function arityError(name: string, n: number): string | undefined {
  const sig = FUNCTIONS[name];
  if (!sig) return undefined;
  if (n < sig.params.length) return `Function "${name}" expects${sig.variadic ? " at least" : ""} ${sig.params.length} argument(s).`;
  if (!sig.variadic && n > sig.params.length) return `Function "${name}" expects only ${sig.params.length} argument(s).`;
  if (sig.minArgs !== undefined && n < sig.minArgs) return `Function "${name}" needs at least ${sig.minArgs} argument(s).`;
  if (sig.maxArgs !== undefined && n > sig.maxArgs) return `Function "${name}" takes at most ${sig.maxArgs} argument(s).`;
  return undefined;
}

/** HCL's conversion of argument `i` to its parameter's type (EvalError when it cannot convert). */
export function convertArg(name: string, i: number, v: V): V {
  const sig = signature(name);
  if (!sig) return v;
  const t = i < sig.params.length ? sig.params[i]! : (sig.varParam ?? T_ANY);
  return convert(v, t);
}

/**
 * function.Function.Call on converted arguments: the null and dynamic-type checks and the
 * return type first (they raise errors even when other arguments are unknown), then an unknown
 * argument a parameter does not accept makes the result unknown, then the implementation.
 */
export function callImpl(name: string, fn: FnImpl, args: V[]): V {
  const flags = (i: number): ParamFlags => (i < (fn.params?.length ?? signature(name)?.params.length ?? 0) ? (fn.params?.[i] ?? {}) : (fn.varParam ?? {}));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const f = flags(i);
    if (a.v === null && !f.allowNull) fail(`Invalid value for parameter ${i + 1} of ${name}: argument must not be null.`);
    if (a.t.k === "any" && !f.allowDynamic) return DYN;
  }
  const ret = typeof fn.type === "function" ? fn.type(args) : (fn.type ?? T_ANY);
  if (!fn.impl) return unknownV(ret);
  for (let i = 0; i < args.length; i++) if (!isKnown(args[i]!) && !flags(i).allowUnknown) return unknownV(ret);
  return fn.impl(args, ret);
}

/** Whether every argument is wholly known (many functions give up otherwise). */
export const allKnown = (args: V[]): boolean => args.every(isWhollyKnown);
