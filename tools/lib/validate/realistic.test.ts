/**
 * False positives are bugs: templates written the way real Workflows image repositories
 * write them (package lists in locals joined with format/join, for-expressions, the base
 * AMI looked up by a data source through a local, interpolated filter names) must give
 * no errors or warnings.
 */
import { describe, expect, it } from "vitest";
import { runSample } from "./tester/testing.ts";

const AL2023 = `packer {
  required_plugins {
    amazon = {
      version = ">= 1.1.5"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

variable "version" {
  type = string
}

variable "region" {
  type = string
}

variable "vpc_id" {
  type    = string
  default = null
}

variable "arch" {
  type    = string
  default = "amd64"
  validation {
    condition     = var.arch == "amd64" || var.arch == "arm64"
    error_message = "Expected arch to be either amd64 or arm64."
  }
}

data "amazon-ami" "base" {
  filters = {
    name                = "al2023-ami-2023.*-kernel-6.1-\${var.arch == "amd64" ? "x86_64" : var.arch}"
    virtualization-type = "hvm"
  }
  owners      = ["137112412989"]
  region      = var.region
  most_recent = true
}

locals {
  source_ami = data.amazon-ami.base.id
  packages   = ["amazon-cloudwatch-agent", "fuse", "git", "mdadm", "rsyslog", "zip", "patch"]
  services   = ["amazon-cloudwatch-agent"]
  instance_types = {
    amd64 = "t3a.small"
    arm64 = "c7g.medium"
  }
}

source "amazon-ebs" "runner" {
  ami_name      = "workflows-al2023-\${var.arch}-\${var.version}"
  instance_type = local.instance_types[var.arch]
  region        = var.region
  vpc_id        = var.vpc_id
  ssh_username  = "ec2-user"
  source_ami    = local.source_ami
  temporary_security_group_source_public_ip = true
}

build {
  sources = ["source.amazon-ebs.runner"]
  provisioner "shell" {
    inline = [
      format("sudo yum --setopt=skip_missing_names_on_install=False --assumeyes install %s", join(" ", local.packages)),
      format("sudo systemctl enable %s", join(" ", local.services)),
    ]
  }
}
`;

const UBUNTU = `packer {
  required_plugins {
    amazon = {
      version = "~> 1.3"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

variable "version" {
  type = string
}

variable "arch" {
  type    = string
  default = "amd64"
}

data "amazon-ami" "ubuntu" {
  filters = {
    name = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-\${var.arch}-server-*"
  }
  owners      = ["099720109477"]
  most_recent = true
}

locals {
  debs     = ["https://s3.amazonaws.com/amazoncloudwatch-agent/ubuntu/\${var.arch}/latest/amazon-cloudwatch-agent.deb"]
  packages = ["fuse", "git-lfs", "patch", "zip"]
}

source "amazon-ebs" "runner" {
  ami_name      = "workflows-ubuntu-\${var.arch}-\${var.version}"
  instance_type = "t3a.small"
  region        = "us-east-2"
  ssh_username  = "ubuntu"
  source_ami    = data.amazon-ami.ubuntu.id
  temporary_security_group_source_public_ip = true
}

build {
  sources = ["source.amazon-ebs.runner"]
  provisioner "shell" {
    inline = concat([
      for url in local.debs : format("sudo curl %s -O", url)
      ], [
      format("sudo dpkg --install --skip-same-version %s", join(" ", [for url in local.debs : basename(url)])),
      "sudo apt update",
      format("sudo apt-get install --assume-yes %s", join(" ", local.packages)),
      "sudo systemctl enable amazon-cloudwatch-agent",
      "echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee /etc/sysctl.d/99-userns.conf",
      "curl \\"https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip\\" -o awscliv2.zip && unzip awscliv2.zip && sudo ./aws/install",
    ])
  }
}
`;

const GCP_DEBIAN = `packer {
  required_plugins {
    googlecompute = {
      version = ">= 1.0.0"
      source  = "github.com/hashicorp/googlecompute"
    }
  }
}

variable "version" {
  type = string
}

variable "project" {
  type = string
}

variable "zone" {
  type = string
}

variable "arch" {
  type    = string
  default = "amd64"
}

locals {
  source_image = "debian-12-bookworm-\${var.arch == "arm64" ? "arm64-" : ""}v20241210"
  packages     = ["fuse", "git", "google-osconfig-agent", "rsync", "patch", "zip"]
}

source "googlecompute" "image" {
  project_id   = var.project
  image_name   = "workflows-debian-12-\${var.arch}-\${var.version}"
  source_image = local.source_image
  ssh_username = "packer"
  zone         = var.zone
}

build {
  sources = ["source.googlecompute.image"]

  // Install dependencies
  provisioner "shell" {
    inline = [
      "sudo apt-get update",
      format("sudo apt-get install --assume-yes %s", join(" ", local.packages)),
      "sudo systemctl enable google-osconfig-agent",
      "curl -sSO https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh",
      "sudo bash add-google-cloud-ops-agent-repo.sh --also-install",
    ]
  }
}
`;

describe("realistic templates", () => {
  // Only the listed warnings are expected: SYN-04 because these samples keep the ">= x.y"
  // plugin constraints real repositories use; FMT-01 because two keep a hand alignment of `=`
  // that packer fmt would change.
  const cases: Array<[string, string, Record<string, string>, string[]]> = [
    ["al2023 with data source through a local", AL2023, { version: "1", region: "us-east-2" }, ["SYN-04", "FMT-01"]],
    // PRV-06: like many real templates, this one runs apt without waiting for cloud-init. WF-01: the
    // data has no package list of Ubuntu's AMIs, so what the template leaves to the base is a warning.
    ["ubuntu with for-expressions and S3 .deb", UBUNTU, { version: "1" }, ["PRV-06", "FMT-01", "WF-01"]],
    ["gcp debian with format/join", GCP_DEBIAN, { version: "1", project: "p", zone: "us-central1-a" }, ["SYN-04"]],
  ];
  for (const [name, code, vars, expected] of cases) {
    it(`${name}: no errors, no unexpected warnings`, () => {
      const findings = runSample({ code, vars }).filter((f) => f.severity !== "info");
      expect(findings.map((f) => `${f.rule} ${f.line}:${f.column} ${f.message}`).filter((f) => !expected.includes(f.split(" ")[0]!))).toEqual([]);
      expect(findings.every((f) => f.severity !== "error")).toBe(true);
    });
  }
  it("detects the base through the data source and checks it", () => {
    const broken = AL2023.replace('"mdadm", ', "");
    const f = runSample({ code: `${broken}# An Aspect Workflows runner image.\n`, vars: { version: "1", region: "us-east-2" } }).filter(
      (x) => x.rule === "WF-01",
    );
    expect(f.map((x) => x.message)).toEqual(["mdadm missing for Amazon Linux 2023 (source amazon-ebs.runner); add it to the dnf install"]);
  });
});
