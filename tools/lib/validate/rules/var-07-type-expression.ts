import { staticValue, type Expression } from "../../hcl/ast.ts";
import type { Report, Rule } from "../types.ts";

const PRIMITIVE = new Set(["bool", "number", "string"]);
const COLLECTION = new Set(["list", "set", "map"]);

/** Why `expr` is not a type constraint, in HCL's words (ext/typeexpr), with where; undefined when it is one. */
function typeProblem(expr: Expression, inObject = false): { at: Expression; why: string } | undefined {
  if (expr.kind === "Parens") return typeProblem(expr.expr, inObject);
  if (expr.kind === "ScopeTraversal" && expr.steps.length === 0) {
    const kw = expr.root;
    if (PRIMITIVE.has(kw) || kw === "any") return undefined;
    if (COLLECTION.has(kw)) return { at: expr, why: `The ${kw} type constructor requires one argument specifying the element type.` };
    if (kw === "object") return { at: expr, why: "The object type constructor requires one argument specifying the attribute types and values as a map." };
    if (kw === "tuple") return { at: expr, why: "The tuple type constructor requires one argument specifying the element types as a list." };
    return { at: expr, why: `The keyword "${kw}" is not a valid type specification.` };
  }
  // A quoted type ("string") is an older spelling that this check leaves alone.
  if (expr.kind === "Template") return undefined;
  if (expr.kind !== "FunctionCall") {
    return {
      at: expr,
      why: "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).",
    };
  }
  const { name, args } = expr;
  if (PRIMITIVE.has(name)) return { at: expr, why: `Primitive type keyword "${name}" does not expect arguments.` };
  if (name === "any") return { at: expr, why: `Type constraint keyword "any" does not expect arguments.` };
  if (COLLECTION.has(name)) {
    if (args.length !== 1) return { at: expr, why: `The ${name} type constructor requires one argument specifying the element type.` };
    return typeProblem(args[0]!);
  }
  if (name === "object") {
    const a = args[0];
    if (args.length !== 1 || !a)
      return { at: expr, why: "The object type constructor requires one argument specifying the attribute types and values as a map." };
    if (a.kind !== "Object")
      return { at: a, why: "Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types." };
    for (const it of a.items) {
      if (typeof staticValue(it.key) !== "string" && it.key.kind !== "ScopeTraversal")
        return { at: it.key, why: "Object constructor map keys must be attribute names." };
      const p = typeProblem(it.value, true);
      if (p) return p;
    }
    return undefined;
  }
  if (name === "tuple") {
    const a = args[0];
    if (args.length !== 1 || !a) return { at: expr, why: "The tuple type constructor requires one argument specifying the element types as a list." };
    if (a.kind !== "Tuple") return { at: a, why: "Tuple type constructor requires a list of element types." };
    for (const it of a.items) {
      const p = typeProblem(it);
      if (p) return p;
    }
    return undefined;
  }
  if (name === "optional") {
    if (!inObject) return { at: expr, why: `Keyword "optional" is valid only as a modifier for object type attributes.` };
    if (args.length === 0) return { at: expr, why: "Optional attribute modifier requires the attribute type as its argument." };
    if (args.length > 2) return { at: expr, why: "Optional attribute modifier expects at most two arguments: the attribute type, and a default value." };
    return typeProblem(args[0]!);
  }
  return { at: expr, why: `Keyword "${name}" is not a valid type constructor.` };
}

export const rule: Rule = {
  id: "VAR-07",
  name: "type-expression",
  severity: "error",
  docs: {
    summary: "A variable's `type` is a type expression: `string`, `number`, `bool`, `any`, `list(string)`, `map(number)`, `object({…})`, ….",
    why: 'Packer reads `type` as an HCL type constraint and stops with "Invalid type specification" on anything else (`strng`, `list[string]`, `list`), before it reads any value.',
    fix: "Write a primitive keyword or a type constructor call, e.g. `type = list(string)`.",
    evidence: "The `type` expression as written and HCL's type-constraint grammar (typeexpr), which Packer applies before reading any value.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const decls of ctx.variables.values()) {
      for (const d of decls) {
        if (!d.type) continue;
        const p = typeProblem(d.type.expr);
        if (p)
          out.push({
            file: d.file,
            at: p.at.range.start,
            message: `Invalid type specification: ${p.why}`,
            hint: "e.g. type = string, type = list(string), type = map(string)",
          });
      }
    }
    return out;
  },
};
