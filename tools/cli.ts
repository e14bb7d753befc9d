/**
 * rules_packer's helper: one CLI, several subcommands. Run by the hermetic Node.js 24 under
 * Bazel (`bazel run //tools:cli -- <command> ...`) as plain TypeScript, and in-process by
 * vitest. Relative paths are taken from the directory the user ran the command in
 * (BUILD_WORKING_DIRECTORY under `bazel run`).
 */
import { resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { EXIT_USAGE, processIo, runCommand, takeChdir, type Command, type Io } from "./lib/io.ts";
import { hclSuggest } from "./lib/validate/util.ts";
import { versionReport } from "./lib/version.ts";

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command>; internal?: true }> = {
  validate: {
    summary: "check Packer HCL2 templates and var files; compiler-style findings",
    load: async () => (await import("./lib/validate/command.ts")).main,
  },
  fmt: {
    summary: "format *.pkr.hcl and *.pkrvars.hcl files as `packer fmt` does (-check, -diff)",
    load: async () => (await import("./lib/fmt/command.ts")).main,
  },
  build: {
    summary: "run `packer build` with the hermetic Packer (used by packer_image targets)",
    load: async () => (await import("./lib/image-build/command.ts")).main,
  },
  "cache-bust": {
    summary: "show, bump or check the CACHE_BUST values in .bazelrc",
    load: async () => (await import("./lib/cachebust/command.ts")).main,
  },
  canary: {
    summary: "write or check the canary Aspect Workflows config; print CI and Terraform snippets",
    load: async () => (await import("./lib/canary/command.ts")).main,
  },
  lock: { summary: "write or check packer.lock.json: plugin releases and checksums", load: async () => (await import("./lib/lock/command.ts")).main },
  "cache-bust-value": {
    summary: "write CACHE_BUST to a file when a template declares the variable (Bazel action)",
    internal: true,
    load: async () => (await import("./lib/image-build/cache-bust-value.ts")).main,
  },
  "check-npm-packages": {
    summary: "check the npm packages Bazel fetched against package-lock.json (bazel test)",
    internal: true,
    load: async () => (await import("./scripts/check-npm.ts")).main,
  },
  "gen-versions": {
    summary: "regenerate packer/private/versions.bzl from the release tables (maintainers)",
    internal: true,
    load: async () => (await import("./scripts/gen-versions.ts")).main,
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const list = (internal: boolean) =>
    Object.entries(COMMANDS)
      .filter(([, c]) => Boolean(c.internal) === internal)
      .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "usage: cli <command> [options]",
    "",
    "commands:",
    ...list(false),
    "",
    "used by the rule set's own targets and maintainers:",
    ...list(true),
    "",
    "Run `cli <command> --help` for a command's options; `cli --version` prints the versions.",
    "",
  ].join("\n");
}

export async function run(argv: string[], io: Io): Promise<number> {
  const chdir = takeChdir(argv, io);
  if (typeof chdir === "string") {
    io.stderr(`cli: ${chdir}\n`);
    return EXIT_USAGE;
  }
  let [name, ...rest] = chdir.argv;
  if (name === "help" && rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0])) {
    // `cli help validate` is `cli validate --help`.
    [name, rest] = [rest[0], ["--help"]];
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version" || name === "-version" || name === "version") {
    // `cli --version --packer-version X` adds the Packer a target builds with.
    const packer = /^--?packer-version(?:=(.*))?$/.exec(rest[0] ?? "");
    chdir.io.stdout(versionReport(packer ? (packer[1] ?? rest[1]) : undefined));
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const known = Object.keys(COMMANDS).filter((c) => !COMMANDS[c]!.internal);
    const near = hclSuggest(name, known);
    io.stderr(`cli: unknown command "${name}"${near ? `; did you mean ${near}?` : ""} (the commands are ${known.join(", ")}; cli --help describes them)\n`);
    return EXIT_USAGE;
  }
  return runCommand(name, await command.load(), rest, chdir.io);
}

// import.meta.main is Node 24.2+; compare paths on older 24.x (a host node picked by packer.node).
const isMain = import.meta.main ?? (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]));
if (isMain) {
  run(process.argv.slice(2), processIo(process)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`cli: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
