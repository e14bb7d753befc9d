import { describe, expect, it } from "vitest";
import { ruleTester, runSample } from "../tester/testing.ts";
import { rule as prv03 } from "./prv-03-shell-scripts.ts";

ruleTester(prv03, {
  valid: [
    {
      name: "a file provisioner whose except leaves out the only source is never prepared",
      code:
        'source "null" "a" {\n  communicator = "none"\n}\nsource "null" "b" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n' +
        '  provisioner "file" {\n    source      = "${path.root}/missing.conf"\n    destination = "/tmp/x"\n    except      = ["null.a"]\n  }\n' +
        '  provisioner "shell" {\n    script = "${path.root}/missing.sh"\n    only   = ["null.b"]\n  }\n}\n',
    },
    {
      code: { "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "${path.root}/setup.sh"\n  }\n}\n' },
      disk: { "images/setup.sh": "set -e\n" },
    },
    { name: "an absolute script path", code: 'build {\n  provisioner "shell" {\n    scripts = ["/opt/a.sh"]\n  }\n}\n', disk: { "/opt/a.sh": "" } },
    {
      name: "a script path from a variable",
      code: 'variable "dir" {\n  default = "scripts"\n}\nbuild {\n  provisioner "shell-local" {\n    script = "${var.dir}/a.sh"\n  }\n}\n',
      disk: { "scripts/a.sh": "" },
    },
    { name: "an inline script naming a relative file", code: 'build {\n  provisioner "shell" {\n    inline = ["./scripts/a.sh", "cd conf"]\n  }\n}\n' },
    {
      name: "relative destinations, a download and a generated source",
      code:
        'build {\n  provisioner "file" {\n    source      = "${path.root}/conf/a"\n    destination = "conf/a"\n  }\n  ' +
        'provisioner "file" {\n    source      = "/var/log/x"\n    destination = "logs/x"\n    direction   = ' +
        '"download"\n  }\n' +
        '  provisioner "file" {\n    source      = "${path.root}/out/sbom.json"\n    destination = "/tmp/sbom.json"\n    generated   = true\n  }\n}\n',
      disk: { "conf/a": "" },
    },
    {
      code:
        'build {\n  provisioner "file" {\n    source = "${path.root}/conf/"\n    destination = "/tmp"\n  }\n  ' +
        'provisioner "file" {\n    source = "/var/log/x"\n    destination = "x"\n    direction = "download"\n  }\n}\n',
      disk: { "conf/a": "" },
    },
    {
      name: 'generated = "true" converts to a bool (troyfontaine/vsc-remote-skills-test)',
      code:
        'build {\n  provisioner "shell-local" {\n    inline = ["hugo -d ../docs/public"]\n  }\n  provisioner "file" ' +
        '{\n    source      = "${path.root}/../docs/scenarios/apache/public"\n    destination = "/tmp/public"\n    ' +
        'generated   = "true"\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "a relative script that exists from the working directory",
      code: 'build {\n  provisioner "shell" {\n    scripts = ["scripts/a.sh", "${path.root}/scripts/b.sh"]\n  }\n}\n',
      disk: { "scripts/a.sh": "", "scripts/b.sh": "" },
      errors: [
        {
          message: 'Script "scripts/a.sh" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template',
          line: 3,
          column: 16,
        },
      ],
    },
    {
      name: "a ./ script of shell-local, template in a subdirectory",
      code: { "images/main.pkr.hcl": 'build {\n  provisioner "shell-local" {\n    script = "./images/setup.sh"\n  }\n}\n' },
      disk: { "images/setup.sh": "" },
      errors: [
        {
          message: 'Script "images/setup.sh" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template',
          line: 3,
          column: 14,
        },
      ],
    },
    {
      name: "relative file provisioner source and sources",
      code:
        'build {\n  provisioner "file" {\n    source      = "conf/agent.json"\n    destination = "/tmp/agent.json"\n  ' +
        '}\n  provisioner "file" {\n    sources     = ["${path.root}/conf/a", "conf/b"]\n    destination = "/tmp/"\n  }\n}\n',
      disk: { "conf/agent.json": "{}", "conf/a": "", "conf/b": "" },
      errors: [
        {
          message: 'Source "conf/agent.json" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template',
          line: 3,
          column: 19,
        },
        {
          message: 'Source "conf/b" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template',
          line: 7,
          column: 43,
        },
      ],
    },
    {
      code: { "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n' },
      disk: { "images/setup.sh": "" },
      errors: [
        { message: 'Bad script "setup.sh": not found from the working directory, but it exists next to the template (images/setup.sh)', line: 3, column: 14 },
      ],
    },
    {
      code: 'build {\n  provisioner "shell" {\n    script = "nope.sh"\n  }\n}\n',
      errors: [{ message: 'Bad script "nope.sh": no such file (looked from the working directory)', line: 3, column: 14 }],
    },
    {
      name: "a file provisioner that runs for one of the build's sources is checked",
      code:
        'source "null" "a" {\n  communicator = "none"\n}\nsource "null" "b" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a", "source.null.b"]\n' +
        '  provisioner "file" {\n    source      = "${path.root}/missing.conf"\n    destination = "/tmp/x"\n    except      = ["null.a"]\n  }\n}\n',
      errors: [{ message: 'Bad source "missing.conf": no such file or directory', line: 10, column: 19 }],
    },
    {
      name: "file provisioner source next to the template",
      code: { "images/main.pkr.hcl": 'build {\n  provisioner "file" {\n    source      = "conf/agent.json"\n    destination = "/tmp/agent.json"\n  }\n}\n' },
      disk: { "images/conf/agent.json": "{}" },
      errors: [
        {
          message: 'Bad source "conf/agent.json": not found from the working directory, but it exists next to the template (images/conf/agent.json)',
          line: 3,
          column: 19,
        },
      ],
    },
  ],
});

describe("PRV-03 hints", () => {
  const hint = (code: Record<string, string>, disk: Record<string, string>): string | undefined =>
    runSample({ code, disk }).find((f) => f.rule === "PRV-03")?.hint;
  it("anchors the path at the template's directory", () => {
    expect(hint({ "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "images/setup.sh"\n  }\n}\n' }, { "images/setup.sh": "" })).toBe(
      'write "${path.root}/setup.sh" and list the file in the packer_image target\'s data',
    );
    expect(hint({ "images/main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "scripts/setup.sh"\n  }\n}\n' }, { "scripts/setup.sh": "" })).toBe(
      'write "${path.root}/../scripts/setup.sh" and list the file in the packer_image target\'s data',
    );
    expect(hint({ "main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "./setup.sh"\n  }\n}\n' }, { "setup.sh": "" })).toBe(
      'write "${path.root}/setup.sh" and list the file in the packer_image target\'s data',
    );
  });

  it("a relative path that exists is a warning (it works from one directory); a missing one an error", () => {
    const severity = (disk: Record<string, string>) =>
      runSample({ code: { "main.pkr.hcl": 'build {\n  provisioner "shell" {\n    script = "setup.sh"\n  }\n}\n' }, disk }).find((f) => f.rule === "PRV-03")
        ?.severity;
    expect(severity({ "setup.sh": "" })).toBe("warning");
    expect(severity({})).toBe("error");
  });
});
