import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as wf04 } from "./wf-04-amazon-linux-2.ts";

const AL2 = 'source "amazon-ebs" "r" {\n  source_ami   = "ami-051dfed8f67f095f5"\n  ssh_username = "ec2-user"\n}\n';
const NOBLE =
  'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

ruleTester(wf04, {
  valid: [{ code: build(NOBLE, ["true"]) }],
  invalid: [
    { code: build(AL2, ["true"]), errors: [{ message: "Amazon Linux 2 reaches end of support on 2026-06-30; migrate to AL2023", line: 1, column: 8 }] },
  ],
});
