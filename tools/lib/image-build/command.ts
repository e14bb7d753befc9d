/**
 * `build`: runs `packer build` (and `packer init` when the template requires plugins) with the
 * hermetic Packer. packer_image targets call it under `bazel run`; arguments after `--` go to
 * Packer, and `--dry-run` among them prints the plan instead of running anything.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";
import process from "node:process";
import { parseCommandArgs, splitAssignment, UsageError, type Command, type Io } from "../io.ts";
import { displayCommand, dryRunReport, planBuild, type BuildOptions } from "./plan.ts";

export const HELP = `usage: build --packer PATH [options] TEMPLATE... [-- PACKER_ARGS...]

Runs \`packer build\` on the template(s) of one build (one directory).

options:
  --packer PATH          the Packer binary (packer_image passes the hermetic one)
  --packer-version V     shown by --dry-run
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

Exit code: Packer's; 2 for usage errors.
`;

export function parseBuildArgs(argv: string[]): BuildOptions | "help" {
  const split = argv.indexOf("--");
  const own = split < 0 ? argv : argv.slice(0, split);
  const passthrough = split < 0 ? [] : argv.slice(split + 1);
  const parsed = parseCommandArgs(
    own,
    {
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
      help: { type: "boolean", short: "h" },
    },
    HELP,
  );
  const v = parsed.values;
  if (v.help) return "help";
  if (!v.packer) throw new UsageError(`--packer is required\n\n${HELP}`);
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

/** Runs a command with the terminal attached and returns its exit code. */
function runAttached(argv: string[], io: Io, env: Record<string, string | undefined>): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: io.cwd, env, stdio: "inherit" });
    // Ctrl-C reaches Packer through the terminal's process group; Packer then cleans up the
    // cloud resources it made. Stay alive until it exits and return its code.
    const ignore = () => {};
    process.on("SIGINT", ignore);
    process.on("SIGTERM", forwardTerm);
    function forwardTerm() {
      child.kill("SIGTERM");
    }
    const done = (code: number) => {
      process.off("SIGINT", ignore);
      process.off("SIGTERM", forwardTerm);
      resolvePromise(code);
    };
    child.on("error", (error) => {
      io.stderr(`build: cannot run ${argv[0]}: ${error.message}\n`);
      done(2);
    });
    // Killed by a signal: a shell's 128 + its number (SIGINT 130, SIGKILL 137, SIGTERM 143).
    child.on("exit", (code, signal) => done(code ?? (signal ? 128 + (constants.signals[signal] ?? 15) : 1)));
  });
}

export const main: Command = async (argv, io) => {
  const opts = parseBuildArgs(argv);
  if (opts === "help") {
    io.stdout(HELP);
    return 0;
  }
  // The target's env comes on top of the shell's, for PKR_VAR_* as for Packer.
  const plan = planBuild(opts, io.cwd, { ...io.env, ...Object.fromEntries(opts.env) });
  if (opts.dryRun) {
    io.stdout(dryRunReport(opts, plan, io.cwd));
    return 0;
  }
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
  if (plan.init) {
    io.stderr(`+ ${displayCommand(plan.init, plan)}\n`);
    const code = await runAttached(plan.init, io, env);
    if (code !== 0) {
      io.stderr(`build: \`packer init\` failed (exit ${code}); the template's required_plugins could not be installed\n`);
      return code;
    }
  }
  io.stderr(`+ ${displayCommand(plan.build, plan)}\n`);
  return runAttached(plan.build, io, env);
};
