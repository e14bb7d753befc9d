import { ruleTester } from "../tester/testing.ts";
import { rule as var02 } from "./var-02-undeclared-variable-value.ts";

ruleTester(var02, {
  valid: [{ code: 'variable "region" {}\n', vars: { region: "x" }, varFiles: { "v.pkrvars.hcl": 'region = "y"\n' } }],
  invalid: [
    {
      code: 'variable "region" {}\n',
      vars: { region: "x", regin: "y" },
      errors: [{ message: 'Undefined -var variable "regin"; did you mean "region"?', line: 0, column: 0, file: "<command line>" }],
    },
    {
      code: 'variable "region" {}\n',
      vars: { region: "x" },
      varFiles: { "v.pkrvars.hcl": 'regoin = "y"\n' },
      errors: [
        { message: 'Undefined variable "regoin" set in var file; did you mean "region"?', line: 1, column: 1, severity: "warning", file: "v.pkrvars.hcl" },
      ],
    },
    {
      name: "JSON var file key",
      code: 'variable "region" {}\n',
      vars: { region: "x" },
      varFiles: { "v.pkrvars.json": '{\n  "region": "y",\n  "zone": "z"\n}\n' },
      errors: [{ message: 'Undefined variable "zone" set in var file', line: 3, column: 3, severity: "warning", file: "v.pkrvars.json" }],
    },
  ],
});
