import { ruleTester } from "../tester/testing.ts";
import { rule as var05 } from "./var-05-var-file-content.ts";

ruleTester(var05, {
  valid: [
    { code: 'variable "a" {}\n', varFiles: { "prod.pkrvars.hcl": 'a = ["x", { b = 1 }]\n' } },
    {
      name: "arithmetic, conditionals and for expressions over literals evaluate without a context",
      code: 'variable "a" {}\nvariable "b" {}\nvariable "c" {}\n',
      varFiles: { "prod.pkrvars.hcl": 'a = 60 * 24\nb = true ? "x" : "y"\nc = [for s in ["a", "b"] : s]\n' },
    },
  ],
  invalid: [
    {
      code: 'variable "a" {}\n',
      varFiles: { "prod.pkrvars.hcl": 'variable "a" {}\na = var.b\n' },
      errors: [
        { message: "Variable declaration in a .pkrvars file", line: 1, column: 1, file: "prod.pkrvars.hcl" },
        { message: 'Value of "a" is not a literal: var files allow no variables or function calls', line: 2, column: 5 },
      ],
    },
    {
      name: "a function call inside arithmetic",
      code: 'variable "a" {}\n',
      varFiles: { "prod.pkrvars.hcl": "a = 1 + length([1])\n" },
      errors: [{ message: 'Value of "a" is not a literal: var files allow no variables or function calls', line: 1, column: 5 }],
    },
    {
      code: 'variable "a" {}\n',
      varFiles: { "prod.hcl": 'a = "x"\n' },
      errors: [{ message: "var file name should end in .pkrvars.hcl", line: 1, column: 1, severity: "warning" }],
    },
    {
      code: { "main.pkr.hcl": 'variable "a" {\n  default = "x"\n}\n', "prod.pkrvars.hcl": 'a = "y"\n' },
      errors: [{ message: "var file given as a template never loads; pass it with --var-file", line: 1, column: 1, severity: "warning" }],
    },
  ],
});
