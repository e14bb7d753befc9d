import { byReach, reachAt } from "../model/reach.ts";
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
    evidence:
      "The templates' own declarations (every variable, local and data source of the build's files) and the reference as " +
      "written, in a part of the expression Packer evaluates and reports errors for: not in the result of a conditional " +
      "that is not chosen, nor inside try() or can(). Where the choosing condition is not known before the build, a warning.",
  },
  check(ctx) {
    const found: Report[] = [];
    const dataKeys = [...ctx.data.keys()];
    // Each reference's findings go through its reach (set per reference below).
    const out: { push: (r: Report) => void } = { push: () => {} };
    for (const { site, t, names } of allRefs(ctx)) {
      const first = t.steps[0];
      // An error Packer reports only where it evaluates the reference: not in a conditional's
      // other result, nor inside try() or can(); maybe, where a condition is not known yet.
      const reach = reachAt(ctx, site, t);
      out.push = (r) => {
        const x = byReach(reach, r);
        if (x) found.push(x);
      };
      if (t.root === "var" || t.root === "local") {
        const name = names[0];
        const table = t.root === "var" ? ctx.variables : ctx.locals;
        // A bare `var` or `local` is the object of every variable or local (Packer's evaluation context).
        if (name === undefined) continue;
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
    return found;
  },
};
