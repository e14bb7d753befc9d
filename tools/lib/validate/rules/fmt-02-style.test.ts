import { ruleTester } from "../tester/testing.ts";
import { rule as fmt02 } from "./fmt-02-style.ts";

ruleTester(fmt02, {
  valid: [{ code: 'variable "region" {}\nsource "null" "x" {\n  a = var.region\n  b = "r-${var.region}"\n}\n' }],
  invalid: [
    {
      code: 'variable "awsRegion" {}\n// old style\nsource "null" "x" {\n  a = "${var.awsRegion}"\n}\n',
      errors: [
        { message: "var.awsRegion is not snake_case", line: 1, column: 10, severity: "info" },
        { message: "// comment → #", line: 2, column: 1 },
        { message: '"${var.awsRegion}" → var.awsRegion', line: 4, column: 7 },
      ],
    },
  ],
});
