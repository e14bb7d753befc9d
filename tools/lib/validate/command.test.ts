import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { captureIo, UsageError } from "../io.ts";
import { main } from "./command.ts";
import { DOCS_PATH, REGENERATE, rulesMarkdown } from "./docs.ts";
import { RULES } from "./rules/index.ts";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");

function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "validate-"));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

async function run(dir: string, argv: string[], env: Record<string, string> = {}) {
  const io = captureIo(dir, env);
  const code = await main(argv, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

const GOOD = 'source "null" "x" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.x"]\n}\n';

describe("validate command", () => {
  it("prints a summary and exits 0 for a clean template", async () => {
    const dir = workspace({ "a.pkr.hcl": GOOD });
    const r = await run(dir, ["a.pkr.hcl"]);
    expect(r.out).toBe("0 errors, 0 warnings in 1 file\n");
    expect(r.code).toBe(0);
  });

  it("reports bad input and goes on with the other files", async () => {
    const dir = workspace({
      "a.pkr.hcl": GOOD,
      "bin.pkr.hcl": new Uint8Array([0x61, 0, 0x62]),
      "latin1.pkr.hcl": new Uint8Array([0x61, 0x3d, 0x22, 0xe9, 0x22, 0x0a]),
      "empty.pkr.hcl": "",
      "sub/x.pkr.hcl": GOOD,
    });
    const r = await run(dir, ["a.pkr.hcl", "missing.pkr.hcl", "--var-file", "sub", "bin.pkr.hcl", "latin1.pkr.hcl", "empty.pkr.hcl"]);
    expect(r.out).toContain("missing.pkr.hcl: error INP-01: no such file");
    expect(r.out).toContain("sub: error INP-01: is a directory, not a template");
    expect(r.out).toContain("bin.pkr.hcl: error INP-01: binary file (NUL byte at offset 1), not a template");
    expect(r.out).toContain("latin1.pkr.hcl: error INP-01: not UTF-8 text (invalid byte at offset 3)");
    expect(r.out).toContain("empty.pkr.hcl:1:1: warning INP-01: empty file");
    expect(r.out).toMatch(/4 errors, 1 warning in 6 files\n$/);
    expect(r.code).toBe(1);
  });

  it("prints JSON", async () => {
    const dir = workspace({ "a.pkr.hcl": "locals {\n  a = var.nope\n}\n" + GOOD });
    const r = await run(dir, ["--format", "json", "a.pkr.hcl"]);
    const j = JSON.parse(r.out);
    expect(j.files).toBe(1);
    expect(j.findings).toContainEqual({
      file: "a.pkr.hcl",
      line: 2,
      column: 11,
      severity: "error",
      rule: "REF-01",
      message: "var.nope undeclared",
      hint: 'declare it: variable "nope" { type = string }',
    });
    expect(r.code).toBe(1);
  });

  it("colours only when asked or on a terminal", async () => {
    const dir = workspace({ "a.pkr.hcl": "locals {\n  a = 1\n}\n" + GOOD });
    expect((await run(dir, ["a.pkr.hcl"])).out).not.toContain("\x1b[");
    expect((await run(dir, ["--color", "a.pkr.hcl"])).out).toContain("\x1b[33mwarning");
    expect((await run(dir, ["a.pkr.hcl"], { FORCE_COLOR: "1" })).out).toContain("\x1b[33mwarning");
    expect((await run(dir, ["a.pkr.hcl"], { FORCE_COLOR: "0" })).out).not.toContain("\x1b[");
    const terminal = (env: Record<string, string>) => {
      const io = { ...captureIo(dir, env), isTTY: true };
      return main(["a.pkr.hcl"], io).then(() => io.out.join(""));
    };
    expect(await terminal({})).toContain("\x1b[33mwarning");
    expect(await terminal({ NO_COLOR: "1" })).not.toContain("\x1b[");
    expect((await run(dir, ["--color", "a.pkr.hcl"], { NO_COLOR: "1" })).out).toContain("\x1b[33mwarning");
  });

  it("checks required_plugins against the plugins Bazel pins (--plugin-pins)", async () => {
    const template = 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = "~> 2.0" }\n  }\n}\n';
    const dir = workspace({
      "a.pkr.hcl": template,
      "pins.json": JSON.stringify([{ source: "github.com/hashicorp/amazon", version: "1.8.1" }]),
      "none.json": "[]",
      "bad.json": '{"amazon": "1.8.1"}',
    });
    const r = await run(dir, ["--plugin-pins", "pins.json", "a.pkr.hcl"]);
    expect(r.out).toContain(
      'a.pkr.hcl:3:66: error PLG-01: amazon "~> 2.0" does not allow 1.8.1, the version MODULE.bazel pins for github.com/hashicorp/amazon',
    );
    expect(r.code).toBe(1);
    expect((await run(dir, ["--plugin-pins", "none.json", "a.pkr.hcl"])).out).not.toContain("PLG-01");
    expect((await run(dir, ["a.pkr.hcl"])).out).not.toContain("PLG-01");
    await expect(run(dir, ["--plugin-pins", "bad.json", "a.pkr.hcl"])).rejects.toThrow(
      '--plugin-pins: bad.json: expected a JSON list of {"source", "version"}',
    );
    await expect(run(dir, ["--plugin-pins", "gone.json", "a.pkr.hcl"])).rejects.toThrow("--plugin-pins: cannot read gone.json: ENOENT");
  });

  it("writes JUnit XML to XML_OUTPUT_FILE", async () => {
    const dir = workspace({ "a.pkr.hcl": "locals {\n  a = var.nope\n}\n" + GOOD, "b.pkr.hcl": "" });
    const r = await run(dir, ["a.pkr.hcl", "clean.pkr.hcl"], { XML_OUTPUT_FILE: join(dir, "out/test.xml") });
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, "out/test.xml"), "utf8");
    expect(xml).toContain('<testcase classname="a.pkr.hcl" name="REF-01" time="0">');
    expect(xml).toContain('<failure message="var.nope undeclared" type="REF-01">');
    expect(xml).toContain('<testcase classname="a.pkr.hcl" name="REF-06" time="0">');
    const clean = workspace({ "c.pkr.hcl": GOOD });
    await run(clean, ["--junit", "r.xml", "c.pkr.hcl"]);
    expect(readFileSync(join(clean, "r.xml"), "utf8")).toContain('<testcase classname="c.pkr.hcl" name="packer-validate" time="0"/>');
    // A report path that cannot exist fails at once with exit 2 (no endless mkdir under /proc).
    const nowhere = await run(clean, ["--junit", "/proc/rules-packer-none/deeper/r.xml", "c.pkr.hcl"]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toMatch(/^validate: cannot write the JUnit report \/proc\/rules-packer-none\/deeper\/r\.xml: /);
  });

  it("applies --rule and inline suppressions, and reports unused ones", async () => {
    const dir = workspace({
      "a.pkr.hcl":
        "locals {\n  # packer-validate: ignore REF-06 kept for the next release\n  a = 1\n  b = 2 # packer-validate: ignore REF-06\n  # packer-validate: ignore REF-01 stale\n  c = 3\n}\n" +
        GOOD,
    });
    const r = await run(dir, ["a.pkr.hcl"]);
    expect(r.out).not.toContain("a.pkr.hcl:3:3");
    expect(r.out).toContain("a.pkr.hcl:4:9: warning SUP-01: suppression of REF-06 has no reason");
    expect(r.out).toContain("a.pkr.hcl:4:3: warning REF-06: local.b unused");
    expect(r.out).toContain("a.pkr.hcl:5:3: warning SUP-01: suppression of REF-01 matches no finding on line 6");
    const off = await run(dir, ["--rule", "REF-06=off", "--rule", "SUP-01=error", "a.pkr.hcl"]);
    expect(off.out).not.toContain("warning REF-06");
    expect(off.out).toContain("error SUP-01");
    expect(off.code).toBe(1);
  });

  it("--force: Packer replaces an image of the same name, so a fixed name does not collide", async () => {
    const dir = workspace({
      "a.pkr.hcl":
        'source "googlecompute" "r" {\n  project_id          = "p"\n  zone                = "z"\n  source_image_family ' +
        '= "debian-12"\n  image_name          = "ci-runner"\n}\nbuild {\n  sources = ["source.googlecompute.r"]\n}\n',
    });
    expect((await run(dir, ["--rule", "WF-*=off", "a.pkr.hcl"])).out).toContain('error NAM-01: image_name "ci-runner" is the same on every run');
    expect((await run(dir, ["--rule", "WF-*=off", "--force", "a.pkr.hcl"])).out).not.toContain("NAM-01");
  });

  it("takes a rule family (WF-*) in --rule, a later setting winning", async () => {
    // An AL2023 build that installs none of what a Workflows runner needs, and an unused local.
    const template =
      'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }\n ' +
      ' }\n}\nlocals {\n  unused = 1\n}\nsource "amazon-ebs" "r" {\n  ami_name = "r-${formatdate("YYYYMMDDhhmmss", ' +
      'timestamp())}"\n  instance_type = "t3.micro"\n  ssh_username = "ec2-user"\n  ' +
      "temporary_security_group_source_public_ip = true\n" +
      '  source_ami_filter {\n    filters = { name = "al2023-ami-2023.*" }\n    owners = ["137112412989"]\n    ' +
      'most_recent = true\n  }\n}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    inline ' +
      '= ["echo hi"]\n  }\n}\n# An Aspect Workflows runner image.\n';
    const dir = workspace({ "a.pkr.hcl": template });
    expect((await run(dir, ["a.pkr.hcl"])).out).toContain("error WF-01: mdadm missing for Amazon Linux 2023");
    const off = await run(dir, ["--rule", "WF-*=off", "a.pkr.hcl"]);
    expect(off.out).not.toContain("WF-0");
    expect(off.out).toContain("warning REF-06: local.unused unused");
    expect(off.code).toBe(0);
    const back = await run(dir, ["--rule", "wf-*=off", "--rule", "wf-01=warning", "a.pkr.hcl"]);
    expect(back.out).toContain("warning WF-01: mdadm missing for Amazon Linux 2023");
    expect(back.out).not.toContain("WF-03");
    await expect(run(dir, ["--rule", "XYZ-*=off", "a.pkr.hcl"])).rejects.toThrow(
      /--rule: no rules in the family "XYZ-\*" \(families: INP-\*, SYN-\*, PLG-\*, /,
    );
  });

  it("takes --var, --var-file and the cache bust", async () => {
    const tpl =
      'variable "cache_bust" {\n  type = string\n}\nvariable "region" {\n  type = string\n}\n' +
      'source "null" "x" {\n  communicator = "none"\n  ssh_host     = "${var.cache_bust}${var.region}"\n}\nbuild {\n  sources = ["source.null.x"]\n}\n';
    const dir = workspace({ "a.pkr.hcl": tpl, "prod.pkrvars.hcl": 'region = "us-east-2"\n' });
    const ok = await run(dir, ["--var-file", "prod.pkrvars.hcl", "--cache-bust-var", "cache_bust", "--cache-bust", "001", "a.pkr.hcl"]);
    expect(ok.out).toBe("0 errors, 0 warnings in 2 files\n");
    const missing = await run(dir, ["--var", "region=x", "a.pkr.hcl"]);
    expect(missing.out).toContain('a.pkr.hcl:1:10: error VAR-01: Unset variable "cache_bust"');
    // --cache-bust alone is for cache_bust, packer_image's default; --env PKR_VAR_x supplies x.
    const alone = await run(dir, ["--env", "PKR_VAR_region=eu-west-1", "--cache-bust", "002", "a.pkr.hcl"]);
    expect(alone.out).toBe("0 errors, 0 warnings in 1 file\n");
    // A file named twice is read once (no duplicate declarations).
    const twice = await run(dir, ["--var", "region=x", "--cache-bust", "002", "a.pkr.hcl", "./a.pkr.hcl"]);
    expect(twice.out).toBe("0 errors, 0 warnings in 1 file\n");
    // What a target passes when the build has no CACHE_BUST: the variable, and an empty value.
    const unset = await run(dir, ["--var", "region=x", "--cache-bust-var", "cache_bust", "--cache-bust", "", "a.pkr.hcl"]);
    expect(unset.out).toContain(
      'a.pkr.hcl:1:10: error VAR-01: Unset variable "cache_bust": pass -var cache_bust=… (hint: the target passes the cache bust only when it has a value: set --action_env=CACHE_BUST in .bazelrc)',
    );
  });

  it("speaks Packer: -var, -var-file=f, -var-file f, and a folder (., DIR) for its templates and auto var files", async () => {
    const tpl =
      'variable "region" {\n  type = string\n}\nvariable "size" {\n  type = number\n}\n' +
      GOOD.replace('"none"', '"none"\n  ssh_host     = "${var.region}${var.size}"');
    const dir = workspace({ "img/a.pkr.hcl": tpl, "img/b.auto.pkrvars.hcl": "size = 2\n", "img/notes.txt": "x", "prod.pkrvars.hcl": 'region = "eu"\n' });
    const sub = join(dir, "img");
    expect((await run(sub, ["-var", "region=eu", "."])).out).toBe("0 errors, 0 warnings in 2 files\n");
    expect((await run(dir, ["-var=region=eu", "img"])).out).toBe("0 errors, 0 warnings in 2 files\n");
    expect((await run(dir, ["-var-file=prod.pkrvars.hcl", "img"])).out).toBe("0 errors, 0 warnings in 3 files\n");
    expect((await run(dir, ["-var-file", "prod.pkrvars.hcl", "img/"])).out).toBe("0 errors, 0 warnings in 3 files\n");
    // The auto var file counts only with its folder, as Packer loads it.
    expect((await run(dir, ["-var", "region=eu", "img/a.pkr.hcl"])).out).toContain('error VAR-01: Unset variable "size"');
    const empty = workspace({ "x.txt": "" });
    await expect(run(empty, ["."])).rejects.toThrow(/^no \*\.pkr\.hcl files in \.; pass the folder that holds the templates, or the files themselves$/);
  });

  it("a small mistake is one line naming it and --help, not the whole help", async () => {
    const dir = workspace({ "a.pkr.hcl": GOOD });
    const messages = [];
    for (const argv of [["-vars", "x=1", "a.pkr.hcl"], ["--var"], [], ["-syntax-only", "a.pkr.hcl"], ["--force=yes", "a.pkr.hcl"]]) {
      const error = await run(dir, argv).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UsageError);
      messages.push((error as UsageError).message);
    }
    expect(messages).toEqual([
      "unknown option -vars; did you mean --var? (--help lists the options)",
      "--var needs a value (--help lists the options)",
      "no templates given: pass the *.pkr.hcl files of one build, or their folder (--help lists the options)",
      "unknown option -syntax-only (--help lists the options)",
      "--force takes no value (--help lists the options)",
    ]);
  });

  it("hints name the helper as this checkout runs it (//tools:cli here, @rules_packer//tools:cli in a dependency)", async () => {
    const dir = workspace({ "a.pkr.hcl": GOOD.replace('communicator = "none"', 'communicator="none"') });
    const r = await run(dir, ["--no-color", "a.pkr.hcl"]);
    expect(r.out).toContain("(hint: format the file: bazel run //tools:cli -- fmt a.pkr.hcl)");
  });

  it("--version names rules_packer, Node.js and the Packer given; --packer-version must be a version", async () => {
    const dir = workspace({});
    const r = await run(dir, ["--version", "--packer-version", "1.6.6"]);
    expect(r.out).toMatch(/^rules_packer \d+\.\d+\.\d+\nNode\.js v\d+\.\d+\.\d+\nPacker 1\.6\.6\n$/);
    expect((await run(dir, ["-version"])).out).not.toContain("Packer");
    await expect(run(dir, ["--packer-version", "latest", "a.pkr.hcl"])).rejects.toThrow(/"latest" is not a Packer version/);
  });

  it("--packer-version: what that Packer does not support is an error", async () => {
    const dir = workspace({ "a.pkr.hcl": 'data "null" "x" {\n  input = "a"\n}\n' + GOOD });
    const r = await run(dir, ["--no-color", "--packer-version", "1.6.6", "a.pkr.hcl"]);
    expect(r.out).toContain("a.pkr.hcl:1:1: error PKR-01: `data` blocks need Packer 1.7.0 or later; this build uses Packer 1.6.6");
    expect(r.code).toBe(1);
    expect((await run(dir, ["a.pkr.hcl"])).out).not.toContain("PKR-01");
  });

  it("rejects bad usage", async () => {
    const dir = workspace({});
    await expect(run(dir, [])).rejects.toThrow(UsageError);
    await expect(run(dir, ["--format", "xml", "a.pkr.hcl"])).rejects.toThrow(/--format must be human or json/);
    await expect(run(dir, ["--rule", "REF-1=off", "a.pkr.hcl"])).rejects.toThrow(/unknown rule "REF-1"; did you mean REF-01\?/);
    await expect(run(dir, ["--rule", "REF-01=loud", "a.pkr.hcl"])).rejects.toThrow(/severity must be/);
    await expect(run(dir, ["--var", "novalue", "a.pkr.hcl"])).rejects.toThrow(/-var expects NAME=VALUE/);
    await expect(run(dir, ["--bogus", "a.pkr.hcl"])).rejects.toThrow(UsageError);
  });
});

describe("shipped templates", () => {
  for (const name of ["amzn2", "al2023", "ubuntu-2404", "debian-12"]) {
    it(`images/${name}.pkr.hcl has no findings`, async () => {
      const r = await run(ROOT, ["--cache-bust-var", "cache_bust", "--cache-bust", "001", `images/${name}.pkr.hcl`]);
      expect(r.out).toBe("0 errors, 0 warnings in 1 file\n");
      expect(r.code).toBe(0);
    });
  }
});

describe("docs/rules.md", () => {
  it("documents every rule", () => {
    for (const r of RULES) {
      expect(r.docs.summary.length).toBeGreaterThan(10);
      expect(r.docs.why.length).toBeGreaterThan(10);
      expect(r.docs.fix.length).toBeGreaterThan(10);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
  it("is up to date", () => {
    let current = "";
    try {
      current = readFileSync(join(ROOT, DOCS_PATH), "utf8");
    } catch {
      // missing is stale
    }
    expect(current === rulesMarkdown(), `${DOCS_PATH} is stale; regenerate it with: ${REGENERATE}`).toBe(true);
  });
});
