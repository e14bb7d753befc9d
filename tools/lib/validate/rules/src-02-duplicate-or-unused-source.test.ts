import { ruleTester } from "../tester/testing.ts";
import { rule as src02 } from "./src-02-duplicate-or-unused-source.ts";
import { DYNAMIC_CONTENT, dynamicSource } from "../tester/samples.ts";

ruleTester(src02, {
  valid: [
    { code: 'source "null" "a" {}\nbuild {\n  sources = ["source.null.a"]\n}\n' },
    { name: 'dynamic "source" in a build', code: dynamicSource("source.amazon-ebs.base", DYNAMIC_CONTENT) },
  ],
  invalid: [
    {
      code: 'source "null" "a" {}\nsource "null" "a" {}\nbuild {\n  sources = ["source.null.a"]\n}\n',
      errors: [{ message: "Duplicate source block null.a; first defined at main.pkr.hcl:1", line: 2, column: 1 }],
    },
    { code: 'source "null" "a" {}\nbuild {\n  name = "x"\n}\n', errors: [{ message: "missing source reference", line: 2, column: 1 }] },
    { code: 'source "null" "a" {}\n', errors: [{ message: "Missing build block", line: 1, column: 1 }] },
  ],
});
