import { describe, expect, test } from "vitest";
import { listingUrlFor, parseSums, releaseZips, sumsUrlFor, templateProblem } from "./sources.ts";

describe("mirror templates", () => {
  const site = "https://mirror.example.com/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip";
  const github = "https://github.com/acme/packer-plugin-{name}/releases/download/v{version}/packer-plugin-{name}_v{version}_x5.0_{os}_{arch}.zip";

  test("SHA256SUMS beside the zip: the file name up to {version}, then _SHA256SUMS", () => {
    expect(sumsUrlFor(site, { name: "amazon", version: "1.8.1" })).toBe(
      "https://mirror.example.com/packer-plugin-amazon/1.8.1/packer-plugin-amazon_1.8.1_SHA256SUMS",
    );
    expect(sumsUrlFor(github, { name: "fake", version: "0.1.0" })).toBe(
      "https://github.com/acme/packer-plugin-fake/releases/download/v0.1.0/packer-plugin-fake_v0.1.0_SHA256SUMS",
    );
    expect(sumsUrlFor("https://m.example.com/packer/{version}/packer_{version}_{platform}.zip", { version: "1.16.0" })).toBe(
      "https://m.example.com/packer/1.16.0/packer_1.16.0_SHA256SUMS",
    );
  });

  test("index.json above a /{version}/ directory, none without one", () => {
    expect(listingUrlFor(site, { name: "amazon" })).toBe("https://mirror.example.com/packer-plugin-amazon/index.json");
    expect(listingUrlFor(github, { name: "fake" })).toBeUndefined();
  });

  test.each([
    ["https://m.example.com/{name}/{version}/{file}", "unknown placeholder {file} (known: {name}, {version}, {platform}, {os}, {arch}, {namespace})"],
    ["https://m.example.com/{version}/plugin.zip", "the file name must hold {version} (the SHA256SUMS beside it is named after it)"],
    ["mirror.example.com/{version}/p_{version}.zip", "not a URL (http://, https:// or file://)"],
  ])("%s is refused", (template, problem) => {
    expect(templateProblem(template)).toBe(problem);
  });
});

test("the zips of one release in its SHA256SUMS, both naming styles", () => {
  const sums = parseSums(
    [
      `${"a".repeat(64)}  packer-plugin-amazon_1.8.1_linux_amd64.zip`,
      `${"b".repeat(64)} *packer-plugin-amazon_1.8.1_darwin_arm64.zip`,
      `${"c".repeat(64)}  packer-plugin-amazon_1.8.1_manifest.json`,
      `${"d".repeat(64)}  packer-plugin-amazon_v1.8.1_x5.0_windows_amd64.zip`,
      `${"e".repeat(64)}  packer-plugin-amazon_1.8.10_linux_amd64.zip`,
      "",
    ].join("\n"),
  );
  expect(releaseZips(sums, "packer-plugin-amazon", "1.8.1").map((z) => [z.platform, z.protocol, z.sha256[0]])).toEqual([
    ["linux_amd64", "", "a"],
    ["darwin_arm64", "", "b"],
    ["windows_amd64", "x5.0", "d"],
  ]);
});
