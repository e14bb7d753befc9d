/**
 * Checks that need what a machine may lack skip without it: generators' freshness checks the
 * upstream sources they read, differential tests a real Packer. Each skip is recorded here, and
 * `npm test` prints one line for all of them at the end (tools/testing/global-setup.ts) instead
 * of one line per check. Outside that setup (a test file run another way) a skip says itself.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";

export const SKIPS_DIR_ENV = "RULES_PACKER_TEST_SKIPS";

/** Records that `check` is skipped, and why (what it needs and did not find). */
export function skipCheck(check: string, reason: string): void {
  const dir = process.env[SKIPS_DIR_ENV];
  if (dir) appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ check, reason })}\n`);
  else console.warn(`${check}: skipped: ${reason}`);
}
