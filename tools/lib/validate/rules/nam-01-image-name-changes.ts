import { exprSource } from "../../hcl/ast.ts";
import { mergedAttributes } from "../model/context.ts";
import { imageNames, nameDependencies } from "../model/naming.ts";
import type { Report, Rule } from "../types.ts";
import { mayBeTrue, tryEvaluate } from "../model/values.ts";

export const rule: Rule = {
  id: "NAM-01",
  name: "image-name-changes",
  severity: "error",
  docs: {
    summary: "The image name (ami_name / image_name) changes between runs (unless Packer runs with -force, which replaces the old image).",
    why:
      "AMI and GCE image names are unique per account/project: the second build of a constant name fails at the very " +
      'end ("AMI Name: \'ci-runner\' is used by an existing AMI", "Image X already exists").',
    fix: 'Put the cache-bust variable in the name (`"ci-runner-${var.cache_bust}"`), or a timestamp (`formatdate("YYYYMMDDhhmmss", timestamp())`).',
    evidence:
      "What the name is made of, following locals: literals, pure functions and values fixed for the build (the source's " +
      "name, paths) but no variable, data source, secret store, clock or random function, and no legacy `{{timestamp}}`: " +
      "the same text on every run. A `force_deregister`, `skip_create_ami` or `-force` that may be set withdraws the finding.",
  },
  check(ctx) {
    const out: Report[] = [];
    // `packer build -force`: the amazon and googlecompute builders replace the image of that name.
    if (ctx.options.force) return out;
    for (const n of imageNames(ctx)) {
      const deps = nameDependencies(ctx, n.attr.expr);
      if (deps.vars.size > 0 || deps.data || deps.volatile || deps.legacy || deps.external) continue;
      if (n.kind === "ami_name") {
        // force_deregister replaces the old AMI (NAM-05 warns about that); skip_create_ami makes none.
        const attrs = mergedAttributes(n.use);
        // `true`, `"true"`, or a value not known here (a variable the target supplies): the
        // collision is not certain.
        const on = (name: string): boolean => mayBeTrue(ctx, attrs.get(name)?.expr);
        if (on("force_deregister") || on("skip_create_ami")) continue;
      }
      const v = tryEvaluate(ctx, n.attr.expr);
      const shown = typeof v === "string" ? `"${v}"` : exprSource(n.file.text, n.attr.expr);
      const err = n.kind === "ami_name" ? `("AMI Name: ${shown.replace(/"/g, "'")} is used by an existing AMI")` : '("Image already exists")';
      out.push({
        file: n.file,
        at: n.attr.expr.range.start,
        message: `${n.kind} ${shown} is the same on every run; the second build fails ${err}`,
        hint: `add \${var.cache_bust} or formatdate("YYYYMMDDhhmmss", timestamp()) to the name`,
      });
    }
    return out;
  },
};
