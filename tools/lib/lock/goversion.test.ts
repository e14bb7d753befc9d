import { describe, expect, test } from "vitest";
import { compareGoVersions, formatGoVersion, goConstraintAllows, parseGoConstraints, parseGoVersion } from "./goversion.ts";

// Expected results are go-version's behaviour (hashicorp/go-version, version.go and constraint.go).
const v = (s: string) => {
  const parsed = parseGoVersion(s);
  if (!parsed) throw new Error(`does not parse: ${s}`);
  return parsed;
};

describe("parseGoVersion", () => {
  test.each([
    ["1.2.3", "1.2.3"],
    ["v1.2", "1.2.0"],
    ["1.04.0", "1.4.0"],
    ["1.2.3.4", "1.2.3.4"],
    ["1.7rc2", "1.7.0-rc2"],
    // the dash is itself a pre-release character
    ["1.2.3-", "1.2.3--"],
    ["1.2.0-x.Y.0+metadata", "1.2.0-x.Y.0+metadata"],
    ["1.2.0-metadata-1.2.0+metadata~dist", "1.2.0-metadata-1.2.0+metadata~dist"],
  ])("%s reads as %s", (text, canonical) => {
    expect(formatGoVersion(v(text))).toBe(canonical);
  });

  test.each(["", "1.x", "latest", "1.2.3+", " 1.2.3", "11387778780781445675529500000000000000000"])("%j is malformed", (text) => {
    expect(parseGoVersion(text)).toBeUndefined();
  });
});

describe("compareGoVersions", () => {
  test.each([
    ["1.2.3", "1.4.5", -1],
    ["1.2-beta", "1.2-beta", 0],
    ["1.2", "1.1.4", 1],
    ["1.2", "1.2-beta", 1],
    ["1.2+foo", "1.2+beta", 0],
    ["v1.2.0.0", "v1.2", 0],
    ["v1.2.0.0.1", "v1.2", 1],
    ["v1.2", "v1.2.0.0.1", -1],
    ["v1.2.3.0", "v1.2.3.4", -1],
    ["1.7rc2", "1.7rc1", 1],
    ["1.7rc2", "1.7", -1],
    ["1.2-beta.2", "1.2-beta.11", -1],
    ["3.2-alpha.1", "3.2-alpha", 1],
    ["1.2-beta", "1.2-beta.3", -1],
    ["3.0-alpha.1", "3.0-alpha.beta", -1],
    // go-version's corner: a missing part sorts after a word part
    ["5.4-alpha", "5.4-alpha.beta", 1],
    ["v3.2-rc.1-1-g123", "v3.2-rc.2", 1],
  ])("%s <=> %s is %i", (a, b, expected) => {
    expect(compareGoVersions(v(a), v(b))).toBe(expected);
    expect(compareGoVersions(v(b), v(a))).toBe(expected === 0 ? 0 : -expected);
  });
});

describe("constraints", () => {
  test.each([
    [">= 1.0, < 1.2", "1.1.5", true],
    ["< 1.0, < 1.2", "1.1.5", false],
    ["= 1.0", "1.0.0", true],
    ["1.0", "1.0.0", true],
    ["~> 1.0", "2.0", false],
    ["~> 1.0", "1.2.3", true],
    ["~> 1.0.0", "1.2.3", false],
    ["~> 1.0.0", "1.0.7", true],
    ["~> 1.0.7", "1.0.4", false],
    ["~> 1.0.7", "1.0.7.5", true],
    ["~> 1.0.7", "1.0.6.99", false],
    ["~> 1.0.9.5", "1.0.9.5.1", true],
    ["~> 2.0", "2.1.0-beta", false],
    ["~> 2.1.0-a", "2.1.0", false],
    ["~> 2.1.0-a", "2.1.0-beta", true],
    ["~> 2.1.0-a", "2.2.0-alpha", false],
    ["> 2.0", "2.1.0-beta", false],
    [">= 2.1.0-a", "2.1.0-beta", true],
    [">= 2.1.0-a", "2.1.1-beta", false],
    [">= 2.1.0-a", "2.1.1", true],
    ["<= 2.1.0-a", "2.0.0", true],
    // "=" and "!=" compare without the pre-release rule
    ["= 1.1.0-rc1", "1.1.0-rc1", true],
    ["!= 1.2.3", "1.2.4-beta", true],
    [">=1.2.0,<2.0.0", "1.2.0", true],
    ["  >=   1.2  ", "1.2.0", true],
  ])("%j allows %s: %s", (constraint, version, expected) => {
    expect(goConstraintAllows(constraint, version)).toBe(expected);
  });

  test.each([
    [">= 1.x", "malformed constraint: >= 1.x"],
    [">= 1.0,", "malformed constraint: "],
    ["=> 1.0", "malformed constraint: => 1.0"],
    ["", "malformed constraint: "],
  ])("%j is refused: %s", (constraint, message) => {
    expect(parseGoConstraints(constraint)).toBe(message);
  });

  test("each part keeps its text, for messages", () => {
    const cs = parseGoConstraints(">= 1.2.0, < 2");
    expect(typeof cs !== "string" && cs.map((c) => [c.op, c.original])).toEqual([
      [">=", ">= 1.2.0"],
      ["<", " < 2"],
    ]);
  });
});
