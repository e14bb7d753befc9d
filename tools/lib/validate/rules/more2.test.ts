import { ruleTester } from "../tester/testing.ts";
import { rule as fmt02 } from "./fmt-02-style.ts";
import { rule as nam04 } from "./nam-04-duplicate-image-name.ts";
import { rule as nam05 } from "./nam-05-force-deregister-repeated-name.ts";
import { rule as prv05 } from "./prv-05-sudo-drops-environment.ts";
import { rule as prv06 } from "./prv-06-apt-update-and-wait.ts";
import { rule as prv09 } from "./prv-09-reboot-and-set-e.ts";
import { rule as src05 } from "./src-05-ambiguous-ami-lookup.ts";
import { rule as src07 } from "./src-07-ssh-ingress.ts";
import { rule as var06 } from "./var-06-secret-variable.ts";

const build = (source: string, inline: string[], extra = ""): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n${extra}    inline = ${JSON.stringify(inline)}\n  }\n}\n`;
const DEB = 'source "amazon-ebs" "r" {\n  ssh_username = "admin"\n}\n';
const UBU = 'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n}\n';

ruleTester(nam04, {
  valid: [
    { code: 'source "amazon-ebs" "a" {\n  ami_name = "a-${var.v}"\n}\nsource "amazon-ebs" "b" {\n  ami_name = "b-${var.v}"\n}\nvariable "v" {}\n' },
    { code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${source.name}"\n}\nbuild {\n  source "amazon-ebs.a" {\n    name = "x"\n  }\n  source "amazon-ebs.a" {\n    name = "y"\n  }\n}\n' },
  ],
  invalid: [
    {
      code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${var.v}"\n}\nsource "amazon-ebs" "b" {\n  ami_name = "r-${var.v}"\n}\nvariable "v" {}\n',
      errors: [{ message: "ami_name is the same as for amazon-ebs.a; add ${var.arch} or ${source.name}", line: 5, column: 14 }],
    },
    {
      code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${var.v}"\n}\nvariable "v" {}\nbuild {\n  source "amazon-ebs.a" {\n    name = "x"\n  }\n  source "amazon-ebs.a" {\n    name = "y"\n  }\n}\n',
      errors: [{ message: "ami_name is the same for every build of amazon-ebs.a; add ${source.name}", line: 2, column: 14 }],
    },
  ],
});

ruleTester(nam05, {
  valid: [{ code: 'source "amazon-ebs" "a" {\n  ami_name = "r-{{timestamp}}"\n  force_deregister = true\n}\n' }],
  invalid: [
    {
      code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${var.v}"\n  force_deregister = true\n}\nvariable "v" {}\n',
      errors: [{ message: "force_deregister with a repeatable name deregisters the AMI live runners use", line: 3, column: 3 }],
    },
  ],
});

ruleTester(src05, {
  valid: [
    { code: 'source "amazon-ebs" "a" {\n  region = "us-east-2"\n  source_ami = "ami-1"\n  source_ami_filter {\n    filters = { name = "x-*" }\n    most_recent = true\n  }\n}\n' },
    {
      name: 'most_recent = "true" converts to a bool (Sandipangh86/AMI-creation)',
      code: 'source "amazon-ebs" "a" {\n  source_ami_filter {\n    filters     = { name = "RHEL-8.6.0*" }\n    owners      = ["309956199498"]\n    most_recent = "true"\n  }\n}\n',
    },
    {
      name: "most_recent from a variable",
      code: 'variable "most_recent" {\n  type    = bool\n  default = true\n}\nvariable "latest" {\n  type = bool\n}\nsource "amazon-ebs" "a" {\n  source_ami_filter {\n    filters     = { name = "al2023-ami-*" }\n    owners      = ["amazon"]\n    most_recent = var.most_recent\n  }\n}\ndata "amazon-ami" "b" {\n  filters     = { name = "al2023-ami-*" }\n  owners      = ["amazon"]\n  most_recent = var.latest\n}\n',
    },
  ],
  invalid: [
    {
      code: 'source "amazon-ebs" "a" {\n  source_ami_filter {\n    filters = { name = "al2023-ami-*" }\n  }\n}\n',
      errors: [{ message: 'AMI filter name "al2023-ami-*" has a wildcard but no most_recent = true', line: 3, column: 15 }],
    },
    {
      code: 'variable "region" {}\nsource "amazon-ebs" "a" {\n  region = var.region\n  source_ami = "ami-0abc"\n}\n',
      errors: [{ message: 'AMI IDs are regional: "ami-0abc" exists in one region, but region is a variable', line: 4, column: 16 }],
    },
  ],
});

ruleTester(src07, {
  valid: [{ code: build('source "amazon-ebs" "r" {\n  temporary_security_group_source_cidrs = ["10.0.0.0/8"]\n}\n', ["true"]) }],
  invalid: [{ code: build(DEB, ["true"]), errors: [{ message: "SSH opened to 0.0.0.0/0 during the build", line: 1, column: 8 }] }],
});

ruleTester(prv05, {
  valid: [{ code: build(DEB, ["sudo DEBIAN_FRONTEND=noninteractive apt-get install -y zip"], '    environment_vars = ["DEBIAN_FRONTEND=noninteractive"]\n') }],
  invalid: [
    {
      code: build(DEB, ["sudo apt-get install -y zip"], '    environment_vars = ["DEBIAN_FRONTEND=noninteractive"]\n'),
      errors: [{ message: "sudo drops DEBIAN_FRONTEND from environment_vars", line: 8, column: 16 }],
    },
  ],
});

ruleTester(prv06, {
  valid: [
    { code: build(DEB, ["sudo apt-get update", "sudo apt-get install -y zip"]) },
    { name: "update in an earlier provisioner", code: build(UBU, ["cloud-init status --wait", "sudo apt-get update && sudo apt-get install -y zip"]) },
    {
      name: "waiting for boot-finished as Packer's docs suggest (firehawk)",
      code: build(UBU, [
        "timeout 180 /bin/bash -c 'until stat /var/lib/cloud/instance/boot-finished &>/dev/null; do echo waiting...; sleep 6; done'",
        "sudo apt-get update && sudo apt-get install -y zip",
      ]),
    },
    { name: "the while loop form", code: build(UBU, ["while [ ! -f /var/lib/cloud/instance/boot-finished ]; do echo 'Waiting for cloud-init...'; sleep 1; done", "sudo apt-get update", "sudo apt-get install -y zip"]) },
    { name: "cloud-init status --wait under sudo sh -c", code: build(UBU, ["sudo sh -c 'cloud-init status --long --wait'", "sudo apt-get update", "sudo apt-get install -y zip"]) },
  ],
  invalid: [
    {
      code: build(DEB, ["sudo apt-get install zip"]),
      errors: [
        { message: "apt-get install before apt-get update", line: 7, column: 21 },
        { message: "apt-get install without -y waits for an answer", line: 7, column: 21 },
      ],
    },
    { code: build(UBU, ["sudo apt-get update"]), errors: [] },
    {
      code: build(UBU, ["sudo apt-get update", "sudo apt-get install -y zip"]),
      errors: [{ message: "apt on Ubuntu before cloud-init status --wait: dpkg lock race", line: 7, column: 43 }],
    },
  ],
});

ruleTester(prv09, {
  valid: [
    { code: build(DEB, ["sudo reboot"], "    expect_disconnect = true\n") },
    { code: 'source "amazon-ebs" "r" {}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    script = "s.sh"\n  }\n}\n', disk: { "s.sh": "#!/bin/bash\nset -euo pipefail\n" } },
  ],
  invalid: [
    { code: build(DEB, ["sudo reboot"]), errors: [{ message: "reboot without expect_disconnect = true: Script disconnected unexpectedly", line: 7, column: 21 }] },
    {
      code: 'source "amazon-ebs" "r" {}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    script = "s.sh"\n  }\n}\n',
      disk: { "s.sh": "#!/bin/bash\nyum install -y x\n" },
      errors: [{ message: "script without set -e carries on after a failed command", line: 1, column: 1, file: "s.sh" }],
    },
  ],
});

ruleTester(var06, {
  valid: [
    { code: 'variable "api_token" {\n  sensitive = true\n}\nvariable "token_count" {\n  default = 1\n}\n' },
    {
      name: "a flag or a number named like a secret holds none (chef/bento)",
      code: 'variable "vmware_vnc_disable_password" {\n  type    = bool\n  default = true\n}\nvariable "use_password" {\n  default = false\n}\nvariable "min_password" {\n  type = number\n}\n',
    },
    {
      name: "the guest password a local VM's preseed sets is not a credential",
      code: 'source "qemu" "deb" {\n  iso_url      = "debian.iso"\n  ssh_username = "build"\n  ssh_password = "build"\n}\nsource "vsphere-iso" "win" {\n  winrm_username = "Administrator"\n  winrm_password = "S3cret!"\n}\n',
    },
  ],
  invalid: [
    {
      name: "a literal WinRM password of a cloud instance is",
      code: 'source "amazon-ebs" "w" {\n  winrm_password = "S3cret!"\n}\n',
      errors: [{ message: "literal credential in winrm_password", line: 2, column: 20, severity: "warning" }],
    },
    {
      name: "so is the vCenter password of a vsphere source",
      code: 'source "vsphere-iso" "w" {\n  password = "S3cret!"\n}\n',
      errors: [{ message: "literal credential in password", line: 2, column: 14, severity: "warning" }],
    },
    { code: 'variable "api_token" {}\n', errors: [{ message: "var.api_token should be sensitive", line: 1, column: 10, severity: "warning" }] },
    {
      code: 'source "amazon-ebs" "a" {\n  access_key = "AKIAABCDEFGHIJKLMNOP"\n}\n',
      errors: [{ message: "literal credential in access_key", line: 2, column: 16, severity: "warning" }],
    },
  ],
});


ruleTester(fmt02, {
  valid: [{ code: 'variable "region" {}\nsource "null" "x" {\n  a = var.region\n  b = "r-${var.region}"\n}\n' }],
  invalid: [
    {
      code: 'variable "awsRegion" {}\n// old style\nsource "null" "x" {\n  a = "${var.awsRegion}"\n}\n',
      errors: [
        { message: "var.awsRegion is not snake_case", line: 1, column: 10, severity: "info" },
        { message: "// comment → #", line: 2, column: 1 },
        { message: '"${var.awsRegion}" → var.awsRegion', line: 4, column: 7 },
      ],
    },
  ],
});
