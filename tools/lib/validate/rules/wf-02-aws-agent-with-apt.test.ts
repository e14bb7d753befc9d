import { ruleTester } from "../tester/testing.ts";
import { rule as wf02 } from "./wf-02-aws-agent-with-apt.ts";

/** A build of `source` running `inline`, for an image the template calls a Workflows runner. */
const build = (source: string, inline: string[]): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    inline = ${JSON.stringify(inline)}\n  }\n}\n${RUNNER}`;
const RUNNER = "# The Aspect Workflows runner image.\n";
const UBUNTU = 'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n}\n';

ruleTester(wf02, {
  valid: [
    { code: build(UBUNTU, ["sudo dpkg -i amazon-cloudwatch-agent.deb"]) },
    {
      name: "apt-get install of an agent already installed from its .deb",
      code: build(UBUNTU, ["sudo dpkg --install amazon-cloudwatch-agent.deb", "sudo apt-get install -y zip amazon-cloudwatch-agent"]),
    },
  ],
  invalid: [
    {
      code: build(UBUNTU, ["sudo apt-get install -y zip amazon-cloudwatch-agent"]),
      errors: [{ message: "amazon-cloudwatch-agent is not in the apt repositories; use the S3 .deb and dpkg", line: 7, column: 44 }],
    },
  ],
});
