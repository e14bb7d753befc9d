import { ruleTester } from "../tester/testing.ts";
import { rule as src04 } from "./src-04-amazon-ebs-arguments.ts";
import { DYNAMIC_CONTENT, EBS_SOURCE, dynamicSource } from "../tester/samples.ts";

ruleTester(src04, {
  valid: [
    { code: EBS_SOURCE },
    {
      code: 'source "amazon-ebs" "x" {\n  source_ami = "ami-1"\n  spot_instance_types = ["t3.large"]\n  communicator = "none"\n  ami_name = "a-{{timestamp}}"\n}\n',
    },
    { name: 'the content of a dynamic "source" in a build completes the source', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) },
    {
      name: "source_ami_filter written as a dynamic block",
      code:
        'locals {\n  f = { name = "al2023-ami-*", owners = ["137112412989"] }\n}\nsource "amazon-ebs" "x" {\n  ' +
        'instance_type = "t3.medium"\n  ssh_username = "ec2-user"\n  ami_name = "a"\n  dynamic "source_ami_filter" {\n ' +
        "   for_each = [local.f]\n    content {\n      filters     = { name = source_ami_filter.value.name }\n      " +
        "owners      = source_ami_filter.value.owners\n      most_recent = true\n    }\n  }\n}\n",
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
      code: dynamicSource("source.amazon-ebs.base", "      source_ami = source.value\n"),
      errors: [{ message: "ami_name must be specified", line: 1, column: 8 }],
    },
    {
      name: "a dynamic source_ami_filter still needs owners",
      code:
        'source "amazon-ebs" "x" {\n  instance_type = "t3.medium"\n  ssh_username = "ec2-user"\n  ami_name = "a"\n  ' +
        'dynamic "source_ami_filter" {\n    for_each = [1]\n    content {\n      filters = { name = "x" }\n    }\n  }\n}\n',
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
