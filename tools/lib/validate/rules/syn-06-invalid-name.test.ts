import { ruleTester } from "../tester/testing.ts";
import { rule as syn06 } from "./syn-06-invalid-name.ts";

ruleTester(syn06, {
  valid: [{ code: 'variable "a-b_c" {}\nsource "null" "_x" {}\n' }],
  invalid: [
    { code: 'variable "2nd" {}\n', errors: [{ message: /^Invalid variable name "2nd": a name must start with a letter/, line: 1, column: 10 }] },
    { code: 'source "null" "my source" {}\n', errors: [{ message: /^Invalid source name "my source"/, line: 1, column: 15 }] },
  ],
});
