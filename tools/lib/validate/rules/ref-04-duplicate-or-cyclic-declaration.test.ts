import { ruleTester } from "../tester/testing.ts";
import { rule as ref04 } from "./ref-04-duplicate-or-cyclic-declaration.ts";

ruleTester(ref04, {
  valid: [{ code: 'locals {\n  a = "x"\n  b = local.a\n}\n' }],
  invalid: [
    {
      name: "a local and a data source that need each other",
      code: 'locals {\n  id = data.null.d.output\n}\ndata "null" "d" {\n  input = local.id\n}\n',
      errors: [{ message: "Cycle: local.id, data.null.d", line: 2, column: 3 }],
    },
    {
      name: "a local that refers to itself",
      code: 'locals {\n  a = "${local.a}x"\n}\n',
      errors: [{ message: "Self reference: local.a", line: 2, column: 3 }],
    },
    { code: "locals {\n  a = local.b\n  b = local.a\n}\n", errors: [{ message: "Cycle: local.a, local.b", line: 2, column: 3 }] },
    {
      code: "locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n",
      errors: [{ message: "Duplicate local definition local.a; first defined at main.pkr.hcl:2", line: 5, column: 3 }],
    },
    {
      code: 'variable "a" {}\nvariable "a" {}\n',
      errors: [{ message: "Duplicate variable declaration var.a; first declared at main.pkr.hcl:1", line: 2, column: 10 }],
    },
  ],
});
