import { ruleTester } from "../tester/testing.ts";
import { rule as nam05 } from "./nam-05-force-deregister-repeated-name.ts";

ruleTester(nam05, {
  valid: [{ code: 'source "amazon-ebs" "a" {\n  ami_name = "r-{{timestamp}}"\n  force_deregister = true\n}\n' }],
  invalid: [
    {
      code: 'source "amazon-ebs" "a" {\n  ami_name = "r-${var.v}"\n  force_deregister = true\n}\nvariable "v" {}\n',
      errors: [{ message: "force_deregister with a repeatable name deregisters the AMI live runners use", line: 3, column: 3 }],
    },
  ],
});
