/**
 * `build`: runs `packer build` (and `packer init` when the template requires plugins) with the
 * hermetic Packer. packer_image targets call it under `bazel run`; arguments after `--` go to
 * Packer, and `--dry-run` among them prints the plan instead of running anything.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants } from "node:os";
import { resolve } from "node:path";
import process from "node:process";
import { MORE_HELP, parseCommandArgs, splitAssignment, UsageError, type Command, type Io } from "../io.ts";
import { normalizeSource } from "../plugins.ts";
import { templateFacts } from "../template/facts.ts";
import { featureSince, hasInit } from "../validate/packer-versions.ts";
import { versionReport } from "../version.ts";
import { Rewriter, runfilesReplacements, type Replacements } from "./output.ts";
import { displayCommand, dryRunReport, planBuild, type BuildOptions } from "./plan.ts";

export const HELP = `usage: build --packer PATH [options] TEMPLATE... [-- PACKER_ARGS...]

Runs \`packer build\` on the template(s) of one build (one directory).

options:
  --packer PATH          the Packer binary (packer_image passes the hermetic one)
  --packer-version V     the Packer's version: shown by --dry-run; a Packer without
                         \`packer init\` (before 1.7.0) stops a template that needs it
  --plugin-path DIR      plugins pinned by Bazel: PACKER_PLUGIN_PATH, and no packer init
  --var NAME=VALUE       a variable (repeatable)
  --var-file FILE        a *.pkrvars.hcl file (repeatable, in order)
  --cache-bust-var NAME  the variable that takes the cache-bust value, when declared
  --cache-bust VALUE     the build's CACHE_BUST (empty: none)
  --only SOURCE          build only this source (repeatable)
  --except SOURCE        skip this source (repeatable)
  --env NAME=VALUE       environment variable for Packer (repeatable)
  --label LABEL          the Bazel target, for messages
  --dry-run              print the command, variables and Packer version; run nothing
                         (also accepted after --)
  --version              print the versions of rules_packer, Node.js and Packer

Packer's messages name the templates by their path in the workspace, not in the runfiles.

Exit code: Packer's; 2 for usage errors.
`;

export function parseBuildArgs(argv: string[]): BuildOptions | "help" | { version: string | undefined } {
  const split = argv.indexOf("--");
  const own = split < 0 ? argv : argv.slice(0, split);
  const passthrough = split < 0 ? [] : argv.slice(split + 1);
  const parsed = parseCommandArgs(own, {
    packer: { type: "string" },
    "packer-version": { type: "string" },
    "plugin-path": { type: "string" },
    var: { type: "string", multiple: true },
    "var-file": { type: "string", multiple: true },
    "cache-bust-var": { type: "string" },
    "cache-bust": { type: "string" },
    only: { type: "string", multiple: true },
    except: { type: "string", multiple: true },
    env: { type: "string", multiple: true },
    label: { type: "string" },
    "dry-run": { type: "boolean" },
    version: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const v = parsed.values;
  if (v.help) return "help";
  if (v.version) return { version: v["packer-version"] };
  if (!v.packer) throw new UsageError(`--packer is required (${MORE_HELP})`);
  const packerArgs = passthrough.filter((a) => a !== "--dry-run");
  return {
    packer: v.packer,
    ...(v["packer-version"] ? { packerVersion: v["packer-version"] } : {}),
    ...(v.label ? { label: v.label } : {}),
    ...(v["plugin-path"] ? { pluginPath: v["plugin-path"] } : {}),
    templates: parsed.positionals,
    vars: (v.var ?? []).map((item) => splitAssignment("--var", item)),
    varFiles: v["var-file"] ?? [],
    ...(v["cache-bust-var"] ? { cacheBustVar: v["cache-bust-var"] } : {}),
    // An empty value (no CACHE_BUST in the build, or a template without the variable) is none.
    ...(v["cache-bust"] ? { cacheBust: v["cache-bust"] } : {}),
    only: v.only ?? [],
    except: v.except ?? [],
    env: (v.env ?? []).map((item) => splitAssignment("--env", item)),
    packerArgs,
    dryRun: Boolean(v["dry-run"]) || passthrough.includes("--dry-run"),
  };
}

/**
 * Runs a command with the terminal's input and returns its exit code; its output goes through
 * `replacements` (runfiles paths to workspace paths) to this process's stdout and stderr.
 */
function runAttached(argv: string[], io: Io, env: Record<string, string | undefined>, replacements: Replacements): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: io.cwd, env, stdio: ["inherit", "pipe", "pipe"] });
    const out = new Rewriter(replacements, io.stdout);
    const err = new Rewriter(replacements, io.stderr);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    // Ctrl-C reaches Packer through the terminal's process group; Packer then cleans up the
    // cloud resources it made. Stay alive until it exits and return its code.
    const ignore = () => {};
    process.on("SIGINT", ignore);
    process.on("SIGTERM", forwardTerm);
    function forwardTerm() {
      child.kill("SIGTERM");
    }
    let settled = false;
    const done = (code: number) => {
      if (settled) return;
      settled = true;
      out.flush();
      err.flush();
      process.off("SIGINT", ignore);
      process.off("SIGTERM", forwardTerm);
      resolvePromise(code);
    };
    child.on("error", (error) => {
      io.stderr(`build: cannot run ${argv[0]}: ${error.message}\n`);
      done(2);
    });
    // After the output is read to its end ("close", not "exit"). Killed by a signal: a shell's
    // 128 + its number (SIGINT 130, SIGKILL 137, SIGTERM 143).
    child.on("close", (code, signal) => done(code ?? (signal ? 128 + (constants.signals[signal] ?? 15) : 1)));
  });
}

/**
 * A Packer without `packer init` (before 1.7.0) cannot install the plugins a template requires:
 * say so, with the two ways out, instead of running an `init` it does not have.
 */
function checkInit(opts: BuildOptions, cwd: string): void {
  if (!opts.packerVersion || hasInit(opts.packerVersion)) return;
  const plugins = opts.templates.flatMap((t) => {
    try {
      return templateFacts(readFileSync(resolve(cwd, t), "utf8"), t).plugins;
    } catch {
      return [];
    }
  });
  const sources = [...new Set(plugins.map((p) => normalizeSource(p.source)))].sort();
  const since = featureSince("init") ?? "1.7.0";
  throw new UsageError(
    `the template requires plugins (packer { required_plugins }: ${sources.join(", ") || "see the template"}), and Packer ${opts.packerVersion} ` +
      `has no \`packer init\` to install them: it arrived in Packer ${since}. Either pin the plugins in MODULE.bazel ` +
      `(packer.plugin(source = "${sources[0] ?? "github.com/hashicorp/NAME"}", version = ..., sha256 = {...}) for each), so that no init is needed, ` +
      `or build with Packer ${since} or later (packer.toolchain(version = ...))`,
  );
}

export const main: Command = async (argv, io) => {
  const opts = parseBuildArgs(argv);
  if (opts === "help") {
    io.stdout(HELP);
    return 0;
  }
  if ("version" in opts) {
    io.stdout(versionReport(opts.version));
    return 0;
  }
  // The target's env comes on top of the shell's, for PKR_VAR_* as for Packer.
  const plan = planBuild(opts, io.cwd, { ...io.env, ...Object.fromEntries(opts.env) });
  if (opts.dryRun) {
    io.stdout(dryRunReport(opts, plan, io.cwd));
    return 0;
  }
  if (plan.init) checkInit(opts, io.cwd);
  // No version check against HashiCorp's servers from a pinned Packer, unless asked for.
  const env: Record<string, string | undefined> = {
    CHECKPOINT_DISABLE: "1",
    ...io.env,
    ...(opts.pluginPath ? { PACKER_PLUGIN_PATH: opts.pluginPath } : {}),
    ...Object.fromEntries(opts.env),
  };
  // The launcher kept the user's NODE_OPTIONS away from the helper's Node.js; Packer gets them.
  if (env["RULES_PACKER_NODE_OPTIONS"] !== undefined) {
    env["NODE_OPTIONS"] ??= env["RULES_PACKER_NODE_OPTIONS"];
    delete env["RULES_PACKER_NODE_OPTIONS"];
  }
  const replacements = runfilesReplacements(io.env["RUNFILES_DIR"]);
  if (plan.init) {
    io.stderr(`+ ${displayCommand(plan.init, plan)}\n`);
    const code = await runAttached(plan.init, io, env, replacements);
    if (code !== 0) {
      io.stderr(`build: \`packer init\` failed (exit ${code}); the template's required_plugins could not be installed\n`);
      return code;
    }
  }
  io.stderr(`+ ${displayCommand(plan.build, plan)}\n`);
  return runAttached(plan.build, io, env, replacements);
};
