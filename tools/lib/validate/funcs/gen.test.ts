/**
 * The committed table against what gen.ts makes from the sources, when they are present.
 * `npm run gen:funcs` (GEN_FUNCS=write) rewrites table.ts instead of comparing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate, missingSources, newerPackerReleases, PACKER_VERSION, renderSig, sourcesRoot, type Sig } from "./gen.ts";
import { FUNCTIONS } from "./table.ts";
import { skipCheck } from "../../../testing/skips.ts";

const TABLE = join(dirname(fileURLToPath(import.meta.url)), "table.ts");
const root = sourcesRoot();
const missing = missingSources(root);
const write = process.env["GEN_FUNCS"] === "write";

if (missing.length) {
  skipCheck("funcs", `missing under ${root} (set PACKER_PLUGIN_SOURCES or fetch them): ${missing.join(", ")}`);
}

if (!missing.length) {
  const newer = newerPackerReleases(root);
  if (newer.length)
    console.warn(`funcs/gen.test.ts: the table is of Packer ${PACKER_VERSION}; newer releases are stored: ${newer.join(", ")} (bump PACKER_VERSION in gen.ts)`);
}

describe("function table (table.ts)", () => {
  it.skipIf(missing.length > 0)(
    missing.length
      ? `skipped: sources missing under ${root}: ${missing.join(", ")}`
      : write
        ? "is written from the sources"
        : "matches what gen.ts makes from the sources",
    () => {
      const gen = generate(root);
      if (write) {
        writeFileSync(TABLE, gen.text);
        console.log(`wrote ${TABLE}: ${gen.table.size} functions`);
        return;
      }
      const committed = FUNCTIONS as Record<string, Sig>;
      const problems: string[] = [];
      for (const [name, sig] of gen.table) {
        const have = committed[name];
        if (!have) problems.push(`${name}: missing from table.ts`);
        else if (renderSig(have) !== renderSig(sig)) problems.push(`${name}: table.ts has ${renderSig(have)}, the sources give ${renderSig(sig)}`);
      }
      for (const name of Object.keys(committed)) if (!gen.table.has(name)) problems.push(`${name}: in table.ts but not offered by the sources`);
      const text = readFileSync(TABLE, "utf8");
      if (!problems.length && text !== gen.text) problems.push(`table.ts text differs (header or layout); first line should be: ${gen.text.split("\n")[0]}`);
      expect(problems, "table.ts is stale; run `npm run gen:funcs`").toEqual([]);
    },
  );
});
