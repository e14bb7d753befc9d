import { build, scripted } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as prv04 } from "./prv-04-sudo-for-packages.ts";

const AL2023 =
  'source "amazon-ebs" "a" {\n  ssh_username = "ec2-user"\n  source_ami_filter {\n    filters = { name = "al2023-ami-2023.*-x86_64" }\n    owners  = ["amazon"]\n  }\n}\n';
const AL2 = 'source "amazon-ebs" "r" {\n  source_ami   = "ami-051dfed8f67f095f5"\n  ssh_username = "ec2-user"\n}\n';
const NOBLE =
  'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

ruleTester(prv04, {
  valid: [
    {
      name: "commands in a quoted heredoc body are data (a boot script written with sudo tee)",
      code: scripted(AL2023),
      disk: {
        "setup.sh":
          "#!/bin/bash\nset -euo pipefail\ncat << 'EOF' | sudo tee /usr/local/bin/on-boot.sh\n#!/bin/bash\nsystemctl restart docker\ndnf install -y jq\nEOF\nsudo chmod +x /usr/local/bin/on-boot.sh\n",
      },
    },
    {
      name: '<<-WORD and <<"WORD" heredocs across inline lines',
      code: build(AL2023, [
        "cat <<-EOF > /tmp/a.sh",
        "\tsystemctl restart docker",
        "\tEOF",
        'cat <<"EOT" >> /tmp/b.sh',
        "yum install -y x",
        "EOT",
        "sudo bash /tmp/a.sh",
      ]),
    },
    {
      name: "a root shell running a heredoc script",
      code: build(AL2023, ["sudo bash <<'EOF'\ndnf install -y git\nsystemctl enable --now amazon-ssm-agent\nEOF"]),
    },
    {
      name: "sudo after then/do/else",
      code: build(AL2023, [
        "if ! rpm -q git; then sudo dnf install -y git; else sudo systemctl restart sshd; fi",
        "for i in 1 2 3; do sudo dnf makecache && break; done",
      ]),
    },
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

ruleTester(prv04, {
  valid: [
    { code: build(AL2, ["sudo yum install -y zip", "sudo systemctl enable rsyslog", "yum list installed"]) },
    { name: "quoted sudo sh -c", code: build(AL2, ["sudo sh -c 'yum makecache && yum install -y zip' # don't split quotes"]) },
    { code: build(AL2, ["yum install -y zip"], "    execute_command = \"sudo -S sh -c '{{ .Vars }} {{ .Path }}'\"\n") },
    {
      name: "systemctl --user manages the user's own units",
      code: build(NOBLE, ["systemctl --user enable --now podman.socket", "systemctl --user daemon-reload"]),
    },
    {
      name: "a script that re-runs itself under sudo",
      code: 'source "amazon-ebs" "r" {\n  ssh_username = "ec2-user"\n}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n',
      disk: {
        "setup.sh":
          '#!/bin/bash\nset -euo pipefail\n[ "$(id -u)" -eq 0 ] || exec sudo -E "$0" "$@"\nyum install -y git\nsystemctl enable --now amazon-ssm-agent\n',
      },
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
