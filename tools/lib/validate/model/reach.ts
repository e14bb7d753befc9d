/**
 * Which parts of an expression Packer evaluates with their errors reported. HCL evaluates a
 * conditional's two results but reports only the chosen one's errors, and none when the
 * condition is not known; `&&` and `||` drop an operand's errors when the other decides;
 * `try()` and `can()` swallow their arguments' errors; a `for` body runs once per element. An
 * error in a part Packer certainly evaluates is certain; in a part it may evaluate (the
 * condition is not known before the build), it is not; in a part it never evaluates, there
 * is none.
 */
import type { Expression, TemplatePart } from "../../hcl/ast.ts";
import { UNKNOWN, lengthOf, type V } from "./cty.ts";
import { convert } from "./cty-convert.ts";
import { T_BOOL } from "./cty.ts";
import { tryEvaluateTyped } from "./values.ts";
import type { RuleContext } from "../types.ts";

export type Reach = "certain" | "maybe" | "never";

const weaker = (a: Reach, b: Reach): Reach => (a === "never" || b === "never" ? "never" : a === "maybe" || b === "maybe" ? "maybe" : "certain");

/** A condition's known truth, or undefined. */
function truth(v: V): boolean | undefined {
  if (v.v === UNKNOWN) return undefined;
  try {
    const b = convert(v, T_BOOL);
    return b.v === UNKNOWN ? undefined : (b.v as boolean);
  } catch {
    return undefined;
  }
}

/**
 * The reach of every sub-expression of `root` (the expression of an attribute Packer evaluates),
 * memoised per context. Long by design: one case per expression kind that changes the reach.
 */
export function reachOf(ctx: RuleContext, root: Expression): ReadonlyMap<Expression, Reach> {
  let memo = ctx.memo.get("reach") as WeakMap<Expression, Map<Expression, Reach>> | undefined;
  if (!memo) {
    memo = new WeakMap();
    ctx.memo.set("reach", memo);
  }
  const hit = memo.get(root);
  if (hit) return hit;
  const out = new Map<Expression, Reach>();
  const cond = (e: Expression): boolean | undefined => truth(tryEvaluateTyped(ctx, e));
  const parts = (ps: TemplatePart[], r: Reach, depth: number): void => {
    for (const p of ps) {
      if (p.kind === "TemplateInterpolation") visit(p.expr, r, depth);
      else if (p.kind === "TemplateIf") {
        visit(p.cond, r, depth);
        const c = cond(p.cond);
        parts(p.thenParts, weaker(r, c === undefined ? "maybe" : c ? "certain" : "never"), depth);
        if (p.elseParts) parts(p.elseParts, weaker(r, c === undefined ? "maybe" : c ? "never" : "certain"), depth);
      } else if (p.kind === "TemplateFor") {
        visit(p.collection, r, depth);
        parts(p.bodyParts, weaker(r, "maybe"), depth);
      }
    }
  };
  const visit = (e: Expression, r: Reach, depth: number): void => {
    out.set(e, r);
    if (depth > 200) return;
    const d = depth + 1;
    switch (e.kind) {
      case "Conditional": {
        visit(e.cond, r, d);
        const c = cond(e.cond);
        visit(e.trueExpr, weaker(r, c === undefined ? "maybe" : c ? "certain" : "never"), d);
        visit(e.falseExpr, weaker(r, c === undefined ? "maybe" : c ? "never" : "certain"), d);
        return;
      }
      case "BinaryOp": {
        if (e.op === "&&" || e.op === "||") {
          const decisive = e.op === "||";
          const l = cond(e.left);
          const rr = cond(e.right);
          visit(e.left, weaker(r, rr === decisive ? "never" : "certain"), d);
          visit(e.right, weaker(r, l === decisive ? "never" : "certain"), d);
          return;
        }
        break;
      }
      case "FunctionCall":
        if (e.name === "try" || e.name === "can") {
          for (const a of e.args) visit(a, "never", d);
          return;
        }
        break;
      case "For": {
        visit(e.collection, r, d);
        const c = tryEvaluateTyped(ctx, e.collection);
        const known = c.v !== UNKNOWN && c.v !== null && c.t.k !== "any" && typeof c.v === "object";
        const body: Reach = known ? (lengthOf(c) > 0 ? r : "never") : weaker(r, "maybe");
        for (const x of [e.keyExpr, e.valueExpr, e.condition]) if (x) visit(x, body, d);
        return;
      }
      case "Template":
        parts(e.parts, r, d);
        return;
      case "ScopeTraversal":
        for (const s of e.steps) if (s.kind === "IndexStep") visit(s.key, r, d);
        return;
      case "Tuple":
        for (const x of e.items) visit(x, r, d);
        return;
      case "Object":
        for (const it of e.items) {
          if (!it.bareKey) visit(it.key, r, d);
          visit(it.value, r, d);
        }
        return;
      default:
        break;
    }
    for (const c of children(e)) visit(c, r, d);
  };
  visit(root, "certain", 0);
  memo.set(root, out);
  return out;
}

function children(e: Expression): Expression[] {
  switch (e.kind) {
    case "FunctionCall":
      return e.args;
    case "BinaryOp":
      return [e.left, e.right];
    case "UnaryOp":
      return [e.operand];
    case "Splat":
      return [e.source, ...e.steps.flatMap((s) => (s.kind === "IndexStep" ? [s.key] : []))];
    case "GetAttr":
      return [e.source];
    case "Index":
      return [e.source, e.key];
    case "Parens":
      return [e.expr];
    default:
      return [];
  }
}

/** The reach of `expr` within the attribute of `site` (certain when not found). */
export function reachAt(ctx: RuleContext, site: { attr: { expr: Expression } }, expr: Expression): Reach {
  return reachOf(ctx, site.attr.expr).get(expr) ?? "certain";
}

/** What a finding about an error in a part of an expression becomes: as is, a warning, or nothing. */
export function byReach<T extends { severity?: "error" | "warning" | "info"; message: string }>(reach: Reach, r: T): T | undefined {
  if (reach === "never") return undefined;
  if (reach === "certain") return r;
  return { ...r, severity: "warning", message: `${r.message} (if Packer takes this branch: its condition is not known before the build)` };
}
