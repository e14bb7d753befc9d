/**
 * Reading and editing the CACHE_BUST values of a .bazelrc, as pure functions of text.
 *
 * The text is a JavaScript string holding one character per byte (read the file as
 * `latin1`, write it back as `latin1`), so every byte we do not edit is written back
 * exactly as it was, whatever the file's encoding.
 *
 * How Bazel reads a .bazelrc (src/main/cpp/rc_file.cc, util/strings.cc), which we follow:
 * 1. Every backslash directly before a newline (`\` LF or `\` CR LF) is removed together
 *    with the newline: the two physical lines become one logical line.
 * 2. The text is split into lines at LF; each line is trimmed; blank lines are skipped.
 * 3. A line is split into words at space, tab, CR and LF. `'…'` and `"…"` quote (the
 *    quotes are dropped), a backslash escapes the next character (inside quotes too),
 *    and `#` outside quotes ends the line (a comment), even in the middle of a word.
 *    Empty words (`""`) are dropped.
 * 4. The first word is the command (`build`, `build:canary`, `common`, `import`, ...).
 *
 * What we call "cannot be parsed" (Bazel itself silently ignores the first two, but an
 * editor cannot know where a word ends, or would glue appended lines onto the last one):
 * - a quote that is not closed on its logical line;
 * - a backslash at the very end of the file, alone or before the final newline (a line
 *   continuation with nothing to continue);
 * - `import` / `try-import` without exactly one path (Bazel rejects those too).
 *
 * A CACHE_BUST value is the `V` of `--repo_env=CACHE_BUST=V` or `--action_env=CACHE_BUST=V`,
 * also written as two words (`--action_env CACHE_BUST=V`) and with any quoting
 * (`"--action_env=CACHE_BUST=V"`, `--action_env="CACHE_BUST=V"`, `CACHE_BUST='V'`).
 * `import`ed files are not followed.
 */
import { indexAtOrBefore } from "../offsets.ts";

export const CACHE_BUST = "CACHE_BUST";
export const FLAGS = ["repo_env", "action_env"] as const;
export type EnvFlag = (typeof FLAGS)[number];

/** The comment written above lines that `bump` adds. */
export const ADDED_COMMENT = "# Canary cache bust: bump with `bazel run //tools:cache_bust -- bump`";

/** Values that `bump --value` accepts: safe in a .bazelrc word and in an image name. */
export const VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** Config names that `--config` accepts. */
export const CONFIG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** A .bazelrc that cannot be parsed; `line` is 1-based. */
export class BazelrcSyntaxError extends Error {
  override name = "BazelrcSyntaxError";
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

/** One `--repo_env` / `--action_env` setting of CACHE_BUST. */
export interface Occurrence {
  flag: EnvFlag;
  /** The line's command without the config: `build`, `common`, `test`, ... */
  command: string;
  /** The config name after `:`, or "" for plain `build` / `common` / ... lines. */
  config: string;
  /** 1-based physical line of the value (of the flag word when there is no value). */
  line: number;
  /** The value, or null for `--action_env=CACHE_BUST` (value taken from the environment). */
  value: string | null;
  /**
   * Where the value's bytes are, as a half-open range of offsets into the text, or null
   * when the value is not one contiguous run of bytes (an escape or a quote inside it).
   */
  span: { start: number; end: number } | null;
  /** The words as Bazel sees them, for messages: `--repo_env=CACHE_BUST=001`. */
  display: string;
}

export interface Bazelrc {
  occurrences: Occurrence[];
  /** "\r\n" when most lines end in CR LF, else "\n". */
  eol: "\n" | "\r\n";
  /** True when the text is empty or ends with a newline. */
  endsWithNewline: boolean;
}

interface Word {
  text: string;
  /** Source offset of each character of `text`. */
  offsets: number[];
  /** Source offset of the word's first byte (a quote or backslash included). */
  start: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): { line: number; column: number } {
  const lo = indexAtOrBefore(starts, offset);
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** Removes backslash-newline pairs like Bazel (CR LF first, then LF), keeping source offsets. */
function joinContinuations(text: string): number[] {
  let chars: number[] = Array.from({ length: text.length }, (_, i) => i);
  const pass = (pattern: string): void => {
    const out: number[] = [];
    for (let i = 0; i < chars.length; i++) {
      let match = true;
      for (let k = 0; k < pattern.length; k++) {
        const at = chars[i + k];
        if (at === undefined || text[at] !== pattern[k]) {
          match = false;
          break;
        }
      }
      if (match) i += pattern.length - 1;
      else out.push(chars[i]!);
    }
    chars = out;
  };
  pass("\\\r\n");
  pass("\\\n");
  return chars;
}

const SEPARATORS = " \t\r\n";

/** Splits one logical line (a list of source offsets) into words, Bazel's way. */
function tokenize(text: string, line: number[], starts: number[]): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && SEPARATORS.includes(text[line[i]!]!)) i++;
    if (i >= line.length || text[line[i]!] === "#") break;
    const word: Word = { text: "", offsets: [], start: line[i]! };
    let quote = "";
    let quoteAt = -1;
    let comment = false;
    while (i < line.length && (quote !== "" || !SEPARATORS.includes(text[line[i]!]!))) {
      const c = text[line[i]!]!;
      if (c === "\\") {
        if (i + 1 >= line.length) {
          const { line: l, column } = lineOf(starts, line[i]!);
          throw new BazelrcSyntaxError("backslash at the end of a line escapes nothing", l, column);
        }
        word.text += text[line[i + 1]!]!;
        word.offsets.push(line[i + 1]!);
        i += 2;
        continue;
      }
      if (quote !== "") {
        if (c === quote) quote = "";
        else {
          word.text += c;
          word.offsets.push(line[i]!);
        }
        i++;
      } else if (c === "#") {
        comment = true;
        break;
      } else if (c === "'" || c === '"') {
        quote = c;
        quoteAt = line[i]!;
        i++;
      } else {
        word.text += c;
        word.offsets.push(line[i]!);
        i++;
      }
    }
    if (quote !== "") {
      const { line: l, column } = lineOf(starts, quoteAt);
      throw new BazelrcSyntaxError(`unterminated ${quote === '"' ? "double" : "single"} quote`, l, column);
    }
    if (word.text !== "") words.push(word);
    if (comment) break;
  }
  return words;
}

function contiguous(offsets: number[]): boolean {
  for (let k = 1; k < offsets.length; k++) if (offsets[k] !== offsets[k - 1]! + 1) return false;
  return true;
}

/**
 * Parses a .bazelrc; throws BazelrcSyntaxError when it cannot be parsed. One loop over logical
 * lines (continuations, quotes, comments, imports) whose states share the position it reports.
 */
export function parseBazelrc(text: string): Bazelrc {
  const starts = lineStarts(text);
  if (/\\(\r?\n)?$/.test(text) && text.length > 0) {
    const at = text.lastIndexOf("\\");
    const { line, column } = lineOf(starts, at);
    throw new BazelrcSyntaxError(
      text.endsWith("\\") ? "backslash at the end of the file escapes nothing" : "line continuation (backslash) at the end of the file continues nothing",
      line,
      column,
    );
  }
  const joined = joinContinuations(text);
  const lines: number[][] = [[]];
  for (const at of joined) {
    if (text[at] === "\n") lines.push([]);
    else lines[lines.length - 1]!.push(at);
  }
  const occurrences: Occurrence[] = [];
  for (const line of lines) {
    const words = tokenize(text, line, starts);
    const [first, ...rest] = words;
    if (first === undefined) continue;
    const wordLine = (w: Word): number => lineOf(starts, w.start).line;
    if (first.text === "import" || first.text === "try-import") {
      if (rest.length !== 1) {
        throw new BazelrcSyntaxError(`\`${first.text}\` takes exactly one file, found ${rest.length}`, wordLine(first), lineOf(starts, first.start).column);
      }
      continue;
    }
    if (first.text === "startup") continue;
    const colon = first.text.indexOf(":");
    const command = colon < 0 ? first.text : first.text.slice(0, colon);
    const config = colon < 0 ? "" : first.text.slice(colon + 1);
    for (let k = 0; k < rest.length; k++) {
      const w = rest[k]!;
      for (const flag of FLAGS) {
        const long = `--${flag}`;
        let setting: Word | undefined;
        let skip = 0;
        if (w.text === long) {
          setting = rest[k + 1];
          skip = 1;
        } else if (w.text.startsWith(`${long}=`)) {
          setting = { text: w.text.slice(long.length + 1), offsets: w.offsets.slice(long.length + 1), start: w.start };
        } else continue;
        if (setting === undefined) continue;
        const name = `${CACHE_BUST}=`;
        if (setting.text !== CACHE_BUST && !setting.text.startsWith(name)) continue;
        k += skip;
        const display = skip ? `${long} ${setting.text}` : w.text;
        if (setting.text === CACHE_BUST) {
          occurrences.push({ flag, command, config, line: wordLine(w), value: null, span: null, display });
          continue;
        }
        const valueOffsets = setting.offsets.slice(name.length);
        const equals = setting.offsets[name.length - 1]!;
        const span =
          valueOffsets.length === 0
            ? { start: equals + 1, end: equals + 1 }
            : contiguous(valueOffsets)
              ? { start: valueOffsets[0]!, end: valueOffsets[valueOffsets.length - 1]! + 1 }
              : null;
        occurrences.push({
          flag,
          command,
          config,
          line: lineOf(starts, valueOffsets[0] ?? equals).line,
          value: setting.text.slice(name.length),
          span,
          display,
        });
      }
    }
  }
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length;
  return {
    occurrences,
    eol: crlf > 0 && crlf * 2 >= lf ? "\r\n" : "\n",
    endsWithNewline: text === "" || text.endsWith("\n"),
  };
}

/** The occurrences that apply to `--config NAME` ("" for plain lines), any command. */
export function inConfig(rc: Bazelrc, config: string): Occurrence[] {
  return rc.occurrences.filter((o) => o.config === config);
}

/** The zero-padded increment of a numeric value (`009` → `010`, `999` → `1000`), or null. */
export function increment(value: string): string | null {
  if (!/^[0-9]+$/.test(value)) return null;
  return (BigInt(value) + 1n).toString().padStart(value.length, "0");
}

export function prefix(config: string): string {
  return config === "" ? "build" : `build:${config}`;
}

/** A problem `check` reports. */
export interface Finding {
  line: number;
  message: string;
  /** The `cache-bust` arguments that fix it (`bump --value 001`), when a command can. */
  fix?: string[];
}

/**
 * Checks one config group: exactly one `--repo_env` and one `--action_env` CACHE_BUST,
 * with a value, and the same value. `configs` null means every group that has any.
 */
export function check(rc: Bazelrc, configs: string[] | null): Finding[] {
  const groups = configs ?? [...new Set(rc.occurrences.map((o) => o.config))];
  const findings: Finding[] = [];
  if (groups.length === 0) {
    findings.push({ line: 0, message: `no ${CACHE_BUST} values found; add them with \`bump\``, fix: ["bump"] });
  }
  for (const config of groups) {
    const here = inConfig(rc, config);
    const where = config === "" ? "plain (no --config) lines" : `config "${config}"`;
    const withConfig = config ? ["--config", config] : [];
    if (here.length === 0) {
      findings.push({
        line: 0,
        message: `no ${CACHE_BUST} values for ${where}; add them with \`bump${config ? ` --config ${config}` : ""}\``,
        fix: ["bump", ...withConfig],
      });
      continue;
    }
    // `bump --value V` writes V on every line of the group and adds a missing one.
    const keep = here.find((o) => o.value !== null)?.value;
    const setAll = keep !== undefined && keep !== null ? ["bump", ...withConfig, "--value", keep] : undefined;
    for (const flag of FLAGS) {
      const mine = here.filter((o) => o.flag === flag);
      if (mine.length === 0) {
        const other = here[0]!;
        findings.push({
          line: other.line,
          message: `--${flag}=${CACHE_BUST} is missing for ${where} (${other.display} has no partner); without both, repository rules and actions see different values`,
          ...(setAll ? { fix: setAll } : {}),
        });
      }
      for (const extra of mine.slice(1)) {
        findings.push({
          line: extra.line,
          message: `--${flag}=${CACHE_BUST} appears more than once for ${where} (first on line ${mine[0]!.line}); keep one`,
        });
      }
      for (const o of mine) {
        if (o.value === null) {
          findings.push({ line: o.line, message: `${o.display} has no value and takes it from the environment; write ${CACHE_BUST}=<value>` });
        }
      }
    }
    const withValues = here.filter((o) => o.value !== null);
    const first = withValues[0];
    for (const o of withValues.slice(1)) {
      if (o.value !== first!.value) {
        findings.push({
          line: o.line,
          message: `${o.display} disagrees with ${first!.display} on line ${first!.line} for ${where}`,
          ...(setAll ? { fix: setAll } : {}),
        });
      }
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

/** Why a bump cannot go ahead: a message for the user (the CLI adds the file name). */
export class BumpError extends Error {
  override name = "BumpError";
  readonly line: number;
  constructor(message: string, line = 0) {
    super(message);
    this.line = line;
  }
}

export interface BumpResult {
  text: string;
  /** The value written. */
  value: string;
  /** The value(s) before, in file order, distinct. */
  previous: string[];
  /** Occurrences whose value was rewritten. */
  changed: Occurrence[];
  /** Flags that had no line and were appended. */
  added: EnvFlag[];
}

/**
 * Sets CACHE_BUST for one config group to `value`, or to the increment of the current
 * value when `value` is undefined. Only the value bytes change; lines for a missing
 * flag are appended after a one-line comment, with the file's line ending.
 */
export function bump(text: string, options: { config?: string; value?: string; comment?: string } = {}): BumpResult {
  const config = options.config ?? "";
  const rc = parseBazelrc(text);
  const here = inConfig(rc, config);
  const where = config === "" ? "plain `build` lines" : `\`build:${config}\` lines`;
  const previous = [...new Set(here.map((o) => o.value).filter((v): v is string => v !== null))];
  for (const o of here) {
    if (o.value === null) {
      throw new BumpError(`${o.display} has no value (it is taken from the environment); write ${CACHE_BUST}=<value> there by hand first`, o.line);
    }
    if (o.span === null) {
      throw new BumpError(`the value of ${o.display} contains an escape or a quote inside it; rewrite it as plain ${CACHE_BUST}=${o.value}`, o.line);
    }
  }
  let value = options.value;
  if (value !== undefined) {
    if (!VALUE_PATTERN.test(value)) {
      throw new BumpError(`--value "${value}" is not a valid ${CACHE_BUST}: use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit`);
    }
  } else if (previous.length > 1) {
    const list = here.map((o) => `line ${o.line}: ${o.value}`).join(", ");
    throw new BumpError(`conflicting ${CACHE_BUST} values for ${where} (${list}); pick one with --value`, here[0]!.line);
  } else if (previous.length === 0) {
    value = "001";
  } else {
    const next = increment(previous[0]!);
    if (next === null) {
      throw new BumpError(`${CACHE_BUST}=${previous[0]} is not a number, so it cannot be incremented; give the new value with --value`, here[0]!.line);
    }
    value = next;
  }
  let out = "";
  let at = 0;
  const spans = here.map((o) => o.span!).sort((a, b) => a.start - b.start);
  for (const span of spans) {
    out += text.slice(at, span.start) + value;
    at = span.end;
  }
  out += text.slice(at);
  const added = FLAGS.filter((flag) => !here.some((o) => o.flag === flag));
  if (added.length > 0) {
    const eol = rc.eol;
    if (!rc.endsWithNewline) out += eol;
    out += (options.comment ?? ADDED_COMMENT) + eol;
    for (const flag of added) out += `${prefix(config)} --${flag}=${CACHE_BUST}=${value}${eol}`;
  }
  return { text: out, value, previous, changed: here, added };
}
