import { ruleTester } from "../tester/testing.ts";
import { rule as syn01 } from "./syn-01-parse-error.ts";

ruleTester(syn01, {
  valid: [{ code: 'variable "x" {\n  default = "a"\n}\n' }],
  invalid: [
    { code: 'build {\n  name = "x"\n', errors: [{ message: /expected `}` to close the block opened at 1:7/, line: 3, column: 1 }] },
    { code: 'a = "x\n', errors: [{ message: /./, line: 1, column: 5 }] },
  ],
});
