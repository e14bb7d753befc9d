import { ruleTester } from "../tester/testing.ts";
import { rule as var04 } from "./var-04-validation-block.ts";

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
      name: "a variable in the error message",
      code: 'variable "x" {\n  default = "abc"\n  validation {\n    condition     = var.x != ""\n    error_message = "The value ${var.x} is empty."\n  }\n}\n',
      errors: [{ message: "Variables not allowed: Variables may not be used here.", line: 5, column: 34 }],
    },
    {
      name: "a condition that gives a string",
      code: 'variable "x" {\n  default = "a"\n  validation {\n    condition     = var.x\n    error_message = "Set it."\n  }\n}\n',
      errors: [{ message: "Invalid variable validation result: Invalid validation condition result value: a bool is required.", line: 4, column: 21 }],
    },
    {
      name: "a condition that gives null",
      code: 'variable "x" {\n  default = "a"\n  validation {\n    condition     = var.x == "a" ? null : true\n    error_message = "Set it."\n  }\n}\n',
      errors: [
        { message: /^Invalid variable validation result: Validation condition expression must return either true or false, not null/, line: 4, column: 21 },
      ],
    },
    {
      name: "a validation block without an error_message",
      code: 'variable "x" {\n  default = "a"\n  validation {\n    condition = var.x != ""\n  }\n}\n',
      errors: [{ message: 'Missing required argument: The argument "error_message" is required, but no definition was found.', line: 3, column: 3 }],
    },
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
