import { formatHcl } from "../../fmt/format.ts";
import type { Report, Rule } from "../types.ts";

/** Longest expected line quoted whole; a longer one is cut (a generated one-line list can be megabytes). */
const QUOTED_LINE = 160;

function quoted(line: string): string {
  const points = [...line.slice(0, QUOTED_LINE + 1)];
  return JSON.stringify(points.length > QUOTED_LINE ? `${points.slice(0, QUOTED_LINE - 1).join("")}…` : line);
}

export const rule: Rule = {
  id: "FMT-01",
  name: "packer-fmt",
  severity: "warning",
  docs: {
    summary: "Files are formatted as `packer fmt` writes them (the first differing line is reported).",
    why:
      "Teams run `packer fmt -check` in CI and pre-commit; a file it would rewrite fails there, and unformatted " +
      "files make reviews noisy. This check needs no Packer: the helper formats byte for byte as `packer fmt` does.",
    fix:
      "Run `bazel run @rules_packer//tools:cli -- fmt FILE` (or a directory, with `-recursive` for subdirectories), " +
      "or `packer fmt FILE`. Make it an error with `--rule FMT-01=error` to enforce it.",
  },
  check(ctx) {
    const out: Report[] = [];
    const cli = ctx.options.cli ?? "@rules_packer//tools:cli";
    for (const file of [...ctx.templates, ...ctx.varFiles]) {
      // Packer formats HCL files only, and only those that parse (SYN-01 reports the others).
      if (file.json !== undefined || !file.path.endsWith(".hcl")) continue;
      if (file.diagnostics.some((d) => d.severity === "error")) continue;
      const formatted = formatHcl(file.text, {}, file.scanned);
      if (formatted === file.text) continue;
      const have = file.text.replace(/^\ufeff/, "").split("\n");
      const want = formatted.split("\n");
      let line = 0;
      while (line < have.length && have[line] === want[line]) line++;
      if (line === have.length) {
        out.push({
          file,
          at: { line: 1, column: 1 },
          message: "not formatted as `packer fmt` writes it: the file starts with a byte-order mark, which `packer fmt` removes",
          hint: `format the file: bazel run ${cli} -- fmt ${file.path}`,
        });
        continue;
      }
      const got = have[line] ?? "";
      const expected = want[line] ?? "";
      let column = 0;
      while (column < got.length && got[column] === expected[column]) column++;
      const codePoints = [...got.slice(0, column)].length;
      const bom = line === 0 && file.text.startsWith("\ufeff") ? 1 : 0;
      out.push({
        file,
        at: { line: line + 1, column: codePoints + 1 + bom },
        message: `not formatted as \`packer fmt\` writes it; this line should read ${quoted(expected.replace(/\r$/, ""))}`,
        hint: `format the file: bazel run ${cli} -- fmt ${file.path}`,
      });
    }
    return out;
  },
};
