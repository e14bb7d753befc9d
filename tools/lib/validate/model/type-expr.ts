/**
 * Type expressions (`type = list(string)`, convert's second argument) as HCL's typeexpr reads
 * them, with `optional(TYPE, DEFAULT)` attributes and their defaults (TypeConstraintWithDefaults).
 */
import { staticValue, type Expression } from "../../hcl/ast.ts";
import { fromPlain, type TypeSpec, type V } from "./cty.ts";

/** The type a type expression denotes; undefined when it is not one (VAR-07 reports it). */
export function parseType(expr: Expression): TypeSpec | undefined {
  if (expr.kind === "Parens") return parseType(expr.expr);
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
  const [a0] = expr.args;
  switch (expr.name) {
    case "list":
    case "set":
    case "map": {
      const elem = a0 && expr.args.length === 1 ? parseType(a0) : undefined;
      return elem ? { k: expr.name, elem } : undefined;
    }
    case "tuple": {
      if (!a0 || a0.kind !== "Tuple" || expr.args.length !== 1) return undefined;
      const elems: TypeSpec[] = [];
      for (const it of a0.items) {
        const t = parseType(it);
        if (!t) return undefined;
        elems.push(t);
      }
      return { k: "tuple", elems };
    }
    case "object": {
      if (!a0 || a0.kind !== "Object" || expr.args.length !== 1) return undefined;
      const attrs = new Map<string, { t: TypeSpec; optional: boolean; default?: V }>();
      for (const it of a0.items) {
        const key = staticValue(it.key);
        if (typeof key !== "string") return undefined;
        let v = it.value;
        let optional = false;
        let def: V | undefined;
        if (v.kind === "FunctionCall" && v.name === "optional" && v.args[0] && v.args.length <= 2) {
          optional = true;
          if (v.args[1]) {
            const d = staticValue(v.args[1]);
            if (d === undefined) return undefined;
            def = fromPlain(d);
          }
          v = v.args[0];
        }
        const t = parseType(v);
        if (!t) return undefined;
        attrs.set(key, { t, optional, ...(def ? { default: def } : {}) });
      }
      return { k: "object", attrs };
    }
  }
  return undefined;
}
