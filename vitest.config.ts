import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tools/**/*.test.ts"],
    testTimeout: 60_000,
    // Only failures and the summary: passing tests' output is dropped, skipped checks are summed
    // up in one line at the end (tools/testing/skips.ts).
    reporters: ["./tools/testing/quiet-reporter.ts"],
    silent: "passed-only",
    globalSetup: ["tools/testing/global-setup.ts"],
  },
});
