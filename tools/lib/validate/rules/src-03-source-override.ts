import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "SRC-03",
  name: "source-override",
  severity: "error",
  docs: {
    summary: "A build-level `source` block does not re-set an argument of the source definition.",
    why: 'Packer merges the two bodies and HCL refuses an argument set twice: "Duplicate argument … was already set".',
    fix: "Set the argument in one place only: leave it out of the definition, or out of the build-level block.",
    evidence:
      "The source definition and the build-level source block as written: an argument set in both is set twice in the body Packer merges, which HCL refuses.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const b of ctx.builds) {
      for (const u of b.uses) {
        if (!u.block || !u.decl) continue;
        for (const a of u.block.body.attributes) {
          if (a.name === "name") continue;
          const orig = u.decl.block.body.attributes.find((x) => x.name === a.name);
          if (!orig) continue;
          out.push({
            file: u.file,
            at: a.nameRange.start,
            message: `Duplicate argument: "${a.name}" was already set at ${u.decl.file.path}:${orig.nameRange.start.line}`,
            hint: "remove it from the source definition, or from this block",
          });
        }
      }
    }
    return out;
  },
};
