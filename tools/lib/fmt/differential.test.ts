/**
 * The formatter against the real `packer fmt` ($PACKER, else `packer` on PATH; Packer 1.6.6
 * on the build machines): every template and var file in the repository, and badly
 * formatted variants of each (spacing, indentation, comments at line ends, blank lines,
 * CR LF, all mixed), and random templates from a grammar (variants.ts), must come out byte
 * for byte as Packer writes them. Against a Packer
 * older than 1.7.0 the formatter runs with `spaceAfterBang` (the one layout difference
 * between those releases and today's, see format.ts); anything else must match as is.
 *
 * Skipped, with the reason in the test name, where no Packer is installed.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../../testing/hcl/testutil.ts";
import { formatHcl } from "./format.ts";
import { compareAll, findPacker, oldBang, packerFormat, parses } from "../../testing/fmt/oracle.ts";
import { randomTemplate } from "../../testing/fmt/variants.ts";
import { skipCheck } from "../../testing/skips.ts";

/** Every *.pkr.hcl and *.pkrvars.hcl file in the repository (not in node_modules or bazel-* links). */
function repoTemplates(dir = REPO_ROOT, out: Array<{ name: string; text: string }> = []): Array<{ name: string; text: string }> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules" || e.name.startsWith("bazel-")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) repoTemplates(p, out);
    else if (/\.pkr(vars)?\.hcl$/.test(e.name)) out.push({ name: relative(REPO_ROOT, p), text: readFileSync(p, "utf8") });
  }
  return out;
}

const packer = findPacker();
const VARIANTS_PER_KIND = Number(process.env["FMT_VARIANTS"] ?? 6);
const RANDOM_TEMPLATES = Number(process.env["FMT_RANDOM"] ?? 400);
const title = packer
  ? `packer fmt ${packer.version} (${packer.path}) as the oracle`
  : "packer fmt as the oracle: SKIPPED, no packer on PATH (install Packer or set PACKER=/path/to/packer)";

if (packer === undefined) skipCheck("fmt differential", "no packer on PATH (install Packer or set PACKER=/path/to/packer)");

describe.skipIf(packer === undefined)(title, () => {
  const path = packer?.path ?? "packer";

  it("formats the repository's templates and their variants exactly as Packer does", () => {
    const inputs = repoTemplates();
    expect(inputs.length).toBeGreaterThan(10);
    const results = compareAll(path, inputs, VARIANTS_PER_KIND);
    const compared = results.filter((r) => r.packer !== undefined && r.ours !== undefined);
    // Nearly every variant is valid HCL; a generator that broke them all would test nothing.
    expect(compared.length).toBeGreaterThan(inputs.length * VARIANTS_PER_KIND * 5);
    const parseDisagreements = results
      .filter((r) => (r.packer === undefined) !== (r.ours === undefined))
      .map((r) => `${r.name}: ${r.packer === undefined ? "Packer rejects it" : "we reject it"}`);
    expect(parseDisagreements).toEqual([]);
    const different = compared.filter((r) => r.ours !== r.packer).map((r) => ({ name: r.name, input: r.input, packer: r.packer, ours: r.ours }));
    expect(different.slice(0, 3)).toEqual([]);
    console.log(`fmt differential: ${compared.length} texts (${inputs.length} files and their variants) identical to packer fmt ${packer!.version}`);
  });

  it("formats random templates from a grammar exactly as Packer does", () => {
    const texts = Array.from({ length: RANDOM_TEMPLATES }, (_, i) => randomTemplate(i + 1));
    const theirs = packerFormat(path, texts);
    const bang = oldBang(path);
    let compared = 0;
    const problems: string[] = [];
    texts.forEach((t, i) => {
      const ours = parses(t) ? formatHcl(t, { spaceAfterBang: bang }) : undefined;
      if ((ours === undefined) !== (theirs[i] === undefined)) problems.push(`seed ${i + 1}: ${ours === undefined ? "we reject it" : "Packer rejects it"}`);
      else if (ours !== undefined) {
        compared++;
        if (ours !== theirs[i]) problems.push(`seed ${i + 1}: output differs`);
      }
    });
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(RANDOM_TEMPLATES / 3);
    console.log(`fmt differential: ${compared} random templates identical to packer fmt ${packer!.version}`);
  });

  it("matches Packer on layouts the repository's files do not have", () => {
    const texts = [
      'a = "${ {a=1} }"\n',
      "a = [for x in [1] : x]\nb = {for k, v in m: k=>v}\n",
      "x {\na = <<-EOT\n  ${ y }\n    EOT\n}\n",
      "a = f(\n1,\n[2,\n3])\nb = 1\n",
      "a = 1 # c\n\n\nbb = 2 /* d */\n  ",
      "x {\r\n\ta\t=\t1\r\n}\r\n",
      "a = x ? -1 : !y\nb = x % 2 == 0 || y >= 1\n",
      'a = "%{ for i in xs ~} ${ i } %{~ endfor }"\n',
      "locals {\n  a   =   1\n  b = [\n    1, 2,\n  ]\n  c = { x = 1,\n  yy = 2 }\n}\n",
    ];
    const out = packerFormat(path, texts);
    texts.forEach((t, i) => {
      expect(out[i], `Packer rejected ${JSON.stringify(t)}`).toBeDefined();
    });
    const bang = oldBang(path);
    expect(texts.map((t) => formatHcl(t, { spaceAfterBang: bang }))).toEqual(out);
  });
});
