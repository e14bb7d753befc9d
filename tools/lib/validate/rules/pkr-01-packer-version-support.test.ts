import { ruleTester } from "../tester/testing.ts";
import { rule as pkr01 } from "./pkr-01-packer-version-support.ts";

const NULL_BUILD = 'source "null" "a" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.a"]\n}\n';

ruleTester(pkr01, {
  valid: [
    { name: "no Packer version given: nothing version-specific is checked", code: 'data "null" "x" {\n  input = "a"\n}\n' + NULL_BUILD },
    { name: "a template Packer 1.6.6 reads", code: NULL_BUILD, packerVersion: "1.6.6" },
    {
      name: "data blocks on 1.7.0",
      code: 'data "null" "x" {\n  input = "a"\n}\n' + NULL_BUILD.replace("none", "${data.null.x.output}"),
      packerVersion: "1.7.5",
    },
    { name: "required_version met", code: 'packer {\n  required_version = ">= 1.6.0"\n}\n' + NULL_BUILD, packerVersion: "1.6.6" },
    { name: "a function unknown to the table is REF-03's", code: "locals {\n  a = nosuchfunction()\n}\n" + NULL_BUILD, packerVersion: "1.6.6" },
    { name: "a newer Packer than the table knows", code: 'data "null" "x" {\n  input = "a"\n}\n' + NULL_BUILD, packerVersion: "2.0.0" },
  ],
  invalid: [
    {
      name: "data blocks and required_plugins before 1.7.0",
      code:
        'packer {\n  required_plugins {\n    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }\n  }\n}\n\ndata "null" "x" {\n  input = "a"\n}\n' +
        NULL_BUILD,
      packerVersion: "1.6.6",
      errors: [
        { message: "`required_plugins` blocks in the packer block need Packer 1.7.0 or later; this build uses Packer 1.6.6", line: 2, column: 3 },
        { message: "`data` blocks need Packer 1.7.0 or later; this build uses Packer 1.6.6", line: 7, column: 1 },
      ],
    },
    {
      name: "a function added later, with the version that added it",
      code: 'locals {\n  a = templatefile("x.tpl", {})\n  b = upper("x")\n}\n' + NULL_BUILD,
      packerVersion: "1.6.6",
      errors: [{ message: "the function `templatefile` needs Packer 1.7.1 or later; this build uses Packer 1.6.6", line: 2, column: 7 }],
    },
    {
      name: "meta-arguments, build blocks and variable blocks added later",
      code:
        'variable "v" {\n  default = "x"\n  validation {\n    condition     = length(var.v) > 0\n    error_message = "The v must not be empty."\n  }\n}\n\n' +
        'source "null" "a" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.a"]\n' +
        '  provisioner "shell-local" {\n    inline            = ["true"]\n    continue_on_error = true\n  }\n' +
        '  error-cleanup-provisioner "shell-local" {\n    inline = ["true"]\n  }\n}\n',
      packerVersion: "1.6.5",
      errors: [
        { message: '`validation` blocks in variable "v" need Packer 1.6.6 or later; this build uses Packer 1.6.5', line: 3, column: 3 },
        { message: '`continue_on_error` in provisioner "shell-local" needs Packer 1.16.0 or later; this build uses Packer 1.6.5', line: 17, column: 5 },
        { message: "`error-cleanup-provisioner` blocks in the build block need Packer 1.7.0 or later; this build uses Packer 1.6.5", line: 19, column: 3 },
      ],
    },
    {
      name: "arguments Packer's own components gained later, and a component that came later",
      code:
        'data "http" "x" {\n  url = "https://example.com"\n}\n\nsource "null" "a" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.a"]\n' +
        '  provisioner "shell" {\n    inline = ["echo $A"]\n    env    = { A = "1" }\n  }\n}\n',
      packerVersion: "1.7.10",
      errors: [
        { message: "the `http` data source needs Packer 1.8.1 or later; this build uses Packer 1.7.10", line: 1, column: 6 },
        { message: "`env` of the `shell` provisioner needs Packer 1.8.0 or later; this build uses Packer 1.7.10", line: 13, column: 5 },
      ],
    },
    {
      name: "dynamic blocks before 1.5.5",
      code: 'source "null" "a" {\n  communicator = "none"\n  dynamic "x" {\n    for_each = []\n    content {}\n  }\n}\n\nbuild {\n  sources = ["source.null.a"]\n}\n',
      packerVersion: "1.5.4",
      errors: [{ message: "`dynamic` blocks need Packer 1.5.5 or later; this build uses Packer 1.5.4", line: 3, column: 3 }],
    },
    {
      name: "a required_version the Packer does not meet is the one finding, as Packer stops there",
      code: 'packer {\n  required_version = ">= 1.7.0"\n}\n\ndata "null" "x" {\n  input = "a"\n}\n' + NULL_BUILD,
      packerVersion: "1.6.6",
      errors: [
        {
          message: 'Unsupported Packer Core version: required_version ">= 1.7.0" does not allow Packer 1.6.6, which this build uses',
          line: 2,
          column: 22,
        },
      ],
    },
    {
      name: "Packer before HCL2",
      code: NULL_BUILD,
      packerVersion: "1.4.5",
      errors: [{ message: "HCL2 templates need Packer 1.5.0 or later; this build uses Packer 1.4.5", line: 1, column: 1 }],
    },
  ],
});
