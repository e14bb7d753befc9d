/**
 * The engine of the components' own checks: evaluates the entries of the check tables
 * (table.ts) against one component's body, as Packer's `Prepare`/`Configure` would see it, and
 * reports the errors Packer would give, with Packer's message.
 *
 * Values are the evaluator's (`tryEvaluate`): an argument whose value cannot be known here makes
 * every entry that reads it say nothing. An unset argument has Go's zero value ("", 0, false, an
 * empty list or map), which is what the plugins' checks compare against; so does an argument set
 * to null, or to a string holding a legacy `{{ }}` template (rendered by Packer, so not known).
 */
import type { Attribute, Block, Body, Expression, Pos } from "../../hcl/ast.ts";
import { UNKNOWN } from "../model/evaluate.ts";
import { nameDependencies } from "../model/naming.ts";
import { tryEvaluate } from "../model/values.ts";
import { scriptPath } from "../rules/utils/provisioners.ts";
import type { BodySchema, PluginTable } from "../rules/utils/components.ts";
import { nestedBody } from "../rules/utils/components.ts";
import type { ParsedFile, Report, RuleContext } from "../types.ts";
import { azureResourceIdError, durationError, goSprintf, isCIDR, isIP, isRFC3339, tunnelError } from "./golike.ts";
import type { Entry, Predicate, Scalar } from "./table.ts";

/** The arguments and blocks of one body Packer decodes, as merged from the places that write it. */
export interface Scope {
  schema: BodySchema;
  /** The schema table the scope's nested defs come from. */
  table: PluginTable;
  /** Where findings about something missing go: the block's label or type. */
  header: { file: ParsedFile; at: Pos };
  attrs: Map<string, { attr: Attribute; file: ParsedFile }>;
  blocks: Map<string, Array<{ block: Block; file: ParsedFile }>>;
  /** Names of blocks some `dynamic` block generates (how many is not known here). */
  dynamic: Set<string>;
  /** The enclosing scope, for `../name` arguments of a nested block's entries. */
  parent?: Scope;
  /** Arguments already read (a scope's entries read the same few many times). */
  memo?: Map<string, Arg>;
  /** Values the component sets before its checks when an argument is unset (docker's communicator). */
  defaults: Record<string, unknown>;
  /** For a nested block: its index among the blocks of its type (Go's index into the list). */
  index?: number;
}

/**
 * A scope from the bodies that write it, in order (a later attribute replaces an earlier one). A
 * `dynamic` block whose `for_each` is a known, non-empty collection counts as one block of its
 * content (values that read its iterator are not known here); one whose `for_each` is not known
 * makes the number of such blocks not known.
 */
export function scopeOf(
  ctx: RuleContext,
  table: PluginTable,
  schema: BodySchema,
  header: Scope["header"],
  bodies: Array<{ body: Body; file: ParsedFile }>,
  skip: readonly string[] = [],
): Scope {
  const s: Scope = { schema, table, header, attrs: new Map(), blocks: new Map(), dynamic: new Set(), defaults: {} };
  const add = (name: string, block: Block, file: ParsedFile): void => {
    const list = s.blocks.get(name) ?? [];
    list.push({ block, file });
    s.blocks.set(name, list);
  };
  for (const { body, file } of bodies) {
    for (const attr of body.attributes) if (!skip.includes(attr.name)) s.attrs.set(attr.name, { attr, file });
    for (const block of body.blocks) {
      const label = block.labels[0];
      if (block.type !== "dynamic" || !label || Object.hasOwn(schema.blocks, "dynamic")) {
        add(block.type, block, file);
        continue;
      }
      const forEach = block.body.attributes.find((a) => a.name === "for_each");
      const v = forEach ? tryEvaluate(ctx, forEach.expr) : UNKNOWN;
      const count = Array.isArray(v) ? v.length : v !== null && typeof v === "object" ? Object.keys(v).length : undefined;
      const content = block.body.blocks.find((c) => c.type === "content");
      if (count === undefined || !content) s.dynamic.add(label.value);
      else if (count > 0) add(label.value, content, file);
    }
  }
  return s;
}

/** The scope of one nested block (or, without `b`, of an absent single block: every argument unset, findings at the parent's header). */
export function blockScope(ctx: RuleContext, parent: Scope, name: string, b?: { block: Block; file: ParsedFile }): Scope | undefined {
  const nb = Object.hasOwn(parent.schema.blocks, name) ? parent.schema.blocks[name]! : undefined;
  const inner = nb ? nestedBody(parent.table, nb) : undefined;
  if (!inner) return undefined;
  const header = b ? { file: b.file, at: b.block.typeRange.start } : parent.header;
  const s = scopeOf(ctx, parent.table, inner, header, b ? [{ body: b.block.body, file: b.file }] : []);
  s.parent = parent;
  return s;
}

/**
 * The scopes of the nested blocks at a dotted path (`fast_launch.region_launch_templates`), each
 * block on its own; undefined when how many there are is not known (a dynamic block).
 */
export function scopesAt(ctx: RuleContext, scope: Scope, path: string): Scope[] | undefined {
  const [first, ...rest] = path.split(".");
  if (scope.dynamic.has(first!)) return undefined;
  const out: Scope[] = [];
  for (const [i, b] of (scope.blocks.get(first!) ?? []).entries()) {
    const inner = blockScope(ctx, scope, first!, b);
    if (!inner) continue;
    inner.index = i;
    if (rest.length === 0) out.push(inner);
    else {
      const deeper = scopesAt(ctx, inner, rest.join("."));
      if (!deeper) return undefined;
      out.push(...deeper);
    }
  }
  return out;
}

/** An argument as the plugin sees it. */
type Arg =
  | { state: "unknown" }
  | { state: "unset"; value: unknown; attr?: { attr: Attribute; file: ParsedFile } }
  | { state: "set"; value: unknown; attr?: { attr: Attribute; file: ParsedFile }; block?: { block: Block; file: ParsedFile }; valueUnknown?: boolean };

/**
 * Whether an expression whose value is not known here is certainly not empty (nor null): a string
 * template with literal text (`"${path.root}/x.sh"`), a list or map written with items.
 */
function nonEmpty(expr: Expression): boolean {
  if (expr.kind === "Template") return expr.parts.some((p) => p.kind === "TemplateLiteral" && p.value !== "");
  if (expr.kind === "Tuple" || expr.kind === "Object") return expr.items.length > 0;
  return false;
}

/**
 * Whether a value comes from a variable (directly, or through locals, functions and conditions).
 * An empty one (null or "", most often a variable's default) is an input the template leaves to
 * the build: a var file, `-var` or PKR_VAR_ at `bazel run` gives it, so that it is missing is not
 * certain: not known here.
 */
function fromVariable(ctx: RuleContext, expr: Expression): boolean {
  return nameDependencies(ctx, expr).vars.size > 0;
}

function zeroOf(type: string | undefined): unknown {
  if (type === undefined) return [];
  if (type === "string") return "";
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (type.startsWith("map(") || type.startsWith("object(")) return {};
  if (type.startsWith("list(") || type.startsWith("set(") || type.startsWith("tuple(")) return [];
  return null;
}

function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

function hasTemplate(v: unknown): boolean {
  if (typeof v === "string") return v.includes("{{");
  if (Array.isArray(v)) return v.some(hasTemplate);
  if (v !== null && typeof v === "object") return Object.values(v).some(hasTemplate);
  return false;
}

/** A value converted to the argument's type as HCL would ("true" to a bool, 5 to "5"); undefined when it does not convert. */
function convert(v: unknown, type: string): unknown {
  if (type === "string") return typeof v === "number" || typeof v === "boolean" ? String(v) : v;
  if (type === "number") return typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v;
  if (type === "bool") return v === "true" ? true : v === "false" ? false : v;
  return v;
}

export class TableError extends Error {
  override name = "TableError";
}

/** The argument `path` (`name`, or `block.name` into a single nested block) of a scope. */
function argOf(ctx: RuleContext, scope: Scope, path: string): Arg {
  // Defaults differ between the groups that share a scope: only the scope's own reads are kept.
  const key = `${path}\0${JSON.stringify(scope.defaults)}`;
  const memo = (scope.memo ??= new Map());
  let a = memo.get(key);
  if (!a) {
    a = readArg(ctx, scope, path);
    memo.set(key, a);
  }
  return a;
}

function readArg(ctx: RuleContext, scope: Scope, path: string): Arg {
  if (path.startsWith("../")) {
    if (!scope.parent) throw new TableError(`"${path}" names the enclosing block, but this scope has none`);
    return argOf(ctx, scope.parent, path.slice(3));
  }
  const dot = path.indexOf(".");
  if (dot > 0) {
    const blockName = path.slice(0, dot);
    if (!Object.hasOwn(scope.schema.blocks, blockName)) return absent();
    if (scope.dynamic.has(blockName)) return { state: "unknown" };
    const blocks = scope.blocks.get(blockName) ?? [];
    if (blocks.length === 0) return argOf(ctx, blockScope(ctx, scope, blockName)!, path.slice(dot + 1));
    if (blocks.length > 1) return { state: "unknown" };
    const inner = blockScope(ctx, scope, blockName, blocks[0]!);
    return inner ? argOf(ctx, inner, path.slice(dot + 1)) : { state: "unknown" };
  }
  if (Object.hasOwn(scope.schema.blocks, path)) {
    const blocks = scope.blocks.get(path) ?? [];
    if (blocks.length > 0) return { state: "set", value: blocks, block: blocks[0]! };
    return scope.dynamic.has(path) ? { state: "unknown" } : { state: "unset", value: [] };
  }
  if (!Object.hasOwn(scope.schema.attrs, path)) return absent();
  const type = scope.schema.attrs[path]!;
  const a = scope.attrs.get(path);
  const unset = (): Arg => (Object.hasOwn(scope.defaults, path) ? { state: "set", value: scope.defaults[path] } : { state: "unset", value: zeroOf(type) });
  if (!a) return unset();
  const raw = tryEvaluate(ctx, a.attr.expr);
  if (raw === UNKNOWN || hasTemplate(raw)) return nonEmpty(a.attr.expr) ? { state: "set", value: UNKNOWN, attr: a, valueUnknown: true } : { state: "unknown" };
  if ((raw === null || raw === "") && fromVariable(ctx, a.attr.expr)) return { state: "unknown" };
  if (raw === null) return unset();
  const value = convert(raw, type);
  if (!isZero(value)) return { state: "set", value, attr: a };
  return Object.hasOwn(scope.defaults, path) ? { state: "set", value: scope.defaults[path] } : { state: "unset", value, attr: a };
}

/**
 * An argument the scope's schema does not have. A table's entries are read from the newest release
 * it lists (table.test.ts checks every name they read against that release's schema); an older
 * release it also lists may lack one (ansible 1.0.4 has no `ansible_proxy_key_type`), which a
 * template that decodes cannot set: the entries that read it say nothing.
 */
function absent(): Arg {
  return { state: "unknown" };
}

/**
 * The values an argument path holds, each with where it is written: a list's elements, a map's
 * keys (`keys`) or values, a scalar; through every block of a dotted path. Undefined when not known.
 */
function valuesOf(ctx: RuleContext, scope: Scope, path: string, keys = false): Array<{ value: unknown; file: ParsedFile; at: Pos }> | undefined {
  if (path.startsWith("../")) return scope.parent ? valuesOf(ctx, scope.parent, path.slice(3), keys) : undefined;
  const dot = path.indexOf(".");
  if (dot > 0) {
    const inner = scopesAt(ctx, scope, path.slice(0, dot));
    if (!inner) return undefined;
    const out: Array<{ value: unknown; file: ParsedFile; at: Pos }> = [];
    for (const s of inner) {
      const v = valuesOf(ctx, s, path.slice(dot + 1), keys);
      if (!v) return undefined;
      out.push(...v);
    }
    return out;
  }
  const a = argOf(ctx, scope, path);
  if (a.state === "unknown" || (a.state === "set" && a.valueUnknown)) return undefined;
  if (a.state === "unset") return [];
  const file = a.attr?.file ?? scope.header.file;
  const expr = a.attr?.attr.expr;
  const whole = expr ? expr.range.start : scope.header.at;
  const v = a.value;
  if (Array.isArray(v)) {
    const items = expr?.kind === "Tuple" && expr.items.length === v.length ? expr.items : undefined;
    return v.map((x, i) => ({ value: x, file, at: items ? items[i]!.range.start : whole }));
  }
  if (v !== null && typeof v === "object") {
    const items = expr?.kind === "Object" ? expr.items : [];
    return Object.entries(v).map(([k, x]) => {
      const item = items.find((it) => (it.key.kind === "Literal" || it.key.kind === "Template" ? String(tryEvaluate(ctx, it.key)) === k : false));
      const where = item ? (keys ? item.key.range.start : item.value.range.start) : whole;
      return { value: keys ? k : x, file, at: where };
    });
  }
  return [{ value: v, file, at: whole }];
}

function names(x: string | string[]): string[] {
  return typeof x === "string" ? [x] : x;
}

function same(a: unknown, b: Scalar, caseInsensitive = false): boolean {
  if (typeof a === "string" && typeof b === "string") return caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
  return a === b;
}

const regexps = new Map<string, RegExp>();
function regexp(pattern: string, caseInsensitive = false): RegExp {
  const key = caseInsensitive ? `(?i)${pattern}` : pattern;
  let re = regexps.get(key);
  if (!re) {
    re = new RegExp(pattern, caseInsensitive ? "iu" : "u");
    regexps.set(key, re);
  }
  return re;
}

/** A predicate's truth, or undefined when it reads a value not known here. */
function holds(ctx: RuleContext, scope: Scope, p: Predicate): boolean | undefined {
  if ("not" in p) {
    const inner = holds(ctx, scope, p.not);
    return inner === undefined ? undefined : !inner;
  }
  if ("any" in p) {
    const each = p.any.map((q) => holds(ctx, scope, q));
    return each.includes(true) ? true : each.includes(undefined) ? undefined : false;
  }
  if ("set" in p || "unset" in p) {
    const args = names("set" in p ? p.set : p.unset).map((n) => argOf(ctx, scope, n));
    if (args.some((a) => a.state === "set")) return "set" in p;
    if (args.some((a) => a.state === "unknown")) return undefined;
    return !("set" in p);
  }
  const a = argOf(ctx, scope, p.arg);
  if (a.state === "unknown" || (a.state === "set" && a.valueUnknown)) return undefined;
  if ("in" in p) return p.in.some((x) => same(a.value, x));
  if ("notIn" in p) return !p.notIn.some((x) => same(a.value, x));
  if ("written" in p) return a.attr !== undefined && p.written.some((x) => same(a.value, x));
  if ("eqArg" in p) {
    const b = argOf(ctx, scope, p.eqArg);
    return b.state === "unknown" || (b.state === "set" && b.valueUnknown) ? undefined : a.value === b.value;
  }
  if ("above" in p) return typeof a.value === "number" && a.value > p.above;
  if ("some" in p) {
    const items = Array.isArray(a.value) ? a.value : a.value !== null && typeof a.value === "object" ? Object.values(a.value) : [];
    return items.some((x) => (p.some === "empty" ? x === "" : typeof x === "string" && x !== ""));
  }
  return typeof a.value === "string" && regexp(p.matches).test(a.value);
}

/** Whether every condition certainly holds (a condition on a value not known here does not). */
export function allHold(ctx: RuleContext, scope: Scope, preds: readonly Predicate[]): boolean {
  return preds.every((p) => holds(ctx, scope, p) === true);
}

/** Where a finding about an argument goes: its value (`value`) or its name; the scope's header when it is not written. */
function placeOf(scope: Scope, a: Arg, value: boolean): { file: ParsedFile; at: Pos } {
  if (a.state === "set" && a.attr) return { file: a.attr.file, at: value ? a.attr.attr.expr.range.start : a.attr.attr.nameRange.start };
  if (a.state === "set" && a.block) return { file: a.block.file, at: a.block.block.typeRange.start };
  return scope.header;
}

interface Finding {
  entry: Entry;
  file: ParsedFile;
  at: Pos;
  value?: unknown;
  /** The argument the finding is about (for entries that check several). */
  name?: string;
  /** The map key of the element checked (`each` over a map). */
  key?: string;
  /** Whether the finding depends on the machine the build runs on (a warning). */
  machine?: boolean;
  /** The index of the list element the finding is about (for `each`). */
  index?: number;
}

/** The elements of a list argument with where each is written (the list's value when its items are not literal); a map's values (or `keys`), each with its key. */
function elements(ctx: RuleContext, a: Arg, keys = false): Array<{ value: unknown; expr?: Expression; key?: string }> {
  if (a.state !== "set") return [];
  const expr = a.attr?.attr.expr;
  const v = a.value;
  if (Array.isArray(v)) {
    if (expr?.kind === "Tuple" && expr.items.length === v.length) return expr.items.map((item, i) => ({ value: v[i], expr: item }));
    return v.map((value) => ({ value }));
  }
  if (v !== null && typeof v === "object") {
    // A map's values, each where its item is written.
    const items = expr?.kind === "Object" ? expr.items : [];
    return Object.entries(v).map(([k, value]) => {
      const item = items.find((it) => String(tryEvaluate(ctx, it.key)) === k);
      const x = keys ? k : value;
      return item ? { value: x, expr: keys ? item.key : item.value, key: k } : { value: x, key: k };
    });
  }
  return [];
}

/** The findings of one entry on one scope (none when a value it needs is not known). */
export function evaluateEntry(ctx: RuleContext, scope: Scope, e: Entry): Finding[] {
  if (e.kind === "not-checkable" || e.kind === "elsewhere") return [];
  if (!allHold(ctx, scope, e.when ?? [])) return [];
  const arg = (n: string): Arg => argOf(ctx, scope, n);
  const at = (a: Arg, value: boolean, v?: unknown): Finding => ({ entry: e, ...placeOf(scope, a, value), ...(v !== undefined ? { value: v } : {}) });
  switch (e.kind) {
    case "required": {
      const list = e.args ?? [e.arg!];
      const all = list.map(arg);
      if (all.some((a) => a.state === "unknown") || !all.every((a) => a.state === "unset")) return [];
      // An argument of a nested block that is written: the finding goes to that block.
      const inBlock = list.find((n) => n.includes(".") && !n.startsWith("../"));
      const blocks = inBlock ? scope.blocks.get(inBlock.split(".")[0]!) : undefined;
      const b = blocks?.[0];
      return [{ entry: e, ...(b ? { file: b.file, at: b.block.typeRange.start } : scope.header) }];
    }
    case "requires": {
      const a = (e.args ?? [e.arg!]).map(arg).find((x) => x.state === "set");
      if (!a) return [];
      const others = e.requires!.map(arg);
      if (others.some((o) => o.state !== "unset")) return [];
      return [at(a, false)];
    }
    case "forbidden": {
      const a = (e.args ?? [e.arg!]).map(arg).find((x) => x.state === "set");
      return a ? [at(a, false)] : [];
    }
    case "atLeastOne":
    case "atMostOne":
    case "exactlyOne":
    case "allOrNone": {
      const all = e.args!.map(arg);
      const set = all.filter((a) => a.state === "set");
      const unknown = all.some((a) => a.state === "unknown");
      if (e.kind !== "atMostOne" && set.length === 0 && !unknown) return e.kind === "allOrNone" ? [] : [{ entry: e, ...scope.header }];
      if (e.kind !== "atLeastOne" && e.kind !== "allOrNone" && set.length > 1) return [at(second(set), false)];
      if (e.kind === "allOrNone" && set.length > 0 && set.length < all.length && !unknown) return [at(set[0]!, false)];
      return [];
    }
    case "subset":
    case "unique":
      return collectionChecks(ctx, scope, e);
    case "order": {
      const a = arg(e.arg!);
      const than = arg(e.than!);
      if (a.state !== "set" || than.state !== "set" || typeof a.value !== "number" || typeof than.value !== "number") return [];
      return a.value > than.value ? [at(a, true, a.value)] : [];
    }
    case "index": {
      // Go's `x >= len(list)`: an unset index is 0, so an empty list rejects it too.
      const a = arg(e.arg!);
      const list = valuesOf(ctx, scope, e.of![0]!);
      if (a.state === "unknown" || (a.state === "set" && a.valueUnknown) || !list || typeof a.value !== "number") return [];
      return a.value >= list.length ? [at(a, true, a.value)] : [];
    }
    case "ratio": {
      const a = arg(e.arg!);
      const per = arg(e.per!);
      if (a.state !== "set" || per.state !== "set" || typeof a.value !== "number" || typeof per.value !== "number") return [];
      return Math.trunc(a.value / per.value) > e.max! ? [at(a, true, a.value)] : [];
    }
    default:
      return valueChecks(ctx, scope, e);
  }
}

/** `subset`: each value of `arg` is among the values of `of`; `unique`: no value of `arg` twice. */
function collectionChecks(ctx: RuleContext, scope: Scope, e: Entry): Finding[] {
  const items = valuesOf(ctx, scope, e.arg!, e.keys);
  if (!items) return [];
  if (e.kind === "unique") {
    const seen = new Set<string>();
    const out: Finding[] = [];
    for (const it of items) {
      const k = JSON.stringify(it.value);
      if (seen.has(k)) out.push({ entry: e, file: it.file, at: it.at, value: it.value });
      seen.add(k);
    }
    return out;
  }
  const allowed: unknown[] = [];
  for (const o of e.of!) {
    const v = valuesOf(ctx, scope, o, true);
    if (!v) return [];
    allowed.push(...v.map((x) => x.value));
  }
  return items.filter((it) => !allowed.includes(it.value)).map((it) => ({ entry: e, file: it.file, at: it.at, value: it.value }));
}

/** The written one of two arguments set that comes second in the file (where "not both" points). */
function second(set: Arg[]): Arg {
  const offset = (a: Arg): number => (a.state === "set" ? (a.attr?.attr.nameRange.start.offset ?? a.block?.block.typeRange.start.offset ?? 0) : 0);
  return [...set].sort((x, y) => offset(x) - offset(y))[1]!;
}

/** The kinds that judge a value (each element's, for `each`). */
function valueChecks(ctx: RuleContext, scope: Scope, e: Entry): Finding[] {
  if (e.kind === "fileExists" || e.kind === "fileKind") return fileChecks(ctx, scope, e);
  const out: Finding[] = [];
  for (const name of e.args ?? [e.arg!]) {
    const a = argOf(ctx, scope, name);
    if (a.state !== "set" || a.valueUnknown) continue;
    const items = e.each ? elements(ctx, a, e.keys) : [{ value: a.value, expr: undefined as Expression | undefined, key: undefined as string | undefined }];
    for (const [index, item] of items.entries()) {
      if (!violates(e, item.value)) continue;
      const place = item.expr && a.state === "set" && a.attr ? { file: a.attr.file, at: item.expr.range.start } : placeOf(scope, a, true);
      out.push({ entry: e, ...place, value: item.value, name, ...(e.each ? { index } : {}), ...(item.key !== undefined ? { key: item.key } : {}) });
    }
  }
  return out;
}

function violates(e: Entry, v: unknown): boolean {
  switch (e.kind) {
    case "oneOf":
      return !e.values!.some((x) => same(v, x, e.caseInsensitive));
    case "pattern":
      return typeof v === "string" && !regexp(e.pattern!, e.caseInsensitive).test(v);
    case "format":
      if (typeof v !== "string") return false;
      if (e.format === "cidr") return !isCIDR(v);
      if (e.format === "ssh-tunnel") return tunnelError(v) !== undefined;
      if (e.format === "rfc3339") return !isRFC3339(v);
      if (e.format === "ip") return !isIP(v);
      if (e.format === "ip-or-cidr") return !isIP(v) && !isCIDR(v);
      if (e.format === "azure-resource-id") return azureResourceIdError(v) !== undefined;
      return !/^[^=]+=/su.test(v);
    case "duration":
      return typeof v === "string" && durationError(v) !== undefined;
    case "range":
      return typeof v === "number" && ((e.min !== undefined && v < e.min) || (e.max !== undefined && v > e.max));
    case "length": {
      const n = typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : v !== null && typeof v === "object" ? Object.keys(v).length : undefined;
      return n !== undefined && ((e.min !== undefined && n < e.min) || (e.max !== undefined && n > e.max));
    }
    case "multipleOf":
      return typeof v === "number" && v % e.n! !== 0;
    case "unique":
      return Array.isArray(v) && new Set(v.map((x) => JSON.stringify(x))).size !== v.length;
    default:
      throw new TableError(`kind ${e.kind} is not a value check`);
  }
}

/**
 * For `fileExists`: the paths the arguments name that do not exist, each with whether its absence
 * is certain for the template (a path in the template's folder, where the target's inputs are) or
 * depends on the machine Packer runs on (an absolute path elsewhere, a path relative to where
 * Packer is started). `~` and glob patterns are left alone. For `fileKind`: the paths that exist
 * but are a file where Packer wants a folder (`folder`), or a folder where it wants a file.
 */
function fileChecks(ctx: RuleContext, scope: Scope, e: Entry): Finding[] {
  const out: Finding[] = [];
  for (const name of e.args ?? [e.arg!]) {
    if (argOf(ctx, scope, name).state === "unset") continue;
    const a = scope.attrs.get(name);
    if (!a) continue;
    const exprs = e.each ? (a.attr.expr.kind === "Tuple" ? a.attr.expr.items : []) : [a.attr.expr];
    for (const expr of exprs) {
      const sp = scriptPath(ctx, a.file, expr);
      if (!sp || sp.path === "" || sp.path.startsWith("~") || /[*?[]/.test(sp.path)) continue;
      const kind = ctx.fs.stat(sp.path);
      // fileExists: present (a folder, with `folder`); fileKind: absent, or of the kind Packer wants.
      const fine = e.kind === "fileKind" ? kind === null || (kind === "dir") === (e.folder === true) : kind !== null && (!e.folder || kind === "dir");
      if (fine) continue;
      // Only a path anchored at ${path.root} is certainly in the template's folder: a relative one is
      // relative to the folder Packer starts in (under bazel run, where the command was started).
      // A credential is the build machine's wherever it points (no one lists a key among a target's inputs).
      const secret = e.secret === true || (Array.isArray(e.secret) && e.secret.includes(name));
      const certain = sp.pathRoot && !secret;
      out.push({ entry: e, file: a.file, at: expr.range.start, value: sp.path, name, ...(certain ? {} : { machine: true }) });
    }
  }
  return out;
}

/** The message of a finding: the entry's Go format string with its parameters. */
export function messageOf(ctx: RuleContext, scope: Scope, f: Finding): string {
  // Packer's messages are one line, but for a few that add a note on the next: one line here too.
  return goSprintf(f.entry.message, paramsOf(ctx, scope, f, f.entry.params ?? [])).replace(/\s*\n\s*/g, " ");
}

/** The values of a message's parameters; `{format, params}` is an error the plugin made and wrapped (`"os_disk_cache_type: %v"`). */
function paramsOf(ctx: RuleContext, scope: Scope, f: Finding, list: readonly unknown[]): unknown[] {
  return list.map((p) => {
    if (p !== null && typeof p === "object" && "format" in p) {
      const inner = p as { format: string; params?: unknown[] };
      return goSprintf(inner.format, paramsOf(ctx, scope, f, inner.params ?? []));
    }
    if (p === "$value" || p === "$item") return f.value ?? argValue(ctx, scope, f.entry.arg!);
    if (p === "$upper") return String(f.value ?? argValue(ctx, scope, f.entry.arg!)).toUpperCase();
    if (p === "$name") return f.name ?? f.entry.arg;
    if (p === "$key") return f.key ?? "";
    // Go's len() of the value: a string's bytes in UTF-8, a list's elements.
    if (p === "$length") return goLen(f.value);
    if (p === "$set") return setNames(ctx, scope, f.entry.args ?? []);
    if (typeof p === "string" && p.startsWith("$arg:")) return argValue(ctx, scope, p.slice(5));
    if (p === "$error") return errorOf(f);
    if (p === "$index") return f.index ?? scope.index ?? 0;
    return p;
  });
}

/** The Go library's own error text for a value a `duration` or `format` entry rejects. */
function errorOf(f: Finding): string {
  if (f.entry.kind === "duration") return durationError(String(f.value)) ?? "";
  if (f.entry.format === "cidr") return `invalid CIDR address: ${String(f.value)}`;
  if (f.entry.format === "ssh-tunnel") return tunnelError(String(f.value)) ?? "";
  if (f.entry.format === "azure-resource-id") return azureResourceIdError(String(f.value)) ?? "";
  if (f.entry.kind === "fileExists") return `${f.entry.open ? "open" : "stat"} ${String(f.value)}: no such file or directory`;
  return "";
}

/** Go's len(): a string's bytes in UTF-8, a list's elements, a map's keys. */
function goLen(v: unknown): number {
  if (typeof v === "string") return new TextEncoder().encode(v).length;
  if (Array.isArray(v)) return v.length;
  return v !== null && typeof v === "object" ? Object.keys(v).length : 0;
}

/** The names of the arguments that are set, in the entry's order, joined as Go's strings.Join(names, ", "). */
function setNames(ctx: RuleContext, scope: Scope, names: readonly string[]): string {
  return names.filter((n) => argOf(ctx, scope, n).state === "set").join(", ");
}

function argValue(ctx: RuleContext, scope: Scope, name: string): unknown {
  const a = argOf(ctx, scope, name);
  return a.state === "unknown" || (a.state === "set" && a.valueUnknown) ? "…" : a.value;
}

/** Every finding of a group's entries on a scope, as reports. */
export function checkScope(ctx: RuleContext, scope: Scope, entries: readonly Entry[], fired?: Set<string>): Report[] {
  const out: Report[] = [];
  for (const e of entries) {
    const found = evaluateEntry(ctx, scope, e);
    for (const f of found) {
      fired?.add(e.id);
      const report: Report = { file: f.file, at: f.at, message: messageOf(ctx, scope, f) };
      const hint = e.hint ?? defaultHint(e);
      if (hint) report.hint = hint;
      if (f.machine) {
        report.severity = "warning";
        const what = e.kind === "fileKind" ? "is a folder" : "exists";
        report.hint = `${hint ? `${hint}; ` : ""}a warning: whether "${String(f.value)}" ${what} depends on the machine and folder Packer runs in, not on the template`;
      } else if (e.severity) {
        report.severity = e.severity;
        if (e.why) report.hint = `${hint ? `${hint}; ` : ""}${e.why}`;
      }
      out.push(report);
    }
    // Packer returns on this error: the group's later checks never run.
    if (e.stop && found.length > 0) break;
  }
  return out;
}

function defaultHint(e: Entry): string | undefined {
  if (e.kind === "oneOf") return `one of ${e.values!.map((v) => JSON.stringify(v)).join(", ")}${e.caseInsensitive ? " (in any case)" : ""}`;
  if (e.kind === "duration") return 'a number with a unit: "30s", "5m", "1h30m"';
  return undefined;
}
