import { ROOTS } from "../knowledge.ts";
import { allRefs } from "../refs.ts";
import type { Report, Rule } from "../types.ts";
import { didYouMean } from "../util.ts";

export const rule: Rule = {
  id: "REF-02",
  severity: "error",
  docs: {
    summary: "References start with a known root: var, local, data, source, build, path, packer (or an iterator).",
    why: 'A shell-style `${HOME}` inside an HCL string is an HCL interpolation of an unknown variable: `packer validate` fails with "Unknown variable".',
    fix: "Escape shell variables as `$${HOME}`, or fix the root (e.g. `vars.x` → `var.x`).",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const { site, t } of allRefs(ctx)) {
      if (ROOTS.has(t.root)) continue;
      const text = site.file.text;
      const o = t.range.start.offset;
      const interpolated = text.slice(Math.max(0, o - 3), o).replace(/\s+$/, "").endsWith("${");
      const sugg = didYouMean(t.root, ROOTS);
      out.push({
        file: site.file,
        at: t.rootRange.start,
        message: interpolated && !sugg ? `Unknown variable ${t.root}; escape as $\${${t.root}}` : `Unknown variable ${t.root}${sugg}`,
        hint: interpolated ? `HCL reads \${${t.root}} itself; write $\${${t.root}} to pass it to the shell` : `known roots: ${[...ROOTS].join(", ")}`,
      });
    }
    return out;
  },
};
