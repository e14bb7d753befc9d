import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "SRC-02",
  name: "duplicate-or-unused-source",
  severity: "error",
  docs: {
    summary: "Sources and data sources are unique by type and name; each build uses a source; there is a build.",
    why: 'Packer refuses duplicate source or data blocks ("Duplicate source block"), a build without sources ("missing source reference") and a template set without a build ("Missing build block").',
    fix: 'Rename or remove the duplicate, add `sources = ["source.TYPE.NAME"]` to the build, or add a build block.',
    evidence:
      "The declarations as written: a source or data source declared twice, a build that names no source, or no build at all. Packer refuses each when it parses the templates.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const [kind, table] of [
      ["source", ctx.sources],
      ["data", ctx.data],
    ] as const) {
      for (const [key, decls] of table) {
        const first = decls[0]!;
        for (const d of decls.slice(1)) {
          out.push({
            file: d.file,
            at: d.block.typeRange.start,
            message: `Duplicate ${kind} block ${key}; first defined at ${first.file.path}:${first.block.typeRange.start.line}`,
          });
        }
      }
    }
    for (const b of ctx.builds) {
      if (b.uses.length === 0 && !b.block.body.attributes.some((a) => a.name === "sources") && !b.block.body.blocks.some((c) => c.type === "source")) {
        out.push({
          file: b.file,
          at: b.block.typeRange.start,
          message: "missing source reference",
          hint: 'a build block must reference at least one source: sources = ["source.TYPE.NAME"]',
        });
      } else if (b.uses.length === 0 && !b.block.body.blocks.some((c) => c.type === "source")) {
        const a = b.block.body.attributes.find((x) => x.name === "sources")!;
        if (a.expr.kind === "Tuple" && a.expr.items.length === 0) {
          out.push({ file: b.file, at: a.expr.range.start, message: "missing source reference", hint: "the sources list is empty" });
        }
      }
    }
    const withBody = ctx.templates.filter((f) => f.body.items.length > 0);
    if (ctx.builds.length === 0 && withBody.length > 0 && withBody.every((f) => f.diagnostics.length === 0)) {
      out.push({
        file: withBody[0]!,
        at: { line: 1, column: 1 },
        message: "Missing build block",
        hint: "a build block with one or more sources is required to build anything",
      });
    }
    return out;
  },
};
