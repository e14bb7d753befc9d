import { traversalAttrNames, traversalsIn, type Body, type Expression, type Pos } from "../../hcl/ast.ts";
import type { ParsedFile, Report, Rule } from "../types.ts";

/** Every expression of a body, nested blocks included (what Packer's GetVarsByType walks). */
function expressionsOf(body: Body): Expression[] {
  return [...body.attributes.map((a) => a.expr), ...body.blocks.flatMap((b) => expressionsOf(b.body))];
}

export const rule: Rule = {
  id: "REF-04",
  name: "duplicate-or-cyclic-declaration",
  severity: "error",
  docs: {
    summary: "Locals and variables are declared once; locals and data sources do not depend on each other in a cycle.",
    why:
      'Packer builds a dependency graph of locals and data sources before evaluating them: a duplicate fails with "Duplicate local definition", ' +
      'a cycle with "failed to prepare execution graph: … Cycle: …" (or "Self reference"), and nothing is built.',
    fix: "Remove or rename the duplicate; break the cycle by computing one of the locals from variables only. (References to undeclared locals are REF-01.)",
    evidence:
      "The declarations as written: two declarations of one name, or locals whose references form a cycle. Packer builds its graph of locals from the same references and refuses both before evaluating anything.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const [name, decls] of ctx.locals) {
      const first = decls[0]!;
      for (const d of decls.slice(1)) {
        out.push({
          file: d.file,
          at: d.nameRange.start,
          message: `Duplicate local definition local.${name}; first defined at ${first.file.path}:${first.nameRange.start.line}`,
        });
      }
    }
    for (const [name, decls] of ctx.variables) {
      const first = decls[0]!;
      for (const d of decls.slice(1)) {
        out.push({
          file: d.file,
          at: d.nameRange.start,
          message: `Duplicate variable declaration var.${name}; first declared at ${first.file.path}:${first.nameRange.start.line}`,
        });
      }
    }
    // Cycles: depth-first search over the graph Packer orders before evaluating anything: locals
    // and data sources, each depending on the locals and data sources its expressions reference.
    const deps = new Map<string, string[]>();
    const where = new Map<string, { file: ParsedFile; at: Pos }>();
    const refsOf = (exprs: Expression[]): string[] => {
      const list: string[] = [];
      for (const e of exprs)
        for (const t of traversalsIn(e)) {
          const [a, b] = traversalAttrNames(t);
          if (t.root === "local" && a !== undefined && ctx.locals.has(a)) list.push(`local.${a}`);
          if (t.root === "data" && a !== undefined && b !== undefined && ctx.data.has(`${a}.${b}`)) list.push(`data.${a}.${b}`);
        }
      return list;
    };
    for (const [name, decls] of ctx.locals) {
      const d = decls[0]!;
      deps.set(`local.${name}`, refsOf(d.expr ? [d.expr] : []));
      where.set(`local.${name}`, { file: d.file, at: d.nameRange.start });
    }
    for (const [key, decls] of ctx.data) {
      const d = decls[0]!;
      deps.set(`data.${key}`, refsOf(expressionsOf(d.block.body)));
      where.set(`data.${key}`, { file: d.file, at: d.block.typeRange.start });
    }
    const state = new Map<string, 1 | 2>();
    const reported = new Set<string>();
    const stack: string[] = [];
    const visit = (n: string): void => {
      state.set(n, 1);
      stack.push(n);
      for (const d of deps.get(n) ?? []) {
        const s = state.get(d);
        if (s === 1) {
          const cycle = stack.slice(stack.indexOf(d));
          const key = [...cycle].sort().join(",");
          if (!reported.has(key)) {
            reported.add(key);
            const at = where.get(d)!;
            out.push({
              file: at.file,
              at: at.at,
              message: cycle.length === 1 ? `Self reference: ${d}` : `Cycle: ${cycle.join(", ")}`,
              hint: "locals and data sources cannot depend on themselves, directly or through each other",
            });
          }
        } else if (s === undefined) visit(d);
      }
      stack.pop();
      state.set(n, 2);
    };
    for (const n of deps.keys()) if (!state.has(n)) visit(n);
    return out;
  },
};
