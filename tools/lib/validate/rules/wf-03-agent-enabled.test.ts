import { ruleTester } from "../tester/testing.ts";
import { rule as wf03 } from "./wf-03-agent-enabled.ts";

/** A build of `source` running `inline`, for an image the template calls a Workflows runner. */
const build = (source: string, inline: string[]): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    inline = ${JSON.stringify(inline)}\n  }\n}\n${RUNNER}`;
const RUNNER = "# The Aspect Workflows runner image.\n";
const AL2 = 'source "amazon-ebs" "r" {\n  source_ami   = "ami-051dfed8f67f095f5"\n  ssh_username = "ec2-user"\n}\n';
const UBUNTU = 'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n}\n';
const GCE = 'source "googlecompute" "r" {\n  source_image_family = "debian-12"\n}\n';

ruleTester(wf03, {
  valid: [
    { code: build(AL2, ["sudo yum install -y amazon-cloudwatch-agent", "sudo systemctl enable --now amazon-cloudwatch-agent"]) },
    { name: "apt enables a Debian package's services itself (Aspect's gcp/ubuntu-2404)", code: build(GCE, ["sudo apt-get install -y google-osconfig-agent"]) },
    { name: "snapd enables a snap's services itself", code: build(UBUNTU, ["sudo snap install amazon-ssm-agent --classic"]) },
  ],
  invalid: [
    {
      code: build(AL2, ["sudo yum install -y amazon-cloudwatch-agent"]),
      errors: [{ message: "amazon-cloudwatch-agent installed but not enabled; enable amazon-cloudwatch-agent", line: 8, column: 36 }],
    },
    {
      name: "a .deb from S3 installed with dpkg -i",
      code: build(UBUNTU, ["sudo dpkg -i amazon-cloudwatch-agent.deb"]),
      errors: [{ message: "amazon-cloudwatch-agent installed but not enabled; enable amazon-cloudwatch-agent", line: 7, column: 29 }],
    },
  ],
});
