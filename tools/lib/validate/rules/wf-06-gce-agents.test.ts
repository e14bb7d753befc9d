import { ruleTester } from "../tester/testing.ts";
import { rule as wf06 } from "./wf-06-gce-agents.ts";

/** A build of `source` running `inline`, for an image the template calls a Workflows runner. */
const build = (source: string, inline: string[]): string =>
  `${source}build {\n  sources = ["source.${/source "([^"]+)" "([^"]+)"/.exec(source)!.slice(1).join(".")}"]\n  provisioner "shell" {\n    inline = ${JSON.stringify(inline)}\n  }\n}\n${RUNNER}`;
const RUNNER = "# The Aspect Workflows runner image.\n";
const GCE = 'source "googlecompute" "r" {\n  source_image_family = "debian-12"\n}\n';
const CUSTOM_GCE = 'source "googlecompute" "r" {\n  source_image = "my-custom-image"\n}\n';

ruleTester(wf06, {
  valid: [
    { code: build(GCE, ["sudo apt-get install -y google-osconfig-agent"]) },
    {
      name: "a custom image given the Ops Agent",
      code: build(CUSTOM_GCE, [
        "curl -sSO https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh",
        "sudo bash add-google-cloud-ops-agent-repo.sh --also-install",
      ]),
    },
  ],
  invalid: [
    { code: build(GCE, ["sudo apt-get install -y amazon-ssm-agent"]), errors: [{ message: "amazon-ssm-agent is useless on GCE", line: 7, column: 40 }] },
    {
      code: build(CUSTOM_GCE, ["true"]),
      errors: [{ message: "googlecompute source googlecompute.r installs no Ops Agent (google-cloud-ops-agent)", line: 5, column: 14 }],
    },
  ],
});
