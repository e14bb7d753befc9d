/**
 * The corpus harness (a maintainer script, not part of the helper): validate every Packer
 * template under some folders the way Packer would be run on them, and report what the validator
 * says in total: counts per rule and severity, every error with its place, crashes, and the time
 * per template. For measuring the validator's precision on templates nobody here wrote.
 *
 *   npm run corpus -- [--json FILE] [--rule ID=SEVERITY]... DIR...
 *
 * (tools/maintainer/run-node.sh runs it with Bazel's hermetic Node.js 24, outside Bazel.)
 *
 * A unit is what one `packer build` reads:
 *   - a directory of `*.pkr.hcl` files (with its `*.auto.pkrvars.hcl`), when its files make up
 *     one configuration;
 *   - one file, when every file of its directory is a configuration of its own (each has a
 *     build, and they declare the same names or do not use each other's declarations).
 * A folder or file without any build block is not a unit: Packer cannot build it on its own.
 * Packer runs in the unit's directory unless a config file says otherwise.
 *
 * A `corpus.json` in any folder (kept with the corpus, not with the templates' repository) says
 * how that repository runs Packer, with paths relative to that folder:
 *   {
 *     "units": [
 *       { "path": "builds/ubuntu", "cwd": ".", "var_files": ["config/common.pkrvars.hcl"],
 *         "vars": { "version": "1.0" }, "env": { "PKR_VAR_region": "us-east-1" }, "force": true }
 *     ],
 *     "skip": ["examples/broken"],
 *     "discover": true,
 *     "cwd": ".",
 *     "ci_vars": ["client_secret"],
 *     "generated": ["dist/app.zip"]
 *   }
 * Listed units replace what discovery would make of the same paths; `discover: false` checks
 * only the listed units; `skip` leaves folders or files out. `ci_vars` (for every unit, or for
 * one) names the variables the repository's CI (or its user) supplies from secrets or its
 * environment ("*": all of them): they are validated as given when the build runs
 * (`--runtime-var`): supplied, their values (their defaults too) not known before the build.
 * A top-level `cwd` is where Packer runs for the discovered units (default: each unit's own
 * folder). `generated` names files the repository's build makes before it runs Packer (an
 * archive of the application, say): they count as present. `force` (for every unit, or for one)
 * says the repository runs `packer build -force`. Other keys (`how`: where the
 * invocation was read from) are notes for people and are ignored.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseHcl } from "../../lib/hcl/parser.ts";
import {
  errorMessage,
  EXIT_OK,
  EXIT_USAGE,
  MORE_HELP,
  parseCommandArgs,
  processIo,
  runCommand,
  splitAssignment,
  UsageError,
  type Command,
  type Io,
} from "../../lib/io.ts";
import { checkRuleIds, countBySeverity, expandRuleIds, type RuleConfig } from "../../lib/validate/engine/engine.ts";
import { ALL_RULES } from "../../lib/validate/rules/index.ts";
import type { FileSystem, Finding, RuleSetting, Severity } from "../../lib/validate/types.ts";
import { validate, type Input, type InputContent } from "../../lib/validate/validate.ts";

export const USAGE = `usage: npm run corpus -- [options] DIR...

Validate every Packer template under the folders, as Packer would be run on them, and print
counts per rule and severity, every error as file:line, crashes, and the time per template.
A corpus.json in a folder names that repository's units, var files and -var values.

options:
  --json FILE          also write every finding and unit as JSON
  --rule ID=SEVERITY   off, error, warning or info for a rule or a family (repeatable)
`;

export const CONFIG_NAME = "corpus.json";

const SKIP_DIRS = new Set([".git", "node_modules", ".terraform", "packer_cache", "output"]);

export interface UnitSpec {
  /** The folder or file Packer is given, absolute. */
  path: string;
  /** The directory Packer runs in, absolute. */
  cwd: string;
  varFiles: string[];
  vars: Array<{ name: string; value: string }>;
  env: Record<string, string>;
  /** Variables the repository's CI supplies ("*": every one). */
  ciVars: string[] | "*";
  /** Files the repository's build makes before running Packer, absolute. */
  generated: string[];
  /** The repository runs `packer build -force`. */
  force?: boolean;
}

interface RepoConfig {
  units?: Array<{
    path: string;
    cwd?: string;
    var_files?: string[];
    vars?: Record<string, string>;
    env?: Record<string, string>;
    ci_vars?: string[] | "*";
    force?: boolean;
  }>;
  skip?: string[];
  discover?: boolean;
  cwd?: string;
  ci_vars?: string[] | "*";
  generated?: string[];
  force?: boolean;
}

export interface UnitResult {
  unit: string;
  files: number;
  ms: number;
  findings: Finding[];
  crash?: string;
}

function readConfig(dir: string): RepoConfig | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, CONFIG_NAME), "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as RepoConfig;
  } catch (e) {
    throw new UsageError(`${join(dir, CONFIG_NAME)}: ${errorMessage(e)}`);
  }
}

function isTemplate(name: string): boolean {
  return name.endsWith(".pkr.hcl");
}

function isAutoVarFile(name: string): boolean {
  return /\.auto\.pkrvars\.(hcl|json)$/.test(name);
}

/** What a template file declares and uses, to tell a directory unit from a folder of single files. */
interface Decls {
  declared: Set<string>;
  used: Set<string>;
  builds: number;
}

function scanDecls(text: string): Decls {
  const declared = new Set<string>();
  const used = new Set<string>();
  let builds = 0;
  let body;
  try {
    body = parseHcl(text, "x.pkr.hcl").body;
  } catch {
    return { declared, used, builds };
  }
  for (const item of body.items) {
    if (item.kind !== "Block") continue;
    const labels = item.labels.map((l) => l.value);
    if (item.type === "variable" && labels[0]) declared.add(`var.${labels[0]}`);
    else if (item.type === "source" && labels.length === 2) declared.add(`source.${labels[0]}.${labels[1]}`);
    else if (item.type === "data" && labels.length === 2) declared.add(`data.${labels[0]}.${labels[1]}`);
    else if (item.type === "locals") {
      for (const a of item.body.items) if (a.kind === "Attribute") declared.add(`local.${a.name}`);
    } else if (item.type === "build") builds++;
  }
  for (const m of text.matchAll(/\b(var|local)\.([A-Za-z_][\w-]*)/g)) used.add(`${m[1]}.${m[2]}`);
  for (const m of text.matchAll(/\b(source|data)\.([\w-]+)\.([\w-]+)/g)) used.add(`${m[1]}.${m[2]}.${m[3]}`);
  for (const m of text.matchAll(/"([\w-]+)\.([\w-]+)"/g)) used.add(`source.${m[1]}.${m[2]}`);
  return { declared, used, builds };
}

/**
 * Whether the templates of one directory are separate configurations (`packer build x.pkr.hcl`
 * each) rather than one (`packer build .`).
 */
export function filesAreSeparate(texts: string[]): boolean {
  if (texts.length < 2) return false;
  const decls = texts.map(scanDecls);
  // The same name declared in two files: Packer would reject the directory, so its users run
  // the files one at a time.
  const seen = new Set<string>();
  for (const d of decls) {
    for (const n of d.declared) {
      if (seen.has(n)) return true;
    }
    for (const n of d.declared) seen.add(n);
  }
  if (!decls.every((d) => d.builds > 0)) return false;
  // Every file has a build: separate when none uses what only another file declares.
  return decls.every((d, i) => {
    for (const u of d.used) {
      if (d.declared.has(u)) continue;
      if (decls.some((o, j) => j !== i && o.declared.has(u))) return false;
    }
    return true;
  });
}

function under(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The units under `root`, discovered and configured. */
export function findUnits(root: string): UnitSpec[] {
  const units: UnitSpec[] = [];
  const walk = (dir: string, config: { base: string; config: RepoConfig } | undefined) => {
    const own = readConfig(dir);
    const active = own ? { base: dir, config: own } : config;
    if (own) {
      for (const u of own.units ?? []) {
        const path = resolve(dir, u.path);
        const target = statSafe(path);
        units.push({
          path,
          cwd: resolve(dir, u.cwd ?? (target === "dir" ? u.path : dirname(u.path))),
          varFiles: (u.var_files ?? []).map((f) => resolve(dir, f)),
          vars: Object.entries(u.vars ?? {}).map(([name, value]) => ({ name, value })),
          env: u.env ?? {},
          ciVars: u.ci_vars ?? own.ci_vars ?? [],
          generated: (own.generated ?? []).map((g) => resolve(dir, g)),
          force: u.force ?? own.force ?? false,
        });
      }
    }
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    const skipped = (p: string) =>
      active !== undefined &&
      ((active.config.skip ?? []).some((s) => under(p, resolve(active.base, s))) ||
        (active.config.units ?? []).some(
          (u) => resolve(active.base, u.path) === p || (statSafe(resolve(active.base, u.path)) === "dir" && dirname(p) === resolve(active.base, u.path)),
        ));
    const discover = active?.config.discover !== false;
    const ciVars = active?.config.ci_vars ?? [];
    const generated = (active?.config.generated ?? []).map((g) => resolve(active!.base, g));
    const force = active?.config.force ?? false;
    const cwd = active?.config.cwd !== undefined ? resolve(active.base, active.config.cwd) : dir;
    const templates = entries.filter((e) => isTemplate(e) && statSafe(join(dir, e)) === "file").map((e) => join(dir, e));
    if (discover && templates.length > 0 && !skipped(dir)) {
      const mine = templates.filter((t) => !skipped(t));
      const texts = mine.map((t) => readFileSync(t, "utf8"));
      // What has no build block at all is not built on its own: a `packer init` file of
      // required_plugins, or declarations other configurations include.
      const buildable = (t: string) => scanDecls(t).builds > 0;
      if (mine.length === templates.length && !filesAreSeparate(texts)) {
        if (texts.some(buildable)) units.push({ path: dir, cwd, varFiles: [], vars: [], env: {}, ciVars, generated, force });
      } else {
        mine.forEach((t, i) => {
          if (buildable(texts[i]!)) units.push({ path: t, cwd, varFiles: [], vars: [], env: {}, ciVars, generated, force });
        });
      }
    }
    for (const e of entries) {
      if (SKIP_DIRS.has(e)) continue;
      const p = join(dir, e);
      if (statSafe(p) === "dir" && !(active && (active.config.skip ?? []).some((s) => under(p, resolve(active.base, s))))) walk(p, active);
    }
  };
  walk(root, undefined);
  return units;
}

function statSafe(p: string): "dir" | "file" | null {
  try {
    const st = statSync(p);
    return st.isDirectory() ? "dir" : "file";
  } catch {
    return null;
  }
}

function read(abs: string): InputContent {
  try {
    return new Uint8Array(readFileSync(abs));
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/** The file system Packer sees from `cwd`, with the files the repository's build makes counted as present. */
export function fsAt(cwd: string, generated: string[] = []): FileSystem {
  return {
    stat: (p) => statSafe(resolve(cwd, p)) ?? (generated.includes(resolve(cwd, p)) ? "file" : null),
    readText: (p) => {
      if (generated.includes(resolve(cwd, p))) return "";
      try {
        return readFileSync(resolve(cwd, p), "utf8");
      } catch {
        return null;
      }
    },
  };
}

/** A path as Packer would be given it from `cwd`. */
export function arg(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel === "" ? "." : rel.split(sep).join("/");
}

/** The files Packer reads for a unit besides its var files, absolute: its templates, and a directory's auto var files. */
export function unitFiles(unit: UnitSpec): string[] {
  if (statSafe(unit.path) !== "dir") return [unit.path];
  const names = readdirSync(unit.path).sort();
  // Packer loads a directory's *.auto.pkrvars.hcl (and .json) with its templates.
  return [...names.filter(isTemplate), ...names.filter(isAutoVarFile)].map((n) => join(unit.path, n));
}

/** Validate one unit. Findings name files relative to `shownFrom`. */
export function runUnit(unit: UnitSpec, config: RuleConfig, shownFrom: string): UnitResult {
  const shown = arg(shownFrom, unit.path);
  const files = unitFiles(unit);
  const inputs: Input[] = [
    ...files.map((f): Input => ({ path: arg(unit.cwd, f), given: "file", content: read(f) })),
    ...unit.varFiles.map((f): Input => ({ path: arg(unit.cwd, f), given: "var-file", content: read(f) })),
  ];
  const started = performance.now();
  try {
    const result = validate(
      inputs,
      { vars: unit.vars, env: { ...unit.env }, ...(unit.force ? { force: true } : {}), runtimeVars: unit.ciVars === "*" ? ["*"] : unit.ciVars },
      fsAt(unit.cwd, unit.generated),
      ALL_RULES,
      config,
    );
    const ms = performance.now() - started;
    const findings = result.findings.map((f) => ({ ...f, file: f.file === "" ? shown : arg(shownFrom, resolve(unit.cwd, f.file)) }));
    const internal = findings.find((f) => f.rule === "INT-01" || (f.rule === "INP-01" && f.message.startsWith("the parser failed")));
    return { unit: shown, files: files.length, ms, findings, ...(internal ? { crash: internal.message } : {}) };
  } catch (e) {
    const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const first = stack.split("\n").slice(0, 2).join(" | ");
    return { unit: shown, files: files.length, ms: performance.now() - started, findings: [], crash: first };
  }
}

export function report(results: UnitResult[], roots: number): string {
  const lines: string[] = [];
  const all = results.flatMap((r) => r.findings);
  const counts = new Map<string, Record<Severity, number>>();
  for (const f of all) {
    const c = counts.get(f.rule) ?? { error: 0, warning: 0, info: 0 };
    c[f.severity]++;
    counts.set(f.rule, c);
  }
  lines.push("== time per template (ms)");
  for (const r of results) {
    const c = countBySeverity(r.findings);
    lines.push(
      `${r.ms.toFixed(1).padStart(8)}  ${r.unit}  (${r.files} file${r.files === 1 ? "" : "s"}; ${c.error} errors, ${c.warning} warnings, ${c.info} info)`,
    );
  }
  lines.push("", "== errors");
  for (const f of all.filter((x) => x.severity === "error")) lines.push(`${f.file}:${f.line}:${f.column}: ${f.rule}: ${f.message}`);
  lines.push("", "== crashes");
  for (const r of results.filter((x) => x.crash !== undefined)) lines.push(`${r.unit}: ${r.crash}`);
  lines.push("", "== findings per rule", `${"rule".padEnd(8)} ${"error".padStart(6)} ${"warning".padStart(8)} ${"info".padStart(6)}`);
  for (const [rule, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`${rule.padEnd(8)} ${String(c.error).padStart(6)} ${String(c.warning).padStart(8)} ${String(c.info).padStart(6)}`);
  }
  const total = countBySeverity(all);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const median = ms.length ? ms[Math.floor(ms.length / 2)]! : 0;
  lines.push(
    "",
    `== ${results.length} templates (${results.reduce((n, r) => n + r.files, 0)} files) under ${roots} folder${roots === 1 ? "" : "s"}: ` +
      `${total.error} errors, ${total.warning} warnings, ${total.info} info; ${results.filter((r) => r.crash !== undefined).length} crashes; ` +
      `median ${median.toFixed(1)} ms, max ${(ms[ms.length - 1] ?? 0).toFixed(1)} ms per template`,
    "",
  );
  return lines.join("\n");
}

const SETTINGS = new Set(["off", "error", "warning", "info"]);

export const main: Command = async (argv, io: Io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: "string" },
    rule: { type: "string", multiple: true },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError(`no folders given (${MORE_HELP})`);
  const config: RuleConfig = new Map();
  for (const r of values.rule ?? []) {
    const [key, sev] = splitAssignment("--rule", r);
    if (!SETTINGS.has(sev)) throw new UsageError(`--rule ${key}: severity must be off, error, warning or info, got "${sev}"`);
    const ids = expandRuleIds(key, ALL_RULES.known);
    if (!ids) throw new UsageError(`--rule: no rules in the family "${key}"`);
    for (const id of ids) config.set(id, sev as RuleSetting);
  }
  const unknown = checkRuleIds(config.keys(), ALL_RULES.known);
  if (unknown) throw new UsageError(`--rule: ${unknown}`);
  const results: UnitResult[] = [];
  for (const p of positionals) {
    const root = resolve(io.cwd, p);
    if (statSafe(root) !== "dir") throw new UsageError(`${p}: not a folder`);
    for (const unit of findUnits(root)) results.push(runUnit(unit, config, io.cwd));
  }
  io.stdout(report(results, positionals.length));
  if (values.json) {
    const target = resolve(io.cwd, values.json);
    try {
      writeFileSync(target, `${JSON.stringify(results, null, 1)}\n`);
    } catch (e) {
      io.stderr(`corpus: cannot write ${values.json}: ${errorMessage(e)}\n`);
      return EXIT_USAGE;
    }
  }
  return EXIT_OK;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runCommand("corpus", main, process.argv.slice(2), processIo(process)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`corpus: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
