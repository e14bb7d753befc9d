import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCaptured } from "../io.ts";
import { invalidUtf8At, makeMain, parseFlags } from "./command.ts";
import { unifiedDiff } from "./diff.ts";

const UGLY = 'source "null" "a" {\ncommunicator="none"\n}\n';
const PRETTY = 'source "null" "a" {\n  communicator = "none"\n}\n';
const BAD = 'source "null" "a" {\n  x = \n}\n';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "fmt-cmd-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const fmt = (argv: string[], cwd: string, stdin = "") =>
  runCaptured(
    makeMain(() => new TextEncoder().encode(stdin)),
    argv,
    cwd,
  );

describe("fmt", () => {
  it("rewrites the files that need it, lists them on stdout, exit 0", async () => {
    const dir = workspace({ "a.pkr.hcl": UGLY, "b.pkrvars.hcl": 'x="y"\n', "ok.pkr.hcl": PRETTY });
    const r = await fmt(["."], dir);
    expect(r).toEqual({ code: 0, out: "a.pkr.hcl\nb.pkrvars.hcl\n", err: "" });
    expect(readFileSync(join(dir, "a.pkr.hcl"), "utf8")).toBe(PRETTY);
    expect(readFileSync(join(dir, "b.pkrvars.hcl"), "utf8")).toBe('x = "y"\n');
  });

  it("-check writes nothing and exits 3 when a file needs formatting; 0 when none does", async () => {
    const dir = workspace({ "a.pkr.hcl": UGLY, "ok.pkr.hcl": PRETTY });
    expect(await fmt(["-check", "."], dir)).toEqual({ code: 3, out: "a.pkr.hcl\n", err: "" });
    expect(readFileSync(join(dir, "a.pkr.hcl"), "utf8")).toBe(UGLY);
    expect(await fmt(["--check", "ok.pkr.hcl"], dir)).toEqual({ code: 0, out: "", err: "" });
  });

  it("-diff prints diff -u's unified diff with old/ and new/ labels", async () => {
    const dir = workspace({ "a.pkr.hcl": UGLY });
    const r = await fmt(["-diff", "-write=false", "a.pkr.hcl"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'a.pkr.hcl\n--- old/a.pkr.hcl\n+++ new/a.pkr.hcl\n@@ -1,3 +1,3 @@\n source "null" "a" {\n-communicator="none"\n+  communicator = "none"\n }\n',
    );
    expect(readFileSync(join(dir, "a.pkr.hcl"), "utf8")).toBe(UGLY);
  });

  it("reports a file that does not parse at file:line:col, leaves it, and formats the others; exit 1", async () => {
    const dir = workspace({ "a.pkr.hcl": UGLY, "bad.pkr.hcl": BAD });
    const r = await fmt(["."], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe("a.pkr.hcl\n");
    expect(r.err).toMatch(/^bad\.pkr\.hcl:2:7: error: .*expected an expression.*; the file is left unformatted\n$/);
    expect(readFileSync(join(dir, "bad.pkr.hcl"), "utf8")).toBe(BAD);
    expect(readFileSync(join(dir, "a.pkr.hcl"), "utf8")).toBe(PRETTY);
  });

  it("refuses a file that is not UTF-8, with the position of the first bad byte", async () => {
    const dir = workspace({});
    writeFileSync(join(dir, "l1.pkr.hcl"), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    const r = await fmt(["l1.pkr.hcl"], dir);
    expect(r).toEqual({ code: 1, out: "", err: "l1.pkr.hcl:1:6: error: the file is not valid UTF-8 (save it as UTF-8); the file is left unformatted\n" });
  });

  it("subdirectories only with -recursive; hidden and backup files never", async () => {
    const dir = workspace({ "sub/a.pkr.hcl": UGLY, ".hidden.pkr.hcl": UGLY, "b.pkr.hcl~": UGLY, "#c.pkr.hcl#": UGLY, "x.json": "{}", "d.pkr.hcl": UGLY });
    expect((await fmt(["-write=false", "."], dir)).out).toBe("d.pkr.hcl\n");
    expect((await fmt(["-write=false", "-recursive", "."], dir)).out).toBe("d.pkr.hcl\nsub/a.pkr.hcl\n");
  });

  it("a named file must be a Packer HCL2 file; a missing one is an error; the rest still run", async () => {
    const dir = workspace({ "t.json": "{}", "a.pkr.hcl": UGLY });
    const r = await fmt(["-check", "t.json", "gone.pkr.hcl", "a.pkr.hcl"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toBe("a.pkr.hcl\n");
    expect(r.err).toBe(
      "t.json: not a Packer HCL2 file: fmt formats *.pkr.hcl and *.pkrvars.hcl (JSON templates are left alone)\ngone.pkr.hcl: cannot read: no such file or directory\n",
    );
  });

  it("- formats standard input to standard output; -check - prints only formatted input, exit 3 otherwise", async () => {
    const dir = workspace({});
    expect(await fmt(["-"], dir, UGLY)).toEqual({ code: 0, out: PRETTY, err: "" });
    expect(await fmt(["-check", "-"], dir, UGLY)).toEqual({ code: 3, out: "", err: "" });
    expect(await fmt(["-check", "-"], dir, PRETTY)).toEqual({ code: 0, out: PRETTY, err: "" });
  });

  it("writes atomically: keeps the mode, leaves no temporary file, writes through a symlink", async () => {
    const dir = workspace({ "real/a.pkr.hcl": UGLY });
    chmodSync(join(dir, "real/a.pkr.hcl"), 0o640);
    symlinkSync("real/a.pkr.hcl", join(dir, "link.pkr.hcl"));
    expect((await fmt(["link.pkr.hcl"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "real/a.pkr.hcl"), "utf8")).toBe(PRETTY);
    expect(statSync(join(dir, "real/a.pkr.hcl")).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, "real"))).toEqual(["a.pkr.hcl"]);
  });

  it("a file it cannot write is an error (exit 1), and is left as it was", async () => {
    if (process.getuid?.() === 0) return; // root writes to read-only directories anyway
    const dir = workspace({ "ro/a.pkr.hcl": UGLY });
    chmodSync(join(dir, "ro"), 0o555);
    const r = await fmt(["ro/a.pkr.hcl"], dir);
    chmodSync(join(dir, "ro"), 0o755);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^ro\/a\.pkr\.hcl: cannot write the formatted file: /);
    expect(readFileSync(join(dir, "ro/a.pkr.hcl"), "utf8")).toBe(UGLY);
  });
});

describe("fmt flags (Go's flag package, as Packer parses them)", () => {
  it("one or two dashes, -flag=value booleans, flags before the paths", () => {
    expect(parseFlags(["-check", "--diff", "-write=false", "-recursive=1", "a", "-b"])).toEqual({
      check: true,
      diff: true,
      write: false,
      recursive: true,
      paths: ["a", "-b"],
    });
    expect(parseFlags(["--", "-x.pkr.hcl"])).toMatchObject({ paths: ["-x.pkr.hcl"] });
    expect(parseFlags(["-help"])).toBe("help");
  });

  it("usage errors: no path, an unknown flag, a bad boolean (exit 2)", async () => {
    const dir = workspace({});
    for (const [argv, msg] of [
      [[], "give one or more files or directories"],
      [["-fix", "."], "unknown flag -fix"],
      [["-write=no", "."], 'invalid boolean value "no" for -write'],
    ] as const) {
      const r = await fmt([...argv], dir);
      expect(r.code).toBe(2);
      expect(r.err).toContain(msg);
      // One line: what is wrong, and where the options are (not the whole help).
      expect(r.err).toContain("--help lists the options");
      expect(r.err.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("invalidUtf8At", () => {
  it("finds overlong, surrogate, truncated and stray bytes", () => {
    const at = (...b: number[]) => invalidUtf8At(Uint8Array.from(b));
    expect(at(0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x91, 0x8d)).toBe(-1);
    expect(at(0x61, 0xc0, 0x80)).toBe(1);
    expect(at(0xed, 0xa0, 0x80)).toBe(0);
    expect(at(0x61, 0xe2, 0x82)).toBe(1);
    expect(at(0x80)).toBe(0);
  });
});

describe("unifiedDiff", () => {
  const gnu = spawnSync("diff", ["--version"]).status === 0;
  const samples: Array<[string, string]> = [
    ["a\nb\nc\n", "a\nB\nc\n"],
    [Array.from({ length: 30 }, (_, i) => `l${i}\n`).join(""), Array.from({ length: 30 }, (_, i) => (i % 9 === 4 ? `L${i}\n` : `l${i}\n`)).join("")],
    ["x = 1\ny = 2", "x = 1\ny  = 2"],
    ["one\n", "one"],
    ["a\na\nb\n", "a\nb\nb\n"],
  ];

  it.skipIf(!gnu)("is byte for byte diff -u's output (diff installed)", () => {
    const dir = mkdtempSync(join(tmpdir(), "fmt-diff-"));
    samples.forEach(([a, b], i) => {
      writeFileSync(join(dir, "a"), a);
      writeFileSync(join(dir, "b"), b);
      const r = spawnSync("diff", ["--label=old/f", "--label=new/f", "-u", join(dir, "a"), join(dir, "b")], { encoding: "utf8" });
      expect(unifiedDiff(a, b, "f"), `sample ${i}`).toBe(r.stdout);
    });
  });

  it("replaces a block whole when it differs everywhere (bounded memory)", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}\n`).join("");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}\n`).join("");
    const d = unifiedDiff(a, b, "f").split("\n");
    expect(d[2]).toBe("@@ -1,3000 +1,3000 @@");
    expect(d.filter((l) => l.startsWith("-a")).length).toBe(3000);
    expect(d.filter((l) => l.startsWith("+b")).length).toBe(3000);
  });

  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\n", "a\n", "f")).toBe("");
  });
});
