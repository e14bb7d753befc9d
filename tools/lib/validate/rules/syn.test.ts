import { describe, expect, it } from "vitest";
import { ruleTester, runSample } from "../tester/testing.ts";
import { rule as syn01 } from "./syn-01-parse-error.ts";
import { rule as syn02 } from "./syn-02-unknown-block-or-argument.ts";
import { rule as syn03 } from "./syn-03-required-plugins-syntax.ts";
import { rule as syn05 } from "./syn-05-component-without-plugin.ts";

const AMAZON = `packer {
  required_plugins {
    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }
  }
}
`;

ruleTester(syn01, {
  valid: [{ code: 'variable "x" {\n  default = "a"\n}\n' }],
  invalid: [
    { code: 'build {\n  name = "x"\n', errors: [{ message: /expected `}` to close the block opened at 1:7/, line: 3, column: 1 }] },
    { code: 'a = "x\n', errors: [{ message: /./, line: 1, column: 5 }] },
  ],
});

/** An amazon plugin release the component schema table does not hold: CMP-02 leaves it to SYN-02. */
const OLD_AMAZON = 'packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = "= 99.0.0"\n    }\n  }\n}\n';

ruleTester(syn02, {
  valid: [
    { code: `${AMAZON}source "amazon-ebs" "x" {\n  tags = { a = "b" }\n  source_ami_filter {\n    filters = { name = "x" }\n  }\n}\n` },
    { code: 'build {\n  name = "b"\n  sources = ["source.null.x"]\n  post-processors {\n    post-processor "manifest" {}\n  }\n}\n' },
  ],
  invalid: [
    { code: "sorce \"null\" \"x\" {}\n", errors: [{ message: 'Blocks of type "sorce" are not expected here; did you mean source?', line: 1, column: 1 }] },
    { code: 'region = "x"\n', errors: [{ message: 'An argument named "region" is not expected at the top level', line: 1, column: 1 }] },
    { code: 'source "null" {}\n', errors: [{ message: "source blocks take 2 labels, found 1", line: 1, column: 1 }] },
    { code: 'build {\n  provisoner "shell" {}\n}\n', errors: [{ message: 'Blocks of type "provisoner" are not expected in a build block; did you mean provisioner?', line: 2, column: 3 }] },
    {
      name: "without a schema for the plugin (a release the table does not hold), maps written as blocks",
      code: `${OLD_AMAZON}source "amazon-ebs" "x" {\n  tags {\n    a = "b"\n  }\n}\n`,
      errors: [{ message: 'Blocks of type "tags" are not expected here; use tags = {…}', line: 10, column: 3 }],
    },
    {
      name: "without a schema for the plugin, blocks written as maps",
      code: `${OLD_AMAZON}source "amazon-ebs" "x" {\n  source_ami_filter = {\n    owners = ["1"]\n  }\n}\n`,
      errors: [{ message: 'An argument named "source_ami_filter" is not expected here; source_ami_filter is a block', line: 10, column: 3 }],
    },
    { code: 'variable "x" {\n  defualt = 1\n}\n', errors: [{ message: 'An argument named "defualt" is not expected in a variable block; did you mean default?', line: 2, column: 3 }] },
    { code: 'build {\n  source = ["x"]\n}\n', errors: [{ message: 'An argument named "source" is not expected in a build block; did you mean sources?', line: 2, column: 3 }] },
    { code: 'packer {\n  required_versions = ">= 1.10"\n}\n', errors: [{ message: 'An argument named "required_versions" is not expected in the packer block; did you mean required_version?', line: 2, column: 3 }] },
  ],
});

ruleTester(syn03, {
  valid: [{ code: `packer {\n  required_version = ">= 1.10.0, < 2.0.0"\n}\n${AMAZON}` }],
  invalid: [
    { code: 'packer {\n  required_version = "latest"\n}\n', errors: [{ message: "Invalid required_version: not a version constraint string", line: 2, column: 22 }] },
    {
      code: 'packer {\n  required_plugins {\n    amazon = ">= 1.0"\n  }\n}\n',
      errors: [{ message: "Invalid plugin requirement: amazon must be an object", line: 3, column: 14 }],
    },
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/packer-plugin-amazon", version = "~> 1.3" }\n  }\n}\n',
      errors: [{ message: 'Invalid plugin source for amazon: the plugin name must not start with "packer-plugin-"; use "github.com/hashicorp/amazon"', line: 3, column: 25 }],
    },
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon" }\n  }\n}\n',
      errors: [{ message: "No version constraint was set for plugin amazon", line: 3, column: 14 }],
    },
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = "~> one" }\n  }\n}\n',
      errors: [{ message: "Invalid version constraint for plugin amazon", line: 3, column: 66 }],
    },
  ],
});

ruleTester(syn05, {
  valid: [
    { code: `${AMAZON}source "amazon-ebs" "x" {}\ndata "amazon-ami" "y" {}\n` },
    { code: 'source "null" "x" {}\nbuild {\n  sources = ["source.null.x"]\n  provisioner "shell-local" {}\n  post-processor "manifest" {}\n}\n' },
    {
      name: "a plugin pinned in MODULE.bazel provides the type without required_plugins",
      code: 'source "amazon-ebs" "x" {}\n',
      pluginPins: { "github.com/hashicorp/amazon": "1.8.2" },
    },
    {
      name: "every component Packer core registers",
      code:
        'source "file" "f" {}\ndata "http" "h" {}\ndata "null" "n" {}\ndata "hcp-packer-artifact" "a" {}\nbuild {\n  sources = ["source.file.f"]\n' +
        '  provisioner "sleep" {\n    duration = "10s"\n  }\n  provisioner "hcp-sbom" {}\n  provisioner "breakpoint" {}\n  provisioner "windows-restart" {}\n' +
        '  error-cleanup-provisioner "windows-shell" {}\n  post-processors {\n    post-processor "artifice" {}\n    post-processor "checksum" {}\n    post-processor "compress" {}\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "sleep is a builtin provisioner, not a post-processor",
      code: 'source "null" "x" {}\nbuild {\n  sources = ["source.null.x"]\n  post-processor "sleep" {}\n}\n',
      errors: [{ message: "sleep comes from a plugin that required_plugins does not list: packer init will not install it, so the build works only where the plugin is already installed", line: 4, column: 18, severity: "warning" }],
    },
    { code: 'source "amazon-ebs" "x" {}\n', errors: [{ message: "amazon-ebs comes from a plugin that required_plugins does not list: packer init will not install it, so the build works only where the plugin is already installed", line: 1, column: 8, severity: "warning" }] },
    {
      name: "with plugins pinned in MODULE.bazel Packer sees only those: an error",
      code: 'source "amazon-ebs" "x" {}\n',
      pluginPins: { "github.com/hashicorp/googlecompute": "1.2.7" },
      errors: [{ message: "amazon-ebs: no plugin pinned in MODULE.bazel provides it (pinned: github.com/hashicorp/googlecompute 1.2.7), and Packer sees only those", line: 1, column: 8, severity: "error" }],
    },
    { code: `${AMAZON}build {\n  provisioner "ansible" {}\n}\n`, errors: [{ message: "ansible comes from a plugin that required_plugins does not list: packer init will not install it, so the build works only where the plugin is already installed", line: 7, column: 15, severity: "warning" }] },
  ],
});

describe("SYN-05 hints", () => {
  it("name the plugin's own publisher where HashiCorp does not publish it", () => {
    const hints = (code: string) => runSample({ code }).filter((f) => f.rule === "SYN-05").map((f) => f.hint);
    expect(hints('source "hcloud" "x" {}\n')).toEqual(['add packer { required_plugins { hcloud = { source = "github.com/hetznercloud/hcloud", version = "~> 1.0" } } }']);
    expect(hints('source "amazon-ebs" "x" {}\n')).toEqual(['add packer { required_plugins { amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.0" } } }']);
  });
});

describe("SYN-01 and what the parser recovered", () => {
  it("reports only the syntax error on its line, not the unknown variables a misparse makes of it", () => {
    const code = 'build {\n  provisioner "powershell" {\n    inline = ["a"]\n    elevated_execute_command = powershell -executionpolicy bypass "& { exit 0 }"\n  }\n}\n';
    const findings = runSample({ code }).filter((f) => f.line === 4);
    expect(findings.map((f) => f.rule)).toEqual(["SYN-01"]);
    expect(findings[0]!.message).toMatch(/missing newline after argument `elevated_execute_command`/);
  });
});
