import { describe, expect, it } from "vitest";
import { runSample } from "../tester/testing.ts";

const NOBLE =
  'source "amazon-ebs" "u" {\n  ssh_username = "ubuntu"\n  source_ami_filter {\n    filters = { name = ' +
  '"ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*" }\n    owners  = ["099720109477"]\n  }\n}\n';

describe("positions in script files", () => {
  it("every finding of a long script names its own line and column (CRLF and LF line ends)", () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0 ? "  sudo yum install -y a" : i % 3 === 1 ? "echo é😀; sudo yum install -y b" : "sudo yum install -y c",
    );
    const script = lines.map((l, i) => l + (i % 2 === 0 ? "\r\n" : "\n")).join("");
    const code = `${NOBLE}build {\n  sources = ["source.amazon-ebs.u"]\n  provisioner "shell" {\n    script = "\${path.root}/setup.sh"\n  }\n}\n`;
    const found = runSample({ code: { "main.pkr.hcl": code }, disk: { "setup.sh": script } }).filter((f) => f.rule === "PRV-07");
    expect(found).toHaveLength(3000);
    expect(found.map((f) => [f.line, f.column])).toEqual(lines.map((l, i) => [i + 1, i % 3 === 0 ? 8 : i % 3 === 1 ? 15 : 6]));
  });
});
