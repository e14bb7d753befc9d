import { ruleTester } from "../tester/testing.ts";
import { rule as wf01 } from "./wf-01-runner-programs.ts";

/** A build of `source` running `inline`, for an image the template calls a Workflows runner. */
const build = (source: string, inline: string[]): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    inline = ${JSON.stringify(inline)}\n  }\n}\n${RUNNER}`;
const RUNNER = "# The Aspect Workflows runner image.\n";
/** The line of the shell provisioner's label in build(source, …). */
const shellLine = (source: string): number => source.split("\n").length + 2;
const ami = (filter: string, owners = '["137112412989"]', extra = ""): string =>
  `source "amazon-ebs" "r" {\n  source_ami_filter {\n    filters = { name = "${filter}" }\n    owners  = ${owners}\n  }\n${extra}}\n`;
const AL2023 = ami("al2023-ami-2023.*");
const AL2023_MINIMAL = ami("al2023-ami-minimal-2023.*-kernel-6.1-x86_64");
const AL2023_ANY = ami("al2023-ami-*");
const AL2_MINIMAL = ami("amzn2-ami-minimal-hvm-*-x86_64-ebs", '["amazon"]');
const AL2 = 'source "amazon-ebs" "r" {\n  source_ami   = "ami-051dfed8f67f095f5"\n  ssh_username = "ec2-user"\n}\n';
const DEBIAN = (v: string) => ami(`debian-${v}-amd64-*`, '["136693071363"]');
const UBUNTU = 'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n}\n';
const NOBLE = ami("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*", '["099720109477"]');
const GCE = 'source "googlecompute" "r" {\n  source_image_family = "debian-12"\n}\n';
/** The AWS agents from S3, as Debian and Ubuntu templates install them. */
const AGENT_DEBS = ["amazon-cloudwatch-agent", "amazon-ssm-agent"].flatMap((a) => [
  `curl -fsSLO https://s3.amazonaws.com/${a}/debian/amd64/latest/${a}.deb`,
  `sudo dpkg -i ${a}.deb`,
]);

ruleTester(wf01, {
  valid: [
    { code: build(AL2023, ["sudo dnf install -y amazon-cloudwatch-agent fuse mdadm rsyslog git"]) },
    {
      name: "Debian 11's AMI ships rsyslog (its image definition names it); Debian 12's does not",
      code: build(DEBIAN("11"), [...AGENT_DEBS, "sudo apt-get install -y mdadm rsync fuse3 git zip"]),
    },
    {
      name: "the release computed through a local",
      code: `locals {\n  debian = "11"\n}\n${build(ami("debian-${local.debian}-amd64-*", '["136693071363"]'), [...AGENT_DEBS, "sudo apt-get install -y mdadm rsync fuse3 git zip"])}`,
    },
    {
      name: "Google's Debian 12 image ships the OS Config agent",
      code: build(GCE, ["sudo bash add-google-cloud-ops-agent-repo.sh --also-install", "sudo apt-get install -y fuse rsync git zip"]),
    },
    {
      name: "a WinRM (Windows) build of a source whose ssh_username is ubuntu",
      code:
        'source "amazon-ebs" "base" {\n  ssh_username = "ubuntu"\n}\nbuild {\n  source "amazon-ebs.base" {\n    name   ' +
        '      = "windows"\n    communicator = "winrm"\n  }\n  provisioner "powershell" {\n    inline = ["Write-Output ' +
        'hi"]\n  }\n}\n',
    },
    { name: "unknown base: nothing required", code: build('source "amazon-ebs" "r" {\n  source_ami = "ami-1"\n}\n', ["true"]) },
    {
      name: "an ansible playbook installs what the validator cannot see",
      code: `${AL2023}build {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "ansible" {\n    playbook_file = "\${path.root}/runner.yml"\n  }\n}\n`,
    },
    { name: "a script piped into bash", code: build(AL2023, ["curl -fsSL https://example.com/install-runner.sh | sudo bash"]) },
    { name: "a script redirected into bash", code: build(AL2023, ["sudo bash < /tmp/install-agents"]) },
    { name: "bash -c with a downloaded script", code: build(AL2023, ['sudo bash -c "$(curl -fsSL https://example.com/install)"']) },
    {
      name: "scripts from fileset() (not read)",
      code: `${AL2023}build {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    scripts = fileset(path.root, "scripts/*.sh")\n  }\n}\n`,
    },
    {
      name: "an uploaded file without .sh, run by path",
      code:
        `${AL2023}build {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "file" {\n    source      = ` +
        `"\${path.root}/install"\n    destination = "/tmp/install"\n  }\n  provisioner "shell" {\n    inline = ["sudo ` +
        `/tmp/install --all"]\n  }\n}\n`,
    },
    {
      name: "a script uploaded with a file provisioner, run from the shell (grapl-security/grapl)",
      code:
        `${AL2023}build {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "file" {\n    source      = ` +
        `"\${path.root}/install.sh"\n    destination = "/tmp/install.sh"\n  }\n  provisioner "shell" {\n    inline = ` +
        `["sudo bash /tmp/install.sh"]\n  }\n}\n`,
    },
  ],
  invalid: [
    {
      name: "nothing says the image is a Workflows runner: a warning that says so",
      code: build(AL2023, ["sudo dnf install -y amazon-cloudwatch-agent fuse rsyslog zip git"]).replace(RUNNER, ""),
      errors: [
        {
          message: "mdadm missing for Amazon Linux 2023 (source amazon-ebs.r, if the image is an Aspect Workflows runner); add it to the dnf install",
          line: 9,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "the AL2023 AMI's package list has no mdadm (it has zip)",
      code: build(AL2023, ["sudo dnf install -y amazon-cloudwatch-agent fuse rsyslog git"]),
      errors: [{ message: "mdadm missing for Amazon Linux 2023 (source amazon-ebs.r); add it to the dnf install", line: 9, column: 15, severity: "error" }],
    },
    {
      name: "the AL2023 minimal AMI lacks rsync and the SSM agent, which the standard AMI ships",
      code: build(AL2023_MINIMAL, ["sudo dnf install -y amazon-cloudwatch-agent fuse mdadm rsyslog git zip"]),
      errors: ["amazon-ssm-agent", "rsync"].map((p) => ({
        message: `${p} missing for Amazon Linux 2023 (source amazon-ebs.r); add it to the dnf install`,
        line: shellLine(AL2023_MINIMAL),
        column: 15,
        severity: "error" as const,
      })),
    },
    {
      name: "a name pattern matching the standard and the minimal AMI: certain for what neither ships, a warning for what differs",
      code: build(AL2023_ANY, ["sudo dnf install -y amazon-cloudwatch-agent fuse git zip"]),
      errors: [
        {
          message:
            "amazon-ssm-agent missing for Amazon Linux 2023 (source amazon-ebs.r, Amazon Linux 2023 standard AMI ships it, Amazon Linux 2023 minimal AMI does not); add it to the dnf install",
          line: 9,
          column: 15,
          severity: "warning",
        },
        { message: "mdadm missing for Amazon Linux 2023 (source amazon-ebs.r); add it to the dnf install", line: 9, column: 15, severity: "error" },
        {
          message: /^rsync missing for Amazon Linux 2023 \(source amazon-ebs.r, Amazon Linux 2023 standard AMI ships it/,
          line: 9,
          column: 15,
          severity: "warning",
        },
        { message: "rsyslog missing for Amazon Linux 2023 (source amazon-ebs.r); add it to the dnf install", line: 9, column: 15, severity: "error" },
      ],
    },
    {
      name: "owners that are not Amazon's: an image named like AL2023 but not as published",
      code: build(ami("al2023-ami-2023.*", '["self"]'), ["sudo dnf install -y amazon-cloudwatch-agent fuse rsyslog git"]),
      errors: [
        {
          message:
            "mdadm missing for Amazon Linux 2023 (source amazon-ebs.r, the image name is not one its distribution publishes, Amazon Linux 2023 standard AMI does not); add it to the dnf install",
          line: 9,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "the AL2 minimal AMI ships rsyslog but not rsync, mdadm or the SSM agent",
      code: build(AL2_MINIMAL, ["sudo yum install -y amazon-cloudwatch-agent fuse git zip"]),
      errors: ["amazon-ssm-agent", "mdadm", "rsync"].map((p) => ({
        message: `${p} missing for Amazon Linux 2 (source amazon-ebs.r); add it to the yum install`,
        line: shellLine(AL2_MINIMAL),
        column: 15,
        severity: "error" as const,
      })),
    },
    {
      name: "the AL2 standard AMI: no published package list the data could read",
      code: build(AL2, ["sudo yum install -y amazon-cloudwatch-agent fuse zip git"]),
      errors: [
        {
          message:
            "no package data for Amazon Linux 2 standard AMI (source amazon-ebs.r): the template installs none of amazon-ssm-agent, mdadm, rsync and rsyslog",
          line: 7,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "Debian 12's image definition does not install rsyslog: a warning (a dependency could)",
      code: build(DEBIAN("12"), [...AGENT_DEBS, "sudo apt-get install -y mdadm rsync fuse3 git zip"]),
      errors: [
        {
          message: "rsyslog missing for Debian 12 (source amazon-ebs.r, the image definition of Debian 12 does not name it); add it to the apt-get install",
          line: 9,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "the release from a variable without a value: the family is known, the release is not",
      code: `variable "debian" {\n  type = string\n}\n${build(ami("debian-${var.debian}-amd64-*", '["136693071363"]'), [...AGENT_DEBS, "sudo apt-get install -y mdadm rsync fuse3 git zip"])}`,
      errors: [
        {
          message:
            "rsyslog missing for Debian (source amazon-ebs.r, release not known, Debian 10 and 11 ship it, the image definition of Debian 12 and 13 does not name it); add it to the apt-get install",
          line: 12,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "base guessed from the SSH user: what it guessed, and how the releases differ",
      code: build('source "amazon-ebs" "r" {\n  ssh_username = "admin"\n}\n', [...AGENT_DEBS, "sudo apt-get install -y mdadm rsync fuse3 git zip"]),
      errors: [
        {
          message:
            'rsyslog missing for Debian (source amazon-ebs.r, base guessed as Debian from ssh_username "admin", Debian 10 and 11 ship it, the image definition of Debian 12 and 13 does not name it); add it to the apt-get install',
          line: 6,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "scripts the validator reads (sh -c, a heredoc) and . /etc/os-release leave the build checked",
      code: build(AL2023, [
        ". /etc/os-release",
        "sudo bash -lc 'dnf install -y amazon-cloudwatch-agent fuse rsyslog zip git'",
        "sudo bash <<'EOF'",
        "echo $ID",
        "EOF",
      ]),
      errors: [{ message: "mdadm missing for Amazon Linux 2023 (source amazon-ebs.r); add it to the dnf install", line: 9, column: 15, severity: "error" }],
    },
    {
      name: "Google's Ops Agent script is known: the build is still checked (Debian 12's definition does not name rsync)",
      code: build(GCE, ["sudo bash add-google-cloud-ops-agent-repo.sh --also-install", "sudo apt-get install -y fuse zip git"]),
      errors: [
        {
          message: "rsync missing for Debian 12 (source googlecompute.r, the image definition of Debian 12 does not name it); add it to the apt-get install",
          line: 6,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "Ubuntu guessed from the SSH user: no package data for Ubuntu",
      code: build(UBUNTU, ["sudo apt-get install -y zip"]),
      errors: [
        {
          message:
            'no package data for Ubuntu (source amazon-ebs.r, base guessed as Ubuntu from ssh_username "ubuntu"): the template installs none of amazon-cloudwatch-agent, amazon-ssm-agent, mdadm, rsync, rsyslog, fuse and git',
          line: 6,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "a release known from the image name that the data has nothing on: one warning",
      code: build(NOBLE, ["sudo apt-get install -y zip fuse3"]),
      errors: [
        {
          message:
            "no package data for Ubuntu 24.04 standard AMI (source amazon-ebs.r): the template installs none of amazon-cloudwatch-agent, amazon-ssm-agent, mdadm, rsync, rsyslog and git",
          line: 9,
          column: 15,
          severity: "warning",
        },
      ],
    },
  ],
});
