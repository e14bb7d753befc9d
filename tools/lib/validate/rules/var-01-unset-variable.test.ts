import { ruleTester } from "../tester/testing.ts";
import { rule as var01 } from "./var-01-unset-variable.ts";

ruleTester(var01, {
  valid: [
    { code: 'variable "a" {\n  default = "x"\n}\n' },
    { code: 'variable "a" {}\n', vars: { a: "1" } },
    { code: 'variable "a" {}\n', varFiles: { "v.pkrvars.hcl": 'a = "1"\n' } },
    { code: 'variable "a" {}\n', varFiles: { "v.pkrvars.json": '{"a": "1"}' } },
    { code: 'variable "cache_bust" {}\n', cacheBustVar: "cache_bust", cacheBust: "001" },
    { code: { "main.pkr.hcl": 'variable "a" {}\n', "x.auto.pkrvars.hcl": 'a = "1"\n' } },
    { name: "a variable the build gets when it runs (a CI secret)", code: 'variable "token" {\n  sensitive = true\n}\n', runtimeVars: ["token"] },
    { name: "every variable given when the build runs", code: 'variable "a" {}\nvariable "b" {}\n', runtimeVars: ["*"] },
  ],
  invalid: [
    { code: 'variable "version" {}\n', errors: [{ message: 'Unset variable "version": pass -var version=…', line: 1, column: 10 }] },
    {
      name: "cache bust var without a value",
      code: 'variable "cache_bust" {}\n',
      cacheBustVar: "cache_bust",
      errors: [{ message: /Unset variable "cache_bust"/, line: 1, column: 10 }],
    },
    {
      name: "a runtime variable is named, not every variable",
      code: 'variable "token" {}\nvariable "region" {}\n',
      runtimeVars: ["token"],
      errors: [{ message: /Unset variable "region"/, line: 2, column: 10 }],
    },
    {
      name: "non-auto var file among templates never loads",
      code: { "main.pkr.hcl": 'variable "a" {}\n', "x.pkrvars.hcl": 'a = "1"\n' },
      errors: [{ message: /Unset variable "a"/, line: 1, column: 10 }],
    },
  ],
});
