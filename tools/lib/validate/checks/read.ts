/**
 * Reads a table of the components' own checks (data/<table>.json) from disk, the first time a
 * template uses a component the table covers. Like the schema tables, the check tables stay out
 * of the helper's bundled code and its code cache.
 *
 * Where they are: beside the running helper, in the same place under tools/ as in the sources
 * (Bazel's runfiles), or in the checkout (vitest, run from the repository root).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";

const UNDER_TOOLS = join("lib", "validate", "checks", "data");

let dir: string | undefined;

/** The directory of the check tables. */
export function checksDir(): string {
  if (dir !== undefined) return dir;
  const candidates = [...(process.argv[1] ? [join(dirname(resolve(process.argv[1])), UNDER_TOOLS)] : []), join(process.cwd(), "tools", UNDER_TOOLS)];
  const found = candidates.find((d) => existsSync(join(d, "sdk.json")));
  if (!found) throw new Error(`the component check tables are missing; looked in ${candidates.join(", ")}`);
  dir = found;
  return dir;
}

/** The JSON text of one check table, or undefined when there is none by that name. */
export function readChecks(table: string): string | undefined {
  const path = join(checksDir(), `${table}.json`);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
