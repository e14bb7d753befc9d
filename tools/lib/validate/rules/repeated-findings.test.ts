import { describe, expect, it } from "vitest";
import { build } from "../tester/samples.ts";
import { runSample } from "../tester/testing.ts";

const NOBLE =
  'source "amazon-ebs" "u" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

describe("one cause, one finding", () => {
  it("five apt-get installs without -y: one warning with the count; two stay two", () => {
    const lines = (n: number) => ["cloud-init status --wait", "sudo apt-get update", ...Array.from({ length: n }, (_, i) => `sudo apt-get install pkg${i}`)];
    const five = runSample({ code: build(NOBLE, lines(5)) }).filter((f) => f.rule === "PRV-06");
    expect(five.map((f) => [f.message, f.severity])).toEqual([["apt-get install without -y waits for an answer (and 4 more lines like it)", "warning"]]);
    const two = runSample({ code: build(NOBLE, lines(2)) }).filter((f) => f.rule === "PRV-06");
    expect(two.map((f) => f.message)).toEqual(["apt-get install without -y waits for an answer", "apt-get install without -y waits for an answer"]);
  });
});
