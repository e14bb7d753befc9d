import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { captureIo } from "../lib/io.ts";
import { main, runtimePackages } from "./check-npm.ts";

const lock = {
  packages: {
    "": { name: "x" },
    "node_modules/yaml": { version: "2.9.1", integrity: "sha512-a" },
    "node_modules/vitest": { version: "3.2.7", integrity: "sha512-b", dev: true },
    "node_modules/@scope/pkg": { version: "1.0.0", integrity: "sha512-c" },
  },
};

function workspace(fetched: Record<string, string>, unpacked: Record<string, { name: string; version: string }>) {
  const dir = mkdtempSync(join(tmpdir(), "check-npm-"));
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock));
  writeFileSync(join(dir, "packages.json"), JSON.stringify(fetched));
  for (const [path, pkg] of Object.entries(unpacked)) {
    mkdirSync(join(dir, path), { recursive: true });
    writeFileSync(join(dir, path, "package.json"), JSON.stringify(pkg));
  }
  return dir;
}

describe("check-npm-packages", () => {
  test("runtime packages skip dev dependencies and the root", () => {
    expect([...runtimePackages(lock)]).toEqual([
      ["node_modules/yaml", "2.9.1"],
      ["node_modules/@scope/pkg", "1.0.0"],
    ]);
  });

  const good = { "node_modules/yaml": "2.9.1", "node_modules/@scope/pkg": "1.0.0" };
  const unpacked = { "node_modules/yaml": { name: "yaml", version: "2.9.1" }, "node_modules/@scope/pkg": { name: "@scope/pkg", version: "1.0.0" } };

  test("passes when Bazel fetched exactly the locked packages", async () => {
    const io = captureIo(workspace(good, unpacked));
    expect(await main(["package-lock.json", "packages.json"], io)).toBe(0);
    expect(io.out.join("")).toContain("2 npm packages match");
  });

  test("fails on a missing, a stale and an extra package", async () => {
    const io = captureIo(
      workspace({ "node_modules/yaml": "2.8.0", "node_modules/left-pad": "1.0.0" }, { "node_modules/yaml": { name: "yaml", version: "2.8.0" } }),
    );
    expect(await main(["package-lock.json", "packages.json"], io)).toBe(1);
    const err = io.err.join("");
    expect(err).toContain("node_modules/yaml: package-lock.json has 2.9.1, Bazel fetched 2.8.0");
    expect(err).toContain("node_modules/@scope/pkg: not in the helper's runfiles");
    expect(err).toContain("node_modules/left-pad: fetched by Bazel but not a runtime package");
  });
});
