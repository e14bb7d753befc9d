/**
 * The committed schema tables (data/*.json) against the plugin sources, when they are present.
 *
 *   npx vitest run tools/lib/validate/schemas            check (skips what has no sources)
 *   npm run gen:schemas                                  regenerate (GEN_SCHEMAS=write)
 *
 * Sources: bare git directories `<root>/<owner>+<name>/repo`, root from PACKER_PLUGIN_SOURCES
 * (default `../.mirror` next to the repository); see README.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  GitSources,
  KINDS,
  PINS,
  dataFileName,
  defaultRoot,
  generatePlugin,
  missingSources,
  pinsByPlugin,
  renderCoverage,
  renderIndex,
  renderPlugin,
  type Def,
  type PluginSchema,
} from "./gen.ts";
import { whole } from "./whole.ts";
import { skipCheck } from "../../../testing/skips.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..", "..", "..");
const DATA = join(HERE, "data");
const README = join(HERE, "README.md");
const WRITE = process.env["GEN_SCHEMAS"] === "write";
const sources = new GitSources(defaultRoot(REPO));
const groups = pinsByPlugin(PINS);
const missing = new Map([...groups].map(([plugin, pins]) => [plugin, missingSources(sources, pins)]));
const generated = new Map<string, PluginSchema>();

function committedSchema(text: string): PluginSchema | undefined {
  try {
    return JSON.parse(whole(text)) as PluginSchema; // the file's defs made whole
  } catch {
    return undefined;
  }
}

/** A component's schema with its defs expanded, to compare across differently named defs. */
function expand(schema: PluginSchema, def: string, depth = 0): unknown {
  const d: Def | undefined = schema.defs[def];
  if (!d || depth > 20) return def;
  const blocks: Record<string, unknown> = {};
  for (const [n, b] of Object.entries(d.blocks)) blocks[n] = { ...b, def: b.def ? expand(schema, b.def, depth + 1) : undefined };
  return { attrs: d.attrs, blocks, internal: d.internal };
}

/** The first component whose schema differs, or a note on what else differs. */
function firstDifference(want: PluginSchema, have: PluginSchema | undefined): string {
  if (!have) return "the file holds no readable JSON";
  for (const rel of Object.keys(want.releases)) {
    const w = want.releases[rel]!;
    const h = have.releases[rel];
    if (!h) return `release ${rel} is missing`;
    for (const k of KINDS) {
      for (const name of new Set([...Object.keys(w[k]), ...Object.keys(h[k] ?? {})])) {
        const a = w[k][name];
        const b = h[k]?.[name];
        if (a === undefined || b === undefined) return `${k} ${name} is ${a === undefined ? "not in the sources" : "missing"} (release ${rel})`;
        if (JSON.stringify(expand(want, a)) !== JSON.stringify(expand(have, b))) return `${k} ${name} differs (release ${rel})`;
      }
    }
  }
  if (Object.keys(have.releases).length !== Object.keys(want.releases).length) return "the set of releases differs";
  return "the header, def names or layout differ";
}

describe("component schema tables", () => {
  for (const [plugin, pins] of groups) {
    const absent = missing.get(plugin)!;
    if (absent.length) skipCheck("schemas", `sources missing: ${absent[0]}${absent.length > 1 ? ` and ${absent.length - 1} more` : ""}`);
    it.skipIf(absent.length > 0)(`data/${dataFileName(plugin)} matches ${pins[0]!.repository} ${pins.map((p) => p.tag).join(", ")}`, () => {
      for (const pin of pins) {
        const tagged = sources.resolve(pin.repository, pin.tag);
        if (tagged && !tagged.startsWith(pin.commit)) expect.fail(`PINS: ${pin.repository} ${pin.tag} is ${tagged.slice(0, 12)}, not ${pin.commit}`);
      }
      const gen = generatePlugin(sources, pins);
      generated.set(plugin, gen.schema);
      const text = renderPlugin(gen, pins);
      expect(committedSchema(text), "the data file's defs, made whole, are the generated ones").toEqual(gen.schema);
      const file = join(DATA, dataFileName(plugin));
      if (WRITE) {
        mkdirSync(DATA, { recursive: true });
        writeFileSync(file, text);
        return;
      }
      const committed = existsSync(file) ? readFileSync(file, "utf8") : undefined;
      if (committed !== text) {
        const where = relative(REPO, file);
        const why = committed === undefined ? "is missing" : `differs: ${firstDifference(gen.schema, committedSchema(committed))}`;
        expect.fail(`${where} ${why}; run npm run gen:schemas`);
      }
    });
  }

  const allPresent = [...missing.values()].every((m) => m.length === 0);
  it.skipIf(!allPresent)("data/index.ts and the README's coverage table list every plugin", () => {
    const schemas = [...groups.keys()].map((p) => generated.get(p) ?? generatePlugin(sources, groups.get(p)!).schema);
    const index = renderIndex(schemas);
    const coverage = renderCoverage(schemas);
    const readme = readFileSync(README, "utf8");
    const table = /(<!-- coverage:start -->\n)[\s\S]*?(\n<!-- coverage:end -->)/;
    if (!table.test(readme)) expect.fail("README.md has no <!-- coverage:start --> ... <!-- coverage:end --> section");
    const newReadme = readme.replace(table, (_m, a: string, b: string) => a + coverage + b);
    const indexFile = join(DATA, "index.ts");
    if (WRITE) {
      writeFileSync(indexFile, index);
      writeFileSync(README, newReadme);
      return;
    }
    if (!existsSync(indexFile) || readFileSync(indexFile, "utf8") !== index) expect.fail(`${relative(REPO, indexFile)} differs; run npm run gen:schemas`);
    if (readme !== newReadme) expect.fail(`${relative(REPO, README)}: the coverage table differs; run npm run gen:schemas`);
  });
});
