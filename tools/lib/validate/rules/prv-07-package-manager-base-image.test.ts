import { build, scripted } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as prv07 } from "./prv-07-package-manager-base-image.ts";

const SRC = `source "amazon-ebs" "runner" {
  ssh_username = "ec2-user"
  source_ami_filter {
    filters = { name = "al2023-ami-*" }
    owners  = ["137112412989"]
  }
}
`;
const NOBLE =
  'source "amazon-ebs" "u" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

ruleTester(prv07, {
  valid: [
    { code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y zip"]\n  }\n}\n` },
    {
      name: "EPEL on RHEL, which logs in as ec2-user too (Sandipangh86/AMI-creation)",
      code:
        'source "amazon-ebs" "hello-ec2" {\n  source_ami_filter {\n    filters     = { name = "RHEL-8.6.0*" }\n    ' +
        'owners      = ["309956199498"]\n    most_recent = "true"\n  }\n  ami_name      = "rhel-{{timestamp}}"\n  ' +
        'instance_type = "t3.large"\n  ssh_username  = "ec2-user"\n}\nbuild {\n  sources = ' +
        '["source.amazon-ebs.hello-ec2"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y epel-release", ' +
        '"sudo yum install dialog -y"]\n  }\n}\n',
    },
    {
      name: "ssh_username admin means Debian on AWS only (a kickstarted Rocky 9 on Proxmox)",
      code:
        'variable "ssh_user" {\n  default = "admin"\n  type    = string\n}\nsource "proxmox-iso" "rocky9" {\n  node    ' +
        '     = "proxmox"\n  iso_file     = "local:iso/Rocky-9.4-x86_64.iso"\n  ssh_username = "${var.ssh_user}"\n  ' +
        'ssh_password = "admin"\n}\nbuild {\n  sources = ["source.proxmox-iso.rocky9"]\n  provisioner "shell" {\n    ' +
        'inline = ["sudo dnf install -y qemu-guest-agent"]\n  }\n}\n',
    },
    {
      name: "EPEL where only ec2-user and dnf hint at AL2023 (RHEL 9 by a literal AMI)",
      code:
        'source "amazon-ebs" "rhel9" {\n  region        = "us-east-1"\n  source_ami    = "ami-09c813fb71547fc4f"\n  ' +
        'instance_type = "t3.small"\n  ssh_username  = "ec2-user"\n  ami_name      = "golden-image"\n}\nbuild {\n  ' +
        'sources = ["source.amazon-ebs.rhel9"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y ' +
        'https://dl.fedoraproject.org/pub/epel/epel-release-latest-9.noarch.rpm"]\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "EPEL on an image known to be AL2023",
      code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y epel-release"]\n  }\n}\n`,
      errors: [{ message: 'EPEL on Amazon Linux 2023 (base from filter name "al2023-ami-*", owner 137112412989)', line: 11, column: 36 }],
    },
    {
      code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    inline = ["sudo apt-get install -y zip", "sudo amazon-linux-extras install epel"]\n  }\n}\n`,
      errors: [
        { message: 'apt-get on Amazon Linux 2023 (base from filter name "al2023-ami-*", owner 137112412989)', line: 11, column: 21, severity: "error" },
        { message: /^amazon-linux-extras on Amazon Linux 2023/, line: 11, column: 52 },
      ],
    },
    {
      name: "script file on Ubuntu",
      code: 'source "amazon-ebs" "u" {\n  ssh_username = "ubuntu"\n}\nbuild {\n  sources = ["source.amazon-ebs.u"]\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n',
      disk: { "setup.sh": "#!/bin/bash\nset -e\nsudo yum install -y git\n" },
      errors: [{ message: 'yum on Ubuntu (base guessed from ssh_username "ubuntu")', line: 3, column: 6, file: "setup.sh", severity: "warning" }],
    },
  ],
});

ruleTester(prv07, {
  valid: [
    {
      name: "command -v / which / type / hash only look a program up",
      code: build(NOBLE, [
        "command -v yum >/dev/null && echo rpm-based || echo deb-based",
        "command -V dnf || true",
        "which yum",
        "type dnf",
        "hash zypper 2>/dev/null || true",
      ]),
    },
    {
      name: 'a case "$ID" branch for another distribution',
      code: scripted(NOBLE),
      disk: {
        "setup.sh":
          '#!/usr/bin/env bash\nset -euo pipefail\n. /etc/os-release\ncase "$ID" in\n  ubuntu|debian)\n    sudo apt-get ' +
          "update\n    sudo apt-get install -y curl\n    ;;\n  amzn)\n    sudo dnf install -y curl\n    ;;\nesac\n",
      },
    },
    {
      name: "if/elif/else bodies, and && / || after a check",
      code: build(NOBLE, [
        "if command -v apt-get >/dev/null; then sudo apt-get install -y git; elif command -v yum >/dev/null; then sudo yum install -y git; else sudo zypper install -y git; fi",
        "command -v dnf && sudo dnf install -y jq || true",
        "[ -x /usr/bin/dnf ] && sudo dnf install -y tar",
        "test -f /etc/redhat-release && sudo yum install -y git",
        "grep -q amzn /etc/os-release && sudo yum install -y git",
        "[ -f /etc/debian_version ] || sudo yum install -y git",
      ]),
    },
    {
      name: "an if spanning inline lines",
      code: build(NOBLE, ["if [ -f /etc/redhat-release ]; then", "  sudo yum install -y git", "fi"]),
    },
  ],
  invalid: [
    {
      name: "outside any guard, after one, in sh -c, or run through command",
      code: build(NOBLE, [
        "if command -v dnf; then sudo dnf install -y jq; fi",
        "sudo dnf install -y git",
        "sudo sh -c 'yum install -y zip'",
        "command yum install -y tar",
      ]),
      errors: [
        { message: /^dnf on Ubuntu/, line: 11, column: 74 },
        { message: /^yum on Ubuntu/, line: 11, column: 107 },
        { message: /^yum on Ubuntu/, line: 11, column: 137 },
      ],
    },
    {
      name: "after && following an ordinary command",
      code: build(NOBLE, ["cd /tmp && sudo yum install -y git"]),
      errors: [{ message: /^yum on Ubuntu/, line: 11, column: 32 }],
    },
  ],
});
