import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { compareVersions, confirmedPackerVersions, generateVersionsBzl, PLATFORMS } from "./gen.ts";
import { skipCheck } from "../../testing/skips.ts";

const repo = resolve(import.meta.dirname, "../../..");

function release(status: string, sha = "a".repeat(64)) {
  return Object.fromEntries(PLATFORMS.map((p) => [p, { sha256: sha, url: `https://x/${p}.zip`, status }]));
}

describe("compareVersions", () => {
  test.each([
    ["1.10.0", "1.9.9", 1],
    ["1.9.9", "1.10.0", -1],
    ["1.16.0", "1.16.0", 0],
    ["1.16", "1.16.0", 0],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe("confirmedPackerVersions", () => {
  test("keeps only versions confirmed on all five platforms", () => {
    const partial = release("confirmed");
    delete (partial as Record<string, unknown>)["windows_amd64"];
    const versions = confirmedPackerVersions({
      packer: {
        "1.10.0": release("confirmed"),
        "1.9.0": release("confirmed"),
        "1.16.1": release("single source"),
        "1.12.0": partial,
        "1.11.0": release("confirmed", "not-a-sha"),
      },
    });
    expect([...versions.keys()]).toEqual(["1.9.0", "1.10.0"]);
  });

  test("the newest confirmed version is the default", () => {
    const text = generateVersionsBzl(
      { packer: { "1.9.0": release("confirmed"), "1.10.0": release("confirmed", "b".repeat(64)), "2.0.0": release("single source") } },
      { node: { "24.15.0": { linux_amd64: { official: { url: "https://nodejs.org/dist/v24.15.0/n.tar.xz", sha256: "c".repeat(64), strip_prefix: "n" } } } } },
    );
    expect(text).toContain('DEFAULT_PACKER_VERSION = "1.10.0"');
    expect(text).not.toContain('"2.0.0"');
    expect(text).toContain('"path": "v24.15.0/n.tar.xz"');
  });

  test("a table with no confirmed version is an error, not an empty file", () => {
    expect(() => generateVersionsBzl({ packer: { "1.0.0": release("single source") } }, { node: {} })).toThrow(/no version confirmed/);
  });
});

// The committed table must be exactly what the generator makes from the release data.
const data = resolve(repo, "../shared/data");
const haveData = existsSync(resolve(data, "packer-releases.json"));
test.runIf(haveData)("packer/private/versions.bzl is up to date with ../shared/data", () => {
  const generated = generateVersionsBzl(
    JSON.parse(readFileSync(resolve(data, "packer-releases.json"), "utf8")),
    JSON.parse(readFileSync(resolve(data, "node-releases.json"), "utf8")),
  );
  const committed = readFileSync(resolve(repo, "packer/private/versions.bzl"), "utf8");
  expect(committed, "run: npx bazelisk run //tools:gen_versions -- ../shared/data/packer-releases.json ../shared/data/node-releases.json").toBe(generated);
});
if (!haveData) skipCheck("versions.bzl freshness", "../shared/data/packer-releases.json is not on this machine");
