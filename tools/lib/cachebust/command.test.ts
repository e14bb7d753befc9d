import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCaptured } from "../io.ts";
import { HELP, main } from "./command.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cache-bust-"));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const RC = "# Canary\nbuild --repo_env=CACHE_BUST=001 --action_env=CACHE_BUST=001\n\ncommon --enable_bzlmod\ntry-import %workspace%/user.bazelrc\n";

function run(argv: string[], env: Record<string, string> = {}) {
  return runCaptured(main, argv, dir, env);
}

describe("cache-bust", () => {
  it("show prints the value of .bazelrc in the working directory", async () => {
    await writeFile(path.join(dir, ".bazelrc"), RC);
    expect(await run(["show"])).toEqual({
      code: 0,
      out: "001\n",
      err: ".bazelrc:2: build --repo_env=CACHE_BUST=001\n.bazelrc:2: build --action_env=CACHE_BUST=001\n",
    });
  });

  it("uses $BUILD_WORKSPACE_DIRECTORY (bazel run) before the working directory", async () => {
    const ws = path.join(dir, "ws");
    await mkdir(ws);
    await writeFile(path.join(ws, ".bazelrc"), RC.replaceAll("001", "007"));
    await writeFile(path.join(dir, ".bazelrc"), RC);
    expect((await run(["show"], { BUILD_WORKSPACE_DIRECTORY: ws })).out).toBe("007\n");
    expect((await run(["bump"], { BUILD_WORKSPACE_DIRECTORY: ws })).code).toBe(0);
    expect(await readFile(path.join(ws, ".bazelrc"), "utf8")).toBe(RC.replaceAll("001", "008"));
    expect(await readFile(path.join(dir, ".bazelrc"), "utf8")).toBe(RC);
  });

  it("bump rewrites only the values, atomically, keeping the mode and leaving no temp file", async () => {
    const file = path.join(dir, "my.bazelrc");
    await writeFile(file, RC);
    await chmod(file, 0o640);
    const r = await run(["bump", "--bazelrc", "my.bazelrc"]);
    expect(r).toEqual({ code: 0, out: "my.bazelrc: CACHE_BUST 001 -> 002 for plain (no --config) lines (line 2)\n", err: "" });
    expect(await readFile(file, "utf8")).toBe(RC.replaceAll("001", "002"));
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(["my.bazelrc"]);
  });

  it("bump keeps bytes that are not UTF-8", async () => {
    const file = path.join(dir, ".bazelrc");
    const bytes = Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9, 0xff]), Buffer.from("\r\nbuild --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=1")]);
    await writeFile(file, bytes);
    expect((await run(["bump"])).code).toBe(0);
    const after = await readFile(file);
    expect(after.toString("latin1")).toBe(bytes.toString("latin1").replaceAll("CACHE_BUST=1", "CACHE_BUST=2"));
  });

  it("bump edits the target of a symlink and keeps the link", async () => {
    await writeFile(path.join(dir, "real.bazelrc"), RC);
    await symlink("real.bazelrc", path.join(dir, ".bazelrc"));
    expect((await run(["bump"])).code).toBe(0);
    expect(await readFile(path.join(dir, "real.bazelrc"), "utf8")).toBe(RC.replaceAll("001", "002"));
    expect(await readlink(path.join(dir, ".bazelrc"))).toBe("real.bazelrc");
  });

  it("bump --value twice writes once and then reports nothing to do", async () => {
    await writeFile(path.join(dir, ".bazelrc"), RC);
    expect((await run(["bump", "--value", "2024-06-01"])).code).toBe(0);
    const again = await run(["bump", "--value", "2024-06-01"]);
    expect(again).toMatchObject({ code: 0, out: ".bazelrc: CACHE_BUST is already 2024-06-01 for plain (no --config) lines; nothing to do\n" });
    expect(await readFile(path.join(dir, ".bazelrc"), "utf8")).toBe(RC.replaceAll("001", "2024-06-01"));
  });

  it("bump --config canary appends the lines with a comment", async () => {
    await writeFile(path.join(dir, ".bazelrc"), "common --enable_bzlmod");
    const r = await run(["bump", "--config", "canary"]);
    expect(r.out).toBe('.bazelrc: CACHE_BUST 001 for config "canary" (added --repo_env and --action_env)\n');
    expect(await readFile(path.join(dir, ".bazelrc"), "utf8")).toBe(
      "common --enable_bzlmod\n# Canary cache bust: bump with `bazel run //tools:cache_bust -- bump`\nbuild:canary --repo_env=CACHE_BUST=001\nbuild:canary --action_env=CACHE_BUST=001\n",
    );
    expect((await run(["check"])).code).toBe(0);
  });

  it("check passes, and fails with file:line on disagreement", async () => {
    await writeFile(path.join(dir, ".bazelrc"), RC);
    expect(await run(["check"])).toEqual({ code: 0, out: ".bazelrc: CACHE_BUST ok (build=001)\n", err: "" });
    await writeFile(path.join(dir, ".bazelrc"), "build --repo_env=CACHE_BUST=001\n# x\nbuild --action_env=CACHE_BUST=002\nbuild --action_env=CACHE_BUST=001\n");
    const r = await run(["check"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      ".bazelrc:3: error: --action_env=CACHE_BUST=002 disagrees with --repo_env=CACHE_BUST=001 on line 1 for plain (no --config) lines\n" +
        ".bazelrc:4: error: --action_env=CACHE_BUST appears more than once for plain (no --config) lines (first on line 3); keep one\n" +
        "fix: bazel run //tools:cache_bust -- bump --value 001\n",
    );
    // The fix is a command that works: after it only the duplicate line (a hand edit) is left.
    expect((await run(["bump", "--value", "001"])).code).toBe(0);
    expect((await run(["check"])).out).toBe(
      ".bazelrc:4: error: --action_env=CACHE_BUST appears more than once for plain (no --config) lines (first on line 3); keep one\n",
    );
  });

  it("check names the command that adds a missing line, for the file and config it checked", async () => {
    await writeFile(path.join(dir, "ci.bazelrc"), "build:canary --repo_env=CACHE_BUST=007\n");
    const r = await run(["check", "--bazelrc", "ci.bazelrc", "--config", "canary"]);
    expect(r).toMatchObject({ code: 1 });
    expect(r.out).toBe(
      'ci.bazelrc:1: error: --action_env=CACHE_BUST is missing for config "canary" (--repo_env=CACHE_BUST=007 has no partner); without both, repository rules and actions see different values\n' +
        "fix: bazel run //tools:cache_bust -- bump --config canary --value 007 --bazelrc ci.bazelrc\n",
    );
    expect((await run(["bump", "--config", "canary", "--value", "007", "--bazelrc", "ci.bazelrc"])).code).toBe(0);
    expect(await run(["check", "--bazelrc", "ci.bazelrc", "--config", "canary"])).toMatchObject({ code: 0 });
    await writeFile(path.join(dir, ".bazelrc"), "common --enable_bzlmod\n");
    expect((await run(["check"])).out).toBe(".bazelrc: error: no CACHE_BUST values found; add them with `bump`\nfix: bazel run //tools:cache_bust -- bump\n");
  });

  it("show exits 1 when the values disagree or are missing", async () => {
    await writeFile(path.join(dir, ".bazelrc"), "build --repo_env=CACHE_BUST=1 --action_env=CACHE_BUST=2\n");
    expect(await run(["show"])).toMatchObject({ code: 1, out: "" });
    expect((await run(["show", "--config", "canary"])).err).toMatch(/no CACHE_BUST for config "canary"; add it with `bump --config canary`/);
  });

  describe("bad input: a clear message, exit 2, and the file unchanged", () => {
    async function unchanged(text: string, argv: string[], message: RegExp) {
      const file = path.join(dir, ".bazelrc");
      await writeFile(file, text);
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(await readFile(file, "utf8")).toBe(text);
      expect(await readdir(dir)).toEqual([".bazelrc"]);
    }

    it("no .bazelrc", async () => {
      const r = await run(["bump"]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^\.bazelrc: no such file; pass --bazelrc FILE, or create it first \(`touch \.bazelrc`, then `bazel run \/\/tools:cache_bust -- bump` adds/,
      );
      expect(await readdir(dir)).toEqual([]);
    });
    it("a read-only .bazelrc", async () => {
      const file = path.join(dir, ".bazelrc");
      await writeFile(file, RC);
      await chmod(file, 0o444);
      const r = await run(["bump"]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^\.bazelrc: the file is read-only \(EACCES\); make it writable \(chmod u\+w \.bazelrc\)/);
      expect(await readFile(file, "utf8")).toBe(RC);
      expect(await readdir(dir)).toEqual([".bazelrc"]);
    });
    it("conflicting values", () =>
      unchanged(
        "build --repo_env=CACHE_BUST=1\nbuild --action_env=CACHE_BUST=2\n",
        ["bump"],
        /^\.bazelrc:1: conflicting CACHE_BUST values .*pick one with --value; the file was not changed$/,
      ));
    it("a value that is not a number", () =>
      unchanged(
        "build --repo_env=CACHE_BUST=abc --action_env=CACHE_BUST=abc\n",
        ["bump"],
        /^\.bazelrc:1: CACHE_BUST=abc is not a number, so it cannot be incremented; give the new value with --value/,
      ));
    it("an unterminated quote", () =>
      unchanged(
        "common --x\nbuild --repo_env='CACHE_BUST=1\n",
        ["bump", "--value", "2"],
        /^\.bazelrc:2:18: cannot parse: unterminated single quote; fix that line first \(the file was not changed\)$/,
      ));
    it("a line continuation at the end of the file", () =>
      unchanged("build --repo_env=CACHE_BUST=1 \\\n", ["bump"], /^\.bazelrc:1:31: cannot parse: line continuation/));
    it("an unsafe --value", () => unchanged(RC, ["bump", "--value", "1;rm"], /not a valid CACHE_BUST/));
    it("a bad --config", () => unchanged(RC, ["bump", "--config", "a b"], /--config "a b" is not a config name/));
    it("unknown subcommand and options", async () => {
      await unchanged(RC, ["bumpp"], /unknown subcommand "bumpp"/);
      await unchanged(RC, ["bump", "--nope"], /unknown option --nope \(--help lists the options\)/);
      await unchanged(RC, [], /missing subcommand/);
      await unchanged(RC, ["show", "--value", "3"], /--value only goes with bump/);
    });
  });

  it("--help", async () => {
    expect(await run(["--help"])).toEqual({ code: 0, out: HELP, err: "" });
    expect(HELP).toMatch(/bump never creates the file/);
  });
});
