import { functionCallsIn, getAttribute } from "../../hcl/ast.ts";
import { imageNames, nameDependencies } from "../model/naming.ts";
import type { Report, Rule, RuleContext, Severity, VariableDecl } from "../types.ts";

/**
 * The cache-bust variable and how sure we are of it: the target names it (`--cache-bust-var`,
 * which every packer_image passes), or a guess from a declaration — `cache_bust` by its name,
 * or a `version` without a default, as Aspect's templates declare the bust.
 */
function bustVariable(ctx: RuleContext): { name: string; decl: VariableDecl; certain: boolean; evidence: string } | undefined {
  const named = ctx.options.cacheBustVar;
  if (named !== undefined) {
    const decl = ctx.variables.get(named)?.[0];
    return decl && { name: named, decl, certain: true, evidence: `the target passes CACHE_BUST to var.${named}` };
  }
  const bust = ctx.variables.get("cache_bust")?.[0];
  if (bust) return { name: "cache_bust", decl: bust, certain: false, evidence: "taken for the cache bust by its name; the target names none" };
  const version = ctx.variables.get("version")?.[0];
  if (version && !version.default)
    return { name: "version", decl: version, certain: false, evidence: "taken for the cache bust as a `version` without a default; the target names none" };
  return undefined;
}

const UNIQUE_ANYWAY = "; the name is new on every build anyway (a timestamp or uuid), but the canary cannot be told apart by it";

export const rule: Rule = {
  id: "NAM-02",
  name: "cache-bust-variable",
  severity: "error",
  docs: {
    summary:
      "The cache-bust variable has no default (or a length validation), appears in every image name, and is supplied " +
      "by the target. An error only for the variable the target passes CACHE_BUST to (`--cache-bust-var`) and an " +
      "image name that nothing else makes unique; a `cache_bust` or default-less `version` the target does not name " +
      "is a guess, reported as a warning.",
    why:
      "Bumping CACHE_BUST in .bazelrc must produce a new image name; a default hides a target that forgot to pass " +
      "it, and a name without the variable never changes, so the canary rebuild collides with the old image. A name " +
      "that holds a timestamp or uuid never collides, whatever the bust does.",
    fix: 'Declare `variable "cache_bust" { type = string }` without a default and use it in the name: `ami_name = "runner-${var.cache_bust}"`.',
    evidence:
      "The target's --cache-bust-var and the templates' declarations and image names: an error only for the variable the target passes CACHE_BUST to and an image name that nothing else (a timestamp, a uuid) makes unique; a variable taken for the cache bust by its name is a guess, reported as a warning.",
  },
  check(ctx) {
    const out: Report[] = [];
    const bust = bustVariable(ctx);
    if (!bust) return out;
    const { name, decl } = bust;
    const names = imageNames(ctx);
    const deps = names.map((n) => ({ n, deps: nameDependencies(ctx, n.attr.expr) }));
    // A timestamp or uuid in the name makes every build's name new: no collision.
    const uniqueAnyway = (d: ReturnType<typeof nameDependencies>) => d.volatile || d.legacy;
    const without = deps.filter((x) => !x.deps.vars.has(name));
    const everyNameUnique = deps.length > 0 && deps.every((x) => uniqueAnyway(x.deps));
    // An error only when both the variable and the collision are certain.
    // With -force the old image is replaced rather than colliding.
    const severity = (collides: boolean): Severity => (bust.certain && collides && !ctx.options.force ? "error" : "warning");
    if (decl.default && decl.block.type === "variable" && !everyNameUnique) {
      const lengthCheck = decl.validations.some((v) => {
        const c = getAttribute(v.body, "condition");
        return c !== undefined && functionCallsIn(c.expr).some((f) => f.name === "length");
      });
      if (!lengthCheck) {
        out.push({
          severity: severity(true),
          file: decl.file,
          at: decl.default.nameRange.start,
          message: `var.${name} has a default; a target that does not pass it silently reuses the old image name${bust.certain ? "" : ` (${bust.evidence})`}`,
          hint: "remove the default (the packer_image target supplies it), or add a validation on length()",
        });
      }
    }
    if (bust.certain && (ctx.options.cacheBust === undefined || ctx.options.cacheBust === "") && decl.default && !everyNameUnique) {
      out.push({
        file: decl.file,
        at: decl.nameRange.start,
        message: `the target supplies no value for var.${name}`,
        hint: "set build --action_env=CACHE_BUST=… in .bazelrc",
      });
    }
    for (const { n, deps: d } of without) {
      const unique = uniqueAnyway(d);
      out.push({
        severity: severity(!unique),
        file: n.file,
        at: n.attr.expr.range.start,
        message: `var.${name} not used in ${n.kind}${unique ? UNIQUE_ANYWAY : ""}${bust.certain ? "" : ` (${bust.evidence})`}`,
        hint: `bumping the cache bust must change the image name: add \${var.${name}}`,
      });
    }
    return out;
  },
};
