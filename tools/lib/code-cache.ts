/**
 * Starts one bundled script of the helper with a V8 code cache: what `bazel test` of a
 * packer_image runs (see packer/private/helper.bzl).
 *
 * Bazel writes three files side by side: the loader (code-cache-main.ts) as `<stem>.cjs`, the script as `<stem>.js`
 * (bundle.ts's "script" format, compacted to ASCII by compact.ts) and `<stem>.cache`. The script
 * is a function of `require` returning `{ run, warmUp }`. At build time
 * `node <stem>.cjs --write-code-cache FILE` compiles it, runs `warmUp()` (which validates sample
 * templates, so the functions a validation calls are compiled) and writes V8's code for all of it
 * to FILE. A run then deserializes that code instead of parsing and compiling the script: the
 * validation costs little more than Node.js's own start.
 *
 * The cache holds only code, no state, and V8 checks it against the script, its own version and
 * its flags. A cache it refuses (another Node.js, other V8 flags) or a missing one costs time,
 * never correctness: the script is compiled from source instead. RULES_PACKER_CODE_CACHE=require
 * turns that into an error (exit 2), for tests and benchmarks that measure the fast path.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import process from "node:process";
import { Script } from "node:vm";

export interface CachedScript {
  /** Runs the command with these arguments; it sets process.exitCode. */
  run(argv: string[]): void;
  /** Exercises the code a run needs, at build time. */
  warmUp(): Promise<void>;
}

/** Where the script and its cache are: beside this loader, by the loader's own name. */
export function stemOf(loader: string): string {
  return loader.replace(/\.c?js$/, "");
}

/** Compiles and evaluates the script, with `cachedData` when given. */
export function loadScript(stem: string, cachedData?: Buffer): { script: Script; exports: CachedScript } {
  const path = `${stem}.js`;
  // The script is ASCII (compact.ts), so latin1 reads it exactly, and faster than UTF-8.
  const source = readFileSync(path, "latin1");
  // The file's own name, not its path: V8 writes the name into the cache, and the same bytes from
  // every sandbox let Bazel's caches hit. A copy, since basename() returns a slice of the path,
  // which V8 would write whole.
  const name = Buffer.from(basename(path)).toString();
  const script = new Script(source, { filename: name, ...(cachedData ? { cachedData } : {}) });
  const make = script.runInThisContext() as (require: (id: string) => unknown) => CachedScript;
  return { script, exports: make((id) => process.getBuiltinModule(id)) };
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The loader's main: `--write-code-cache FILE` at build time, else a run of the script with these
 * arguments. Returns the exit code of the loader's own work, or undefined when the script ran
 * (it sets process.exitCode itself).
 */
export async function startCached(
  loader: string,
  argv: string[],
  env: Record<string, string | undefined>,
  stderr: (text: string) => void,
): Promise<number | undefined> {
  const stem = stemOf(loader);
  if (argv[0] === "--write-code-cache") {
    const out = argv[1];
    if (!out || argv.length !== 2) {
      stderr("usage: node <stem>.cjs --write-code-cache FILE\n");
      return 2;
    }
    const { script, exports } = loadScript(stem);
    await exports.warmUp();
    writeFileSync(out, script.createCachedData());
    return 0;
  }
  const cache = readCache(`${stem}.cache`);
  const { script, exports } = loadScript(stem, cache);
  if (env["RULES_PACKER_CODE_CACHE"] === "require" && (cache === undefined || script.cachedDataRejected)) {
    const why = cache === undefined ? `there is no ${stem}.cache` : `V8 rejected ${stem}.cache (another Node.js, or V8 flags other than the build's)`;
    stderr(`code cache: ${why}, and RULES_PACKER_CODE_CACHE=require\n`);
    return 2;
  }
  exports.run(argv);
  return undefined;
}
