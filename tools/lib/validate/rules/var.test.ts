import { ruleTester } from "../tester/testing.ts";
import { rule as var01 } from "./var-01-unset-variable.ts";
import { rule as var02 } from "./var-02-undeclared-variable-value.ts";
import { rule as var03 } from "./var-03-value-type.ts";
import { rule as var04 } from "./var-04-validation-block.ts";
import { rule as var05 } from "./var-05-var-file-content.ts";

ruleTester(var01, {
  valid: [
    { code: 'variable "a" {\n  default = "x"\n}\n' },
    { code: 'variable "a" {}\n', vars: { a: "1" } },
    { code: 'variable "a" {}\n', varFiles: { "v.pkrvars.hcl": 'a = "1"\n' } },
    { code: 'variable "a" {}\n', varFiles: { "v.pkrvars.json": '{"a": "1"}' } },
    { code: 'variable "cache_bust" {}\n', cacheBustVar: "cache_bust", cacheBust: "001" },
    { code: { "main.pkr.hcl": 'variable "a" {}\n', "x.auto.pkrvars.hcl": 'a = "1"\n' } },
  ],
  invalid: [
    { code: 'variable "version" {}\n', errors: [{ message: 'Unset variable "version": pass -var version=…', line: 1, column: 10 }] },
    { name: "cache bust var without a value", code: 'variable "cache_bust" {}\n', cacheBustVar: "cache_bust", errors: [{ message: /Unset variable "cache_bust"/, line: 1, column: 10 }] },
    { name: "non-auto var file among templates never loads", code: { "main.pkr.hcl": 'variable "a" {}\n', "x.pkrvars.hcl": 'a = "1"\n' }, errors: [{ message: /Unset variable "a"/, line: 1, column: 10 }] },
  ],
});

ruleTester(var02, {
  valid: [{ code: 'variable "region" {}\n', vars: { region: "x" }, varFiles: { "v.pkrvars.hcl": 'region = "y"\n' } }],
  invalid: [
    { code: 'variable "region" {}\n', vars: { region: "x", regin: "y" }, errors: [{ message: 'Undefined -var variable "regin"; did you mean "region"?', line: 0, column: 0, file: "<command line>" }] },
    {
      code: 'variable "region" {}\n',
      vars: { region: "x" },
      varFiles: { "v.pkrvars.hcl": 'regoin = "y"\n' },
      errors: [{ message: 'Undefined variable "regoin" set in var file; did you mean "region"?', line: 1, column: 1, severity: "warning", file: "v.pkrvars.hcl" }],
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

ruleTester(var03, {
  valid: [
    { code: 'variable "n" {\n  type    = number\n  default = "3"\n}\nvariable "l" {\n  type    = list(string)\n  default = ["a", 1]\n}\n' },
    { code: 'variable "o" {\n  type = object({ a = string, b = optional(number) })\n}\n', varFiles: { "v.pkrvars.hcl": 'o = { a = "x" }\n' } },
    { code: 'variable "l" {\n  type = list(string)\n}\n', vars: { l: '["a","b"]' } },
  ],
  invalid: [
    { code: 'variable "n" {\n  type    = number\n  default = "three"\n}\n', errors: [{ message: 'Invalid default value for variable "n": a number is required', line: 3, column: 13 }] },
    { code: 'variable "l" {\n  type    = list(string)\n  default = "a"\n}\n', errors: [{ message: 'Invalid default value for variable "l": a list of string is required', line: 3, column: 13 }] },
    { code: 'variable "b" {\n  type = bool\n}\n', vars: { b: "yes" }, errors: [{ message: "Invalid value for -var b: a bool is required", line: 0, column: 0 }] },
    {
      code: 'variable "o" {\n  type = object({ a = string })\n}\n',
      varFiles: { "v.pkrvars.hcl": "o = { b = 1 }\n" },
      errors: [{ message: 'Invalid value for variable "o": attribute "a" is required', line: 1, column: 5, file: "v.pkrvars.hcl" }],
    },
  ],
});

ruleTester(var04, {
  valid: [
    {
      code: 'variable "v" {\n  type = string\n  validation {\n    condition     = length(var.v) > 0 && can(regex("^[0-9]+$", var.v))\n    error_message = "The version must be digits."\n  }\n}\n',
      vars: { v: "001" },
    },
    {
      name: "an exclamation mark ends a sentence",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "Invalid AMI id!"\n  }\n}\n',
    },
    {
      name: "a message starting with a quote (not a letter)",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "\\"ami\\" must start with \\"ami-\\"."\n  }\n}\n',
    },
    {
      name: "a message starting with a digit, with surrounding spaces, asking a question",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "  3 regions or fewer?  "\n  }\n}\n',
    },
  ],
  invalid: [
    {
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.w != ""\n    error_message = "Bad."\n  }\n}\nvariable "w" {\n  default = ""\n}\n',
      errors: [
        { message: 'Invalid reference in variable validation: the condition for variable "v" can only refer to var.v', line: 4, column: 21 },
        { message: 'The condition for variable "v" must refer to var.v in order to test incoming values', line: 4, column: 21 },
      ],
    },
    {
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "must be set"\n  }\n}\n',
      errors: [{ message: "Invalid validation error message", line: 5, column: 21 }],
    },
    {
      name: "no final punctuation",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "The AMI id must start with ami-"\n  }\n}\n',
      errors: [{ message: "Invalid validation error message", line: 5, column: 21 }],
    },
    {
      name: "a lower-case non-ASCII first letter",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "étrange."\n  }\n}\n',
      errors: [{ message: "Invalid validation error message", line: 5, column: 21 }],
    },
    {
      name: "only spaces",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "   "\n  }\n}\n',
      errors: [{ message: "Invalid validation error message", line: 5, column: 21 }],
    },
    {
      code: 'variable "v" {\n  type = string\n  validation {\n    condition     = can(regex("^[0-9]+$", var.v))\n    error_message = "The version must be digits."\n  }\n}\n',
      varFiles: { "v.pkrvars.hcl": 'v = "abc"\n' },
      errors: [{ message: 'Invalid value for variable "v": The version must be digits.', line: 1, column: 5, file: "v.pkrvars.hcl" }],
    },
  ],
});

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
      varFiles: { "prod.pkrvars.hcl": 'a = 1 + length([1])\n' },
      errors: [{ message: 'Value of "a" is not a literal: var files allow no variables or function calls', line: 1, column: 5 }],
    },
    { code: 'variable "a" {}\n', varFiles: { "prod.hcl": 'a = "x"\n' }, errors: [{ message: "var file name should end in .pkrvars.hcl", line: 1, column: 1, severity: "warning" }] },
    {
      code: { "main.pkr.hcl": 'variable "a" {\n  default = "x"\n}\n', "prod.pkrvars.hcl": 'a = "y"\n' },
      errors: [{ message: "var file given as a template never loads; pass it with --var-file", line: 1, column: 1, severity: "warning" }],
    },
  ],
});

ruleTester(var04, {
  valid: [
    {
      name: "a backtracking-prone regex is not evaluated (RE2 is linear, JavaScript is not)",
      code: 'variable "v" {\n  type = string\n  validation {\n    condition     = can(regex("^(a+)+$", var.v))\n    error_message = "The value must be a run of a."\n  }\n}\n',
      vars: { v: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" },
    },
  ],
  invalid: [],
});
