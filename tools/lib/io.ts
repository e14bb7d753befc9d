/**
 * The seam between the pure core and the process: every subcommand is a function of
 * (arguments, Io) to an exit code, so tests can run it in-process with real files and
 * captured output.
 */
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

/**
 * `parseArgs` for a subcommand: positionals allowed, unknown options refused, and a parse
 * error becomes a UsageError that carries the command's help text.
 */
export function parseCommandArgs<const T extends ParseArgsOptionsConfig>(argv: string[], options: T, help: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
  }
}
