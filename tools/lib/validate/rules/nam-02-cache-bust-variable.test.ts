import { ruleTester } from "../tester/testing.ts";
import { rule as nam02 } from "./nam-02-cache-bust-variable.ts";

const ebs = (name: string, extra = ""): string => `${extra}source "amazon-ebs" "r" {\n  ami_name = ${name}\n}\n`;
const BUST = 'variable "cache_bust" {\n  type = string\n}\n';

ruleTester(nam02, {
  valid: [
    { code: ebs('"runner-${var.cache_bust}"', BUST), cacheBustVar: "cache_bust", cacheBust: "001" },
    { name: "no bust variable: not checked", code: ebs('"r-{{timestamp}}"') },
    {
      name: "default with a length validation",
      code: ebs(
        '"r-${var.version}"',
        'variable "version" {\n  default = "1"\n  validation {\n    condition     = length(var.version) > 0\n    error_message = "Set it."\n  }\n}\n',
      ),
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
      code: ebs(
        '"k8s-node-${formatdate("YYYYMMDDhhmmss", timestamp())}"',
        'variable "version" {\n  default     = "1.29.3"\n  description = "Kubernetes version"\n}\n',
      ),
    },
  ],
  invalid: [
    {
      name: "Aspect's bust variable: version without a default, missing from the name",
      code: ebs('"runner-{{timestamp}}"', 'variable "version" {\n  type = string\n}\n'),
      vars: { version: "001" },
      errors: [
        {
          message:
            /^var\.version not used in ami_name; the name is new on every build anyway .* \(taken for the cache bust as a `version` without a default; the target names none\)$/,
          line: 5,
          column: 14,
          severity: "warning",
        },
      ],
    },
    {
      name: "version named as the bust variable, with a default",
      code: ebs('"k8s-node-${var.version}"', 'variable "version" {\n  default = "1.29.3"\n}\n'),
      cacheBustVar: "version",
      cacheBust: "001",
      errors: [
        { message: "var.version has a default; a target that does not pass it silently reuses the old image name", line: 2, column: 3, severity: "error" },
      ],
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
      errors: [
        {
          message:
            "var.cache_bust has a default; a target that does not pass it silently reuses the old image name (taken for the cache bust by its name; the target names none)",
          line: 2,
          column: 3,
          severity: "warning",
        },
      ],
    },
  ],
});
