import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as src06 } from "./src-06-ssh-username-base-image.ts";

const NOBLE =
  'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

ruleTester(src06, {
  valid: [{ code: build(NOBLE, ["true"]) }],
  invalid: [
    {
      code: build(NOBLE.replace('"ubuntu"', '"ec2-user"'), ["true"]),
      errors: [{ message: 'ubuntu AMI with ssh_username "ec2-user" → SSH timeout', line: 2, column: 18 }],
    },
  ],
});
