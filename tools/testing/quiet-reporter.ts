/**
 * vitest's default reporter, saying only what needs reading: failures (with their output) and
 * the summary. No banner, no line per passing file, no list of slow tests; the output of
 * passing tests is dropped by `silent: "passed-only"` in vitest.config.ts.
 */
import type { TestModule, Vitest } from "vitest/node";
import { DefaultReporter } from "vitest/reporters";

export default class QuietReporter extends DefaultReporter {
  override onInit(ctx: Vitest): void {
    const banner = ctx.logger.printBanner;
    ctx.logger.printBanner = () => {};
    try {
      super.onInit(ctx);
    } finally {
      ctx.logger.printBanner = banner;
    }
  }

  protected override printTestModule(testModule: TestModule): void {
    if (testModule.state() === "failed") super.printTestModule(testModule);
  }
}
