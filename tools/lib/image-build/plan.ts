/**
 * Plans a `packer build`: which files, which variables (and where each value comes from),
 * and the exact command lines. Pure apart from reading the template files it is given.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { exprSource } from "../hcl/ast.ts";
import { parseHcl } from "../hcl/parser.ts";
import { UsageError } from "../io.ts";
import { describePins, normalizeSource, pinnedPluginsInDir, pinProblem } from "../plugins.ts";
import { modelFacts, templateFacts, type RequiredPlugin, type VariableInfo } from "../template/facts.ts";
import { cacheBustVariable, dirOf, readTemplates, suppliedValues, type ParsedFile, type SuppliedValue, type TemplateModel } from "../template/model.ts";
import { hclText } from "../validate/model/cty.ts";
import { variableValue } from "../validate/model/values.ts";

export interface BuildOptions {
  packer: string;
  packerVersion?: string;
  label?: string;
  /** Plugins pinned by Bazel: becomes PACKER_PLUGIN_PATH, and `packer init` is not run. */
  pluginPath?: string;
  templates: string[];
  vars: Array<[string, string]>;
  varFiles: string[];
  cacheBustVar?: string;
  cacheBust?: string;
  only: string[];
  except: string[];
  env: Array<[string, string]>;
  /** Arguments for Packer after `--`, `--dry-run` removed. */
  packerArgs: string[];
  dryRun: boolean;
}

export interface ResolvedVariable {
  name: string;
  /** The value as Packer receives it, written as HCL (`"eu-west-1"`, `5`, `["a"]`). */
  value: string;
  source: string;
  sensitive: boolean;
}

export interface BuildPlan {
  /** What Packer is given: the template file, or the directory holding the templates. */
  target: string;
  variables: Map<string, VariableInfo>;
  needsInit: boolean;
  resolved: ResolvedVariable[];
  init?: string[];
  build: string[];
  /** The cache-bust value is passed (the template declares the variable). */
  cacheBustPassed: boolean;
}

const SENSITIVE_MASK = "<sensitive>";

/** A var file as the template model reads it (a JSON one decoded; an unreadable one empty). */
function parsedVarFile(text: string, path: string, auto: boolean): ParsedFile {
  const base = { path, dir: dirOf(path), text, diagnostics: [], role: "varfile" as const, auto };
  if (path.endsWith(".json")) {
    let json: Record<string, unknown> = {};
    try {
      const v = JSON.parse(text) as unknown;
      if (v !== null && typeof v === "object" && !Array.isArray(v)) json = v as Record<string, unknown>;
    } catch {
      // `packer build` reports it; the plan shows what it can.
    }
    return { ...base, body: parseHcl("", path).body, json };
  }
  const { body, diagnostics } = parseHcl(text, path);
  return { ...base, body, diagnostics };
}

/** Where a supplied value comes from, for the report. */
function sourceLabel(s: SuppliedValue, passthroughFrom: number, index: number): string {
  switch (s.origin) {
    case "env":
      return `PKR_VAR_${s.name}`;
    case "var-file":
      return s.file!.path;
    case "cache-bust":
      return "CACHE_BUST (--action_env)";
    default:
      return index >= passthroughFrom ? "-var after --" : "vars";
  }
}

function readText(cwd: string, path: string, what: string): string {
  const full = resolve(cwd, path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new UsageError(`${what} ${path} does not exist (looked in ${cwd})`);
  }
  if (stat.isDirectory()) throw new UsageError(`${what} ${path} is a directory; list the *.pkr.hcl files instead`);
  return readFileSync(full, "utf8");
}

/** A template in the runfiles as the user knows it: relative to its workspace (`_main`). */
function inWorkspace(path: string, runfilesDir: string | undefined): string {
  const root = runfilesDir?.replace(/\/+$/, "");
  if (!root || !path.startsWith(`${root}/`)) return path;
  const inside = path.slice(root.length + 1);
  return inside.startsWith("_main/") ? inside.slice("_main/".length) : inside;
}

/**
 * With pinned plugins Packer sees only them (PACKER_PLUGIN_PATH) and `packer init` does not run:
 * a required plugin Bazel has not pinned, or pins at a version outside the template's
 * constraint, would be missing from the build. Stop before Packer starts, naming each.
 */
function checkPins(plugins: RequiredPlugin[], pins: Map<string, string>): void {
  const problems = plugins.map((p) => ({ ...p, problem: pinProblem(pins, p.source, p.version) }));
  const missing = [...new Set(problems.filter((p) => p.problem?.kind === "unpinned").map((p) => normalizeSource(p.source)))].sort();
  if (missing.length > 0) {
    throw new UsageError(
      `the template requires ${missing.join(", ")}, which Bazel has not pinned (pinned: ${describePins(pins)}); ` +
        `with pinned plugins Packer sees only those and \`packer init\` does not run. ` +
        `Add packer.plugin(source = "${missing[0]}", version = ..., sha256 = {...}) for each to MODULE.bazel, or remove every packer.plugin to let packer init install them`,
    );
  }
  const wrong = problems.flatMap(({ problem, ...p }) =>
    problem?.kind === "version"
      ? [`${p.where}: ${p.name} = "${p.version}" does not allow ${normalizeSource(p.source)} ${problem.pinned}, the version Bazel pins`]
      : [],
  );
  if (wrong.length > 0) {
    throw new UsageError(
      `${wrong.join("; ")}. Packer would find no plugin it may use and stop. ` +
        `Change the version (and its sha256 sums) in packer.plugin(...) in MODULE.bazel, or the template's constraint`,
    );
  }
}

/**
 * Where the variables of the build come from, in Packer's order of precedence (last wins). Long
 * by design: it reads the templates, checks the plugin pins and the directory, resolves the
 * values and writes the command lines, in the order `packer build` needs them.
 */
export function planBuild(opts: BuildOptions, cwd: string, env: Record<string, string | undefined> = {}): BuildPlan {
  if (opts.templates.length === 0) throw new UsageError("no template given; pass the *.pkr.hcl file(s) of one build");
  const variables = new Map<string, VariableInfo>();
  let needsInit = false;
  const plugins: RequiredPlugin[] = [];
  // HCL templates are read into the template model, as the validator reads them; JSON ones give their facts.
  const parsed: ParsedFile[] = [];
  for (const template of opts.templates) {
    const text = readText(cwd, template, "template");
    const shown = inWorkspace(template, env["RUNFILES_DIR"]);
    if (template.endsWith(".json")) {
      const facts = templateFacts(text, shown);
      for (const v of facts.variables) variables.set(v.name, v);
      needsInit ||= facts.needsInit;
      plugins.push(...facts.plugins);
      continue;
    }
    const { body, diagnostics } = parseHcl(text, shown);
    parsed.push({ path: shown, dir: dirOf(shown), text, body, diagnostics, role: "template" });
  }
  const model = readTemplates(parsed);
  const facts = modelFacts(model);
  for (const v of facts.variables) variables.set(v.name, v);
  needsInit ||= facts.needsInit;
  plugins.push(...facts.plugins);
  if (opts.pluginPath && plugins.length > 0) checkPins(plugins, pinnedPluginsInDir(resolve(cwd, opts.pluginPath)));

  const dirs = new Set(opts.templates.map((t) => dirname(t)));
  let target: string;
  if (opts.templates.length === 1) {
    target = opts.templates[0]!;
  } else {
    if (dirs.size !== 1) {
      throw new UsageError(`the templates of one build must sit in one directory (Packer reads a file or a directory); got ${[...dirs].join(", ")}`);
    }
    target = [...dirs][0]!;
    const listed = new Set(opts.templates.map((t) => basename(t)));
    const strays = readdirSync(resolve(cwd, target)).filter((f) => (f.endsWith(".pkr.hcl") || f.endsWith(".pkr.json")) && !listed.has(f));
    if (strays.length > 0) {
      throw new UsageError(`Packer would also read ${strays.join(", ")} in ${target}; list it in srcs or move it`);
    }
  }

  // The values each variable gets, by the precedence the template model defines (and the
  // validator uses): PKR_VAR_*, auto var files, -var-file files, the cache bust, then -var.
  const passthrough = passthroughVariables(opts.packerArgs);
  const varFiles: ParsedFile[] = [];
  // Given a directory, Packer also loads its *.auto.pkrvars.hcl/.json files, in lexical order.
  if (opts.templates.length > 1) {
    const auto = readdirSync(resolve(cwd, target))
      .filter((f) => /\.auto\.pkrvars\.(hcl|json)$/.test(f))
      .sort();
    for (const f of auto) varFiles.push(parsedVarFile(readText(cwd, `${target}/${f}`, "var file"), `${target}/${f}`, true));
  }
  for (const file of [...opts.varFiles, ...passthrough.varFiles]) varFiles.push(parsedVarFile(readText(cwd, file, "var file"), file, false));
  const cacheBustPassed = opts.cacheBust !== undefined && cacheBustVariable(variables, opts.cacheBustVar) !== undefined;
  const vars = [...opts.vars, ...passthrough.vars].map(([name, value]) => ({ name, value }));
  const supplied = suppliedValues({
    env,
    varFiles,
    ...(cacheBustPassed ? { cacheBust: { name: opts.cacheBustVar!, value: opts.cacheBust! } } : {}),
    vars,
  });
  const resolved = resolveVariables(model, variables, supplied, opts.vars.length, vars);

  // The command line passes the values in that precedence: the cache bust first of the -var
  // flags, so the target's own `vars` (and -var after `--`) override it.
  const build = [opts.packer, "build"];
  for (const file of opts.varFiles) build.push(`-var-file=${file}`);
  if (cacheBustPassed) build.push("-var", `${opts.cacheBustVar}=${opts.cacheBust}`);
  for (const [name, value] of opts.vars) build.push("-var", `${name}=${value}`);
  if (opts.only.length > 0) build.push(`-only=${opts.only.join(",")}`);
  if (opts.except.length > 0) build.push(`-except=${opts.except.join(",")}`);
  build.push(...opts.packerArgs, target);

  return {
    target,
    variables,
    needsInit,
    resolved,
    ...(needsInit && !opts.pluginPath ? { init: [opts.packer, "init", target] } : {}),
    build,
    cacheBustPassed,
  };
}

/**
 * Each variable's value as Packer receives it (typed and converted as the validator computes it),
 * written as HCL, with where it comes from; sorted by name. A variable with neither a value nor a
 * default is left out (the report says it is not set).
 */
function resolveVariables(
  model: TemplateModel,
  variables: Map<string, VariableInfo>,
  supplied: Map<string, SuppliedValue>,
  passthroughFrom: number,
  vars: Array<{ name: string; value: string }>,
): ResolvedVariable[] {
  const out: ResolvedVariable[] = [];
  const src = { variables: model.variables, parse: parseHcl };
  for (const info of variables.values()) {
    const s = supplied.get(info.name);
    const decl = model.variables.get(info.name)?.[0];
    if (!s && !info.hasDefault) continue;
    let shown: string | undefined;
    if (decl) shown = hclText(variableValue(src, info.name, supplied));
    if (shown === undefined) {
      // Not computed here: what was written, a computed default, or the string as given.
      if (!s) shown = decl ? "(computed default)" : JSON.stringify(info.default);
      else if (s.attr) shown = exprSource(s.file!.text, s.attr.expr);
      else shown = s.raw !== undefined ? JSON.stringify(s.raw) : JSON.stringify(s.value);
    }
    const index = s?.origin === "var" ? vars.map((v) => v.name).lastIndexOf(info.name) : -1;
    out.push({ name: info.name, value: shown, source: s ? sourceLabel(s, passthroughFrom, index) : "default", sensitive: info.sensitive });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Quotes one argument for a POSIX shell, only when needed. */
export function shellQuote(arg: string): string {
  if (arg !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line for display, with sensitive variable values masked. */
export function displayCommand(argv: string[], plan: BuildPlan): string {
  const mask = (assignment: string): string => {
    const eq = assignment.indexOf("=");
    const name = assignment.slice(0, eq);
    return eq > 0 && plan.variables.get(name)?.sensitive ? `${name}=${SENSITIVE_MASK}` : assignment;
  };
  const masked = argv.map((arg, i) => {
    const flag = /^--?var=(.*)$/s.exec(arg);
    if (flag) return `${arg.slice(0, arg.length - flag[1]!.length)}${mask(flag[1]!)}`;
    const previous = argv[i - 1];
    return previous === "-var" || previous === "--var" ? mask(arg) : arg;
  });
  return masked.map(shellQuote).join(" ");
}

/** -var and -var-file among Packer arguments, in every form Go's flag package accepts. */
export function passthroughVariables(args: string[]): { vars: Array<[string, string]>; varFiles: string[] } {
  const vars: Array<[string, string]> = [];
  const varFiles: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--?(var|var-file)(?:=(.*))?$/s.exec(args[i]!);
    if (!m) continue;
    const value = m[2] ?? args[++i];
    if (value === undefined) break;
    if (m[1] === "var-file") {
      varFiles.push(value);
    } else {
      const eq = value.indexOf("=");
      if (eq > 0) vars.push([value.slice(0, eq), value.slice(eq + 1)]);
    }
  }
  return { vars, varFiles };
}

/** The --dry-run report. */
export function dryRunReport(opts: BuildOptions, plan: BuildPlan, cwd: string): string {
  const lines: string[] = [];
  lines.push(`${opts.label ?? "packer build"}: dry run, nothing was run`);
  lines.push(`Packer:    ${opts.packerVersion ? `${opts.packerVersion} ` : ""}(${opts.packer})`);
  lines.push(`Directory: ${cwd}`);
  lines.push(`Template:  ${plan.target}`);
  if (opts.pluginPath) lines.push(`Plugins:   PACKER_PLUGIN_PATH=${opts.pluginPath} (pinned by Bazel; no packer init)`);
  if (opts.env.length > 0) {
    const shown = ([k, v]: [string, string]) => `${k}=${k.startsWith("PKR_VAR_") && plan.variables.get(k.slice(8))?.sensitive ? SENSITIVE_MASK : v}`;
    lines.push(`Env:       ${opts.env.map(shown).map(shellQuote).join(" ")}`);
  }
  lines.push("Variables:");
  if (plan.resolved.length === 0) lines.push("  (none)");
  const width = Math.max(0, ...plan.resolved.map((v) => v.name.length));
  for (const v of plan.resolved) {
    const value = v.sensitive ? SENSITIVE_MASK : v.value;
    lines.push(`  ${v.name.padEnd(width)} = ${value}  (${v.source})`);
  }
  for (const v of plan.variables.values()) {
    if (!plan.resolved.some((r) => r.name === v.name)) lines.push(`  ${v.name.padEnd(width)} = (not set: Packer will fail)`);
  }
  if (opts.cacheBustVar && opts.cacheBust && !plan.cacheBustPassed) {
    lines.push(`Note: the template declares no variable "${opts.cacheBustVar}", so CACHE_BUST=${opts.cacheBust} is not passed.`);
  }
  lines.push("Commands:");
  if (plan.init) lines.push(`  ${displayCommand(plan.init, plan)}`);
  lines.push(`  ${displayCommand(plan.build, plan)}`);
  return lines.join("\n") + "\n";
}
