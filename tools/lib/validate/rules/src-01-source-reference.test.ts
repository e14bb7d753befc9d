import { ruleTester } from "../tester/testing.ts";
import { rule as src01 } from "./src-01-source-reference.ts";

const EBS = `source "amazon-ebs" "runner" {
  region        = "us-east-2"
  instance_type = "t3.medium"
  ssh_username  = "ec2-user"
  ami_name      = "x-{{timestamp}}"
  source_ami_filter {
    filters     = { name = "al2023-ami-*" }
    owners      = ["137112412989"]
    most_recent = true
  }
}
`;
const DYNAMIC_BASE = 'source "amazon-ebs" "base" {\n  instance_type = "t3.micro"\n  region = "us-east-1"\n  ssh_username = "ec2-user"\n}\n';
const dynamicSource = (label: string, content: string) =>
  `${DYNAMIC_BASE}locals {\n  amis = { amd64 = "ami-0a", arm64 = "ami-0b" }\n}\nbuild {\n  dynamic "source" {\n  ` +
  `  labels   = ["${label}"]\n    for_each = local.amis\n    content {\n${content}    }\n  }\n}\n`;
const DYNAMIC_CONTENT = '      name       = source.key\n      source_ami = source.value\n      ami_name   = "base-${source.key}"\n';

ruleTester(src01, {
  valid: [
    { code: `${EBS}build {\n  sources = ["source.amazon-ebs.runner", "amazon-ebs.runner"]\n  source "amazon-ebs.runner" {\n    name = "b"\n  }\n}\n` },
    { name: '"sources.TYPE.NAME" is accepted by Packer', code: `${EBS}build {\n  sources = ["sources.amazon-ebs.runner"]\n}\n` },
    { name: 'dynamic "source" in a build (nova-2nd/ArchBridge)', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) },
    {
      name: "sources from a variable (chef/bento)",
      code: `${EBS}variable "enabled" {\n  type    = list(string)\n  default = ["source.amazon-ebs.runner"]\n}\nbuild {\n  sources = var.enabled\n}\n`,
    },
  ],
  invalid: [
    {
      code: `${EBS}build {\n  sources = ["sources.amazon-ebs.runer"]\n}\n`,
      errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 13, column: 14 }],
    },
    {
      code: `${EBS}build {\n  sources = ["source.amazon-ebs.runer"]\n}\n`,
      errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 13, column: 14 }],
    },
    {
      name: "a variable's sources are checked too",
      code: `${EBS}variable "enabled" {\n  type    = list(string)\n  default = ["source.amazon-ebs.runer"]\n}\nbuild {\n  sources = var.enabled\n}\n`,
      errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 17, column: 13 }],
    },
    { code: `${EBS}build {\n  sources = ["runner"]\n}\n`, errors: [{ message: 'Invalid source reference "runner"', line: 13, column: 14 }] },
    {
      name: 'a dynamic "source" label is a source reference too',
      code: dynamicSource("source.amazon-ebs.bse", DYNAMIC_CONTENT),
      errors: [{ message: 'Unknown source amazon-ebs.bse. Did you mean "amazon-ebs.base"?', line: 11, column: 16 }],
    },
    {
      code: `${EBS}build {\n  sources = ["build.amazon-ebs.runner"]\n}\n`,
      errors: [{ message: '"build.amazon-ebs.runner" is not a source reference; use "source.amazon-ebs.runner"', line: 13, column: 14, severity: "warning" }],
    },
  ],
});
