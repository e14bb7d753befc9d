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
const isBreak = (c: string | undefined): boolean => c === undefined || c === " " || c === "\t" || c === "\r" || c === "\n" || c === ";" || c === "|" || c === "&" || c === ")" || c === "<" || c === ">";
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

/** Read one word from `i` (which is not a blank nor, outside `[[ ]]`, an operator). */
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

/** Parse [start, end) of the chunk text as shell commands, appending segments to st.out. */
function parseShell(st: ParseState, start: number, end: number, inh: Inherit): void {
  const t = st.t;
  const stack: Frame[] = [];
  let chain = false;
  let pipeFrom: Segment | undefined;
  let heredocs: Heredoc[] = [];
  let cur = newCmd();
  let skipWords = 0;
  const budget: Budget = { left: 8 * (end - start) + 4096 };
  const conditional = (): boolean => inh.conditional || chain || stack.some((f) => f.cond || f.chain);
  const deeper = (s: number, e: number, x: Partial<Inherit>): void => {
    if (inh.depth < MAX_DEPTH && e > s) parseShell(st, s, e, { ...inh, ...x, depth: inh.depth + 1 });
  };
  const push = (kind: Frame["kind"], phase: Frame["phase"]): void => {
    // Deeper nesting than any script has: keep the work per command bounded.
    if (stack.length < MAX_NESTING) stack.push({ kind, phase, cond: false, chain });
    chain = false;
  };
  const nearest = (kind: Frame["kind"]): Frame | undefined => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k]!.kind === kind) return stack[k];
    return undefined;
  };
  const popTo = (kind: Frame["kind"]): void => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.kind === kind) {
        chain = stack[k]!.chain;
        stack.length = k;
        return;
      }
    }
  };

  const build = (c: Cmd, cond: boolean, from: Segment | undefined): Segment | undefined => {
    for (const w of [...c.words, ...c.targets]) for (const [s, e] of w.subs) deeper(s, e, { conditional: cond });
    const words = c.words;
    let i = 0;
    let sudoAt = inh.sudoAt;
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
    c.sudoAt = sudoAt;
    const cw = words[i];
    if (!cw) {
      c.stdinShell = sudoShell;
      return undefined;
    }
    const pub = (w: RawWord): Word => ({ word: w.word, offset: w.offset, raw: w.raw });
    const seg: Segment = {
      chunk: st.chunk,
      offset: c.start,
      text: t.slice(c.start, c.end),
      cmd: basename(cw.word),
      args: words.slice(i + 1).map(pub),
      words: words.map(pub),
      sudo: sudoAt !== undefined,
      sudoAt,
      conditional: cond,
      parent: inh.parent,
      pipeFrom: from,
    };
    st.out.push(seg);
    const sh = shellInvocation(seg);
    if (sh?.kind === "stdin") c.stdinShell = true;
    else if (sh?.kind === "string") {
      const w = sh.word;
      const q = w.raw[0];
      if ((q === "'" || q === '"') && w.raw.length >= 2 && w.raw.endsWith(q)) deeper(w.offset + 1, w.offset + w.raw.length - 1, { sudoAt, conditional: cond, parent: seg });
      else if (!/["'\\]/.test(w.raw)) deeper(w.offset, w.offset + w.raw.length, { sudoAt, conditional: cond, parent: seg });
    }
    return seg;
  };

  const finish = (op: string): void => {
    const c = cur;
    cur = newCmd();
    const seg = c.start >= 0 ? build(c, conditional(), pipeFrom) : undefined;
    c.seg = seg;
    if (op === "|" || op === "|&") {
      pipeFrom = seg;
      c.next = cur;
    } else pipeFrom = undefined;
    if (op === "&&" || op === "||") chain = chain || (seg !== undefined && testLike(seg));
    else if (op !== "|" && op !== "|&") chain = false;
  };

  // Heredoc bodies start after the newline that ends the line with the `<<WORD`s.
  const bodies = (i: number): number => {
    for (const h of heredocs) {
      const bodyStart = i;
      let bodyEnd = end;
      let termEnd = end;
      let k = i;
      while (k < end) {
        let e = t.indexOf("\n", k);
        if (e < 0 || e > end) e = end;
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
      if (shell) deeper(bodyStart, bodyEnd, { sudoAt: shell.sudoAt, conditional: shell.seg?.conditional ?? conditional(), parent: shell.seg ?? inh.parent });
      i = Math.min(termEnd + 1, end);
    }
    heredocs = [];
    return i;
  };

  let i = start;
  for (;;) {
    while (i < end && (isBlank(t[i]) || (t[i] === "\\" && t[i + 1] === "\n"))) i += t[i] === "\\" ? 2 : 1;
    if (i >= end) break;
    const c = t[i]!;
    const top = stack[stack.length - 1];
    if (top?.kind === "case" && top.phase === "pattern" && cur.start < 0) {
      // `pattern|pattern)` of a case arm, or esac.
      if (c === "\n" || c === ";") {
        i++;
        continue;
      }
      if (c === "#") {
        while (i < end && t[i] !== "\n") i++;
        continue;
      }
      if (t.startsWith("esac", i) && isBreak(t[i + 4])) {
        popTo("case");
        i += 4;
        continue;
      }
      let k = c === "(" ? i + 1 : i;
      let close = -1;
      while (k < end && t[k] !== "\n") {
        const d = t[k]!;
        if (d === "\\") k += 2;
        else if (d === "'" || d === '"') {
          k++;
          while (k < end && t[k] !== d && t[k] !== "\n") k++;
          k++;
        } else if (d === ")") {
          close = k;
          break;
        } else k++;
      }
      top.phase = "body";
      top.cond = true;
      chain = false;
      if (close >= 0) i = close + 1;
      continue;
    }
    if (c === "#") {
      while (i < end && t[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      finish("\n");
      i = heredocs.length > 0 ? bodies(i + 1) : i + 1;
      continue;
    }
    if (c === ";") {
      const op = t[i + 1] === ";" ? (t[i + 2] === "&" ? ";;&" : ";;") : t[i + 1] === "&" ? ";&" : ";";
      finish(op);
      i += op.length;
      if (op !== ";" && top?.kind === "case") top.phase = "pattern";
      continue;
    }
    if (c === "&" && t[i + 1] !== ">" && !(cur.dbl && t[i + 1] === "&")) {
      const op = t[i + 1] === "&" ? "&&" : "&";
      finish(op);
      i += op.length;
      continue;
    }
    if (c === "|" && !(cur.dbl && t[i + 1] === "|")) {
      const op = t[i + 1] === "|" ? "||" : t[i + 1] === "&" ? "|&" : "|";
      finish(op);
      i += op.length;
      continue;
    }
    if (!cur.dbl) {
      if (c === ")") {
        finish(")");
        popTo("subshell");
        i++;
        continue;
      }
      if (c === "(" && cur.start < 0 && t[i + 1] !== "(" && skipWords === 0) {
        push("subshell", "body");
        i++;
        continue;
      }
      if ((c >= "0" && c <= "9") || ((c === "<" || c === ">") && t[i + 1] !== "(") || c === "&") {
        REDIRECT.lastIndex = i;
        const m = REDIRECT.exec(t);
        if (m && i + m[0].length <= end) {
          const op = m[0].replace(/^(?:\d+|&)/, "");
          if (cur.start < 0) cur.start = i;
          i += m[0].length;
          cur.end = i;
          let k = i;
          while (k < end && isBlank(t[k])) k++;
          if (k < end && (!isBreak(t[k]) || ((t[k] === "<" || t[k] === ">") && t[k + 1] === "("))) {
            const w = readWord(t, k, end, false, budget);
            if (w.end > k) {
              if (op === "<<" || op === "<<-") heredocs.push({ delim: w.word, strip: op === "<<-", owner: cur });
              else cur.targets.push(w);
              i = cur.end = w.end;
            }
          }
          continue;
        }
      }
    }
    const w = readWord(t, i, end, cur.dbl, budget);
    if (w.end === i) {
      i++;
      continue;
    }
    i = w.end;
    if (cur.start < 0) {
      // Command position: loop headers, keywords, function definitions.
      if (top?.kind === "loop" && top.phase === "header") {
        if (w.plain && w.word === "do") {
          top.phase = "body";
          chain = false;
        } else for (const [s, e] of w.subs) deeper(s, e, { conditional: conditional() });
        continue;
      }
      if (top?.kind === "case" && top.phase === "header") {
        if (w.plain && w.word === "in") top.phase = "pattern";
        else for (const [s, e] of w.subs) deeper(s, e, { conditional: conditional() });
        continue;
      }
      if (skipWords > 0) {
        skipWords--;
        continue;
      }
      if (w.plain) {
        let keyword = true;
        switch (w.word) {
          case "if":
            push("if", "cond");
            break;
          case "then":
          case "else": {
            const f = nearest("if");
            if (f) {
              f.phase = "body";
              f.cond = true;
            }
            chain = false;
            break;
          }
          case "elif": {
            const f = nearest("if");
            if (f) f.phase = "cond";
            chain = false;
            break;
          }
          case "fi":
            popTo("if");
            break;
          case "while":
          case "until":
            push("loop", "cond");
            break;
          case "for":
          case "select":
            push("loop", "header");
            break;
          case "do": {
            const f = nearest("loop");
            if (f) f.phase = "body";
            chain = false;
            break;
          }
          case "done":
            popTo("loop");
            break;
          case "case":
            push("case", "header");
            break;
          case "esac":
            popTo("case");
            break;
          case "{":
            push("brace", "body");
            break;
          case "}":
            popTo("brace");
            break;
          case "!":
            break;
          case "function":
            skipWords = 1;
            break;
          default:
            keyword = /^[A-Za-z_][\w.:-]*\(\)$/.test(w.word); // name() of a function definition
        }
        if (keyword) continue;
      }
      if (w.plain && w.word === "[[") cur.dbl = true;
      cur.start = w.offset;
    } else if (cur.words.length === 1 && cur.targets.length === 0 && w.word === "()") {
      // `name () {`
      cur = newCmd();
      continue;
    }
    if (cur.dbl && w.plain && w.word === "]]") cur.dbl = false;
    cur.words.push(w);
    cur.end = w.end;
  }
  finish("");
}

/**
 * Split a chunk into simple commands: at newlines, ;, &&, ||, | and &, after shell
 * keywords (if/then/do/…), inside `sh -c '…'` strings, `$(…)` and heredoc scripts; heredoc
 * bodies and comments are not commands. Quotes never span lines here, so an apostrophe in
 * a comment cannot swallow the rest of a script.
 */
export function segments<C extends ScriptText>(chunk: C): Array<Segment<C>> {
  const st: ParseState = { chunk, t: chunk.text, out: [] };
  parseShell(st, 0, chunk.text.length, { sudoAt: undefined, conditional: false, parent: undefined, depth: 0 });
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
