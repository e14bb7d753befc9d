/**
 * vitest's global setup: a folder where skipped checks are recorded (tools/testing/skips.ts),
 * and at the end one line that sums them up.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SKIPS_DIR_ENV } from "./skips.ts";

/** One line for all skips: `checks skipped, ...: schemas ×49 (sources missing), ...`. */
export function skipSummary(records: Array<{ check: string; reason: string }>): string | undefined {
  if (records.length === 0) return undefined;
  const counts = new Map<string, { n: number; reason: string }>();
  for (const r of records) {
    const c = counts.get(r.check);
    if (c) c.n++;
    else counts.set(r.check, { n: 1, reason: r.reason });
  }
  const list = [...counts].map(([check, { n, reason }]) => `${check}${n > 1 ? ` ×${n}` : ""} (${n > 1 ? "e.g. " : ""}${reason})`).join("; ");
  return `skipped for want of what they need on this machine: ${list}`;
}

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "rules-packer-skips-"));
  process.env[SKIPS_DIR_ENV] = dir;
  return () => {
    const records = readdirSync(dir).flatMap((f) =>
      readFileSync(join(dir, f), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { check: string; reason: string }),
    );
    rmSync(dir, { recursive: true, force: true });
    const line = skipSummary(records);
    if (line) console.log(line);
  };
}
