/** The code-cache loader's entry point (see code-cache.ts); Bazel bundles it as `<stem>.cjs`. */
import process from "node:process";
import { startCached } from "./code-cache.ts";

startCached(process.argv[1] ?? "", process.argv.slice(2), process.env, (text) => process.stderr.write(text)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
