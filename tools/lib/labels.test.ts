import { describe, expect, it } from "vitest";
import { toolLabel } from "./labels.ts";

describe("toolLabel", () => {
  it("names the target as rules_packer's own workspace does", () => {
    expect(toolLabel("cli", "/home/u/rules_packer/bazel-bin/tools/cli.sh.runfiles/_main/tools/cli.js")).toBe("//tools:cli");
    expect(toolLabel("cache_bust", "/work/main/tools/cli.ts")).toBe("//tools:cache_bust");
  });
  it("names it from a repository that depends on rules_packer (Bazel 7 and 8 runfiles, external/)", () => {
    expect(toolLabel("cli", "/x/bazel-bin/tools/cli.sh.runfiles/rules_packer~/tools/cli.js")).toBe("@rules_packer//tools:cli");
    expect(toolLabel("cli", "/x/execroot/_main/bazel-out/bin/foo.runfiles/rules_packer+/tools/cli.js")).toBe("@rules_packer//tools:cli");
    expect(toolLabel("cache_bust", "/x/execroot/_main/external/rules_packer/tools/cli.js")).toBe("@rules_packer//tools:cache_bust");
  });
});
