import { ruleTester } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { EBS } from "../tester/samples.ts";

ruleTester(cmp04, {
  valid: [
    { code: `${EBS()}data "amazon-ami" "al2023" {\n  filters = {\n    name = "al2023-ami-*"\n  }\n  owners      = ["amazon"]\n  most_recent = true\n}\n` },
    { name: "file provisioner with content", code: EBS("", '  provisioner "file" {\n    content     = "x"\n    destination = "/tmp/x"\n  }\n') },
  ],
  invalid: [
    {
      name: "an AMI lookup without owners",
      code: `${EBS()}data "amazon-ami" "al2023" {\n  filters = {\n    name = "al2023-ami-*"\n  }\n}\n`,
      errors: [{ message: "For security reasons, you must declare an owner.", line: 27, column: 6 }],
    },
    {
      name: "a file provisioner without destination",
      code: EBS("", '  provisioner "file" {\n    content = "x"\n  }\n'),
      errors: [{ message: "Destination must be specified.", line: 26, column: 15 }],
    },
    {
      name: "environment_vars entries without =",
      code: EBS("", '  provisioner "shell" {\n    environment_vars = ["FOO"]\n    inline           = ["true"]\n  }\n'),
      errors: [{ message: "Environment variable not in format 'key=value': FOO", line: 27, column: 25 }],
    },
  ],
});
