/**
 * Reads a plugin's schema table (data/<plugin>.json) from disk, the first time a template uses
 * the plugin. The tables stay out of the helper's bundled code and its code cache, so a
 * validation pays only for the plugins it uses.
 *
 * Where they are: beside the running helper, in the same place under tools/ as in the sources
 * (Bazel's runfiles for `bazel test` and `bazel run`: next to the code-cache loader or cli.js),
 * or in the checkout (vitest, run from the repository root).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";

const UNDER_TOOLS = join("lib", "validate", "schemas", "data");

let dir: string | undefined;

/** The directory of the data files. */
export function schemaDir(): string {
  if (dir !== undefined) return dir;
  const candidates = [...(process.argv[1] ? [join(dirname(resolve(process.argv[1])), UNDER_TOOLS)] : []), join(process.cwd(), "tools", UNDER_TOOLS)];
  const found = candidates.find((d) => existsSync(join(d, "packer.json")));
  if (!found) throw new Error(`the component schema tables are missing; looked in ${candidates.join(", ")}`);
  dir = found;
  return dir;
}

/** The JSON text of one plugin's table. */
export function readSchema(plugin: string): string {
  return readFileSync(join(schemaDir(), `${plugin}.json`), "utf8");
}
