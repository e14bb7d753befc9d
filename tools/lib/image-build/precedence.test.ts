/**
 * `bazel run` (the build plan and its --dry-run) and `bazel test` (the validator) give every
 * variable the same value: both take Packer's precedence from the template model
 * (suppliedValues) and compute values with the validator's model. Here a build sets each
 * variable from a different place, the target's `vars` override CACHE_BUST, and the two sides
 * are compared variable by variable.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseHcl } from "../hcl/parser.ts";
import { dirOf, type ParsedFile } from "../template/model.ts";
import { buildContext } from "../validate/model/context.ts";
import { hclText } from "../validate/model/cty.ts";
import { makeScope } from "../validate/model/values.ts";
import { memoryFs } from "../validate/tester/testing-fs.ts";
import { planBuild, type BuildOptions } from "./plan.ts";

const FILES: Record<string, string> = {
  "img/a.pkr.hcl": [
    'variable "cache_bust" {\n  type = string\n}',
    'variable "count" {\n  type    = number\n  default = 2\n}',
    'variable "flag" {\n  type    = bool\n  default = false\n}',
    'variable "untyped" {\n  default = 5\n}',
    'variable "anything" {\n  type    = any\n  default = 5\n}',
    'variable "name" {\n  default = "x"\n}',
    'variable "zones" {\n  type    = list(string)\n  default = []\n}',
    'variable "tags" {\n  type    = map(string)\n  default = { team = "ci" }\n}',
  ].join("\n"),
  "img/b.pkr.hcl": [
    'variable "from_env" {\n  type = string\n}',
    'variable "from_json" {\n  type    = number\n  default = 0\n}',
    'variable "computed" {\n  type    = string\n  default = env("HOME")\n}',
    'source "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n}',
  ].join("\n"),
  "img/z.auto.pkrvars.hcl": 'count = 3\nname  = "auto"\n',
  "prod.pkrvars.hcl": 'name  = "prod"\nzones = ["a", "b"]\n',
  "x.pkrvars.json": '{"from_json": 7, "tags": {"team": "build", "tier": 1}}',
};
const ENV = { PKR_VAR_from_env: "e", PKR_VAR_count: "9", PKR_VAR_untyped: "4" };
const VARS: Array<[string, string]> = [
  ["cache_bust", "target"],
  ["flag", "true"],
  ["untyped", "6"],
  ["anything", "7"],
];

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "precedence-"));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function plan() {
  const opts: BuildOptions = {
    packer: "packer",
    templates: ["img/a.pkr.hcl", "img/b.pkr.hcl"],
    vars: VARS,
    varFiles: ["prod.pkrvars.hcl", "x.pkrvars.json"],
    cacheBustVar: "cache_bust",
    cacheBust: "001",
    only: [],
    except: [],
    env: [],
    packerArgs: [],
    dryRun: true,
  };
  return planBuild(opts, workspace(), ENV);
}

/** The validator's view of the same build: what `bazel test` hands it. */
function validatorValues(): Map<string, string | undefined> {
  const file = (path: string, role: "template" | "varfile", extra: Partial<ParsedFile> = {}): ParsedFile => {
    const text = FILES[path]!;
    const json = path.endsWith(".json") ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const { body, diagnostics } = parseHcl(json ? "" : text, path);
    return { path, dir: dirOf(path), text, body, diagnostics, role, ...(json ? { json } : {}), ...extra };
  };
  const templates = [file("img/a.pkr.hcl", "template"), file("img/b.pkr.hcl", "template")];
  const varFiles = [
    file("img/z.auto.pkrvars.hcl", "varfile", { auto: true, positional: true }),
    file("prod.pkrvars.hcl", "varfile"),
    file("x.pkrvars.json", "varfile"),
  ];
  const options = { vars: VARS.map(([name, value]) => ({ name, value })), cacheBustVar: "cache_bust", cacheBust: "001", env: ENV };
  const ctx = buildContext(templates, varFiles, options, memoryFs(FILES), parseHcl);
  const scope = makeScope(ctx);
  return new Map([...ctx.variables.keys()].map((n) => [n, hclText(scope.variable(n))]));
}

describe("one precedence of variable values for bazel run and bazel test", () => {
  const p = plan();
  const shown = new Map(p.resolved.map((r) => [r.name, r]));

  it("gives each variable the value Packer would receive, from where Packer takes it", () => {
    const want: Record<string, [string, string]> = {
      cache_bust: ['"target"', "vars"], // the target's own vars override CACHE_BUST
      count: ["3", "img/z.auto.pkrvars.hcl"], // an auto var file over PKR_VAR_count; a number, unquoted
      flag: ["true", "vars"],
      untyped: ["6", "vars"], // typed by its default: a number
      anything: ["7", "vars"], // `any` is typed by its default too
      name: ['"prod"', "prod.pkrvars.hcl"], // -var-file over the auto var file
      zones: ['["a", "b"]', "prod.pkrvars.hcl"],
      tags: ['{ team = "build", tier = "1" }', "x.pkrvars.json"], // converted to map(string)
      from_env: ['"e"', "PKR_VAR_from_env"],
      from_json: ["7", "x.pkrvars.json"],
      computed: ["(computed default)", "default"], // env() at build time is not known here
    };
    for (const [name, [value, source]] of Object.entries(want)) {
      expect(shown.get(name), name).toMatchObject({ value, source });
    }
    expect(p.resolved.map((r) => r.name).sort()).toEqual(Object.keys(want).sort());
  });

  it("agrees with the validator for every variable", () => {
    const v = validatorValues();
    expect([...v.keys()].sort()).toEqual([...shown.keys()].sort());
    for (const [name, value] of v) {
      if (value === undefined) expect(shown.get(name)!.value, name).toBe("(computed default)");
      else expect(shown.get(name)!.value, name).toBe(value);
    }
  });

  it("passes the cache bust before the target's -var flags, so Packer applies the same precedence", () => {
    const flags = p.build.filter((_, i) => p.build[i - 1] === "-var");
    expect(flags).toEqual(["cache_bust=001", "cache_bust=target", "flag=true", "untyped=6", "anything=7"]);
  });
});
