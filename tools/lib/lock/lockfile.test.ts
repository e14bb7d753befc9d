import { describe, expect, test } from "vitest";
import { formatLockFile, parseJsonWithPositions, readLockFile, type LockFile } from "./lockfile.ts";

const release = {
  version: "1.8.1",
  sha256: { linux_amd64: "a".repeat(64) },
  urls: ["https://releases.hashicorp.com/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip"],
  sha256sums: "https://releases.hashicorp.com/packer-plugin-amazon/1.8.1/packer-plugin-amazon_1.8.1_SHA256SUMS",
  signature: { verified: true, key: "C820C6D5CD27AB87" },
};

describe("the lock file", () => {
  test("what formatLockFile writes, readLockFile reads back, with every line known", () => {
    const lock: LockFile = { plugins: { "github.com/hashicorp/amazon": { ...release, constraints: ["~> 1.8"] } } };
    const text = formatLockFile(lock);
    const read = readLockFile(text);
    expect(read.problems).toEqual([]);
    expect(read.lock).toEqual(lock);
    const versionLine = text.split("\n").findIndex((l) => l.includes('"version": "1.8.1"')) + 1;
    expect(read.positions!.values.get("/plugins/github.com~1hashicorp~1amazon/version")).toEqual({ line: versionLine, column: 18 });
  });

  test.each([
    ['{\n  "lock_version": 1,\n}\n', 3, 1, 'not valid JSON: unexpected "}" (a member name in quotes)'],
    ['{\n  "lock_version": 1\n  "plugins": {}\n}\n', 3, 3, 'not valid JSON: unexpected "\\"" ("," or "}")'],
    ['{\n  "lock_version": 1,\n  "lock_version": 1\n}\n', 3, 3, 'not valid JSON: "lock_version" appears twice'],
    ['{\n  "lock_version": 2\n}\n', 2, 19, '"lock_version" must be 1 (this rules_packer reads version 1 lock files)'],
    ['{\n  "lock_version": 1,\n  "plugin": {}\n}\n', 3, 13, 'unknown member "plugin" (known: lock_version, packer, plugins)'],
  ])("%j: line %i", (text, line, column, message) => {
    expect(readLockFile(text).problems).toEqual([{ line, column, message }]);
  });

  test("a hand-edited release: each problem at its own line", () => {
    const bad = { ...release, version: "v1.8.1", sha256: { linux_amd64: "A".repeat(64), "linux amd64": "a".repeat(64) }, urls: [] };
    const text = JSON.stringify({ lock_version: 1, plugins: { "github.com/HashiCorp/amazon": bad } }, null, 2);
    const lines = text.split("\n");
    const line = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(readLockFile(text).problems.map((p) => [p.line, p.message])).toEqual([
      [line('"github.com/HashiCorp/amazon"'), expect.stringContaining("must be HOST/NAMESPACE/NAME in lower case")],
      [line('"version"'), expect.stringContaining('"version" must be a version such as "1.8.1" (got "v1.8.1")')],
      [line('"linux_amd64"'), expect.stringContaining("the sha256 for linux_amd64 must be 64 lower-case hex digits")],
      [line('"linux amd64"'), expect.stringContaining('"linux amd64" is not a platform')],
      [line('"urls"'), expect.stringContaining('"urls" must be a non-empty list of URL templates')],
    ]);
  });

  test("JSON positions count columns from 1 and lines across strings", () => {
    const { positions } = parseJsonWithPositions('{"a": [1, {"b": "x\\ny"}]}');
    expect(positions.values.get("/a/1/b")).toEqual({ line: 1, column: 17 });
  });
});
