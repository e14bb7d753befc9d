import { exprSource, functionCallsIn } from "../../hcl/ast.ts";
import { ROOTS } from "./utils/knowledge.ts";
import { byReach, reachAt } from "../model/reach.ts";
import { allRefs } from "../model/refs.ts";
import type { Report, Rule } from "../types.ts";
import { didYouMean } from "../util.ts";

export const rule: Rule = {
  id: "REF-02",
  name: "unknown-reference-root",
  severity: "error",
  docs: {
    summary: "References start with a known root: var, local, data, source, build, path, packer (or an iterator); variable defaults reference nothing.",
    why:
      "A shell-style `${HOME}` inside an HCL string is an HCL interpolation of an unknown variable: `packer " +
      'validate` fails with "Unknown variable". Packer evaluates variable defaults before anything else, with no ' +
      'variables at all, so `default = "${var.region}a"` or `default = local.x` fails with "Variables not allowed".',
    fix:
      "Escape shell variables as `$${HOME}`, or fix the root (e.g. `vars.x` → `var.x`); compute values derived from " +
      'other variables in a local (`locals { zone = "${var.region}a" }`) instead of a default.',
    evidence:
      "The reference's root as written and the roots Packer's evaluation context defines (var, local, data, source, build, path, packer, iterators), in a part of the expression Packer evaluates and reports errors for; in a variable default, which Packer evaluates with no variables at all, any reference.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const { site, t } of allRefs(ctx)) {
      if (ROOTS.has(t.root)) {
        if (!site.inVariableDefault) continue;
        // Inside a call REF-03 reports (any function but env()), Packer stops at the call.
        const o = t.range.start.offset;
        if (functionCallsIn(site.attr.expr).some((c) => c.name !== "env" && c.range.start.offset <= o && o < c.range.end.offset)) continue;
        const ref = exprSource(site.file.text, t);
        out.push({
          file: site.file,
          at: t.rootRange.start,
          message: `${ref}: variables are not allowed in a variable default; use a local`,
          hint: "Packer evaluates defaults before any variable exists (only env() is available); move the expression into a locals block and use local.<name>",
        });
        continue;
      }
      const text = site.file.text;
      const o = t.range.start.offset;
      const interpolated = text
        .slice(Math.max(0, o - 3), o)
        .replace(/\s+$/, "")
        .endsWith("${");
      const sugg = didYouMean(t.root, ROOTS);
      // Reported where Packer evaluates it: not in a conditional's other result, try() or can().
      const r = byReach(reachAt(ctx, site, t), {
        file: site.file,
        at: t.rootRange.start,
        message: interpolated && !sugg ? `Unknown variable ${t.root}; escape as $\${${t.root}}` : `Unknown variable ${t.root}${sugg}`,
        hint: interpolated ? `HCL reads \${${t.root}} itself; write $\${${t.root}} to pass it to the shell` : `known roots: ${[...ROOTS].join(", ")}`,
      } as Report);
      if (r) out.push(r);
    }
    return out;
  },
};
