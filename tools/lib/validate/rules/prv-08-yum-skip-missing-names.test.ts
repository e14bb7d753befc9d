import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as prv08 } from "./prv-08-yum-skip-missing-names.ts";

const AL2 = 'source "amazon-ebs" "r" {\n  source_ami   = "ami-051dfed8f67f095f5"\n  ssh_username = "ec2-user"\n}\n';

ruleTester(prv08, {
  valid: [{ code: build(AL2, ["sudo yum --setopt=skip_missing_names_on_install=False install -y zip"]) }],
  invalid: [
    { code: build(AL2, ["sudo yum install -y zip"]), errors: [{ message: "yum on AL2 skips missing package names and exits 0", line: 8, column: 21 }] },
  ],
});
