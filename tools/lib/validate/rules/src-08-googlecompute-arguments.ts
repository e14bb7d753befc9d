import { argumentSet } from "../model/values.ts";
import { mergedAttributes } from "../model/context.ts";
import type { Report, Rule, SourceUse } from "../types.ts";

export const rule: Rule = {
  id: "SRC-08",
  name: "googlecompute-arguments",
  severity: "error",
  docs: {
    summary: "googlecompute sources set project_id, zone, and source_image or source_image_family.",
    why: 'The googlecompute plugin rejects the source in `packer validate` ("a zone must be specified").',
    fix: 'Add the missing argument, e.g. `zone = "us-central1-a"`, `source_image_family = "debian-12"`.',
    evidence:
      "The source's arguments with values computed as Packer computes them, judged by the checks the googlecompute plugin's Prepare makes (read from its sources): an argument certainly absent, null or empty. A value not known before the build says nothing.",
  },
  check(ctx) {
    const out: Report[] = [];
    const uses: SourceUse[] = ctx.builds.flatMap((b) => b.uses);
    for (const [, decls] of ctx.sources) {
      const d = decls[0]!;
      if (!uses.some((u) => u.decl === d)) uses.push({ raw: "", type: d.type, name: d.name, file: d.file, range: d.block.range, decl: d, valid: true });
    }
    const seen = new Set<string>();
    for (const u of uses) {
      if (!u.decl || u.type !== "googlecompute") continue;
      const attrs = mergedAttributes(u);
      // Certainly unset (absent, null or empty as computed): a value not known here may be set.
      const unset = (n: string): boolean => argumentSet(ctx, attrs.get(n)?.expr) === false;
      const missing: string[] = [];
      if (unset("project_id")) missing.push("a project_id must be specified");
      if (unset("zone")) missing.push("a zone must be specified");
      if (unset("source_image") && unset("source_image_family")) missing.push("a source_image or source_image_family must be specified");
      for (const m of missing) {
        const key = `${u.decl.type}.${u.decl.name}:${m}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ file: u.decl.file, at: u.decl.block.labels[0]!.range.start, message: m });
      }
    }
    return out;
  },
};
