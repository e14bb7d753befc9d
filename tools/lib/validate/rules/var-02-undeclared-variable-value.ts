import { jsonKeyPos } from "../model/context.ts";
import type { Report, Rule } from "../types.ts";
import { suggest } from "../util.ts";

export const rule: Rule = {
  id: "VAR-02",
  name: "undeclared-variable-value",
  severity: "error",
  docs: {
    summary: "Values supplied with -var name a declared variable (error); var-file keys too (warning).",
    why:
      'Packer rejects `-var` for an undeclared variable ("Undefined -var variable") and ignores undeclared var-file ' +
      "keys with only a warning, so a typo silently leaves the real variable at its default.",
    fix: "Fix the name (see the suggestion) or declare the variable.",
    evidence:
      "The -var names the target passes and the declared variables: Packer refuses a -var for an undeclared variable (a var-file key is only a warning in Packer, and here).",
  },
  check(ctx) {
    const out: Report[] = [];
    const names = [...ctx.variables.keys()];
    const mean = (n: string): string => {
      const s = suggest(n, names);
      return s ? `; did you mean "${s}"?` : "";
    };
    for (const v of ctx.options.vars) {
      if (ctx.variables.has(v.name)) continue;
      out.push({
        file: "<command line>",
        message: `Undefined -var variable "${v.name}"${mean(v.name)}`,
        hint: "declare it in a template or drop it from the target's vars",
      });
    }
    for (const f of ctx.varFiles) {
      if (f.positional && !f.auto) continue;
      const keys: Array<{ name: string; at: { line: number; column: number } | undefined }> = f.json
        ? Object.keys(f.json).map((k) => ({ name: k, at: jsonKeyPos(f.text, k) }))
        : f.body.attributes.map((a) => ({ name: a.name, at: a.nameRange.start }));
      for (const k of keys) {
        if (ctx.variables.has(k.name)) continue;
        out.push({
          file: f,
          at: k.at ?? { line: 1, column: 1 },
          severity: "warning",
          message: `Undefined variable "${k.name}" set in var file${mean(k.name)}`,
          hint: "Packer ignores it with a warning; the variable you meant keeps its default",
        });
      }
    }
    return out;
  },
};
