/**
 * `canary`: write (or `--check`) the canary Aspect Workflows config, and print the CI and
 * Terraform snippets that route canary runs to the canary runner group. The YAML work is
 * in config.ts and the snippets in snippets.ts (both pure); this file does files and output.
 */
import { randomBytes } from "node:crypto";
import { readFile, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { errno, errorMessage, EXIT_FINDINGS, EXIT_OK, MORE_HELP, parseCommandArgs, shownPath, UsageError, type Command, type Io } from "../io.ts";
import { toolLabel } from "../labels.ts";
import { CanaryConfigError, DEFAULT_QUEUE, GENERATED_LINE, QUEUE_PATTERN, canaryConfig, generatedFrom, lineDiff } from "./config.ts";
import {
  AWS_PREFIX_PATTERN,
  DEFAULT_MAIN_QUEUE,
  DEFAULT_MARKER,
  GCP_PREFIX_PATTERN,
  MARKER_PATTERN,
  printCi,
  printTerraform,
  type Ci,
  type Cloud,
} from "./snippets.ts";

export const DEFAULT_CONFIG = ".aspect/workflows/config.yaml";
export const CANARY_NAME = "config-canary.yaml";

export const HELP = `usage: canary [--config FILE] [--out FILE] [--queue NAME] [--check]
       canary --print-ci [--marker TEXT] [--main-queue NAME] [--queue NAME]
       canary --print-terraform --image-prefix PREFIX [--cloud aws|gcp] [--ci gha|bk]
              [--queue NAME] [--machine-type TYPE] [--project ID] [--repo OWNER/NAME]

Writes .aspect/workflows/config-canary.yaml: the Aspect Workflows config.yaml with
\`queue: canary\` on every task (comments and order kept), for CI runs on the canary
runner group that boots a new image.

  (no mode)          write the canary config (nothing is written when it is current)
  --check            exit 1 when the canary config is missing or stale, with what
                     differs; exit 0 when it is current. Writes nothing.
  --print-ci         print the GitHub Actions \`queue\` and \`aspect-config\` expressions
                     that pick the canary queue and config when the branch name or the
                     pull-request title contains --marker (default ${DEFAULT_MARKER})
  --print-terraform  print the canary image data source (aws_ami or
                     google_compute_image, newest image named PREFIX*), and the
                     \`resource_types\` and runner-group entries for module
                     "aspect_workflows"

options:
  --config FILE        the source config (default: ${DEFAULT_CONFIG} in the workspace
                       root: $BUILD_WORKSPACE_DIRECTORY under \`bazel run\`, else here)
  --out FILE           the canary config (default: ${CANARY_NAME} next to --config)
  --queue NAME         the canary queue / runner group (default: ${DEFAULT_QUEUE})
  --marker TEXT        (--print-ci) the text that selects a canary run
  --main-queue NAME    (--print-ci) the queue of every other run (default: ${DEFAULT_MAIN_QUEUE})
  --image-prefix P     (--print-terraform) the image-name prefix of the canary image
  --cloud aws|gcp      (--print-terraform) default aws
  --ci gha|bk          (--print-terraform) runner groups for GitHub Actions (default)
                       or Buildkite
  --machine-type TYPE  (--print-terraform) instance type (aws, default c5ad.xlarge) or
                       machine type (gcp, default n1-standard-4)
  --project ID         (--print-terraform, gcp) the project that holds the images
  --repo OWNER/NAME    (--print-terraform, gha) the repository the runners serve
  -h, --help           print this help

Exit codes: 0 ok, 1 stale (--check), 2 usage or input error (missing file, YAML that
does not parse, a config without tasks, --out naming the --config file, a --config that
is itself a generated canary config); on error nothing is written.
`;

interface Paths {
  config: string;
  out: string;
  shownConfig: string;
  shownOut: string;
  /** The source as the header names it: relative to the canary file's directory. */
  source: string;
}

function paths(io: Io, config: string | undefined, out: string | undefined): Paths {
  const root = io.env["BUILD_WORKSPACE_DIRECTORY"] || io.cwd;
  const configAbs = config !== undefined ? path.resolve(io.cwd, config) : path.join(root, DEFAULT_CONFIG);
  const outAbs = out !== undefined ? path.resolve(io.cwd, out) : path.join(path.dirname(configAbs), CANARY_NAME);
  const shown = (abs: string, given: string | undefined): string => given ?? shownPath(io, abs);
  return {
    config: configAbs,
    out: outAbs,
    shownConfig: shown(configAbs, config),
    shownOut: shown(outAbs, out ?? (config !== undefined ? path.join(path.dirname(config), CANARY_NAME) : undefined)),
    source: path.relative(path.dirname(outAbs), configAbs).split(path.sep).join("/"),
  };
}

async function readText(file: string, shown: string, hint: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = errno(error);
    if (code === "ENOENT") throw new UsageError(`${shown}: no such file; ${hint}`);
    if (code === "EACCES" || code === "EPERM") throw new UsageError(`${shown}: permission denied reading the file`);
    if (code === "EISDIR") throw new UsageError(`${shown}: is a directory, not a YAML file`);
    throw new UsageError(`${shown}: cannot read: ${errorMessage(error)}`);
  }
}

/** The command that writes the canary config, as the user runs it from this repository. */
function canaryCommand(): string {
  return `bazel run ${toolLabel("cli")} -- canary`;
}

/**
 * The real path of `file` (symlinks resolved). For a file that does not exist yet: the real
 * path of its nearest existing directory, then the rest of the path.
 */
async function realPath(file: string): Promise<string> {
  const rest: string[] = [];
  let at = file;
  for (;;) {
    try {
      return path.join(await realpath(at), ...rest);
    } catch (error) {
      const code = errno(error);
      const parent = path.dirname(at);
      if ((code !== "ENOENT" && code !== "ENOTDIR") || parent === at) return file;
      rest.unshift(path.basename(at));
      at = parent;
    }
  }
}

/** Whether two paths name one file: the same real path, or (both existing) the same inode. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if ((await realPath(a)) === (await realPath(b))) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Refuses a run that would read a generated canary config as its source (each run would
 * stack another header) or write the canary config over its source.
 */
async function refuseSelf(io: Io, p: Paths, source: string, outGiven: boolean): Promise<void> {
  const madeFrom = generatedFrom(source);
  if (madeFrom !== null) {
    const origin = path.resolve(path.dirname(p.config), madeFrom);
    const fix = (await sameFile(origin, p.config))
      ? "restore the source config (e.g. from version control) and run again"
      : `pass the source config with --config, e.g. --config ${shownPath(io, origin)}`;
    throw new UsageError(
      `${p.shownConfig}: is a generated canary config (it starts with "${GENERATED_LINE}"), not a source config; ${fix}; nothing was written`,
    );
  }
  if (await sameFile(p.out, p.config)) {
    if (!outGiven) {
      throw new UsageError(
        `${p.shownOut} (the default --out, ${CANARY_NAME} next to --config) is the source config itself; write the canary config to another file with --out FILE; nothing was written`,
      );
    }
    const suggestion = path.join(path.dirname(p.shownConfig), CANARY_NAME);
    const instead = (await sameFile(path.resolve(io.cwd, suggestion), p.config)) ? "another file" : `another file such as ${suggestion}`;
    const same = p.shownOut !== p.shownConfig ? ` (the same file as ${p.shownConfig})` : "";
    throw new UsageError(`--out ${p.shownOut} is the source config itself${same}; write the canary config to ${instead}; nothing was written`);
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (errno(error) === "ENOENT") return null;
    throw error;
  }
}

async function writeAtomic(file: string, shown: string, text: string): Promise<void> {
  let mode = 0o644;
  try {
    const st = await stat(file);
    mode = st.mode & 0o7777;
    if ((mode & 0o222) === 0) throw new UsageError(`${shown}: the file is read-only (EACCES); make it writable and run again. Nothing was changed`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (errno(error) !== "ENOENT") throw error;
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.canary-${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, { encoding: "utf8", flag: "wx", mode });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = errno(error);
    if (code === "ENOENT") throw new UsageError(`${shown}: its directory does not exist; nothing was written`);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw new UsageError(`${shown}: cannot write there (${code}); nothing was written`);
    throw error;
  }
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, not "${value}"`);
  return value as T;
}

export const main: Command = async (argv, io) => {
  const parsed = parseCommandArgs(argv, {
    config: { type: "string" },
    out: { type: "string" },
    queue: { type: "string" },
    check: { type: "boolean" },
    "print-ci": { type: "boolean" },
    marker: { type: "string" },
    "main-queue": { type: "string" },
    "print-terraform": { type: "boolean" },
    "image-prefix": { type: "string" },
    cloud: { type: "string" },
    ci: { type: "string" },
    "machine-type": { type: "string" },
    project: { type: "string" },
    repo: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}" (${MORE_HELP})`);
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const modes = (["check", "print-ci", "print-terraform"] as const).filter((m) => v[m]);
  if (modes.length > 1) throw new UsageError(`--${modes[0]} and --${modes[1]} cannot be combined`);
  const mode = modes[0];
  const queue = v.queue ?? DEFAULT_QUEUE;
  if (!QUEUE_PATTERN.test(queue)) throw new UsageError(`--queue "${queue}" is not a queue name (letters, digits, '_', '.', '-')`);
  const ciOnly = ["marker", "main-queue"] as const;
  const tfOnly = ["image-prefix", "cloud", "ci", "machine-type", "project", "repo"] as const;
  for (const o of ciOnly) if (v[o] !== undefined && mode !== "print-ci") throw new UsageError(`--${o} only goes with --print-ci`);
  for (const o of tfOnly) if (v[o] !== undefined && mode !== "print-terraform") throw new UsageError(`--${o} only goes with --print-terraform`);

  const p = paths(io, v.config, v.out);

  if (mode === "print-ci") {
    const marker = v.marker ?? DEFAULT_MARKER;
    if (!MARKER_PATTERN.test(marker)) throw new UsageError(`--marker "${marker}" must be letters, digits, '_', '.', '/' or '-'`);
    const mainQueue = v["main-queue"] ?? DEFAULT_MAIN_QUEUE;
    if (!QUEUE_PATTERN.test(mainQueue)) throw new UsageError(`--main-queue "${mainQueue}" is not a queue name`);
    const rel = (abs: string, given: string | undefined): string =>
      given ??
      path
        .relative(io.env["BUILD_WORKSPACE_DIRECTORY"] || io.cwd, abs)
        .split(path.sep)
        .join("/");
    io.stdout(printCi({ marker, queue, mainQueue, config: rel(p.config, v.config), canaryConfig: rel(p.out, v.out) }));
    return EXIT_OK;
  }

  if (mode === "print-terraform") {
    const prefix = v["image-prefix"];
    if (prefix === undefined || prefix === "") throw new UsageError("--print-terraform needs --image-prefix PREFIX (the start of the canary image's name)");
    const cloud = oneOf<Cloud>("cloud", v.cloud, ["aws", "gcp"], "aws");
    const ci = oneOf<Ci>("ci", v.ci, ["gha", "bk"], "gha");
    if (cloud === "aws" && !AWS_PREFIX_PATTERN.test(prefix)) throw new UsageError(`--image-prefix "${prefix}" has characters an AMI name cannot have`);
    if (cloud === "gcp" && !GCP_PREFIX_PATTERN.test(prefix))
      throw new UsageError(`--image-prefix "${prefix}": GCP image names are lowercase letters, digits and '-', starting with a letter`);
    if (v.project !== undefined && cloud !== "gcp") throw new UsageError("--project only goes with --cloud gcp");
    if (v.project !== undefined && !/^[a-z][a-z0-9-]{4,29}$/.test(v.project)) throw new UsageError(`--project "${v.project}" is not a GCP project id`);
    if (v.repo !== undefined && (ci !== "gha" || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v.repo)))
      throw new UsageError("--repo takes OWNER/NAME and goes with --ci gha");
    const machine = v["machine-type"];
    if (machine !== undefined && !/^[A-Za-z0-9._-]+$/.test(machine)) throw new UsageError(`--machine-type "${machine}" is not a machine type`);
    io.stdout(
      printTerraform({
        imagePrefix: prefix,
        cloud,
        ci,
        queue,
        ...(machine !== undefined ? { machine } : {}),
        ...(v.project !== undefined ? { project: v.project } : {}),
        ...(v.repo !== undefined ? { repo: v.repo } : {}),
      }),
    );
    return EXIT_OK;
  }

  if (mode === "check" && (await readIfExists(p.config)) === null) {
    // The check is for repositories that run on Aspect Workflows: say what it needs and what makes it.
    io.stdout(
      `${p.shownConfig}: missing. This check compares the Aspect Workflows config with its canary copy ${p.shownOut}, ` +
        `which \`${canaryCommand()}\` makes from it. Once the repository has its Workflows config, run that command and commit both files; ` +
        `a repository without Aspect Workflows does not need this test (remove packer_canary_config_test from its BUILD file)\n`,
    );
    return EXIT_FINDINGS;
  }
  const source = await readText(p.config, p.shownConfig, `pass --config FILE (the Aspect Workflows config, usually ${DEFAULT_CONFIG})`);
  await refuseSelf(io, p, source, v.out !== undefined);
  let wanted: string;
  try {
    wanted = canaryConfig(source, { queue, source: p.source, command: canaryCommand() });
  } catch (error) {
    if (error instanceof CanaryConfigError) {
      const at = error.line > 0 ? `:${error.line}${error.column > 0 ? `:${error.column}` : ""}` : "";
      throw new UsageError(`${p.shownConfig}${at}: ${error.message}; nothing was written`);
    }
    throw error;
  }
  const current = await readIfExists(p.out);

  if (mode === "check") {
    if (current === wanted) {
      io.stdout(`${p.shownOut}: up to date with ${p.shownConfig}\n`);
      return EXIT_OK;
    }
    const fix = `run \`${canaryCommand()}\` and commit the result`;
    if (current === null) {
      io.stdout(`${p.shownOut}: missing; ${fix}\n`);
      return EXIT_FINDINGS;
    }
    io.stdout(`${p.shownOut}: stale (it differs from what ${p.shownConfig} makes); ${fix}. Differences ('-' in the file, '+' expected):\n`);
    io.stdout(`${lineDiff(wanted, current).join("\n")}\n`);
    return EXIT_FINDINGS;
  }

  if (current === wanted) {
    io.stdout(`${p.shownOut}: already up to date\n`);
    return EXIT_OK;
  }
  await writeAtomic(p.out, p.shownOut, wanted);
  io.stdout(`${p.shownOut}: ${current === null ? "written" : "updated"} from ${p.shownConfig} (queue "${queue}" on every task)\n`);
  return EXIT_OK;
};
