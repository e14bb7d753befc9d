import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as src07 } from "./src-07-ssh-ingress.ts";

const DEB = 'source "amazon-ebs" "r" {\n  ssh_username = "admin"\n}\n';

ruleTester(src07, {
  valid: [{ code: build('source "amazon-ebs" "r" {\n  temporary_security_group_source_cidrs = ["10.0.0.0/8"]\n}\n', ["true"]) }],
  invalid: [{ code: build(DEB, ["true"]), errors: [{ message: "SSH opened to 0.0.0.0/0 during the build", line: 1, column: 8 }] }],
});
