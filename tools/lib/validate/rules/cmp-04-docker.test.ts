import { describe, expect, it } from "vitest";
import { ruleTester, runSample } from "../tester/testing.ts";
import { rule as cmp04 } from "./cmp-04-component-prepare-checks.ts";
import { samples, source } from "../../../testing/checks/cases.ts";
import { DOCKER_CASES } from "../../../testing/checks/docker.ts";

// One case per entry of the docker plugin's check table (the builder with its build block, docker-push).
ruleTester(cmp04, samples(DOCKER_CASES));

const docker = (args: string, blocks = ""): string => source("docker", {}, `${args}${blocks}`);

// The engine behaviours the docker table relies on: `any` conditions, `fileKind`, the communicator's default.
ruleTester(cmp04, {
  valid: [
    {
      name: "whether a build block counts is not known (compress = false would leave it empty): neither image nor path is required",
      code: `variable "compress" {\n  type = bool\n}\n${docker("  commit = true\n", "  build {\n    compress = var.compress\n  }\n")}`,
    },
    {
      name: "a Windows container's communicator is dockerWindowsContainer: no ssh_username needed",
      code: docker('  image             = "mcr.microsoft.com/windows/servercore:ltsc2022"\n  windows_container = true\n  commit            = true\n'),
    },
    {
      name: "an export_path that does not exist yet is what Packer expects",
      code: docker('  image       = "ubuntu:24.04"\n  export_path = "${path.root}/image.tar"\n'),
    },
  ],
  invalid: [
    {
      name: "an export_path outside the template's folder that is a folder on this machine: a warning",
      code: docker('  image       = "ubuntu:24.04"\n  export_path = "/tmp/export"\n'),
      disk: { "/tmp/export/old.tar": "" },
      errors: [{ message: "export_path must be a file, not a directory", line: 4, column: 17, severity: "warning" }],
    },
  ],
});

describe("docker: what a machine-dependent fileKind finding says", () => {
  it("says the path's kind depends on the machine", () => {
    const found = runSample({ code: docker('  image       = "ubuntu:24.04"\n  export_path = "/tmp/export"\n'), disk: { "/tmp/export/old.tar": "" } }).filter(
      (f) => f.rule === "CMP-04",
    );
    expect(found.map((f) => f.hint)).toEqual([
      'export_path is the tarball to write: name a file in that folder; a warning: whether "/tmp/export" is a folder depends on the machine and folder Packer runs in, not on the template',
    ]);
  });
});
