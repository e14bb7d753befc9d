/**
 * The seam between the pure core and the process: every subcommand is a function of
 * (arguments, Io) to an exit code, so tests can run it in-process with real files and
 * captured output.
 */
import { existsSync, fstatSync, mkdirSync, writeSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type * as Tty from "node:tty";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

export interface Io {
  /** Directory that relative paths on the command line are taken from. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (colour allowed). */
  isTTY: boolean;
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export type Command = (argv: string[], io: Io) => Promise<number>;

/** Thrown for usage or environment errors; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An Io that records output, for tests. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env,
    isTTY: false,
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
}

/** What an error says: its message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The code of a Node.js system error ("ENOENT", ...), if it has one. */
export function errno(error: unknown): string | undefined {
  return error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * Creates the missing directories above `file`, one at a time. (Node's recursive mkdir loops
 * forever where a parent cannot hold directories, such as under /proc; this fails at once.)
 */
export function makeParentDirs(file: string): void {
  const missing: string[] = [];
  for (let dir = dirname(file); !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.push(dir);
  for (const dir of missing.reverse()) mkdirSync(dir);
}

/** How messages name an absolute path: relative to the working directory when under it. */
export function shownPath(io: Io, abs: string): string {
  const rel = relative(io.cwd, abs);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
}

/**
 * Runs a command on a captured Io (tests): its exit code and output; a UsageError gives exit 2
 * and its bare message as the whole stderr, so tests can assert the message exactly.
 */
export async function runCaptured(command: Command, argv: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const io = captureIo(cwd, env);
  let code: number;
  try {
    code = await command(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.push(error.message);
    code = EXIT_USAGE;
  }
  return { code, out: io.out.join(""), err: io.err.join("") };
}

/** What a usage error ends with: where the whole story is (one line, not the help text). */
export const MORE_HELP = "--help lists the options";

/**
 * Long options written with one dash as Packer's users type them (`-var x=1`, `-var-file=f`;
 * Go's flag package takes one dash or two) become `--var`, `--var-file`: any `-name` that is
 * a long option of the command. Nothing after `--` is touched.
 */
export function packerStyleFlags(argv: string[], options: ParseArgsOptionsConfig): string[] {
  const end = argv.indexOf("--");
  return argv.map((arg, i) => {
    if (end >= 0 && i > end) return arg;
    const m = /^-([a-z][a-z0-9-]+)(=[\s\S]*)?$/.exec(arg);
    return m && Object.hasOwn(options, m[1]!) ? `-${arg}` : arg;
  });
}

/** parseArgs' error as one line a user can act on. */
function argsError(error: unknown, options: ParseArgsOptionsConfig): string {
  const message = errorMessage(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) {
    const flag = unknown[1]!;
    const name = flag.replace(/^-+/, "").replace(/=.*/s, "");
    // The longest option the name starts, or that starts the name (`--var-files`, `--plugin`).
    const near = Object.keys(options)
      .filter((o) => o.length > 1 && name.length > 1 && (o.startsWith(name) || name.startsWith(o)))
      .sort((a, b) => b.length - a.length)[0];
    return `unknown option ${flag}${near ? `; did you mean --${near}?` : ""} (${MORE_HELP})`;
  }
  const missing = /^Option '(-[^\s,']+)(?:, (--[^\s']+))?(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[2] ?? missing[1]} needs a value (${MORE_HELP})`;
  const notValue = /^Option '(-[^\s,']+)(?:, (--[^\s']+))?' does not take an argument/.exec(message);
  if (notValue) return `${notValue[2] ?? notValue[1]} takes no value (${MORE_HELP})`;
  return `${message} (${MORE_HELP})`;
}

/**
 * `parseArgs` for a subcommand: positionals allowed, unknown options refused, long options
 * also with one dash (packerStyleFlags), and a parse error becomes a one-line UsageError.
 */
export function parseCommandArgs<const T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  const args = packerStyleFlags(argv, options);
  // A one-dash word left over is no long option of ours (parseArgs would name only its first letter).
  const end = args.indexOf("--");
  const word = args.find((a, i) => (end < 0 || i < end) && /^-[A-Za-z][A-Za-z0-9-]+(=[\s\S]*)?$/.test(a));
  if (word !== undefined) throw new UsageError(argsError(new Error(`Unknown option '${word.replace(/=[\s\S]*$/, "")}'`), options));
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(argsError(error, options));
  }
}

/** `NAME=VALUE` from a repeatable option such as --var; anything else is a usage error. */
export function splitAssignment(flag: string, value: string): [string, string] {
  const i = value.indexOf("=");
  if (i <= 0) throw new UsageError(`${flag} expects NAME=VALUE, got "${value}"`);
  return [value.slice(0, i), value.slice(i + 1)];
}

/**
 * A leading `--chdir DIR`: relative paths are then taken from DIR. Launchers of the rule set's
 * tests use it to point at their repository's files in the runfiles.
 * Returns the remaining arguments and the Io to use, or a usage message.
 */
export function takeChdir(argv: string[], io: Io): { argv: string[]; io: Io } | string {
  if (argv[0] !== "--chdir") return { argv, io };
  const dir = argv[1];
  if (!dir) return "--chdir needs a directory";
  return takeChdir(argv.slice(2), { ...io, cwd: resolve(io.cwd, dir) });
}

/** Runs a subcommand; a UsageError becomes `name: message` on stderr and exit 2. */
export async function runCommand(name: string, command: Command, argv: string[], io: Io): Promise<number> {
  try {
    return await command(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/**
 * Writes all of `text` to a file descriptor, synchronously: what process.stdout does for files
 * and pipes on Linux, without loading Node's stream modules (several milliseconds of a
 * validation's start). A non-blocking descriptor that is full is retried; a reader that went
 * away (EPIPE, `validate ... | head`) ends the output quietly.
 */
export function writeFd(fd: number, text: string): void {
  let data = Buffer.from(text, "utf8");
  while (data.length > 0) {
    try {
      data = data.subarray(writeSync(fd, data));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return;
      if (code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Whether a descriptor is a terminal, without the tty module where a stat decides it. */
export function isTerminal(fd: number, isatty: (fd: number) => boolean): boolean {
  try {
    // Files, pipes and sockets are not terminals; a character device may be (or /dev/null).
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return isatty(fd);
}

/** The Io of this process: relative paths from where the user ran `bazel run`. */
export function processIo(proc: NodeJS.Process): Io {
  let tty: boolean | undefined;
  return {
    cwd: proc.env["BUILD_WORKING_DIRECTORY"] ?? proc.cwd(),
    env: proc.env,
    // Asked only when neither flags nor the environment decide the colour.
    get isTTY() {
      tty ??= isTerminal(1, (fd) => (proc.getBuiltinModule("node:tty") as typeof Tty).isatty(fd));
      return tty;
    },
    stdout: (t) => writeFd(1, t),
    stderr: (t) => writeFd(2, t),
  };
}
