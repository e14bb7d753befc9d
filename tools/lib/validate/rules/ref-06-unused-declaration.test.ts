import { ruleTester } from "../tester/testing.ts";
import { rule as ref06 } from "./ref-06-unused-declaration.ts";

ruleTester(ref06, {
  valid: [
    { code: 'variable "a" {\n  default = 1\n}\nlocals {\n  b = var.a\n}\nsource "null" "x" {\n  c = local.b\n}\n' },
    {
      name: "data sources of a type picked by a computed key are all used",
      code: 'variable "os" {\n  default = "jammy"\n}\ndata "amazon-ami" "jammy" {}\ndata "amazon-ami" "noble" {}\nsource "null" "x" {\n  c = data.amazon-ami[var.os].id\n}\n',
    },
  ],
  invalid: [
    {
      name: "a variable used only by its own validation is unused",
      code: 'variable "a" {\n  default = "x"\n  validation {\n    condition     = var.a != ""\n    error_message = "Set a."\n  }\n}\n',
      errors: [{ message: "var.a unused", line: 1, column: 10 }],
    },
    { code: 'locals {\n  pkgs = ["zip"]\n}\n', errors: [{ message: "local.pkgs unused", line: 2, column: 3 }] },
    { code: 'data "http" "ip" {\n  url = "https://x"\n}\n', errors: [{ message: "data.http.ip unused", line: 1, column: 6 }] },
  ],
});
