import { ruleTester } from "../tester/testing.ts";
import { rule as var03 } from "./var-03-value-type.ts";

ruleTester(var03, {
  valid: [
    { code: 'variable "n" {\n  type    = number\n  default = "3"\n}\nvariable "l" {\n  type    = list(string)\n  default = ["a", 1]\n}\n' },
    { code: 'variable "o" {\n  type = object({ a = string, b = optional(number) })\n}\n', varFiles: { "v.pkrvars.hcl": 'o = { a = "x" }\n' } },
    { code: 'variable "l" {\n  type = list(string)\n}\n', vars: { l: '["a","b"]' } },
  ],
  invalid: [
    {
      code: 'variable "n" {\n  type    = number\n  default = "three"\n}\n',
      errors: [{ message: 'Invalid default value for variable "n": a number is required', line: 3, column: 13 }],
    },
    {
      code: 'variable "l" {\n  type    = list(string)\n  default = "a"\n}\n',
      errors: [{ message: 'Invalid default value for variable "l": a list of string is required', line: 3, column: 13 }],
    },
    {
      code: 'variable "b" {\n  type = bool\n}\n',
      vars: { b: "yes" },
      errors: [{ message: "Invalid value for -var b: a bool is required", line: 0, column: 0 }],
    },
    {
      code: 'variable "o" {\n  type = object({ a = string })\n}\n',
      varFiles: { "v.pkrvars.hcl": "o = { b = 1 }\n" },
      errors: [{ message: 'Invalid value for variable "o": attribute "a" is required', line: 1, column: 5, file: "v.pkrvars.hcl" }],
    },
  ],
});
