import { ruleTester } from "../tester/testing.ts";
import { rule as syn02 } from "./syn-02-unknown-block-or-argument.ts";

const AMAZON = `packer {
  required_plugins {
    amazon = { source = "github.com/hashicorp/amazon", version = "~> 1.3" }
  }
}
`;
/** An amazon plugin release the component schema table does not hold: CMP-02 leaves it to SYN-02. */
const OLD_AMAZON = 'packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = "= 99.0.0"\n    }\n  }\n}\n';

ruleTester(syn02, {
  valid: [
    { code: `${AMAZON}source "amazon-ebs" "x" {\n  tags = { a = "b" }\n  source_ami_filter {\n    filters = { name = "x" }\n  }\n}\n` },
    { code: 'build {\n  name = "b"\n  sources = ["source.null.x"]\n  post-processors {\n    post-processor "manifest" {}\n  }\n}\n' },
  ],
  invalid: [
    {
      name: "nullable is not a Packer variable argument",
      code: 'variable "x" {\n  type     = string\n  nullable = false\n}\n',
      errors: [{ message: 'An argument named "nullable" is not expected in a variable block', line: 3, column: 3 }],
    },
    {
      name: "a validation block takes condition and error_message only",
      code: 'variable "x" {\n  validation {\n    condition     = var.x != ""\n    error_message = "Set it."\n    message       = "x"\n  }\n}\n',
      errors: [{ message: 'An argument named "message" is not expected in a validation block; did you mean error_message?', line: 5, column: 5 }],
    },
    {
      name: "a local block: expression and sensitive only",
      code: 'local "x" {\n  expression = 1\n  value      = 2\n}\n',
      errors: [{ message: 'An argument named "value" is not expected in a local block', line: 3, column: 3 }],
    },
    {
      name: "a local block without an expression",
      code: 'local "x" {\n  sensitive = true\n}\n',
      errors: [{ message: 'Missing required argument: a local block needs "expression"', line: 1, column: 1 }],
    },
    {
      name: "a map written as a block in locals",
      code: 'locals {\n  tags {\n    a = "b"\n  }\n}\n',
      errors: [{ message: 'Unexpected "tags" block; Blocks are not allowed here.', line: 2, column: 3 }],
    },
    {
      name: "hcp_packer_registry takes no labels",
      code: 'hcp_packer_registry "x" {\n}\n',
      errors: [{ message: "hcp_packer_registry blocks take no labels, found 1", line: 1, column: 21 }],
    },
    { code: 'sorce "null" "x" {}\n', errors: [{ message: 'Blocks of type "sorce" are not expected here; did you mean source?', line: 1, column: 1 }] },
    { code: 'region = "x"\n', errors: [{ message: 'An argument named "region" is not expected at the top level', line: 1, column: 1 }] },
    { code: 'source "null" {}\n', errors: [{ message: "source blocks take 2 labels, found 1", line: 1, column: 1 }] },
    {
      code: 'build {\n  provisoner "shell" {}\n}\n',
      errors: [{ message: 'Blocks of type "provisoner" are not expected in a build block; did you mean provisioner?', line: 2, column: 3 }],
    },
    {
      name: "without a schema for the plugin (a release the table does not hold), maps written as blocks",
      code: `${OLD_AMAZON}source "amazon-ebs" "x" {\n  tags {\n    a = "b"\n  }\n}\n`,
      errors: [{ message: 'Blocks of type "tags" are not expected here; use tags = {…}', line: 10, column: 3 }],
    },
    {
      name: "without a schema for the plugin, blocks written as maps",
      code: `${OLD_AMAZON}source "amazon-ebs" "x" {\n  source_ami_filter = {\n    owners = ["1"]\n  }\n}\n`,
      errors: [{ message: 'An argument named "source_ami_filter" is not expected here; source_ami_filter is a block', line: 10, column: 3 }],
    },
    {
      code: 'variable "x" {\n  defualt = 1\n}\n',
      errors: [{ message: 'An argument named "defualt" is not expected in a variable block; did you mean default?', line: 2, column: 3 }],
    },
    {
      code: 'build {\n  source = ["x"]\n}\n',
      errors: [{ message: 'An argument named "source" is not expected in a build block; did you mean sources?', line: 2, column: 3 }],
    },
    {
      code: 'packer {\n  required_versions = ">= 1.10"\n}\n',
      errors: [{ message: 'An argument named "required_versions" is not expected in the packer block; did you mean required_version?', line: 2, column: 3 }],
    },
  ],
});
