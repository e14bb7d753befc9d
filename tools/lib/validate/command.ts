/**
 * `validate`: check the Packer HCL2 templates of one build (and its var files) with the
 * rule set, print compiler-style findings, and write JUnit XML under `bazel test`.
 *
 *   validate [--format human|json] [--junit FILE] [-var NAME=VALUE]... [-var-file FILE]...
 *            [--env NAME=VALUE]... [--rule ID=off|error|warning|info]...
 *            [--cache-bust-var NAME] [--cache-bust VALUE] [--plugin-pins FILE] [--force]
 *            [--packer-version X.Y.Z] [--color|--no-color] FILES-OR-FOLDER...
 *
 * Exit: 0 clean (warnings allowed), 1 errors, 2 usage or environment errors.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  errno,
  errorMessage,
  EXIT_FINDINGS,
  EXIT_OK,
  EXIT_USAGE,
  makeParentDirs,
  MORE_HELP,
  parseCommandArgs,
  splitAssignment,
  UsageError,
  type Command,
  type Io,
} from "../io.ts";
import { toolLabel } from "../labels.ts";
import { parsePinsFile } from "../plugins.ts";
import { versionReport } from "../version.ts";
import { checkRuleIds, countBySeverity, expandRuleIds, type RuleConfig } from "./engine/engine.ts";
import { parseVersion } from "./packer-versions.ts";
import { ALL_RULES, RULES } from "./rules/index.ts";
import { formatHuman, formatJson, formatJunit } from "./engine/output.ts";
import type { FileSystem, RuleSetting } from "./types.ts";
import { validate, type Input, type InputContent } from "./validate.ts";

export const USAGE = `usage: validate [options] FILES...
       validate [options] FOLDER

Check Packer HCL2 templates (the *.pkr.hcl files of one build) and their var files. A folder
stands for its *.pkr.hcl and *.auto.pkrvars.hcl files, as Packer reads them. Options may be
written with one dash, as Packer takes them (-var, -var-file).

options:
  --format human|json        output format (default human)
  --junit FILE               write a JUnit XML report (default: $XML_OUTPUT_FILE when set)
  --var NAME=VALUE           a value the target passes with -var (repeatable)
  --var-file FILE            a var file the target passes (*.pkrvars.hcl / *.pkrvars.json; repeatable)
  --env NAME=VALUE           an environment variable the target gives Packer: PKR_VAR_x supplies
                             var.x (repeatable; the environment's own PKR_VAR_* count as well)
  --runtime-var NAME         a variable the build gets only when it runs (a CI secret): supplied,
                             its value not known here; * for every variable (repeatable)
  --rule ID=SEVERITY         off, error, warning or info for one rule, or a family as WF-*
                             (repeatable; a later setting wins)
  --cache-bust-var NAME      the cache-bust variable (default cache_bust; passed as -var
                             NAME=VALUE when declared)
  --cache-bust VALUE         its value (the build's CACHE_BUST; empty: none)
  --plugin-pins FILE         the plugins Bazel pins, a JSON list of {"source", "version"}:
                             required_plugins must name only those, at versions they allow
  --packer-version X.Y.Z     the Packer that builds the image: what it does not support is an
                             error (absent: nothing version-specific is checked)
  --force                    Packer runs with -force: an existing image of the same name is
                             replaced, so a fixed image name does not collide
  --color, --no-color        force colour on or off (default: on for a terminal, unless
                             NO_COLOR is set; FORCE_COLOR turns it on)
  --version                  print the versions of rules_packer, Node.js (and Packer, given)

exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or environment error.
Suppress a finding with a comment on the line before it (or at the end of its line):
  # packer-validate: ignore RULE-ID reason
`;

const SETTINGS = new Set(["off", "error", "warning", "info"]);

function readInput(io: Io, path: string): InputContent {
  const abs = resolve(io.cwd, path);
  try {
    const st = statSync(abs);
    if (st.isDirectory()) return { directory: true };
    return new Uint8Array(readFileSync(abs));
  } catch (e) {
    const code = errno(e);
    if (code === "ENOENT" || code === "ENOTDIR") return { missing: true };
    return { error: code ?? errorMessage(e) };
  }
}

function nodeFs(io: Io): FileSystem {
  return {
    stat: (p) => {
      try {
        const st = statSync(resolve(io.cwd, p));
        return st.isDirectory() ? "dir" : "file";
      } catch {
        return null;
      }
    },
    readText: (p) => {
      try {
        return readFileSync(resolve(io.cwd, p), "utf8");
      } catch {
        return null;
      }
    },
  };
}

/** Colour by the conventions of no-color.org and FORCE_COLOR; otherwise only on a terminal. */
function colorFromEnv(io: Io): boolean {
  if (io.env["NO_COLOR"]) return false;
  const force = io.env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return io.isTTY;
}

function readPins(io: Io, path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch (e) {
    throw new UsageError(`--plugin-pins: cannot read ${path}: ${errno(e) ?? errorMessage(e)}`);
  }
  try {
    return parsePinsFile(text, path);
  } catch (e) {
    throw new UsageError(`--plugin-pins: ${errorMessage(e)}`);
  }
}

/** The files of a folder that Packer reads: templates, then the auto-loaded var files, in name order. */
function folderInputs(io: Io, dir: string): Input[] {
  let names: string[];
  try {
    names = readdirSync(resolve(io.cwd, dir)).sort();
  } catch (e) {
    throw new UsageError(`cannot read the folder ${dir}: ${errno(e) ?? errorMessage(e)}`);
  }
  const path = (name: string) => (dir === "." ? name : join(dir, name));
  const templates = names.filter((n) => n.endsWith(".pkr.hcl") || n.endsWith(".pkr.json"));
  if (templates.length === 0) throw new UsageError(`no *.pkr.hcl files in ${dir}; pass the folder that holds the templates, or the files themselves`);
  const auto = names.filter((n) => /\.auto\.pkrvars\.(hcl|json)$/.test(n));
  return [...templates, ...auto].map((n): Input => ({ path: path(n), given: "file", content: readInput(io, path(n)) }));
}

function isFolder(io: Io, path: string): boolean {
  try {
    return statSync(resolve(io.cwd, path)).isDirectory();
  } catch {
    return false;
  }
}

/** `--rule` settings in order: a later one (the target's own) overrides an earlier one (the repository's). */
function ruleConfig(settings: string[]): RuleConfig {
  const config: RuleConfig = new Map();
  for (const r of settings) {
    const [key, sev] = splitAssignment("--rule", r);
    if (!SETTINGS.has(sev)) throw new UsageError(`--rule ${key}: severity must be off, error, warning or info, got "${sev}"`);
    const ids = expandRuleIds(key, ALL_RULES.known);
    if (!ids)
      throw new UsageError(`--rule: no rules in the family "${key}" (families: ${[...new Set(RULES.map((x) => x.id.replace(/-\d+$/, "-*")))].join(", ")})`);
    for (const id of ids) config.set(id, sev as RuleSetting);
  }
  const unknown = checkRuleIds(config.keys(), ALL_RULES.known);
  if (unknown) throw new UsageError(`--rule: ${unknown}`);
  return config;
}

/** The templates (or folders of them) and var files; a file named twice (`a.pkr.hcl ./a.pkr.hcl`, or a file and its folder) is read once, as Packer would read it. */
function readInputs(io: Io, positionals: string[], varFiles: string[]): Input[] {
  const seen = new Set<string>();
  const once = (input: Input) => {
    const abs = resolve(io.cwd, input.path);
    return seen.has(abs) ? false : (seen.add(abs), true);
  };
  const given = positionals.flatMap((p): Input[] => (isFolder(io, p) ? folderInputs(io, p) : [{ path: p, given: "file", content: readInput(io, p) }]));
  return [...given.filter(once), ...varFiles.map((p): Input => ({ path: p, given: "var-file", content: readInput(io, p) })).filter(once)];
}

export const main: Command = async (argv, io) => {
  const parsed = parseCommandArgs(argv, {
    format: { type: "string" },
    junit: { type: "string" },
    var: { type: "string", multiple: true },
    "var-file": { type: "string", multiple: true },
    "runtime-var": { type: "string", multiple: true },
    env: { type: "string", multiple: true },
    rule: { type: "string", multiple: true },
    "cache-bust-var": { type: "string" },
    "cache-bust": { type: "string" },
    "plugin-pins": { type: "string" },
    "packer-version": { type: "string" },
    force: { type: "boolean" },
    color: { type: "boolean" },
    "no-color": { type: "boolean" },
    version: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const packerVersion = values["packer-version"] || undefined;
  if (packerVersion !== undefined && !parseVersion(packerVersion))
    throw new UsageError(`--packer-version: "${packerVersion}" is not a Packer version (X.Y.Z, as \`packer version\` prints it)`);
  if (values.version) {
    io.stdout(versionReport(packerVersion));
    return EXIT_OK;
  }
  const format = values.format ?? "human";
  if (format !== "human" && format !== "json") throw new UsageError(`--format must be human or json, got "${format}"`);
  if (positionals.length === 0) throw new UsageError(`no templates given: pass the *.pkr.hcl files of one build, or their folder (${MORE_HELP})`);
  const config = ruleConfig(values.rule ?? []);
  const vars = (values.var ?? []).map((v) => {
    const [name, value] = splitAssignment("-var", v);
    return { name, value };
  });
  const env = { ...io.env, ...Object.fromEntries((values.env ?? []).map((e) => splitAssignment("--env", e))) };
  // A value without a name is for the variable packer_image passes it to by default.
  const bustVar = values["cache-bust-var"] ?? (values["cache-bust"] ? "cache_bust" : undefined);
  if (bustVar !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(bustVar)) throw new UsageError(`--cache-bust-var: "${bustVar}" is not a variable name`);
  const color = values["no-color"] ? false : values.color ? true : colorFromEnv(io);
  const pluginPins = values["plugin-pins"] === undefined ? undefined : readPins(io, values["plugin-pins"]);

  const inputs = readInputs(io, positionals, values["var-file"] ?? []);
  // Date.now(), not performance.now(): the latter loads perf_hooks, a few ms of a cold start.
  const started = Date.now();
  const options = {
    vars,
    env,
    ...(bustVar !== undefined ? { cacheBustVar: bustVar } : {}),
    ...(values["cache-bust"] ? { cacheBust: values["cache-bust"] } : {}),
    ...(pluginPins ? { pluginPins } : {}),
    ...(values.force ? { force: true } : {}),
    ...(values["runtime-var"] ? { runtimeVars: values["runtime-var"] } : {}),
    ...(packerVersion !== undefined ? { packerVersion } : {}),
    cli: toolLabel("cli"),
  };
  const result = validate(inputs, options, nodeFs(io), ALL_RULES, config);
  const seconds = (Date.now() - started) / 1000;

  io.stdout(format === "json" ? formatJson(result.findings, result.files.length) : formatHuman(result.findings, result.files.length, color));
  const junit = values.junit ?? io.env["XML_OUTPUT_FILE"];
  if (junit) {
    const target = resolve(io.cwd, junit);
    try {
      makeParentDirs(target);
      writeFileSync(target, formatJunit(result.findings, result.files, seconds));
    } catch (e) {
      io.stderr(`validate: cannot write the JUnit report ${junit}: ${errorMessage(e)}\n`);
      return EXIT_USAGE;
    }
  }
  return countBySeverity(result.findings).error > 0 ? EXIT_FINDINGS : EXIT_OK;
};
