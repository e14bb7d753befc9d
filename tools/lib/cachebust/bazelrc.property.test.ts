/**
 * Property-based tests: generated .bazelrc files (comments, blank lines, CRLF/LF, other
 * flags and decoys, configs, import lines, every quoting form, line continuations) with
 * known CACHE_BUST positions. The generator knows which bytes are values, so the expected
 * output of a bump is computed independently of the parser.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../io.ts";
import { ADDED_COMMENT, BazelrcSyntaxError, BumpError, bump, check, inConfig, parseBazelrc } from "./bazelrc.ts";
import { main } from "./command.ts";

/** A piece of the file; `group` marks the bytes of a CACHE_BUST value of that config. */
interface Piece {
  text: string;
  group?: string;
}

interface Generated {
  pieces: Piece[];
  eol: "\n" | "\r\n";
  target: string;
  other: string;
  /** Value of the target group, or null when it has no lines. */
  targetValue: string | null;
  /** Flags present in the target group. */
  targetFlags: ("repo_env" | "action_env")[];
  /** Number of CACHE_BUST occurrences per group, as generated. */
  counts: Map<string, number>;
}

const numeric = fc.stringMatching(/^[0-9]{1,5}$/);
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/);
const commentText = fc
  .array(fc.constantFrom("a", "z", " ", "=", "'", '"', "-", "CACHE_BUST=42", "--repo_env=CACHE_BUST=7", "#", "build"), { maxLength: 12 })
  .map((parts) => parts.join(""));
const space = fc.constantFrom(" ", "  ", "\t");

type Flag = "repo_env" | "action_env";

/** `--flag=CACHE_BUST=value` in one of the forms Bazel accepts. */
function setting(flag: Flag, value: string, group: string): fc.Arbitrary<Piece[]> {
  const v: Piece = { text: value, group };
  return fc.constantFrom(
    [{ text: `--${flag}=CACHE_BUST=` }, v],
    [{ text: `--${flag} CACHE_BUST=` }, v],
    [{ text: `--${flag}\tCACHE_BUST=` }, v],
    [{ text: `"--${flag}=CACHE_BUST=` }, v, { text: `"` }],
    [{ text: `--${flag}="CACHE_BUST=` }, v, { text: `"` }],
    [{ text: `--${flag}=CACHE_BUST='` }, v, { text: `'` }],
    [{ text: `'--${flag}' 'CACHE_BUST=` }, v, { text: `'` }],
    [{ text: `--${flag}=CACHE_BUST="` }, v, { text: `"` }],
  );
}

/** Flags that must never be touched (some look like ours). */
const otherFlag = fc.constantFrom(
  "--disk_cache=~/.cache/bazel",
  "--test_env=CACHE_BUST=5",
  "--repo_env=OTHER=1",
  "--action_env=CACHE_BUSTER=3",
  "--action_env=PATH",
  '--host_action_env="CACHE_BUST=8"',
  "--jobs=4",
  "--define=cache_bust=9",
  "'--copt=-DX=\"y z\"'",
);

function commandWord(config: string): fc.Arbitrary<string> {
  return fc.constantFrom("build", "common", "test").map((c) => (config === "" ? c : `${c}:${config}`));
}

function separator(eol: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: space }, { weight: 1, arbitrary: fc.constant(` \\${eol}    `) });
}

/** One line with the given settings, other flags around them, maybe a trailing comment. */
function settingsLine(config: string, settings: Piece[][], eol: string): fc.Arbitrary<Piece[]> {
  return fc
    .record({
      indent: fc.constantFrom("", " ", "\t"),
      command: commandWord(config),
      before: fc.array(otherFlag, { maxLength: 2 }),
      after: fc.array(otherFlag, { maxLength: 2 }),
      seps: fc.array(separator(eol), { minLength: 8, maxLength: 8 }),
      comment: fc.option(commentText),
    })
    .map(({ indent, command, before, after, seps, comment }) => {
      const words: Piece[][] = [[{ text: command }], ...before.map((f) => [{ text: f }]), ...settings, ...after.map((f) => [{ text: f }])];
      const out: Piece[] = [{ text: indent }];
      words.forEach((w, i) => {
        if (i > 0) out.push({ text: seps[i % seps.length]! });
        out.push(...w);
      });
      if (comment !== null) out.push({ text: ` #${comment}` });
      return out;
    });
}

function filler(eol: string): fc.Arbitrary<Piece[]> {
  return fc.oneof<fc.Arbitrary<Piece[]>[]>(
    fc.constantFrom("", " ", "\t ").map((t) => [{ text: t }]),
    commentText.map((t) => [{ text: `#${t}` }]),
    fc
      .constantFrom("import %workspace%/tools/ci.bazelrc", "try-import %workspace%/user.bazelrc", 'try-import "%workspace%/my file.bazelrc"')
      .map((t) => [{ text: t }]),
    fc
      .record({ cfg: fc.constantFrom("", "ci", "remote"), flags: fc.array(otherFlag, { minLength: 1, maxLength: 3 }), sep: separator(eol) })
      .chain(({ cfg, flags, sep }) => commandWord(cfg).map((c) => [{ text: [c, ...flags].join(sep) }])),
    fc.constant<Piece[]>([{ text: "startup --host_jvm_args=-Xmx2g" }]),
  );
}

/** The lines of one config group: repo_env and action_env, on one line or two. */
function groupLines(config: string, value: string, flags: Flag[], eol: string): fc.Arbitrary<Piece[][]> {
  return fc.tuple(fc.boolean(), ...flags.map((f) => setting(f, value, config))).chain(([together, ...settings]) => {
    if (together || settings.length === 1) return settingsLine(config, settings, eol).map((l) => [l]);
    return fc.tuple(...settings.map((s) => settingsLine(config, [s], eol)));
  });
}

const generated: fc.Arbitrary<Generated> = fc
  .record({
    eol: fc.constantFrom("\n" as const, "\r\n" as const),
    target: fc.constantFrom("", "canary"),
    targetValue: fc.option(fc.oneof(numeric, word), { freq: 5 }),
    targetFlags: fc.constantFrom<Flag[]>(["repo_env", "action_env"], ["action_env", "repo_env"], ["repo_env"], ["action_env"]),
    otherValue: fc.option(fc.oneof(numeric, word)),
  })
  .chain(({ eol, target, targetValue, targetFlags, otherValue }) => {
    const other = target === "" ? "canary" : "";
    const flags: Flag[] = targetValue === null ? [] : targetFlags;
    return fc
      .record({
        mine: flags.length === 0 ? fc.constant([] as Piece[][]) : groupLines(target, targetValue!, flags, eol),
        theirs: otherValue === null ? fc.constant([] as Piece[][]) : groupLines(other, otherValue, ["repo_env", "action_env"], eol),
        fill: fc.array(filler(eol), { maxLength: 8 }),
        seed: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        finalNewline: fc.boolean(),
      })
      .map(({ mine, theirs, fill, seed, finalNewline }) => {
        // Interleave the group lines into the filler, keeping each group's own order.
        const lines = [...fill];
        for (const [i, l] of [...mine, ...theirs].entries()) lines.splice(seed[i]! % (lines.length + 1), 0, l);
        const pieces: Piece[] = [];
        lines.forEach((l, i) => {
          pieces.push(...l);
          if (i < lines.length - 1 || finalNewline) pieces.push({ text: eol });
        });
        const counts = new Map<string, number>();
        if (flags.length) counts.set(target, flags.length);
        if (otherValue !== null) counts.set(other, 2);
        return { pieces, eol, target, other, targetValue, targetFlags: flags, counts };
      });
  });

const render = (g: Generated, replace?: string): string => g.pieces.map((p) => (replace !== undefined && p.group === g.target ? replace : p.text)).join("");

/** What bump must produce, computed from the pieces alone. */
function expected(g: Generated, value: string): string {
  let out = render(g, value);
  const missing = (["repo_env", "action_env"] as const).filter((f) => !g.targetFlags.includes(f));
  if (missing.length === 0) return out;
  const text = render(g);
  const newlines = (text.match(/\n/g) ?? []).length;
  const eol = newlines === 0 ? "\n" : g.eol;
  if (text !== "" && !text.endsWith("\n")) out += eol;
  out += ADDED_COMMENT + eol;
  for (const f of missing) out += `${g.target === "" ? "build" : `build:${g.target}`} --${f}=CACHE_BUST=${value}${eol}`;
  return out;
}

const RUNS = { numRuns: 400 };

describe("cache-bust properties over generated .bazelrc files", () => {
  it("the parser finds exactly the generated CACHE_BUST settings, with their values", () => {
    fc.assert(
      fc.property(generated, (g) => {
        const rc = parseBazelrc(render(g));
        for (const [config, count] of g.counts) expect(inConfig(rc, config)).toHaveLength(count);
        expect(rc.occurrences).toHaveLength([...g.counts.values()].reduce((a, b) => a + b, 0));
        for (const o of inConfig(rc, g.target)) expect(o.value).toBe(g.targetValue);
      }),
      RUNS,
    );
  });

  it("bump --value changes only the value bytes (or only appends the missing lines)", () => {
    fc.assert(
      fc.property(generated, word, (g, value) => {
        expect(bump(render(g), { config: g.target, value }).text).toBe(expected(g, value));
      }),
      RUNS,
    );
  });

  it("bump of a numeric value writes the zero-padded increment, changing only the value bytes", () => {
    fc.assert(
      fc.property(
        generated.filter((g) => g.targetValue !== null && /^[0-9]+$/.test(g.targetValue)),
        (g) => {
          const next = (BigInt(g.targetValue!) + 1n).toString().padStart(g.targetValue!.length, "0");
          const result = bump(render(g), { config: g.target });
          expect(result.value).toBe(next);
          expect(result.text).toBe(expected(g, next));
        },
      ),
      RUNS,
    );
  });

  it("show after bump shows the new value; check passes after bump on consistent input", () => {
    fc.assert(
      fc.property(generated, fc.option(word), (g, v) => {
        const numericOrNone = g.targetValue === null || /^[0-9]+$/.test(g.targetValue);
        fc.pre(v !== null || numericOrNone);
        const result = bump(render(g), { config: g.target, ...(v !== null ? { value: v } : {}) });
        const rc = parseBazelrc(result.text);
        const values = inConfig(rc, g.target).map((o) => o.value);
        expect(values).toHaveLength(2);
        expect(new Set(values)).toEqual(new Set([result.value]));
        expect(check(rc, [g.target])).toEqual([]);
        expect(check(rc, null)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("bump --value V twice is the same as once", () => {
    fc.assert(
      fc.property(generated, word, (g, value) => {
        const once = bump(render(g), { config: g.target, value }).text;
        expect(bump(once, { config: g.target, value }).text).toBe(once);
      }),
      RUNS,
    );
  });

  it("any text either parses or fails with a BazelrcSyntaxError; bump fails only with BumpError", () => {
    const noisy = fc
      .array(
        fc.constantFrom(
          "build",
          ":c",
          " ",
          "\t",
          "\n",
          "\r\n",
          "\\",
          "'",
          '"',
          "#",
          "--repo_env",
          "=",
          "CACHE_BUST",
          "--action_env=CACHE_BUST=",
          "1",
          "x",
          "import",
        ),
        { maxLength: 30 },
      )
      .map((a) => a.join(""));
    fc.assert(
      fc.property(noisy, (text) => {
        let parsed = true;
        try {
          parseBazelrc(text);
        } catch (error) {
          expect(error).toBeInstanceOf(BazelrcSyntaxError);
          parsed = false;
        }
        if (!parsed) return;
        try {
          const out = bump(text, { value: "5" }).text;
          expect(inConfig(parseBazelrc(out), "").every((o) => o.value === "5")).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(BumpError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("cache-bust properties through the command, with real files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cache-bust-prop-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("`bump --value V` writes exactly the expected bytes, then `show` prints V and `check` passes", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(generated, word, async (g, value) => {
        const file = path.join(dir, `rc${n++}`);
        await writeFile(file, render(g), "latin1");
        const config = g.target === "" ? [] : ["--config", g.target];
        const io = captureIo(dir);
        expect(await main(["bump", "--bazelrc", file, "--value", value, ...config], io)).toBe(0);
        expect(await readFile(file, "latin1")).toBe(expected(g, value));
        const show = captureIo(dir);
        expect(await main(["show", "--bazelrc", file, ...config], show)).toBe(0);
        expect(show.out.join("")).toBe(`${value}\n`);
        expect(await main(["check", "--bazelrc", file], captureIo(dir))).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
