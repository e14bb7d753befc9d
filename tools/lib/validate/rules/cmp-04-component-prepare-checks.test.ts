import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";

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

ruleTester(cmp04, {
  valid: [
    { code: `${EBS()}data "amazon-ami" "al2023" {\n  filters = {\n    name = "al2023-ami-*"\n  }\n  owners      = ["amazon"]\n  most_recent = true\n}\n` },
    { name: "file provisioner with content", code: EBS("", '  provisioner "file" {\n    content     = "x"\n    destination = "/tmp/x"\n  }\n') },
  ],
  invalid: [
    {
      name: "an AMI lookup without owners",
      code: `${EBS()}data "amazon-ami" "al2023" {\n  filters = {\n    name = "al2023-ami-*"\n  }\n}\n`,
      errors: [{ message: "For security reasons, you must declare an owner.", line: 27, column: 6 }],
    },
    {
      name: "a file provisioner without destination",
      code: EBS("", '  provisioner "file" {\n    content = "x"\n  }\n'),
      errors: [{ message: "Destination must be specified.", line: 26, column: 15 }],
    },
    {
      name: "environment_vars entries without =",
      code: EBS("", '  provisioner "shell" {\n    environment_vars = ["FOO"]\n    inline           = ["true"]\n  }\n'),
      errors: [{ message: "Environment variable not in format 'key=value': FOO", line: 27, column: 25 }],
    },
  ],
});
