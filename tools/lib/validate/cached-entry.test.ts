import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { captureIo } from "../io.ts";
import { runValidate } from "./cached-entry.ts";

// The cached script runs with the arguments of `cli [--chdir DIR] validate ...`.
test("runValidate: --chdir, an optional leading 'validate', usage errors as exit 2", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cached-entry-"));
  writeFileSync(join(dir, "t.pkr.hcl"), 'source "null" "x" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.y"]\n}\n');
  const withPrefix = captureIo("/");
  expect(await runValidate(["--chdir", dir, "validate", "--no-color", "t.pkr.hcl"], withPrefix)).toBe(1);
  expect(withPrefix.out.join("")).toContain("t.pkr.hcl:6:14: error SRC-01: Unknown source null.y.");
  const bare = captureIo(dir);
  expect(await runValidate(["--no-color", "t.pkr.hcl"], bare)).toBe(1);
  expect(bare.out.join("")).toEqual(withPrefix.out.join(""));
  const usage = captureIo(dir);
  expect(await runValidate(["validate", "--format", "yaml", "t.pkr.hcl"], usage)).toBe(2);
  expect(usage.err.join("")).toContain('validate: --format must be human or json, got "yaml"');
});
