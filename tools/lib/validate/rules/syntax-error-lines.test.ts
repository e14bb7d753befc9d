import { describe, expect, it } from "vitest";
import { runSample } from "../tester/testing.ts";

describe("SYN-01 and what the parser recovered", () => {
  it("reports only the syntax error on its line, not the unknown variables a misparse makes of it", () => {
    const code =
      'build {\n  provisioner "powershell" {\n    inline = ["a"]\n    elevated_execute_command = powershell -executionpolicy bypass "& { exit 0 }"\n  }\n}\n';
    const findings = runSample({ code }).filter((f) => f.line === 4);
    expect(findings.map((f) => f.rule)).toEqual(["SYN-01"]);
    expect(findings[0]!.message).toMatch(/missing newline after argument `elevated_execute_command`/);
  });
});

describe("a syntax error comes first, and alone for its block", () => {
  const BUILD = 'build {\n  sources = ["source.null.a"]\n}\n';

  it("a missing } is the one finding: the build block the parser then read as nested is not reported", () => {
    const findings = runSample({ code: `source "null" "a" {\n  communicator = "none"\n\n${BUILD}` });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`)).toEqual(["7:1 SYN-01 expected `}` to close the block opened at 1:19"]);
  });

  it("other blocks' findings stay, after the syntax error", () => {
    const code = `locals {\n  a = var.undeclared\n}\n\nsource "null" "a" {\n  communicator = "none"\n  bogus = \n}\n\n${BUILD}`;
    const findings = runSample({ code }).map((f) => `${f.line} ${f.rule}`);
    expect(findings[0]).toBe("7 SYN-01");
    expect(findings).toContain("2 REF-01");
    // Nothing else from the source block that holds the syntax error.
    expect(findings.filter((f) => /^[5-8] /.test(f))).toEqual(["7 SYN-01"]);
  });
});
