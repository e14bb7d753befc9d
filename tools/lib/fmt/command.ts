/**
 * `fmt`: `packer fmt` without Packer. Same flags (Go style: -check or --check, -write=false),
 * same output (the name of each file that needs formatting on stdout, -diff's unified diffs)
 * and exit codes (3 when -check finds a file to format, 1 when a file cannot be read, parsed
 * or written); usage errors exit 2, as in the other commands. The formatting is format.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { chmod, readdir, readFile, realpath, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseHcl } from "../hcl/parser.ts";
import { errno, errorMessage, EXIT_OK, UsageError, type Command, type Io } from "../io.ts";
import { unifiedDiff } from "./diff.ts";
import { formatHcl } from "./format.ts";
import type { Scanned } from "./tokens.ts";

export const HELP = `usage: fmt [options] PATH...

Rewrites Packer HCL2 files (*.pkr.hcl, *.pkrvars.hcl) in the canonical layout, byte for
byte as \`packer fmt\` does: indentation, alignment of \`=\` and of trailing comments,
spacing around operators, brackets and commas. Heredocs and string contents are kept.
A PATH is a file, a directory (its *.pkr.hcl and *.pkrvars.hcl files; hidden and backup
files are skipped) or - for standard input (the result goes to standard output).
Relative paths are taken from the directory \`bazel run\` started in.

options (as Packer's: one or two dashes, booleans as -flag or -flag=false):
  -check        write nothing; list the files that need formatting and exit 3 if any do
  -diff         print a unified diff of each change (diff -u's, as Packer runs it;
                a built-in one where no diff is installed)
  -write=false  list (and with -diff show) the changes without writing them
  -recursive    also format the files in subdirectories of a directory
  -h, -help     print this help

A file that does not parse is reported (file:line:col) and left as it is; the others are
still formatted. Writes are atomic and keep the file's mode.
Exit codes: 0 ok, 1 a file could not be read, parsed or written, 2 usage error,
3 (-check) a file needs formatting.
`;

export const EXIT_ERROR = 1;
export const EXIT_UNFORMATTED = 3;

interface Flags {
  check: boolean;
  diff: boolean;
  write: boolean;
  recursive: boolean;
  paths: string[];
}

const BOOL_FLAGS = new Set(["check", "diff", "write", "recursive"]);

/** Go's strconv.ParseBool, which Go's flag package uses for -flag=value. */
function goBool(flag: string, value: string): boolean {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(value)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(value)) return false;
  throw new UsageError(`invalid boolean value "${value}" for -${flag}: use -${flag}=true or -${flag}=false; --help lists the options`);
}

/** Go flag parsing: flags first, up to the first argument that is not one (or `--`). */
export function parseFlags(argv: string[]): Flags | "help" {
  const flags: Flags = { check: false, diff: false, write: true, recursive: false, paths: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    if (name === "h" || name === "help") return "help";
    if (!BOOL_FLAGS.has(name)) throw new UsageError(`unknown flag ${arg}; --help lists the options`);
    flags[name as "check" | "diff" | "write" | "recursive"] = eq < 0 ? true : goBool(name, body.slice(eq + 1));
  }
  flags.paths = argv.slice(i);
  if (flags.paths.length === 0) throw new UsageError(`give one or more files or directories to format (or - for standard input); --help lists the options`);
  return flags;
}

function isPackerHcl(name: string): boolean {
  return name.endsWith(".pkr.hcl") || name.endsWith(".pkrvars.hcl");
}

/** Hidden files and editor leftovers, which Packer skips in a directory. */
function ignored(name: string): boolean {
  return name.startsWith(".") || name.endsWith("~") || (name.startsWith("#") && name.endsWith("#"));
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

export type Checked = { ok: true; text: string; scanned: Scanned } | { ok: false; errors: Array<{ line: number; column: number; message: string }> };

/**
 * Whether the bytes are a file Packer can parse: UTF-8, and no syntax errors. On success,
 * the text and its scan (for the formatter); else the errors with their positions.
 */
export function checkSource(bytes: Uint8Array, name: string): Checked {
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    const before = new TextDecoder().decode(bytes.subarray(0, bad));
    const at = lineCol(before, before.length);
    return { ok: false, errors: [{ ...at, message: "the file is not valid UTF-8 (save it as UTF-8)" }] };
  }
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const parsed = parseHcl(text, name);
  const errors = parsed.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ line: d.range.start.line, column: d.range.start.column, message: d.hint ? `${d.message} (${d.hint})` : d.message }));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, text, scanned: parsed };
}

/** Writes `text` to `file` through a temporary file and a rename, keeping the file's mode. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const target = await realpath(file);
  const { mode } = await stat(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.fmt-${process.pid}-${Date.now()}.tmp`);
  try {
    await writeFile(temp, text, { mode: mode & 0o777, flag: "wx" });
    await chmod(temp, mode & 0o7777);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * What `packer fmt -diff` prints: the output of `diff -u --label=old/PATH --label=new/PATH`,
 * which Packer runs. Where no `diff` is installed, the built-in unified diff (the same format;
 * where changes are ambiguous it may pair lines differently).
 */
export function diffLikePacker(before: string, after: string, shown: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fmt-diff-"));
  try {
    writeFileSync(path.join(dir, "old"), before);
    writeFileSync(path.join(dir, "new"), after);
    const r = spawnSync("diff", [`--label=old/${shown}`, `--label=new/${shown}`, "-u", path.join(dir, "old"), path.join(dir, "new")], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    if (r.status === 1 && r.stdout) return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return unifiedDiff(before, after, shown);
}

interface Run {
  io: Io;
  flags: Flags;
  readStdin: () => Uint8Array;
  /** Bytes of formatted output that differ from the input: > 0 means something needed formatting. */
  modified: number;
  failed: number;
}

function fail(run: Run, message: string): void {
  run.io.stderr(`${message}\n`);
  run.failed++;
}

async function formatOne(run: Run, shown: string): Promise<void> {
  const { io, flags } = run;
  const stdin = shown === "-";
  const abs = path.resolve(io.cwd, shown);
  if (!stdin && !isPackerHcl(shown)) {
    fail(run, `${shown}: not a Packer HCL2 file: fmt formats *.pkr.hcl and *.pkrvars.hcl (JSON templates are left alone)`);
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = stdin ? run.readStdin() : await readFile(abs);
  } catch (error) {
    const code = errno(error);
    const why = code === "ENOENT" ? "no such file or directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : errorMessage(error);
    fail(run, `${shown}: cannot read: ${why}`);
    return;
  }
  const checked = checkSource(bytes, shown);
  if (!checked.ok) {
    for (const e of checked.errors) fail(run, `${shown}:${e.line}:${e.column}: error: ${e.message}; the file is left unformatted`);
    return;
  }
  const before = checked.text;
  const after = formatHcl(before, {}, checked.scanned);
  if (after === before) {
    if (stdin) io.stdout(after);
    return;
  }
  run.modified += Buffer.byteLength(after);
  if (!stdin) io.stdout(`${shown}\n`);
  if (flags.write) {
    if (stdin) io.stdout(after);
    else {
      try {
        await writeAtomic(abs, after);
      } catch (error) {
        fail(run, `${shown}: cannot write the formatted file: ${errorMessage(error)}`);
        return;
      }
    }
  }
  if (flags.diff && !stdin) io.stdout(diffLikePacker(before, after, shown));
}

async function formatPath(run: Run, shown: string): Promise<void> {
  const abs = path.resolve(run.io.cwd, shown);
  const info = shown === "-" ? undefined : await stat(abs).catch(() => undefined);
  if (!info?.isDirectory()) return formatOne(run, shown);
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (error) {
    fail(run, `${shown}: cannot read the directory: ${errorMessage(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (ignored(e.name)) continue;
    const child = path.join(shown, e.name);
    if (e.isDirectory()) {
      if (run.flags.recursive) await formatPath(run, child);
      continue;
    }
    if (isPackerHcl(e.name)) await formatOne(run, child);
  }
}

export function makeMain(readStdin: () => Uint8Array): Command {
  return async (argv, io) => {
    const flags = parseFlags(argv);
    if (flags === "help") {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (flags.check) flags.write = false;
    const run: Run = { io, flags, readStdin, modified: 0, failed: 0 };
    for (const p of flags.paths) await formatPath(run, p);
    if (run.failed > 0) return EXIT_ERROR;
    return flags.check && run.modified > 0 ? EXIT_UNFORMATTED : EXIT_OK;
  };
}

export const main: Command = makeMain(() => readFileSync(0));
