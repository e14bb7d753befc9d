import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { loadScript, startCached, stemOf } from "./code-cache.ts";

/** A script in the cached format: a strict function of require returning { run, warmUp }. */
const SCRIPT = `(function (require) {
"use strict";
const { basename } = require("node:path");
let warmed = 0;
return {
  run(argv) { globalThis.__codeCacheRun = [basename("/a/b"), argv, warmed]; },
  async warmUp() { warmed++; },
};
})
`;

function fixture(): { dir: string; loader: string; stem: string; err: string[]; stderr: (t: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), "code-cache-"));
  // Unique text: V8 keeps what it compiled in this process and would not even read a cache.
  writeFileSync(join(dir, "x.js"), `${SCRIPT}// ${dir}\n`);
  const err: string[] = [];
  return { dir, loader: join(dir, "x.cjs"), stem: join(dir, "x"), err, stderr: (t) => err.push(t) };
}

const ran = () => (globalThis as { __codeCacheRun?: unknown }).__codeCacheRun;

test("the script and its cache are found by the loader's own name", () => {
  expect(stemOf("/r/tools/helper.validate.cjs")).toBe("/r/tools/helper.validate");
});

test("--write-code-cache warms the script up and writes a cache V8 then accepts", async () => {
  const f = fixture();
  expect(await startCached(f.loader, ["--write-code-cache", `${f.stem}.cache`], {}, f.stderr)).toBe(0);
  expect(statSync(`${f.stem}.cache`).size).toBeGreaterThan(0);
  const { script } = loadScript(f.stem, readFileSync(`${f.stem}.cache`));
  expect(script.cachedDataRejected).toBe(false);
  // A run starts from the cache; the warm-up's state is not in it, only code.
  expect(await startCached(f.loader, ["validate", "t.pkr.hcl"], { RULES_PACKER_CODE_CACHE: "require" }, f.stderr)).toBeUndefined();
  expect(ran()).toEqual(["b", ["validate", "t.pkr.hcl"], 0]);
  expect(f.err).toEqual([]);
});

// Each case has a script of its own: V8 keeps what it compiled in this process, and a second
// compilation of the same text would not read the cache at all.
test("without a cache the script still runs; RULES_PACKER_CODE_CACHE=require makes it an error", async () => {
  const f = fixture();
  expect(await startCached(f.loader, ["one"], { RULES_PACKER_CODE_CACHE: "require" }, f.stderr)).toBe(2);
  expect(f.err.join("")).toBe(`code cache: there is no ${f.stem}.cache, and RULES_PACKER_CODE_CACHE=require\n`);
  expect(await startCached(f.loader, ["two"], {}, f.stderr)).toBeUndefined();
  expect(ran()).toEqual(["b", ["two"], 0]);
});

test("a cache V8 refuses: an error under RULES_PACKER_CODE_CACHE=require, else the script runs", async () => {
  const f = fixture();
  writeFileSync(`${f.stem}.cache`, "not V8's code");
  expect(await startCached(f.loader, ["three"], { RULES_PACKER_CODE_CACHE: "require" }, f.stderr)).toBe(2);
  expect(f.err.join("")).toContain(`code cache: V8 rejected ${f.stem}.cache`);
  const g = fixture();
  writeFileSync(`${g.stem}.cache`, "not V8's code");
  expect(await startCached(g.loader, ["four"], {}, g.stderr)).toBeUndefined();
  expect(ran()).toEqual(["b", ["four"], 0]);
  expect(g.err).toEqual([]);
});

test("--write-code-cache without a file is a usage error", async () => {
  const f = fixture();
  expect(await startCached(f.loader, ["--write-code-cache"], {}, f.stderr)).toBe(2);
  expect(f.err.join("")).toBe("usage: node <stem>.cjs --write-code-cache FILE\n");
  expect(existsSync(`${f.stem}.cache`)).toBe(false);
});
