import { ruleTester } from "../tester/testing.ts";
import { rule as src03 } from "./src-03-source-override.ts";
import { EBS_SOURCE } from "../tester/samples.ts";

ruleTester(src03, {
  valid: [{ code: `${EBS_SOURCE}build {\n  source "amazon-ebs.runner" {\n    name = "b"\n    subnet_id = "s"\n  }\n}\n` }],
  invalid: [
    {
      code: `${EBS_SOURCE}build {\n  source "amazon-ebs.runner" {\n    ami_name = "other"\n  }\n}\n`,
      errors: [{ message: 'Duplicate argument: "ami_name" was already set at main.pkr.hcl:5', line: 14, column: 5 }],
    },
  ],
});
