import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as prv05 } from "./prv-05-sudo-drops-environment.ts";

const NOBLE =
  'source "amazon-ebs" "u" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';
const DEBIAN_FRONTEND = '    environment_vars = ["DEBIAN_FRONTEND=noninteractive"]\n';
const DEB = 'source "amazon-ebs" "r" {\n  ssh_username = "admin"\n}\n';

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
    {
      name: "sudo -E and --preserve-env=NAME keep it",
      code: build(NOBLE, ["sudo -E apt-get install -y zip", "sudo --preserve-env=DEBIAN_FRONTEND apt-get install -y git"], DEBIAN_FRONTEND),
    },
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

ruleTester(prv05, {
  valid: [{ code: build(DEB, ["sudo DEBIAN_FRONTEND=noninteractive apt-get install -y zip"], '    environment_vars = ["DEBIAN_FRONTEND=noninteractive"]\n') }],
  invalid: [
    {
      code: build(DEB, ["sudo apt-get install -y zip"], '    environment_vars = ["DEBIAN_FRONTEND=noninteractive"]\n'),
      errors: [{ message: "sudo drops DEBIAN_FRONTEND from environment_vars", line: 8, column: 16 }],
    },
  ],
});
