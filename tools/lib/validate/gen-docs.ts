/**
 * Regenerate docs/rules.md from the rules' metadata:
 *   node tools/lib/validate/gen-docs.ts          (write)
 *   node tools/lib/validate/gen-docs.ts --check  (exit 1 when stale)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { DOCS_PATH, REGENERATE, rulesMarkdown } from "./docs.ts";

export function repoRoot(): string {
  return resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
}

if (import.meta.main) {
  const target = resolve(repoRoot(), DOCS_PATH);
  const text = rulesMarkdown();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      process.stderr.write(`${DOCS_PATH} is stale; run: ${REGENERATE}\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${DOCS_PATH}\n`);
  }
}
