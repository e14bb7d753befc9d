import { ruleTester } from "../tester/testing.ts";
import { rule as nam01 } from "./nam-01-image-name-changes.ts";
import { rule as nam02 } from "./nam-02-cache-bust-variable.ts";
import { rule as nam03 } from "./nam-03-image-name-valid.ts";

const ebs = (name: string, extra = ""): string => `${extra}source "amazon-ebs" "r" {\n  ami_name = ${name}\n}\n`;
const BUST = 'variable "cache_bust" {\n  type = string\n}\n';

ruleTester(nam01, {
  valid: [
    { code: ebs('"runner-${var.cache_bust}"', BUST), cacheBustVar: "cache_bust", cacheBust: "001" },
    { code: ebs('"runner-${formatdate("YYYYMMDDhhmmss", timestamp())}"') },
    { code: ebs("local.n", 'locals {\n  n = "r-${uuidv4()}"\n}\n') },
    { code: ebs('"runner-{{timestamp}}"') },
    { name: "force_deregister replaces the AMI of a fixed name (NAM-05's concern)", code: 'source "amazon-ebs" "r" {\n  ami_name         = "ci-runner"\n  force_deregister = true\n}\n' },
    { name: "skip_create_ami makes no AMI", code: 'source "amazon-ebs" "r" {\n  ami_name        = "ci-runner"\n  skip_create_ami = true\n}\n' },
    {
      name: "force_deregister from a variable the target supplies",
      code: 'variable "force" {\n  type = bool\n}\nsource "amazon-ebs" "r" {\n  ami_name         = "ci-runner"\n  force_deregister = var.force\n}\n',
    },
    { name: "packer build -force replaces the image of a fixed name", code: ebs('"ci-runner"'), force: true },
    { name: "so it does for a googlecompute image", code: 'source "googlecompute" "r" {\n  image_name = "ci-runner"\n}\n', force: true },
  ],
  invalid: [
    { code: ebs('"ci-runner"'), errors: [{ message: `ami_name "ci-runner" is the same on every run; the second build fails ("AMI Name: 'ci-runner' is used by an existing AMI")`, line: 2, column: 14 }] },
    { code: ebs("local.n", 'locals {\n  n = "ci-${source.name}"\n}\n'), errors: [{ message: /^ami_name local.n is the same on every run/, line: 5, column: 14 }] },
  ],
});

ruleTester(nam02, {
  valid: [
    { code: ebs('"runner-${var.cache_bust}"', BUST), cacheBustVar: "cache_bust", cacheBust: "001" },
    { name: "no bust variable: not checked", code: ebs('"r-{{timestamp}}"') },
    {
      name: "default with a length validation",
      code: ebs('"r-${var.version}"', 'variable "version" {\n  default = "1"\n  validation {\n    condition     = length(var.version) > 0\n    error_message = "Set it."\n  }\n}\n'),
    },
    {
      name: "a cache_bust with a default, in a name that also holds a timestamp: unique anyway",
      code: ebs('"runner-${var.cache_bust}-${formatdate("YYYYMMDDhhmmss", timestamp())}"', 'variable "cache_bust" {\n  default = "0"\n}\n'),
    },
    {
      name: "a product version with a default is never taken for the bust when the target names none",
      code: ebs('"app-${var.app}"', 'variable "version" {\n  default = "2.1.0"\n}\nvariable "app" {\n  default = "web"\n}\n'),
    },
    {
      name: "a software version with a default, outside the name, is not the bust",
      code: ebs('"k8s-node-${formatdate("YYYYMMDDhhmmss", timestamp())}"', 'variable "version" {\n  default     = "1.29.3"\n  description = "Kubernetes version"\n}\n'),
    },
  ],
  invalid: [
    {
      name: "Aspect's bust variable: version without a default, missing from the name",
      code: ebs('"runner-{{timestamp}}"', 'variable "version" {\n  type = string\n}\n'),
      vars: { version: "001" },
      errors: [{ message: /^var\.version not used in ami_name; the name is new on every build anyway .* \(taken for the cache bust as a `version` without a default; the target names none\)$/, line: 5, column: 14, severity: "warning" }],
    },
    {
      name: "version named as the bust variable, with a default",
      code: ebs('"k8s-node-${var.version}"', 'variable "version" {\n  default = "1.29.3"\n}\n'),
      cacheBustVar: "version",
      cacheBust: "001",
      errors: [{ message: "var.version has a default; a target that does not pass it silently reuses the old image name", line: 2, column: 3, severity: "error" }],
    },
    {
      name: "the target's bust variable missing from a name that holds a timestamp: a warning (no collision)",
      code: ebs('"runner-{{timestamp}}"', BUST),
      cacheBustVar: "cache_bust",
      cacheBust: "001",
      errors: [{ message: /^var\.cache_bust not used in ami_name; the name is new on every build anyway/, line: 5, column: 14, severity: "warning" }],
    },
    {
      name: "the target's bust variable missing from a fixed name: an error",
      code: ebs('"runner-${var.arch}"', `${BUST}variable "arch" {\n  default = "x86"\n}\n`),
      cacheBustVar: "cache_bust",
      cacheBust: "001",
      errors: [{ message: "var.cache_bust not used in ami_name", line: 8, column: 14, severity: "error" }],
    },
    {
      code: ebs('"r-${var.cache_bust}"', 'variable "cache_bust" {\n  default = "0"\n}\n'),
      errors: [{ message: "var.cache_bust has a default; a target that does not pass it silently reuses the old image name (taken for the cache bust by its name; the target names none)", line: 2, column: 3, severity: "warning" }],
    },
  ],
});

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
    { code: ebs('"r-${lower(timestamp())}"'), errors: [{ message: "timestamp() in ami_name yields colons, which image names do not allow", line: 2, column: 25 }] },
    { code: ebs('"r:${var.cache_bust}"', BUST), cacheBust: "1", cacheBustVar: "cache_bust", errors: [{ message: 'ami_name contains ":", not allowed in AMI names', line: 5, column: 14 }] },
    { code: ebs('"ab"'), errors: [{ message: 'ami_name "ab" is 2 characters; AMI names are 3 to 128', line: 2, column: 14 }] },
    {
      code: 'source "googlecompute" "r" {\n  image_name = "Runner-${var.v}"\n}\nvariable "v" {}\n',
      vars: { v: "001" },
      errors: [{ message: 'image_name "Runner-001" must match ^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$', line: 2, column: 16 }],
    },
  ],
});
