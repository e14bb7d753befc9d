/** The rewrite generator's own behaviour: what each rewrite writes, and that the check catches a change of meaning. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCaptured } from "../../lib/io.ts";
import { main } from "./main.ts";
import { memoryFs } from "../../lib/validate/tester/testing-fs.ts";
import { REWRITES, rewriteUnit } from "./run.ts";
import { editUnit, findSites, parseUnit } from "./sites.ts";
import { check, errorCounts, newErrors, type Unit } from "./unit.ts";
import { getAttribute, staticValue } from "../../lib/hcl/ast.ts";
import { ruleSet } from "../../lib/validate/engine/engine.ts";
import { RULES } from "../../lib/validate/rules/index.ts";
import type { Rule } from "../../lib/validate/types.ts";

function unit(text: string, extra: Partial<Unit> = {}): Unit {
  return { name: "t", templates: [{ path: "t.pkr.hcl", text }], varFiles: [], vars: [], env: {}, fs: memoryFs({}), ...extra };
}

function rewrite(kind: string, u: Unit): Unit {
  const rw = REWRITES.find((r) => r.kind === kind)!;
  const parsed = parseUnit(u)!;
  return rw.apply(
    u,
    parsed,
    rw.targets(u, parsed, findSites(parsed)).map((t) => t.data),
  );
}

const NULL_BUILD = 'source "null" "a" {\n  communicator = "none"\n}\n\n';

describe("value rewrites", () => {
  const heredoc = `${NULL_BUILD}build {\n  sources = ["source.null.a"]\n  provisioner "shell-local" {\n    inline = [<<EOT\necho hi\nEOT\n    ]\n    environment_vars = ["A=1"]\n  }\n}\n`;

  it("write what they say, and a heredoc keeps the newline its closing marker needs", () => {
    const u = unit(heredoc);
    expect(rewrite("try", u).templates[0]!.text).toContain('environment_vars = try(["A=1"], null)');
    expect(rewrite("conditional", u).templates[0]!.text).toContain('communicator = (true ? "none" : null)');
    expect(rewrite("conditional", u).templates[0]!.text).toContain("sources = (false ? null : [");
    expect(rewrite("for", u).templates[0]!.text).toContain('environment_vars = [for rw in ["A=1"] : rw]');
    expect(rewrite("concat", u).templates[0]!.text).toContain('sources = concat(["source.null.a"], [])');
    expect(rewrite("coalescelist", u).templates[0]!.text).toContain('environment_vars = coalescelist([], ["A=1"])');
    expect(rewrite("local", u).templates[0]!.text).toMatch(/locals \{\n {2}rw_local_\d+ = \[<<EOT\necho hi\nEOT\n {4}\]\n\}/);
    const viaFile = rewrite("var-file", u);
    expect(viaFile.varFiles).toEqual([{ path: "rewrites.pkrvars.hcl", text: expect.stringContaining('= ["A=1"]\n') }]);
    expect(viaFile.templates[0]!.text).toMatch(/environment_vars = var\.rw_varfile_\d+/);
    expect(rewrite("map-lookup", u).templates[0]!.text).toMatch(/environment_vars = lookup\(local\.rw_map_1, "k\d+", \[\]\)/);
    for (const r of REWRITES) expect(parseUnit(rewrite(r.kind, u)), r.kind).toBeDefined();
  });

  it("string-template wraps quoted strings only; coalesce leaves out null and empty strings", () => {
    const u = unit(`${NULL_BUILD}build {\n  name = "b"\n  description = ""\n  sources = ["source.null.a"]\n}\n`);
    const sites = (kind: string) =>
      REWRITES.find((r) => r.kind === kind)!
        .targets(u, parseUnit(u)!, findSites(parseUnit(u)!))
        .map((t) => t.where);
    expect(sites("string-template")).toEqual(["source.null.a/communicator", "build/name", "build/description"]);
    expect(sites("coalesce")).toEqual(["source.null.a/communicator", "build/name"]);
  });

  it("leave a line an inline suppression covers alone", () => {
    const u = unit(`${NULL_BUILD}build {\n  # packer-validate: ignore SRC-01 a reason\n  sources = ["source.null.a"]\n  name = "b"\n}\n`);
    expect(findSites(parseUnit(u)!).map((s) => s.where)).toEqual(["source.null.a/communicator", "build/name"]);
  });
});

describe("structure rewrites", () => {
  const text =
    `# about a\n${NULL_BUILD}variable "only" {\n  default = ["null.a"]\n}\n\nbuild {\n  sources = ["sources.null.a"]\n  source "null.a" {\n    name = "x"\n  }\n` +
    `  provisioner "shell-local" {\n    inline = ["true"]\n    only   = var.only\n  }\n}\n`;

  it("rename-source follows every reference: prefixes Packer ignores, build-level sources, only lists from variables, var files, -var values", () => {
    const u = unit(text, { varFiles: [{ path: "v.pkrvars.hcl", text: 'only = ["null.a"]\n' }], vars: [{ name: "only", value: '["null.a"]' }] });
    const r = rewrite("rename-source", u);
    expect(r.templates[0]!.text).toContain('source "null" "arw" {');
    expect(r.templates[0]!.text).toContain('sources = ["sources.null.arw"]');
    expect(r.templates[0]!.text).toContain('source "null.arw" {');
    expect(r.templates[0]!.text).toContain('default = ["null.arw"]');
    expect(r.varFiles[0]!.text).toBe('only = ["null.arw"]\n');
    expect(r.vars).toEqual([{ name: "only", value: '["null.arw"]' }]);
  });

  it("rename-source leaves a source alone when a reference to it is built by interpolation", () => {
    const u = unit(`${NULL_BUILD}locals {\n  s = ["source.null.\${"a"}"]\n}\nbuild {\n  sources = local.s\n}\n`);
    expect(REWRITES.find((r) => r.kind === "rename-source")!.targets(u, parseUnit(u)!, [])).toEqual([]);
  });

  it("split-file and reorder-blocks keep each block's comments with it", () => {
    const split = rewrite("split-file", unit(text));
    expect(split.templates.map((f) => f.path)).toEqual(["t-decl.pkr.hcl", "t-build.pkr.hcl"]);
    expect(split.templates[0]!.text.startsWith('# about a\nsource "null" "a"')).toBe(true);
    expect(split.templates[1]!.text.trimStart().startsWith("build {")).toBe(true);
    const reordered = rewrite("reorder-blocks", unit(text)).templates[0]!.text;
    expect(reordered.indexOf("build {")).toBeLessThan(reordered.indexOf('variable "only"'));
    expect(reordered).toContain('# about a\nsource "null" "a"');
  });
});

describe("the check", () => {
  it("finds the error a change of meaning brings: a source renamed without its references", () => {
    const u = unit(`${NULL_BUILD}build {\n  sources = ["source.null.a"]\n}\n`);
    expect(check(u).filter((f) => f.severity === "error")).toEqual([]);
    const label = parseUnit(u)![0]!.body.blocks[0]!.labels[1]!;
    const broken = editUnit(u, [{ file: 0, start: label.range.start.offset, end: label.range.end.offset, text: '"b"' }]);
    expect(newErrors(errorCounts(check(u)), check(broken)).map((f) => f.rule)).toEqual(["SRC-01"]);
  });

  it("rewriteUnit names the site that brings a new error", () => {
    // A rule that reads `communicator` only when it is written as a literal: the kind of mistake
    // the generator exists to find. Moving the value into a local must be named as the culprit.
    const literalOnly: Rule = {
      id: "TST-01",
      name: "literal-communicator",
      severity: "error",
      docs: { summary: "", why: "", fix: "" },
      check: (ctx) =>
        [...ctx.sources.values()].flat().flatMap((d) => {
          const a = getAttribute(d.block.body, "communicator");
          return a && staticValue(a.expr) === undefined ? [{ file: d.file, at: a.expr.range.start, message: "communicator is not a literal" }] : [];
        }),
    };
    const result = rewriteUnit(
      unit('source "null" "w" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.w"]\n}\n', {
        rules: ruleSet([literalOnly], [...RULES, literalOnly]),
      }),
      { only: new Set(["local"]) },
    );
    expect(result.kinds[0]!.newErrors.map((f) => `${f.rule} ${f.message}`)).toEqual(["TST-01 communicator is not a literal"]);
    expect(result.kinds[0]!.culprits.map((c) => c.where)).toEqual(["source.null.w/communicator"]);
  });
});

describe("npm run rewrites", () => {
  it("rewrites the clean units under a folder, skips one with errors, and counts templates × rewrites and new errors", async () => {
    const root = mkdtempSync(join(tmpdir(), "rewrites-"));
    mkdirSync(join(root, "r/ok"), { recursive: true });
    mkdirSync(join(root, "r/bad"), { recursive: true });
    writeFileSync(join(root, "r/ok/t.pkr.hcl"), `${NULL_BUILD}build {\n  name    = "b"\n  sources = ["source.null.a"]\n}\n`);
    writeFileSync(join(root, "r/bad/t.pkr.hcl"), `${NULL_BUILD}build {\n  name    = var.missing\n  sources = ["source.null.a"]\n}\n`);
    const { code, out } = await runCaptured(main, ["--json", "out.json", "r"], root);
    expect(code).toBe(0);
    expect(out).toMatch(
      /^== 1 templates × 14 rewrite kinds: 14 template-rewrites applied \(\d+ sites\); at least 10 kinds applied to 1 templates; 1 templates skipped\n/,
    );
    expect(out).toContain("== new errors per rule and rewrite kind: 0\n");
    expect(out).toContain("skipped r/bad: 1 errors as it is");
    const results = JSON.parse(readFileSync(join(root, "out.json"), "utf8")) as Array<{ unit: string; kinds: unknown[] }>;
    expect(results.map((r) => [r.unit, r.kinds.length])).toEqual([
      ["r/bad", 0],
      ["r/ok", 14],
    ]);
    expect((await runCaptured(main, ["--kind", "nope", "r"], root)).code).toBe(2);
  });
});
