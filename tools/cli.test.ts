import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "./cli.ts";
import { captureIo } from "./lib/io.ts";

describe("cli", () => {
  test("no command: usage on stderr, exit 2; --help: usage on stdout, exit 0", async () => {
    const none = captureIo("/");
    expect(await run([], none)).toBe(2);
    expect(none.err.join("")).toContain("usage: cli <command> [options]");
    const help = captureIo("/");
    expect(await run(["--help"], help)).toBe(0);
    expect(help.out.join("")).toMatch(/commands:\n {2}validate +check Packer HCL2 templates/);
  });

  test("an unknown command names itself and lists the commands, exit 2", async () => {
    const io = captureIo("/");
    expect(await run(["valdiate"], io)).toBe(2);
    expect(io.err.join("")).toBe(
      'cli: unknown command "valdiate"; did you mean validate? (the commands are validate, fmt, build, cache-bust, canary, lock; cli --help describes them)\n',
    );
    const inherited = captureIo("/");
    expect(await run(["constructor"], inherited)).toBe(2);
    expect(inherited.err.join("")).toContain('cli: unknown command "constructor"');
  });

  test("--version prints rules_packer's and Node.js's versions, and Packer's when given", async () => {
    const io = captureIo("/");
    expect(await run(["--version"], io)).toBe(0);
    expect(io.out.join("")).toMatch(/^rules_packer \d+\.\d+\.\d+\nNode\.js v[\d.]+\n$/);
    const withPacker = captureIo("/");
    expect(await run(["--version", "--packer-version", "1.6.6"], withPacker)).toBe(0);
    expect(withPacker.out.join("")).toMatch(/\nPacker 1\.6\.6\n$/);
  });

  test("help COMMAND prints that command's help", async () => {
    const io = captureIo("/");
    expect(await run(["help", "validate"], io)).toBe(0);
    expect(io.out.join("")).toContain("usage: validate [options] FILES...");
  });

  test("--chdir takes relative paths from another directory; without a directory it is a usage error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    writeFileSync(join(dir, "ok.pkr.hcl"), 'source "null" "x" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.x"]\n}\n');
    const io = captureIo("/");
    expect(await run(["--chdir", dir, "validate", "--no-color", "ok.pkr.hcl"], io)).toBe(0);
    expect(io.out.join("")).toContain("0 errors");
    const bad = captureIo("/");
    expect(await run(["--chdir"], bad)).toBe(2);
    expect(bad.err.join("")).toContain("--chdir needs a directory");
  });
});
