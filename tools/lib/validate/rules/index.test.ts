import { readFileSync, readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "./index.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

describe("the rule registry", () => {
  it("lists every rule module once; each file is named by the rule's id and name", () => {
    const files = readdirSync(HERE)
      .filter((f) => /^[a-z]+-\d\d-[a-z0-9-]+\.ts$/.test(f) && !f.endsWith(".test.ts"))
      .sort();
    expect(RULES.map((r) => `${r.id.toLowerCase()}-${r.name}.ts`).sort()).toEqual(files);
  });
  it("every rule that can report an error says what the error rests on (docs.evidence)", () => {
    // A warning rule can report an error too, when a finding sets `severity: "error"`.
    const reportsErrors = (id: string): boolean => {
      const file = readdirSync(HERE).find((f) => f.startsWith(`${id.toLowerCase()}-`) && !f.endsWith(".test.ts"))!;
      return /severity:\s*"error"/.test(readFileSync(`${HERE}/${file}`, "utf8").replace(/^\s*severity:\s*"error",\s*$/m, ""));
    };
    const lacking = RULES.filter((r) => (r.severity === "error" || reportsErrors(r.id)) && !r.docs.evidence?.trim()).map((r) => r.id);
    expect(lacking).toEqual([]);
  });
  it("names are kebab-case and unique", () => {
    for (const r of RULES) expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });
});
