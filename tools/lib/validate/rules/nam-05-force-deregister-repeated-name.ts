import { isCertainlyTrue } from "../model/values.ts";
import { mergedAttributes } from "../model/context.ts";
import { imageNames, nameDependencies } from "../model/naming.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "NAM-05",
  name: "force-deregister-repeated-name",
  severity: "warning",
  docs: {
    summary: "`force_deregister` is not combined with a name that repeats (no timestamp or uuid in it).",
    why: "Rebuilding with the same name (the same CACHE_BUST, say) deregisters the AMI that live runners and launch templates still use.",
    fix: "Drop `force_deregister` and bump the cache bust for a new image instead.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const n of imageNames(ctx)) {
      const fd = mergedAttributes(n.use).get("force_deregister");
      if (!fd || !isCertainlyTrue(ctx, fd.expr)) continue;
      const deps = nameDependencies(ctx, n.attr.expr);
      if (deps.volatile || deps.legacy) continue;
      out.push({
        file: n.decl.file,
        at: fd.nameRange.start,
        message: "force_deregister with a repeatable name deregisters the AMI live runners use",
        hint: "remove force_deregister; bump the cache bust instead",
      });
    }
    return out;
  },
};
