/**
 * What the user reads while `bazel run` builds: Packer's messages naming the template by its
 * workspace path, and a Packer without `packer init` refused before it runs. With the real
 * Packer of this machine (Debian's 1.6.6 on the build machines) where there is one.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "../../cli.ts";
import { captureIo } from "../io.ts";
import { skipCheck } from "../../testing/skips.ts";

const packer = ["/usr/bin/packer", "/usr/local/bin/packer"].find((p) => existsSync(p));
if (!packer) skipCheck("build output with a real Packer", "no packer binary on this machine");

/** A runfiles tree as `bazel run` lays it out, with one template in the main repository. */
function runfiles(template: string): { runfiles: string; template: string; cwd: string } {
  const root = mkdtempSync(join(tmpdir(), "build-out-"));
  const rf = join(root, "execroot/_main/bazel-out/k8-fastbuild/bin/images/runner.sh.runfiles");
  mkdirSync(join(rf, "_main/images"), { recursive: true });
  writeFileSync(join(rf, "_main/images/runner.pkr.hcl"), template);
  const cwd = join(root, "workspace");
  mkdirSync(cwd);
  return { runfiles: rf, template: join(rf, "_main/images/runner.pkr.hcl"), cwd };
}

async function build(cwd: string, args: string[], env: Record<string, string>) {
  const io = captureIo(cwd, { PATH: process.env["PATH"], ...env });
  const code = await run(["build", ...args], io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

// A mistake Packer 1.6.6 reports with the template's path: an argument the provisioner does not take.
const MISTAKE = `source "null" "a" {
  communicator = "none"
}

build {
  sources = ["source.null.a"]

  provisioner "shell-local" {
    inline = ["echo hi"]
    bogus  = 1
  }
}
`;

describe.runIf(packer)(`Packer's messages during bazel run (${packer ?? "no packer"})`, () => {
  test("name the template by its workspace path, and the exit code is Packer's", async () => {
    const t = runfiles(MISTAKE);
    const r = await build(t.cwd, ["--packer", packer!, t.template], { RUNFILES_DIR: t.runfiles });
    expect(r.code).toBe(1);
    const packerSays = r.out + r.err.slice(r.err.indexOf("\n") + 1);
    expect(packerSays).toContain("on images/runner.pkr.hcl line 8:");
    expect(packerSays).toContain('images/runner.pkr.hcl:10,5-10:\nUnsupported argument; An argument named "bogus" is not expected here.');
    expect(packerSays).not.toContain(".runfiles");
  });

  test("without RUNFILES_DIR (run by hand) the output is Packer's own", async () => {
    const t = runfiles(MISTAKE);
    const r = await build(t.cwd, ["--packer", packer!, t.template], {});
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain(`on ${t.template} line 8:`);
  });
});

describe("a Packer without packer init", () => {
  const REQUIRES = 'packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = "~> 1.3"\n    }\n  }\n}\n';

  test("is stopped before it runs, with the Packer version and the two ways out", async () => {
    const t = runfiles(REQUIRES + MISTAKE);
    // A Packer that must not be run: it would record that it was.
    const fake = join(t.cwd, "packer");
    writeFileSync(fake, `#!/bin/sh\necho ran >> '${join(t.cwd, "ran")}'\n`);
    chmodSync(fake, 0o755);
    const r = await build(t.cwd, ["--packer", fake, "--packer-version", "1.6.6", t.template], { RUNFILES_DIR: t.runfiles });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "build: the template requires plugins (packer { required_plugins }: github.com/hashicorp/amazon), and Packer 1.6.6 has no `packer init` to install them: " +
        'it arrived in Packer 1.7.0. Either pin the plugins in MODULE.bazel (packer.plugin(source = "github.com/hashicorp/amazon", version = ..., sha256 = {...}) ' +
        "for each), so that no init is needed, or build with Packer 1.7.0 or later (packer.toolchain(version = ...))\n",
    );
    expect(existsSync(join(t.cwd, "ran"))).toBe(false);
  });

  test("a Packer with init, or of unknown version, runs packer init as before", async () => {
    const t = runfiles(REQUIRES + MISTAKE);
    const fake = join(t.cwd, "packer");
    writeFileSync(fake, `#!/bin/sh\necho "$1" >> '${join(t.cwd, "ran")}'\n`);
    chmodSync(fake, 0o755);
    for (const version of [["--packer-version", "1.7.0"], []]) {
      const r = await build(t.cwd, ["--packer", fake, ...version, t.template], { RUNFILES_DIR: t.runfiles });
      expect(r.code).toBe(0);
    }
    expect(existsSync(join(t.cwd, "ran"))).toBe(true);
  });
});
