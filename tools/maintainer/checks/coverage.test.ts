/**
 * The check tables against the pinned sources, when they are present:
 *
 *   npx vitest run tools/maintainer/checks     check (one line says what is skipped when sources are absent)
 *   npm run gen:checks                         rewrite the coverage block of tools/lib/validate/checks/README.md
 *
 * Sources: bare git directories `<root>/<owner>+<name>/repo` (root from PACKER_PLUGIN_SOURCES,
 * default `../.mirror` next to the repository), as for the schema generator.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CheckTable } from "../../lib/validate/checks/table.ts";
import { GitSources, PINS, defaultRoot, missingSources } from "../../lib/validate/schemas/gen.ts";
import { SCOPE, TABLES, citationProblems, loadTable, measure, renderCoverage, type Measured } from "./coverage.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..", "..");
const DATA = join(REPO, "tools", "lib", "validate", "checks", "data");
const README = join(REPO, "tools", "lib", "validate", "checks", "README.md");
const WRITE = process.env["GEN_CHECKS"] === "write";
const sources = new GitSources(defaultRoot(REPO));
const tables: Record<string, CheckTable> = Object.fromEntries(TABLES.map((t) => [t, loadTable(t, DATA)]));
const needed = Object.keys(SCOPE).flatMap((plugin) => PINS.filter((p) => p.plugin === plugin).slice(0, 1));
const missing = missingSources(sources, needed);
if (missing.length) console.log(`checks: skipped the coverage and citation checks: sources missing: ${missing.join("; ")}`);

describe.skipIf(missing.length > 0)("check tables against the pinned sources", () => {
  let measured: Measured | undefined;
  const get = (): Measured => (measured ??= measure(sources, tables));

  it("every citation is an error path of the pinned sources, with the entry's message", () => {
    expect(citationProblems(tables, get().sites)).toEqual([]);
  });

  it("every entry a component uses cites one of that component's error paths", () => {
    expect(get().strays).toEqual([]);
  });

  it("the README's coverage block is what the sources and tables give", () => {
    const block = renderCoverage(get().rows);
    const readme = readFileSync(README, "utf8");
    const re = /(<!-- coverage:start -->\n)[\s\S]*?(\n<!-- coverage:end -->)/;
    if (!re.test(readme)) expect.fail(`${relative(REPO, README)} has no <!-- coverage:start --> ... <!-- coverage:end --> block`);
    const next = readme.replace(re, (_m, a: string, b: string) => a + block + b);
    if (WRITE) writeFileSync(README, next);
    else if (next !== readme) expect.fail(`${relative(REPO, README)}: the coverage block is stale; run npm run gen:checks`);
  });
});
