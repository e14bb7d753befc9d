/**
 * Build step of the helper (a Bazel action, never run by users): strips the TypeScript types
 * from each source with Node.js's own stripper and points relative `.ts` imports at `.js`.
 *
 *   node strip-types.ts [--bundle-from CLI.ts] IN.ts OUT.js [IN.ts OUT.js ...]
 *
 * Loading stripped JavaScript spares every helper start the TypeScript stripper's own start-up
 * (~0.1 s of a ~0.15 s validation). The mode is "strip": types become spaces, so lines and
 * columns in stack traces are those of the .ts sources. With --bundle-from CLI.ts, each
 * subcommand the CLI loads lazily becomes one bundled file (bundle.ts); with --snapshot, one
 * more CommonJS bundle is written for `node --build-snapshot` (validate/snapshot-entry.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { dirname } from "node:path";
import process from "node:process";
import { bundle, entryPoints, type Source } from "./bundle.ts";

/** `from "./x.ts"`, `import("../y.ts")`, `import "./z.ts"` -> `.js`; bare specifiers untouched. */
export function rewriteImports(js: string): string {
  return js.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"'\n]*)\.ts\2/g, "$1$2$3.js$2");
}

/**
 * Strips every source; then each module the CLI entry imports lazily is replaced by a bundle of
 * its whole graph (see bundle.ts). `pairs` are [source .ts, output .js]; `cli` is the entry.
 */
export function build(
  pairs: Array<[string, string]>,
  read: (path: string) => string,
  cli?: string,
  snapshot?: [entry: string, out: string],
): Map<string, string> {
  const sources = new Map<string, Source>();
  const outputs = new Map<string, string>();
  const result = new Map<string, string>();
  for (const [input, output] of pairs) {
    const stripped = stripTypeScriptTypes(read(input), { mode: "strip" });
    sources.set(input, { path: input, js: stripped });
    outputs.set(input, output);
    result.set(output, rewriteImports(stripped));
  }
  if (cli) {
    const entry = sources.get(cli);
    if (!entry) throw new Error(`${cli}: the CLI entry is not among the sources`);
    const { lazy, eager } = entryPoints(cli, entry.js);
    for (const module of lazy) result.set(outputs.get(module)!, bundle(module, sources, new Set(eager), outputs));
  }
  if (snapshot) {
    // A CommonJS script with everything inlined, for `node --build-snapshot`.
    const [entry, out] = snapshot;
    if (!sources.has(entry)) throw new Error(`${entry}: the snapshot entry is not among the sources`);
    result.set(out, bundle(entry, sources, new Set(), new Map([...outputs, [entry, out]]), "cjs"));
  }
  return result;
}

if (import.meta.main) {
  let args = process.argv.slice(2);
  let cli: string | undefined;
  let snapshot: [string, string] | undefined;
  for (;;) {
    if (args[0] === "--bundle-from" && args[1]) {
      cli = args[1];
      args = args.slice(2);
    } else if (args[0] === "--snapshot" && args[1] && args[2]) {
      snapshot = [args[1], args[2]];
      args = args.slice(3);
    } else {
      break;
    }
  }
  if (args.length === 0 || args.length % 2 !== 0) {
    process.stderr.write("usage: strip-types [--bundle-from CLI.ts] [--snapshot ENTRY.ts OUT.cjs] IN.ts OUT.js [IN.ts OUT.js ...]\n");
    process.exit(2);
  }
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < args.length; i += 2) pairs.push([args[i]!, args[i + 1]!]);
  let result: Map<string, string>;
  try {
    result = build(pairs, (path) => readFileSync(path, "utf8"), cli, snapshot);
  } catch (error) {
    process.stderr.write(`strip-types: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  for (const [output, js] of result) {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, js);
  }
}
