import { ruleTester } from "../tester/testing.ts";
import { rule as prv01 } from "./prv-01-only-except-sources.ts";

const SRC = `source "amazon-ebs" "runner" {
  ssh_username = "ec2-user"
  source_ami_filter {
    filters = { name = "al2023-ami-*" }
    owners  = ["137112412989"]
  }
}
`;

ruleTester(prv01, {
  valid: [
    {
      code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    only   = ["amazon-ebs.runner"]\n    inline = ["true"]\n  }\n}\n`,
    },
    {
      name: "sources from a variable (chef/bento)",
      code:
        'source "null" "a" {\n  communicator = "none"\n}\nsource "null" "b" {\n  communicator = "none"\n}\nvariable ' +
        '"sources_enabled" {\n  type    = list(string)\n  default = ["source.null.a", "source.null.b"]\n}\nbuild {\n  ' +
        'sources = var.sources_enabled\n  post-processor "manifest" {\n    only = ["null.b"]\n  }\n}\n',
    },
    {
      name: "sources Packer only knows at build time",
      code:
        'source "null" "a" {\n  communicator = "none"\n}\nvariable "sources" {\n  type = list(string)\n}\nbuild {\n  ' +
        'sources = var.sources\n  post-processor "manifest" {\n    except = ["null.a"]\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "sources from a variable: an entry naming none of them",
      code:
        'source "null" "a" {\n  communicator = "none"\n}\nvariable "sources_enabled" {\n  type    = list(string)\n  ' +
        'default = ["source.null.a"]\n}\nbuild {\n  sources = var.sources_enabled\n  post-processor "manifest" {\n    ' +
        'only = ["null.b"]\n  }\n}\n',
      errors: [{ message: '"null.b" never matches a source of this build; did you mean null.a?', line: 11, column: 13 }],
    },
    {
      code: `${SRC}build {\n  sources = ["source.amazon-ebs.runner"]\n  provisioner "shell" {\n    only   = ["source.amazon-ebs.runner"]\n    inline = ["true"]\n  }\n}\n`,
      errors: [{ message: '"source.amazon-ebs.runner" never matches; use "amazon-ebs.runner"', line: 11, column: 15, severity: "warning" }],
    },
    {
      name: "renamed build source",
      code: `${SRC}build {\n  source "amazon-ebs.runner" {\n    name = "arm"\n  }\n  post-processor "manifest" {\n    except = ["amazon-ebs.runner"]\n  }\n}\n`,
      errors: [{ message: '"amazon-ebs.runner" never matches: the build names this source "amazon-ebs.arm"', line: 13, column: 15 }],
    },
  ],
});
