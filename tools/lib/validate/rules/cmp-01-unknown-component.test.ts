import { ruleTester } from "../tester/testing.ts";
import { rule as cmp01 } from "./cmp-01-unknown-component.ts";
import { EBS } from "../tester/samples.ts";

ruleTester(cmp01, {
  valid: [
    { code: EBS() },
    {
      name: "core components",
      code: `source "null" "x" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.x"]\n  provisioner "shell-local" {\n    inline = ["true"]\n  }\n  post-processor "manifest" {}\n}\n`,
    },
    {
      name: "a plugin the table does not cover is never judged",
      code:
        `packer {\n  required_plugins {\n    foo = {\n      source  = "github.com/example/foo"\n      version = ">= ` +
        `1.0"\n    }\n  }\n}\nsource "foo-bar" "x" {}\nbuild {\n  sources = ["source.foo-bar.x"]\n}\n`,
    },
  ],
  invalid: [
    {
      name: "a fork of a covered plugin is not judged by the upstream table: said once, as info",
      code:
        `packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/example/amazon"\n      version = ` +
        `">= 1.0"\n    }\n  }\n}\nsource "amazon-ebsx" "x" {}\nsource "amazon-ebsy" "y" {}\nbuild {\n  sources = ` +
        `["source.amazon-ebsx.x", "source.amazon-ebsy.y"]\n}\n`,
      errors: [
        {
          message:
            "amazon components are not checked against a schema: amazon comes from github.com/example/amazon here; the schema table covers github.com/hashicorp/amazon",
          line: 9,
          column: 8,
          severity: "info",
        },
      ],
    },
    {
      name: "a constraint no release in the table meets",
      code: EBS().replace('version = ">= 1.2.0"', 'version = "= 99.0.0"'),
      errors: [
        {
          message: /^amazon components are not checked against a schema: the schema table holds amazon [\d., ]+, which "= 99.0.0" does not allow$/,
          line: 10,
          column: 8,
          severity: "info",
        },
      ],
    },
    {
      name: "misspelled builder of a covered plugin",
      code: EBS().replace('source "amazon-ebs"', 'source "amazon-ebss"'),
      errors: [
        {
          message: /^Unknown source type "amazon-ebss": the amazon plugin \([\d.]+\) has no builder of that name; did you mean "amazon-ebs"\?$/,
          line: 10,
          column: 8,
        },
      ],
    },
    {
      name: "misspelled core provisioner",
      code: EBS("", '  provisioner "shel" {\n    inline = ["true"]\n  }\n'),
      errors: [{ message: 'Unknown provisioner type "shel"; did you mean "shell"?', line: 26, column: 15 }],
    },
    {
      name: "misspelled core post-processor",
      code: EBS("", '  post-processor "manifests" {}\n'),
      errors: [{ message: 'Unknown post-processor type "manifests"; did you mean "manifest"?', line: 26, column: 18 }],
    },
    {
      name: "misspelled data source",
      code: `${EBS()}data "amazon-amii" "x" {\n  owners = ["amazon"]\n}\n`,
      errors: [{ message: /^Unknown data type "amazon-amii": .*did you mean "amazon-ami"\?$/, line: 27, column: 6 }],
    },
  ],
});
