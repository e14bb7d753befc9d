import { ruleTester } from "../tester/testing.ts";
import { rule as src05 } from "./src-05-ambiguous-ami-lookup.ts";

ruleTester(src05, {
  valid: [
    {
      code: 'source "amazon-ebs" "a" {\n  region = "us-east-2"\n  source_ami = "ami-1"\n  source_ami_filter {\n    filters = { name = "x-*" }\n    most_recent = true\n  }\n}\n',
    },
    {
      name: 'most_recent = "true" converts to a bool (Sandipangh86/AMI-creation)',
      code: 'source "amazon-ebs" "a" {\n  source_ami_filter {\n    filters     = { name = "RHEL-8.6.0*" }\n    owners      = ["309956199498"]\n    most_recent = "true"\n  }\n}\n',
    },
    {
      name: "most_recent from a variable",
      code:
        'variable "most_recent" {\n  type    = bool\n  default = true\n}\nvariable "latest" {\n  type = ' +
        'bool\n}\nsource "amazon-ebs" "a" {\n  source_ami_filter {\n    filters     = { name = "al2023-ami-*" }\n    ' +
        'owners      = ["amazon"]\n    most_recent = var.most_recent\n  }\n}\ndata "amazon-ami" "b" {\n  filters     = ' +
        '{ name = "al2023-ami-*" }\n  owners      = ["amazon"]\n  most_recent = var.latest\n}\n',
    },
  ],
  invalid: [
    {
      code: 'source "amazon-ebs" "a" {\n  source_ami_filter {\n    filters = { name = "al2023-ami-*" }\n  }\n}\n',
      errors: [{ message: 'AMI filter name "al2023-ami-*" has a wildcard but no most_recent = true', line: 3, column: 15 }],
    },
    {
      code: 'variable "region" {}\nsource "amazon-ebs" "a" {\n  region = var.region\n  source_ami = "ami-0abc"\n}\n',
      errors: [{ message: 'AMI IDs are regional: "ami-0abc" exists in one region, but region is a variable', line: 4, column: 16 }],
    },
  ],
});
