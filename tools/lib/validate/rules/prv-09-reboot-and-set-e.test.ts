import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as prv09 } from "./prv-09-reboot-and-set-e.ts";

const DEB = 'source "amazon-ebs" "r" {\n  ssh_username = "admin"\n}\n';

ruleTester(prv09, {
  valid: [
    { code: build(DEB, ["sudo reboot"], "    expect_disconnect = true\n") },
    {
      code: 'source "amazon-ebs" "r" {}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    script = "s.sh"\n  }\n}\n',
      disk: { "s.sh": "#!/bin/bash\nset -euo pipefail\n" },
    },
  ],
  invalid: [
    {
      code: build(DEB, ["sudo reboot"]),
      errors: [{ message: "reboot without expect_disconnect = true: Script disconnected unexpectedly", line: 7, column: 21 }],
    },
    {
      code: 'source "amazon-ebs" "r" {}\nbuild {\n  sources = ["source.amazon-ebs.r"]\n  provisioner "shell" {\n    script = "s.sh"\n  }\n}\n',
      disk: { "s.sh": "#!/bin/bash\nyum install -y x\n" },
      errors: [{ message: "script without set -e carries on after a failed command", line: 1, column: 1, file: "s.sh" }],
    },
  ],
});
