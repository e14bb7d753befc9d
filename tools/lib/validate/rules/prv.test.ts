import { describe, expect, it } from "vitest";
import { ruleTester, runSample } from "../tester/testing.ts";
import { rule as prv01 } from "./prv-01-only-except-sources.ts";
import { rule as prv02 } from "./prv-02-only-or-except.ts";
import { rule as prv03 } from "./prv-03-shell-scripts.ts";
import { rule as prv04 } from "./prv-04-sudo-for-packages.ts";
import { rule as prv05 } from "./prv-05-sudo-drops-environment.ts";
import { rule as prv06 } from "./prv-06-apt-update-and-wait.ts";
import { rule as prv07 } from "./prv-07-package-manager-base-image.ts";

const SRC = `source "amazon-ebs" "runner" {
  ssh_username = "ec2-user"
  source_ami_filter {
    filters = { name = "al2023-ami-*" }
    owners  = ["137112412989"]
  }
}
`;

/** A build of `source` running `inline` (one provisioner; `extra` goes before inline). */
const build = (source: string, inline: string[], extra = ""): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n${extra}    inline = ${JSON.stringify(inline)}\n  }\n}\n`;
/** The same with a script file. */
const scripted = (source: string): string => `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n`;
const NOBLE = 'source "amazon-ebs" "u" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';
const AL2023 = 'source "amazon-ebs" "a" {\n  ssh_username = "ec2-user"\n  source_ami_filter {\n    filters = { name = "al2023-ami-2023.*-x86_64" }\n    owners  = ["amazon"]\n  }\n}\n';
const DEBIAN_FRONTEND = '    environment_vars = ["DEBIAN_FRONTEND=noninteractive"]\n';

ruleTester(prv01, {
  valid: [
    { code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    only   = ["amazon-ebs.runner"]\n    inline = ["true"]\n  }\n}\n` },
    {
      name: "sources from a variable (chef/bento)",
      code: 'source "null" "a" {\n  communicator = "none"\n}\nsource "null" "b" {\n  communicator = "none"\n}\nvariable "sources_enabled" {\n  type    = list(string)\n  default = ["source.null.a", "source.null.b"]\n}\nbuild {\n  sources = var.sources_enabled\n  post-processor "manifest" {\n    only = ["null.b"]\n  }\n}\n',
    },
    {
      name: "sources Packer only knows at build time",
      code: 'source "null" "a" {\n  communicator = "none"\n}\nvariable "sources" {\n  type = list(string)\n}\nbuild {\n  sources = var.sources\n  post-processor "manifest" {\n    except = ["null.a"]\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "sources from a variable: an entry naming none of them",
      code: 'source "null" "a" {\n  communicator = "none"\n}\nvariable "sources_enabled" {\n  type    = list(string)\n  default = ["source.null.a"]\n}\nbuild {\n  sources = var.sources_enabled\n  post-processor "manifest" {\n    only = ["null.b"]\n  }\n}\n',
      errors: [{ message: '"null.b" never matches a source of this build; did you mean null.a?', line: 11, column: 13 }],
    },
    {
      code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    only   = ["source.amazon-ebs.runner"]\n    inline = ["true"]\n  }\n}\n`,
      errors: [{ message: '"source.amazon-ebs.runner" never matches; use "amazon-ebs.runner"', line: 11, column: 15, severity: "warning" }],
    },
    {
      name: "renamed build source",
      code: `${SRC}build {\n  source "amazon-ebs.runner" {\n    name = "arm"\n  }\n  post-processor "manifest" {\n    except = ["amazon-ebs.runner"]\n  }\n}\n`,
      errors: [{ message: '"amazon-ebs.runner" never matches: the build names this source "amazon-ebs.arm"', line: 13, column: 15 }],
    },
  ],
});

ruleTester(prv02, {
  valid: [{ code: 'build {\n  provisioner "shell" {\n    except = ["null.a"]\n  }\n}\n' }],
  invalid: [{ code: 'build {\n  provisioner "shell" {\n    only = ["null.a"]\n    except = ["null.b"]\n  }\n}\n', errors: [{ message: "only one of 'only' or 'except' may be specified", line: 4, column: 5 }] }],
});

ruleTester(prv03, {
  valid: [
    {
      name: "inline, script and scripts where all but one are null (unset for Packer)",
      code:
        'variable "p" {\n  type    = any\n  default = {}\n}\nbuild {\n  provisioner "shell" {\n    inline  = try(var.p.inline, null)\n    script  = null\n' +
        '    scripts = try(var.p.scripts, ["${path.root}/a.sh"])\n  }\n}\n',
      disk: { "a.sh": "" },
    },
    {
      name: "a file provisioner whose except leaves out the only source is never prepared",
      code:
        'source "null" "a" {\n  communicator = "none"\n}\nsource "null" "b" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n' +
        '  provisioner "file" {\n    source      = "${path.root}/missing.conf"\n    destination = "/tmp/x"\n    except      = ["null.a"]\n  }\n' +
        '  provisioner "shell" {\n    script = "${path.root}/missing.sh"\n    only   = ["null.b"]\n  }\n}\n',
    },
    { code: { "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "${path.root}/setup.sh"\n  }\n}\n' }, disk: { "images/setup.sh": "set -e\n" } },
    { name: "an absolute script path", code: 'build {\n  provisioner "shell" {\n    scripts = ["/opt/a.sh"]\n  }\n}\n', disk: { "/opt/a.sh": "" } },
    {
      name: "a script path from a variable",
      code: 'variable "dir" {\n  default = "scripts"\n}\nbuild {\n  provisioner "shell-local" {\n    script = "${var.dir}/a.sh"\n  }\n}\n',
      disk: { "scripts/a.sh": "" },
    },
    { name: "an inline script naming a relative file", code: 'build {\n  provisioner "shell" {\n    inline = ["./scripts/a.sh", "cd conf"]\n  }\n}\n' },
    {
      name: "relative destinations, a download and a generated source",
      code:
        'build {\n  provisioner "file" {\n    source      = "${path.root}/conf/a"\n    destination = "conf/a"\n  }\n  provisioner "file" {\n    source      = "/var/log/x"\n    destination = "logs/x"\n    direction   = "download"\n  }\n' +
        '  provisioner "file" {\n    source      = "${path.root}/out/sbom.json"\n    destination = "/tmp/sbom.json"\n    generated   = true\n  }\n}\n',
      disk: { "conf/a": "" },
    },
    { code: 'build {\n  provisioner "file" {\n    source = "${path.root}/conf/"\n    destination = "/tmp"\n  }\n  provisioner "file" {\n    source = "/var/log/x"\n    destination = "x"\n    direction = "download"\n  }\n}\n', disk: { "conf/a": "" } },
    {
      name: 'generated = "true" converts to a bool (troyfontaine/vsc-remote-skills-test)',
      code: 'build {\n  provisioner "shell-local" {\n    inline = ["hugo -d ../docs/public"]\n  }\n  provisioner "file" {\n    source      = "${path.root}/../docs/scenarios/apache/public"\n    destination = "/tmp/public"\n    generated   = "true"\n  }\n}\n',
    },
  ],
  invalid: [
    { code: 'build {\n  provisioner "shell" {\n  }\n}\n', errors: [{ message: "Either a script file or inline script must be specified.", line: 2, column: 15 }] },
    {
      code: 'build {\n  provisioner "shell" {\n    inline = ["x"]\n    script = "${path.root}/a.sh"\n  }\n}\n',
      disk: { "a.sh": "" },
      errors: [{ message: "Only one of inline, scripts, or script can be specified (found inline and script).", line: 4, column: 5 }],
    },
    {
      name: "a relative script that exists from the working directory",
      code: 'build {\n  provisioner "shell" {\n    scripts = ["scripts/a.sh", "${path.root}/scripts/b.sh"]\n  }\n}\n',
      disk: { "scripts/a.sh": "", "scripts/b.sh": "" },
      errors: [{ message: 'Script "scripts/a.sh" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template', line: 3, column: 16 }],
    },
    {
      name: "a ./ script of shell-local, template in a subdirectory",
      code: { "images/main.pkr.hcl": 'build {\n  provisioner "shell-local" {\n    script = "./images/setup.sh"\n  }\n}\n' },
      disk: { "images/setup.sh": "" },
      errors: [{ message: 'Script "images/setup.sh" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template', line: 3, column: 14 }],
    },
    {
      name: "relative file provisioner source and sources",
      code: 'build {\n  provisioner "file" {\n    source      = "conf/agent.json"\n    destination = "/tmp/agent.json"\n  }\n  provisioner "file" {\n    sources     = ["${path.root}/conf/a", "conf/b"]\n    destination = "/tmp/"\n  }\n}\n',
      disk: { "conf/agent.json": "{}", "conf/a": "", "conf/b": "" },
      errors: [
        { message: 'Source "conf/agent.json" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template', line: 3, column: 19 },
        { message: 'Source "conf/b" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template', line: 7, column: 43 },
      ],
    },
    {
      code: { "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n' },
      disk: { "images/setup.sh": "" },
      errors: [{ message: 'Bad script "setup.sh": not found from the working directory, but it exists next to the template (images/setup.sh)', line: 3, column: 14 }],
    },
    { code: 'build {\n  provisioner "shell" {\n    script = "nope.sh"\n  }\n}\n', errors: [{ message: 'Bad script "nope.sh": no such file (looked from the working directory)', line: 3, column: 14 }] },
    {
      name: "a file provisioner that runs for one of the build's sources is checked",
      code:
        'source "null" "a" {\n  communicator = "none"\n}\nsource "null" "b" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a", "source.null.b"]\n' +
        '  provisioner "file" {\n    source      = "${path.root}/missing.conf"\n    destination = "/tmp/x"\n    except      = ["null.a"]\n  }\n}\n',
      errors: [{ message: 'Bad source "missing.conf": no such file or directory', line: 10, column: 19 }],
    },
    {
      name: "file provisioner source next to the template",
      code: { "images/main.pkr.hcl": 'build {\n  provisioner "file" {\n    source      = "conf/agent.json"\n    destination = "/tmp/agent.json"\n  }\n}\n' },
      disk: { "images/conf/agent.json": "{}" },
      errors: [{ message: 'Bad source "conf/agent.json": not found from the working directory, but it exists next to the template (images/conf/agent.json)', line: 3, column: 19 }],
    },
  ],
});

ruleTester(prv07, {
  valid: [
    { code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y zip"]\n  }\n}\n` },
    {
      name: "EPEL on RHEL, which logs in as ec2-user too (Sandipangh86/AMI-creation)",
      code: 'source "amazon-ebs" "hello-ec2" {\n  source_ami_filter {\n    filters     = { name = "RHEL-8.6.0*" }\n    owners      = ["309956199498"]\n    most_recent = "true"\n  }\n  ami_name      = "rhel-{{timestamp}}"\n  instance_type = "t3.large"\n  ssh_username  = "ec2-user"\n}\nbuild {\n  sources = ["source.amazon-ebs.hello-ec2"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y epel-release", "sudo yum install dialog -y"]\n  }\n}\n',
    },
    {
      name: "ssh_username admin means Debian on AWS only (a kickstarted Rocky 9 on Proxmox)",
      code: 'variable "ssh_user" {\n  default = "admin"\n  type    = string\n}\nsource "proxmox-iso" "rocky9" {\n  node         = "proxmox"\n  iso_file     = "local:iso/Rocky-9.4-x86_64.iso"\n  ssh_username = "${var.ssh_user}"\n  ssh_password = "admin"\n}\nbuild {\n  sources = ["source.proxmox-iso.rocky9"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y qemu-guest-agent"]\n  }\n}\n',
    },
    {
      name: "EPEL where only ec2-user and dnf hint at AL2023 (RHEL 9 by a literal AMI)",
      code: 'source "amazon-ebs" "rhel9" {\n  region        = "us-east-1"\n  source_ami    = "ami-09c813fb71547fc4f"\n  instance_type = "t3.small"\n  ssh_username  = "ec2-user"\n  ami_name      = "golden-image"\n}\nbuild {\n  sources = ["source.amazon-ebs.rhel9"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y https://dl.fedoraproject.org/pub/epel/epel-release-latest-9.noarch.rpm"]\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "EPEL on an image known to be AL2023",
      code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    inline = ["sudo dnf install -y epel-release"]\n  }\n}\n`,
      errors: [{ message: 'EPEL on Amazon Linux 2023 (base from filter name "al2023-ami-*")', line: 11, column: 36 }],
    },
    {
      code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    inline = ["sudo apt-get install -y zip", "sudo amazon-linux-extras install epel"]\n  }\n}\n`,
      errors: [
        { message: 'apt-get on Amazon Linux 2023 (base from filter name "al2023-ami-*")', line: 11, column: 21, severity: "error" },
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

describe("PRV-03 hints", () => {
  const hint = (code: Record<string, string>, disk: Record<string, string>): string | undefined =>
    runSample({ code, disk }).find((f) => f.rule === "PRV-03")?.hint;
  it("anchors the path at the template's directory", () => {
    expect(hint({ "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "images/setup.sh"\n  }\n}\n' }, { "images/setup.sh": "" })).toBe(
      'write "${path.root}/setup.sh" and list the file in the packer_image target\'s data',
    );
    expect(hint({ "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "scripts/setup.sh"\n  }\n}\n' }, { "scripts/setup.sh": "" })).toBe(
      'write "${path.root}/../scripts/setup.sh" and list the file in the packer_image target\'s data',
    );
    expect(hint({ "main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "./setup.sh"\n  }\n}\n' }, { "setup.sh": "" })).toBe(
      'write "${path.root}/setup.sh" and list the file in the packer_image target\'s data',
    );
  });

  it("a relative path that exists is a warning (it works from one directory); a missing one an error", () => {
    const severity = (disk: Record<string, string>) =>
      runSample({ code: { "main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n' }, disk }).find((f) => f.rule === "PRV-03")?.severity;
    expect(severity({ "setup.sh": "" })).toBe("warning");
    expect(severity({})).toBe("error");
  });
});

ruleTester(prv04, {
  valid: [
    {
      name: "commands in a quoted heredoc body are data (a boot script written with sudo tee)",
      code: scripted(AL2023),
      disk: { "setup.sh": "#!/bin/bash\nset -euo pipefail\ncat << 'EOF' | sudo tee /usr/local/bin/on-boot.sh\n#!/bin/bash\nsystemctl restart docker\ndnf install -y jq\nEOF\nsudo chmod +x /usr/local/bin/on-boot.sh\n" },
    },
    {
      name: "<<-WORD and <<\"WORD\" heredocs across inline lines",
      code: build(AL2023, ["cat <<-EOF > /tmp/a.sh", "\tsystemctl restart docker", "\tEOF", 'cat <<"EOT" >> /tmp/b.sh', "yum install -y x", "EOT", "sudo bash /tmp/a.sh"]),
    },
    { name: "a root shell running a heredoc script", code: build(AL2023, ["sudo bash <<'EOF'\ndnf install -y git\nsystemctl enable --now amazon-ssm-agent\nEOF"]) },
    { name: "sudo after then/do/else", code: build(AL2023, ["if ! rpm -q git; then sudo dnf install -y git; else sudo systemctl restart sshd; fi", "for i in 1 2 3; do sudo dnf makecache && break; done"]) },
  ],
  invalid: [
    {
      name: "a command in an if body still needs sudo",
      code: build(AL2023, ["if [ -f /etc/x ]; then systemctl restart x; fi"]),
      errors: [{ message: "systemctl needs sudo (the provisioner runs as ec2-user)", line: 11, column: 39 }],
    },
    {
      name: "after the heredoc's terminator, lines are commands again",
      code: scripted(AL2023),
      disk: { "setup.sh": "cat <<EOF > /tmp/x\nsystemctl restart a\nEOF\nsystemctl restart docker\n" },
      errors: [{ message: "systemctl needs sudo (the provisioner runs as ec2-user)", line: 4, column: 1, file: "setup.sh" }],
    },
    {
      name: "the commands of sh -c without sudo",
      code: build(AL2023, ["sh -c 'dnf install -y zip'"]),
      errors: [{ message: "dnf needs sudo (the provisioner runs as ec2-user)", line: 11, column: 23 }],
    },
  ],
});

ruleTester(prv05, {
  valid: [
    {
      name: "$VAR on the sudo command line is expanded before sudo runs",
      code: build(
        NOBLE,
        [
          "sudo mv node_exporter-$NODE_EXPORTER_VERSION.linux-amd64/node_exporter /usr/local/bin/",
          'sudo tar -C /opt -xzf "x-${NODE_EXPORTER_VERSION}.tgz"',
          'sudo sh -c "echo $NODE_EXPORTER_VERSION > /etc/node_exporter.version"',
        ],
        '    environment_vars = ["NODE_EXPORTER_VERSION=1.8.2"]\n',
      ),
    },
    { name: "sudo -E and --preserve-env=NAME keep it", code: build(NOBLE, ["sudo -E apt-get install -y zip", "sudo --preserve-env=DEBIAN_FRONTEND apt-get install -y git"], DEBIAN_FRONTEND) },
    { name: "set again inside sh -c", code: build(NOBLE, ["sudo sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y zip'"], DEBIAN_FRONTEND) },
    { name: "sudo runs nothing that reads it", code: build(NOBLE, ["sudo systemctl restart ssh"], DEBIAN_FRONTEND) },
  ],
  invalid: [
    {
      name: "apt-get reads DEBIAN_FRONTEND from its environment",
      code: build(NOBLE, ["sudo apt-get install -y zip"], DEBIAN_FRONTEND),
      errors: [{ message: "sudo drops DEBIAN_FRONTEND from environment_vars", line: 12, column: 16 }],
    },
    {
      name: "apt-get in sudo sh -c",
      code: build(NOBLE, ["sudo sh -c 'apt-get update && apt-get install -y zip'"], DEBIAN_FRONTEND),
      errors: [{ message: "sudo drops DEBIAN_FRONTEND from environment_vars", line: 12, column: 16 }],
    },
    {
      name: "$VAR in single quotes of sudo sh -c is expanded by the root shell",
      code: build(NOBLE, ["sudo sh -c 'echo $VERSION > /etc/version'", 'sudo bash -c "echo \\$VERSION > /etc/v2"'], '    environment_vars = ["VERSION=1"]\n'),
      errors: [
        { message: "sudo drops VERSION from environment_vars", line: 12, column: 16 },
        { message: "sudo drops VERSION from environment_vars", line: 12, column: 59 },
      ],
    },
    {
      name: "a script run by sudo",
      code: build(NOBLE, ["sudo /tmp/install.sh", "sudo bash /tmp/other.sh"], '    environment_vars = ["VERSION=1"]\n'),
      errors: [
        { message: "sudo drops VERSION from environment_vars", line: 12, column: 16 },
        { message: "sudo drops VERSION from environment_vars", line: 12, column: 39 },
      ],
    },
  ],
});

ruleTester(prv06, {
  valid: [
    { name: "update in sudo sh -c", code: build(NOBLE, ["cloud-init status --wait", "sudo sh -c 'apt-get update && apt-get install -y nginx'", "sudo apt-get install -y jq"]) },
    { name: "update in a retry loop", code: build(NOBLE, ["cloud-init status --wait", "for i in 1 2 3; do sudo apt-get update && break || sleep 15; done", "sudo apt-get install -y jq"]) },
    {
      name: "update after while/until/{/( and behind wrappers",
      code: build(NOBLE, [
        "cloud-init status --wait",
        "until sudo apt-get update; do sleep 5; done",
        "while ! sudo timeout 300 apt-get update; do sleep 5; done",
        "{ sudo nice -n 10 eatmydata apt-get update; }",
        "(sudo apt-get update)",
        "retry sudo apt-get update",
        "sudo apt-get install -y jq",
      ]),
    },
    {
      name: "quiet level 2 implies -y; so do yes | and APT::Get::Assume-Yes",
      code: build(NOBLE, [
        "cloud-init status --wait",
        "sudo apt-get -qq update",
        "sudo apt-get -qq install jq",
        "sudo apt-get -q=2 install git",
        "sudo apt-get -q -q install zip",
        "sudo apt-get --quiet=2 install curl",
        "sudo apt-get install --assume-yes unzip",
        "sudo apt-get -o APT::Get::Assume-Yes=true install make",
        "yes | sudo apt-get install gcc",
      ]),
    },
  ],
  invalid: [
    {
      name: "DEBIAN_FRONTEND=noninteractive and -q do not answer apt's questions",
      code: build(NOBLE, ["cloud-init status --wait", "sudo apt-get update", "sudo DEBIAN_FRONTEND=noninteractive apt-get install jq", "sudo apt-get -q install git"]),
      errors: [
        { message: "apt-get install without -y waits for an answer", line: 11, column: 101 },
        { message: "apt-get install without -y waits for an answer", line: 11, column: 127 },
      ],
    },
    {
      name: "an install in an if body without -y",
      code: build(NOBLE, ["cloud-init status --wait", "sudo apt-get update", "if ! command -v jq; then sudo apt-get install jq; fi"]),
      errors: [{ message: "apt-get install without -y waits for an answer", line: 11, column: 95 }],
    },
  ],
});

ruleTester(prv07, {
  valid: [
    {
      name: "command -v / which / type / hash only look a program up",
      code: build(NOBLE, ["command -v yum >/dev/null && echo rpm-based || echo deb-based", "command -V dnf || true", "which yum", "type dnf", "hash zypper 2>/dev/null || true"]),
    },
    {
      name: "a case \"$ID\" branch for another distribution",
      code: scripted(NOBLE),
      disk: { "setup.sh": '#!/usr/bin/env bash\nset -euo pipefail\n. /etc/os-release\ncase "$ID" in\n  ubuntu|debian)\n    sudo apt-get update\n    sudo apt-get install -y curl\n    ;;\n  amzn)\n    sudo dnf install -y curl\n    ;;\nesac\n' },
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
      code: build(NOBLE, ["if command -v dnf; then sudo dnf install -y jq; fi", "sudo dnf install -y git", "sudo sh -c 'yum install -y zip'", "command yum install -y tar"]),
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

describe("positions in script files", () => {
  it("every finding of a long script names its own line and column (CRLF and LF line ends)", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? "  sudo yum install -y a" : i % 3 === 1 ? "echo é😀; sudo yum install -y b" : "sudo yum install -y c"));
    const script = lines.map((l, i) => l + (i % 2 === 0 ? "\r\n" : "\n")).join("");
    const code = `${NOBLE}build {\n  sources = ["source.amazon-ebs.u"]\n  provisioner "shell" {\n    script = "\${path.root}/setup.sh"\n  }\n}\n`;
    const found = runSample({ code: { "main.pkr.hcl": code }, disk: { "setup.sh": script } }).filter((f) => f.rule === "PRV-07");
    expect(found).toHaveLength(3000);
    expect(found.map((f) => [f.line, f.column])).toEqual(lines.map((l, i) => [i + 1, i % 3 === 0 ? 8 : i % 3 === 1 ? 15 : 6]));
  });
});

describe("one cause, one finding", () => {
  it("five apt-get installs without -y: one warning with the count; two stay two", () => {
    const lines = (n: number) => ["cloud-init status --wait", "sudo apt-get update", ...Array.from({ length: n }, (_, i) => `sudo apt-get install pkg${i}`)];
    const five = runSample({ code: build(NOBLE, lines(5)) }).filter((f) => f.rule === "PRV-06");
    expect(five.map((f) => [f.message, f.severity])).toEqual([["apt-get install without -y waits for an answer (and 4 more lines like it)", "warning"]]);
    const two = runSample({ code: build(NOBLE, lines(2)) }).filter((f) => f.rule === "PRV-06");
    expect(two.map((f) => f.message)).toEqual(["apt-get install without -y waits for an answer", "apt-get install without -y waits for an answer"]);
  });
});
