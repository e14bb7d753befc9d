/** The committed data files: their shape, and that the helper's bundler takes the index that reads them. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { bundle, type Source } from "../../../scripts/bundle.ts";
import { LOAD, PLUGINS } from "./data/index.ts";
import type { Def, PluginSchema } from "./gen.ts";

const DATA = join(dirname(fileURLToPath(import.meta.url)), "data");
const FILES = readdirSync(DATA).filter((f) => f.endsWith(".json"));
const TYPES = /^(string|number|bool|any|(list|set|map)\(.+\)|object\(\{.*\}\)|tuple\(\[.*\]\))$/;

describe("schema data files", () => {
  it("index.ts lists every data file, and each loads and parses", () => {
    expect(Object.keys(PLUGINS).sort()).toEqual(FILES.map((f) => f.slice(0, -".json".length)).sort());
    for (const [plugin, info] of Object.entries(PLUGINS)) {
      const text = LOAD[plugin]!();
      expect(text.trimEnd(), "one line of JSON").not.toMatch(/\n/);
      const schema = JSON.parse(text) as PluginSchema;
      expect(schema.plugin).toBe(plugin);
      expect(schema.source).toBe(info.source);
      expect(Object.keys(schema.releases).sort()).toEqual([...info.releases].sort());
      const used = new Set<string>();
      for (const rel of Object.values(schema.releases)) {
        for (const [kind, comps] of Object.entries(rel)) {
          for (const [name, def] of Object.entries(comps)) {
            expect(info.components[kind as keyof typeof info.components]).toContain(name);
            expect(schema.defs[def], `${plugin} ${kind} ${name} -> ${def}`).toBeDefined();
            used.add(def);
          }
        }
      }
      const walk = (name: string): void => {
        const d: Def = schema.defs[name]!;
        for (const t of Object.values(d.attrs)) expect(t).toMatch(TYPES);
        for (const [b, block] of Object.entries(d.blocks)) {
          expect(["single", "list", "set", "map", "attrs"]).toContain(block.nesting);
          if (block.nesting === "attrs") expect(block.type).toMatch(TYPES);
          else {
            expect(schema.defs[block.def!], `${plugin} ${name}.${b} -> ${block.def}`).toBeDefined();
            if (!used.has(block.def!)) {
              used.add(block.def!);
              walk(block.def!);
            }
          }
        }
      };
      for (const def of [...used]) walk(def);
      expect(
        Object.keys(schema.defs).filter((d) => !used.has(d)),
        `${plugin}: defs nothing uses`,
      ).toEqual([]);
    }
  });

  it("the helper's bundler takes index.ts, whose tables stay on disk until used", async () => {
    const sources = new Map<string, Source>();
    const outputs = new Map<string, string>();
    const out = mkdtempSync(join(tmpdir(), "schemas-bundle-"));
    for (const f of ["data/index.ts", "read.ts", "whole.ts"]) {
      const js = ts.transpileModule(readFileSync(join(DATA, "..", f), "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      }).outputText;
      sources.set(f, { path: f, js });
      outputs.set(f, join(out, f.replace(/\.ts$/, ".js")));
    }
    const file = join(out, "index.bundle.mjs");
    const code = bundle("data/index.ts", sources, new Set(), new Map([...outputs, ["data/index.ts", file]]));
    expect(code.length, "no table is inlined").toBeLessThan(20_000);
    writeFileSync(file, code);
    const mod = (await import(pathToFileURL(file).href)) as { LOAD: Record<string, () => string> };
    expect(JSON.parse(mod.LOAD["amazon"]!()).plugin).toBe("amazon");
    expect(() => bundle("data/index.ts", sources, new Set(), outputs, "cjs")).not.toThrow();
  });
});
