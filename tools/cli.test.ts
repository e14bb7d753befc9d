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
    expect(io.err.join("")).toContain('cli: unknown command "valdiate"');
    expect(io.err.join("")).toContain("  cache-bust ");
    const inherited = captureIo("/");
    expect(await run(["constructor"], inherited)).toBe(2);
    expect(inherited.err.join("")).toContain('cli: unknown command "constructor"');
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
