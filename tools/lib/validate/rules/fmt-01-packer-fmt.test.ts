import { ruleTester } from "../tester/testing.ts";
import { rule as fmt01 } from "./fmt-01-packer-fmt.ts";

const FORMATTED = 'source "null" "x" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.x"]\n}\n';

ruleTester(fmt01, {
  valid: [
    { code: FORMATTED },
    { name: "a formatted var file", code: { "main.pkr.hcl": 'variable "region" {\n  type = string\n}\n', "prod.pkrvars.hcl": 'region = "eu-west-1"\n' } },
    { name: "a file that does not parse is SYN-01's, not formatted", code: 'source "null" "x" {\n  communicator =\n}\n' },
    {
      name: "JSON var files are not formatted by packer fmt",
      code: { "main.pkr.hcl": 'variable "region" {\n  type = string\n}\n', "prod.pkrvars.json": '{"region":   "eu-west-1"}' },
    },
  ],
  invalid: [
    {
      name: "reports the first differing line at its first differing column",
      code: 'source "null" "x" {\n  communicator = "none"\n}\n\nbuild {\n    sources = ["source.null.x"]\n  name="b"\n}\n',
      errors: [
        {
          message: 'not formatted as `packer fmt` writes it; this line should read "  sources = [\\"source.null.x\\"]"',
          line: 6,
          column: 3,
          severity: "warning",
        },
      ],
    },
    {
      name: "alignment of = counts",
      code: 'source "null" "x" {\n  communicator = "none"\n  pause_before = "1s"\n  output_directory = "o"\n}\n',
      errors: [{ message: /this line should read " {2}communicator {5}= \\"none\\""$/, line: 2, column: 16 }],
    },
    {
      name: "var files too",
      code: { "main.pkr.hcl": 'variable "region" {\n  type = string\n}\n', "prod.pkrvars.hcl": 'region="eu-west-1"\n' },
      errors: [{ message: /should read "region = \\"eu-west-1\\""/, line: 1, column: 7, file: "prod.pkrvars.hcl" }],
    },
  ],
});
