/**
 * Numbers as go-cty holds them, as far as the validator can know them for certain.
 *
 * go-cty keeps a number as a 512-bit binary float (`big.Float`): a literal or a string is
 * rounded once from its decimal text, and each operation rounds again. A JavaScript double
 * cannot hold that value, but the validator never needs the binary digits: it needs what a
 * template can observe, the number's text (`"${x}"`, jsonencode), comparisons and the integers
 * that index and count. So a number is its double (`n`) and, where go-cty's value is known
 * exactly, its decimal (`dec`): the decimal whose correctly rounded 512-bit value go-cty holds.
 * That is the case for a literal, for a number parsed from a string, and for the result of an
 * operation on operands that 512 bits hold exactly (binary fractions: 1.5, 0.25, integers),
 * whose exact result go-cty then holds as well (or rounds once, for a division). Anything else
 * (0.1 + 0.2, whose binary rounding go-cty does in 512 bits) has no `dec`: its text is not
 * known, and it compares equal to nothing for certain.
 */

/** A decimal `m × 10^e`, normalized: `m` has no trailing zero digit (zero is `0 × 10^0`). */
export interface Dec {
  m: bigint;
  e: number;
}

export interface Num {
  /** The nearest double (±Infinity for go-cty's infinities). */
  n: number;
  /** The exact decimal go-cty's value rounds from; absent when not known for certain. */
  dec?: Dec;
}

/** More digits than this: 512 bits no longer tell two decimals apart, so the text is not certain. */
const MAX_DIGITS = 150;

function norm(m: bigint, e: number): Dec {
  if (m === 0n) return { m: 0n, e: 0 };
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  return { m, e };
}

const pow10 = (k: number): bigint => 10n ** BigInt(k);
const digits = (m: bigint): number => (m < 0n ? -m : m).toString().length;

/** Go's big.ParseFloat(s, 10, …) grammar, decimal numbers only (no infinities). */
const DECIMAL = /^([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?$/;

/** The decimal a string denotes (big.ParseFloat base 10), or undefined when it is not a number. */
export function parseDec(s: string): Dec | undefined {
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const [, sign, mant, exp] = m;
  const dot = mant!.indexOf(".");
  const intPart = dot < 0 ? mant! : mant!.slice(0, dot);
  const frac = dot < 0 ? "" : mant!.slice(dot + 1);
  const e = (exp ? Number(exp) : 0) - frac.length;
  if (!Number.isSafeInteger(e) || Math.abs(e) > 100000) return undefined;
  let mm = BigInt((intPart + frac).replace(/^0+(?=\d)/, "") || "0");
  if (sign === "-") mm = -mm;
  return norm(mm, e);
}

/** The decimal's text as Go's `Text('f', -1)` writes an exact value: no exponent. */
export function decText(d: Dec): string {
  const neg = d.m < 0n;
  const abs = (neg ? -d.m : d.m).toString();
  let s: string;
  if (d.e >= 0) s = abs + "0".repeat(d.e);
  else {
    const k = -d.e;
    s = abs.length > k ? `${abs.slice(0, abs.length - k)}.${abs.slice(abs.length - k)}` : `0.${"0".repeat(k - abs.length)}${abs}`;
  }
  return neg ? `-${s}` : s;
}

export const decFromInt = (i: bigint): Dec => norm(i, 0);
export const isIntDec = (d: Dec): boolean => d.e >= 0;
/** The integer value of an integral decimal. */
export const decToBigInt = (d: Dec): bigint => d.m * pow10(Math.max(0, d.e));

/** A binary fraction 512 bits hold exactly (so go-cty computes with it exactly). */
export function isDyadic(d: Dec): boolean {
  if (d.e >= 0) return decToBigInt(d).toString(2).length <= 500;
  const five = 5n ** BigInt(-d.e);
  if (d.m % five !== 0n) return false;
  const q = d.m / five;
  return (q < 0n ? -q : q).toString(2).length - d.e <= 500;
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * pow10(a.e - e), b.m * pow10(b.e - e), e];
}

export function decCmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function decAdd(a: Dec, b: Dec): Dec {
  const [x, y, e] = align(a, b);
  return norm(x + y, e);
}

export const decNeg = (a: Dec): Dec => ({ m: -a.m, e: a.e });
export const decMul = (a: Dec, b: Dec): Dec => norm(a.m * b.m, a.e + b.e);

/** a / b when it is a terminating decimal of at most MAX_DIGITS digits; undefined otherwise. */
export function decDiv(a: Dec, b: Dec): Dec | undefined {
  // a/b = (a.m / b.m) × 10^(a.e-b.e); scale the numerator until the division is exact.
  let num = a.m;
  let e = a.e - b.e;
  const den = b.m;
  for (let i = 0; i <= MAX_DIGITS + digits(den); i++) {
    if (num % den === 0n) {
      const q = norm(num / den, e);
      return digits(q.m) <= MAX_DIGITS ? q : undefined;
    }
    num *= 10n;
    e--;
  }
  return undefined;
}

/** The integer part (toward zero) of a/b, for a nonzero b. */
export function decTruncDiv(a: Dec, b: Dec): bigint {
  const [x, y] = align(a, b);
  return x / y;
}

// ---------------------------------------------------------------------------
// Numbers

export const num = (n: number, dec?: Dec): Num => (dec ? { n, dec } : { n });
export function numFromDec(d: Dec): Num {
  return { n: Number(decText(d)), dec: d };
}
export const numInt = (i: number | bigint): Num => numFromDec(decFromInt(BigInt(i)));
/** A number from a string as go-cty parses it (ParseNumberVal); undefined when not a number. */
export function parseNum(s: string): Num | undefined {
  if (s === "Inf" || s === "+Inf" || s === "inf" || s === "+inf") return { n: Infinity };
  if (s === "-Inf" || s === "-inf") return { n: -Infinity };
  const d = parseDec(s);
  if (!d) return undefined;
  if (digits(d.m) > MAX_DIGITS) return { n: Number(s) };
  return numFromDec(d);
}

/**
 * A double that go-cty holds exactly (a float64 result such as `pow`'s): its text is Go's
 * shortest form, known for integers; other values are kept without a decimal.
 */
export function numFromDouble(n: number): Num {
  if (!Number.isFinite(n)) return { n };
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return numInt(n);
  return { n };
}

/** go-cty's text of a number (`Text('f', -1)`), or undefined when not known for certain. */
export function numText(x: Num): string | undefined {
  if (x.n === Infinity) return "+Inf";
  if (x.n === -Infinity) return "-Inf";
  if (!x.dec) return undefined;
  if (x.dec.m === 0n && Object.is(x.n, -0)) return "-0";
  return decText(x.dec);
}

/** Whether two numbers differ by more than the doubles' rounding could explain. */
function clearlyApart(a: number, b: number): boolean {
  if (a === b) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return true;
  return Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Compare as go-cty does (big.Float.Cmp); undefined when not certain. */
export function numCmp(a: Num, b: Num): -1 | 0 | 1 | undefined {
  if (a.dec && b.dec) return decCmp(a.dec, b.dec) as -1 | 0 | 1;
  if (!Number.isFinite(a.n) || !Number.isFinite(b.n)) return a.n === b.n ? 0 : a.n < b.n ? -1 : 1;
  if (!clearlyApart(a.n, b.n)) return undefined;
  return a.n < b.n ? -1 : 1;
}

export class NumError extends Error {}

const exactPair = (a: Num, b: Num): [Dec, Dec] | undefined => (a.dec && b.dec && isDyadic(a.dec) && isDyadic(b.dec) ? [a.dec, b.dec] : undefined);

export function numAdd(a: Num, b: Num): Num {
  if (a.n === -b.n && !Number.isFinite(a.n)) throw new NumError("can't compute sum of opposing infinities");
  if (!Number.isFinite(a.n) || !Number.isFinite(b.n)) return { n: a.n + b.n };
  const p = exactPair(a, b);
  return p ? numFromDec(decAdd(p[0], p[1])) : { n: a.n + b.n };
}

export function numNeg(a: Num): Num {
  return a.dec ? { n: -a.n, dec: decNeg(a.dec) } : { n: -a.n };
}

export function numSub(a: Num, b: Num): Num {
  if (a.n === b.n && !Number.isFinite(a.n)) throw new NumError("can't subtract infinity from itself");
  return numAdd(a, numNeg(b));
}

export function numMul(a: Num, b: Num): Num {
  if ((a.n === 0 && !Number.isFinite(b.n)) || (b.n === 0 && !Number.isFinite(a.n))) throw new NumError("can't multiply zero by infinity");
  if (!Number.isFinite(a.n) || !Number.isFinite(b.n)) return { n: a.n * b.n };
  const p = exactPair(a, b);
  return p ? numFromDec(decMul(p[0], p[1])) : { n: a.n * b.n };
}

export function numDiv(a: Num, b: Num): Num {
  if ((a.n === 0 && b.n === 0) || (!Number.isFinite(a.n) && !Number.isFinite(b.n))) {
    throw new NumError("can't divide zero by zero or infinity by infinity");
  }
  if (b.n === 0) return { n: a.n / b.n };
  if (!Number.isFinite(a.n) || !Number.isFinite(b.n)) return { n: a.n / b.n };
  const p = exactPair(a, b);
  const q = p ? decDiv(p[0], p[1]) : undefined;
  return q ? numFromDec(q) : { n: a.n / b.n };
}

/** go-cty's Modulo: x - y·trunc(x/y), x itself for y = 0, a product for infinities. */
export function numMod(a: Num, b: Num): Num {
  if (!Number.isFinite(a.n) || !Number.isFinite(b.n)) return numMul(a, b);
  if (b.n === 0) return a;
  const p = exactPair(a, b);
  if (!p) return { n: a.n % b.n };
  const t = decTruncDiv(p[0], p[1]);
  return numFromDec(decAdd(p[0], decNeg(decMul(p[1], decFromInt(t)))));
}

export function numAbs(a: Num): Num {
  return a.n < 0 || Object.is(a.n, -0) ? numNeg(a) : a;
}

/** floor/ceil as go-cty computes them; undefined when not certain. */
export function numRound(a: Num, up: boolean): Num | undefined {
  if (!Number.isFinite(a.n)) return a;
  if (a.dec) {
    if (isIntDec(a.dec)) return a;
    const whole = decTruncDiv(a.dec, decFromInt(1n));
    const neg = a.dec.m < 0n;
    return numInt(up ? (neg ? whole : whole + 1n) : neg ? whole - 1n : whole);
  }
  const f = up ? Math.ceil(a.n) : Math.floor(a.n);
  // Too close to an integer to know which side go-cty's value lies on.
  if (!clearlyApart(a.n, Math.round(a.n))) return undefined;
  return Number.isSafeInteger(f) ? numInt(f) : undefined;
}

/**
 * The number as a Go int (gocty.FromCtyValue into an int): a whole number within 64 bits.
 * Throws NumError when it is not one; undefined when that is not certain.
 */
export function numToInt(a: Num): number | undefined {
  if (a.dec) {
    if (!isIntDec(a.dec)) throw new NumError("value must be a whole number");
    const i = decToBigInt(a.dec);
    if (i > 9223372036854775807n || i < -9223372036854775808n)
      throw new NumError("value must be a whole number, between -9223372036854775808 and 9223372036854775807");
    if (i > BigInt(Number.MAX_SAFE_INTEGER) || i < BigInt(Number.MIN_SAFE_INTEGER)) return undefined;
    return Number(i);
  }
  if (!Number.isFinite(a.n)) throw new NumError("value must be a whole number");
  if (clearlyApart(a.n, Math.round(a.n))) throw new NumError("value must be a whole number");
  return undefined;
}
