import { functionCallsIn, getAttribute } from "../../hcl/ast.ts";
import { imageNames, nameDependencies } from "../naming.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "NAM-02",
  severity: "error",
  docs: {
    summary: "The cache-bust variable (`cache_bust`, --cache-bust-var, or a `version` without a default or used in an image name) has no default (or a length validation), appears in every image name, and is supplied by the target.",
    why: "Bumping CACHE_BUST in .bazelrc must produce a new image name; a default hides a target that forgot to pass it, and a name without the variable never changes, so the canary rebuild collides with the old image.",
    fix: 'Declare `variable "cache_bust" { type = string }` without a default and use it in the name: `ami_name = "runner-${var.cache_bust}"`.',
  },
  check(ctx) {
    const out: Report[] = [];
    const name = ctx.options.cacheBustVar ?? (ctx.variables.has("cache_bust") ? "cache_bust" : ctx.variables.has("version") ? "version" : undefined);
    if (name === undefined) return out;
    const decl = ctx.variables.get(name)?.[0];
    if (!decl) return out;
    const names = imageNames(ctx);
    const without = names.filter((n) => !nameDependencies(ctx, n.attr.expr).vars.has(name));
    // Unconfigured, `version` is the bust only as Aspect's templates use it (no default, or in
    // the image name); with a default and outside every name it is a software version.
    if (name === "version" && ctx.options.cacheBustVar === undefined && decl.default && without.length === names.length) return out;
    if (decl.default && decl.block.type === "variable") {
      const lengthCheck = decl.validations.some((v) => {
        const c = getAttribute(v.body, "condition");
        return c !== undefined && functionCallsIn(c.expr).some((f) => f.name === "length");
      });
      if (!lengthCheck) {
        out.push({
          file: decl.file,
          at: decl.default.nameRange.start,
          message: `var.${name} has a default; a target that does not pass it silently reuses the old image name`,
          hint: "remove the default (the packer_image target supplies it), or add a validation on length()",
        });
      }
    }
    if (ctx.options.cacheBustVar === name && (ctx.options.cacheBust === undefined || ctx.options.cacheBust === "") && decl.default) {
      out.push({
        file: decl.file,
        at: decl.nameRange.start,
        message: `the target supplies no value for var.${name}`,
        hint: "set build --action_env=CACHE_BUST=… in .bazelrc",
      });
    }
    for (const n of without) {
      out.push({
        file: n.file,
        at: n.attr.expr.range.start,
        message: `var.${name} not used in ${n.kind}`,
        hint: `bumping the cache bust must change the image name: add \${var.${name}}`,
      });
    }
    return out;
  },
};
