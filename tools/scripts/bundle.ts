/**
 * A deliberately small bundler for the helper's own code (used by strip-types.ts at build time).
 *
 * Each subcommand the CLI imports lazily is written as one file holding its whole module graph,
 * so a run loads one module instead of ~70 (about 30 ms of a 100 ms validation). It handles only
 * the forms this code base uses, and refuses anything else with the file and the form, so new
 * code cannot be bundled wrongly in silence:
 *
 *   import { a, b as c } from "./x.ts";   import d from "node:process";   import * as e from "y";
 *   export function|async function|class|const NAME ...;   export { a, b as c };
 *
 * Modules are evaluated in dependency order, each in its own function scope, exactly once.
 * Modules named `shared` (what the CLI entry imports eagerly, e.g. lib/io.ts) stay real imports,
 * so their classes (UsageError) are the same objects inside and outside the bundle. The "cjs"
 * format (a CommonJS main script) inlines everything and requires only node: built-ins; the
 * "script" format is the same code as one strict-mode function expression of `require`, which
 * returns the entry's exports: what code-cache.ts compiles with a V8 code cache.
 */
import { dirname, join, normalize, relative } from "node:path";

export interface Source {
  /** Path of the .ts source, as the build passes it. */
  path: string;
  /** The source with its types stripped (still importing "./x.ts"). */
  js: string;
}

const IMPORT = /^[ \t]*import\s+([^'";]*?)\s*from\s*(["'])([^"']+)\2[ \t]*;?|^[ \t]*import\s*(["'])([^"']+)\4[ \t]*;?/gm;
const EXPORT_DECL = /^([ \t]*)export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_LIST = /^[ \t]*export\s*\{([^}]*)\}\s*(from\s*["'][^"']+["'])?\s*;?/gm;

class BundleError extends Error {
  override name = "BundleError";
}

function unsupported(path: string, what: string): never {
  throw new BundleError(`${path}: ${what} is not supported by the helper's bundler (tools/scripts/bundle.ts); rewrite it or teach the bundler`);
}

function isRelative(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../");
}

function resolveSpec(from: string, spec: string): string {
  return normalize(join(dirname(from), spec));
}

/** `a, b as c, type D` -> [["a","a"],["b","c"]] (type-only names are already blanked). */
function namedBindings(list: string): Array<[string, string]> {
  return list
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "" && !part.startsWith("type "))
    .map((part) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (!m) throw new BundleError(`cannot read import/export binding "${part}"`);
      return [m[1]!, m[2] ?? m[1]!];
    });
}

interface Parsed {
  deps: string[];
  body: string;
  exports: Array<[string, string]>; // [exported name, local name]
}

function parseModule(src: Source, external: (spec: string) => string, internalVar: (path: string) => string, cjs: boolean): Parsed {
  const { path } = src;
  let js = src.js;
  if (/\bimport\s*\(/.test(js)) unsupported(path, "a dynamic import()");
  if (/\bimport\.meta\b/.test(js)) unsupported(path, "import.meta");
  if (/^[ \t]*export\s+(default|\*)/m.test(js)) unsupported(path, "export default / export *");
  const deps: string[] = [];
  js = js.replace(IMPORT, (_all, clause: string | undefined, _q, spec1: string | undefined, _q2, spec2: string | undefined) => {
    const spec = (spec1 ?? spec2)!;
    let source: string;
    if (isRelative(spec)) {
      const target = resolveSpec(path, spec);
      source = internalVar(target);
      if (!source.startsWith("__x")) deps.push(target);
    } else {
      source = external(spec);
    }
    if (clause === undefined) return ""; // side-effect import: the module is evaluated anyway
    const parts: string[] = [];
    const m = /^(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?$/s.exec(clause.trim());
    if (!m || (!m[1] && m[2] === undefined && !m[3])) unsupported(path, `import clause "${clause}"`);
    // A built-in's default export is the module itself: what require() returns.
    if (m[1]) parts.push(`const ${m[1]} = ${source}${cjs && !isRelative(spec) ? "" : ".default"};`);
    if (m[3]) parts.push(`const ${m[3]} = ${source};`);
    if (m[2] !== undefined) {
      const names = namedBindings(m[2]);
      if (names.length > 0) parts.push(`const { ${names.map(([a, b]) => (a === b ? a : `${a}: ${b}`)).join(", ")} } = ${source};`);
    }
    return parts.join(" ");
  });
  const exports: Array<[string, string]> = [];
  js = js.replace(EXPORT_DECL, (_all, indent: string, kind: string, name: string) => {
    if (kind === "let" || kind === "var") unsupported(path, `export ${kind} (a live binding)`);
    exports.push([name, name]);
    return `${indent}${kind} ${name}`;
  });
  js = js.replace(EXPORT_LIST, (_all, list: string, from: string | undefined) => {
    if (from) unsupported(path, "export { ... } from");
    for (const [local, exported] of namedBindings(list)) exports.push([exported, local]);
    return "";
  });
  if (/^[ \t]*export\b/m.test(js)) unsupported(path, "this export form");
  return { deps, body: js, exports };
}

/**
 * One ES module holding `entry` and every module it imports, but `shared` ones, which it
 * imports from their own outputs. `outputs` maps each source path to where its .js is written.
 */
export function bundle(
  entry: string,
  sources: Map<string, Source>,
  shared: Set<string>,
  outputs: Map<string, string>,
  format: "esm" | "cjs" | "script" = "esm",
): string {
  const out = outputs.get(entry);
  if (!out) throw new BundleError(`${entry}: no output path`);
  const externals = new Map<string, string>(); // specifier as written in the bundle -> variable
  const external = (spec: string): string => {
    let v = externals.get(spec);
    if (!v) externals.set(spec, (v = `__x${externals.size}`));
    return v;
  };
  const sharedSpec = (target: string): string => {
    const targetOut = outputs.get(target);
    if (!targetOut) throw new BundleError(`${target}: no output path`);
    let spec = relative(dirname(out), targetOut);
    if (!spec.startsWith(".")) spec = `./${spec}`;
    return spec;
  };
  const order: string[] = [];
  const parsed = new Map<string, Parsed>();
  const ids = new Map<string, string>();
  const internalVar = (target: string): string => {
    if (shared.has(target)) return external(sharedSpec(target));
    let id = ids.get(target);
    if (!id) ids.set(target, (id = `__m${ids.size}`));
    return id;
  };
  const visiting = new Set<string>();
  const visit = (path: string, from: string) => {
    if (parsed.has(path)) return;
    if (visiting.has(path)) throw new BundleError(`${from}: import cycle through ${path}; the bundler needs an acyclic graph`);
    const src = sources.get(path);
    if (!src) throw new BundleError(`${from}: imports ${path}, which is not among the helper's sources`);
    visiting.add(path);
    const p = parseModule(src, external, internalVar, format !== "esm");
    for (const dep of p.deps) visit(dep, path);
    visiting.delete(path);
    parsed.set(path, p);
    order.push(path);
  };
  internalVar(entry);
  visit(entry, entry);

  const lines = [`// Generated at build time by tools/scripts/bundle.ts from ${order.length} modules; do not edit.`];
  if (format === "script") lines.push("(function (require) {", '"use strict";');
  for (const [spec, v] of externals) {
    if (format === "esm") {
      lines.push(`import * as ${v} from ${JSON.stringify(spec)};`);
    } else if (spec.startsWith("node:")) {
      // Self-contained: Node's built-in modules are all these bundles may require.
      lines.push(`const ${v} = require(${JSON.stringify(spec)});`);
    } else {
      throw new BundleError(`${entry}: a ${format === "cjs" ? "CommonJS" : "script"} bundle can only use node: modules, not "${spec}"`);
    }
  }
  for (const path of order) {
    const p = parsed.get(path)!;
    lines.push(
      `// ---- ${path}`,
      `const ${internalVar(path)} = (() => {`,
      p.body,
      `return { ${p.exports.map(([exported, local]) => (exported === local ? local : `${exported}: ${local}`)).join(", ")} };`,
      "})();",
    );
  }
  const entryExports = parsed.get(entry)!.exports.map(([name]) => name);
  if (entryExports.length > 0 && format === "esm") lines.push(`export const { ${entryExports.join(", ")} } = ${internalVar(entry)};`);
  if (format === "script") lines.push(`return ${internalVar(entry)};`, "})");
  return lines.join("\n") + "\n";
}

/** The modules `cli` imports lazily (each becomes a bundle) and eagerly (shared). */
export function entryPoints(cliPath: string, cliJs: string): { lazy: string[]; eager: string[] } {
  const lazy = [...cliJs.matchAll(/\bimport\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)].map((m) => resolveSpec(cliPath, m[1]!));
  const eager = [...cliJs.matchAll(/^[ \t]*import\s+[^'";]*?from\s*["'](\.\.?\/[^"']+)["']/gm)].map((m) => resolveSpec(cliPath, m[1]!));
  return { lazy, eager };
}
