/**
 * Function calls as Packer evaluates them: the calls of every expression in the templates, with
 * whether an error in the call would surface. Inside `can()` or `try()` an error only makes the
 * call fail quietly, and of a conditional's two results HCL reports only the one it picks.
 */
import { childExpressions, type Expression, type FunctionCallExpr } from "../../hcl/ast.ts";
import { FUNCTIONS } from "../funcs/table.ts";
import type { ExprSite, RuleContext } from "../types.ts";

export interface Call {
  site: ExprSite;
  call: FunctionCallExpr;
  /** An error here would not stop Packer (inside can/try or a conditional's result). */
  guarded: boolean;
}

function walk(site: ExprSite, expr: Expression, guarded: boolean, out: Call[]): void {
  if (expr.kind === "FunctionCall") {
    out.push({ site, call: expr, guarded });
    const inner = guarded || expr.name === "can" || expr.name === "try";
    // convert's second argument is a type expression: `list(string)` there is no call.
    const types = Object.hasOwn(FUNCTIONS, expr.name) ? (FUNCTIONS[expr.name]!.typeParams ?? []) : [];
    expr.args.forEach((a, i) => {
      if (!types.includes(i)) walk(site, a, inner, out);
    });
    return;
  }
  if (expr.kind === "Conditional") {
    walk(site, expr.cond, guarded, out);
    walk(site, expr.trueExpr, true, out);
    walk(site, expr.falseExpr, true, out);
    return;
  }
  for (const c of childExpressions(expr)) walk(site, c, guarded, out);
}

/** Every call in the templates' expressions (not in variable types), outermost first. */
export function allCalls(ctx: RuleContext): Call[] {
  const memo = ctx.memo.get("calls") as Call[] | undefined;
  if (memo) return memo;
  const out: Call[] = [];
  for (const site of ctx.sites) if (!site.isType) walk(site, site.attr.expr, false, out);
  ctx.memo.set("calls", out);
  return out;
}
