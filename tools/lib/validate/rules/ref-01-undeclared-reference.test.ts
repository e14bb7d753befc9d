import { ruleTester } from "../tester/testing.ts";
import { rule as ref01 } from "./ref-01-undeclared-reference.ts";

ruleTester(ref01, {
  valid: [
    {
      code: 'variable "region" {\n  default = "x"\n}\nlocals {\n  r = var.region\n}\ndata "http" "ip" {\n  url = local.r\n}\nlocals {\n  b = data.http.ip.body\n}\n',
    },
    { code: 'locals {\n  xs = [for s in ["a"] : upper(s)]\n}\n' },
    {
      name: "a data source picked by a computed key (data.TYPE[expr])",
      code:
        'variable "os" {\n  default = "jammy"\n}\ndata "amazon-ami" "jammy" {}\ndata "amazon-ami" "noble" {}\nlocals ' +
        '{\n  id  = data.amazon-ami[var.os].id\n  id2 = data.amazon-ami["noble"].id\n}\n',
    },
  ],
  invalid: [
    {
      code: 'variable "region" {\n  default = "x"\n}\nlocals {\n  r = var.regoin\n}\n',
      errors: [{ message: "var.regoin undeclared; did you mean var.region?", line: 5, column: 11 }],
    },
    { code: "locals {\n  a = local.nope\n}\n", errors: [{ message: "local.nope undeclared", line: 2, column: 13 }] },
    {
      code: 'data "amazon-ami" "ubuntu" {}\nlocals {\n  id = data.amazon-ami.ubunt.id\n}\n',
      errors: [{ message: "data.amazon-ami.ubunt undeclared; did you mean data.amazon-ami.ubuntu?", line: 3, column: 8 }],
    },
    {
      code: 'data "amazon-ami" "ubuntu" {}\nlocals {\n  id = data.amazon-ami["ubunt"].id\n}\n',
      errors: [{ message: "data.amazon-ami.ubunt undeclared; did you mean data.amazon-ami.ubuntu?", line: 3, column: 8 }],
    },
    {
      code: 'variable "os" {\n  default = "x"\n}\nlocals {\n  id = data.amazon-ami[var.os].id\n}\n',
      errors: [{ message: 'no data "amazon-ami" source is declared', line: 5, column: 8 }],
    },
  ],
});
