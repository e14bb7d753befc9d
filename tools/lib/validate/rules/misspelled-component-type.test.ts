import { describe, expect, it } from "vitest";
import { runSample } from "../tester/testing.ts";
import { EBS } from "../tester/samples.ts";

describe("a misspelled type is reported once, where it is written", () => {
  it("no missing-plugin or unknown-source finding points at the typo", () => {
    const got = runSample({ code: EBS().replace('source "amazon-ebs"', 'source "amazon-ebss"') }).filter((f) => f.severity === "error");
    expect(got.map((f) => f.rule)).toEqual(["CMP-01"]);
  });
  it("a misspelled provisioner does not ask for a plugin", () => {
    const got = runSample({ code: EBS("", '  provisioner "shel" {\n    inline = ["true"]\n  }\n') }).filter((f) => f.rule === "SYN-05");
    expect(got).toEqual([]);
  });
});
