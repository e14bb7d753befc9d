import { allRefs, dataRef, insideDecl } from "../model/refs.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "REF-06",
  name: "unused-declaration",
  severity: "warning",
  docs: {
    summary: "Variables, locals and data sources that nothing references.",
    why: "Unused declarations mislead readers; an unused variable without a default still has to be supplied (Packer checks every variable), and an unused data source still runs its lookup.",
    fix: "Remove the declaration, or reference it where it was meant to be used.",
  },
  check(ctx) {
    const usedVar = new Set<string>();
    const usedLocal = new Set<string>();
    const usedData = new Set<string>();
    for (const { site, t, names } of allRefs(ctx)) {
      const n = names[0];
      if (n === undefined) continue;
      if (t.root === "var" && !insideDecl(site, "variable", n)) usedVar.add(n);
      if (t.root === "local" && !insideDecl(site, "local", n)) usedLocal.add(n);
      if (t.root === "data") {
        const { type, name } = dataRef(t);
        if (type === undefined) continue;
        if (name === undefined) {
          // data.TYPE[expr] may name any data source of TYPE.
          for (const key of ctx.data.keys()) if (key.startsWith(`${type}.`)) usedData.add(key);
          continue;
        }
        const key = `${type}.${name}`;
        if (!insideDecl(site, "data", "", key)) usedData.add(key);
      }
    }
    const out: Report[] = [];
    for (const [name, decls] of ctx.variables) {
      if (usedVar.has(name)) continue;
      const d = decls[0]!;
      out.push({ file: d.file, at: d.nameRange.start, message: `var.${name} unused`, hint: "remove the variable or use it" });
    }
    for (const [name, decls] of ctx.locals) {
      if (usedLocal.has(name)) continue;
      const d = decls[0]!;
      out.push({ file: d.file, at: d.nameRange.start, message: `local.${name} unused`, hint: "remove the local or use it" });
    }
    for (const [key, decls] of ctx.data) {
      if (usedData.has(key)) continue;
      const d = decls[0]!;
      out.push({ file: d.file, at: d.block.labels[0]!.range.start, message: `data.${key} unused`, hint: "remove the data source or reference it" });
    }
    return out;
  },
};
