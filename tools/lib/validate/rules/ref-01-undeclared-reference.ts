import { allRefs, dataRef } from "../model/refs.ts";
import type { Report, Rule } from "../types.ts";
import { didYouMean } from "../util.ts";

export const rule: Rule = {
  id: "REF-01",
  name: "undeclared-reference",
  severity: "error",
  docs: {
    summary: "`var.X`, `local.X` and `data.TYPE.NAME` must be declared (with a did-you-mean suggestion).",
    why: 'Packer evaluates every expression against the declared variables, locals and data sources; a typo fails `packer validate` with "Unsupported attribute", far from where it was made.',
    fix: "Fix the name (the suggestion is the closest declared one) or declare it.",
  },
  check(ctx) {
    const out: Report[] = [];
    const dataKeys = [...ctx.data.keys()];
    for (const { site, t, names } of allRefs(ctx)) {
      const first = t.steps[0];
      if (t.root === "var" || t.root === "local") {
        const name = names[0];
        const table = t.root === "var" ? ctx.variables : ctx.locals;
        if (name === undefined) {
          out.push({ file: site.file, at: t.range.start, message: `${t.root} must be followed by a name, as in ${t.root}.NAME` });
          continue;
        }
        if (!table.has(name)) {
          const at = first && first.kind === "GetAttrStep" ? first.nameRange.start : t.range.start;
          out.push({
            file: site.file,
            at,
            message: `${t.root}.${name} undeclared${didYouMean(name, table.keys(), `${t.root}.`)}`,
            hint: t.root === "var" ? `declare it: variable "${name}" { type = string }` : `define it in a locals block`,
          });
        }
      } else if (t.root === "data") {
        const { type, name } = dataRef(t);
        if (type === undefined) {
          out.push({ file: site.file, at: t.range.start, message: "data must be followed by a type and a name, as in data.amazon-ami.NAME.id" });
          continue;
        }
        if (name === undefined) {
          // data.TYPE[expr]: the name is computed; the type must still be declared.
          if (!dataKeys.some((k) => k.startsWith(`${type}.`))) {
            out.push({ file: site.file, at: t.range.start, message: `no data "${type}" source is declared`, hint: `declare one: data "${type}" "NAME" { … }` });
          }
          continue;
        }
        const key = `${type}.${name}`;
        if (!ctx.data.has(key)) {
          out.push({
            file: site.file,
            at: t.range.start,
            message: `data.${key} undeclared${didYouMean(key, dataKeys, "data.")}`,
            hint: `declare it: data "${type}" "${name}" { … }`,
          });
        }
      }
    }
    return out;
  },
};
