import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "VAR-01",
  name: "unset-variable",
  severity: "error",
  docs: {
    summary: "Every variable without a default is supplied (by --var, a var file, the cache bust or PKR_VAR_*).",
    why: 'Packer checks every declared variable, used or not, before building: a missing value fails with "Unset variable" after the target was already started.',
    fix: "Give the variable a default, or supply it from the packer_image target (`vars`, `var_files`, or the cache-bust variable); a secret that CI passes only when the build runs (`PKR_VAR_<name>`) goes in `runtime_vars`.",
    evidence:
      "The declarations and the values the target supplies (vars, var files, auto var files, the cache bust, PKR_VAR_* in the environment the validation runs in): a variable with neither a default nor a supplied value is unset for Packer, which checks every variable before building.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const [name, decls] of ctx.variables) {
      const d = decls[0]!;
      if (d.default || ctx.supplied.has(name)) continue;
      out.push({
        file: d.file,
        at: d.nameRange.start,
        message: `Unset variable "${name}": pass -var ${name}=…`,
        hint:
          ctx.options.cacheBustVar === name
            ? "the target passes the cache bust only when it has a value: set --action_env=CACHE_BUST in .bazelrc"
            : "add it to the target's vars or var_files, give it a default, or, for a secret CI passes when the build runs, list it in the target's runtime_vars",
      });
    }
    return out;
  },
};
