import { describe, expect, it } from "vitest";
import { ruleTester, runSample } from "../tester/testing.ts";
import { rule as syn05 } from "./syn-05-component-without-plugin.ts";

const AMAZON = `packer {
  required_plugins {
    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }
  }
}
`;

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
      errors: [
        {
          message:
            "sleep comes from a plugin that required_plugins does not list: packer init will not install it, so the build works only where the plugin is already installed",
          line: 4,
          column: 18,
          severity: "warning",
        },
      ],
    },
    {
      code: 'source "amazon-ebs" "x" {}\n',
      errors: [
        {
          message:
            "amazon-ebs comes from a plugin that required_plugins does not list: packer init will not install it, so the build works only where the plugin is already installed",
          line: 1,
          column: 8,
          severity: "warning",
        },
      ],
    },
    {
      name: "with plugins pinned in MODULE.bazel Packer sees only those: an error",
      code: 'source "amazon-ebs" "x" {}\n',
      pluginPins: { "github.com/hashicorp/googlecompute": "1.2.7" },
      errors: [
        {
          message: "amazon-ebs: no plugin pinned in MODULE.bazel provides it (pinned: github.com/hashicorp/googlecompute 1.2.7), and Packer sees only those",
          line: 1,
          column: 8,
          severity: "error",
        },
      ],
    },
    {
      code: `${AMAZON}build {\n  provisioner "ansible" {}\n}\n`,
      errors: [
        {
          message:
            "ansible comes from a plugin that required_plugins does not list: packer init will not install it, so the build works only where the plugin is already installed",
          line: 7,
          column: 15,
          severity: "warning",
        },
      ],
    },
  ],
});

describe("SYN-05 hints", () => {
  it("name the plugin's own publisher where HashiCorp does not publish it", () => {
    const hints = (code: string) =>
      runSample({ code })
        .filter((f) => f.rule === "SYN-05")
        .map((f) => f.hint);
    expect(hints('source "hcloud" "x" {}\n')).toEqual([
      'add packer { required_plugins { hcloud = { source = "github.com/hetznercloud/hcloud", version = "~> 1.0" } } }',
    ]);
    expect(hints('source "amazon-ebs" "x" {}\n')).toEqual([
      'add packer { required_plugins { amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.0" } } }',
    ]);
  });
});
