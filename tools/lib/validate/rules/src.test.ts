import { ruleTester } from "../tester/testing.ts";
import { rule as src01 } from "./src-01-source-reference.ts";
import { rule as src02 } from "./src-02-duplicate-or-unused-source.ts";
import { rule as src03 } from "./src-03-source-override.ts";
import { rule as src04 } from "./src-04-amazon-ebs-arguments.ts";
import { rule as src08 } from "./src-08-googlecompute-arguments.ts";

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
  `${DYNAMIC_BASE}locals {\n  amis = { amd64 = "ami-0a", arm64 = "ami-0b" }\n}\nbuild {\n  dynamic "source" {\n    labels   = ["${label}"]\n    for_each = local.amis\n    content {\n${content}    }\n  }\n}\n`;
const DYNAMIC_CONTENT = '      name       = source.key\n      source_ami = source.value\n      ami_name   = "base-${source.key}"\n';

ruleTester(src01, {
  valid: [
    { code: `${EBS}build {\n  sources = ["source.amazon-ebs.runner", "amazon-ebs.runner"]\n  source "amazon-ebs.runner" {\n    name = "b"\n  }\n}\n` },
    { name: '"sources.TYPE.NAME" is accepted by Packer', code: `${EBS}build {\n  sources = ["sources.amazon-ebs.runner"]\n}\n` },
    { name: 'dynamic "source" in a build (nova-2nd/ArchBridge)', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) },
    { name: "sources from a variable (chef/bento)", code: `${EBS}variable "enabled" {\n  type    = list(string)\n  default = ["source.amazon-ebs.runner"]\n}\nbuild {\n  sources = var.enabled\n}\n` },
  ],
  invalid: [
    { code: `${EBS}build {\n  sources = ["sources.amazon-ebs.runer"]\n}\n`, errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 13, column: 14 }] },
    { code: `${EBS}build {\n  sources = ["source.amazon-ebs.runer"]\n}\n`, errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 13, column: 14 }] },
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
    { code: `${EBS}build {\n  sources = ["build.amazon-ebs.runner"]\n}\n`, errors: [{ message: '"build.amazon-ebs.runner" is not a source reference; use "source.amazon-ebs.runner"', line: 13, column: 14, severity: "warning" }] },
  ],
});

ruleTester(src02, {
  valid: [{ code: 'source "null" "a" {}\nbuild {\n  sources = ["source.null.a"]\n}\n' }, { name: 'dynamic "source" in a build', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) }],
  invalid: [
    { code: 'source "null" "a" {}\nsource "null" "a" {}\nbuild {\n  sources = ["source.null.a"]\n}\n', errors: [{ message: "Duplicate source block null.a; first defined at main.pkr.hcl:1", line: 2, column: 1 }] },
    { code: 'source "null" "a" {}\nbuild {\n  name = "x"\n}\n', errors: [{ message: "missing source reference", line: 2, column: 1 }] },
    { code: 'source "null" "a" {}\n', errors: [{ message: "Missing build block", line: 1, column: 1 }] },
  ],
});

ruleTester(src03, {
  valid: [{ code: `${EBS}build {\n  source "amazon-ebs.runner" {\n    name = "b"\n    subnet_id = "s"\n  }\n}\n` }],
  invalid: [
    {
      code: `${EBS}build {\n  source "amazon-ebs.runner" {\n    ami_name = "other"\n  }\n}\n`,
      errors: [{ message: 'Duplicate argument: "ami_name" was already set at main.pkr.hcl:5', line: 14, column: 5 }],
    },
  ],
});

ruleTester(src04, {
  valid: [
    { code: EBS },
    { code: 'source "amazon-ebs" "x" {\n  source_ami = "ami-1"\n  spot_instance_types = ["t3.large"]\n  communicator = "none"\n  ami_name = "a-{{timestamp}}"\n}\n' },
    { name: 'the content of a dynamic "source" in a build completes the source', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) },
    {
      name: "source_ami_filter written as a dynamic block",
      code: 'locals {\n  f = { name = "al2023-ami-*", owners = ["137112412989"] }\n}\nsource "amazon-ebs" "x" {\n  instance_type = "t3.medium"\n  ssh_username = "ec2-user"\n  ami_name = "a"\n  dynamic "source_ami_filter" {\n    for_each = [local.f]\n    content {\n      filters     = { name = source_ami_filter.value.name }\n      owners      = source_ami_filter.value.owners\n      most_recent = true\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      code: 'source "amazon-ebs" "x" {\n  instance_type = "t3.medium"\n  ssh_username = "ec2-user"\n  ami_name = "a"\n}\n',
      errors: [{ message: "A source_ami or source_ami_filter must be specified", line: 1, column: 8 }],
    },
    {
      code: 'source "amazon-ebs" "x" {\n  instance_type = "t3.medium"\n  ssh_username = "ec2-user"\n  ami_name = "a"\n  source_ami_filter {\n    filters = { name = "x" }\n  }\n}\n',
      errors: [{ message: "For security reasons, your source AMI filter must declare an owner.", line: 5, column: 3 }],
    },
    {
      name: 'a dynamic "source" whose content lacks ami_name',
      code: dynamicSource("source.amazon-ebs.base", '      source_ami = source.value\n'),
      errors: [{ message: "ami_name must be specified", line: 1, column: 8 }],
    },
    {
      name: "a dynamic source_ami_filter still needs owners",
      code: 'source "amazon-ebs" "x" {\n  instance_type = "t3.medium"\n  ssh_username = "ec2-user"\n  ami_name = "a"\n  dynamic "source_ami_filter" {\n    for_each = [1]\n    content {\n      filters = { name = "x" }\n    }\n  }\n}\n',
      errors: [{ message: "For security reasons, your source AMI filter must declare an owner.", line: 7, column: 5 }],
    },
    {
      code: 'source "amazon-ebs" "x" {\n  source_ami = "ami-1"\n  ami_name = "a"\n}\n',
      errors: [
        { message: "An ssh_username must be specified", line: 1, column: 8 },
        { message: "Either instance_type or spot_instance_types must be specified", line: 1, column: 8 },
      ],
    },
  ],
});

ruleTester(src08, {
  valid: [{ code: 'source "googlecompute" "x" {\n  project_id = "p"\n  zone = "z"\n  source_image_family = "debian-12"\n}\n' }],
  invalid: [
    {
      code: 'source "googlecompute" "x" {\n  project_id = "p"\n}\n',
      errors: [
        { message: "a source_image or source_image_family must be specified", line: 1, column: 8 },
        { message: "a zone must be specified", line: 1, column: 8 },
      ],
    },
  ],
});
