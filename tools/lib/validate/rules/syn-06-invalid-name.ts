import type { Report, Rule } from "../types.ts";

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export const rule: Rule = {
  id: "SYN-06",
  name: "invalid-name",
  severity: "error",
  docs: {
    summary: "Names of variables, locals, sources and data sources are valid identifiers.",
    why: 'Packer refuses other names when it parses the file: "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes."',
    fix: "Rename, e.g. `2nd-disk` → `second_disk`.",
    evidence: "The name as written and the identifier grammar Packer checks (hclsyntax.ValidIdentifier), applied when it parses the file.",
  },
  check(ctx) {
    const out: Report[] = [];
    const msg = (what: string, name: string): string =>
      `Invalid ${what} name "${name}": a name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes`;
    for (const file of ctx.templates) {
      for (const b of file.body.blocks) {
        if (b.type === "variable" || b.type === "local") {
          const l = b.labels[0];
          if (l && !NAME.test(l.value)) out.push({ file, at: l.range.start, message: msg(b.type, l.value) });
        } else if (b.type === "source" || b.type === "data") {
          const l = b.labels[1];
          if (l && !NAME.test(l.value)) out.push({ file, at: l.range.start, message: msg(b.type, l.value) });
        } else if (b.type === "locals") {
          for (const a of b.body.attributes) if (!NAME.test(a.name)) out.push({ file, at: a.nameRange.start, message: msg("local", a.name) });
        }
      }
    }
    return out;
  },
};
