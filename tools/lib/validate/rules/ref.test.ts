import { ruleTester } from "../tester/testing.ts";
import { rule as ref01 } from "./ref-01-undeclared-reference.ts";
import { rule as ref02 } from "./ref-02-unknown-reference-root.ts";
import { rule as ref03 } from "./ref-03-unknown-function.ts";
import { rule as ref04 } from "./ref-04-duplicate-or-cyclic-declaration.ts";
import { rule as ref05 } from "./ref-05-legacy-template-call.ts";
import { rule as ref06 } from "./ref-06-unused-declaration.ts";

ruleTester(ref01, {
  valid: [
    { code: 'variable "region" {\n  default = "x"\n}\nlocals {\n  r = var.region\n}\ndata "http" "ip" {\n  url = local.r\n}\nlocals {\n  b = data.http.ip.body\n}\n' },
    { code: 'locals {\n  xs = [for s in ["a"] : upper(s)]\n}\n' },
    {
      name: "a data source picked by a computed key (data.TYPE[expr])",
      code: 'variable "os" {\n  default = "jammy"\n}\ndata "amazon-ami" "jammy" {}\ndata "amazon-ami" "noble" {}\nlocals {\n  id  = data.amazon-ami[var.os].id\n  id2 = data.amazon-ami["noble"].id\n}\n',
    },
  ],
  invalid: [
    {
      code: 'variable "region" {\n  default = "x"\n}\nlocals {\n  r = var.regoin\n}\n',
      errors: [{ message: "var.regoin undeclared; did you mean var.region?", line: 5, column: 11 }],
    },
    { code: 'locals {\n  a = local.nope\n}\n', errors: [{ message: "local.nope undeclared", line: 2, column: 13 }] },
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

ruleTester(ref02, {
  valid: [
    {
      name: "the type argument of convert() is a type, not a reference",
      code: 'variable "flag" {\n  type    = string\n  default = "true"\n}\nlocals {\n  on    = convert(var.flag, bool)\n  names = convert(["a"], list(string))\n  ok    = can(convert(var.flag, number))\n}\n',
    },
    { code: 'build {\n  provisioner "shell" {\n    inline = ["echo $${HOME} ${path.root} ${source.name} ${build.ID} ${packer.version}"]\n  }\n}\n' },
    {
      name: "dynamic block iterator",
      code: 'source "null" "x" {\n  dynamic "tag" {\n    for_each = { a = "b" }\n    content {\n      key = tag.key\n    }\n  }\n}\n',
    },
    {
      name: "dynamic block: the iterator attribute is a name, not a reference",
      code: 'variable "disks" {\n  default = {}\n}\nsource "amazon-ebs" "x" {\n  dynamic "launch_block_device_mappings" {\n    for_each = var.disks\n    iterator = d\n    content {\n      volume_size = d.value\n    }\n  }\n}\n',
    },
    {
      name: "dynamic block: labels see the iterator (named or the block label)",
      code:
        'source "null" "x" {\n  dynamic "foo" {\n    for_each = { a = 1 }\n    labels   = [foo.key]\n    content {}\n  }\n' +
        '  dynamic "bar" {\n    for_each = { a = 1 }\n    iterator = it\n    labels   = ["${it.key}-x"]\n    content {}\n  }\n}\n',
    },
    {
      name: "nested dynamic blocks: the inner for_each sees the outer iterator",
      code: 'source "null" "x" {\n  dynamic "a" {\n    for_each = [[1]]\n    iterator = outer\n    content {\n      dynamic "b" {\n        for_each = outer.value\n        iterator = inner\n        content {\n          v = inner.value + outer.key\n        }\n      }\n    }\n  }\n}\n',
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
    { code: 'locals {\n  a = vars.x\n}\n', errors: [{ message: "Unknown variable vars; did you mean var?", line: 2, column: 7 }] },
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

ruleTester(ref03, {
  valid: [
    { name: "a type argument is a type expression, not a call", code: 'locals {\n  xs = convert(["a"], list(string))\n  m  = convert({}, map(object({ a = string })))\n}\n' },
    { code: 'variable "home" {\n  type    = list(string)\n  default = [env("HOME")]\n}\nlocals {\n  t = formatdate("YYYY", timestamp())\n}\n' },
    { name: "env() in a legacy variables block", code: 'variables {\n  home = env("HOME")\n}\n' },
    {
      name: "functions in a validation condition",
      code: 'variable "ami" {\n  default = "ami-1"\n  validation {\n    condition     = can(regex("^ami-", var.ami))\n    error_message = "Use an AMI id."\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "a function other than env() in a variable default (nested calls reported once)",
      code: 'variable "stamp" {\n  default = formatdate("YYYYMMDD", timestamp())\n}\n',
      errors: [{ message: 'Call to unknown function "formatdate": a variable default may only call env(); compute it in a local', line: 2, column: 13 }],
    },
    {
      name: "sibling calls in a default, env() inside one",
      code: 'variable "l" {\n  default = [upper("a"), lower(env("B"))]\n}\n',
      errors: [
        { message: 'Call to unknown function "upper": a variable default may only call env(); compute it in a local', line: 2, column: 14 },
        { message: 'Call to unknown function "lower": a variable default may only call env(); compute it in a local', line: 2, column: 26 },
      ],
    },
    {
      name: "a function in a legacy variables block",
      code: 'variables {\n  t = timestamp()\n}\n',
      errors: [{ message: 'Call to unknown function "timestamp": a variable default may only call env(); compute it in a local', line: 2, column: 7 }],
    },
    {
      name: "a misspelt function in a default",
      code: 'variable "u" {\n  default = uper("x")\n}\n',
      errors: [{ message: 'Call to unknown function "uper"; did you mean upper?', line: 2, column: 13 }],
    },
    {
      name: "env() in a validation condition (only defaults have it)",
      code: 'variable "v" {\n  default = "x"\n  validation {\n    condition     = env("X") != var.v\n    error_message = "Bad."\n  }\n}\n',
      errors: [{ message: 'Call to unknown function "env"; read it in a variable default', line: 4, column: 21 }],
    },
    { code: 'locals {\n  h = env("HOME")\n}\n', errors: [{ message: 'Call to unknown function "env"; read it in a variable default', line: 2, column: 7 }] },
    { code: 'locals {\n  h = uper("x")\n}\n', errors: [{ message: 'Call to unknown function "uper"; did you mean upper?', line: 2, column: 7 }] },
    { code: 'locals {\n  h = clean_resource_name("x")\n}\n', errors: [{ message: 'Call to unknown function "clean_resource_name"', line: 2, column: 7 }] },
  ],
});

ruleTester(ref04, {
  valid: [{ code: 'locals {\n  a = "x"\n  b = local.a\n}\n' }],
  invalid: [
    { code: 'locals {\n  a = local.b\n  b = local.a\n}\n', errors: [{ message: "Cycle: local.a, local.b", line: 2, column: 3 }] },
    { code: 'locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n', errors: [{ message: "Duplicate local definition local.a; first defined at main.pkr.hcl:2", line: 5, column: 3 }] },
    { code: 'variable "a" {}\nvariable "a" {}\n', errors: [{ message: "Duplicate variable declaration var.a; first declared at main.pkr.hcl:1", line: 2, column: 10 }] },
  ],
});

ruleTester(ref05, {
  valid: [
    { code: 'build {\n  provisioner "shell" {\n    execute_command = "sudo {{ .Vars }} bash {{ .Path }}"\n  }\n}\n' },
    {
      name: "a description that mentions the old syntax (kubernetes-sigs/image-builder)",
      code: 'variable "nutanix_password" {\n  type        = string\n  description = <<-EOT\n    A legacy-JSON-style "{{env `PASSWORD`}}" placeholder is taken literally.\n  EOT\n  default     = env("NUTANIX_PASSWORD")\n  sensitive   = true\n  validation {\n    condition     = length(var.nutanix_password) > 0\n    error_message = "Set it from the environment, not as {{env `PASSWORD`}}."\n  }\n}\n',
    },
  ],
  invalid: [
    { code: 'locals {\n  n = "ci-{{timestamp}}"\n}\n', errors: [{ message: '{{timestamp}} is a legacy template call; use formatdate("YYYYMMDDhhmmss", timestamp())', line: 2, column: 11 }] },
    { code: 'locals {\n  n = "{{user `region`}}"\n}\n', errors: [{ message: "{{user `x`}} renders empty in HCL2; use var.x", line: 2, column: 8 }] },
  ],
});

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
