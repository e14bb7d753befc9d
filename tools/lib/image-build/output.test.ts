import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Rewriter, runfilesReplacements } from "./output.ts";

const RF = "/out/bin/images/runner.sh.runfiles";
const PATH = `${RF}/_main/images/runner.pkr.hcl`;

function collect(holdMs = 50) {
  const writes: string[] = [];
  return { writes, rw: new Rewriter(runfilesReplacements(RF), (t) => writes.push(t), holdMs) };
}

describe("Rewriter", () => {
  test("a runfiles path becomes the workspace path, wherever the chunks split it", () => {
    const text = `Error: Unsupported argument\n\n  on ${PATH} line 31:\n${PATH}:10,5-10: x\n`;
    const want = text.split(`${RF}/_main/`).join("");
    for (let cut = 0; cut <= text.length; cut += 7) {
      const { writes, rw } = collect();
      rw.push(text.slice(0, cut));
      rw.push(text.slice(cut));
      rw.flush();
      expect(writes.join("")).toBe(want);
    }
  });

  test("text that cannot start a path is written at once; a possible start waits for the rest", () => {
    const { writes, rw } = collect();
    rw.push("==> null.a: Running local shell script\n==> progress 10%\r");
    expect(writes.join("")).toBe("==> null.a: Running local shell script\n==> progress 10%\r");
    rw.push(`on ${RF.slice(0, 12)}`);
    expect(writes.join("")).toBe("==> null.a: Running local shell script\n==> progress 10%\ron ");
    rw.push(`${RF.slice(12)}/_main/a.pkr.hcl\n`);
    expect(writes.join("")).toContain("on a.pkr.hcl\n");
    rw.flush();
  });

  test("a held tail (a prompt) is written after the hold time without more output", async () => {
    const { writes, rw } = collect(20);
    rw.push("Continue? /");
    expect(writes.join("")).toBe("Continue? ");
    await new Promise((r) => setTimeout(r, 60));
    expect(writes.join("")).toBe("Continue? /");
  });

  test("UTF-8 split across chunks is decoded whole", () => {
    const { writes, rw } = collect();
    const bytes = Buffer.from("é ✓\n", "utf8");
    for (const b of bytes) rw.push(Buffer.from([b]));
    rw.flush();
    expect(writes.join("")).toBe("é ✓\n");
  });

  test("no runfiles directory: nothing to replace", () => {
    expect(runfilesReplacements(undefined)).toEqual([]);
    const writes: string[] = [];
    const rw = new Rewriter([], (t) => writes.push(t));
    rw.push(`${PATH}\n`);
    rw.flush();
    expect(writes.join("")).toBe(`${PATH}\n`);
  });

  test("the runfiles directory through a symbolic link and resolved", () => {
    const dir = mkdtempSync(join(tmpdir(), "rewrite-"));
    mkdirSync(join(dir, "real"));
    symlinkSync(join(dir, "real"), join(dir, "link"));
    const froms = runfilesReplacements(join(dir, "link")).map(([from]) => from);
    expect(froms.sort()).toEqual([`${join(dir, "link")}/_main/`, `${join(dir, "real")}/_main/`].sort());
  });
});
