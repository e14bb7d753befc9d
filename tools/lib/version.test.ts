import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { VERSION, versionReport } from "./version.ts";

const root = new URL("../../", import.meta.url);

describe("version", () => {
  test("VERSION is MODULE.bazel's module version and package.json's version", () => {
    const module = /module\(\s*name = "rules_packer",\s*version = "([^"]+)"/.exec(readFileSync(new URL("MODULE.bazel", root), "utf8"));
    expect(module?.[1]).toBe(VERSION);
    expect((JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string }).version).toBe(VERSION);
  });

  test("the report names rules_packer, Node.js, and Packer when given", () => {
    expect(versionReport()).toBe(`rules_packer ${VERSION}\nNode.js ${process.version}\n`);
    expect(versionReport("v1.6.6")).toBe(`rules_packer ${VERSION}\nNode.js ${process.version}\nPacker 1.6.6\n`);
  });
});
