import { ruleTester } from "../tester/testing.ts";
import { rule as fnc02 } from "./fnc-02-function-file-exists.ts";

ruleTester(fnc02, {
  valid: [
    { code: 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n', disk: { "keys/id.pub": "ssh-ed25519 AAAA" } },
    {
      name: "relative to the template's directory",
      code: { "images/main.pkr.hcl": 'locals {\n  key = file("keys/id.pub")\n}\n' },
      disk: { "images/keys/id.pub": "x" },
    },
    { name: "guarded by fileexists", code: 'locals {\n  key = fileexists("k.pub") ? file("k.pub") : ""\n}\n' },
    {
      name: "${path.root} in a subfolder",
      code: { "images/main.pkr.hcl": 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n' },
      disk: { "images/keys/id.pub": "x" },
    },
    {
      name: "a template given by an absolute path: ${path.root} is its folder",
      code: { "/work/images/main.pkr.hcl": 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n' },
      disk: { "/work/images/keys/id.pub": "x" },
    },
    { name: "an absolute path the template writes is the build machine's", code: 'locals {\n  key = file("/etc/hostname")\n}\n' },
    { name: "a path the validator cannot compute", code: 'variable "p" {\n  type = string\n}\nlocals {\n  key = file(var.p)\n}\n' },
  ],
  invalid: [
    {
      name: "a template given by an absolute path, the file missing from its folder",
      code: { "/work/images/main.pkr.hcl": 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n' },
      errors: [
        { message: 'Call to function "file" failed: no file exists at /work/images/keys/id.pub.', line: 2, column: 14, file: "/work/images/main.pkr.hcl" },
      ],
    },
    {
      name: "${path.root} in a subfolder, the file missing",
      code: { "images/main.pkr.hcl": 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n' },
      errors: [{ message: 'Call to function "file" failed: no file exists at images/keys/id.pub.', line: 2, column: 14, file: "images/main.pkr.hcl" }],
    },
    {
      code: 'locals {\n  key = file("${path.root}/keys/id.pub")\n}\n',
      errors: [{ message: 'Call to function "file" failed: no file exists at keys/id.pub.', line: 2, column: 14 }],
    },
    {
      code: { "images/main.pkr.hcl": 'locals {\n  t = templatefile("user-data.tpl", { a = 1 })\n}\n' },
      errors: [
        { message: 'Call to function "templatefile" failed: no file exists at images/user-data.tpl.', line: 2, column: 20, file: "images/main.pkr.hcl" },
      ],
    },
  ],
});
