import { ruleTester } from "../tester/testing.ts";
import { rule as ref02 } from "./ref-02-unknown-reference-root.ts";

ruleTester(ref02, {
  valid: [
    {
      name: "the type argument of convert() is a type, not a reference",
      code:
        'variable "flag" {\n  type    = string\n  default = "true"\n}\nlocals {\n  on    = convert(var.flag, bool)\n  ' +
        'names = convert(["a"], list(string))\n  ok    = can(convert(var.flag, number))\n}\n',
    },
    { code: 'build {\n  provisioner "shell" {\n    inline = ["echo $${HOME} ${path.root} ${source.name} ${build.ID} ${packer.version}"]\n  }\n}\n' },
    {
      name: "dynamic block iterator",
      code: 'source "null" "x" {\n  dynamic "tag" {\n    for_each = { a = "b" }\n    content {\n      key = tag.key\n    }\n  }\n}\n',
    },
    {
      name: "dynamic block: the iterator attribute is a name, not a reference",
      code:
        'variable "disks" {\n  default = {}\n}\nsource "amazon-ebs" "x" {\n  dynamic "launch_block_device_mappings" ' +
        "{\n    for_each = var.disks\n    iterator = d\n    content {\n      volume_size = d.value\n    }\n  }\n}\n",
    },
    {
      name: "dynamic block: labels see the iterator (named or the block label)",
      code:
        'source "null" "x" {\n  dynamic "foo" {\n    for_each = { a = 1 }\n    labels   = [foo.key]\n    content {}\n  }\n' +
        '  dynamic "bar" {\n    for_each = { a = 1 }\n    iterator = it\n    labels   = ["${it.key}-x"]\n    content {}\n  }\n}\n',
    },
    {
      name: "nested dynamic blocks: the inner for_each sees the outer iterator",
      code:
        'source "null" "x" {\n  dynamic "a" {\n    for_each = [[1]]\n    iterator = outer\n    content {\n      ' +
        'dynamic "b" {\n        for_each = outer.value\n        iterator = inner\n        content {\n          v = ' +
        "inner.value + outer.key\n        }\n      }\n    }\n  }\n}\n",
    },
    {
      name: "a validation condition refers to its variable",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = var.v != ""\n    error_message = "Set v."\n  }\n}\n',
    },
    {
      name: "literal defaults, env() and object keys in a default",
      code: 'variable "a" {\n  type    = map(string)\n  default = { region = "x", home = env("HOME") }\n}\nvariables {\n  b = [for s in ["x"] : s]\n}\n',
    },
    {
      name: "a reference inside a call in a default is left to REF-03",
      code: 'variable "a" {\n  default = "x"\n}\nvariable "b" {\n  default = upper(var.a)\n}\n',
    },
  ],
  invalid: [
    {
      code: 'build {\n  provisioner "shell" {\n    inline = ["echo ${HOME}"]\n  }\n}\n',
      errors: [{ message: "Unknown variable HOME; escape as $${HOME}", line: 3, column: 23 }],
    },
    { code: "locals {\n  a = vars.x\n}\n", errors: [{ message: "Unknown variable vars; did you mean var?", line: 2, column: 7 }] },
    {
      name: "dynamic block: for_each is evaluated outside the iteration",
      code: 'source "null" "x" {\n  dynamic "tag" {\n    for_each = tag.value\n    content {\n      key = tag.key\n    }\n  }\n}\n',
      errors: [{ message: "Unknown variable tag; did you mean var?", line: 3, column: 16 }],
    },
    {
      name: "a variable default interpolating another variable",
      code: 'variable "region" {\n  default = "eu-west-1"\n}\nvariable "zone" {\n  default = "${var.region}a"\n}\n',
      errors: [{ message: "var.region: variables are not allowed in a variable default; use a local", line: 5, column: 16 }],
    },
    {
      name: "a variable default referring to a local, a data source and path",
      code: 'locals {\n  z = "a"\n}\ndata "http" "ip" {\n  url = "https://x"\n}\nvariable "v" {\n  default = [local.z, data.http.ip.body, "${path.root}/x"]\n}\n',
      errors: [
        { message: "local.z: variables are not allowed in a variable default; use a local", line: 8, column: 14 },
        { message: "data.http.ip.body: variables are not allowed in a variable default; use a local", line: 8, column: 23 },
        { message: "path.root: variables are not allowed in a variable default; use a local", line: 8, column: 45 },
      ],
    },
    {
      name: "a legacy variables block is a set of defaults",
      code: 'variable "region" {\n  default = "x"\n}\nvariables {\n  zone = var.region\n}\n',
      errors: [{ message: "var.region: variables are not allowed in a variable default; use a local", line: 5, column: 10 }],
    },
  ],
});
