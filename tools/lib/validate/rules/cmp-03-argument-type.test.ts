import { ruleTester } from "../tester/testing.ts";
import { rule as cmp03 } from "./cmp-03-argument-type.ts";
import { EBS, EBS_BODY_LINE } from "../tester/samples.ts";

ruleTester(cmp03, {
  valid: [
    { code: EBS() },
    { name: 'HCL converts "true" to a bool and "5" to a number', code: EBS('  associate_public_ip_address = "true"\n  max_retries = "5"\n') },
    { name: "a value not known here", code: `${EBS("  ami_users = var.users\n")}variable "users" {\n  type = list(string)\n}\n` },
    { name: "numbers and bools convert to strings", code: EBS("  ami_description = 5\n") },
  ],
  invalid: [
    {
      name: 'most_recent = "yes"',
      code: EBS().replace("most_recent = true", 'most_recent = "yes"'),
      errors: [{ message: 'Inappropriate value for attribute "most_recent": a bool is required.', line: 20, column: 19 }],
    },
    {
      name: "a string where a list is required",
      code: EBS('  ami_users = "123456789012"\n'),
      errors: [{ message: 'Inappropriate value for attribute "ami_users": list of string required.', line: EBS_BODY_LINE, column: 15 }],
    },
    {
      name: "a map where a list is required",
      code: EBS('  ami_regions = { a = "us-east-1" }\n'),
      errors: [{ message: 'Inappropriate value for attribute "ami_regions": list of string required.', line: EBS_BODY_LINE, column: 17 }],
    },
    {
      name: "a variable's default that does not convert",
      code: `${EBS("  encrypt_boot = var.encrypt\n")}variable "encrypt" {\n  default = "yes"\n}\n`,
      errors: [{ message: 'Inappropriate value for attribute "encrypt_boot": a bool is required.', line: EBS_BODY_LINE, column: 18 }],
    },
  ],
});
