/**
 * The Packer versions table against a real Packer: for templates that differ only in something
 * a release added, PKR-01 reports an error exactly when that Packer's `packer validate` fails.
 * Runs with the Packer of this machine (Debian's 1.6.6 on the build machines).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { skipCheck } from "../../testing/skips.ts";
import { runCaptured } from "../io.ts";
import { main } from "./command.ts";
import { hasInit, olderThan, parseVersion } from "./packer-versions.ts";

const packer = ["/usr/bin/packer", "/usr/local/bin/packer"].find((p) => existsSync(p));
const version = packer ? parseVersion(/v?(\d+\.\d+\.\d+)/.exec(execFileSync(packer, ["version"], { encoding: "utf8" }))?.[1] ?? "") : undefined;
if (!packer || !version) skipCheck("Packer versions table against a real Packer", "no packer binary on this machine");

const BUILD = (body = "") => `source "null" "a" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.a"]\n${body}}\n`;
const SHELL_LOCAL = (extra: string) => `  provisioner "shell-local" {\n    inline = ["true"]\n${extra}  }\n`;

/** Templates whose only possible problem is what the Packer release supports. */
const CASES: Record<string, string> = {
  "a data block": 'data "null" "x" {\n  input = "a"\n}\n\n' + BUILD(),
  "a local block": 'local "x" {\n  expression = "a"\n}\n\n' + BUILD(),
  "a locals block": 'locals {\n  x = "a"\n}\n\n' + BUILD(),
  "templatefile()": 'locals {\n  x = templatefile("/dev/null", {})\n}\n\n' + BUILD(),
  "upper()": 'locals {\n  x = upper("a")\n}\n\n' + BUILD(),
  "a validation block":
    'variable "v" {\n  default = "x"\n  validation {\n    condition     = length(var.v) > 0\n    error_message = "The v must not be empty."\n  }\n}\n\n' +
    BUILD(),
  "a sensitive variable": 'variable "v" {\n  default   = "x"\n  sensitive = true\n}\n\n' + BUILD(),
  continue_on_error: BUILD(SHELL_LOCAL("    continue_on_error = true\n")),
  "pause_before and max_retries": BUILD(SHELL_LOCAL('    pause_before = "1s"\n    max_retries  = 1\n')),
  "an error-cleanup-provisioner": BUILD('  error-cleanup-provisioner "shell-local" {\n    inline = ["true"]\n  }\n'),
  "a post-processors block": BUILD('  post-processors {\n    post-processor "manifest" {\n      output = "/dev/null"\n    }\n  }\n'),
  "the shell provisioner's env": BUILD('  provisioner "shell" {\n    inline = ["true"]\n    env    = { A = "1" }\n  }\n'),
  "the file provisioner's content": BUILD('  provisioner "file" {\n    content     = "x"\n    destination = "/tmp/x"\n  }\n'),
  "required_version >= 1.6.0": 'packer {\n  required_version = ">= 1.6.0"\n}\n\n' + BUILD(),
  "required_version >= 1.7.0": 'packer {\n  required_version = ">= 1.7.0"\n}\n\n' + BUILD(),
  required_plugins:
    'packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = "~> 1.3"\n    }\n  }\n}\n\n' + BUILD(),
};

describe.runIf(packer && version)(`the table against Packer ${version ?? "(none)"}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "pkr-versions-"));
  for (const [name, template] of Object.entries(CASES)) {
    it(`${name}: PKR-01 errs exactly when packer validate fails`, async () => {
      const file = join(dir, `${name.replace(/\W+/g, "-")}.pkr.hcl`);
      writeFileSync(file, template);
      const real = spawnSync(packer!, ["validate", file], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
      const ours = await runCaptured(main, ["--no-color", "--packer-version", version!, file], dir);
      const pkr = ours.out.split("\n").filter((l) => l.includes(" PKR-01: "));
      expect(pkr.length > 0, `packer validate: exit ${real.status}\n${real.stdout}${real.stderr}\nours:\n${ours.out}`).toBe(real.status !== 0);
    });
  }
});

describe("version arithmetic", () => {
  it("reads versions as `packer version` prints them, and orders pre-releases before releases", () => {
    expect(parseVersion("v1.6.6")).toBe("1.6.6");
    expect(parseVersion("1.11.0-beta")).toBe("1.11.0-beta");
    expect(parseVersion("1.6")).toBeUndefined();
    expect(olderThan("1.6.6", "1.7.0")).toBe(true);
    expect(olderThan("1.7.0-rc1", "1.7.0")).toBe(true);
    expect(olderThan("1.10.0", "1.9.0")).toBe(false);
    expect(hasInit("1.6.6")).toBe(false);
    expect(hasInit("1.7.0")).toBe(true);
  });
});
