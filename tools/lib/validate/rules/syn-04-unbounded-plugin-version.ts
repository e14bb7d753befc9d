import { staticValue } from "../../hcl/ast.ts";
import type { Report, Rule } from "../types.ts";

/** Whether a go-version constraint bounds the version from above. */
export function hasUpperBound(constraint: string): boolean {
  return constraint.split(",").some((p) => {
    const t = p.trim();
    return /^(~>|<|<=|=)/.test(t) || /^v?\d/.test(t);
  });
}

export const rule: Rule = {
  id: "SYN-04",
  name: "unbounded-plugin-version",
  severity: "warning",
  docs: {
    summary: "Plugin version constraints have an upper bound (`~> 1.3`, or `>= 1.2, < 2`).",
    why:
      "`packer init` installs the newest plugin the constraint allows: with only `>= 1.1.5` a new major version can " +
      "change or drop arguments and break the build without any change to the repository.",
    fix: 'Pin to a major version with `~>`, e.g. `version = "~> 1.3"`.',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const { file, attr, fields } of ctx.requiredPlugins) {
      const version = fields.get("version");
      const v = version ? staticValue(version) : undefined;
      if (typeof v !== "string" || hasUpperBound(v)) continue;
      // "~> M.m" from the lower bound keeps it below the next major; from 0.x that would
      // shut out 1.x and later, which the constraint allows today: no concrete suggestion.
      const m = /(\d+)\.(\d+)/.exec(v);
      const suggestion = m && m[1] !== "0" ? `use "~> ${m[1]}.${m[2]}"` : 'bound it to the major version in use, e.g. "~> 1.3"';
      out.push({
        file,
        at: version!.range.start,
        message: `${attr.name} "${v}" unpinned; ${suggestion}`,
        hint: "without an upper bound `packer init` takes the newest major version",
      });
    }
    return out;
  },
};
