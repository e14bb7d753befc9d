/**
 * Packer core's own checks against the pinned Packer source, when it is present:
 *
 *   npx vitest run tools/maintainer/checks/core.test.ts    check (one line says what is skipped when the source is absent)
 *   npm run gen:checks                                    rewrite the core block of tools/lib/validate/checks/README.md
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "../../lib/validate/rules/index.ts";
import { GitSources, PINS, defaultRoot, missingSources } from "../../lib/validate/schemas/gen.ts";
import { coreProblems, coreSites, renderCore, type CoreSite } from "./core.ts";
import { CORE_SITES } from "./core-sites.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, "..", "..", "..");
const README = join(REPO, "tools", "lib", "validate", "checks", "README.md");
const WRITE = process.env["GEN_CHECKS"] === "write";
const sources = new GitSources(defaultRoot(REPO));
const pin = PINS.find((p) => p.plugin === "packer")!;
const missing = missingSources(sources, [pin]);
if (missing.length) console.log(`core checks: skipped the list of Packer core's checks: source missing: ${missing.join("; ")}`);

describe.skipIf(missing.length > 0)("Packer core's own checks against the pinned source", () => {
  let read: CoreSite[] | undefined;
  const sites = (): CoreSite[] => (read ??= coreSites(sources, pin).sites);

  it("reads the sites of the validate path", () => {
    // A few known sites, as a check of the reader itself.
    const keys = new Set(sites().map((s) => `${s.path}:${s.line} ${s.message}`));
    expect(keys).toContain("hcl2template/types.build.provisioners.go:147 Failed to parse pause_before duration");
    expect(keys).toContain(
      "hcl2template/types.build.hcp_packer_registry.go:68 hcp_packer_registry.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens",
    );
    expect(sites().find((s) => s.path.endsWith("formatter.go"))).toBeUndefined();
  });

  it("every site has an entry in core-sites.ts, and every entry is a site and names rules that exist", () => {
    expect(coreProblems(sites(), CORE_SITES, new Set(RULES.map((r) => r.id)))).toEqual([]);
  });

  it("the README's core block is what the source and the entries give", () => {
    const block = renderCore(sites(), CORE_SITES, pin);
    const readme = readFileSync(README, "utf8");
    const re = /(<!-- core:start -->\n)[\s\S]*?(\n<!-- core:end -->)/;
    if (!re.test(readme)) expect.fail(`${relative(REPO, README)} has no <!-- core:start --> ... <!-- core:end --> block`);
    const next = readme.replace(re, (_m, a: string, b: string) => a + block + b);
    if (WRITE) writeFileSync(README, next);
    else if (next !== readme) expect.fail(`${relative(REPO, README)}: the core block is stale; run npm run gen:checks`);
  });
});
