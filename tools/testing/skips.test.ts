import { describe, expect, it } from "vitest";
import { skipSummary } from "./global-setup.ts";

describe("the skip summary", () => {
  it("is one line for all skipped checks, counting repeats, with a reason each", () => {
    const line = skipSummary([
      { check: "schemas", reason: "sources missing: a" },
      { check: "funcs", reason: "missing under /m: go-cty-yaml" },
      { check: "schemas", reason: "sources missing: b" },
    ]);
    expect(line).toBe("skipped for want of what they need on this machine: schemas ×2 (e.g. sources missing: a); funcs (missing under /m: go-cty-yaml)");
    expect(line).not.toContain("\n");
  });

  it("is nothing when nothing was skipped", () => {
    expect(skipSummary([])).toBeUndefined();
  });
});
