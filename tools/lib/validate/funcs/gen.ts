/**
 * Generates table.ts: every function Packer's HCL2 evaluation context offers, with its
 * parameters, read from the Go sources of a pinned Packer release and of the modules its go.mod
 * resolves (go-cty's stdlib, go-cty-funcs, HCL's ext packages, go-cty-yaml). Facts only (names,
 * counts, types); no code from those repositories.
 *
 *   npm run gen:funcs        (GEN_FUNCS=write vitest run tools/lib/validate/funcs/gen.test.ts)
 *
 * Sources are bare git repositories laid out as `<owner>+<name>/repo` (what the search tool's
 * `fetch` makes) under $PACKER_PLUGIN_SOURCES, by default `../.mirror` next to the checkout.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { FunctionSig as Sig, Param } from "./sig.ts";
import {
  bodyOpen,
  expressionEnd,
  GoReadError,
  importFor,
  keyedFields,
  matching,
  readPackage,
  spanText,
  splitCommas,
  type FuncDecl,
  type GoFile,
  type Pkg,
  type Span,
  type Tok,
} from "./go.ts";

/** The Packer release the table describes. Bump it, then `npm run gen:funcs`. */
export const PACKER_VERSION = "v1.16.0";
export const PACKER_MODULE = "github.com/hashicorp/packer";

/** Modules whose packages may define functions (any other import is not read). */
export const FUNCTION_MODULES = [
  "github.com/zclconf/go-cty",
  "github.com/hashicorp/go-cty-funcs",
  "github.com/hashicorp/hcl/v2",
  "github.com/zclconf/go-cty-yaml",
];

/**
 * Revisions to read when the one go.mod pins is not in the stored snapshot, with the reason.
 * Key: `<module>@<version>` as go.mod resolves it.
 */
export const FALLBACK_REVS: Record<string, { rev: string; reason: string }> = {
  "github.com/hashicorp/go-cty-funcs@v0.1.1-0.20260703063543-3af2ddd1aaea": {
    rev: "b1e701b79256ad7c70c64eba21f337f1b9d96c06",
    reason:
      "the pinned commit 3af2ddd1aaea is not in the stored snapshot; b1e701b (2026-06-25) is its newest commit, and no .go file outside tests changed there since 2025-12-10",
  },
};

/**
 * Arity facts a Spec does not carry: the Type or Impl function rejects a count the parameters
 * allow, in a way gen.ts cannot read (it reads only `if len(args) ==|<|> N { return ..., err }`).
 */
export const ARITY_OVERRIDES: Record<string, { minArgs?: number; maxArgs?: number; reason: string }> = {
  coalesce: {
    minArgs: 1,
    reason:
      'go-cty-funcs\' CoalesceFunc unifies the argument types; zero types unify to cty.NilType, so coalesce() fails with "all arguments must have the same type"',
  },
};

/** Where Packer builds its function table, and where it evaluates variable defaults. */
const FUNCTIONS_FILE = "hcl2template/functions.go";
const FUNCTIONS_DECL = "Functions";
const VARIABLES_FILE = "hcl2template/types.packer_config.go";
/** The method whose EvalContext evaluates `variable` defaults and `variables {}` values. */
const VARIABLES_DECL = "decodeInputVariables";

const CTY = "github.com/zclconf/go-cty/cty";
const CTY_FUNCTION = "github.com/zclconf/go-cty/cty/function";
const CUSTOMDECODE = "github.com/hashicorp/hcl/v2/ext/customdecode";
const TYPEEXPR = "github.com/hashicorp/hcl/v2/ext/typeexpr";

/** Calls that touch the file system by path. Key: import path; value: function names. */
export const FS_PRIMITIVES: Record<string, string[]> = {
  os: ["Open", "OpenFile", "ReadFile", "Stat", "Lstat", "ReadDir", "DirFS"],
  "io/ioutil": ["ReadFile", "ReadDir"],
  "path/filepath": ["Glob", "Walk", "WalkDir"],
  "github.com/bmatcuk/doublestar": ["Glob"],
  "github.com/bmatcuk/doublestar/v4": ["Glob", "FilepathGlob"],
};

export type { Param, Sig };

export class GenError extends Error {
  override name = "GenError";
}

// ---------------------------------------------------------------------------------------------
// Reading function specs from Go packages.

/** Gives the package at an import path, or undefined when it is not one gen.ts reads. */
export type Loader = (importPath: string) => Pkg | undefined;

interface Where {
  pkg: Pkg;
  file: GoFile;
}

/** A `function.Spec{...}` literal found by following an expression. */
export interface FoundSpec extends Where {
  fields: Map<string, Span>;
  /** The function whose `return` built the spec (a maker such as MakeFileFunc), if any. */
  maker?: FuncDecl;
}

function at(w: Where, s: Span): string {
  return `${w.pkg.importPath} ${w.file.path}:${s.toks[s.start]?.line ?? "?"}`;
}

function loadOrFail(loader: Loader, w: Where, s: Span, alias: string): Pkg {
  const path = importFor(w.file, alias);
  if (!path) throw new GenError(`${at(w, s)}: "${alias}" is not an import of ${w.file.path}`);
  const pkg = loader(path);
  if (!pkg) throw new GenError(`${at(w, s)}: ${path} is not a package gen.ts reads (FUNCTION_MODULES)`);
  return pkg;
}

function fileOf(pkg: Pkg, decl: { file: GoFile }): Where {
  return { pkg, file: decl.file };
}

/** Follows an expression that evaluates to a function.Function to the Spec literal behind it. */
export function findSpec(loader: Loader, w: Where, s: Span, maker?: FuncDecl, depth = 0): FoundSpec {
  if (depth > 12) throw new GenError(`${at(w, s)}: too deep following ${spanText(s)}`);
  const { toks } = s;
  const t = (k: number): Tok | undefined => (s.start + k < s.end ? toks[s.start + k] : undefined);
  // function.New(&function.Spec{...})
  if (t(0)?.kind === "id" && t(1)?.text === "." && t(2)?.text === "New" && t(3)?.text === "(" && importFor(w.file, t(0)!.text) === CTY_FUNCTION) {
    const close = matching(toks, s.start + 3);
    const inner: Span = { toks, start: s.start + 4, end: close };
    let k = inner.start;
    if (toks[k]?.text === "&") k++;
    if (!(toks[k]?.kind === "id" && toks[k + 1]?.text === "." && toks[k + 2]?.text === "Spec" && toks[k + 3]?.text === "{")) {
      throw new GenError(`${at(w, s)}: function.New of something other than a &function.Spec{...} literal: ${spanText(inner)}`);
    }
    const found: FoundSpec = { ...w, fields: keyedFields(toks, k + 3) };
    if (maker) found.maker = maker;
    return found;
  }
  // X (a package-level value of this package)
  if (s.end - s.start === 1 && t(0)?.kind === "id") {
    const v = w.pkg.values.get(t(0)!.text);
    if (!v) throw new GenError(`${at(w, s)}: no package-level value ${t(0)!.text} in ${w.pkg.importPath}`);
    return findSpec(loader, fileOf(w.pkg, v), v.expr, undefined, depth + 1);
  }
  // pkg.X
  if (s.end - s.start === 3 && t(0)?.kind === "id" && t(1)?.text === "." && t(2)?.kind === "id") {
    const pkg = loadOrFail(loader, w, s, t(0)!.text);
    const v = pkg.values.get(t(2)!.text);
    if (!v) throw new GenError(`${at(w, s)}: no package-level value ${t(2)!.text} in ${pkg.importPath}`);
    return findSpec(loader, fileOf(pkg, v), v.expr, undefined, depth + 1);
  }
  // [pkg.]Maker(args): the function's top-level `return` expression
  const call = callee(w, s);
  if (call) {
    const pkg = call.alias ? loadOrFail(loader, w, s, call.alias) : w.pkg;
    const decl = pkg.funcs.get(call.name);
    if (!decl) throw new GenError(`${at(w, s)}: no function ${call.name} in ${pkg.importPath}`);
    const ret = topLevelReturns(decl.body);
    if (ret.length !== 1) throw new GenError(`${at(w, s)}: ${pkg.importPath}.${call.name} has ${ret.length} top-level returns; gen.ts follows exactly one`);
    return findSpec(loader, fileOf(pkg, decl), ret[0]!, decl, depth + 1);
  }
  throw new GenError(`${at(w, s)}: cannot follow ${spanText(s)} to a function.Spec`);
}

/** `F(args)` or `pkg.F(args)` spanning exactly `s`. */
function callee(w: Where, s: Span): { alias?: string; name: string } | undefined {
  const { toks } = s;
  const last = s.end - 1;
  if (toks[last]?.text !== ")") return undefined;
  if (toks[s.start]?.kind !== "id") return undefined;
  if (toks[s.start + 1]?.text === "(" && matching(toks, s.start + 1) === last) return { name: toks[s.start]!.text };
  if (toks[s.start + 1]?.text === "." && toks[s.start + 2]?.kind === "id" && toks[s.start + 3]?.text === "(" && matching(toks, s.start + 3) === last) {
    if (!importFor(w.file, toks[s.start]!.text)) return undefined;
    return { alias: toks[s.start]!.text, name: toks[s.start + 2]!.text };
  }
  return undefined;
}

/** Expressions of the `return` statements directly in a body (not in nested blocks or closures). */
export function topLevelReturns(body: Span): Span[] {
  const out: Span[] = [];
  const { toks } = body;
  for (let i = body.start; i < body.end; i++) {
    const t = toks[i]!;
    if (t.kind === "op" && (t.text === "{" || t.text === "(" || t.text === "[")) {
      i = matching(toks, i);
      continue;
    }
    if (t.kind === "id" && t.text === "return") {
      let end = i + 1;
      while (end < body.end && toks[end]!.line === t.line) {
        if (toks[end]!.kind === "op" && (toks[end]!.text === "{" || toks[end]!.text === "(" || toks[end]!.text === "[")) end = matching(toks, end);
        end++;
      }
      out.push({ toks, start: i + 1, end });
      i = end - 1;
    }
  }
  return out;
}

/** `name := expr` or `name = expr` first assigned in a body (any depth), or a package-level value. */
function localValue(w: Where, name: string, body: Span | undefined): { w: Where; expr: Span } | undefined {
  if (body) {
    const { toks } = body;
    for (let i = body.start; i < body.end - 1; i++) {
      if (toks[i]!.kind === "id" && toks[i]!.text === name && (toks[i + 1]!.text === ":=" || toks[i + 1]!.text === "=") && toks[i - 1]?.text !== ".") {
        return { w, expr: { toks, start: i + 2, end: expressionEnd(toks, i + 2, body.end) } };
      }
    }
  }
  const v = w.pkg.values.get(name);
  return v ? { w: fileOf(w.pkg, v), expr: v.expr } : undefined;
}

interface ReadParam {
  name: string;
  type: string;
  /** "type": takes a type expression; "expr": an unevaluated expression (HCL customdecode). */
  kind?: "type" | "expr";
}

/** Reads Params and VarParam of a found Spec. */
export function readParams(spec: FoundSpec): { params: ReadParam[]; variadic?: ReadParam } {
  const params: ReadParam[] = [];
  const p = spec.fields.get("Params");
  if (p) {
    let s = p;
    let w: Where = spec;
    if (s.end - s.start === 1 && s.toks[s.start]!.kind === "id" && s.toks[s.start]!.text !== "nil") {
      const local = localValue(spec, s.toks[s.start]!.text, spec.maker?.body);
      if (!local) throw new GenError(`${at(spec, s)}: cannot find the value of Params: ${spanText(s)}`);
      s = local.expr;
      w = local.w;
    }
    if (!(s.end - s.start === 1 && s.toks[s.start]!.text === "nil")) {
      const { toks } = s;
      if (!(
        toks[s.start]?.text === "[" &&
        toks[s.start + 1]?.text === "]" &&
        isParameterType(w, { toks, start: s.start + 2, end: s.start + 5 }) &&
        toks[s.start + 5]?.text === "{"
      )) {
        throw new GenError(`${at(w, s)}: Params is not a []function.Parameter{...} literal: ${spanText(s)}`);
      }
      const close = matching(toks, s.start + 5);
      if (close !== s.end - 1) throw new GenError(`${at(w, s)}: unexpected tokens after Params literal: ${spanText(s)}`);
      for (const el of splitCommas({ toks, start: s.start + 6, end: close })) params.push(readParam(w, el));
    }
  }
  const v = spec.fields.get("VarParam");
  if (v && !(v.end - v.start === 1 && v.toks[v.start]!.text === "nil")) {
    const variadic = readParam(spec, v);
    return { params, variadic };
  }
  return { params };
}

function isParameterType(w: Where, s: Span): boolean {
  const { toks } = s;
  return (
    toks[s.start]?.kind === "id" &&
    toks[s.start + 1]?.text === "." &&
    toks[s.start + 2]?.text === "Parameter" &&
    importFor(w.file, toks[s.start]!.text) === CTY_FUNCTION
  );
}

/** `{...}`, `function.Parameter{...}` or `&function.Parameter{...}`. */
function readParam(w: Where, s: Span): ReadParam {
  const { toks } = s;
  let k = s.start;
  if (toks[k]?.text === "&") k++;
  if (isParameterType(w, { toks, start: k, end: k + 3 })) k += 3;
  if (toks[k]?.text !== "{" || matching(toks, k) !== s.end - 1)
    throw new GenError(`${at(w, s)}: a parameter that is not a function.Parameter{...} literal: ${spanText(s)}`);
  const fields = keyedFields(toks, k);
  const name = fields.get("Name");
  if (!name || name.end - name.start !== 1 || toks[name.start]!.kind !== "str")
    throw new GenError(`${at(w, s)}: a parameter without a string Name: ${spanText(s)}`);
  const type = fields.get("Type");
  if (!type) throw new GenError(`${at(w, s)}: parameter ${toks[name.start]!.text} has no Type`);
  const out: ReadParam = { name: toks[name.start]!.text, type: "any" };
  const special = specialType(w, type);
  if (special) out.kind = special;
  else out.type = hclType(w, type);
  return out;
}

/** HCL's capsule types for arguments that are not values. */
function specialType(w: Where, s: Span): "type" | "expr" | undefined {
  const { toks } = s;
  const qualified =
    s.end - s.start === 3 && toks[s.start + 1]!.text === "." ? { path: importFor(w.file, toks[s.start]!.text), name: toks[s.start + 2]!.text } : undefined;
  const bare = s.end - s.start === 1 ? { path: w.pkg.importPath, name: toks[s.start]!.text } : undefined;
  const ref = qualified ?? bare;
  if (!ref) return undefined;
  if (ref.path === CUSTOMDECODE && ref.name === "ExpressionClosureType") return "expr";
  if (ref.path === TYPEEXPR && ref.name === "TypeConstraintType") return "type";
  return undefined;
}

/** A cty type expression as an HCL type string (`cty.List(cty.String)` -> `list(string)`). */
export function hclType(w: Where, s: Span): string {
  const { toks } = s;
  const ctyId = (k: number): string | undefined => {
    const t = toks[k];
    if (t?.kind !== "id" || toks[k + 1]?.text !== "." || importFor(w.file, t.text) !== CTY) return undefined;
    return toks[k + 2]?.kind === "id" ? toks[k + 2]!.text : undefined;
  };
  const read = (start: number, end: number): string => {
    const name = ctyId(start);
    if (!name) throw new GenError(`${at(w, s)}: not a cty type: ${spanText({ toks, start, end })}`);
    const simple: Record<string, string> = {
      String: "string",
      Number: "number",
      Bool: "bool",
      DynamicPseudoType: "any",
      EmptyObject: "object({})",
      EmptyTuple: "tuple([])",
    };
    if (end - start === 3 && simple[name]) return simple[name];
    const open = start + 3;
    if (toks[open]?.text !== "(" || matching(toks, open) !== end - 1)
      throw new GenError(`${at(w, s)}: not a cty type gen.ts reads: ${spanText({ toks, start, end })}`);
    const inner = { toks, start: open + 1, end: end - 1 };
    const coll: Record<string, string> = { List: "list", Set: "set", Map: "map" };
    if (coll[name]) return `${coll[name]}(${read(inner.start, inner.end)})`;
    if (name === "Tuple" || name === "Object") {
      // cty.Tuple([]cty.Type{A, B}) / cty.Object(map[string]cty.Type{"a": A})
      let k = inner.start;
      while (k < inner.end && toks[k]!.text !== "{") k++;
      const close = k < inner.end ? matching(toks, k) : -1;
      if (close !== inner.end - 1) throw new GenError(`${at(w, s)}: cannot read ${spanText(inner)}`);
      const parts = splitCommas({ toks, start: k + 1, end: close });
      if (name === "Tuple") return `tuple([${parts.map((p) => read(p.start, p.end)).join(", ")}])`;
      const attrs = parts.map((p) => {
        if (toks[p.start]!.kind !== "str" || toks[p.start + 1]!.text !== ":") throw new GenError(`${at(w, s)}: cannot read object attribute ${spanText(p)}`);
        return `${toks[p.start]!.text} = ${read(p.start + 2, p.end)}`;
      });
      attrs.sort();
      return `object({${attrs.join(", ")}})`;
    }
    throw new GenError(`${at(w, s)}: cty type gen.ts does not know: ${spanText({ toks, start, end })}`);
  };
  return read(s.start, s.end);
}

// ---------------------------------------------------------------------------------------------
// Facts beyond the parameters.

/** Whether code reachable from `s` calls an FS_PRIMITIVES function (same-package and loadable calls followed). */
export function touchesFiles(loader: Loader, w: Where, s: Span, seen = new Set<string>()): boolean {
  const { toks } = s;
  for (let i = s.start; i < s.end; i++) {
    const t = toks[i]!;
    if (t.kind !== "id" || toks[i - 1]?.text === ".") continue;
    // pkg.F(
    if (toks[i + 1]?.text === "." && toks[i + 2]?.kind === "id" && toks[i + 3]?.text === "(") {
      const path = importFor(w.file, t.text);
      if (!path) continue;
      const fn = toks[i + 2]!.text;
      if (FS_PRIMITIVES[path]?.includes(fn)) return true;
      const pkg = loader(path);
      const decl = pkg?.funcs.get(fn);
      if (pkg && decl && !seen.has(`${path}.${fn}`)) {
        seen.add(`${path}.${fn}`);
        if (touchesFiles(loader, fileOf(pkg, decl), decl.body, seen)) return true;
      }
      continue;
    }
    // F(
    if (toks[i + 1]?.text === "(") {
      const decl = w.pkg.funcs.get(t.text);
      const key = `${w.pkg.importPath}.${t.text}`;
      if (decl && !seen.has(key)) {
        seen.add(key);
        if (touchesFiles(loader, fileOf(w.pkg, decl), decl.body, seen)) return true;
      }
    }
  }
  return false;
}

/**
 * Argument-count bounds the Type or Impl function enforces beyond the parameters, read from
 * statements at the top of its body (or of a same-package function it hands ARGS to):
 * `if len(X) ==|<|> N { return ..., <error> }` and `switch len(X) { case N: ... default: return
 * ..., <error> }`, where X is ARGS or `X := ARGS[K:]`. Long by design: one pass over those
 * statements with a case per form, sharing what it has read of ARGS so far.
 */
export function countBounds(w: Where, fields: Map<string, Span>): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  const seen = new Set<string>();
  const scan = (where: Where, body: Span, argsName: string): void => {
    const { toks } = body;
    // names counting the arguments from an offset: ARGS itself, and `X := ARGS[N:]`
    const offsets = new Map<string, number>([[argsName, 0]]);
    const lenOf = (k: number): number | undefined =>
      toks[k]?.text === "len" && toks[k + 1]?.text === "(" && toks[k + 3]?.text === ")" ? offsets.get(toks[k + 2]!.text) : undefined;
    for (let i = body.start; i < body.end; i++) {
      const t = toks[i]!;
      // X := ARGS[N:]
      if (
        t.kind === "id" &&
        toks[i + 1]?.text === ":=" &&
        toks[i + 2]?.text === argsName &&
        toks[i + 3]?.text === "[" &&
        toks[i + 4]?.kind === "num" &&
        toks[i + 5]?.text === ":" &&
        toks[i + 6]?.text === "]"
      ) {
        offsets.set(t.text, Number(toks[i + 4]!.text));
        continue;
      }
      // if len(X) OP N { return ..., err }
      const ifOffset = t.text === "if" ? lenOf(i + 1) : undefined;
      if (ifOffset !== undefined && toks[i + 6]?.kind === "num" && toks[i + 7]?.text === "{") {
        const op = toks[i + 5]!.text;
        const n = Number(toks[i + 6]!.text) + ifOffset;
        const close = matching(toks, i + 7);
        if (toks[i + 8]?.text === "return" && returnsError({ toks, start: i + 9, end: close })) {
          if (op === "==" && n === ifOffset) out.min = Math.max(out.min ?? 0, n + 1);
          else if (op === "<") out.min = Math.max(out.min ?? 0, n);
          else if (op === ">") out.max = Math.min(out.max ?? Infinity, n);
        }
        i = close;
        continue;
      }
      // switch len(X) { case 1: ... case 2, 3: ... default: return ..., err }
      const switchOffset = t.text === "switch" ? lenOf(i + 1) : undefined;
      if (switchOffset !== undefined && toks[i + 5]?.text === "{") {
        const close = matching(toks, i + 5);
        const counts: number[] = [];
        let defaultErrs = false;
        for (let k = i + 6; k < close; k++) {
          if (toks[k]!.kind === "op" && toks[k]!.text in { "(": 1, "[": 1, "{": 1 }) {
            k = matching(toks, k);
            continue;
          }
          if (toks[k]!.text === "case") {
            for (k++; k < close && toks[k]!.text !== ":"; k++) if (toks[k]!.kind === "num") counts.push(Number(toks[k]!.text) + switchOffset);
          } else if (toks[k]!.text === "default" && toks[k + 1]?.text === ":" && toks[k + 2]?.text === "return") {
            defaultErrs = returnsError({ toks, start: k + 3, end: close });
          }
        }
        if (defaultErrs && counts.length) {
          const lo = Math.min(...counts);
          const hi = Math.max(...counts);
          if (counts.length !== hi - lo + 1)
            throw new GenError(
              `${at(where, body)}: switch len(${toks[i + 3]!.text}) accepts the counts ${counts.join(", ")}; a range with gaps is not representable`,
            );
          out.min = Math.max(out.min ?? 0, lo);
          out.max = Math.min(out.max ?? Infinity, hi);
        }
        i = close;
        continue;
      }
      // only checks at the top of the function body count, not those nested in loops or branches
      if (t.kind === "op" && t.text === "{") {
        i = matching(toks, i);
        continue;
      }
      // helper(args) / helper(args...)
      if (
        t.kind === "id" &&
        toks[i + 1]?.text === "(" &&
        toks[i - 1]?.text !== "." &&
        toks[i + 2]?.text === argsName &&
        (toks[i + 3]?.text === ")" || toks[i + 3]?.text === "...")
      ) {
        const decl = where.pkg.funcs.get(t.text);
        if (decl && decl.params.length >= 1 && !seen.has(t.text)) {
          seen.add(t.text);
          scan(fileOf(where.pkg, decl), decl.body, decl.params[0]!);
        }
      }
    }
  };
  for (const key of ["Type", "Impl"]) {
    const s = fields.get(key);
    if (!s) continue;
    const { toks } = s;
    // func(args []cty.Value, ...) (...) { ... }
    if (toks[s.start]?.text !== "func" || toks[s.start + 1]?.text !== "(" || toks[s.start + 2]?.kind !== "id") continue;
    const k = bodyOpen(toks, matching(toks, s.start + 1) + 1, s.end);
    if (k >= s.end) continue;
    scan(w, { toks, start: k + 1, end: matching(toks, k) }, toks[s.start + 2]!.text);
  }
  return out;
}

/** Does a `return a, b` (up to the end of its line) return something other than nil last? */
function returnsError(s: Span): boolean {
  const line = s.toks[s.start]?.line;
  let end = s.start;
  while (end < s.end && s.toks[end]!.line === line) end++;
  const parts = splitCommas({ toks: s.toks, start: s.start, end });
  const last = parts[parts.length - 1];
  return parts.length >= 2 && !!last && !(last.end - last.start === 1 && s.toks[last.start]!.text === "nil");
}

// ---------------------------------------------------------------------------------------------
// Packer's function table.

interface Entry {
  name: string;
  /** The map value or assigned expression. */
  expr: Span;
  /** The expression passes the Functions' base-directory parameter. */
  usesBasedir: boolean;
}

/** `"name": expr` entries of the first `map[string]function.Function{...}` literal in a body, plus `m["name"] = expr` statements. */
export function mapEntries(w: Where, body: Span, basedir?: string): Entry[] {
  const { toks } = body;
  const out: Entry[] = [];
  const usesBasedir = (s: Span): boolean => {
    if (!basedir) return false;
    for (let i = s.start; i < s.end; i++) if (toks[i]!.kind === "id" && toks[i]!.text === basedir && toks[i - 1]?.text !== ".") return true;
    return false;
  };
  let mapVar: string | undefined;
  let found = false;
  for (let i = body.start; i < body.end; i++) {
    const t = toks[i]!;
    if (
      !found &&
      t.text === "map" &&
      toks[i + 1]?.text === "[" &&
      toks[i + 2]?.text === "string" &&
      toks[i + 3]?.text === "]" &&
      isFunctionType(w, toks, i + 4) &&
      toks[i + 7]?.text === "{"
    ) {
      found = true;
      if ((toks[i - 1]?.text === ":=" || toks[i - 1]?.text === "=") && toks[i - 2]?.kind === "id") mapVar = toks[i - 2]!.text;
      const close = matching(toks, i + 7);
      for (const part of splitCommas({ toks, start: i + 8, end: close })) {
        const key = toks[part.start]!;
        if (key.kind !== "str" || toks[part.start + 1]?.text !== ":")
          throw new GenError(`${at(w, part)}: a function map entry gen.ts cannot read: ${spanText(part)}`);
        const expr = { toks, start: part.start + 2, end: part.end };
        out.push({ name: key.text, expr, usesBasedir: usesBasedir(expr) });
      }
      i = close;
      continue;
    }
    // funcs["name"] = expr
    if (
      mapVar &&
      t.text === mapVar &&
      toks[i + 1]?.text === "[" &&
      toks[i + 2]?.kind === "str" &&
      toks[i + 3]?.text === "]" &&
      toks[i + 4]?.text === "=" &&
      toks[i + 4]!.kind === "op"
    ) {
      const end = expressionEnd(toks, i + 5, body.end);
      const expr = { toks, start: i + 5, end };
      out.push({ name: toks[i + 2]!.text, expr, usesBasedir: usesBasedir(expr) });
      i = end - 1;
    }
  }
  if (!found) throw new GenError(`${at(w, body)}: no map[string]function.Function{...} literal`);
  return out;
}

function isFunctionType(w: Where, toks: Tok[], k: number): boolean {
  return toks[k]?.kind === "id" && toks[k + 1]?.text === "." && toks[k + 2]?.text === "Function" && importFor(w.file, toks[k]!.text) === CTY_FUNCTION;
}

/** Builds every function's signature from Packer's hcl2template package and the packages it loads. */
export function buildTable(loader: Loader, hcl2template: Pkg, variablesMethod: FuncDecl, overrides = ARITY_OVERRIDES): Map<string, Sig> {
  const decl = hcl2template.funcs.get(FUNCTIONS_DECL);
  if (!decl) throw new GenError(`${hcl2template.importPath}: no func ${FUNCTIONS_DECL}`);
  const w = fileOf(hcl2template, decl);
  const entries = mapEntries(w, decl.body, decl.params[0]);
  const varEntries = mapEntries(fileOf(hcl2template, variablesMethod), variablesMethod.body);
  const table = new Map<string, Sig>();
  const add = (e: Entry, where: Where, variableOnly: boolean): void => {
    const spec = findSpec(loader, where, e.expr);
    const { params, variadic } = readParams(spec);
    const sig: Sig = { params: params.map((p) => ({ name: p.name, type: p.type })) };
    if (variadic) sig.variadic = { name: variadic.name, type: variadic.type };
    const bounds = countBounds(spec, spec.fields);
    const override = overrides[e.name];
    const min = override?.minArgs ?? bounds.min;
    const max = override?.maxArgs ?? bounds.max;
    if (min !== undefined && min > params.length) sig.minArgs = min;
    if (max !== undefined && variadic) sig.maxArgs = max;
    const all = variadic ? [...params, variadic] : params;
    const typeParams = all.flatMap((p, k) => (p.kind === "type" ? [k] : []));
    const exprParams = all.flatMap((p, k) => (p.kind === "expr" ? [k] : []));
    if (typeParams.length) sig.typeParams = typeParams;
    if (exprParams.length) sig.exprParams = exprParams;
    const impl = spec.fields.get("Impl");
    const reads =
      (impl && touchesFiles(loader, spec, impl)) || (spec.maker !== undefined && touchesFiles(loader, fileOf(spec.pkg, spec.maker), spec.maker.body));
    if (reads) {
      sig.readsFile = true;
      if (!e.usesBasedir) sig.pathFromCwd = true;
    }
    if (variableOnly) sig.variableDefaultsOnly = true;
    table.set(e.name, sig);
  };
  for (const e of entries) {
    if (table.has(e.name)) throw new GenError(`function ${e.name} is defined twice`);
    add(e, w, false);
  }
  for (const e of varEntries) {
    if (table.has(e.name)) continue; // also in the full table: not variable-only
    add(e, fileOf(hcl2template, variablesMethod), true);
  }
  for (const name of Object.keys(overrides)) if (!table.has(name)) throw new GenError(`ARITY_OVERRIDES names ${name}, which Packer does not offer`);
  return new Map([...table.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------
// Modules and sources.

export interface GoMod {
  module: string;
  require: Map<string, string>;
  replace: Map<string, { path: string; version?: string }>;
}

export function parseGoMod(text: string): GoMod {
  const mod: GoMod = { module: "", require: new Map(), replace: new Map() };
  let block: string | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (!line) continue;
    if (block) {
      if (line === ")") {
        block = undefined;
        continue;
      }
      directive(block, line);
      continue;
    }
    const m = /^(\w+)\s*(\()?\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[2]) block = m[1];
    else directive(m[1]!, m[3]!);
  }
  function directive(kind: string, rest: string): void {
    const f = rest.split(/\s+/).filter(Boolean);
    if (kind === "module") mod.module = f[0]!.replace(/"/g, "");
    else if (kind === "require" && f.length >= 2) mod.require.set(f[0]!, f[1]!);
    else if (kind === "replace") {
      const arrow = f.indexOf("=>");
      if (arrow < 1) return;
      const to = { path: f[arrow + 1]!, ...(f[arrow + 2] ? { version: f[arrow + 2]! } : {}) };
      mod.replace.set(f[0]!, to); // `old [version] => new [version]`; versioned-left replaces are rare, treated alike
    }
  }
  return mod;
}

/** The git revision a module version names: a pseudo-version's commit, else the tag. */
export function revOfVersion(version: string): { commit: string } | { tag: string } {
  const v = version.replace(/\+incompatible$/, "");
  const m = /^v\d+\.\d+\.\d+-(?:[0-9A-Za-z.-]*\.)?\d{14}-([0-9a-f]{12})$/.exec(v);
  return m ? { commit: m[1]! } : { tag: v };
}

/** github.com/o/n[/sub][/vN] -> repository o/n and the directories the module may live in. */
export function repoOfModule(modPath: string): { repo: string; dirs: string[] } {
  const parts = modPath.split("/");
  if (parts[0] !== "github.com" || parts.length < 3) throw new GenError(`module ${modPath} is not on GitHub; gen.ts reads only github.com modules`);
  const repo = `${parts[1]}/${parts[2]}`;
  const rest = parts.slice(3);
  const last = rest[rest.length - 1];
  if (last && /^v\d+$/.test(last)) return { repo, dirs: [rest.join("/"), rest.slice(0, -1).join("/")] };
  return { repo, dirs: [rest.join("/")] };
}

export class GitRepo {
  readonly gitDir: string;
  constructor(gitDir: string) {
    this.gitDir = gitDir;
  }
  private git(args: string[]): string {
    return execFileSync("git", ["--git-dir", this.gitDir, ...args], { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] });
  }
  /** The full commit id of a revision, or undefined when the snapshot lacks it. */
  commit(rev: string): string | undefined {
    try {
      return this.git(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]).trim() || undefined;
    } catch {
      return undefined;
    }
  }
  tags(): string[] {
    return this.git(["tag", "--list"]).split("\n").filter(Boolean);
  }
  /** Names of the files directly in `dir` ("" for the root). */
  list(commit: string, dir: string): string[] {
    const out = this.git(["ls-tree", "--name-only", `${commit}:${dir}`]);
    return out.split("\n").filter(Boolean);
  }
  has(commit: string, path: string): boolean {
    try {
      this.git(["cat-file", "-e", `${commit}:${path}`]);
      return true;
    } catch {
      return false;
    }
  }
  show(commit: string, path: string): string {
    return this.git(["show", `${commit}:${path}`]);
  }
}

/** Where sources are: $PACKER_PLUGIN_SOURCES, else ../.mirror next to the checkout. */
export function sourcesRoot(env: NodeJS.ProcessEnv = process.env): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
  return env["PACKER_PLUGIN_SOURCES"] ? resolve(env["PACKER_PLUGIN_SOURCES"]) : resolve(repoRoot, "../.mirror");
}

export function repoDir(root: string, repo: string): string {
  return join(root, repo.replace("/", "+"), "repo");
}

/** A module as read: what go.mod asks for and what was read. */
export interface ModuleUse {
  module: string;
  version: string;
  replacedBy?: string;
  repo: string;
  commit: string;
  fallback?: string;
}

/** The repositories gen.ts needs that are not under `root` (empty when all are there). */
export function missingSources(root: string): string[] {
  if (!existsSync(repoDir(root, "hashicorp/packer"))) return ["hashicorp/packer"];
  const packer = new GitRepo(repoDir(root, "hashicorp/packer"));
  const commit = packer.commit(PACKER_VERSION);
  if (!commit) return [`hashicorp/packer@${PACKER_VERSION}`];
  const gomod = parseGoMod(packer.show(commit, "go.mod"));
  const missing: string[] = [];
  for (const mod of FUNCTION_MODULES) {
    const to = gomod.replace.get(mod);
    const { repo } = repoOfModule(to?.path ?? mod);
    if (!existsSync(repoDir(root, repo))) missing.push(repo);
  }
  return missing;
}

/** Release tags (vX.Y.Z) of Packer under `root` newer than PACKER_VERSION. */
export function newerPackerReleases(root: string): string[] {
  const parse = (v: string): number[] => v.slice(1).split(".").map(Number);
  const newer = (a: number[], b: number[]): boolean => {
    for (let k = 0; k < 3; k++) if (a[k]! !== b[k]!) return a[k]! > b[k]!;
    return false;
  };
  const pinned = parse(PACKER_VERSION);
  return new GitRepo(repoDir(root, "hashicorp/packer"))
    .tags()
    .filter((t) => /^v\d+\.\d+\.\d+$/.test(t) && newer(parse(t), pinned))
    .sort((a, b) => (newer(parse(a), parse(b)) ? 1 : -1));
}

export interface Generated {
  table: Map<string, Sig>;
  modules: ModuleUse[];
  text: string;
}

/**
 * Reads the sources under `root` and renders table.ts. Long because it follows Packer's go.mod to
 * each dependency in turn (go-cty, go-cty-funcs, hcl, go-cty-yaml), each step feeding the next.
 */
export function generate(root: string): Generated {
  const packerRepo = new GitRepo(repoDir(root, "hashicorp/packer"));
  const packerCommit = packerRepo.commit(PACKER_VERSION);
  if (!packerCommit) throw new GenError(`hashicorp/packer has no tag ${PACKER_VERSION} in ${packerRepo.gitDir}`);
  const gomod = parseGoMod(packerRepo.show(packerCommit, "go.mod"));
  if (gomod.module !== PACKER_MODULE) throw new GenError(`go.mod of ${PACKER_VERSION} is module ${gomod.module}`);

  const modules = new Map<string, ModuleUse & { git: GitRepo; dir: string }>();
  const moduleFor = (importPath: string): (ModuleUse & { git: GitRepo; dir: string }) | undefined => {
    const mod = [PACKER_MODULE, ...FUNCTION_MODULES].filter((m) => importPath === m || importPath.startsWith(`${m}/`)).sort((a, b) => b.length - a.length)[0];
    if (!mod) return undefined;
    const known = modules.get(mod);
    if (known) return known;
    if (mod === PACKER_MODULE) {
      const use = { module: mod, version: PACKER_VERSION, repo: "hashicorp/packer", commit: packerCommit, git: packerRepo, dir: "" };
      modules.set(mod, use);
      return use;
    }
    const version = gomod.require.get(mod);
    if (!version) throw new GenError(`go.mod of packer ${PACKER_VERSION} does not require ${mod}`);
    const to = gomod.replace.get(mod);
    if (to && !to.version) throw new GenError(`go.mod replaces ${mod} with a local directory ${to.path}`);
    const path = to?.path ?? mod;
    const ver = to?.version ?? version;
    const { repo, dirs } = repoOfModule(path);
    const gitDir = repoDir(root, repo);
    if (!existsSync(gitDir)) throw new GenError(`${repo} is not under ${root} (fetch github:${repo})`);
    const git = new GitRepo(gitDir);
    const rev = revOfVersion(ver);
    let commit: string | undefined;
    if ("commit" in rev) commit = git.commit(rev.commit);
    else for (const d of ["", ...dirs.filter(Boolean)]) commit ??= git.commit(d ? `${d}/${rev.tag}` : rev.tag);
    let fallback: string | undefined;
    if (!commit) {
      const fb = FALLBACK_REVS[`${path}@${ver}`];
      if (!fb)
        throw new GenError(`${repo} has no revision for ${path}@${ver} in ${gitDir}; fetch github:${repo} again, or add a FALLBACK_REVS entry with the reason`);
      commit = git.commit(fb.rev);
      if (!commit) throw new GenError(`${repo} has neither ${path}@${ver} nor the fallback ${fb.rev}`);
      fallback = commit;
    }
    const dir = dirs.find((d) => git.has(commit, d ? `${d}/go.mod` : "go.mod"));
    if (dir === undefined) throw new GenError(`${repo}@${commit}: no go.mod for ${path}`);
    const use: ModuleUse & { git: GitRepo; dir: string } = { module: mod, version, repo, commit, git, dir };
    if (to) use.replacedBy = `${to.path} ${to.version}`;
    if (fallback) use.fallback = fallback;
    modules.set(mod, use);
    return use;
  };

  const pkgs = new Map<string, Pkg | undefined>();
  const loader: Loader = (importPath) => {
    if (pkgs.has(importPath)) return pkgs.get(importPath);
    const mod = moduleFor(importPath);
    let pkg: Pkg | undefined;
    if (mod) {
      const rel = importPath.slice(mod.module.length).replace(/^\//, "");
      const dir = [mod.dir, rel].filter(Boolean).join("/");
      const names = mod.git.list(mod.commit, dir).filter((n) => n.endsWith(".go") && !n.endsWith("_test.go"));
      const files = names.map((n) => {
        const path = dir ? `${dir}/${n}` : n;
        return { path, src: mod.git.show(mod.commit, path) };
      });
      try {
        pkg = readPackage(
          importPath,
          files.filter((f) => !hasIgnoreBuildTag(f.src)),
        );
      } catch (error) {
        if (error instanceof GoReadError) throw new GenError(`${importPath} (${mod.repo}@${mod.commit.slice(0, 12)}): ${error.message}`);
        throw error;
      }
    }
    pkgs.set(importPath, pkg);
    return pkg;
  };

  const hcl2template = loader(`${PACKER_MODULE}/hcl2template`)!;
  if (!hcl2template.files.some((f) => f.path === FUNCTIONS_FILE)) throw new GenError(`${PACKER_VERSION} has no ${FUNCTIONS_FILE}`);
  const variablesMethod = methodIn(hcl2template, VARIABLES_FILE, VARIABLES_DECL);
  const table = buildTable(loader, hcl2template, variablesMethod);
  const used = [...modules.values()].filter((m) => m.module !== PACKER_MODULE).sort((a, b) => (a.module < b.module ? -1 : 1));
  const plain: ModuleUse[] = used.map(({ git: _g, dir: _d, ...rest }) => rest);
  return { table, modules: plain, text: renderTable(table, header(plain)) };
}

/** `//go:build ignore` files (generators) are not part of the package. */
function hasIgnoreBuildTag(src: string): boolean {
  return /^\/\/go:build\s+ignore\b/m.test(src.slice(0, 2000)) || /^\/\/ \+build\s+ignore\b/m.test(src.slice(0, 2000));
}

/** A method is not in Pkg.funcs; find `func (recv) name(...) {` in one file and read its body. */
function methodIn(pkg: Pkg, path: string, name: string): FuncDecl {
  const file = pkg.files.find((f) => f.path === path);
  if (!file) throw new GenError(`${pkg.importPath}: no file ${path}`);
  const { toks } = file;
  for (let i = 0; i < toks.length - 3; i++) {
    if (toks[i]!.text !== "func" || toks[i + 1]!.text !== "(") continue;
    const recvClose = matching(toks, i + 1);
    if (toks[recvClose + 1]?.text !== name || toks[recvClose + 2]?.text !== "(") continue;
    const k = bodyOpen(toks, matching(toks, recvClose + 2) + 1);
    return { file, name, params: [], body: { toks, start: k + 1, end: matching(toks, k) } };
  }
  throw new GenError(`${path}: no method ${name}`);
}

function shortName(module: string): string {
  const parts = module.split("/");
  const last = parts[parts.length - 1]!;
  return /^v\d+$/.test(last) ? parts[parts.length - 2]! : last;
}

export function header(modules: ModuleUse[]): string {
  const deps = modules.map((m) => {
    let s = `${shortName(m.module)} ${m.version}`;
    if (m.replacedBy) s += ` replaced by ${m.replacedBy}`;
    if (m.fallback) s += ` read at ${m.fallback.slice(0, 12)}`;
    return s;
  });
  return `// Generated by tools/lib/validate/funcs/gen.ts from ${PACKER_MODULE} ${PACKER_VERSION} (${deps.join(", ")}); do not edit.`;
}

const DOC = `/**
 * Every function Packer's HCL2 evaluation context offers, with its parameters as HCL types
 * (\`any\` for cty.DynamicPseudoType).
 *
 * - A call needs at least \`minArgs ?? params.length\` arguments and, with \`variadic\`, at most
 *   \`maxArgs\` (unbounded when absent); without \`variadic\`, exactly \`params.length\`. HCL checks
 *   only the parameters ("Not enough function arguments" / "Too many function arguments");
 *   \`minArgs\`/\`maxArgs\` are what the function itself rejects when called.
 * - \`typeParams\` / \`exprParams\`: argument positions that take a type expression (convert's
 *   second) or an unevaluated expression (try, can). Index \`params.length\` stands for every
 *   variadic argument.
 * - \`readsFile\`: the function reads the file system at the path given as its first argument;
 *   relative to the template's directory (the path given to packer, or its directory if a
 *   file), or with \`pathFromCwd\` to the working directory.
 * - \`variableDefaultsOnly\`: not in the general table; only \`variable\` defaults and
 *   \`variables {}\` values can call it, and they can call no other function.
 */`;

function q(s: string): string {
  return JSON.stringify(s);
}

function renderParam(p: Param): string {
  return `{ name: ${q(p.name)}, type: ${q(p.type)} }`;
}

export function renderSig(sig: Sig): string {
  const parts = [`params: [${sig.params.map(renderParam).join(", ")}]`];
  if (sig.variadic) parts.push(`variadic: ${renderParam(sig.variadic)}`);
  if (sig.minArgs !== undefined) parts.push(`minArgs: ${sig.minArgs}`);
  if (sig.maxArgs !== undefined) parts.push(`maxArgs: ${sig.maxArgs}`);
  if (sig.typeParams) parts.push(`typeParams: [${sig.typeParams.join(", ")}]`);
  if (sig.exprParams) parts.push(`exprParams: [${sig.exprParams.join(", ")}]`);
  if (sig.readsFile) parts.push("readsFile: true");
  if (sig.pathFromCwd) parts.push("pathFromCwd: true");
  if (sig.variableDefaultsOnly) parts.push("variableDefaultsOnly: true");
  return `{ ${parts.join(", ")} }`;
}

export function renderTable(table: Map<string, Sig>, headerLine: string): string {
  const lines = [
    headerLine,
    "",
    'import type { FunctionSig } from "./sig.ts";',
    "",
    DOC,
    "export const FUNCTIONS: Record<string, FunctionSig> = {",
    ...[...table.entries()].map(([name, sig]) => `  ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : q(name)}: ${renderSig(sig)},`),
    "};",
    "",
  ];
  return lines.join("\n");
}
