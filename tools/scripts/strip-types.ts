/**
 * Build step of the helper (a Bazel action, never run by users): strips the TypeScript types
 * from each source with Node.js's own stripper and points relative `.ts` imports at `.js`.
 *
 *   node strip-types.ts [--bundle-from CLI.ts] IN.ts OUT.js [IN.ts OUT.js ...]
 *
 * Loading stripped JavaScript spares every helper start the TypeScript stripper's own start-up
 * (~0.1 s of a ~0.15 s validation). The mode is "strip": types become spaces, so lines and
 * columns in stack traces are those of the .ts sources. With --bundle-from CLI.ts, each
 * subcommand the CLI loads lazily becomes one bundled file (bundle.ts). With --code-cache, an
 * entry becomes one more bundle in the "script" format, compacted to ASCII (compact.ts), and the
 * loader that starts it with a V8 code cache (lib/code-cache-main.ts) a CommonJS bundle.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { dirname } from "node:path";
import process from "node:process";
import { bundle, entryPoints, type Source } from "./bundle.ts";
import { compact } from "./compact.ts";

/** `from "./x.ts"`, `import("../y.ts")`, `import "./z.ts"` -> `.js`; bare specifiers untouched. */
export function rewriteImports(js: string): string {
  return js.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"'\n]*)\.ts\2/g, "$1$2$3.js$2");
}

/**
 * Strips every source; then each module the CLI entry imports lazily is replaced by a bundle of
 * its whole graph (see bundle.ts). `pairs` are [source .ts, output .js]; `cli` is the entry.
 */
/** A script to start with a V8 code cache (its entry and output) and its loader. */
export interface CodeCache {
  entry: string;
  script: string;
  loader: string;
  loaderOut: string;
}

export function build(pairs: Array<[string, string]>, read: (path: string) => string, cli?: string, codeCache?: CodeCache): Map<string, string> {
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
  if (codeCache) {
    const { entry, script, loader, loaderOut } = codeCache;
    for (const path of [entry, loader]) if (!sources.has(path)) throw new Error(`${path}: the code-cache entry is not among the sources`);
    const all = new Map([...outputs, [entry, script], [loader, loaderOut]]);
    result.set(script, compact(bundle(entry, sources, new Set(), all, "script")));
    result.set(loaderOut, compact(bundle(loader, sources, new Set(), all, "cjs")));
  }
  return result;
}

if (import.meta.main) {
  let args = process.argv.slice(2);
  let cli: string | undefined;
  let codeCache: CodeCache | undefined;
  for (;;) {
    if (args[0] === "--bundle-from" && args[1]) {
      cli = args[1];
      args = args.slice(2);
    } else if (args[0] === "--code-cache" && args[1] && args[2] && args[3] && args[4]) {
      codeCache = { entry: args[1], script: args[2], loader: args[3], loaderOut: args[4] };
      args = args.slice(5);
    } else {
      break;
    }
  }
  if (args.length === 0 || args.length % 2 !== 0) {
    process.stderr.write("usage: strip-types [--bundle-from CLI.ts] [--code-cache ENTRY.ts SCRIPT.js LOADER.ts LOADER.cjs] IN.ts OUT.js [IN.ts OUT.js ...]\n");
    process.exit(2);
  }
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < args.length; i += 2) pairs.push([args[i]!, args[i + 1]!]);
  let result: Map<string, string>;
  try {
    result = build(pairs, (path) => readFileSync(path, "utf8"), cli, codeCache);
  } catch (error) {
    process.stderr.write(`strip-types: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  for (const [output, js] of result) {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, js);
  }
}
