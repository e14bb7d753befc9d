import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCaptured } from "../../lib/io.ts";
import { filesAreSeparate, findUnits, main } from "./corpus.ts";

const NULL_SOURCE = 'source "null" "x" {\n  communicator = "none"\n}\n';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "corpus-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("corpus units", () => {
  test("files that use each other's declarations are one directory unit", () => {
    expect(filesAreSeparate([`variable "v" {\n  type = string\n}\n${NULL_SOURCE}`, 'build {\n  name = var.v\n  sources = ["source.null.x"]\n}\n'])).toBe(false);
  });

  test("files that each hold a whole configuration, or declare the same names, are separate units", () => {
    const whole = `${NULL_SOURCE}build {\n  sources = ["source.null.x"]\n}\n`;
    expect(filesAreSeparate([whole, whole.replace(/"x"/, '"y"').replace("null.x", "null.y")])).toBe(true);
    // The same source in two files: Packer would reject the directory.
    expect(filesAreSeparate([NULL_SOURCE, NULL_SOURCE])).toBe(true);
  });

  test("a corpus.json names a unit, its working directory and var files; other folders with a build are discovered", () => {
    const root = tree({
      "repo/corpus.json": JSON.stringify({ units: [{ path: "img", cwd: ".", var_files: ["vars/a.pkrvars.hcl"], vars: { b: "1" } }], skip: ["broken"] }),
      "repo/img/main.pkr.hcl": NULL_SOURCE,
      "repo/vars/a.pkrvars.hcl": 'a = "x"\n',
      "repo/broken/x.pkr.hcl": "source {",
      "repo/other/o.pkr.hcl": `${NULL_SOURCE}build {\n  sources = ["source.null.x"]\n}\n`,
      // No build block: a `packer init` file, not built on its own.
      "repo/init/plugins.pkr.hcl": 'packer {\n  required_version = ">= 1.9"\n}\n',
    });
    const units = findUnits(join(root, "repo"));
    expect(units.map((u) => [u.path, u.cwd])).toEqual([
      [join(root, "repo/img"), join(root, "repo")],
      [join(root, "repo/other"), join(root, "repo/other")],
    ]);
    expect(units[0]!.varFiles).toEqual([join(root, "repo/vars/a.pkrvars.hcl")]);
    expect(units[0]!.vars).toEqual([{ name: "b", value: "1" }]);
  });
});

describe("corpus command", () => {
  test("counts findings per rule, lists every error as file:line:col, loads auto var files, times each template", async () => {
    const root = tree({
      // One unit: the variable's value comes from the auto var file, as in `packer build .`.
      "r1/dir/vars.pkr.hcl": 'variable "name" {\n  type = string\n}\n',
      "r1/dir/build.pkr.hcl": `${NULL_SOURCE}build {\n  name    = var.name\n  sources = ["source.null.x"]\n}\n`,
      "r1/dir/values.auto.pkrvars.hcl": 'name = "n"\n',
      // Two separate templates, one with an undeclared variable.
      "r2/a.pkr.hcl": `${NULL_SOURCE}build {\n  sources = ["source.null.x"]\n}\n`,
      "r2/b.pkr.hcl": `${NULL_SOURCE.replace('"x"', '"y"')}build {\n  name    = var.missing\n  sources = ["source.null.y"]\n}\n`,
    });
    const json = join(root, "out.json");
    const { code, out: stdout } = await runCaptured(main, ["--json", json, "r1", "r2"], root);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ {2}r1\/dir {2}\(3 files; 0 errors/);
    expect(stdout).toMatch(/ {2}r2\/a\.pkr\.hcl {2}\(1 file; 0 errors/);
    expect(stdout).toContain("r2/b.pkr.hcl:5:17: REF-01: var.missing undeclared");
    expect(stdout).toMatch(/\nREF-01 +1 +0 +0\n/);
    expect(stdout).toMatch(/== 3 templates \(5 files\) under 2 folders: 1 errors, /);
    expect(stdout).toContain("== crashes\n\n");
    const units = JSON.parse(readFileSync(json, "utf8")) as Array<{ unit: string; ms: number }>;
    expect(units.map((u) => u.unit)).toEqual(["r1/dir", "r2/a.pkr.hcl", "r2/b.pkr.hcl"]);
    expect(units.every((u) => u.ms >= 0)).toBe(true);
  });

  test("variables the corpus config says CI supplies are given when the build runs: no VAR-01, values not known", async () => {
    const root = tree({
      "r/corpus.json": JSON.stringify({ ci_vars: ["secret"] }),
      "r/t.pkr.hcl":
        `variable "secret" {\n  type = string\n}\nvariable "other" {\n  type = string\n}\n${NULL_SOURCE}build {\n  ` +
        `name    = "\${var.secret}\${var.other}"\n  sources = ["source.null.x"]\n}\n`,
      "r/plugins.pkr.hcl": 'packer {\n  required_version = ">= 1.9"\n}\n',
    });
    const { out } = await runCaptured(main, ["r"], root);
    expect(out).toContain('r/t.pkr.hcl:4:10: VAR-01: Unset variable "other"');
    expect(out).not.toContain('"secret"');
    expect(out).toMatch(/== 1 templates .*: 1 errors, /);
  });

  test("a repository that runs packer build -force from its root, with an archive its build makes first", async () => {
    const template =
      `source "googlecompute" "x" {\n  project_id          = "p"\n  zone                = "z"\n  source_image_family ` +
      `= "debian-12"\n  image_name          = "fixed"\n  communicator        = "none"\n}\nbuild {\n  sources = ` +
      `["source.googlecompute.x"]\n  provisioner "shell-local" {\n    script = "scripts/setup.sh"\n  }\n  ` +
      `provisioner "file" {\n    source      = "dist/app.zip"\n    destination = "/tmp/app.zip"\n  }\n}\n`;
    const root = tree({ "r/packer/t.pkr.hcl": template, "r/scripts/setup.sh": "set -e\n" });
    // Only what the corpus config changes: plugins and Workflows needs are beside the point.
    const rules = ["--rule", "SYN-05=off", "--rule", "WF-*=off"];
    const before = await runCaptured(main, [...rules, "r"], root);
    expect(before.out).toContain('r/packer/t.pkr.hcl:5:25: NAM-01: image_name "fixed" is the same on every run');
    expect(before.out).toContain('r/packer/t.pkr.hcl:11:14: PRV-03: Bad script "scripts/setup.sh"');
    expect(before.out).toContain('r/packer/t.pkr.hcl:14:19: PRV-03: Bad source "dist/app.zip"');
    writeFileSync(join(root, "r/corpus.json"), JSON.stringify({ cwd: ".", generated: ["dist/app.zip"], force: true }));
    const after = await runCaptured(main, [...rules, "r"], root);
    expect(after.out).toMatch(/ {2}r\/packer {2}\(1 file; 0 errors/);
  });

  test("no folders, or a file for a folder, is a usage error", async () => {
    const root = tree({ "t.pkr.hcl": NULL_SOURCE });
    expect((await runCaptured(main, [], root)).code).toBe(2);
    const notDir = await runCaptured(main, ["t.pkr.hcl"], root);
    expect(notDir.code).toBe(2);
    expect(notDir.err).toContain("t.pkr.hcl: not a folder");
  });
});
