import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { isTerminal, writeFd } from "./io.ts";

test("writeFd writes all of a large text, UTF-8 encoded", () => {
  const path = join(mkdtempSync(join(tmpdir(), "io-")), "out.txt");
  const fd = openSync(path, "w");
  const text = "caf\u00e9 \u2026 ".repeat(200_000);
  writeFd(fd, text);
  closeSync(fd);
  expect(readFileSync(path, "utf8")).toBe(text);
});

test("writeFd stops quietly when the reader has gone (EPIPE), as `validate ... | head -c 1` needs", () => {
  // A child writes 4 MiB to a pipe whose reader exits after one byte. vite-node (vitest's own
  // runner) runs the TypeScript on any Node.js this repository supports.
  const dir = mkdtempSync(join(tmpdir(), "io-"));
  const script = join(dir, "write.ts");
  writeFileSync(
    script,
    `import { writeFd } from ${JSON.stringify(join(import.meta.dirname, "io.ts"))};\nwriteFd(1, "x".repeat(4 << 20));\nwriteFd(2, "done\\n");\n`,
  );
  const viteNode = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "vite-node");
  const child = spawnSync("sh", ["-c", `"${viteNode}" "${script}" | head -c 1; echo " $?"`], { encoding: "utf8", cwd: dir });
  expect(child.stdout).toBe("x 0\n");
  expect(child.stderr).toContain("done");
  expect(child.stderr).not.toContain("EPIPE");
}, 30_000);

test("isTerminal: files and pipes are not, without asking the tty module", () => {
  const path = join(mkdtempSync(join(tmpdir(), "io-")), "f");
  const fd = openSync(path, "w");
  const asked: number[] = [];
  expect(isTerminal(fd, (n) => (asked.push(n), true))).toBe(false);
  closeSync(fd);
  // A character device may be a terminal: then the tty module decides (/dev/null is not one).
  const devnull = openSync("/dev/null", "w");
  expect(isTerminal(devnull, (n) => (asked.push(n), false))).toBe(false);
  expect(asked).toEqual([devnull]);
  closeSync(devnull);
  expect(isTerminal(devnull, () => true)).toBe(false);
});
