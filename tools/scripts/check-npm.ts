/**
 * `check-npm-packages` (a bazel test): the npm packages Bazel fetched for the helper are
 * exactly the runtime packages of package-lock.json, at the locked versions.
 *
 * Bazel downloads each tarball with the integrity read from package-lock.json, so the bytes
 * are the locked ones; this test catches a lock entry that was skipped, an extra package, or
 * a package unpacked under the wrong name or version.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError, type Command } from "../lib/io.ts";

interface LockEntry {
  name?: string;
  version?: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
}

/** package path -> version of the runtime (non-dev) packages of a lockfile. */
export function runtimePackages(lock: { packages?: Record<string, LockEntry> }): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith("node_modules/") || entry.dev || entry.link) continue;
    out.set(path, entry.version ?? "");
  }
  return out;
}

export const main: Command = async (argv, io) => {
  const [lockPath, fetchedPath] = argv;
  if (!lockPath || !fetchedPath) throw new UsageError("usage: check-npm-packages PACKAGE_LOCK_JSON FETCHED_PACKAGES_JSON");
  const want = runtimePackages(JSON.parse(readFileSync(resolve(io.cwd, lockPath), "utf8")));
  const fetched = new Map(Object.entries(JSON.parse(readFileSync(resolve(io.cwd, fetchedPath), "utf8")) as Record<string, string>));
  const problems: string[] = [];
  for (const [path, version] of want) {
    if (fetched.get(path) !== version) problems.push(`${path}: package-lock.json has ${version}, Bazel fetched ${fetched.get(path) ?? "nothing"}`);
    const manifest = resolve(io.cwd, path, "package.json");
    if (!existsSync(manifest)) {
      problems.push(`${path}: not in the helper's runfiles`);
      continue;
    }
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
    const name = path.split("node_modules/").pop();
    if (pkg.name !== name || pkg.version !== version) {
      problems.push(`${path}: unpacked package is ${pkg.name}@${pkg.version}, expected ${name}@${version}`);
    }
  }
  for (const path of fetched.keys()) {
    if (!want.has(path)) problems.push(`${path}: fetched by Bazel but not a runtime package in package-lock.json`);
  }
  if (problems.length > 0) {
    io.stderr(`npm packages disagree with package-lock.json:\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
    return 1;
  }
  io.stdout(`${want.size} npm packages match package-lock.json: ${[...want].map(([p, v]) => `${p.split("node_modules/").pop()}@${v}`).join(", ")}\n`);
  return 0;
};
