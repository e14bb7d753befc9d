/**
 * The repository's templates and what they require: every `required_plugins` entry and
 * `required_version`, with where each is written.
 *
 * `lock` runs in the user's checkout (`bazel run` sets BUILD_WORKSPACE_DIRECTORY) and finds the
 * templates by walking it for `*.pkr.hcl`, skipping what Bazel skips (`.bazelignore`), the
 * `bazel-*` convenience links (symbolic links are never followed), hidden directories and
 * node_modules. It does not run `bazel query`: Bazel cannot run inside `bazel run` on the same
 * output base, and a walk sees every template, including one a `packer_image` has yet to use.
 * Paths given on the command line replace the walk (a directory is walked the same way).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { getAttribute } from "../hcl/ast.ts";
import { parseHcl } from "../hcl/parser.ts";
import { normalizeSource } from "../plugins.ts";
import { dirOf, readTemplates, staticString, type ParsedFile } from "../template/model.ts";
import { parseGoConstraints } from "./goversion.ts";

export interface Place {
  /** The file as messages show it (relative to the repository root when under it). */
  file: string;
  line: number;
  column: number;
}

export const where = (p: Place): string => `${p.file}:${p.line}:${p.column}`;

export interface PluginRequirement {
  /** Normalized source address, e.g. "github.com/hashicorp/amazon". */
  source: string;
  /** The local name (`amazon = { ... }`). */
  name: string;
  /** The version constraint as written; "" when the entry has none (any version). */
  constraint: string;
  /** The constraint's place, or the entry's when there is none. */
  at: Place;
}

export interface PackerRequirement {
  constraint: string;
  at: Place;
}

export interface Problem {
  at: Place;
  message: string;
  hint?: string;
}

export interface Requirements {
  templates: string[];
  plugins: PluginRequirement[];
  packer: PackerRequirement[];
  problems: Problem[];
}

/** The directories .bazelignore names, as absolute paths. */
function bazelIgnored(root: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(join(root, ".bazelignore"), "utf8");
  } catch {
    return new Set();
  }
  return new Set(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"))
      .map((l) => resolve(root, l.replace(/\/+$/, ""))),
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Every `*.pkr.hcl` under `start` (a file is taken as is), sorted, as absolute paths. */
export function findTemplates(root: string, start: string = root): string[] {
  const ignored = bazelIgnored(root);
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (ignored.has(dir) && dir !== start) return; // a directory named on the command line is walked
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name.startsWith(".") || e.name === "node_modules") continue;
        walk(path);
      } else if (e.name.endsWith(".pkr.hcl") && (e.isFile() || (e.isSymbolicLink() && isFile(path)))) {
        // A link to a file counts (Bazel's runfiles are links); a link to a directory is not followed.
        found.push(path);
      }
    }
  };
  if (statSync(start).isDirectory()) walk(start);
  else found.push(start);
  return found.sort();
}

/** How a path is shown: relative to the repository root when under it. */
export function shown(root: string, path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith("..") ? rel.split(sep).join("/") : path;
}

/** The requirements of the given template files (absolute paths). */
export function readRequirements(root: string, files: string[]): Requirements {
  const out: Requirements = { templates: [], plugins: [], packer: [], problems: [] };
  for (const path of files) {
    const file = shown(root, path);
    out.templates.push(file);
    const text = readFileSync(path, "utf8");
    const { body, diagnostics } = parseHcl(text, file);
    if (diagnostics.length > 0) {
      const d = diagnostics[0]!;
      out.problems.push({
        at: { file, line: d.range.start.line, column: d.range.start.column },
        message: `the template does not parse: ${d.message}`,
        hint: "fix it first (`bazel test` of its packer_image reports every error); lock cannot tell what it requires",
      });
      continue;
    }
    const parsed: ParsedFile = { path: file, dir: dirOf(file), text, body, diagnostics, role: "template" };
    const model = readTemplates([parsed]);
    for (const { block } of model.packerBlocks) {
      const rv = getAttribute(block.body, "required_version");
      if (rv) readConstraint(out, file, rv.expr, "required_version", (constraint, at) => out.packer.push({ constraint, at }));
    }
    for (const { attr, fields } of model.requiredPlugins) {
      const place = (p: { line: number; column: number }): Place => ({ file, line: p.line, column: p.column });
      const sourceExpr = fields.get("source");
      const source = staticString(sourceExpr);
      if (source === undefined || normalizeSource(source).split("/").length !== 3) {
        out.problems.push({
          at: place((sourceExpr ?? attr.expr).range.start),
          message: `${attr.name}: required_plugins needs source = "HOST/NAMESPACE/NAME" as a literal string`,
          hint: 'e.g. source = "github.com/hashicorp/amazon"',
        });
        continue;
      }
      const versionExpr = fields.get("version");
      if (!versionExpr) {
        out.plugins.push({ source: normalizeSource(source), name: attr.name, constraint: "", at: place(attr.nameRange.start) });
        continue;
      }
      readConstraint(out, file, versionExpr, attr.name, (constraint, at) =>
        out.plugins.push({ source: normalizeSource(source), name: attr.name, constraint, at }),
      );
    }
  }
  return out;
}

function readConstraint(
  out: Requirements,
  file: string,
  expr: Parameters<typeof staticString>[0] & object,
  what: string,
  add: (constraint: string, at: Place) => void,
): void {
  const at: Place = { file, line: expr.range.start.line, column: expr.range.start.column };
  const constraint = staticString(expr);
  if (constraint === undefined) {
    out.problems.push({ at, message: `${what}: the version constraint must be a literal string (Packer reads it before any variable)` });
    return;
  }
  const parsed = parseGoConstraints(constraint);
  if (typeof parsed === "string") {
    out.problems.push({ at, message: `${what} = "${constraint}": ${parsed}`, hint: 'Packer\'s constraint syntax: ">= 1.2.0, < 2", "~> 1.2"' });
    return;
  }
  add(constraint, at);
}
