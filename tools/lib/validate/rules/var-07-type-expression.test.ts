import { ruleTester } from "../tester/testing.ts";
import { rule as var07 } from "./var-07-type-expression.ts";

ruleTester(var07, {
  valid: [
    {
      code: 'variable "a" {\n  type = map(object({ x = string, y = optional(number) }))\n}\nvariable "b" {\n  type = any\n}\nvariable "c" {\n  type = tuple([string, bool])\n}\n',
    },
  ],
  invalid: [
    {
      code: 'variable "a" {\n  type = strng\n}\n',
      errors: [{ message: 'Invalid type specification: The keyword "strng" is not a valid type specification.', line: 2, column: 10 }],
    },
    {
      code: 'variable "a" {\n  type = list[string]\n}\n',
      errors: [{ message: /^Invalid type specification: A type specification is either a primitive type keyword/, line: 2, column: 10 }],
    },
    {
      code: 'variable "a" {\n  type = list\n}\n',
      errors: [{ message: "Invalid type specification: The list type constructor requires one argument specifying the element type.", line: 2, column: 10 }],
    },
  ],
});
