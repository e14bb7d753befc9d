import { build } from "../tester/samples.ts";
import { ruleTester } from "../tester/testing.ts";
import { rule as prv06 } from "./prv-06-apt-update-and-wait.ts";

const NOBLE =
  'source "amazon-ebs" "u" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';
const DEB = 'source "amazon-ebs" "r" {\n  ssh_username = "admin"\n}\n';
const UBU = 'source "amazon-ebs" "r" {\n  ssh_username = "ubuntu"\n}\n';

ruleTester(prv06, {
  valid: [
    {
      name: "update in sudo sh -c",
      code: build(NOBLE, ["cloud-init status --wait", "sudo sh -c 'apt-get update && apt-get install -y nginx'", "sudo apt-get install -y jq"]),
    },
    {
      name: "update in a retry loop",
      code: build(NOBLE, ["cloud-init status --wait", "for i in 1 2 3; do sudo apt-get update && break || sleep 15; done", "sudo apt-get install -y jq"]),
    },
    {
      name: "update after while/until/{/( and behind wrappers",
      code: build(NOBLE, [
        "cloud-init status --wait",
        "until sudo apt-get update; do sleep 5; done",
        "while ! sudo timeout 300 apt-get update; do sleep 5; done",
        "{ sudo nice -n 10 eatmydata apt-get update; }",
        "(sudo apt-get update)",
        "retry sudo apt-get update",
        "sudo apt-get install -y jq",
      ]),
    },
    {
      name: "quiet level 2 implies -y; so do yes | and APT::Get::Assume-Yes",
      code: build(NOBLE, [
        "cloud-init status --wait",
        "sudo apt-get -qq update",
        "sudo apt-get -qq install jq",
        "sudo apt-get -q=2 install git",
        "sudo apt-get -q -q install zip",
        "sudo apt-get --quiet=2 install curl",
        "sudo apt-get install --assume-yes unzip",
        "sudo apt-get -o APT::Get::Assume-Yes=true install make",
        "yes | sudo apt-get install gcc",
      ]),
    },
  ],
  invalid: [
    {
      name: "DEBIAN_FRONTEND=noninteractive and -q do not answer apt's questions",
      code: build(NOBLE, [
        "cloud-init status --wait",
        "sudo apt-get update",
        "sudo DEBIAN_FRONTEND=noninteractive apt-get install jq",
        "sudo apt-get -q install git",
      ]),
      errors: [
        { message: "apt-get install without -y waits for an answer", line: 11, column: 101 },
        { message: "apt-get install without -y waits for an answer", line: 11, column: 127 },
      ],
    },
    {
      name: "an install in an if body without -y",
      code: build(NOBLE, ["cloud-init status --wait", "sudo apt-get update", "if ! command -v jq; then sudo apt-get install jq; fi"]),
      errors: [{ message: "apt-get install without -y waits for an answer", line: 11, column: 95 }],
    },
  ],
});

ruleTester(prv06, {
  valid: [
    { code: build(DEB, ["sudo apt-get update", "sudo apt-get install -y zip"]) },
    { name: "update in an earlier provisioner", code: build(UBU, ["cloud-init status --wait", "sudo apt-get update && sudo apt-get install -y zip"]) },
    {
      name: "waiting for boot-finished as Packer's docs suggest (firehawk)",
      code: build(UBU, [
        "timeout 180 /bin/bash -c 'until stat /var/lib/cloud/instance/boot-finished &>/dev/null; do echo waiting...; sleep 6; done'",
        "sudo apt-get update && sudo apt-get install -y zip",
      ]),
    },
    {
      name: "the while loop form",
      code: build(UBU, [
        "while [ ! -f /var/lib/cloud/instance/boot-finished ]; do echo 'Waiting for cloud-init...'; sleep 1; done",
        "sudo apt-get update",
        "sudo apt-get install -y zip",
      ]),
    },
    {
      name: "cloud-init status --wait under sudo sh -c",
      code: build(UBU, ["sudo sh -c 'cloud-init status --long --wait'", "sudo apt-get update", "sudo apt-get install -y zip"]),
    },
  ],
  invalid: [
    {
      code: build(DEB, ["sudo apt-get install zip"]),
      errors: [
        { message: "apt-get install before apt-get update", line: 7, column: 21 },
        { message: "apt-get install without -y waits for an answer", line: 7, column: 21 },
      ],
    },
    { code: build(UBU, ["sudo apt-get update"]), errors: [] },
    {
      code: build(UBU, ["sudo apt-get update", "sudo apt-get install -y zip"]),
      errors: [{ message: "apt on Ubuntu before cloud-init status --wait: dpkg lock race", line: 7, column: 43 }],
    },
  ],
});
