import { ruleTester } from "../tester/testing.ts";
import { rule as src03 } from "./src-03-source-override.ts";

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

ruleTester(src03, {
  valid: [{ code: `${EBS}build {\n  source "amazon-ebs.runner" {\n    name = "b"\n    subnet_id = "s"\n  }\n}\n` }],
  invalid: [
    {
      code: `${EBS}build {\n  source "amazon-ebs.runner" {\n    ami_name = "other"\n  }\n}\n`,
      errors: [{ message: 'Duplicate argument: "ami_name" was already set at main.pkr.hcl:5', line: 14, column: 5 }],
    },
  ],
});
