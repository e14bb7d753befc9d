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
