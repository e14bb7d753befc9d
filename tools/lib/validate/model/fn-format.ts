/**
 * format and formatlist: go-cty's format state machine (format_fsm.rl) and verbs, with Go's fmt
 * rules for integers (big.Int.Format) and floats (big.Float.Format) written out here.
 */
import { convert } from "./cty-convert.ts";
import { decToBigInt, isDyadic, isIntDec, type Dec } from "./cty-number.ts";
import { T_BOOL, T_NUMBER, T_STRING, UNKNOWN, elems, isWhollyKnown, listT, listV, numOf, str, strV, unknownV, type V } from "./cty.ts";
import { fail, type FnImpl } from "./fn-core.ts";
import { ctyJSON } from "./fn-encoding.ts";
import { graphemeCount, graphemes } from "./fn-strings.ts";

interface Verb {
  raw: string;
  offset: number;
  argNum: number;
  mode: string;
  zero: boolean;
  sharp: boolean;
  plus: boolean;
  minus: boolean;
  space: boolean;
  width?: number;
  prec?: number;
}

/** A value's text is not known here (a number go-cty computed in 512 bits). */
class NotKnown extends Error {}

/** Decimal digits and point position of a nonzero decimal: value = 0.digits × 10^exp. */
function digitsOf(d: Dec): { mant: string; exp: number } {
  const m = (d.m < 0n ? -d.m : d.m).toString();
  return { mant: m, exp: m.length + d.e };
}

/** big.Float's decimal rounding to n digits (half to even); NotKnown on a tie of an inexact value. */
function roundDigits(x: { mant: string; exp: number }, n: number, exact: boolean): { mant: string; exp: number } {
  if (n < 0 || n >= x.mant.length) return x;
  const halfway = x.mant[n] === "5" && n + 1 === x.mant.length;
  if (halfway && !exact) throw new NotKnown();
  const up = halfway ? n > 0 && Number(x.mant[n - 1]) % 2 === 1 : x.mant[n]! >= "5";
  let mant = x.mant.slice(0, n);
  let exp = x.exp;
  if (up) {
    let i = mant.length - 1;
    while (i >= 0 && mant[i] === "9") i--;
    if (i < 0) {
      mant = "1";
      exp++;
    } else mant = mant.slice(0, i) + String(Number(mant[i]) + 1);
  }
  return { mant: mant.replace(/0+$/, ""), exp };
}

function fmtE(x: { mant: string; exp: number }, prec: number, e: string): string {
  let out = x.mant[0] ?? "0";
  if (prec > 0) out += "." + (x.mant.slice(1, prec + 1) + "0".repeat(prec)).slice(0, prec);
  let exp = x.mant.length > 0 ? x.exp - 1 : 0;
  const sign = exp < 0 ? "-" : "+";
  exp = Math.abs(exp);
  return `${out}${e}${sign}${exp < 10 ? "0" : ""}${exp}`;
}

function fmtF(x: { mant: string; exp: number }, prec: number): string {
  let out = x.exp > 0 ? x.mant.slice(0, x.exp).padEnd(x.exp, "0") : "0";
  if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) out += x.mant[x.exp + i] ?? "0";
  }
  return out;
}

/** big.Float.Text(format, prec) for a finite value with a known decimal (prec -1: shortest). */
function floatText(d: Dec, format: string, prec: number): string {
  const neg = d.m < 0n;
  const exact = isDyadic(d);
  let x = d.m === 0n ? { mant: "", exp: 0 } : digitsOf(d);
  const shortest = prec < 0;
  if (shortest) {
    prec = format === "e" || format === "E" ? Math.max(x.mant.length - 1, 0) : format === "f" ? Math.max(x.mant.length - x.exp, 0) : x.mant.length;
  } else if (x.mant.length > 0) {
    if (format === "e" || format === "E") x = roundDigits(x, 1 + prec, exact);
    else if (format === "f") x = roundDigits(x, x.exp + prec, exact);
    else x = roundDigits(x, prec === 0 ? 1 : prec, exact);
  }
  let body: string;
  if (format === "e" || format === "E") body = fmtE(x, prec, format);
  else if (format === "f") body = fmtF(x, prec);
  else {
    let eprec = prec;
    if (eprec > x.mant.length && x.mant.length >= x.exp) eprec = x.mant.length;
    if (shortest) eprec = 6;
    const exp = x.exp - 1;
    if (exp < -4 || exp >= eprec) body = fmtE(x, Math.min(prec, x.mant.length) - 1, format === "G" ? "E" : "e");
    else body = fmtF(x, Math.max((prec > x.exp ? x.mant.length : prec) - x.exp, 0));
  }
  return (neg ? "-" : "") + body;
}

function numberDec(v: V): Dec {
  const n = numOf(v);
  if (!Number.isFinite(n.n) || !n.dec) throw new NotKnown();
  return n.dec;
}

/** fmt.Sprintf of a *big.Float for a verb (flags, width, precision). */
function formatFloat(vb: Verb, v: V): string {
  const d = numberDec(v);
  const format = vb.mode === "F" ? "f" : vb.mode;
  const prec = vb.prec !== undefined ? vb.prec : format === "g" || format === "G" ? -1 : 6;
  let buf = floatText(d, format, prec);
  let sign = "";
  if (buf[0] === "-") {
    sign = "-";
    buf = buf.slice(1);
  } else if (vb.plus) sign = "+";
  else if (vb.space) sign = " ";
  const pad = vb.width !== undefined && vb.width > sign.length + buf.length ? vb.width - sign.length - buf.length : 0;
  if (vb.zero) return sign + "0".repeat(pad) + buf;
  if (vb.minus) return sign + buf + " ".repeat(pad);
  return " ".repeat(pad) + sign + buf;
}

/** fmt.Sprintf of a *big.Int (big.Int.Format). */
function formatInt(vb: Verb, v: V): string {
  const d = numberDec(v);
  if (!isIntDec(d)) fail(`unsupported value for "${vb.raw}" at ${vb.offset}: an integer is required`);
  const i = decToBigInt(d);
  const base = { b: 2, o: 8, d: 10, x: 16, X: 16 }[vb.mode as "b" | "o" | "d" | "x" | "X"];
  let digits = (i < 0n ? -i : i).toString(base);
  if (vb.mode === "X") digits = digits.toUpperCase();
  const sign = i < 0n ? "-" : vb.plus ? "+" : vb.space ? " " : "";
  const prefix = vb.sharp ? ({ b: "0b", o: "0", x: "0x", X: "0X" }[vb.mode as "b"] ?? "") : "";
  let zeros = 0;
  if (vb.prec !== undefined) {
    if (digits.length < vb.prec) zeros = vb.prec - digits.length;
    else if (digits === "0" && vb.prec === 0) return "";
  }
  const length = sign.length + prefix.length + zeros + digits.length;
  let left = 0;
  let right = 0;
  if (vb.width !== undefined && length < vb.width) {
    const diff = vb.width - length;
    if (vb.minus) right = diff;
    else if (vb.zero && vb.prec === undefined) zeros = diff;
    else left = diff;
  }
  return " ".repeat(left) + sign + prefix + "0".repeat(zeros) + digits + " ".repeat(right);
}

function padWidth(vb: Verb, s: string): string {
  if (vb.width === undefined) return s;
  const n = graphemeCount(s);
  if (n === undefined) throw new NotKnown();
  if (n >= vb.width) return s;
  const pad = (vb.zero ? "0" : " ").repeat(vb.width - n);
  return vb.minus ? s + pad : pad + s;
}

function formatOne(vb: Verb, args: V[]): string {
  const arg = args[vb.argNum - 1];
  if (!arg) fail(`not enough arguments for "${vb.raw}" at ${vb.offset}: need index ${vb.argNum} but have ${args.length} total`);
  if (vb.mode !== "v" && arg.v === null) fail(`unsupported value for "${vb.raw}" at ${vb.offset}: null value cannot be formatted`);
  const convertTo = (t: typeof T_STRING): V => {
    try {
      return convert(arg, t);
    } catch (e) {
      fail(`unsupported value for "${vb.raw}" at ${vb.offset}: ${(e as Error).message}`);
    }
  };
  switch (vb.mode) {
    case "v": {
      if (!vb.sharp && arg.v !== null && arg.t.k === "string") return padWidth(vb, str(arg));
      if (!vb.sharp && arg.v !== null && arg.t.k === "number") return padWidth(vb, floatText(numberDec(arg), "g", -1));
      const j = ctyJSON(arg);
      if (j === undefined) throw new NotKnown();
      return padWidth(vb, j);
    }
    case "t":
      return convertTo(T_BOOL).v ? "true" : "false";
    case "b":
    case "d":
    case "o":
    case "x":
    case "X":
      return formatInt(vb, convertTo(T_NUMBER));
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      return formatFloat(vb, convertTo(T_NUMBER));
    case "s":
    case "q": {
      const sv = convertTo(T_STRING);
      if (sv.v === null || typeof sv.v !== "string") throw new NotKnown();
      let s = sv.v;
      if (vb.prec !== undefined && vb.prec > 0) {
        const cl = graphemes(s);
        if (!cl) throw new NotKnown();
        s = cl.slice(0, vb.prec).join("");
      }
      return padWidth(vb, vb.mode === "s" ? s : ctyJSON(strV(s))!);
    }
    default:
      fail(`unsupported format verb "${vb.mode}" in "${vb.raw}" at offset ${vb.offset}`);
  }
}

/** go-cty's formatFSM; throws NotKnown when a part of the text is not known here. */
function formatFSM(format: string, args: V[]): string {
  let out = "";
  let next = 1;
  let highest = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    if (format[i + 1] === "%") {
      out += "%";
      i += 2;
      continue;
    }
    const m = /^%([0#+\- ]*)([1-9]\d*)?(\.\d*)?(?:\[([1-9]\d*)\])?([A-Za-z])/.exec(format.slice(i));
    if (!m) {
      if (i + 1 >= format.length) fail(`invalid format string starting at offset ${i}`);
      fail(`unrecognized format character at offset ${i}`);
    }
    const flags = m[1]!;
    const vb: Verb = {
      raw: m[0],
      offset: i,
      argNum: m[4] ? Number(m[4]) : next,
      mode: m[5]!,
      zero: flags.includes("0"),
      sharp: flags.includes("#"),
      plus: flags.includes("+"),
      minus: flags.includes("-"),
      space: flags.includes(" "),
      ...(m[2] ? { width: Number(m[2]) } : {}),
      ...(m[3] ? { prec: Number(m[3].slice(1) || "0") } : {}),
    };
    highest = Math.max(highest, vb.argNum);
    out += formatOne(vb, args);
    next = vb.argNum + 1;
    i += m[0].length;
  }
  if (highest < args.length) {
    fail(highest === 0 ? "too many arguments; no verbs in format string" : `too many arguments; only ${highest} used by format string`);
  }
  return out;
}

function format(fmt: string, args: V[]): V {
  try {
    return strV(formatFSM(fmt, args));
  } catch (e) {
    if (e instanceof NotKnown) return unknownV(T_STRING);
    throw e;
  }
}

const ANY_ARG = { allowNull: true, allowUnknown: true };

export const FORMAT_FUNCTIONS: Record<string, FnImpl> = {
  format: {
    varParam: ANY_ARG,
    type: T_STRING,
    impl: ([f, ...args]) => (args.every(isWhollyKnown) ? format(str(f!), args) : unknownV(T_STRING)),
  },
  formatlist: {
    varParam: ANY_ARG,
    type: listT(T_STRING),
    impl: ([f, ...args]) => {
      const ret = listT(T_STRING);
      if (args.length === 0) return listV(T_STRING, [format(str(f!), [])]);
      let iterLen = -1;
      let chooser = -1;
      let unknown = false;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if ((a.t.k === "list" || a.t.k === "set" || a.t.k === "tuple") && a.v !== null) {
          if (a.t.k !== "tuple" && a.v === UNKNOWN) {
            unknown = true;
            continue;
          }
          const len = a.t.k === "tuple" ? a.t.elems.length : elems(a).length;
          if (iterLen === -1) {
            iterLen = len;
            chooser = i;
          } else if (len !== iterLen) {
            fail(`argument ${i + 1} has length ${len}, which is inconsistent with argument ${chooser + 1} of length ${iterLen}`);
          }
          if (a.v === UNKNOWN) unknown = true;
        } else if (a.t.k === "any" && a.v === UNKNOWN) unknown = true;
      }
      if (unknown) return unknownV(ret);
      if (iterLen === 0) return listV(T_STRING, []);
      if (iterLen === -1) iterLen = 1;
      const out: V[] = [];
      for (let k = 0; k < iterLen; k++) {
        const fargs = args.map((a) => ((a.t.k === "list" || a.t.k === "set" || a.t.k === "tuple") && a.v !== null ? elems(a)[k]! : a));
        if (!fargs.every(isWhollyKnown)) {
          out.push(unknownV(T_STRING));
          continue;
        }
        try {
          out.push(format(str(f!), fargs));
        } catch (e) {
          fail(`error on format iteration ${k}: ${(e as Error).message}`);
        }
      }
      return listV(T_STRING, out);
    },
  },
};
