import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as wf05 } from "./wf-05-ubuntu-user-namespaces.ts";

const NOBLE =
  'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

const MESSAGE = "Ubuntu 24.04 without kernel.apparmor_restrict_unprivileged_userns=0: Bazel linux-sandbox will fail";
const gce = (attr: string, value: string) => `source "googlecompute" "r" {\n  ${attr} = "${value}"\n}\n`;

ruleTester(wf05, {
  valid: [
    { code: build(NOBLE, ["echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee /etc/sysctl.d/99-userns.conf"]) },
    { name: "Ubuntu 22.04 on GCE", code: build(gce("source_image_family", "ubuntu-2204-lts"), ["true"]) },
    { name: "Ubuntu of a release the template does not say", code: build('source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n}\n', ["true"]) },
  ],
  invalid: [
    { code: build(NOBLE, ["true"]), errors: [{ message: MESSAGE, line: 1, column: 8 }] },
    {
      name: "the GCE image family",
      code: build(gce("source_image_family", "ubuntu-2404-lts-amd64"), ["true"]),
      errors: [{ message: MESSAGE, line: 1, column: 8 }],
    },
    {
      name: "a codename in a name no published image carries",
      code: build(gce("source_image", "golden-noble-20240901"), ["true"]),
      errors: [{ message: MESSAGE, line: 1, column: 8 }],
    },
  ],
});
