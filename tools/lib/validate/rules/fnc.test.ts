import { ruleTester } from "../tester/testing.ts";
import { rule as fnc01 } from "./fnc-01-function-arguments.ts";
import { rule as fnc02 } from "./fnc-02-function-file-exists.ts";

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
    { code: 'locals {\n  a = upper("a", "b")\n}\n', errors: [{ message: 'Too many function arguments: function "upper" expects only 1 argument.', line: 2, column: 18 }] },
    { code: 'locals {\n  a = abs("five")\n}\n', errors: [{ message: 'Invalid value for "num" parameter: a number is required.', line: 2, column: 11 }] },
  ],
});

ruleTester(fnc02, {
  valid: [
    { code: 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n', disk: { "keys/id.pub": "ssh-ed25519 AAAA" } },
    { name: "relative to the template's directory", code: { "images/main.pkr.hcl": 'locals {\n  key = file("keys/id.pub")\n}\n' }, disk: { "images/keys/id.pub": "x" } },
    { name: "guarded by fileexists", code: 'locals {\n  key = fileexists("k.pub") ? file("k.pub") : ""\n}\n' },
    { name: "a path the validator cannot compute", code: 'variable "p" {\n  type = string\n}\nlocals {\n  key = file(var.p)\n}\n' },
  ],
  invalid: [
    {
      code: 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n',
      errors: [{ message: 'Call to function "file" failed: no file exists at keys/id.pub.', line: 2, column: 14 }],
    },
    {
      code: { "images/main.pkr.hcl": 'locals {\n  t = templatefile("user-data.tpl", { a = 1 })\n}\n' },
      errors: [{ message: 'Call to function "templatefile" failed: no file exists at images/user-data.tpl.', line: 2, column: 20, file: "images/main.pkr.hcl" }],
    },
  ],
});
