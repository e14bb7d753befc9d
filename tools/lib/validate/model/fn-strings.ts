/**
 * String functions of Packer's function table, as go-cty's stdlib (string.go, string_replace.go)
 * and Packer (startswith, endswith, strcontains) implement them with Go's strings package.
 * Where Go and JavaScript disagree (case mapping outside ASCII, grapheme clusters of scripts
 * whose rules changed after Unicode 13, which go-cty's textseg follows) and the text holds such
 * characters, the result is unknown rather than a guess.
 */
import { T_BOOL, T_STRING, UNKNOWN, boolV, elems, isWhollyKnown, listV, str, strV, unknownV } from "./cty.ts";
import { fail, goInt, type FnImpl } from "./fn-core.ts";

/** Characters whose grapheme clustering is the same under Unicode 13 (go-cty) and today's ICU. */
const STABLE_CLUSTERS = /^[\p{Cc}\u0020-\u08ff\u3040-\u30ff\u4e00-\u9fff]*$/u;
/** Made on first use: creating one loads ICU's segmentation data, tens of milliseconds at startup. */
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of a string as go-cty's textseg finds them; undefined when not certain. */
export function graphemes(s: string): string[] | undefined {
  if (isAscii(s)) return s.match(/\r\n|[\s\S]/g) ?? [];
  if (!STABLE_CLUSTERS.test(s) || typeof Intl === "undefined" || !("Segmenter" in Intl)) return undefined;
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  return [...segmenter.segment(s)].map((x) => x.segment);
}

export function graphemeCount(s: string): number | undefined {
  return graphemes(s)?.length;
}

/** Only code points below 128. */
const isAscii = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) < 128);

/** Go's unicode.IsSpace. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const isGoSpace = (c: string): boolean => GO_SPACE.test(c);

/** Go's simple per-rune case mapping; undefined when JavaScript's mapping may differ from it. */
function mapCase(s: string, upper: boolean): string | undefined {
  if (isAscii(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = "";
  for (const c of s) {
    if (!upper && c === "\u0130") {
      out += "i";
      continue;
    }
    const m = upper ? c.toUpperCase() : c.toLowerCase();
    if ([...m].length !== 1) return undefined;
    out += m;
  }
  return out;
}

/** Go's strings.Title (deprecated, but what go-cty's title calls). */
function title(s: string): string | undefined {
  const sep = (r: string): boolean => {
    if (r.codePointAt(0)! <= 0x7f) return !/[0-9a-zA-Z_]/.test(r);
    if (/[\p{L}\p{Nd}]/u.test(r)) return false;
    return isGoSpace(r);
  };
  let prev = " ";
  let out = "";
  for (const c of s) {
    if (sep(prev)) {
      // Title case differs from upper case for the digraphs (ǆ → ǅ); not mapped here.
      if (/[\u01c4-\u01cc\u01f1-\u01f3]/u.test(c)) return undefined;
      const u = mapCase(c, true);
      if (u === undefined) return undefined;
      out += u;
    } else out += c;
    prev = c;
  }
  return out;
}

function trimSet(s: string, inSet: (c: string) => boolean): string {
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  while (a < b && inSet(cs[a]!)) a++;
  while (b > a && inSet(cs[b - 1]!)) b--;
  return cs.slice(a, b).join("");
}

/** Go's strings.Replace(s, old, new, -1), empty `old` included. */
function replaceAll(s: string, old: string, rep: string): string {
  if (old === "") {
    const cs = [...s];
    return rep + cs.map((c) => c + rep).join("");
  }
  return s.split(old).join(rep);
}

/** go-cty's substr, loop for loop (its quirks included: a length of 0 after a negative offset). */
function substr(s: string, offset: number, length: number): string | undefined {
  const cl = graphemes(s);
  if (!cl) return undefined;
  if (offset < 0) offset += cl.length;
  else if (length === 0) return "";
  let sub = cl;
  if (offset > 0) {
    let pos = 0;
    let i = 0;
    for (; i < sub.length;) {
      i++;
      pos++;
      if (pos === offset) break;
      if (i >= cl.length) return "";
    }
    sub = sub.slice(i);
  }
  if (length < 0) return sub.join("");
  let pos = 0;
  let i = 0;
  for (; i < sub.length;) {
    i++;
    pos++;
    if (pos === length) break;
  }
  return sub.slice(0, i).join("");
}

const stringFn = (f: (s: string) => string | undefined): FnImpl => ({
  type: T_STRING,
  impl: ([s]) => {
    const r = f(str(s!));
    return r === undefined ? unknownV(T_STRING) : strV(r);
  },
});
const DYNAMIC_OK = [{ allowDynamic: true }];

export const STRING_FUNCTIONS: Record<string, FnImpl> = {
  upper: { ...stringFn((s) => mapCase(s, true)), params: DYNAMIC_OK },
  lower: { ...stringFn((s) => mapCase(s, false)), params: DYNAMIC_OK },
  title: stringFn(title),
  strrev: { ...stringFn((s) => graphemes(s)?.reverse().join("")), params: DYNAMIC_OK },
  trimspace: stringFn((s) => trimSet(s, isGoSpace)),
  chomp: stringFn((s) => s.replace(/(?:\r\n?|\n)*$/, "")),
  trim: {
    type: T_STRING,
    impl: ([s, cutset]) => {
      const set = new Set([...str(cutset!)]);
      return strV(trimSet(str(s!), (c) => set.has(c)));
    },
  },
  trimprefix: {
    type: T_STRING,
    impl: ([s, p]) => strV(str(s!).startsWith(str(p!)) ? str(s!).slice(str(p!).length) : str(s!)),
  },
  trimsuffix: {
    type: T_STRING,
    impl: ([s, p]) => strV(str(p!) !== "" && str(s!).endsWith(str(p!)) ? str(s!).slice(0, str(s!).length - str(p!).length) : str(s!)),
  },
  replace: { type: T_STRING, impl: ([s, old, rep]) => strV(replaceAll(str(s!), str(old!), str(rep!))) },
  split: {
    type: { k: "list", elem: T_STRING },
    impl: ([sep, s]) => {
      const parts = str(sep!) === "" ? [...str(s!)] : str(s!).split(str(sep!));
      return listV(T_STRING, parts.map(strV));
    },
  },
  join: {
    type: T_STRING,
    impl: ([sep, ...lists]) => {
      if (!lists.every(isWhollyKnown)) return unknownV(T_STRING);
      const items: string[] = [];
      lists.forEach((l, ai) => {
        elems(l!).forEach((e, ei) => {
          if (e.v === null) {
            fail(
              lists.length > 1
                ? `element ${ei} of list ${ai + 1} is null; cannot concatenate null values`
                : `element ${ei} is null; cannot concatenate null values`,
            );
          }
          items.push(str(e));
        });
      });
      return strV(items.join(str(sep!)));
    },
  },
  substr: {
    params: [{ allowDynamic: true }, { allowDynamic: true }, { allowDynamic: true }],
    type: T_STRING,
    impl: ([s, o, l]) => {
      const offset = goInt(o!);
      const length = goInt(l!);
      if (offset === UNKNOWN || length === UNKNOWN) return unknownV(T_STRING);
      const r = substr(str(s!), offset, length);
      return r === undefined ? unknownV(T_STRING) : strV(r);
    },
  },
  indent: {
    type: T_STRING,
    impl: ([n, s]) => {
      const spaces = goInt(n!);
      if (spaces === UNKNOWN) return unknownV(T_STRING);
      if (spaces < 0) fail("strings: negative Repeat count");
      return strV(
        str(s!)
          .split("\n")
          .join("\n" + " ".repeat(spaces)),
      );
    },
  },
  startswith: { type: T_BOOL, impl: ([s, p]) => boolV(str(s!).startsWith(str(p!))) },
  endswith: { type: T_BOOL, impl: ([s, p]) => boolV(str(s!).endsWith(str(p!))) },
  strcontains: { type: T_BOOL, impl: ([s, p]) => boolV(str(s!).includes(str(p!))) },
};
