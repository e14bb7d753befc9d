import { ruleTester } from "../tester/testing.ts";
import { rule as nam03 } from "./nam-03-image-name-valid.ts";

const ebs = (name: string, extra = ""): string => `${extra}source "amazon-ebs" "r" {\n  ami_name = ${name}\n}\n`;
const BUST = 'variable "cache_bust" {\n  type = string\n}\n';

ruleTester(nam03, {
  valid: [
    { code: ebs('"runner (x86_64) ${var.cache_bust}"', BUST), cacheBustVar: "cache_bust", cacheBust: "001" },
    { code: 'source "googlecompute" "r" {\n  image_name = "runner-${var.v}"\n}\nvariable "v" {}\n', vars: { v: "001" } },
    // The colons taken out (buildkite/elastic-ci-stack-for-aws; HashiCorp's regex_replace idiom).
    { code: ebs('"base-${replace(timestamp(), ":", "-")}"') },
    { code: ebs('"base-${regex_replace(timestamp(), "[- TZ:]", "")}"') },
    { code: ebs('"base-${formatdate("YYYYMMDDhhmmss", timestamp())}"') },
  ],
  invalid: [
    { code: ebs('"r-${timestamp()}"'), errors: [{ message: "timestamp() in ami_name yields colons, which image names do not allow", line: 2, column: 19 }] },
    {
      code: ebs('"r-${lower(timestamp())}"'),
      errors: [{ message: "timestamp() in ami_name yields colons, which image names do not allow", line: 2, column: 25 }],
    },
    {
      code: ebs('"r:${var.cache_bust}"', BUST),
      cacheBust: "1",
      cacheBustVar: "cache_bust",
      errors: [{ message: 'ami_name contains ":", not allowed in AMI names', line: 5, column: 14 }],
    },
    { code: ebs('"ab"'), errors: [{ message: 'ami_name "ab" is 2 characters; AMI names are 3 to 128', line: 2, column: 14 }] },
    {
      code: 'source "googlecompute" "r" {\n  image_name = "Runner-${var.v}"\n}\nvariable "v" {}\n',
      vars: { v: "001" },
      errors: [{ message: 'image_name "Runner-001" must match ^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$', line: 2, column: 16 }],
    },
  ],
});
