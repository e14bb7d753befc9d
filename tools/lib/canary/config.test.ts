import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { CanaryConfigError, canaryConfig, header, lineDiff } from "./config.ts";
import { printCi, printTerraform } from "./snippets.ts";

const body = (text: string) => canaryConfig(text).slice(header().length);

describe("canaryConfig", () => {
  it("puts queue: canary on every task, keeping comments, blank lines and order", () => {
    const src = [
      "# top",
      "tasks:",
      "  # A",
      "  - buildifier: # same line",
      "",
      "  # B",
      "  - test:",
      "      targets: [//...]",
      "      queue: aspect-default # old",
      "  - format:",
      "      queue: x",
      "  - finalization:",
      "  # tail",
      "notifications:",
      "  github: {}",
      "",
    ].join("\n");
    expect(body(src)).toBe(
      [
        "# top",
        "tasks:",
        "  # A",
        "  - buildifier:",
        "      # same line",
        "      queue: canary",
        "",
        "  # B",
        "  - test:",
        "      targets: [ //... ]",
        "      queue: canary # old",
        "  - format:",
        "      queue: canary",
        "  - finalization:",
        "      queue: canary",
        "  # tail",
        "notifications:",
        "  github: {}",
        "",
      ].join("\n"),
    );
  });

  it("keeps the source's indentation (4 spaces, unindented sequences)", () => {
    expect(body("tasks:\n- test:\n    name: T\n")).toBe("tasks:\n- test:\n    name: T\n    queue: canary\n");
    expect(body("tasks:\n    - test:\n          name: T\n")).toBe("tasks:\n    - test:\n          name: T\n          queue: canary\n");
  });

  it("handles the older map form of tasks and plain task names", () => {
    expect(body("tasks:\n  test:\n  buildifier:\n    x: 1\n")).toBe("tasks:\n  test:\n    queue: canary\n  buildifier:\n    x: 1\n    queue: canary\n");
    expect(body("tasks:\n  - test\n")).toBe("tasks:\n  - test:\n      queue: canary\n");
  });

  it("moves workspace overrides that set a queue, leaves the others to inherit", () => {
    const out = body("workspaces:\n  .:\n    icon: x\n  e2e:\n    tasks:\n      - test:\n          queue: small\n      - lint:\n          without: true\ntasks:\n  - test:\n");
    const doc = parseDocument(out).toJS();
    expect(doc.workspaces.e2e.tasks).toEqual([{ test: { queue: "canary" } }, { lint: { without: true } }]);
    expect(doc.tasks).toEqual([{ test: { queue: "canary" } }]);
  });

  it("uses the queue asked for, and the header names the source and command", () => {
    const out = canaryConfig("tasks:\n  - test:\n", { queue: "new-image", source: "config.yaml", command: "cmd" });
    expect(out).toBe(
      "# GENERATED FILE - DO NOT EDIT.\n" +
        '# Made from config.yaml by `cmd`: the same tasks, all on queue "new-image".\n' +
        "# Edit config.yaml and run the command again; `cmd --check` fails while this file is stale.\n" +
        "tasks:\n  - test:\n      queue: new-image\n",
    );
  });

  it("the shipped example: every task on canary, everything else equal", async () => {
    const src = await readFile(path.join(import.meta.dirname, "../../../.aspect/workflows/config.yaml"), "utf8");
    const before = parseDocument(src).toJS();
    const after = parseDocument(canaryConfig(src)).toJS();
    expect(after.tasks.map((t: Record<string, { queue: string }>) => Object.values(t)[0]!.queue)).toEqual(after.tasks.map(() => "canary"));
    const strip = (tasks: Record<string, unknown>[]) => tasks.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { ...(v as object), queue: undefined }])));
    expect(JSON.parse(JSON.stringify(strip(after.tasks)))).toEqual(JSON.parse(JSON.stringify(strip(before.tasks.map((t: Record<string, unknown>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v ?? {}])))))));
    expect(after.notifications).toEqual(before.notifications);
    for (const line of src.split("\n").filter((l) => l.trimStart().startsWith("#"))) expect(canaryConfig(src)).toContain(line.trim());
  });

  describe("bad input", () => {
    const fails = (src: string, message: RegExp, line: number, column: number) => {
      let error: unknown;
      try {
        canaryConfig(src);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CanaryConfigError);
      expect((error as Error).message).toMatch(message);
      expect(error).toMatchObject({ line, column });
    };
    it("YAML that does not parse gives line:col", () => fails("tasks:\n  - test:\n   bad: [1,\n", /^YAML does not parse: Sequence item without - indicator$/, 2, 10));
    it("a tab-indented file", () => fails("tasks:\n\t- test:\n", /^YAML does not parse/, 2, 1));
    it("no tasks", () => fails("workspaces:\n  .: {}\n", /no `tasks` key/, 0, 0));
    it("empty tasks", () => fails("x: 1\ntasks:\n", /`tasks` is empty/, 2, 1));
    it("tasks: []", () => fails("tasks: []\n", /`tasks` is empty/, 1, 1));
    it("not a mapping", () => fails("- a\n- b\n", /not a YAML mapping/, 1, 1));
    it("an empty file", () => fails("", /not a YAML mapping/, 0, 0));
    it("a task with a list for options", () => fails("tasks:\n  - test: [a]\n", /tasks\[0\] \(test\): expected the task's options as a mapping/, 2, 11));
    it("tasks as a scalar", () => fails("tasks: test\n", /must be a list/, 1, 8));
  });
});

describe("lineDiff", () => {
  it("lists lines to remove and to add with line numbers of the file", () => {
    expect(lineDiff("a\nb\nc\n", "a\nB\nc\n")).toEqual(["  line 2: - B", "  line 2: + b"]);
    expect(lineDiff("a\n", "a\n")).toEqual([]);
    expect(lineDiff("a\nb\n", "a\n")).toEqual(["  line 2: + b"]);
  });
  it("stops after the limit", () => {
    expect(lineDiff("x\n".repeat(50), "", 3)).toHaveLength(4);
  });
});

describe("snippets", () => {
  it("--print-ci selects queue and config on the marker", () => {
    const out = printCi({ marker: "__canary__", queue: "canary", mainQueue: "aspect-default", config: "c.yaml", canaryConfig: "cc.yaml" });
    expect(out).toContain(
      "      queue: ${{ (contains(github.head_ref || github.ref_name, '__canary__') || contains(github.event.pull_request.title, '__canary__')) && 'canary' || 'aspect-default' }}\n",
    );
    expect(out).toContain("      aspect-config: ${{ (contains(github.head_ref || github.ref_name, '__canary__') || contains(github.event.pull_request.title, '__canary__')) && 'cc.yaml' || 'c.yaml' }}\n");
    // The YAML part is valid YAML.
    const jobs = parseDocument(out).toJS().jobs;
    expect(Object.keys(jobs["aspect-workflows"].with)).toEqual(["queue", "aspect-config"]);
  });

  it("--print-terraform for AWS and GCP", () => {
    const aws = printTerraform({ imagePrefix: "runner-", cloud: "aws", ci: "gha", queue: "canary" });
    expect(aws).toContain('data "aws_ami" "canary_runner_ami" {\n  most_recent = true\n  owners      = ["self"]\n  filter {\n    name   = "name"\n    values = ["runner-*"]\n  }\n}\n');
    expect(aws).toContain("    image_id       = data.aws_ami.canary_runner_ami.id\n");
    expect(aws).toContain("add to gha_runner_groups");
    expect(aws).toContain('    queue                  = "canary"\n    resource_type          = "canary"\n');
    const gcp = printTerraform({ imagePrefix: "runner-a", cloud: "gcp", ci: "bk", queue: "canary-2", project: "my-proj" });
    expect(gcp).toContain('data "google_compute_image" "canary_2_runner_image" {\n  project     = "my-proj"\n  filter      = "name eq runner-a.*"\n  most_recent = true\n}\n');
    expect(gcp).toContain("add to bk_runner_groups");
    expect(gcp).not.toContain("gh_repo");
    expect(gcp).toContain('    resource_type          = "canary_2"\n');
  });
});
