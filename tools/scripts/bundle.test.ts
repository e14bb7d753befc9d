import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { runInThisContext } from "node:vm";
import { describe, expect, test } from "vitest";
import { bundle, entryPoints, type Source } from "./bundle.ts";

function sources(files: Record<string, string>): Map<string, Source> {
  return new Map(Object.entries(files).map(([path, js]) => [path, { path, js }]));
}

/** Writes every output (plain modules and the bundle) under a temp dir and imports the bundle. */
async function load(files: Record<string, string>, entry: string, shared: string[] = []): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bundle-"));
  const outputs = new Map(Object.keys(files).map((p) => [p, join(dir, p.replace(/\.ts$/, ".mjs"))]));
  for (const [p, js] of Object.entries(files)) {
    mkdirSync(dirname(outputs.get(p)!), { recursive: true });
    writeFileSync(outputs.get(p)!, js.replace(/\.ts"/g, '.mjs"'));
  }
  writeFileSync(outputs.get(entry)!, bundle(entry, sources(files), new Set(shared), outputs));
  return import(pathToFileURL(outputs.get(entry)!).href);
}

describe("bundle", () => {
  test("named, renamed, default and namespace imports; export lists; evaluation in dependency order, once", async () => {
    const files = {
      "t/log.ts": "export const seen = [];\nexport function note(x) {\n  seen.push(x);\n}\n",
      "t/a.ts": 'import { note } from "./log.ts";\nnote("a");\nconst hidden = 2;\nexport function twice(x) {\n  return x * hidden;\n}\n',
      "t/b.ts":
        'import { note as n, seen } from "./log.ts";\nimport * as A from "./a.ts";\nn("b");\nconst value = A.twice(21);\nexport { value, seen as order };\n',
      "t/cmd.ts":
        'import path from "node:path";\nimport { join } from "node:path";\nimport { value, order } from ' +
        '"./b.ts";\nimport { twice } from "./a.ts";\nexport const main = () => [value, twice(1), join("x", "y"), ' +
        "path.sep, [...order]];\n",
    };
    const mod = await load(files, "t/cmd.ts");
    expect((mod["main"] as () => unknown)()).toEqual([42, 2, "x/y", "/", ["a", "b"]]);
  });

  test("a shared module stays one module: its classes are the same objects inside and outside", async () => {
    const files = {
      "t/io.ts": "export class UsageError extends Error {}\n",
      "t/cmd.ts": 'import { UsageError } from "./io.ts";\nexport function fail() {\n  throw new UsageError("bad");\n}\nexport { UsageError };\n',
    };
    const mod = await load(files, "t/cmd.ts", ["t/io.ts"]);
    expect(() => (mod["fail"] as () => void)()).toThrow(mod["UsageError"] as new () => Error);
    const text = bundle(
      "t/cmd.ts",
      sources(files),
      new Set(["t/io.ts"]),
      new Map([
        ["t/cmd.ts", "out/t/cmd.js"],
        ["t/io.ts", "out/t/io.js"],
      ]),
    );
    expect(text).toContain('import * as __x0 from "./io.js";');
    expect(text).not.toContain("class UsageError");
  });

  test.each([
    ["export let counter = 0;\n", "export let (a live binding)"],
    ["export default 1;\n", "export default / export *"],
    ['export * from "./x.ts";\n', "export default / export *"],
    ['const m = await import("./x.ts");\n', "a dynamic import()"],
    ["const here = import.meta.url;\n", "import.meta"],
    ['export { a } from "./x.ts";\n', "export { ... } from"],
  ])("refuses %j", (js, form) => {
    expect(() => bundle("t/e.ts", sources({ "t/e.ts": js, "t/x.ts": "export const a = 1;\n" }), new Set(), new Map([["t/e.ts", "o/e.js"]]))).toThrow(
      `t/e.ts: ${form} is not supported by the helper's bundler`,
    );
  });

  test("refuses an import cycle and a missing module, naming the files", () => {
    const out = new Map([["t/a.ts", "o/a.js"]]);
    expect(() =>
      bundle(
        "t/a.ts",
        sources({ "t/a.ts": 'import { b } from "./b.ts";\nexport const a = 1;\n', "t/b.ts": 'import { a } from "./a.ts";\nexport const b = 2;\n' }),
        new Set(),
        out,
      ),
    ).toThrow("t/b.ts: import cycle through t/a.ts");
    expect(() => bundle("t/a.ts", sources({ "t/a.ts": 'import { z } from "./zzz.ts";\n' }), new Set(), out)).toThrow(
      "t/a.ts: imports t/zzz.ts, which is not among the helper's sources",
    );
  });

  test("cjs format: built-ins through require(), nothing else from outside", () => {
    const files = {
      "t/a.ts": 'import { join } from "node:path";\nimport path from "node:path";\nexport const p = join("a", path.sep);\n',
      "t/e.ts": 'import { p } from "./a.ts";\nglobalThis.__bundled = p;\n',
    };
    const out = new Map([["t/e.ts", "o/e.cjs"]]);
    const text = bundle("t/e.ts", sources(files), new Set(), out, "cjs");
    expect(text).toContain('const __x0 = require("node:path");');
    expect(text).not.toMatch(/^(import|export) /m);
    new Function("require", text)((m: string) => (m === "node:path" ? { join: (x: string, y: string) => `${x}+${y}`, sep: "/" } : undefined));
    expect((globalThis as { __bundled?: string }).__bundled).toBe("a+/");
    expect(() => bundle("t/e.ts", sources({ "t/e.ts": 'import YAML from "yaml";\n' }), new Set(), out, "cjs")).toThrow(
      't/e.ts: a CommonJS bundle can only use node: modules, not "yaml"',
    );
  });

  test("script format: one strict function of require that returns the entry's exports", () => {
    const files = {
      "t/a.ts": 'import { join } from "node:path";\nexport function where(x) {\n  return join("a", x);\n}\n',
      "t/e.ts":
        'import { where } from "./a.ts";\nexport function run(x) {\n  return where(x);\n}\nexport const strict = (function () {\n  return this === undefined;\n})();\n',
    };
    const out = new Map([["t/e.ts", "o/e.js"]]);
    const text = bundle("t/e.ts", sources(files), new Set(), out, "script");
    const required: string[] = [];
    const make = runInThisContext(text) as (require: (id: string) => unknown) => { run: (x: string) => string; strict: boolean };
    const exports = make((id) => (required.push(id), process.getBuiltinModule(id)));
    expect(exports.run("b")).toBe(join("a", "b"));
    expect(exports.strict).toBe(true);
    expect(required).toEqual(["node:path"]);
    expect(() => bundle("t/e.ts", sources({ "t/e.ts": 'import YAML from "yaml";\n' }), new Set(), out, "script")).toThrow(
      't/e.ts: a script bundle can only use node: modules, not "yaml"',
    );
  });

  test("entryPoints: lazy imports become bundles, eager ones stay shared", () => {
    const cli = 'import { run } from "./lib/io.ts";\nconst c = { v: async () => (await import("./lib/v/command.ts")).main };\n';
    expect(entryPoints("tools/cli.ts", cli)).toEqual({ lazy: ["tools/lib/v/command.ts"], eager: ["tools/lib/io.ts"] });
  });
});
