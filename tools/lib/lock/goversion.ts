/**
 * Versions and version constraints exactly as hashicorp/go-version reads them: Packer applies
 * that library to `required_plugins` and `required_version`, and `packer init` to the releases
 * it lists (plugin-getter: `VersionConstraints.Check(version)`). The rules here follow
 * go-version's version.go and constraint.go, including its corners: two-segment versions are
 * padded to three, "1.2.3beta" is a pre-release, build metadata never orders versions, a
 * pre-release meets a constraint only when the constraint names a pre-release of the same
 * segments, and `~>` with a pre-release allows only pre-releases.
 */

export interface GoVersion {
  /** Numeric segments, padded with zeros to at least three. */
  segments: number[];
  /** How many segments were written ("1.2" has two). */
  si: number;
  pre: string;
  metadata: string;
  original: string;
}

// go-version's VersionRegexpRaw; Go's \s is [\t\n\f\r ].
const VERSION_RAW =
  "v?([0-9]+(\\.[0-9]+)*?)" +
  "(-([0-9]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)|(-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)))?" +
  "(\\+([0-9A-Za-z\\-~]+(\\.[0-9A-Za-z\\-~]+)*))?" +
  "?";
const VERSION_RE = new RegExp(`^${VERSION_RAW}$`);
const CONSTRAINT_RE = new RegExp(`^[\\t\\n\\f\\r ]*(<=|>=|!=|~>|<|>|=|)[\\t\\n\\f\\r ]*(${VERSION_RAW})[\\t\\n\\f\\r ]*$`);

/** The version, or undefined where go-version's NewVersion returns an error. */
export function parseGoVersion(text: string): GoVersion | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  const written = m[1]!.split(".");
  const segments: number[] = [];
  for (const s of written) {
    const n = Number(s);
    if (!Number.isSafeInteger(n)) return undefined; // go-version: strconv.ParseInt out of range
    segments.push(n);
  }
  while (segments.length < 3) segments.push(0);
  return { segments, si: written.length, pre: m[7] || m[4] || "", metadata: m[10] ?? "", original: text };
}

/** go-version's String(): segments joined, then -pre and +metadata. */
export function formatGoVersion(v: GoVersion): string {
  return v.segments.join(".") + (v.pre ? `-${v.pre}` : "") + (v.metadata ? `+${v.metadata}` : "");
}

function equalSegments(a: GoVersion, b: GoVersion): boolean {
  return a.segments.length === b.segments.length && a.segments.every((s, i) => s === b.segments[i]);
}

function comparePart(self: string, other: string): number {
  if (self === other) return 0;
  const selfNumeric = /^[+-]?\d+$/.test(self);
  const otherNumeric = /^[+-]?\d+$/.test(other);
  // An empty part (the shorter pre-release) sorts before a number and after a word.
  if (self === "") return otherNumeric ? -1 : 1;
  if (other === "") return selfNumeric ? 1 : -1;
  if (selfNumeric && !otherNumeric) return -1;
  if (!selfNumeric && otherNumeric) return 1;
  if (!selfNumeric && !otherNumeric) return self > other ? 1 : -1;
  return Number(self) > Number(other) ? 1 : -1;
}

function comparePrereleases(a: string, b: string): number {
  if (a === b) return 0;
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = comparePart(pa[i] ?? "", pb[i] ?? "");
    if (c !== 0) return c;
  }
  return 0;
}

const allZero = (segs: number[]): boolean => segs.every((s) => s === 0);

/** go-version's Compare: -1, 0 or 1. */
export function compareGoVersions(a: GoVersion, b: GoVersion): number {
  if (formatGoVersion(a) === formatGoVersion(b)) return 0;
  if (equalSegments(a, b)) {
    if (a.pre === "" && b.pre === "") return 0;
    if (a.pre === "") return 1;
    if (b.pre === "") return -1;
    return comparePrereleases(a.pre, b.pre);
  }
  const hs = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < hs; i++) {
    if (i > a.segments.length - 1) return allZero(b.segments.slice(i)) ? 0 : -1;
    if (i > b.segments.length - 1) return allZero(a.segments.slice(i)) ? 0 : 1;
    const lhs = a.segments[i]!;
    const rhs = b.segments[i]!;
    if (lhs !== rhs) return lhs < rhs ? -1 : 1;
  }
  return 0;
}

type Op = "=" | "!=" | ">" | "<" | ">=" | "<=" | "~>";

export interface GoConstraint {
  op: Op;
  check: GoVersion;
  /** The constraint as written, between commas. */
  original: string;
}

/** One comma-separated constraint string (">= 1.2, < 2"), or an error message as go-version gives it. */
export function parseGoConstraints(text: string): GoConstraint[] | string {
  const out: GoConstraint[] = [];
  for (const single of text.split(",")) {
    const m = CONSTRAINT_RE.exec(single);
    if (!m) return `malformed constraint: ${single}`;
    const check = parseGoVersion(m[2]!);
    if (!check) return `malformed version: ${m[2]!}`;
    out.push({ op: (m[1] || "=") as Op, check, original: single });
  }
  return out;
}

function prereleaseCheck(v: GoVersion, c: GoVersion): boolean {
  const vPre = v.pre !== "";
  const cPre = c.pre !== "";
  if (cPre && vPre) return equalSegments(v, c);
  if (!cPre && vPre) return false;
  return true;
}

function pessimistic(v: GoVersion, c: GoVersion): boolean {
  if (!prereleaseCheck(v, c) || (c.pre !== "" && v.pre === "")) return false;
  if (compareGoVersions(v, c) < 0) return false;
  const cs = c.segments.length;
  if (cs > v.segments.length) return false;
  for (let i = 0; i < c.si - 1; i++) if (v.segments[i] !== c.segments[i]) return false;
  if (c.segments[cs - 1]! > v.segments[cs - 1]!) return false;
  return true;
}

function checkOne(c: GoConstraint, v: GoVersion): boolean {
  const cmp = () => compareGoVersions(v, c.check);
  switch (c.op) {
    case "=":
      return cmp() === 0;
    case "!=":
      return cmp() !== 0;
    case ">":
      return prereleaseCheck(v, c.check) && cmp() === 1;
    case "<":
      return prereleaseCheck(v, c.check) && cmp() === -1;
    case ">=":
      return prereleaseCheck(v, c.check) && cmp() >= 0;
    case "<=":
      return prereleaseCheck(v, c.check) && cmp() <= 0;
    case "~>":
      return pessimistic(v, c.check);
  }
}

/** Constraints.Check: every constraint holds. */
export function checkGoConstraints(constraints: readonly GoConstraint[], v: GoVersion): boolean {
  return constraints.every((c) => checkOne(c, v));
}

/** Convenience: whether `version` meets `constraint`; undefined when either does not parse. */
export function goConstraintAllows(constraint: string, version: string): boolean | undefined {
  const cs = parseGoConstraints(constraint);
  const v = parseGoVersion(version);
  if (typeof cs === "string" || !v) return undefined;
  return checkGoConstraints(cs, v);
}
