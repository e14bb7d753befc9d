import { describe, expect, it } from "vitest";
import { runSample } from "../tester/testing.ts";

const PLUGINS = `packer {
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = ">= 1.2.0"
    }
  }
}
`;
/** A clean AL2023 template: every mistake below is one edit of it. */
const EBS = (body = "", extra = "") => `${PLUGINS}
source "amazon-ebs" "runner" {
  region        = "us-east-2"
  instance_type = "t3.medium"
  ssh_username  = "ec2-user"
  ami_name      = "runner-\${formatdate("YYYYMMDDhhmmss", timestamp())}"
  source_ami_filter {
    filters = {
      name = "al2023-ami-2023.*-x86_64"
    }
    owners      = ["137112412989"]
    most_recent = true
  }
${body}}

build {
  sources = ["source.amazon-ebs.runner"]
${extra}}
`;

describe("a misspelled type is reported once, where it is written", () => {
  it("no missing-plugin or unknown-source finding points at the typo", () => {
    const got = runSample({ code: EBS().replace('source "amazon-ebs"', 'source "amazon-ebss"') }).filter((f) => f.severity === "error");
    expect(got.map((f) => f.rule)).toEqual(["CMP-01"]);
  });
  it("a misspelled provisioner does not ask for a plugin", () => {
    const got = runSample({ code: EBS("", '  provisioner "shel" {\n    inline = ["true"]\n  }\n') }).filter((f) => f.rule === "SYN-05");
    expect(got).toEqual([]);
  });
});
