/**
 * regex, regexall and regex_replace: Go's RE2 syntax translated to a JavaScript pattern with the
 * same meaning, run with Go's rules for successive matches and replacement templates.
 *
 * Only the part of RE2 whose meaning carries over exactly is translated (Go's `.`, `\s`, `\w`,
 * `$` and classes are ASCII-exact, JavaScript's are not, so they are spelled out); a pattern
 * outside it gives an unknown result. RE2 runs in linear time and JavaScript's engine
 * backtracks, so a pattern that could backtrack without bound (a repeated group that itself
 * repeats or alternates) or a long subject for several unbounded repeats is not run at all.
 */
import { T_ANY, T_STRING, listT, listV, nullV, objectT, objectV, str, strV, tupleT, tupleV, unknownV, type Ty, type V } from "./cty.ts";
import { fail, type FnImpl } from "./fn-core.ts";

interface Compiled {
  re: RegExp;
  /** Capture group names in order ("" for unnamed). */
  names: string[];
}

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7f",
  blank: "\\t ",
  cntrl: "\\x00-\\x1f\\x7f",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};
const PERL_IN_CLASS: Record<string, string> = { d: "0-9", w: "0-9A-Za-z_", s: "\\t\\n\\f\\r " };
const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

class Unsupported extends Error {}

/** One escape after `\` at `p[i]` (i points after the backslash): [js text, next index]. */
function escape(p: string, i: number, inClass: boolean, flags: { i: boolean }): [string, number] {
  const c = p[i];
  if (c === undefined) throw new Unsupported();
  if ("dws".includes(c)) return [inClass ? PERL_IN_CLASS[c]! : `[${PERL_IN_CLASS[c]}]`, i + 1];
  if ("DWS".includes(c)) {
    if (inClass) throw new Unsupported();
    return [`[^${PERL_IN_CLASS[c.toLowerCase()]}]`, i + 1];
  }
  if (c === "b" || c === "B") {
    if (inClass || flags.i) throw new Unsupported();
    return [`\\${c}`, i + 1];
  }
  if (c === "A" || c === "z") {
    if (inClass) throw new Unsupported();
    return [c === "A" ? "(?<![\\s\\S])" : "(?![\\s\\S])", i + 1];
  }
  if (c === "p" || c === "P") {
    let name: string;
    let next: number;
    if (p[i + 1] === "{") {
      const end = p.indexOf("}", i + 2);
      if (end < 0) throw new Unsupported();
      name = p.slice(i + 2, end);
      next = end + 1;
    } else {
      name = p[i + 1] ?? "";
      next = i + 2;
    }
    let neg = c === "P";
    if (name.startsWith("^")) {
      neg = !neg;
      name = name.slice(1);
    }
    if (!/^[A-Za-z_]+$/.test(name)) throw new Unsupported();
    const prop = name === "Any" ? "Any" : name.length <= 2 ? name : `sc=${name}`;
    return [`\\${neg ? "P" : "p"}{${prop}}`, next];
  }
  if (c === "x") {
    if (p[i + 1] === "{") {
      const end = p.indexOf("}", i + 2);
      const hex = end < 0 ? "" : p.slice(i + 2, end);
      if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) throw new Unsupported();
      return [`\\u{${hex}}`, end + 1];
    }
    const hex = p.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Unsupported();
    return [`\\x${hex}`, i + 3];
  }
  if (c === "a") return ["\\x07", i + 1];
  if ("ftnrv".includes(c)) return [`\\${c}`, i + 1];
  if (/[A-Za-z0-9]/.test(c)) throw new Unsupported();
  // Escaped punctuation is the character itself.
  if (inClass) return [c === "-" || c === "]" || c === "\\" || c === "^" || c === "[" ? `\\${c}` : c, i + 1];
  return [SYNTAX.has(c) ? `\\${c}` : c, i + 1];
}

/**
 * Translate an RE2 pattern; throws Unsupported outside the translated part. Long by design: a
 * tokenizer with one case per RE2 syntax element (escape, class, group, repeat, anchor).
 */
function translate(p: string): { source: string; flags: string; names: string[]; unbounded: number } {
  const flags = { i: false, s: false, m: false };
  let i = 0;
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === "U") throw new Unsupported();
      flags[f as "i" | "s" | "m"] = true;
    }
    i = lead[0].length;
  }
  let out = "";
  const names: string[] = [];
  // For each open group: whether it holds a repeat or an alternation (a backtracking risk if repeated).
  const groups: Array<{ risky: boolean; start: number }> = [];
  let lastAtom: { risky: boolean } | undefined;
  let unbounded = 0;
  const markRisk = () => {
    for (const g of groups) g.risky = true;
  };
  while (i < p.length) {
    const c = p[i]!;
    if (c === "\\") {
      const [js, next] = escape(p, i + 1, false, flags);
      out += js;
      i = next;
      lastAtom = { risky: false };
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      let cls = "[";
      if (p[j] === "^") {
        cls += "^";
        j++;
      }
      if (p[j] === "]") {
        cls += "\\]";
        j++;
      }
      for (;;) {
        const d = p[j];
        if (d === undefined) throw new Unsupported();
        if (d === "]") break;
        if (d === "[" && p[j + 1] === ":") {
          const end = p.indexOf(":]", j + 2);
          const name = end < 0 ? "" : p.slice(j + 2, end);
          if (!POSIX[name]) throw new Unsupported();
          cls += POSIX[name];
          j = end + 2;
        } else if (d === "\\") {
          const [js, next] = escape(p, j + 1, true, flags);
          cls += js;
          j = next;
        } else {
          cls += d === "[" ? "\\[" : d;
          j++;
        }
      }
      out += cls + "]";
      i = j + 1;
      lastAtom = { risky: false };
      continue;
    }
    if (c === "(") {
      if (p[i + 1] === "?") {
        const named = /^\(\?P?<([^>]*)>/.exec(p.slice(i));
        if (named) {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(named[1]!)) throw new Unsupported();
          names.push(named[1]!);
          out += `(?<${named[1]}>`;
          i += named[0].length;
        } else if (p.startsWith("(?:", i)) {
          out += "(?:";
          i += 3;
        } else throw new Unsupported();
      } else {
        names.push("");
        out += "(";
        i++;
      }
      groups.push({ risky: false, start: out.length });
      lastAtom = undefined;
      continue;
    }
    if (c === ")") {
      const g = groups.pop();
      if (!g) throw new Unsupported();
      out += ")";
      i++;
      lastAtom = { risky: g.risky };
      continue;
    }
    if (c === "|") {
      markRisk();
      out += "|";
      i++;
      lastAtom = undefined;
      continue;
    }
    const rep = /^(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})/.exec(p.slice(i));
    if (rep) {
      if (!lastAtom) throw new Unsupported();
      const lo = rep[1] !== undefined ? Number(rep[1]) : 0;
      const hi = rep[3] !== undefined && rep[3] !== "" ? Number(rep[3]) : undefined;
      if (lo > 1000 || (hi !== undefined && (hi > 1000 || hi < lo))) throw new Unsupported();
      const repeats = rep[0] === "*" || rep[0] === "+" || (rep[2] === "," && hi === undefined) || (hi ?? lo) > 1;
      if (repeats && lastAtom.risky) throw new Unsupported();
      if (rep[0] === "*" || rep[0] === "+" || (rep[2] === "," && hi === undefined)) unbounded++;
      out += rep[0];
      i += rep[0].length;
      if (p[i] === "?") {
        out += "?";
        i++;
      }
      if (/^[*+?{]/.test(p.slice(i)) && /^(?:[*+?]|\{\d+(?:,\d*)?\})/.test(p.slice(i))) throw new Unsupported();
      if (repeats) markRisk();
      lastAtom = undefined;
      continue;
    }
    if (c === ".") out += flags.s ? "[\\s\\S]" : "[^\\n]";
    else if (c === "^") out += flags.m ? "(?<![^\\n])" : "^";
    else if (c === "$") out += flags.m ? "(?![^\\n])" : "$";
    else if (c === "{" || c === "}" || c === "]" || c === "/") out += `\\${c}`;
    else out += c;
    i += c.length;
    lastAtom = { risky: false };
  }
  if (groups.length > 0) throw new Unsupported();
  return { source: out, flags: "gu" + (flags.i ? "i" : ""), names, unbounded };
}

const cache = new Map<string, Compiled | "unsupported" | { error: string }>();

/** The pattern compiled, "unsupported" when its meaning cannot be carried over; throws when Go rejects it for certain. */
function compile(pattern: string): Compiled | "unsupported" {
  let c = cache.get(pattern);
  if (!c) {
    if (pattern.length > 1000) c = "unsupported";
    else {
      try {
        const t = translate(pattern);
        c = { re: new RegExp(t.source, t.flags), names: t.names };
        (c as Compiled & { unbounded: number }).unbounded = t.unbounded;
      } catch {
        c = "unsupported";
      }
    }
    cache.set(pattern, c);
  }
  if (typeof c === "object" && "error" in c) fail(c.error);
  return c;
}

/** Whether running the pattern on `s` is safe from catastrophic backtracking. */
function safeToRun(c: Compiled, s: string): boolean {
  const k = (c as Compiled & { unbounded?: number }).unbounded ?? 0;
  if (s.length > 100_000) return false;
  if (k >= 3 && s.length > 2_000) return false;
  if (k >= 4 && s.length > 200) return false;
  return true;
}

function resultType(c: Compiled): Ty {
  const unnamed = c.names.filter((n) => n === "").length;
  const named = c.names.filter((n) => n !== "");
  if (unnamed === 0 && named.length === 0) return T_STRING;
  if (unnamed > 0 && named.length > 0) fail("invalid regexp pattern: cannot mix both named and unnamed capture groups");
  if (unnamed > 0) return tupleT(c.names.map(() => T_STRING));
  return objectT(named.map((n) => [n, T_STRING]));
}

function matchValue(c: Compiled, m: RegExpExecArray, t: Ty): V {
  if (t.k === "string") return strV(m[0]);
  const groupV = (x: string | undefined) => (x === undefined ? nullV(T_STRING) : strV(x));
  if (t.k === "tuple") return tupleV(c.names.map((_, k) => groupV(m[k + 1])));
  return objectV(new Map(c.names.map((n) => [n, groupV(m.groups?.[n])])));
}

/** Go's successive non-overlapping matches (an empty match right after a match is skipped). */
function allMatches(c: Compiled, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    c.re.lastIndex = pos;
    const m = c.re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      if (m.index === prevEnd) accept = false;
      pos += s.codePointAt(pos) !== undefined && s.codePointAt(pos)! > 0xffff ? 2 : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand of a ReplaceAllString template. */
function expand(template: string, c: Compiled, m: RegExpExecArray): string {
  let out = "";
  let t = template;
  for (;;) {
    const k = t.indexOf("$");
    if (k < 0) break;
    out += t.slice(0, k);
    t = t.slice(k + 1);
    if (t.startsWith("$")) {
      out += "$";
      t = t.slice(1);
      continue;
    }
    const ex = /^(\{)?([\p{L}\p{Nd}_]+)/u.exec(t);
    if (!ex || (ex[1] && t[ex[0].length] !== "}")) {
      out += "$";
      continue;
    }
    const name = ex[2]!;
    t = t.slice(ex[0].length + (ex[1] ? 1 : 0));
    const num = /^(0|[1-9]\d{0,7})$/.test(name) ? Number(name) : -1;
    if (num >= 0) out += num === 0 ? m[0] : (m[num] ?? "");
    else {
      const idx = c.names.indexOf(name);
      if (idx >= 0) out += m[idx + 1] ?? "";
    }
  }
  return out + t;
}

/** Go's Regexp.ReplaceAllString. */
function replaceAll(c: Compiled, s: string, template: string): string {
  let out = "";
  let lastEnd = 0;
  let search = 0;
  while (search <= s.length) {
    c.re.lastIndex = search;
    const m = c.re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    out += s.slice(lastEnd, m.index);
    if (end > lastEnd || m.index === 0) out += expand(template, c, m);
    lastEnd = end;
    const width = search < s.length ? (s.codePointAt(search)! > 0xffff ? 2 : 1) : 0;
    if (search + width > end) search += width;
    else if (search + 1 > end) search++;
    else search = end;
  }
  return out + s.slice(lastEnd);
}

function patternType(pattern: V): Ty {
  const c = compile(str(pattern));
  return c === "unsupported" ? T_ANY : resultType(c);
}

export const REGEX_FUNCTIONS: Record<string, FnImpl> = {
  regex: {
    type: ([p]) => patternType(p!),
    impl: ([p, s], ret) => {
      const c = compile(str(p!));
      if (c === "unsupported" || ret.k === "any" || !safeToRun(c, str(s!))) return unknownV(ret);
      c.re.lastIndex = 0;
      const m = c.re.exec(str(s!));
      if (!m) fail("pattern did not match any part of the given string");
      return matchValue(c, m!, ret);
    },
  },
  regexall: {
    type: ([p]) => listT(patternType(p!)),
    impl: ([p, s], ret) => {
      const c = compile(str(p!));
      const ety = (ret as { elem: Ty }).elem;
      if (c === "unsupported" || ety.k === "any" || !safeToRun(c, str(s!))) return unknownV(ret);
      return listV(
        ety,
        allMatches(c, str(s!)).map((m) => matchValue(c, m, ety)),
      );
    },
  },
  regex_replace: {
    type: T_STRING,
    impl: ([s, p, r]) => {
      const c = compile(str(p!));
      if (c === "unsupported" || !safeToRun(c, str(s!))) return unknownV(T_STRING);
      return strV(replaceAll(c, str(s!), str(r!)));
    },
  },
};
