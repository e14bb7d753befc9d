import { ruleTester } from "../tester/testing.ts";
import { rule as src02 } from "./src-02-duplicate-or-unused-source.ts";

const DYNAMIC_BASE = 'source "amazon-ebs" "base" {\n  instance_type = "t3.micro"\n  region = "us-east-1"\n  ssh_username = "ec2-user"\n}\n';
const dynamicSource = (label: string, content: string) =>
  `${DYNAMIC_BASE}locals {\n  amis = { amd64 = "ami-0a", arm64 = "ami-0b" }\n}\nbuild {\n  dynamic "source" {\n  ` +
  `  labels   = ["${label}"]\n    for_each = local.amis\n    content {\n${content}    }\n  }\n}\n`;
const DYNAMIC_CONTENT = '      name       = source.key\n      source_ami = source.value\n      ami_name   = "base-${source.key}"\n';

ruleTester(src02, {
  valid: [
    { code: 'source "null" "a" {}\nbuild {\n  sources = ["source.null.a"]\n}\n' },
    { name: 'dynamic "source" in a build', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) },
  ],
  invalid: [
    {
      code: 'source "null" "a" {}\nsource "null" "a" {}\nbuild {\n  sources = ["source.null.a"]\n}\n',
      errors: [{ message: "Duplicate source block null.a; first defined at main.pkr.hcl:1", line: 2, column: 1 }],
    },
    { code: 'source "null" "a" {}\nbuild {\n  name = "x"\n}\n', errors: [{ message: "missing source reference", line: 2, column: 1 }] },
    { code: 'source "null" "a" {}\n', errors: [{ message: "Missing build block", line: 1, column: 1 }] },
  ],
});
