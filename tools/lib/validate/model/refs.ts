/** Reference helpers shared by the REF rules (memoised per context). */
import { functionCallsIn, staticValue, traversalAttrNames, traversalsIn, type Expression, type Range, type ScopeTraversalExpr } from "../../hcl/ast.ts";
import { FUNCTIONS } from "../funcs/table.ts";
import type { ExprSite, RuleContext } from "../types.ts";

export interface Ref {
  site: ExprSite;
  t: ScopeTraversalExpr;
  names: string[];
}

/**
 * Functions whose arguments at these positions are type expressions (`convert(x, list(string))`):
 * `string`, `bool`, `list(…)` there are type keywords, not references.
 */
/** Arguments that are type expressions (convert's second), from Packer's function table. */
const TYPE_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map(
  Object.entries(FUNCTIONS).flatMap(([name, sig]) => (sig.typeParams ? [[name, sig.typeParams] as const] : [])),
);

/** The ranges of the type-expression arguments of calls in `expr`. */
export function typeArgumentRanges(expr: Expression): Range[] {
  const out: Range[] = [];
  for (const call of functionCallsIn(expr)) {
    for (const i of TYPE_ARGUMENTS.get(call.name) ?? []) {
      const arg = call.args[i];
      if (arg) out.push(arg.range);
    }
  }
  return out;
}

/** Every variable reference in the templates (type expressions and dynamic iterators excluded). */
export function allRefs(ctx: RuleContext): Ref[] {
  const cached = ctx.memo.get("refs") as Ref[] | undefined;
  if (cached) return cached;
  const out: Ref[] = [];
  for (const site of ctx.sites) {
    if (site.isType) continue;
    const typeArgs = typeArgumentRanges(site.attr.expr);
    for (const t of traversalsIn(site.attr.expr)) {
      if (site.bound.has(t.root)) continue;
      const o = t.range.start.offset;
      if (typeArgs.some((r) => r.start.offset <= o && o < r.end.offset)) continue;
      out.push({ site, t, names: traversalAttrNames(t) });
    }
  }
  ctx.memo.set("refs", out);
  return out;
}

/** Whether a site lies inside the declaration of `kind` `name` (its own body). */
export function insideDecl(site: ExprSite, kind: "variable" | "local" | "data", name: string, key?: string): boolean {
  const top = site.blocks[0];
  if (!top) return false;
  if (kind === "variable") return top.type === "variable" && top.labels[0]?.value === name;
  if (kind === "local") {
    if (top.type === "locals") return site.attr.name === name && site.blocks.length === 1;
    return top.type === "local" && top.labels[0]?.value === name;
  }
  return top.type === "data" && `${top.labels[0]?.value}.${top.labels[1]?.value}` === key;
}

/**
 * What a `data.…` reference names: `data.TYPE.NAME` and `data.TYPE["NAME"]` name one data
 * source; `data.TYPE[expr]` (a computed name, as in `data.amazon-ami[var.os].id`) and a bare
 * `data.TYPE` (the object of all of them) name every data source of TYPE.
 */
export function dataRef(t: ScopeTraversalExpr): { type?: string; name?: string } {
  const [first, second] = t.steps;
  if (!first || first.kind !== "GetAttrStep") return {};
  const type = first.name;
  if (!second) return { type };
  if (second.kind === "GetAttrStep") return { type, name: second.name };
  if (second.kind === "IndexStep") {
    const k = staticValue(second.key);
    return typeof k === "string" ? { type, name: k } : { type };
  }
  return { type };
}
