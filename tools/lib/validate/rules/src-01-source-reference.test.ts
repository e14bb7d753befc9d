import { ruleTester } from "../tester/testing.ts";
import { rule as src01 } from "./src-01-source-reference.ts";
import { DYNAMIC_CONTENT, EBS_SOURCE, dynamicSource } from "../tester/samples.ts";

ruleTester(src01, {
  valid: [
    { code: `${EBS_SOURCE}build {\n  sources = ["source.amazon-ebs.runner", "amazon-ebs.runner"]\n  source "amazon-ebs.runner" {\n    name = "b"\n  }\n}\n` },
    { name: '"sources.TYPE.NAME" is accepted by Packer', code: `${EBS_SOURCE}build {\n  sources = ["sources.amazon-ebs.runner"]\n}\n` },
    { name: 'dynamic "source" in a build (nova-2nd/ArchBridge)', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) },
    {
      name: "sources from a variable (chef/bento)",
      code: `${EBS_SOURCE}variable "enabled" {\n  type    = list(string)\n  default = ["source.amazon-ebs.runner"]\n}\nbuild {\n  sources = var.enabled\n}\n`,
    },
  ],
  invalid: [
    {
      code: `${EBS_SOURCE}build {\n  sources = ["sources.amazon-ebs.runer"]\n}\n`,
      errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 13, column: 14 }],
    },
    {
      code: `${EBS_SOURCE}build {\n  sources = ["source.amazon-ebs.runer"]\n}\n`,
      errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 13, column: 14 }],
    },
    {
      name: "a variable's sources are checked too",
      code: `${EBS_SOURCE}variable "enabled" {\n  type    = list(string)\n  default = ["source.amazon-ebs.runer"]\n}\nbuild {\n  sources = var.enabled\n}\n`,
      errors: [{ message: 'Unknown source amazon-ebs.runer. Did you mean "amazon-ebs.runner"?', line: 17, column: 13 }],
    },
    { code: `${EBS_SOURCE}build {\n  sources = ["runner"]\n}\n`, errors: [{ message: 'Invalid source reference "runner"', line: 13, column: 14 }] },
    {
      name: 'a dynamic "source" label is a source reference too',
      code: dynamicSource("source.amazon-ebs.bse", DYNAMIC_CONTENT),
      errors: [{ message: 'Unknown source amazon-ebs.bse. Did you mean "amazon-ebs.base"?', line: 11, column: 16 }],
    },
    {
      code: `${EBS_SOURCE}build {\n  sources = ["build.amazon-ebs.runner"]\n}\n`,
      errors: [{ message: '"build.amazon-ebs.runner" is not a source reference; use "source.amazon-ebs.runner"', line: 13, column: 14, severity: "warning" }],
    },
  ],
});
