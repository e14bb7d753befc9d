import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as wf05 } from "./wf-05-ubuntu-user-namespaces.ts";

const NOBLE =
  'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

ruleTester(wf05, {
  valid: [{ code: build(NOBLE, ["echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee /etc/sysctl.d/99-userns.conf"]) }],
  invalid: [
    {
      code: build(NOBLE, ["true"]),
      errors: [{ message: "Ubuntu 24.04 without kernel.apparmor_restrict_unprivileged_userns=0: Bazel linux-sandbox will fail", line: 1, column: 8 }],
    },
  ],
});
