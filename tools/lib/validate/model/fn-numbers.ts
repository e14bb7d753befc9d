/**
 * Number functions of Packer's function table, as go-cty's stdlib (number.go) implements them.
 * `log` and `pow` compute in float64 with Go's math package, whose last bit may differ from
 * JavaScript's: their results are known exactly only where both are exact (integer powers).
 */
import { numAbs, numCmp, numFromDec, numFromDouble, numInt, numRound, decFromInt, type Num } from "./cty-number.ts";
import { T_NUMBER, UNKNOWN, numOf, numV, str, unknownV, type V, friendlyName } from "./cty.ts";
import { fail, goInt, type FnImpl } from "./fn-core.ts";

const numberFn = (f: (n: Num) => Num | undefined): FnImpl => ({
  type: T_NUMBER,
  impl: ([x]) => {
    const r = f(numOf(x!));
    return r === undefined ? unknownV(T_NUMBER) : numV(r);
  },
});

function extreme(args: V[], wantLess: boolean): V {
  let best: Num = { n: wantLess ? Infinity : -Infinity };
  for (const a of args) {
    const c = numCmp(numOf(a), best);
    if (c === undefined) return unknownV(T_NUMBER);
    if (wantLess ? c < 0 : c > 0) best = numOf(a);
  }
  return numV(best);
}

/** Go's big.Int SetString digits for a base up to 62. */
function parseBigInt(s: string, base: number): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    i = 1;
  }
  if (i >= s.length) return undefined;
  let out = 0n;
  const b = BigInt(base);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 97 + 10;
    else if (c >= 65 && c <= 90) d = base <= 36 ? c - 65 + 10 : c - 65 + 36;
    else return undefined;
    if (d >= base) return undefined;
    out = out * b + BigInt(d);
  }
  return neg ? -out : out;
}

function isSmallInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER;
}

export const NUMBER_FUNCTIONS: Record<string, FnImpl> = {
  abs: { ...numberFn(numAbs), params: [{ allowDynamic: true }] },
  ceil: numberFn((n) => numRound(n, true)),
  floor: numberFn((n) => numRound(n, false)),
  min: { varParam: { allowDynamic: true }, type: T_NUMBER, impl: (args) => extreme(args, true) },
  max: { varParam: { allowDynamic: true }, type: T_NUMBER, impl: (args) => extreme(args, false) },
  log: {
    type: T_NUMBER,
    impl: ([x, b]) => {
      const r = Math.log(numOf(x!).n) / Math.log(numOf(b!).n);
      if (Number.isNaN(r)) fail("can't compute the logarithm: the result is not a number");
      // Go's math.Log and JavaScript's may differ in the last bit: the value is approximate.
      return numV({ n: r });
    },
  },
  pow: {
    type: T_NUMBER,
    impl: ([x, p]) => {
      const a = numOf(x!).n;
      const e = numOf(p!).n;
      const r = Math.pow(a, e);
      if (Number.isNaN(r)) fail("can't compute the power: the result is not a number");
      // Exact in both languages: an integer power of an integer whose result a double holds.
      if (isSmallInt(a) && isSmallInt(e) && e >= 0 && isSmallInt(r) && numOf(x!).dec && numOf(p!).dec) return numV(numFromDouble(r));
      return numV({ n: r });
    },
  },
  signum: {
    type: T_NUMBER,
    impl: ([x]) => {
      const i = goInt(x!);
      if (i === UNKNOWN) return unknownV(T_NUMBER);
      return numV(numInt(Math.sign(i)));
    },
  },
  parseint: {
    type: ([s]) => {
      if (s!.t.k !== "string") fail(`first argument must be a string, not ${friendlyName(s!.t)}`);
      return T_NUMBER;
    },
    impl: ([s, b]) => {
      const base = goInt(b!);
      if (base === UNKNOWN) return unknownV(T_NUMBER);
      if (base < 2 || base > 62) fail("base must be a whole number between 2 and 62 inclusive");
      const n = parseBigInt(str(s!), base);
      if (n === undefined) fail(`cannot parse "${str(s!)}" as a base ${base} integer`);
      return numV(numFromDec(decFromInt(n)));
    },
  },
};
