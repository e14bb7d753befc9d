/**
 * A shell scanner: splits shell text into simple commands ("segments") with their words and
 * offsets, following `sh -c '…'` strings, `$(…)`, heredoc scripts, sudo and the other
 * wrappers, and marking what runs on some paths only. Pure text in, data out: it knows
 * nothing of HCL or templates; what a piece of text is and where it came from is the caller's
 * (see provisioners.ts).
 */

/** A piece of shell text to scan; the caller's chunk type carries where it came from. */
export interface ScriptText {
  text: string;
}

/** A word of a command line: its value (quotes removed), its offset in the chunk, its text as written. */
export interface Word {
  word: string;
  offset: number;
  raw: string;
}

export interface Segment<C extends ScriptText = ScriptText> {
  chunk: C;
  /** Offset of the segment in the chunk text. */
  offset: number;
  /** The command as written; for a command reading a heredoc, up to the end of the heredoc body. */
  text: string;
  /** The command word (after sudo, env assignments and other wrappers), basename only. */
  cmd: string;
  /** The arguments (redirections left out). */
  args: Word[];
  /** Every word: assignments, wrappers and their options, the command word, the arguments. */
  words: Word[];
  /** True when the command runs under sudo (its own, or that of the `sudo sh -c` it runs in). */
  sudo: boolean;
  /** Chunk offset of that sudo word. */
  sudoAt?: number | undefined;
  /**
   * Runs on some paths only: in an if/elif/else body or a case arm, or after `&&`/`||`
   * following a test (`command -v dnf && …`, `[ -f /etc/redhat-release ] && …`).
   */
  conditional: boolean;
  /** The shell command (`sh -c '…'`, `sudo bash <<'EOF'`) whose script this command is part of. */
  parent?: Segment<C> | undefined;
  /** The command whose output is piped into this one (`yes | sudo apt-get install …`). */
  pipeFrom?: Segment<C> | undefined;
}

/**
 * Programs that run the command that follows them (`sudo apt-get …`, `timeout 60 curl …`),
 * with the options that take a value (skipped with it) and how many plain arguments come
 * before the command (timeout's duration).
 */
const WRAPPERS = new Map<string, { argOpts: ReadonlySet<string>; positional?: number }>([
  ["sudo", { argOpts: new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "-R"]) }],
  ["env", { argOpts: new Set(["-u", "-C", "-S", "-P"]) }],
  ["nohup", { argOpts: new Set() }],
  ["time", { argOpts: new Set() }],
  ["exec", { argOpts: new Set(["-a"]) }],
  ["command", { argOpts: new Set() }],
  ["xargs", { argOpts: new Set(["-I", "-n", "-P", "-L", "-d", "-a", "-E", "-s"]) }],
  ["timeout", { argOpts: new Set(["-s", "-k"]), positional: 1 }],
  ["nice", { argOpts: new Set(["-n"]) }],
  ["ionice", { argOpts: new Set(["-c", "-n"]) }],
  ["eatmydata", { argOpts: new Set() }],
  ["stdbuf", { argOpts: new Set(["-i", "-o", "-e"]) }],
]);
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const REDIRECT = /(?:\d+|&)?(?:<<<|<<-|<<|<>|<&|>>|>&|>\||<|>)/y;
/** Nesting of `sh -c '…'` strings, `$(…)` and heredoc scripts followed (enough for real scripts, bounded for hostile ones). */
const MAX_DEPTH = 6;
/** Nesting of if/while/case/{ }/( ) tracked. */
const MAX_NESTING = 64;

/** Commands that only test something: a command after `test && …` or `test || …` runs on some paths only. */
function testLike(seg: Segment): boolean {
  switch (seg.cmd) {
    case "[":
    case "[[":
    case "test":
    case "command": // only `command -v/-V` becomes a segment of its own
    case "which":
    case "type":
    case "hash":
    case "grep":
    case "egrep":
    case "fgrep":
    case "lsb_release":
    case "uname":
    case "getent":
    case "id":
    case "dpkg-query":
      return true;
    case "rpm":
      return seg.args.some((a) => /^-q/.test(a.word) || a.word === "--query");
    case "dpkg":
      return seg.args.some((a) => /^(?:-s|-l|-L|-S|--status|--list|--listfiles|--search)$/.test(a.word));
    case "systemctl":
      return seg.args.some((a) => /^(?:is-active|is-enabled|is-failed|list-unit-files|list-units|status|cat)$/.test(a.word));
    default:
      return false;
  }
}

/**
 * What a shell command (`sh`, `bash`, … or `su`) runs: a `-c` string, a script file, or
 * its standard input (`sudo bash <<'EOF'`, `curl … | sh`). Undefined for other commands.
 */
export function shellInvocation(seg: Segment): { kind: "string" | "file"; word: Word } | { kind: "stdin" } | undefined {
  const args = seg.args;
  if (seg.cmd === "su") {
    for (let k = 0; k < args.length; k++) {
      const a = args[k]!.word;
      if (a === "-c" || a === "--command" || /^-[A-Za-z]*c$/.test(a)) {
        const w = args[k + 1];
        return w ? { kind: "string", word: w } : undefined;
      }
      if (a === "-s" || a === "-g" || a === "-G" || a === "--shell" || a === "--group") k++;
    }
    return { kind: "stdin" };
  }
  if (!SHELLS.has(seg.cmd)) return undefined;
  let string = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!.word;
    // An option taking a value, alone or last of a cluster (`bash -eo pipefail -c '…'`).
    if (/^[-+][A-Za-z]*[oO]$/.test(a) || a === "--rcfile" || a === "--init-file") {
      if (/^-[A-Za-z]*c/.test(a)) string = true;
      k++;
      continue;
    }
    if (a === "-" || (!string && /^-[A-Za-z]*s[A-Za-z]*$/.test(a))) return { kind: "stdin" };
    if ((a.startsWith("-") || a.startsWith("+")) && a.length > 1) {
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) string = true;
      continue;
    }
    return { kind: string ? "string" : "file", word: args[k]! };
  }
  return string ? undefined : { kind: "stdin" };
}

interface RawWord extends Word {
  end: number;
  /** Written without quotes or backslashes (only such words can be keywords). */
  plain: boolean;
  /** Command substitutions in the word (`$(…)`, `` `…` ``, `<(…)`): [start, end) in the chunk text. */
  subs: Array<[number, number]>;
}

interface Heredoc {
  delim: string;
  strip: boolean;
  owner: Cmd;
}

/** A simple command being read. */
interface Cmd {
  words: RawWord[];
  /** Redirection targets (their substitutions still run). */
  targets: RawWord[];
  start: number;
  end: number;
  /** Inside `[[ … ]]`: && || ( ) < > are part of the test. */
  dbl: boolean;
  seg?: Segment;
  /** A shell reading its script from standard input (`bash`, `sudo -s`, `su -`). */
  stdinShell?: boolean;
  sudoAt?: number | undefined;
  /** The next command of the pipeline. */
  next?: Cmd;
}

interface Frame {
  kind: "if" | "loop" | "case" | "brace" | "subshell";
  phase: "cond" | "body" | "header" | "pattern";
  /** The commands run on some paths only (if/elif/else bodies, case arms). */
  cond: boolean;
  /** The group was opened after `test &&` / `test ||`. */
  chain: boolean;
}

interface Inherit {
  sudoAt: number | undefined;
  conditional: boolean;
  parent: Segment | undefined;
  depth: number;
}

interface ParseState {
  chunk: ScriptText;
  t: string;
  out: Segment[];
}

const newCmd = (): Cmd => ({ words: [], targets: [], start: -1, end: -1, dbl: false });
const isBlank = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r";
/** Characters that end a word (outside quotes). */
const isBreak = (c: string | undefined): boolean =>
  c === undefined || c === " " || c === "\t" || c === "\r" || c === "\n" || c === ";" || c === "|" || c === "&" || c === ")" || c === "<" || c === ">";
const basename = (w: string): string => w.split("/").pop()!;

/**
 * How many characters the bracket and backtick searches of one parse may still look at: an
 * unclosed `$(` sends the search to the end of the text, and a line of them must not make
 * the parse quadratic. Real scripts use a small part of it; once spent, brackets are plain.
 */
interface Budget {
  left: number;
}

/**
 * Index of the bracket closing the one at `j` (`(` or `{`), skipping quotes (which end at
 * the line's end, as everywhere here) and escapes; -1 when it is not closed before `end`.
 */
function matchClose(t: string, j: number, end: number, budget: Budget): number {
  const open = t[j]!;
  const close = open === "(" ? ")" : "}";
  let depth = 0;
  const stop = Math.min(end, j + budget.left);
  budget.left -= stop - j;
  for (let k = j; k < stop; k++) {
    const c = t[k]!;
    if (c === "\\") k++;
    else if (c === "'" || c === '"') {
      k++;
      while (k < end && t[k] !== c && t[k] !== "\n") {
        if (c === '"' && t[k] === "\\") k++;
        k++;
      }
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) {
      budget.left += stop - k - 1;
      return k;
    }
  }
  return -1;
}

/** The closing backtick of the one at `j` on the same line, or -1. */
function matchBacktick(t: string, j: number, end: number, budget: Budget): number {
  for (let k = j + 1; k < end && t[k] !== "\n"; k++) {
    if (--budget.left < 0) return -1;
    if (t[k] === "\\") k++;
    else if (t[k] === "`") return k;
  }
  return -1;
}

/**
 * Read one word from `i` (which is not a blank nor, outside `[[ ]]`, an operator). Long by
 * design: one loop over the characters with a case per quoting form (quotes, `$'…'`,
 * `$(…)`, backticks, `${…}`, escapes), all building the same value and substitution list.
 */
function readWord(t: string, i: number, end: number, dbl: boolean, budget: Budget): RawWord {
  const start = i;
  let val = "";
  let plain = true;
  const subs: Array<[number, number]> = [];
  // `$(…)`, `${…}`, `(…)`: copied whole when closed, else the bracket is a plain character.
  const bracket = (at: number, sub: boolean): boolean => {
    const m = matchClose(t, at, end, budget);
    if (m < 0) return false;
    if (sub && t[at + 1] !== "(") subs.push([at + 1, m]);
    val += t.slice(i, m + 1);
    i = m + 1;
    return true;
  };
  while (i < end) {
    const c = t[i]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") break;
    if (c === "\\") {
      if (t[i + 1] === "\n") {
        i += 2;
        continue;
      }
      plain = false;
      val += t[i + 1] ?? "";
      i += 2;
      continue;
    }
    if (c === "'" || (c === "$" && t[i + 1] === "'")) {
      plain = false;
      let k = c === "$" ? i + 2 : i + 1;
      while (k < end && t[k] !== "'" && t[k] !== "\n") {
        if (c === "$" && t[k] === "\\") k++;
        k++;
      }
      val += t.slice(c === "$" ? i + 2 : i + 1, Math.min(k, end));
      i = t[k] === "'" && k < end ? k + 1 : Math.min(k, end);
      continue;
    }
    if (c === '"') {
      plain = false;
      let k = i + 1;
      while (k < end && t[k] !== '"' && t[k] !== "\n") {
        const d = t[k]!;
        if (d === "\\") {
          const n = t[k + 1];
          if (n !== "\n" && n !== undefined) val += '"\\$`'.includes(n) ? n : d + n;
          k += 2;
          continue;
        }
        if (d === "$" && (t[k + 1] === "(" || t[k + 1] === "{")) {
          const m = matchClose(t, k + 1, end, budget);
          if (m > 0) {
            if (t[k + 1] === "(" && t[k + 2] !== "(") subs.push([k + 2, m]);
            val += t.slice(k, m + 1);
            k = m + 1;
            continue;
          }
        }
        if (d === "`") {
          const m = matchBacktick(t, k, end, budget);
          if (m > 0) {
            subs.push([k + 1, m]);
            val += t.slice(k, m + 1);
            k = m + 1;
            continue;
          }
        }
        val += d;
        k++;
      }
      i = k < end && t[k] === '"' ? k + 1 : Math.min(k, end);
      continue;
    }
    if (c === "$" && (t[i + 1] === "(" || t[i + 1] === "{")) {
      if (bracket(i + 1, t[i + 1] === "(")) continue;
    } else if (c === "`") {
      const m = matchBacktick(t, i, end, budget);
      if (m > 0) {
        subs.push([i + 1, m]);
        val += t.slice(i, m + 1);
        i = m + 1;
        continue;
      }
    } else if (dbl && (c === "(" || c === ")" || c === "<" || c === ">" || ((c === "&" || c === "|") && t[i + 1] === c))) {
      val += c === "&" || c === "|" ? c + c : c;
      i += c === "&" || c === "|" ? 2 : 1;
      continue;
    } else if ((c === "<" || c === ">") && t[i + 1] === "(") {
      // Process substitution.
      const m = matchClose(t, i + 1, end, budget);
      if (m > 0) {
        subs.push([i + 2, m]);
        val += t.slice(i, m + 1);
        i = m + 1;
        continue;
      }
      if (i > start) break;
    } else if (c === "(") {
      // `name()`, `arr=(…)`, extglob `@(…)`.
      if (bracket(i, false)) continue;
    } else if (isBreak(c)) break;
    val += c;
    i++;
  }
  return { word: val, offset: start, end: i, raw: t.slice(start, i), plain, subs };
}

/**
 * Skip the assignments and wrappers (`sudo -u x`, `env A=1`, `timeout 60`, `command`) in
 * front of a command: the index of the command word (past the end when there is none), the
 * sudo it runs under, and whether that sudo starts a shell reading standard input (`sudo -s`).
 */
function commandWord(words: readonly RawWord[], sudoAt: number | undefined): { index: number; sudoAt: number | undefined; sudoShell: boolean } {
  let i = 0;
  let sudoShell = false;
  for (;;) {
    const w = words[i];
    if (!w) break;
    if (ASSIGNMENT.test(w.word)) {
      i++;
      continue;
    }
    const name = basename(w.word);
    const wrapper = WRAPPERS.get(name);
    if (!wrapper) break;
    if (name === "command") {
      // `command -v yum` looks yum up; `command yum …` runs it.
      let j = i + 1;
      while (words[j]?.word === "-p") j++;
      if (words[j]?.word === "-v" || words[j]?.word === "-V") break;
      i = j;
      continue;
    }
    if (name === "sudo") sudoAt = w.offset;
    i++;
    while (i < words.length) {
      const o = words[i]!.word;
      if (o === "--") {
        i++;
        break;
      }
      if (!o.startsWith("-") || (o === "-" && name !== "env")) break;
      if (name === "sudo" && (/^-[A-Za-z]*[is][A-Za-z]*$/.test(o) || o === "--shell" || o === "--login")) sudoShell = true;
      // An option taking a value, alone or last of a cluster (`sudo -iu postgres psql`).
      i += wrapper.argOpts.has(o) || (/^-[A-Za-z]{2,}$/.test(o) && wrapper.argOpts.has(`-${o[o.length - 1]}`)) ? 2 : 1;
    }
    i += wrapper.positional ?? 0;
  }
  return { index: i, sudoAt, sudoShell };
}

const publicWord = (w: RawWord): Word => ({ word: w.word, offset: w.offset, raw: w.raw });

/**
 * Reads [start, end) of a chunk's text as shell commands, appending segments to st.out. Text
 * that is itself a script (`$(…)`, an `sh -c '…'` string, a heredoc a shell reads) gets a
 * reader of its own, one level deeper. Each turn of run() takes one step: blanks, a case
 * pattern, a separator (newline, `;`, `&&`, `|`, …), a subshell or a redirection, or a word;
 * a word in command position may be a keyword that opens or closes a compound command.
 */
class ShellReader {
  readonly st: ParseState;
  readonly t: string;
  readonly end: number;
  readonly inh: Inherit;
  readonly budget: Budget;
  /** Open compound commands (if, loops, case, braces, subshells). */
  readonly stack: Frame[] = [];
  /** The current command follows `test &&` / `test ||`: it runs on some paths only. */
  chain = false;
  pipeFrom: Segment | undefined = undefined;
  /** Heredocs whose bodies start after the current line. */
  heredocs: Heredoc[] = [];
  cur: Cmd = newCmd();
  /** Words to skip (the name after `function`). */
  skipWords = 0;

  constructor(st: ParseState, start: number, end: number, inh: Inherit) {
    this.st = st;
    this.t = st.t;
    this.end = end;
    this.inh = inh;
    this.budget = { left: 8 * (end - start) + 4096 };
  }

  run(start: number): void {
    let i = start;
    for (;;) {
      i = this.skipBlanks(i);
      if (i >= this.end) break;
      const top = this.stack[this.stack.length - 1];
      if (top?.kind === "case" && top.phase === "pattern" && this.cur.start < 0) {
        i = this.casePattern(i, top);
        continue;
      }
      i = this.separator(i, top) ?? this.groupOrRedirect(i) ?? this.word(i, top);
    }
    this.finish("");
  }

  conditional(): boolean {
    return this.inh.conditional || this.chain || this.stack.some((f) => f.cond || f.chain);
  }

  /** Read [s, e) as a script of its own, one level deeper. */
  deeper(s: number, e: number, x: Partial<Inherit>): void {
    if (this.inh.depth < MAX_DEPTH && e > s) new ShellReader(this.st, s, e, { ...this.inh, ...x, depth: this.inh.depth + 1 }).run(s);
  }

  push(kind: Frame["kind"], phase: Frame["phase"]): void {
    // Deeper nesting than any script has: keep the work per command bounded.
    if (this.stack.length < MAX_NESTING) this.stack.push({ kind, phase, cond: false, chain: this.chain });
    this.chain = false;
  }

  nearest(kind: Frame["kind"]): Frame | undefined {
    for (let k = this.stack.length - 1; k >= 0; k--) if (this.stack[k]!.kind === kind) return this.stack[k];
    return undefined;
  }

  popTo(kind: Frame["kind"]): void {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      if (this.stack[k]!.kind === kind) {
        this.chain = this.stack[k]!.chain;
        this.stack.length = k;
        return;
      }
    }
  }

  skipBlanks(i: number): number {
    const t = this.t;
    while (i < this.end && (isBlank(t[i]) || (t[i] === "\\" && t[i + 1] === "\n"))) i += t[i] === "\\" ? 2 : 1;
    return i;
  }

  skipComment(i: number): number {
    while (i < this.end && this.t[i] !== "\n") i++;
    return i;
  }

  /** `pattern|pattern)` of a case arm, or esac. */
  casePattern(i: number, top: Frame): number {
    const t = this.t;
    const c = t[i]!;
    if (c === "\n" || c === ";") return i + 1;
    if (c === "#") return this.skipComment(i);
    if (t.startsWith("esac", i) && isBreak(t[i + 4])) {
      this.popTo("case");
      return i + 4;
    }
    let k = c === "(" ? i + 1 : i;
    let close = -1;
    while (k < this.end && t[k] !== "\n") {
      const d = t[k]!;
      if (d === "\\") k += 2;
      else if (d === "'" || d === '"') {
        k++;
        while (k < this.end && t[k] !== d && t[k] !== "\n") k++;
        k++;
      } else if (d === ")") {
        close = k;
        break;
      } else k++;
    }
    top.phase = "body";
    top.cond = true;
    this.chain = false;
    return close >= 0 ? close + 1 : i;
  }

  /** A comment, or an operator that ends a command (newline, `;`, `;;`, `&`, `&&`, `|`, `||`, `|&`). */
  separator(i: number, top: Frame | undefined): number | undefined {
    const t = this.t;
    const c = t[i]!;
    if (c === "#") return this.skipComment(i);
    if (c === "\n") {
      this.finish("\n");
      return this.heredocs.length > 0 ? this.heredocBodies(i + 1) : i + 1;
    }
    let op: string | undefined;
    if (c === ";") op = t[i + 1] === ";" ? (t[i + 2] === "&" ? ";;&" : ";;") : t[i + 1] === "&" ? ";&" : ";";
    else if (c === "&" && t[i + 1] !== ">" && !(this.cur.dbl && t[i + 1] === "&")) op = t[i + 1] === "&" ? "&&" : "&";
    else if (c === "|" && !(this.cur.dbl && t[i + 1] === "|")) op = t[i + 1] === "|" ? "||" : t[i + 1] === "&" ? "|&" : "|";
    if (op === undefined) return undefined;
    this.finish(op);
    if (c === ";" && op !== ";" && top?.kind === "case") top.phase = "pattern";
    return i + op.length;
  }

  /** Outside `[[ ]]`: a subshell's `(` or `)`, or a redirection with its target. */
  groupOrRedirect(i: number): number | undefined {
    const t = this.t;
    const c = t[i]!;
    const cur = this.cur;
    if (cur.dbl) return undefined;
    if (c === ")") {
      this.finish(")");
      this.popTo("subshell");
      return i + 1;
    }
    if (c === "(" && cur.start < 0 && t[i + 1] !== "(" && this.skipWords === 0) {
      this.push("subshell", "body");
      return i + 1;
    }
    if (!((c >= "0" && c <= "9") || ((c === "<" || c === ">") && t[i + 1] !== "(") || c === "&")) return undefined;
    REDIRECT.lastIndex = i;
    const m = REDIRECT.exec(t);
    if (!m || i + m[0].length > this.end) return undefined;
    const op = m[0].replace(/^(?:\d+|&)/, "");
    if (cur.start < 0) cur.start = i;
    i += m[0].length;
    cur.end = i;
    let k = i;
    while (k < this.end && isBlank(t[k])) k++;
    if (k < this.end && (!isBreak(t[k]) || ((t[k] === "<" || t[k] === ">") && t[k + 1] === "("))) {
      const w = readWord(t, k, this.end, false, this.budget);
      if (w.end > k) {
        if (op === "<<" || op === "<<-") this.heredocs.push({ delim: w.word, strip: op === "<<-", owner: cur });
        else cur.targets.push(w);
        i = cur.end = w.end;
      }
    }
    return i;
  }

  /** A word: a keyword or the start of a command in command position, else an argument. */
  word(i: number, top: Frame | undefined): number {
    const w = readWord(this.t, i, this.end, this.cur.dbl, this.budget);
    if (w.end === i) return i + 1;
    if (this.cur.start < 0) {
      if (this.commandPosition(w, top)) return w.end;
    } else if (this.cur.words.length === 1 && this.cur.targets.length === 0 && w.word === "()") {
      // `name () {`
      this.cur = newCmd();
      return w.end;
    }
    if (this.cur.dbl && w.plain && w.word === "]]") this.cur.dbl = false;
    this.cur.words.push(w);
    this.cur.end = w.end;
    return w.end;
  }

  /** A word where a command starts: true when it is taken (a loop or case header, a keyword, a function name). */
  commandPosition(w: RawWord, top: Frame | undefined): boolean {
    if (top?.kind === "loop" && top.phase === "header") {
      if (w.plain && w.word === "do") {
        top.phase = "body";
        this.chain = false;
      } else for (const [s, e] of w.subs) this.deeper(s, e, { conditional: this.conditional() });
      return true;
    }
    if (top?.kind === "case" && top.phase === "header") {
      if (w.plain && w.word === "in") top.phase = "pattern";
      else for (const [s, e] of w.subs) this.deeper(s, e, { conditional: this.conditional() });
      return true;
    }
    if (this.skipWords > 0) {
      this.skipWords--;
      return true;
    }
    if (w.plain && this.keyword(w.word)) return true;
    if (w.plain && w.word === "[[") this.cur.dbl = true;
    this.cur.start = w.offset;
    return false;
  }

  /** A reserved word (if, then, do, done, case, `{`, …) or `name()`: opens, moves or closes a compound command. */
  keyword(word: string): boolean {
    switch (word) {
      case "if":
        this.push("if", "cond");
        return true;
      case "then":
      case "else": {
        const f = this.nearest("if");
        if (f) {
          f.phase = "body";
          f.cond = true;
        }
        this.chain = false;
        return true;
      }
      case "elif": {
        const f = this.nearest("if");
        if (f) f.phase = "cond";
        this.chain = false;
        return true;
      }
      case "fi":
        this.popTo("if");
        return true;
      case "while":
      case "until":
        this.push("loop", "cond");
        return true;
      case "for":
      case "select":
        this.push("loop", "header");
        return true;
      case "do": {
        const f = this.nearest("loop");
        if (f) f.phase = "body";
        this.chain = false;
        return true;
      }
      case "done":
        this.popTo("loop");
        return true;
      case "case":
        this.push("case", "header");
        return true;
      case "esac":
        this.popTo("case");
        return true;
      case "{":
        this.push("brace", "body");
        return true;
      case "}":
        this.popTo("brace");
        return true;
      case "!":
        return true;
      case "function":
        this.skipWords = 1;
        return true;
      default:
        return /^[A-Za-z_][\w.:-]*\(\)$/.test(word); // name() of a function definition
    }
  }

  /** End the current command at `op`, making its segment and keeping the pipeline and chain state. */
  finish(op: string): void {
    const c = this.cur;
    this.cur = newCmd();
    const seg = c.start >= 0 ? this.segment(c, this.conditional(), this.pipeFrom) : undefined;
    c.seg = seg;
    if (op === "|" || op === "|&") {
      this.pipeFrom = seg;
      c.next = this.cur;
    } else this.pipeFrom = undefined;
    if (op === "&&" || op === "||") this.chain = this.chain || (seg !== undefined && testLike(seg));
    else if (op !== "|" && op !== "|&") this.chain = false;
  }

  /** The segment of a finished simple command (none when it has no command word), following the scripts it runs. */
  segment(c: Cmd, cond: boolean, from: Segment | undefined): Segment | undefined {
    for (const w of [...c.words, ...c.targets]) for (const [s, e] of w.subs) this.deeper(s, e, { conditional: cond });
    const { index, sudoAt, sudoShell } = commandWord(c.words, this.inh.sudoAt);
    c.sudoAt = sudoAt;
    const cw = c.words[index];
    if (!cw) {
      c.stdinShell = sudoShell;
      return undefined;
    }
    const seg: Segment = {
      chunk: this.st.chunk,
      offset: c.start,
      text: this.t.slice(c.start, c.end),
      cmd: basename(cw.word),
      args: c.words.slice(index + 1).map(publicWord),
      words: c.words.map(publicWord),
      sudo: sudoAt !== undefined,
      sudoAt,
      conditional: cond,
      parent: this.inh.parent,
      pipeFrom: from,
    };
    this.st.out.push(seg);
    const sh = shellInvocation(seg);
    if (sh?.kind === "stdin") c.stdinShell = true;
    else if (sh?.kind === "string") {
      const w = sh.word;
      const q = w.raw[0];
      if ((q === "'" || q === '"') && w.raw.length >= 2 && w.raw.endsWith(q))
        this.deeper(w.offset + 1, w.offset + w.raw.length - 1, { sudoAt, conditional: cond, parent: seg });
      else if (!/["'\\]/.test(w.raw)) this.deeper(w.offset, w.offset + w.raw.length, { sudoAt, conditional: cond, parent: seg });
    }
    return seg;
  }

  /** Heredoc bodies start after the newline that ends the line with the `<<WORD`s. */
  heredocBodies(i: number): number {
    const t = this.t;
    for (const h of this.heredocs) {
      const bodyStart = i;
      let bodyEnd = this.end;
      let termEnd = this.end;
      let k = i;
      while (k < this.end) {
        let e = t.indexOf("\n", k);
        if (e < 0 || e > this.end) e = this.end;
        let line = t.slice(k, e);
        if (line.endsWith("\r")) line = line.slice(0, -1);
        if (h.strip) line = line.replace(/^\t+/, "");
        if (line === h.delim) {
          bodyEnd = k;
          termEnd = e;
          break;
        }
        k = e + 1;
      }
      const owner = h.owner;
      // The body is data: it belongs to the text of the command reading it.
      if (owner.seg) owner.seg.text = t.slice(owner.seg.offset, termEnd);
      // …unless a shell reads it as its script (`sudo bash <<'EOF'`, `cat <<EOF | sudo sh`).
      const shell = owner.stdinShell ? owner : owner.seg?.cmd === "cat" && owner.next?.stdinShell ? owner.next : undefined;
      if (shell)
        this.deeper(bodyStart, bodyEnd, {
          sudoAt: shell.sudoAt,
          conditional: shell.seg?.conditional ?? this.conditional(),
          parent: shell.seg ?? this.inh.parent,
        });
      i = Math.min(termEnd + 1, this.end);
    }
    this.heredocs = [];
    return i;
  }
}

/**
 * Split a chunk into simple commands: at newlines, ;, &&, ||, | and &, after shell
 * keywords (if/then/do/…), inside `sh -c '…'` strings, `$(…)` and heredoc scripts; heredoc
 * bodies and comments are not commands. Quotes never span lines here, so an apostrophe in
 * a comment cannot swallow the rest of a script.
 */
export function segments<C extends ScriptText>(chunk: C): Array<Segment<C>> {
  const st: ParseState = { chunk, t: chunk.text, out: [] };
  new ShellReader(st, 0, chunk.text.length, { sudoAt: undefined, conditional: false, parent: undefined, depth: 0 }).run(0);
  // Every segment's chunk is `chunk`.
  return st.out as Array<Segment<C>>;
}

export const PACKAGE_MANAGERS = new Set(["yum", "dnf", "microdnf", "apt", "apt-get", "zypper", "apk"]);

/** Packages a segment installs (`yum/dnf/apt-get install …`, `amazon-linux-extras install …`). */
export function installedPackages(seg: Segment): Array<{ word: string; offset: number }> {
  const i = seg.args.findIndex((a) => a.word === "install");
  if (i < 0) return [];
  if (!PACKAGE_MANAGERS.has(seg.cmd) && seg.cmd !== "amazon-linux-extras" && seg.cmd !== "snap") return [];
  return seg.args.slice(i + 1).filter((a) => !a.word.startsWith("-") && !a.word.includes("="));
}

/** Whether `name` appears as a word in `text` (dots and slashes count as separators). */
const MENTION_RE = new Map<string, RegExp>();

export function mentions(text: string, name: string): number {
  if (!text.includes(name)) return -1;
  let re = MENTION_RE.get(name);
  if (!re) {
    re = new RegExp(`(^|[^A-Za-z0-9_-])${name.replace(/[.+]/g, "\\$&")}(?![A-Za-z0-9_-])`);
    MENTION_RE.set(name, re);
  }
  const m = re.exec(text);
  return m ? m.index + m[1]!.length : -1;
}
