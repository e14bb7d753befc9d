/**
 * The committed base-image data against what generate.ts makes from the pinned sources, when they
 * are present ($BASE_IMAGE_SOURCES, else ../.mirror beside the checkout).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATA_PATH, REGENERATE, generate, missingSources, sourcesRoot } from "./generate.ts";

const root = sourcesRoot();
const missing = missingSources(root);
if (missing.length) console.warn(`base-images/generate.test.ts: skipped, sources missing under ${root} (set BASE_IMAGE_SOURCES): ${missing.join(", ")}`);

describe("base-image data (tools/lib/validate/rules/utils/base-images/data.ts)", () => {
  it.skipIf(missing.length > 0)("matches what generate.ts makes from the sources", () => {
    expect(readFileSync(DATA_PATH, "utf8"), `data.ts is stale; run \`${REGENERATE}\``).toBe(generate(root));
  });
});
