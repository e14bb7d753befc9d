import { describe, expect, test } from "vitest";
import { rewriteImports } from "./strip-types.ts";

describe("rewriteImports", () => {
  test.each([
    ['import { a } from "./a.ts";', 'import { a } from "./a.js";'],
    ["import type { B } from '../b/b.ts';", "import type { B } from '../b/b.js';"],
    ['export { c } from "./c.ts";', 'export { c } from "./c.js";'],
    ['const m = await import("./lib/m.ts");', 'const m = await import("./lib/m.js");'],
    ['import "./side.ts";', 'import "./side.js";'],
    ['import x from "yaml";', 'import x from "yaml";'],
    ['import x from "pkg/file.ts";', 'import x from "pkg/file.ts";'],
    ['const s = "see ./notes.ts";', 'const s = "see ./notes.ts";'],
    ['io.stdout("from ./x.ts")', 'io.stdout("from ./x.ts")'],
  ])("%s", (input, output) => {
    expect(rewriteImports(input)).toBe(output);
  });
});
