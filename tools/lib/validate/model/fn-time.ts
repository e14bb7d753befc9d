/**
 * Date and time functions on given timestamps (the clock itself, `timestamp()`, is unknown):
 * go-cty's formatdate and timeadd, Packer's rfc3339_parse and unix_timestamp_parse. Times are
 * nanoseconds since the Unix epoch (BigInt) with the fixed UTC offset the timestamp gave.
 */
import { T_NUMBER, T_STRING, intV, numOf, objectT, objectV, str, strV, unknownV, type V } from "./cty.ts";
import { numToInt } from "./cty-number.ts";
import { fail, type FnImpl } from "./fn-core.ts";

interface Time {
  /** Nanoseconds since 1970-01-01T00:00:00Z. */
  ns: bigint;
  /** Offset east of UTC, in seconds. */
  offset: number;
}

const NS = 1_000_000_000n;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (m: number, y: number): number => (m === 2 && isLeap(y) ? 29 : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [y + (m <= 2 ? 1 : 0), m, d];
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  yearDay: number;
}

function fields(t: Time): Fields {
  const local = t.ns + BigInt(t.offset) * NS;
  const secs = local >= 0n ? local / NS : (local - NS + 1n) / NS;
  const days = Number(secs >= 0n ? secs / 86400n : (secs - 86399n) / 86400n);
  const rem = Number(secs - BigInt(days) * 86400n);
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3600),
    minute: Math.floor((rem % 3600) / 60),
    second: rem % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay: days - daysFromCivil(year, 1, 1) + 1,
  };
}

/** go-cty's strict RFC 3339 parse (`T` or, for rfc3339_parse, a space), or undefined. */
function parseRFC3339(s: string, allowSpace = false): Time | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m || (m[4] === " " && !allowSpace)) return undefined;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[5], m[6], m[7]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || h > 23 || mi > 59 || se > 59) return undefined;
  let offset = 0;
  if (m[9] !== "Z") {
    const oh = Number(m[9]!.slice(1, 3));
    const om = Number(m[9]!.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offset = (m[9]![0] === "-" ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const frac = (m[8] ?? "").slice(0, 9).padEnd(9, "0");
  const local = BigInt(daysFromCivil(y, mo, d)) * 86400n + BigInt(h * 3600 + mi * 60 + se);
  return { ns: (local - BigInt(offset)) * NS + BigInt(frac), offset };
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

function zone(offset: number, colon: boolean): string {
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 3600), 2)}${colon ? ":" : ""}${pad(Math.floor((a % 3600) / 60), 2)}`;
}

/** time.Format(time.RFC3339). */
function rfc3339(t: Time): string | undefined {
  const f = fields(t);
  if (f.year < 0 || f.year > 9999) return undefined;
  const z = t.offset === 0 ? "Z" : zone(t.offset, true);
  return `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}${z}`;
}

/** go-cty's formatdate. */
function formatDate(format: string, t: Time): string {
  const f = fields(t);
  let out = "";
  const tokens = format.match(/'(?:[^']|'')*'?|([A-Za-z])\1*|[^'A-Za-z]+/g) ?? [];
  for (const tok of tokens) {
    if (tok[0] === "'") {
      if (tok.length === 1 || tok[tok.length - 1] !== "'") fail("unterminated literal '");
      out += tok === "''" ? "'" : tok.slice(1, -1).replace(/''/g, "'");
      continue;
    }
    if (!/^[A-Za-z]/.test(tok)) {
      out += tok;
      continue;
    }
    const bad = (what: string) => fail(`invalid date format verb "${tok}": ${what}`);
    const n = tok.length;
    const one2 = (v: number, what: string) => (n === 1 ? String(v) : n === 2 ? pad(v, 2) : bad(what));
    switch (tok[0]) {
      case "Y":
        out += n === 2 ? pad(f.year % 100, 2) : n === 4 ? pad(f.year, 4) : bad('year must either be "YY" or "YYYY"');
        break;
      case "M":
        out +=
          n <= 2
            ? one2(f.month, "")
            : n === 3
              ? MONTHS[f.month - 1]!.slice(0, 3)
              : n === 4
                ? MONTHS[f.month - 1]!
                : bad('month must be "M", "MM", "MMM", or "MMMM"');
        break;
      case "D":
        out += one2(f.day, 'day of month must either be "D" or "DD"');
        break;
      case "E":
        out += n === 3 ? DAYS[f.weekday]!.slice(0, 3) : n === 4 ? DAYS[f.weekday]! : bad('day of week must either be "EEE" or "EEEE"');
        break;
      case "h":
        out += one2(f.hour, '24-hour must either be "h" or "hh"');
        break;
      case "H":
        out += one2(f.hour % 12 === 0 ? 12 : f.hour % 12, '12-hour must either be "H" or "HH"');
        break;
      case "A":
      case "a":
        if (n !== 2) bad(`must be "${tok[0]}${tok[0]}"`);
        out += tok[0] === "A" ? (f.hour < 12 ? "AM" : "PM") : f.hour < 12 ? "am" : "pm";
        break;
      case "m":
        out += one2(f.minute, 'minute must either be "m" or "mm"');
        break;
      case "s":
        out += one2(f.second, 'second must either be "s" or "ss"');
        break;
      case "Z":
        if (n === 1) out += t.offset === 0 ? "Z" : zone(t.offset, true);
        else if (n === 3) out += t.offset === 0 ? "UTC" : zone(t.offset, false);
        else if (n === 4) out += zone(t.offset, false);
        else if (n === 5) out += zone(t.offset, true);
        else bad("timezone must be Z, ZZZZ, or ZZZZZ");
        break;
      default:
        fail(`invalid date format verb "${tok}"`);
    }
  }
  return out;
}

const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, "\u00b5s": 1000n, "\u03bcs": 1000n, ms: 1_000_000n, s: NS, m: 60n * NS, h: 3600n * NS };

/** Go's time.ParseDuration, in nanoseconds. */
function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): never => fail(`time: invalid duration "${orig}"`);
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") bad();
  let d = 0n;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]*)/.exec(s)!;
    const [all, int, frac, unitRaw] = m;
    if (int === "" && (frac === undefined || frac === "")) bad();
    if (unitRaw === "") fail(`time: missing unit in duration "${orig}"`);
    const unit = UNITS[unitRaw!];
    if (unit === undefined) fail(`time: unknown unit "${unitRaw}" in duration "${orig}"`);
    let v = int === "" ? 0n : BigInt(int!);
    if (v > (1n << 63n) / unit!) fail(`time: invalid duration "${orig}"`);
    v *= unit!;
    // Go keeps fraction digits while the value does not overflow, then scales through float64.
    let f = 0n;
    let scale = 1;
    for (const c of frac ?? "") {
      if (f > ((1n << 63n) - 1n) / 10n) break;
      f = f * 10n + BigInt(c);
      scale *= 10;
    }
    if (f > 0n) v += BigInt(Math.trunc(Number(f) * (Number(unit!) / scale)));
    if (v > 1n << 63n) fail(`time: invalid duration "${orig}"`);
    d += v;
    if (d > 1n << 63n) fail(`time: invalid duration "${orig}"`);
    s = s.slice(all!.length);
  }
  if (d > (1n << 63n) - 1n && !neg) fail(`time: invalid duration "${orig}"`);
  return neg ? -d : d;
}

function timeObject(t: Time): V {
  const f = fields(t);
  // ISO 8601 week: the week with the year's first Thursday is week 1.
  const wd = (f.weekday + 6) % 7; // Monday = 0
  const thursdayDays = daysFromCivil(f.year, f.month, f.day) - wd + 3;
  const [isoYear] = civilFromDays(thursdayDays);
  const isoWeek = Math.floor((thursdayDays - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
  const secs = t.ns >= 0n ? t.ns / NS : (t.ns - NS + 1n) / NS;
  return objectV(
    new Map<string, V>([
      ["year", intV(f.year)],
      ["year_day", intV(f.yearDay)],
      ["day", intV(f.day)],
      ["month", intV(f.month)],
      ["month_name", strV(MONTHS[f.month - 1]!)],
      ["weekday", intV(f.weekday)],
      ["weekday_name", strV(DAYS[f.weekday]!)],
      ["hour", intV(f.hour)],
      ["minute", intV(f.minute)],
      ["second", intV(f.second)],
      ["unix", intV(secs)],
      ["iso_year", intV(isoYear)],
      ["iso_week", intV(isoWeek)],
    ]),
  );
}

const TIME_T = objectT(
  ["year", "year_day", "day", "month", "weekday", "hour", "minute", "second", "unix", "iso_year", "iso_week"]
    .map((k): [string, typeof T_NUMBER] => [k, T_NUMBER])
    .concat([
      ["month_name", T_STRING],
      ["weekday_name", T_STRING],
    ]),
);

function strict(s: string): Time {
  const t = parseRFC3339(s);
  if (!t) fail(`not a valid RFC3339 timestamp: cannot use "${s}" as timestamp`);
  return t!;
}

export const TIME_FUNCTIONS: Record<string, FnImpl> = {
  formatdate: { type: T_STRING, impl: ([f, ts]) => strV(formatDate(str(f!), strict(str(ts!)))) },
  timeadd: {
    type: T_STRING,
    impl: ([ts, d]) => {
      const t = strict(str(ts!));
      const r = rfc3339({ ns: t.ns + parseDuration(str(d!)), offset: t.offset });
      return r === undefined ? unknownV(T_STRING) : strV(r);
    },
  },
  rfc3339_parse: {
    type: TIME_T,
    impl: ([ts]) => {
      const t = parseRFC3339(str(ts!), true);
      // Go's general parser accepts a few forms the strict one does not; those stay unknown.
      return t ? timeObject(t) : unknownV(TIME_T);
    },
  },
  unix_timestamp_parse: {
    type: TIME_T,
    impl: ([n]) => {
      let secs: number | undefined;
      try {
        secs = numToInt(numOf(n!));
      } catch {
        fail("unix_timestamp must be a whole number of seconds representable as a 64-bit integer");
      }
      if (secs === undefined) return unknownV(TIME_T);
      return timeObject({ ns: BigInt(secs) * NS, offset: 0 });
    },
  },
};
