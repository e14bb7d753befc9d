import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { constraintAllows, normalizeSource, parsePinsFile, pinnedPluginsInDir, pinProblem } from "./plugins.ts";

describe("constraintAllows (hashicorp/go-version, as Packer reads required_plugins)", () => {
  test.each([
    // pessimistic: the last written segment may grow
    ["~> 1.2", "1.2.0", true],
    ["~> 1.2", "1.9.12", true],
    ["~> 1.2", "2.0.0", false],
    ["~> 1.2", "1.1.9", false],
    ["~> 1.2.3", "1.2.9", true],
    ["~> 1.2.3", "1.3.0", false],
    ["~> 1.2.3", "1.2.2", false],
    ["~> 1", "3.4.5", true],
    ["~> 1", "0.9.0", false],
    // comparisons, several parts, a bare version
    [">= 1.2, < 2", "1.8.1", true],
    [">= 1.2, < 2", "2.0.0", false],
    [">=1.2.0,<2.0.0", "1.2.0", true],
    ["1.2.3", "1.2.3", true],
    ["1.2.3", "1.2.4", false],
    ["= 1.2", "1.2.0", true],
    ["!= 1.2.3", "1.2.3", false],
    ["!= 1.2.3", "1.2.4", true],
    ["> 1.2.3", "1.2.3", false],
    ["<= 1.2.3", "1.2.3", true],
    // a "v" prefix and build metadata
    ["~> 1.8", "v1.8.1", true],
    [">= 1.0.0", "1.0.0+ent", true],
    // pre-releases satisfy only a constraint that names a pre-release of the same version
    [">= 1.0", "1.1.0-beta", false],
    [">= 1.1.0-alpha", "1.1.0-beta", true],
    [">= 1.1.0-alpha", "1.2.0-beta", false],
    [">= 1.1.0-beta.2", "1.1.0-beta.10", true],
    ["< 1.1.0", "1.1.0-rc1", false],
    ["= 1.1.0-rc1", "1.1.0-rc1", true],
  ])("%s allows %s: %s", (constraint, version, expected) => {
    expect(constraintAllows(constraint, version)).toBe(expected);
  });

  test.each([
    ["", "1.0.0"],
    ["~> one", "1.0.0"],
    [">= 1.0,", "1.0.0"],
    ["~> 1.0", "latest"],
  ])("%j with %j cannot be judged", (constraint, version) => {
    expect(constraintAllows(constraint, version)).toBeUndefined();
  });
});

describe("pins", () => {
  test("source addresses compare without scheme, case or trailing slash", () => {
    expect(normalizeSource(" https://GitHub.com/HashiCorp/Amazon/ ")).toBe("github.com/hashicorp/amazon");
  });

  test("pinnedPluginsInDir reads source and version from Packer's plugin layout", () => {
    const dir = mkdtempSync(join(tmpdir(), "pins-"));
    const amazon = join(dir, "github.com", "hashicorp", "amazon");
    mkdirSync(amazon, { recursive: true });
    writeFileSync(join(amazon, "packer-plugin-amazon_v1.8.1_x5.0_linux_amd64"), "");
    writeFileSync(join(amazon, "packer-plugin-amazon_v1.8.1_x5.0_linux_amd64_SHA256SUM"), "");
    mkdirSync(join(dir, "example.com", "acme", "fake"), { recursive: true });
    writeFileSync(join(dir, "example.com", "acme", "fake", "packer-plugin-fake_v0.1.0-rc.1_x5.0_darwin_arm64"), "");
    expect(pinnedPluginsInDir(dir)).toEqual(
      new Map([
        ["github.com/hashicorp/amazon", "1.8.1"],
        ["example.com/acme/fake", "0.1.0-rc.1"],
      ]),
    );
    expect(pinnedPluginsInDir(join(dir, "missing"))).toEqual(new Map());
  });

  test("parsePinsFile reads the hub's list and rejects anything else, naming the file", () => {
    expect(parsePinsFile('[{"source": "github.com/HashiCorp/amazon", "version": "1.8.1"}]', "pins.json")).toEqual(
      new Map([["github.com/hashicorp/amazon", "1.8.1"]]),
    );
    expect(parsePinsFile("[]", "pins.json")).toEqual(new Map());
    expect(() => parsePinsFile("{", "pins.json")).toThrow(/^pins\.json: not JSON/);
    expect(() => parsePinsFile('[{"source": "x"}]', "pins.json")).toThrow('pins.json: expected a JSON list of {"source", "version"}, got {"source":"x"}');
  });

  test("pinProblem: unpinned, a version outside the constraint, or nothing", () => {
    const pins = new Map([["github.com/hashicorp/amazon", "1.8.1"]]);
    expect(pinProblem(pins, "github.com/hashicorp/googlecompute", "~> 1.1")).toEqual({ kind: "unpinned" });
    expect(pinProblem(pins, "github.com/hashicorp/amazon", "~> 2.0")).toEqual({ kind: "version", pinned: "1.8.1" });
    expect(pinProblem(pins, "GitHub.com/hashicorp/amazon", "~> 1.3")).toBeUndefined();
    expect(pinProblem(pins, "github.com/hashicorp/amazon", undefined)).toBeUndefined();
    expect(pinProblem(pins, "github.com/hashicorp/amazon", "not a constraint")).toBeUndefined();
    // Packer judges a pre-release pin by its core version.
    const dev = new Map([["github.com/hashicorp/amazon", "1.8.1-dev"]]);
    expect(pinProblem(dev, "github.com/hashicorp/amazon", "~> 1.8")).toBeUndefined();
    expect(pinProblem(dev, "github.com/hashicorp/amazon", ">= 1.9")).toEqual({ kind: "version", pinned: "1.8.1-dev" });
  });
});
