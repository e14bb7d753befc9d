import { ruleTester } from "../tester/testing.ts";
import { rule as prv04 } from "./prv-04-sudo-for-packages.ts";
import { rule as prv08 } from "./prv-08-yum-skip-missing-names.ts";
import { rule as src06 } from "./src-06-ssh-username-base-image.ts";
import { rule as syn04 } from "./syn-04-unbounded-plugin-version.ts";
import { rule as syn06 } from "./syn-06-invalid-name.ts";
import { rule as wf04 } from "./wf-04-amazon-linux-2.ts";
import { rule as wf05 } from "./wf-05-ubuntu-user-namespaces.ts";

const build = (source: string, inline: string[], extra = ""): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n${extra}    inline = ${JSON.stringify(inline)}\n  }\n}\n`;
const AL2 = 'source "amazon-ebs" "r" {\n  source_ami   = "ami-051dfed8f67f095f5"\n  ssh_username = "ec2-user"\n}\n';
const NOBLE = 'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

ruleTester(syn04, {
  valid: [{ code: 'packer {\n  required_plugins {\n    a = { source = "github.com/x/a", version = "~> 1.3" }\n    b = { source = "github.com/x/b", version = ">= 1.2, < 2" }\n    c = { source = "github.com/x/c", version = "1.2.3" }\n  }\n}\n' }],
  invalid: [
    {
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = ">= 1.1.5" }\n  }\n}\n',
      errors: [{ message: 'amazon ">= 1.1.5" unpinned; use "~> 1.1"', line: 3, column: 66, severity: "warning" }],
    },
    {
      name: 'from 0.x, "~> 0.0" would shut out the 1.x the constraint allows (philips-labs)',
      code: 'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = ">= 0.0.2" }\n  }\n}\n',
      errors: [{ message: 'amazon ">= 0.0.2" unpinned; bound it to the major version in use, e.g. "~> 1.3"', line: 3, column: 66, severity: "warning" }],
    },
  ],
});

ruleTester(syn06, {
  valid: [{ code: 'variable "a-b_c" {}\nsource "null" "_x" {}\n' }],
  invalid: [
    { code: 'variable "2nd" {}\n', errors: [{ message: /^Invalid variable name "2nd": a name must start with a letter/, line: 1, column: 10 }] },
    { code: 'source "null" "my source" {}\n', errors: [{ message: /^Invalid source name "my source"/, line: 1, column: 15 }] },
  ],
});

ruleTester(prv04, {
  valid: [
    { code: build(AL2, ["sudo yum install -y zip", "sudo systemctl enable rsyslog", "yum list installed"]) },
    { name: "quoted sudo sh -c", code: build(AL2, ["sudo sh -c 'yum makecache && yum install -y zip' # don't split quotes"]) },
    { code: build(AL2, ["yum install -y zip"], "    execute_command = \"sudo -S sh -c '{{ .Vars }} {{ .Path }}'\"\n") },
    { name: "systemctl --user manages the user's own units", code: build(NOBLE, ["systemctl --user enable --now podman.socket", "systemctl --user daemon-reload"]) },
    {
      name: "a script that re-runs itself under sudo",
      code: 'source "amazon-ebs" "r" {\n  ssh_username = "ec2-user"\n}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n',
      disk: { "setup.sh": '#!/bin/bash\nset -euo pipefail\n[ "$(id -u)" -eq 0 ] || exec sudo -E "$0" "$@"\nyum install -y git\nsystemctl enable --now amazon-ssm-agent\n' },
    },
  ],
  invalid: [
    {
      code: build(AL2, ["yum install -y zip", "sudo true && systemctl enable rsyslog"]),
      errors: [
        { message: "yum needs sudo (the provisioner runs as ec2-user)", line: 8, column: 16 },
        { message: "systemctl needs sudo (the provisioner runs as ec2-user)", line: 8, column: 50 },
      ],
    },
  ],
});

ruleTester(prv08, {
  valid: [{ code: build(AL2, ["sudo yum --setopt=skip_missing_names_on_install=False install -y zip"]) }],
  invalid: [{ code: build(AL2, ["sudo yum install -y zip"]), errors: [{ message: "yum on AL2 skips missing package names and exits 0", line: 8, column: 21 }] }],
});

ruleTester(src06, {
  valid: [{ code: build(NOBLE, ["true"]) }],
  invalid: [
    {
      code: build(NOBLE.replace('"ubuntu"', '"ec2-user"'), ["true"]),
      errors: [{ message: 'ubuntu AMI with ssh_username "ec2-user" → SSH timeout', line: 2, column: 18 }],
    },
  ],
});

ruleTester(wf04, {
  valid: [{ code: build(NOBLE, ["true"]) }],
  invalid: [{ code: build(AL2, ["true"]), errors: [{ message: "Amazon Linux 2 reaches end of support on 2026-06-30; migrate to AL2023", line: 1, column: 8 }] }],
});

ruleTester(wf05, {
  valid: [{ code: build(NOBLE, ["echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee /etc/sysctl.d/99-userns.conf"]) }],
  invalid: [{ code: build(NOBLE, ["true"]), errors: [{ message: "Ubuntu 24.04 without kernel.apparmor_restrict_unprivileged_userns=0: Bazel linux-sandbox will fail", line: 1, column: 8 }] }],
});
