import { describe, expect, it } from "vitest";
import { ADDED_COMMENT, BazelrcSyntaxError, BumpError, bump, check, increment, inConfig, parseBazelrc } from "./bazelrc.ts";

describe("increment", () => {
  it.each([
    ["001", "002"],
    ["009", "010"],
    ["099", "100"],
    ["999", "1000"],
    ["0", "1"],
    ["7", "8"],
    ["0000", "0001"],
    ["123456789012345678901234567890", "123456789012345678901234567891"],
  ])("%s -> %s", (from, to) => expect(increment(from)).toBe(to));
  it.each(["", "v1", "1.0", "-1", " 1", "1a", "２"])("%j is not a number", (v) => expect(increment(v)).toBeNull());
});

describe("parseBazelrc finds CACHE_BUST settings", () => {
  const cases: [string, string, { flag: string; config: string; command: string; value: string | null; line: number }[]][] = [
    [
      "both on one line",
      "build --repo_env=CACHE_BUST=001 --action_env=CACHE_BUST=001\n",
      [
        { flag: "repo_env", config: "", command: "build", value: "001", line: 1 },
        { flag: "action_env", config: "", command: "build", value: "001", line: 1 },
      ],
    ],
    ["space form", "build --action_env CACHE_BUST=7\n", [{ flag: "action_env", config: "", command: "build", value: "7", line: 1 }]],
    ["quoted word", `build "--action_env=CACHE_BUST=7"\n`, [{ flag: "action_env", config: "", command: "build", value: "7", line: 1 }]],
    ["quoted value", `build --action_env=CACHE_BUST='7'\n`, [{ flag: "action_env", config: "", command: "build", value: "7", line: 1 }]],
    ["config and common", "common:canary --repo_env=CACHE_BUST=x\n", [{ flag: "repo_env", config: "canary", command: "common", value: "x", line: 1 }]],
    ["continuation", "# c\nbuild \\\n  --repo_env=CACHE_BUST=3\n", [{ flag: "repo_env", config: "", command: "build", value: "3", line: 3 }]],
    ["CRLF continuation", "build \\\r\n  --repo_env=CACHE_BUST=3\r\n", [{ flag: "repo_env", config: "", command: "build", value: "3", line: 2 }]],
    ["no value", "build --action_env=CACHE_BUST\n", [{ flag: "action_env", config: "", command: "build", value: null, line: 1 }]],
    ["empty value", `build --action_env=CACHE_BUST=""\n`, [{ flag: "action_env", config: "", command: "build", value: "", line: 1 }]],
    ["comment", "# build --repo_env=CACHE_BUST=1\n", []],
    ["comment mid-word", "build --x#--repo_env=CACHE_BUST=1\n", []],
    ["comment continued by backslash", "# note \\\nbuild --repo_env=CACHE_BUST=1\n", []],
    ["other variables and flags", "build --repo_env=CACHE_BUSTER=1 --test_env=CACHE_BUST=1 --host_action_env=CACHE_BUST=1\n", []],
    ["startup lines are not commands that take it", "startup --repo_env=CACHE_BUST=1\n", []],
    ["flag at the end of a line has no partner", "build --repo_env\nbuild CACHE_BUST=1\n", []],
  ];
  it.each(cases)("%s", (_name, text, want) => {
    const got = parseBazelrc(text).occurrences.map(({ flag, config, command, value, line }) => ({ flag, config, command, value, line }));
    expect(got).toEqual(want);
  });

  it("knows the line ending and the final newline", () => {
    expect(parseBazelrc("a\r\nb\r\n")).toMatchObject({ eol: "\r\n", endsWithNewline: true });
    expect(parseBazelrc("a\nb")).toMatchObject({ eol: "\n", endsWithNewline: false });
    expect(parseBazelrc("")).toMatchObject({ eol: "\n", endsWithNewline: true });
  });
});

describe("parseBazelrc rejects what it cannot edit safely", () => {
  it.each([
    ["unterminated double quote", 'common --x\nbuild --repo_env="CACHE_BUST=1\n', 2, 18, /unterminated double quote/],
    ["unterminated single quote", "build 'x\n", 1, 7, /unterminated single quote/],
    ["continuation at the end of the file", "build --x=1 \\\n", 1, 13, /continues nothing/],
    ["CRLF continuation at the end of the file", "build --x=1 \\\r\n", 1, 13, /continues nothing/],
    ["backslash at the very end", "build --x=1 \\", 1, 13, /escapes nothing/],
    ["import without a file", "import\n", 1, 1, /exactly one file/],
    ["try-import with two files", "\n try-import a b\n", 2, 2, /exactly one file/],
  ])("%s", (_name, text, line, column, message) => {
    let error: unknown;
    try {
      parseBazelrc(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BazelrcSyntaxError);
    expect(error).toMatchObject({ line, column });
    expect((error as Error).message).toMatch(message);
  });

  it("quotes inside comments are fine", () => {
    expect(() => parseBazelrc(`# don't "worry\nbuild --x # it's\n`)).not.toThrow();
  });
});

describe("check", () => {
  const findings = (text: string, configs: string[] | null = null) => check(parseBazelrc(text), configs).map((f) => `${f.line}: ${f.message}`);

  it("passes on a consistent file", () => {
    expect(
      findings("build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=1\nbuild:canary --repo_env=CACHE_BUST=2\nbuild:canary --action_env=CACHE_BUST=2\n"),
    ).toEqual([]);
  });
  it("reports disagreement with both lines", () => {
    expect(findings("build --repo_env=CACHE_BUST=1\nbuild --action_env=CACHE_BUST=2\n")).toEqual([
      "2: --action_env=CACHE_BUST=2 disagrees with --repo_env=CACHE_BUST=1 on line 1 for plain (no --config) lines",
    ]);
  });
  it("reports a missing partner", () => {
    expect(findings("build:canary --repo_env=CACHE_BUST=1\n")).toEqual([expect.stringMatching(/^1: --action_env=CACHE_BUST is missing for config "canary"/)]);
  });
  it("reports a value set twice for one config, across commands", () => {
    expect(findings("build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=1\ncommon --repo_env=CACHE_BUST=1\n")).toEqual([
      "2: --repo_env=CACHE_BUST appears more than once for plain (no --config) lines (first on line 1); keep one",
    ]);
  });
  it("reports a value taken from the environment", () => {
    expect(findings("build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST\n")[0]).toMatch(/has no value/);
  });
  it("reports a file without any", () => {
    expect(findings("common --enable_bzlmod\n")).toEqual([expect.stringMatching(/^0: no CACHE_BUST values found/)]);
    expect(findings("build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=1\n", ["canary"])).toEqual([
      expect.stringMatching(/no CACHE_BUST values for config "canary"; add them with `bump --config canary`/),
    ]);
  });
  it("checks one config when asked", () => {
    expect(findings("build --repo_env=CACHE_BUST=1\nbuild:canary --repo_env=CACHE_BUST=2 --action_env=CACHE_BUST=2\n", ["canary"])).toEqual([]);
  });
});

describe("bump", () => {
  it("increments in place and keeps every other byte", () => {
    const text = '# keep\r\nbuild  --repo_env=CACHE_BUST=009\t--action_env "CACHE_BUST=009" # c\r\ntry-import %workspace%/user.bazelrc';
    const r = bump(text);
    expect(r.text).toBe('# keep\r\nbuild  --repo_env=CACHE_BUST=010\t--action_env "CACHE_BUST=010" # c\r\ntry-import %workspace%/user.bazelrc');
    expect(r).toMatchObject({ value: "010", previous: ["009"], added: [] });
  });
  it("999 -> 1000", () => {
    expect(bump("build --repo_env=CACHE_BUST=999 --action_env=CACHE_BUST=999\n").text).toBe("build --repo_env=CACHE_BUST=1000 --action_env=CACHE_BUST=1000\n");
  });
  it("appends missing lines after a comment, with the file's line ending", () => {
    expect(bump("common --x\r\ntest --y").text).toBe(
      `common --x\r\ntest --y\r\n${ADDED_COMMENT}\r\nbuild --repo_env=CACHE_BUST=001\r\nbuild --action_env=CACHE_BUST=001\r\n`,
    );
    expect(bump("").text).toBe(`${ADDED_COMMENT}\nbuild --repo_env=CACHE_BUST=001\nbuild --action_env=CACHE_BUST=001\n`);
  });
  it("adds only the missing partner, for the config asked", () => {
    expect(bump("build:canary --repo_env=CACHE_BUST=4\n", { config: "canary" }).text).toBe(
      `build:canary --repo_env=CACHE_BUST=5\n${ADDED_COMMENT}\nbuild:canary --action_env=CACHE_BUST=5\n`,
    );
  });
  it("leaves other configs alone", () => {
    const text = "build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=1\nbuild:canary --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=1\n";
    expect(bump(text, { config: "canary" }).text).toBe(
      "build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=1\nbuild:canary --repo_env=CACHE_BUST=2 --action_env=CACHE_BUST=2\n",
    );
  });
  it("fills an empty value", () => {
    expect(bump(`build --repo_env=CACHE_BUST="" --action_env=CACHE_BUST=\n`, { value: "3" }).text).toBe(
      `build --repo_env=CACHE_BUST=3"" --action_env=CACHE_BUST=3\n`,
    );
  });
  it("--value resolves a conflict", () => {
    expect(bump("build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=2\n", { value: "9" }).text).toBe(
      "build --repo_env=CACHE_BUST=9 --action_env=CACHE_BUST=9\n",
    );
  });

  const fails = (text: string, options: { config?: string; value?: string }, message: RegExp, line: number) => {
    let error: unknown;
    try {
      bump(text, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BumpError);
    expect((error as Error).message).toMatch(message);
    expect(error).toMatchObject({ line });
  };
  it("refuses conflicting values without --value", () =>
    fails("build --repo_env=CACHE_BUST=1\nbuild --action_env=CACHE_BUST=2\n", {}, /conflicting CACHE_BUST values .*line 1: 1, line 2: 2.*--value/, 1));
  it("refuses a value that is not a number without --value", () =>
    fails("\nbuild --repo_env=CACHE_BUST=v1 --action_env=CACHE_BUST=v1\n", {}, /CACHE_BUST=v1 is not a number.*--value/, 2));
  it("refuses an unsafe --value", () => fails("", { value: "a b" }, /not a valid CACHE_BUST/, 0));
  it("refuses a value taken from the environment", () => fails("build --action_env=CACHE_BUST\n", { value: "1" }, /taken from the environment/, 1));
  it("refuses a value with an escape inside it", () => fails("build --action_env=CACHE_BUST=0\\01\n", { value: "1" }, /escape or a quote inside/, 1));

  it("show-style lookup sees the new value", () => {
    const out = bump("build --repo_env CACHE_BUST='041' --action_env=\"CACHE_BUST\"=041\n").text;
    expect(inConfig(parseBazelrc(out), "").map((o) => o.value)).toEqual(["042", "042"]);
  });
});
