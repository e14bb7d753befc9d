import { traversalAttrNames, traversalsIn } from "../../hcl/ast.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "REF-04",
  name: "duplicate-or-cyclic-declaration",
  severity: "error",
  docs: {
    summary: "Locals and variables are declared once; locals do not depend on each other in a cycle.",
    why: 'Packer builds a dependency graph of locals before evaluating them: a duplicate fails with "Duplicate local definition", a cycle with "Cycle", and nothing is built.',
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
    // Cycles: depth-first search over local → locals it references.
    const deps = new Map<string, string[]>();
    for (const [name, decls] of ctx.locals) {
      const expr = decls[0]!.expr;
      const list: string[] = [];
      if (expr)
        for (const t of traversalsIn(expr))
          if (t.root === "local") {
            const n = traversalAttrNames(t)[0];
            if (n !== undefined && ctx.locals.has(n)) list.push(n);
          }
      deps.set(name, list);
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
            const decl = ctx.locals.get(d)![0]!;
            out.push({
              file: decl.file,
              at: decl.nameRange.start,
              message: `Cycle: ${cycle.map((c) => `local.${c}`).join(", ")}`,
              hint: "a local cannot depend on itself, directly or through other locals",
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
