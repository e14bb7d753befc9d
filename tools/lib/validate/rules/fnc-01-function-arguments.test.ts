import { ruleTester } from "../tester/testing.ts";
import { rule as fnc01 } from "./fnc-01-function-arguments.ts";

ruleTester(fnc01, {
  valid: [
    { code: 'locals {\n  a = formatdate("YYYYMMDD", timestamp())\n  b = concat(["a"], ["b"], ["c"])\n  c = format("%s-%s", "a", "b")\n  d = merge()\n}\n' },
    { name: "spread arguments are not counted", code: 'locals {\n  parts = ["a", "b"]\n  j     = join(local.parts...)\n}\n' },
    { name: "inside can() an error does not stop Packer", code: 'locals {\n  ok = can(formatdate("YYYY"))\n}\n' },
    { name: "a type argument is a type, not a value", code: 'locals {\n  b = convert("true", bool)\n}\n' },
    { name: "a string that converts to a number", code: 'locals {\n  n = abs("5")\n}\n' },
  ],
  invalid: [
    {
      code: 'locals {\n  a = formatdate("YYYYMMDD")\n}\n',
      errors: [{ message: 'Not enough function arguments: function "formatdate" expects 2 arguments; missing value for "time".', line: 2, column: 28 }],
    },
    {
      code: 'locals {\n  a = upper("a", "b")\n}\n',
      errors: [{ message: 'Too many function arguments: function "upper" expects only 1 argument.', line: 2, column: 18 }],
    },
    { code: 'locals {\n  a = abs("five")\n}\n', errors: [{ message: 'Invalid value for "num" parameter: a number is required.', line: 2, column: 11 }] },
  ],
});
