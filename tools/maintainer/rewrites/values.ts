/**
 * Rewrites of one value at a time: each keeps the value and its type as Packer computes them.
 *
 * - local, variable, var-file, map-lookup move a literal elsewhere and refer to it (lookup()
 *   with a default of the value's kind: go-cty's LookupFunc rejects a null default). A variable
 *   without a `type` takes its default's type (hcl2template decodeVariableBlock), and a var-file
 *   value of an untyped variable keeps the type HCL gives it (collectVariableValues converts only
 *   to a declared type), so the value reaching the argument is the same.
 * - for, concat, coalescelist recompute a tuple; coalesce(null, v) returns v when v is not null
 *   and not "" (go-cty's CoalesceFunc skips both), so null and "" are left alone.
 * - conditional: `true ? v : null` and `false ? null : v`. HCL unifies the two branches' types, and
 *   a bare null adopts the other branch's type, so v keeps its own.
 * - try(v, null) returns v when v has no error.
 * - string-template: `"${v}"` for a quoted string only; a template of a number or bool would
 *   make a string of it.
 */
import type { Expression, TupleExpr } from "../../lib/hcl/ast.ts";
import { dirOfPath, editUnit, isHeredoc, namer, operand, replaceValue, valueText, type Edit, type ParsedTemplate, type Site } from "./sites.ts";
import type { Unit } from "./unit.ts";

export interface Rewrite<T> {
  kind: string;
  /** Where the rewrite can act, each with a label for reports. */
  targets(unit: Unit, parsed: readonly ParsedTemplate[], sites: readonly Site[]): Array<{ where: string; data: T }>;
  /** The unit rewritten at the given targets. */
  apply(unit: Unit, parsed: readonly ParsedTemplate[], targets: readonly T[]): Unit;
}

type SiteRewrite = Rewrite<Site>;

function siteTargets(accept: (s: Site) => boolean): SiteRewrite["targets"] {
  return (_unit, _parsed, sites) => sites.filter(accept).map((s) => ({ where: s.where, data: s }));
}

/** A rewrite that replaces each site's value in place. */
function inPlace(kind: string, accept: (s: Site) => boolean, wrap: (unit: Unit, s: Site, i: number) => string): SiteRewrite {
  return {
    kind,
    targets: siteTargets(accept),
    apply: (unit, _parsed, sites) =>
      editUnit(
        unit,
        sites.map((s, i) => replaceValue(s, wrap(unit, s, i))),
      ),
  };
}

const isLiteral = (s: Site): boolean => s.value !== undefined;
const isSomeLiteral = (s: Site): boolean => s.value !== undefined && s.value !== null;

function tupleOf(s: Site): TupleExpr | undefined {
  return s.attr.expr.kind === "Tuple" ? s.attr.expr : undefined;
}

function itemText(unit: Unit, s: Site, e: Expression): string {
  const text = unit.templates[s.file]!.text.slice(e.range.start.offset, e.range.end.offset);
  return isHeredoc(e) ? `${text}\n` : text;
}

/** Appends one declaration per site to the site's template, refers to it, and returns the unit. */
function moveOut(unit: Unit, sites: readonly Site[], kind: string, declare: (name: string, value: string) => string, refer: (name: string) => string): Unit {
  const next = namer(unit, kind);
  const edits: Edit[] = [];
  const append = new Map<number, string>();
  for (const s of sites) {
    const name = next();
    edits.push(replaceValue(s, refer(name)));
    append.set(s.file, (append.get(s.file) ?? "") + declare(name, valueText(unit, s)));
  }
  return editUnit(unit, edits, append);
}

const local: SiteRewrite = {
  kind: "local",
  targets: siteTargets(isLiteral),
  apply: (unit, _parsed, sites) =>
    moveOut(
      unit,
      sites,
      "local",
      (name, value) => `locals {\n  ${name} = ${value}\n}\n`,
      (name) => `local.${name}`,
    ),
};

const variable: SiteRewrite = {
  kind: "variable",
  targets: siteTargets(isSomeLiteral),
  apply: (unit, _parsed, sites) =>
    moveOut(
      unit,
      sites,
      "variable",
      (name, value) => `variable "${name}" {\n  default = ${value}\n}\n`,
      (name) => `var.${name}`,
    ),
};

/** The value moves to a new var file passed with -var-file; the template declares the variable without a default. */
const varFile: SiteRewrite = {
  kind: "var-file",
  targets: siteTargets(isSomeLiteral),
  apply: (unit, _parsed, sites) => {
    const next = namer(unit, "varfile");
    const edits: Edit[] = [];
    const append = new Map<number, string>();
    let values = "";
    for (const s of sites) {
      const name = next();
      edits.push(replaceValue(s, `var.${name}`));
      append.set(s.file, (append.get(s.file) ?? "") + `variable "${name}" {\n}\n`);
      values += `${name} = ${valueText(unit, s)}\n`;
    }
    const edited = editUnit(unit, edits, append);
    const path = `${dirOfPath(unit.templates[0]!.path)}rewrites.pkrvars.hcl`;
    return { ...edited, varFiles: [...edited.varFiles, { path, text: values }] };
  },
};

/**
 * A default for lookup() of the value's kind but not its value: never used, since the key is
 * there, and not null, which go-cty's LookupFunc rejects ("argument must not be null").
 */
function zeroOf(v: unknown): string {
  if (typeof v === "string") return '""';
  if (typeof v === "number") return "0";
  if (typeof v === "boolean") return "false";
  return Array.isArray(v) ? "[]" : "{}";
}

/** The literals of each template go into one object local (one per template), read back with lookup(). */
const mapLookup: SiteRewrite = {
  kind: "map-lookup",
  targets: siteTargets(isSomeLiteral),
  apply: (unit, _parsed, sites) => {
    const base = namer(unit, "map")();
    const mapOf = (file: number): string => (unit.templates.length > 1 ? `${base}_${file}` : base);
    const edits: Edit[] = [];
    const entries = new Map<number, string>();
    sites.forEach((s, i) => {
      edits.push(replaceValue(s, `lookup(local.${mapOf(s.file)}, "k${i}", ${zeroOf(s.value)})`));
      entries.set(s.file, (entries.get(s.file) ?? "") + `    k${i} = ${valueText(unit, s)}\n`);
    });
    const append = new Map([...entries].map(([file, items]) => [file, `locals {\n  ${mapOf(file)} = {\n${items}  }\n}\n`]));
    return editUnit(unit, edits, append);
  },
};

const forExpr = inPlace(
  "for",
  (s) => tupleOf(s) !== undefined,
  (unit, s) => `[for rw in ${valueText(unit, s)} : rw]`,
);

const concat = inPlace(
  "concat",
  (s) => (tupleOf(s)?.items.length ?? 0) > 0,
  (unit, s) => {
    const items = tupleOf(s)!.items;
    const first = itemText(unit, s, items[0]!);
    const rest = items.slice(1).map((e) => itemText(unit, s, e));
    return `concat([${first}], [${rest.join(", ")}])`;
  },
);

const coalesce = inPlace(
  "coalesce",
  (s) => (typeof s.value === "string" && s.value !== "") || typeof s.value === "number" || typeof s.value === "boolean",
  (unit, s) => `coalesce(null, ${operand(unit, s)})`,
);

const coalescelist = inPlace(
  "coalescelist",
  (s) => (tupleOf(s)?.items.length ?? 0) > 0,
  (unit, s) => `coalescelist([], ${valueText(unit, s)})`,
);

const conditional = inPlace(
  "conditional",
  () => true,
  (unit, s, i) => (i % 2 === 0 ? `(true ? ${operand(unit, s)} : null)` : `(false ? null : ${operand(unit, s)})`),
);

const tryWrap = inPlace(
  "try",
  () => true,
  (unit, s) => `try(${operand(unit, s)}, null)`,
);

const stringTemplate = inPlace(
  "string-template",
  (s) => typeof s.value === "string" && s.attr.expr.kind === "Template" && !s.heredoc,
  (unit, s) => `"\${${valueText(unit, s)}}"`,
);

export const VALUE_REWRITES: ReadonlyArray<Rewrite<Site>> = [
  local,
  variable,
  varFile,
  forExpr,
  concat,
  coalesce,
  coalescelist,
  conditional,
  tryWrap,
  mapLookup,
  stringTemplate,
];
