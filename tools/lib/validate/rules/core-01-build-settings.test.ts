import { ruleTester } from "../tester/testing.ts";
import { rule as core01 } from "./core-01-build-settings.ts";

const SRC = 'source "null" "n" {\n  communicator = "none"\n}\n';
/** A build around `inner` (lines of the build body start at line 5). */
const build = (inner: string): string => `${SRC}build {\n  sources = ["null.n"]\n${inner}}\n`;

ruleTester(core01, {
  valid: [
    {
      name: "durations with units, a whole max_retries, an override of objects, one error-cleanup-provisioner",
      code: build(
        '  provisioner "shell-local" {\n    inline       = ["true"]\n    pause_before = "1m30s"\n    timeout      = "10m"\n    max_retries  = 3\n' +
          '    override = {\n      "null.n" = { inline = ["false"] }\n    }\n  }\n  error-cleanup-provisioner "shell-local" {\n    inline = ["true"]\n  }\n' +
          '  post-processor "manifest" {\n    keep_input_artifact = true\n  }\n',
      ),
    },
    {
      name: "a duration from a variable Packer will know",
      code: `variable "p" {\n  type = string\n}\n${build('  provisioner "shell-local" {\n    inline       = ["true"]\n    pause_before = var.p\n  }\n')}`,
    },
    { name: "a number given as a string converts", code: build('  provisioner "shell-local" {\n    inline      = ["true"]\n    max_retries = "2"\n  }\n') },
    { name: "0 needs no unit", code: build('  provisioner "shell-local" {\n    inline  = ["true"]\n    timeout = "0"\n  }\n') },
    { name: "a literal build-level source name", code: `${SRC}build {\n  source "null.n" {\n    name = "first"\n  }\n}\n` },
  ],
  invalid: [
    {
      name: "a duration without a unit",
      code: build('  provisioner "shell-local" {\n    inline       = ["true"]\n    pause_before = "10"\n  }\n'),
      errors: [{ message: 'Failed to parse pause_before duration: time: missing unit in duration "10"', line: 8, column: 20 }],
    },
    {
      name: "a duration with an unknown unit, from a variable's default",
      code: `variable "t" {\n  default = "5min"\n}\n${build('  provisioner "shell-local" {\n    inline  = ["true"]\n    timeout = var.t\n  }\n')}`,
      errors: [{ message: 'Failed to parse timeout duration: time: unknown unit "min" in duration "5min"', line: 11, column: 15 }],
    },
    {
      name: "max_retries not a whole number",
      code: build('  provisioner "shell-local" {\n    inline      = ["true"]\n    max_retries = 1.5\n  }\n'),
      errors: [{ message: /^Unsuitable value type for "max_retries": value must be a whole number/, line: 8, column: 19 }],
    },
    {
      name: "only as a string",
      code: build('  post-processor "manifest" {\n    only = "null.n"\n  }\n'),
      errors: [{ message: 'Unsuitable value type for "only": list of string required', line: 7, column: 12 }],
    },
    {
      name: "sources as a string",
      code: `${SRC}build {\n  sources = "null.n"\n}\n`,
      errors: [{ message: 'Unsuitable value type for "sources": list of string required', line: 5, column: 13 }],
    },
    {
      name: "override not an object of objects",
      code: build('  provisioner "shell-local" {\n    inline   = ["true"]\n    override = { "null.n" = "x" }\n  }\n'),
      errors: [{ message: "provisioner's override.'null.n' block must be an HCL object", line: 8, column: 16 }],
    },
    {
      name: "two error-cleanup-provisioners",
      code: build(
        '  error-cleanup-provisioner "shell-local" {\n    inline = ["true"]\n  }\n  error-cleanup-provisioner "shell-local" {\n    inline = ["false"]\n  }\n',
      ),
      errors: [{ message: "Only one error-cleanup-provisioner is allowed", line: 9, column: 3 }],
    },
    {
      name: "a variable in a build-level source's name",
      code: `variable "n" {\n  default = "x"\n}\n${SRC}build {\n  source "null.n" {\n    name = var.n\n  }\n}\n`,
      errors: [{ message: "Variables not allowed: Variables may not be used here.", line: 9, column: 12 }],
    },
  ],
});
