import { ruleTester } from "../tester/testing.ts";
import { rule as wf01 } from "./wf-01-runner-programs.ts";

/** A build of `source` running `inline`, for an image the template calls a Workflows runner. */
const build = (source: string, inline: string[]): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    inline = ${JSON.stringify(inline)}\n  }\n}\n${RUNNER}`;
const RUNNER = "# The Aspect Workflows runner image.\n";
const AL2023 = 'source "amazon-ebs" "r" {\n  source_ami_filter {\n    filters = { name = "al2023-ami-2023.*" }\n    owners  = ["137112412989"]\n  }\n}\n';
const AL2 = 'source "amazon-ebs" "r" {\n  source_ami   = "ami-051dfed8f67f095f5"\n  ssh_username = "ec2-user"\n}\n';
const UBUNTU = 'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n}\n';
const GCE = 'source "googlecompute" "r" {\n  source_image_family = "debian-12"\n}\n';

ruleTester(wf01, {
  valid: [
    { code: build(AL2, ["sudo yum install -y amazon-cloudwatch-agent fuse zip git", "sudo systemctl enable amazon-cloudwatch-agent"]) },
    { code: build(AL2023, ["sudo dnf install -y amazon-cloudwatch-agent fuse mdadm rsyslog zip git"]) },
    {
      code: build(UBUNTU, [
        "curl -fsSLO https://s3.amazonaws.com/amazoncloudwatch-agent/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb",
        "sudo dpkg -i amazon-cloudwatch-agent.deb",
        "sudo apt-get install -y fuse3 zip",
      ]),
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
          message: "mdadm missing for al2023 (source amazon-ebs.r, if the image is an Aspect Workflows runner); add it to the dnf install",
          line: 9,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      code: build(AL2023, ["sudo dnf install -y amazon-cloudwatch-agent fuse rsyslog git"]),
      errors: [
        { message: "mdadm missing for al2023 (source amazon-ebs.r); add it to the dnf install", line: 9, column: 15, severity: "error" },
        { message: "zip missing for al2023 (source amazon-ebs.r); add it to the dnf install", line: 9, column: 15, severity: "info" },
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
      errors: [{ message: "mdadm missing for al2023 (source amazon-ebs.r); add it to the dnf install", line: 9, column: 15, severity: "error" }],
    },
    {
      name: "Google's Ops Agent script is known: the build is still checked",
      code: build(GCE, ["sudo bash add-google-cloud-ops-agent-repo.sh --also-install", "sudo apt-get install -y fuse zip git"]),
      errors: [{ message: "rsync missing for debian (source googlecompute.r); add it to the apt-get install", line: 6, column: 15, severity: "error" }],
    },
    {
      code: build(UBUNTU, ["sudo apt-get install -y zip"]),
      errors: [
        {
          message: /^amazon-cloudwatch-agent missing for ubuntu \(source amazon-ebs.r, base guessed from ssh_username "ubuntu"\); install the S3 .deb/,
          line: 6,
          column: 15,
          severity: "warning",
        },
        {
          message: 'fuse missing for ubuntu (source amazon-ebs.r, base guessed from ssh_username "ubuntu"); add it to the apt-get install',
          line: 6,
          column: 15,
          severity: "warning",
        },
      ],
    },
    {
      name: "a base known from the image name: what it lacks is an error",
      code: build(
        UBUNTU.replace(
          '  ssh_username = "ubuntu"\n',
          '  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n',
        ),
        ["sudo apt-get install -y zip fuse3"],
      ),
      errors: [
        { message: /^amazon-cloudwatch-agent missing for ubuntu \(source amazon-ebs.r\); install the S3 .deb/, line: 10, column: 15, severity: "error" },
      ],
    },
  ],
});
