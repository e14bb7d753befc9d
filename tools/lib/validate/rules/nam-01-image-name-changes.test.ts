import { ruleTester } from "../tester/testing.ts";
import { rule as nam01 } from "./nam-01-image-name-changes.ts";

const ebs = (name: string, extra = ""): string => `${extra}source "amazon-ebs" "r" {\n  ami_name = ${name}\n}\n`;
const BUST = 'variable "cache_bust" {\n  type = string\n}\n';

ruleTester(nam01, {
  valid: [
    { code: ebs('"runner-${var.cache_bust}"', BUST), cacheBustVar: "cache_bust", cacheBust: "001" },
    { code: ebs('"runner-${formatdate("YYYYMMDDhhmmss", timestamp())}"') },
    { code: ebs("local.n", 'locals {\n  n = "r-${uuidv4()}"\n}\n') },
    { code: ebs('"runner-{{timestamp}}"') },
    {
      name: "force_deregister replaces the AMI of a fixed name (NAM-05's concern)",
      code: 'source "amazon-ebs" "r" {\n  ami_name         = "ci-runner"\n  force_deregister = true\n}\n',
    },
    { name: "skip_create_ami makes no AMI", code: 'source "amazon-ebs" "r" {\n  ami_name        = "ci-runner"\n  skip_create_ami = true\n}\n' },
    {
      name: "force_deregister from a variable the target supplies",
      code: 'variable "force" {\n  type = bool\n}\nsource "amazon-ebs" "r" {\n  ami_name         = "ci-runner"\n  force_deregister = var.force\n}\n',
    },
    { name: "packer build -force replaces the image of a fixed name", code: ebs('"ci-runner"'), force: true },
    { name: "so it does for a googlecompute image", code: 'source "googlecompute" "r" {\n  image_name = "ci-runner"\n}\n', force: true },
  ],
  invalid: [
    {
      code: ebs('"ci-runner"'),
      errors: [
        {
          message: `ami_name "ci-runner" is the same on every run; the second build fails ("AMI Name: 'ci-runner' is used by an existing AMI")`,
          line: 2,
          column: 14,
        },
      ],
    },
    {
      code: ebs("local.n", 'locals {\n  n = "ci-${source.name}"\n}\n'),
      errors: [{ message: /^ami_name local.n is the same on every run/, line: 5, column: 14 }],
    },
  ],
});
