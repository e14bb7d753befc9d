/**
 * `cache-bust`: show, bump or check the CACHE_BUST values in a .bazelrc. The editing is
 * in bazelrc.ts (pure); this file reads, writes (atomically) and reports.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, readFile, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { errno, errorMessage, EXIT_FINDINGS, EXIT_OK, MORE_HELP, parseCommandArgs, shownPath, UsageError, type Command, type Io } from "../io.ts";
import { toolLabel } from "../labels.ts";
import { BazelrcSyntaxError, BumpError, CACHE_BUST, CONFIG_PATTERN, bump, check, inConfig, parseBazelrc, type Bazelrc, type Occurrence } from "./bazelrc.ts";

export const HELP = `usage: cache-bust <show|bump|check> [options]

Reads and edits the CACHE_BUST values in .bazelrc:
  build --repo_env=CACHE_BUST=001 --action_env=CACHE_BUST=001

  show    print the value (stdout) and where it is set (stderr); exit 1 when the
          values disagree or there are none
  bump    write a new value: the zero-padded increment of a numeric value
          (001 -> 002, 009 -> 010, 999 -> 1000), or --value V. Only the value bytes
          change. When a line is missing, bump appends it, after a one-line comment.
  check   exit 1 when --repo_env and --action_env disagree, when one is missing, or
          when either appears more than once for a config

options:
  --bazelrc FILE  the file to read (default: .bazelrc in the workspace root, which is
                  $BUILD_WORKSPACE_DIRECTORY under \`bazel run\`, else the current
                  directory). bump never creates the file: \`touch .bazelrc\` first.
  --config NAME   work on \`build:NAME\` lines (and \`common:NAME\`, \`test:NAME\`, ...)
                  instead of plain \`build\`/\`common\`/\`test\` lines. check without
                  --config checks every config that sets CACHE_BUST.
  --value V       (bump) the new value: 1-63 letters, digits, '.', '_', '-'
  -h, --help      print this help

Imported files (import / try-import) are not followed. The write is atomic (a temp
file in the same directory, then rename) and keeps the file's mode; a read-only file
is an error, as is a .bazelrc that cannot be parsed (unterminated quote, backslash at
the end of the file). Exit codes: 0 ok, 1 findings, 2 usage or file error.
`;

interface Target {
  /** Absolute path. */
  file: string;
  /** As shown in messages. */
  shown: string;
}

function target(io: Io, option: string | undefined): Target {
  const file = option !== undefined ? path.resolve(io.cwd, option) : path.join(io.env["BUILD_WORKSPACE_DIRECTORY"] || io.cwd, ".bazelrc");
  return { file, shown: option ?? shownPath(io, file) };
}

async function read(t: Target): Promise<string> {
  try {
    return await readFile(t.file, "latin1");
  } catch (error) {
    const code = errno(error);
    if (code === "ENOENT") {
      throw new UsageError(
        `${t.shown}: no such file; pass --bazelrc FILE, or create it first (\`touch ${t.shown}\`, then \`bazel run ${toolLabel("cache_bust")} -- bump\` adds the CACHE_BUST lines): cache-bust never creates a .bazelrc`,
      );
    }
    if (code === "EACCES" || code === "EPERM") throw new UsageError(`${t.shown}: permission denied reading the file`);
    if (code === "EISDIR") throw new UsageError(`${t.shown}: is a directory, not a .bazelrc`);
    throw new UsageError(`${t.shown}: cannot read: ${errorMessage(error)}`);
  }
}

function parse(t: Target, text: string): Bazelrc {
  try {
    return parseBazelrc(text);
  } catch (error) {
    if (error instanceof BazelrcSyntaxError) {
      throw new UsageError(`${t.shown}:${error.line}:${error.column}: cannot parse: ${error.message}; fix that line first (the file was not changed)`);
    }
    throw error;
  }
}

/** Writes `text` over `t.file` atomically (temp file in the same directory, then rename). */
export async function writeAtomic(t: Target, text: string): Promise<void> {
  let real: string;
  try {
    real = await realpath(t.file);
  } catch {
    real = t.file;
  }
  const st = await stat(real);
  const mode = st.mode & 0o7777;
  let writable = (mode & 0o222) !== 0;
  if (writable) {
    try {
      await access(real, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) {
    throw new UsageError(`${t.shown}: the file is read-only (EACCES); make it writable (chmod u+w ${t.shown}) and run again. Nothing was changed`);
  }
  const dir = path.dirname(real);
  const temp = path.join(dir, `.${path.basename(real)}.cache-bust-${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, { encoding: "latin1", flag: "wx", mode });
    await chmod(temp, mode);
    await rename(temp, real);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = errno(error);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      throw new UsageError(`${t.shown}: cannot write a temporary file next to it in ${dir} (${code}); nothing was changed`);
    }
    throw error;
  }
}

function describe(o: Occurrence): string {
  return `${o.command}${o.config ? `:${o.config}` : ""} ${o.display}`;
}

function scopeName(config: string): string {
  return config === "" ? "plain (no --config) lines" : `config "${config}"`;
}

export const main: Command = async (argv, io) => {
  const parsed = parseCommandArgs(argv, {
    bazelrc: { type: "string" },
    config: { type: "string" },
    value: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const [action, ...extra] = positionals;
  if (action === undefined) throw new UsageError(`missing subcommand: show, bump or check (${MORE_HELP})`);
  if (!["show", "bump", "check"].includes(action)) throw new UsageError(`unknown subcommand "${action}": use show, bump or check (${MORE_HELP})`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (${MORE_HELP})`);
  if (values.value !== undefined && action !== "bump") throw new UsageError(`--value only goes with bump`);
  if (values.config !== undefined && !CONFIG_PATTERN.test(values.config)) {
    throw new UsageError(`--config "${values.config}" is not a config name (letters, digits, '_', '.', '+', '-')`);
  }
  const t = target(io, values.bazelrc);
  const text = await read(t);
  const rc = parse(t, text);
  const config = values.config ?? "";

  if (action === "show") {
    const here = inConfig(rc, config);
    for (const o of here) io.stderr(`${t.shown}:${o.line}: ${describe(o)}\n`);
    const distinct = [...new Set(here.map((o) => o.value))];
    if (here.length === 0) {
      io.stderr(`${t.shown}: no ${CACHE_BUST} for ${scopeName(config)}; add it with \`bump${config ? ` --config ${config}` : ""}\`\n`);
      return EXIT_FINDINGS;
    }
    if (distinct.length !== 1 || distinct[0] === null) {
      io.stderr(`${t.shown}: the ${CACHE_BUST} values for ${scopeName(config)} disagree; run \`check\`\n`);
      return EXIT_FINDINGS;
    }
    io.stdout(`${distinct[0]}\n`);
    return EXIT_OK;
  }

  if (action === "check") {
    const findings = check(rc, values.config !== undefined ? [config] : null);
    for (const f of findings) io.stdout(`${t.shown}${f.line > 0 ? `:${f.line}` : ""}: error: ${f.message}\n`);
    // The command that fixes them, as the user runs it (it edits the workspace's .bazelrc).
    const file = values.bazelrc !== undefined && path.normalize(values.bazelrc) !== ".bazelrc" ? ["--bazelrc", values.bazelrc] : [];
    for (const fix of new Set(findings.flatMap((f) => (f.fix ? [[...f.fix, ...file].join(" ")] : [])))) {
      io.stdout(`fix: bazel run ${toolLabel("cache_bust")} -- ${fix}\n`);
    }
    if (findings.length > 0) return EXIT_FINDINGS;
    const groups = [...new Set(rc.occurrences.filter((o) => values.config === undefined || o.config === config).map((o) => o.config))];
    const summary = groups.map((g) => `${g === "" ? "build" : `build:${g}`}=${inConfig(rc, g)[0]!.value}`).join(", ");
    io.stdout(`${t.shown}: ${CACHE_BUST} ok (${summary})\n`);
    return EXIT_OK;
  }

  // bump
  let result;
  try {
    result = bump(text, {
      config,
      comment: `# Canary cache bust: bump with \`bazel run ${toolLabel("cache_bust")} -- bump\``,
      ...(values.value !== undefined ? { value: values.value } : {}),
    });
  } catch (error) {
    if (error instanceof BumpError) throw new UsageError(`${t.shown}${error.line > 0 ? `:${error.line}` : ""}: ${error.message}; the file was not changed`);
    throw error;
  }
  if (result.text === text) {
    io.stdout(`${t.shown}: ${CACHE_BUST} is already ${result.value} for ${scopeName(config)}; nothing to do\n`);
    return EXIT_OK;
  }
  await writeAtomic(t, result.text);
  const from = result.previous.length > 0 ? `${result.previous.join(", ")} -> ` : "";
  const lines = [...new Set(result.changed.map((o) => o.line))];
  const parts = [];
  if (lines.length > 0) parts.push(`line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}`);
  if (result.added.length > 0) parts.push(`added ${result.added.map((f) => `--${f}`).join(" and ")}`);
  io.stdout(`${t.shown}: ${CACHE_BUST} ${from}${result.value} for ${scopeName(config)} (${parts.join("; ")})\n`);
  const after = check(parseBazelrc(result.text), [config]);
  for (const f of after) io.stderr(`${t.shown}${f.line > 0 ? `:${f.line}` : ""}: warning: ${f.message}\n`);
  return EXIT_OK;
};
