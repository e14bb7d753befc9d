import { lookupComponent } from "./utils/components.ts";
import type { Report, Rule, RuleContext } from "../types.ts";
import { closest, suggestionLimit } from "../util.ts";

function misspelledType(ctx: RuleContext, type: string): boolean {
  const found = lookupComponent(ctx, "source", type);
  return found.status === "unknown-type" || found.status === "misspelled";
}

export const rule: Rule = {
  id: "SRC-01",
  name: "source-reference",
  severity: "error",
  docs: {
    summary: "Build source references are well-formed (`source.TYPE.NAME` or `TYPE.NAME`) and name a declared source.",
    why: 'Packer resolves build sources only when it initialises the build: "Unknown source amazon-ebs.runer" or "Invalid source reference" fails `packer validate`.',
    fix: "Fix the reference (the suggestion is the closest declared source) or declare the source.",
    evidence:
      "The build's source references (literal, or computed as Packer computes them) and the sources the templates declare: a reference that is malformed or names no declared source; references not known before the build are not judged.",
  },
  check(ctx) {
    const out: Report[] = [];
    const known = [...ctx.sources.keys()];
    for (const b of ctx.builds) {
      for (const u of b.uses) {
        const parts = u.raw.split(".");
        if (!u.valid) {
          out.push({ file: u.file, at: u.range.start, message: `Invalid source reference "${u.raw}"`, hint: "a source reference looks like source.TYPE.NAME" });
          continue;
        }
        // Packer drops the first of three parts whatever it is (sourceRefFromString), so
        // "sources.TYPE.NAME" (a common spelling) works; another prefix works too but reads
        // like a mistake.
        if (parts.length === 3 && parts[0] !== "source" && parts[0] !== "sources") {
          out.push({
            file: u.file,
            at: u.range.start,
            severity: "warning",
            message: `"${u.raw}" is not a source reference; use "source.${parts[1]}.${parts[2]}"`,
            hint: "Packer ignores the first part, but only source. says what it is",
          });
        }
        if (parts.length > 3) {
          out.push({ file: u.file, at: u.range.start, message: `Invalid source reference "${u.raw}"`, hint: "a source reference looks like source.TYPE.NAME" });
          continue;
        }
        if (u.decl) continue;
        const key = `${u.type}.${u.name}`;
        const best = closest(key, known, suggestionLimit(key));
        // The source is declared under a misspelled type, which CMP-01 reports where it is written.
        const sameName = [...ctx.sources.values()].flat().filter((d) => d.name === u.name && d.type !== u.type);
        if (sameName.some((d) => misspelledType(ctx, d.type))) continue;
        const mean = best !== undefined ? ` Did you mean "${best}"?` : "";
        out.push({
          file: u.file,
          at: u.range.start,
          message: `Unknown source ${key}.${mean}`,
          hint: known.length > 0 && !mean ? `known sources: ${known.join(", ")}` : undefined,
        });
      }
    }
    return out;
  },
};
