import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { captureIo } from "../io.ts";
import { run } from "../../cli.ts";
import { parseBuildArgs } from "./command.ts";
import { skipCheck } from "../../testing/skips.ts";

const TEMPLATE = `
variable "cache_bust" {
  type = string
}

variable "region" {
  type    = string
  default = "us-east-2"
}

variable "token" {
  type      = string
  default   = "s3cr3t-default"
  sensitive = true
}

variable "output_dir" {
  type    = string
  default = "."
}

source "null" "one" {
  communicator = "none"
}

build {
  sources = ["source.null.one"]

  provisioner "shell-local" {
    inline = ["echo region=\${var.region} bust=\${var.cache_bust}"]
  }

  post-processor "manifest" {
    output      = "\${var.output_dir}/manifest.json"
    custom_data = { name = "runner-\${var.cache_bust}" }
  }
}
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "build-cmd-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  const io = captureIo(dir, { PATH: process.env["PATH"], CHECKPOINT_DISABLE: "1", ...env });
  const code = await run(args, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

describe("build --dry-run", () => {
  test("prints the exact command, the variables with their sources, sensitive ones masked", async () => {
    const dir = workspace({ "images/a.pkr.hcl": TEMPLATE, "images/prod.pkrvars.hcl": 'region = "eu-west-1"\ntoken = "from-file"\n' });
    const r = await cli(dir, [
      "build",
      "--packer",
      "/opt/packer",
      "--packer-version",
      "1.16.0",
      "--label",
      "//images:a",
      "--var-file",
      "images/prod.pkrvars.hcl",
      "--var",
      "token=cli-secret",
      "--cache-bust-var",
      "cache_bust",
      "--cache-bust",
      "007",
      "images/a.pkr.hcl",
      "--",
      "-on-error=abort",
      "--dry-run",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("//images:a: dry run, nothing was run");
    expect(r.out).toContain("Packer:    1.16.0 (/opt/packer)");
    expect(r.out).toMatch(/cache_bust += "007" +\(CACHE_BUST \(--action_env\)\)/);
    expect(r.out).toMatch(/region += "eu-west-1" +\(images\/prod.pkrvars.hcl\)/);
    expect(r.out).toMatch(/token += <sensitive> +\(vars\)/);
    expect(r.out).toContain(
      "/opt/packer build -var-file=images/prod.pkrvars.hcl -var cache_bust=007 -var 'token=<sensitive>' -on-error=abort images/a.pkr.hcl",
    );
    expect(r.out + r.err).not.toMatch(/s3cr3t|cli-secret|from-file/);
  });

  test("does not pass the cache bust to a template without the variable, and says so", async () => {
    const dir = workspace({ "a.pkr.hcl": 'source "null" "x" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.x"]\n}\n' });
    const r = await cli(dir, ["build", "--packer", "packer", "--cache-bust-var", "cache_bust", "--cache-bust", "9", "a.pkr.hcl", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('declares no variable "cache_bust", so CACHE_BUST=9 is not passed');
    expect(r.out).toContain("  packer build a.pkr.hcl\n");
  });

  test("an empty --cache-bust (no CACHE_BUST in the build) passes nothing", async () => {
    const dir = workspace({ "a.pkr.hcl": 'variable "cache_bust" {\n  type = string\n}\n' });
    const r = await cli(dir, ["build", "--packer", "packer", "--cache-bust-var", "cache_bust", "--cache-bust", "", "a.pkr.hcl", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("cache_bust = (not set: Packer will fail)");
    expect(r.out).toContain("Commands:\n  packer build a.pkr.hcl\n");
  });

  test("runs packer init first when the template requires plugins", async () => {
    const dir = workspace({
      "a.pkr.hcl": 'packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = "~> 1.3"\n    }\n  }\n}\n',
    });
    const r = await cli(dir, ["build", "--packer", "packer", "a.pkr.hcl", "--", "--dry-run"]);
    expect(r.out).toContain("  packer init a.pkr.hcl\n  packer build a.pkr.hcl\n");
  });

  const AMAZON_PLUGIN = "plugins/github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.1_x5.0_linux_amd64";
  const requires = (...sources: string[]) =>
    `packer {\n  required_plugins {\n${sources.map((s, i) => `    p${i} = {\n      source  = "${s}"\n      version = ">= 1.0"\n    }\n`).join("")}  }\n}\n`;

  test("plugins pinned by Bazel: PACKER_PLUGIN_PATH instead of packer init", async () => {
    const dir = workspace({ "a.pkr.hcl": requires("github.com/hashicorp/amazon"), [AMAZON_PLUGIN]: "", [`${AMAZON_PLUGIN}_SHA256SUM`]: "" });
    const r = await cli(dir, ["build", "--packer", "packer", "--plugin-path", "plugins", "a.pkr.hcl", "--dry-run"]);
    expect(r.err).toBe("");
    expect(r.out).toContain("Plugins:   PACKER_PLUGIN_PATH=plugins (pinned by Bazel; no packer init)");
    expect(r.out).toContain("Commands:\n  packer build a.pkr.hcl\n");
    expect(r.out).not.toMatch(/^ +packer init/m);
  });

  test("a required plugin that Bazel has not pinned stops the build and names it", async () => {
    const dir = workspace({
      "a.pkr.hcl": requires("github.com/hashicorp/amazon", "github.com/hashicorp/ansible"),
      "b.pkr.json": JSON.stringify({ packer: [{ required_plugins: { goss: { source: "github.com/YaleUniversity/goss", version: "3.2.0" } } }] }),
      [AMAZON_PLUGIN]: "",
    });
    const r = await cli(dir, ["build", "--packer", "packer", "--plugin-path", "plugins", "a.pkr.hcl", "b.pkr.json", "--dry-run"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      "the template requires github.com/hashicorp/ansible, github.com/yaleuniversity/goss, which Bazel has not pinned (pinned: github.com/hashicorp/amazon 1.8.1)",
    );
    expect(r.err).toContain('Add packer.plugin(source = "github.com/hashicorp/ansible", version = ..., sha256 = {...})');
    expect(r.out).toBe("");
  });

  test("a pinned plugin outside the template's version constraint stops the build at the constraint", async () => {
    const template = requires("github.com/hashicorp/amazon").replace('">= 1.0"', '"~> 2.0"');
    const dir = workspace({ "a.pkr.hcl": template, [AMAZON_PLUGIN]: "", [`${AMAZON_PLUGIN}_SHA256SUM`]: "" });
    const r = await cli(dir, ["build", "--packer", "packer", "--plugin-path", "plugins", "a.pkr.hcl", "--dry-run"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('a.pkr.hcl:5:17: p0 = "~> 2.0" does not allow github.com/hashicorp/amazon 1.8.1, the version Bazel pins.');
    expect(r.err).toContain("Change the version (and its sha256 sums) in packer.plugin(...) in MODULE.bazel, or the template's constraint");
    expect(r.out).toBe("");
    // Under bazel run the template is an absolute runfiles path; the message names it as in the workspace.
    const runfiles = workspace({ "_main/images/a.pkr.hcl": template, [AMAZON_PLUGIN]: "" });
    const inRunfiles = await cli(runfiles, ["build", "--packer", "packer", "--plugin-path", "plugins", join(runfiles, "_main/images/a.pkr.hcl"), "--dry-run"], {
      RUNFILES_DIR: runfiles,
    });
    expect(inRunfiles.err).toContain('build: images/a.pkr.hcl:5:17: p0 = "~> 2.0" does not allow');
    const within = workspace({ "a.pkr.hcl": template.replace("~> 2.0", "~> 1.8"), [AMAZON_PLUGIN]: "" });
    expect((await cli(within, ["build", "--packer", "packer", "--plugin-path", "plugins", "a.pkr.hcl", "--dry-run"])).code).toBe(0);
  });

  test("a directory's *.auto.pkrvars.hcl files count, in lexical order, below -var-file", async () => {
    const dir = workspace({
      "img/a.pkr.hcl": TEMPLATE,
      "img/b.pkr.hcl": "",
      "img/b.auto.pkrvars.hcl": 'region = "from-b"\noutput_dir = "/from-b"\n',
      "img/a.auto.pkrvars.hcl": 'region = "from-a"\n',
      "img/prod.pkrvars.hcl": 'output_dir = "/from-prod"\n',
    });
    const r = await cli(dir, [
      "build",
      "--packer",
      "p",
      "--var-file",
      "img/prod.pkrvars.hcl",
      "--cache-bust-var",
      "cache_bust",
      "--cache-bust",
      "1",
      "img/a.pkr.hcl",
      "img/b.pkr.hcl",
      "--dry-run",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/region += "from-b" +\(img\/b\.auto\.pkrvars\.hcl\)/);
    expect(r.out).toMatch(/output_dir += "\/from-prod" +\(img\/prod\.pkrvars\.hcl\)/);
  });

  test("several templates of one build are passed as their directory; a stray template is an error", async () => {
    const dir = workspace({ "img/a.pkr.hcl": TEMPLATE, "img/b.pkr.hcl": "", "img/c.pkr.hcl": "" });
    const ok = await cli(dir, ["build", "--packer", "p", "img/a.pkr.hcl", "img/b.pkr.hcl", "img/c.pkr.hcl", "--dry-run"]);
    expect(ok.out).toContain("  p build img\n");
    const stray = await cli(dir, ["build", "--packer", "p", "img/a.pkr.hcl", "img/b.pkr.hcl", "--dry-run"]);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain("Packer would also read c.pkr.hcl in img; list it in srcs or move it");
  });
});

describe("build: variables from every source", () => {
  test("-var and -var-file after --, PKR_VAR_*, in Packer's precedence; sensitive values masked in every -var form", async () => {
    const dir = workspace({ "a.pkr.hcl": TEMPLATE, "local.pkrvars.hcl": 'region = "ap-south-1"\n' });
    const io = captureIo(dir, { PKR_VAR_output_dir: "/from/env", PKR_VAR_token: "env-secret" });
    const code = await run(
      ["build", "--packer", "p", "a.pkr.hcl", "--", "--dry-run", "-var-file=local.pkrvars.hcl", "-var=token=eq-secret", "--var", "cache_bust=9"],
      io,
    );
    const out = io.out.join("");
    expect(code).toBe(0);
    expect(out).toMatch(/output_dir += "\/from\/env" +\(PKR_VAR_output_dir\)/);
    expect(out).toMatch(/region += "ap-south-1" +\(local.pkrvars.hcl\)/);
    expect(out).toMatch(/cache_bust += "9" +\(-var after --\)/);
    expect(out).toMatch(/token += <sensitive> +\(-var after --\)/);
    expect(out).toContain("'-var=token=<sensitive>' --var cache_bust=9 a.pkr.hcl");
    expect(out).not.toMatch(/secret/);
    expect(out).not.toContain("not set");
  });

  test("the target's env supplies PKR_VAR_* over the shell's, masked when sensitive", async () => {
    const dir = workspace({ "a.pkr.hcl": TEMPLATE });
    const io = captureIo(dir, { PKR_VAR_region: "from-shell" });
    const code = await run(
      [
        "build",
        "--packer",
        "p",
        "--env",
        "PKR_VAR_token=hunter2",
        "--env",
        "PKR_VAR_region=from-target",
        "--env",
        "AWS_PROFILE=ci",
        "--cache-bust",
        "1",
        "a.pkr.hcl",
        "--dry-run",
      ],
      io,
    );
    const out = io.out.join("");
    expect(code).toBe(0);
    expect(out).toContain("Env:       'PKR_VAR_token=<sensitive>' PKR_VAR_region=from-target AWS_PROFILE=ci\n");
    expect(out).toMatch(/region += "from-target" +\(PKR_VAR_region\)/);
    expect(out).toMatch(/token += <sensitive> +\(PKR_VAR_token\)/);
    expect(out).not.toContain("hunter2");
  });
});

describe("build: bad input", () => {
  test.each([
    [["build"], "--packer is required"],
    [["build", "--packer", "p"], "no template given"],
    [["build", "--packer", "p", "missing.pkr.hcl"], "template missing.pkr.hcl does not exist"],
    [["build", "--packer", "p", "--var", "novalue", "a.pkr.hcl"], '--var expects NAME=VALUE, got "novalue"'],
    [["build", "--packer", "p", "--bogus", "a.pkr.hcl"], "unknown option --bogus (--help lists the options)"],
  ])("%j", async (args, message) => {
    const r = await cli(workspace({ "a.pkr.hcl": TEMPLATE }), args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test("a Packer that cannot be started is exit 2 with its path", async () => {
    const r = await cli(workspace({ "a.pkr.hcl": TEMPLATE }), ["build", "--packer", "/nonexistent/packer", "--var", "cache_bust=1", "a.pkr.hcl"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("cannot run /nonexistent/packer");
  });

  test("arguments after -- are Packer's, --dry-run excepted", () => {
    const opts = parseBuildArgs(["--packer", "p", "t.pkr.hcl", "--", "-debug", "--dry-run", "-force"]);
    expect(opts).toMatchObject({ templates: ["t.pkr.hcl"], packerArgs: ["-debug", "-force"], dryRun: true });
  });
});

describe("build: how Packer ended", () => {
  test("a Packer killed by a signal gives 128 + the signal's number", async () => {
    const dir = workspace({ "a.pkr.hcl": TEMPLATE, packer: "#!/bin/sh\nkill -KILL $$\n" });
    chmodSync(join(dir, "packer"), 0o755);
    const r = await cli(dir, ["build", "--packer", join(dir, "packer"), "--cache-bust-var", "cache_bust", "--cache-bust", "1", "a.pkr.hcl"]);
    expect(r.code).toBe(137);
  });

  test("Packer gets back the NODE_OPTIONS the launcher kept from the helper", async () => {
    const dir = workspace({
      "a.pkr.hcl": TEMPLATE,
      packer: '#!/bin/sh\necho "NODE_OPTIONS=$NODE_OPTIONS kept=${RULES_PACKER_NODE_OPTIONS-unset}" > env.txt\n',
    });
    chmodSync(join(dir, "packer"), 0o755);
    const io = captureIo(dir, { PATH: process.env["PATH"], RULES_PACKER_NODE_OPTIONS: "--require ./.pnp.cjs" });
    expect(await run(["build", "--packer", join(dir, "packer"), "--cache-bust-var", "cache_bust", "--cache-bust", "1", "a.pkr.hcl"], io)).toBe(0);
    expect(readFileSync(join(dir, "env.txt"), "utf8")).toBe("NODE_OPTIONS=--require ./.pnp.cjs kept=unset\n");
  });
});

// A real Packer when this machine has one (Debian's 1.6.6 on the build machines); else skipped.
const packer = ["/usr/bin/packer", "/usr/local/bin/packer"].find((p) => existsSync(p));

/**
 * The real Packer behind a wrapper that sends its output to packer.log in `dir`: the build
 * command hands Packer the terminal, and a test must not print Packer's messages (errors
 * included) as if something had gone wrong; it reads them from the log and asserts them.
 */
function quietPacker(dir: string): { path: string; log: () => string } {
  const path = join(dir, "packer-quiet");
  writeFileSync(path, `#!/bin/sh\nexec '${packer!}' "$@" >>'${join(dir, "packer.log")}' 2>&1\n`);
  chmodSync(path, 0o755);
  return { path, log: () => readFileSync(join(dir, "packer.log"), "utf8") };
}

describe.runIf(packer)(`build with a real Packer (${packer ?? "none on this machine"})`, () => {
  test("runs packer build, returns its exit code, and the cache bust reaches the template", async () => {
    const dir = workspace({ "a.pkr.hcl": TEMPLATE });
    const quiet = quietPacker(dir);
    const r = await cli(dir, ["build", "--packer", quiet.path, "--cache-bust-var", "cache_bust", "--cache-bust", "042", "a.pkr.hcl"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`+ ${quiet.path} build -var cache_bust=042 a.pkr.hcl`);
    // The provisioner ran with the variables the command passed.
    expect(quiet.log()).toContain("region=us-east-2 bust=042");
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.builds[0].custom_data).toEqual({ name: "runner-042" });
  });

  test("Packer's failure is the exit code", async () => {
    const dir = workspace({ "a.pkr.hcl": TEMPLATE });
    const quiet = quietPacker(dir);
    // cache_bust has no default and is not supplied: Packer refuses the build.
    const r = await cli(dir, ["build", "--packer", quiet.path, "a.pkr.hcl"]);
    expect(r.code).not.toBe(0);
    expect(quiet.log()).toContain('Error: Unset variable "cache_bust"');
    expect(existsSync(join(dir, "manifest.json"))).toBe(false);
  });
});
if (!packer) skipCheck("build with a real Packer", "no packer binary on this machine");
