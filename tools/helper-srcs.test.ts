/**
 * What ships is what runs: the helper's Bazel sources (the glob in tools/BUILD.bazel) are the
 * modules its entry points import, and nothing else but the bundler and compactor the build action
 * imports.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const TOOLS = dirname(fileURLToPath(import.meta.url));
const ENTRIES = ["cli.ts", "lib/code-cache-main.ts", "lib/validate/cached-entry.ts"];
/** Imported by scripts/strip-types.ts, which the build action runs over the sources. */
const BUILD_TOOL = ["scripts/bundle.ts", "scripts/compact.ts"];
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+\.ts)["']/g;

function imported(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of readFileSync(join(TOOLS, f), "utf8").matchAll(SPECIFIER)) todo.push(normalize(join(dirname(f), m[1]!)));
  }
  return seen;
}

function files(dir: string): string[] {
  return readdirSync(join(TOOLS, dir)).flatMap((name) => {
    const path = dir === "" ? name : `${dir}/${name}`;
    return statSync(join(TOOLS, path)).isDirectory() ? files(path) : [path];
  });
}

/** A Bazel glob pattern as a regular expression (`**` any folders, `*` within one name). */
function globRegExp(pattern: string): RegExp {
  const body = pattern
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => (part === "**/" ? "(?:.*/)?" : part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`);
}

/** The `exclude` patterns of the helper target's glob. */
function excludes(): RegExp[] {
  const build = readFileSync(join(TOOLS, "BUILD.bazel"), "utf8");
  const helper = build.slice(build.indexOf("helper(\n"));
  const list = /exclude = \[([^\]]*)\]/.exec(helper)![1]!;
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => globRegExp(m[1]!));
}

it("the helper's sources are what its entry points import", () => {
  const excluded = excludes();
  const srcs = files("")
    .filter((f) => f.endsWith(".ts") && !excluded.some((re) => re.test(f)))
    .sort();
  const want = [...new Set([...imported(ENTRIES), ...BUILD_TOOL])].sort();
  expect(srcs).toEqual(want);
});
