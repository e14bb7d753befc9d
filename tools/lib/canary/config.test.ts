import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { CanaryConfigError, canaryConfig, generatedFrom, header, lineDiff } from "./config.ts";
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
    const out = body(
      "workspaces:\n  .:\n    icon: x\n  e2e:\n    tasks:\n      - test:\n          queue: small\n      - lint:\n          without: true\ntasks:\n  - test:\n",
    );
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
    const strip = (tasks: Record<string, unknown>[]) =>
      tasks.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { ...(v as object), queue: undefined }])));
    expect(JSON.parse(JSON.stringify(strip(after.tasks)))).toEqual(
      JSON.parse(JSON.stringify(strip(before.tasks.map((t: Record<string, unknown>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v ?? {}])))))),
    );
    expect(after.notifications).toEqual(before.notifications);
    for (const line of src.split("\n").filter((l) => l.trimStart().startsWith("#"))) expect(canaryConfig(src)).toContain(line.trim());
  });

  describe("aliases", () => {
    it("options shared through an anchor: queue once on the anchored map, the alias kept", () => {
      const src = "tasks:\n  - test: &defaults\n      targets: [//...] # t\n  # lint shares them\n  - lint: *defaults # l\n";
      expect(body(src)).toBe("tasks:\n  - test: &defaults\n      targets: [ //... ] # t\n      queue: canary\n  # lint shares them\n  - lint: *defaults # l\n");
      expect(parseDocument(body(src)).toJS().tasks).toEqual([
        { test: { targets: ["//..."], queue: "canary" } },
        { lint: { targets: ["//..."], queue: "canary" } },
      ]);
    });

    it("flow maps, the map form of tasks, and a whole task entry as an alias", () => {
      expect(body("tasks:\n  - test: &d {a: 1, queue: x}\n  - lint: *d\n")).toBe("tasks:\n  - test: &d { a: 1, queue: canary }\n  - lint: *d\n");
      expect(body("tasks:\n  test: &d\n    a: 1\n  lint: *d\n")).toBe("tasks:\n  test: &d\n    a: 1\n    queue: canary\n  lint: *d\n");
      expect(body("tasks:\n  - &i {test: {a: 1}}\n  - *i\n")).toBe("tasks:\n  - &i { test: { a: 1, queue: canary } }\n  - *i\n");
      expect(body("t: &t\n  - test:\ntasks: *t\n")).toBe("t: &t\n  - test:\n      queue: canary\ntasks: *t\n");
    });

    it("an anchored empty task keeps its anchor; an alias to an empty value elsewhere gets a map of its own", () => {
      expect(body("tasks:\n  - test: &e\n  - lint: *e\n")).toBe("tasks:\n  - test: &e\n      queue: canary\n  - lint: *e\n");
      expect(body("x: &e\ntasks:\n  - lint: *e\n")).toBe("x: &e \ntasks:\n  - lint:\n      queue: canary\n");
      expect(body("tasks:\n  - &n test\n  - *n\n")).toBe("tasks:\n  - &n test:\n      queue: canary\n  - test:\n      queue: canary\n");
    });

    it("a queue given through an alias is replaced, the anchored value left alone; workspace overrides through aliases", () => {
      expect(body("x: &main aspect-default\ntasks:\n  - test:\n      queue: *main\n")).toBe(
        "x: &main aspect-default\ntasks:\n  - test:\n      queue: canary\n",
      );
      const out = body("o: &o {queue: small}\nws: &ws\n  tasks:\n    - test: *o\n    - lint: {without: true}\nworkspaces:\n  e2e: *ws\ntasks:\n  - test:\n");
      expect(parseDocument(out).toJS().workspaces.e2e.tasks).toEqual([{ test: { queue: "canary" } }, { lint: { without: true } }]);
    });

    const error = (src: string): unknown => {
      try {
        canaryConfig(src);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    it("an alias that cannot be resolved, or that names a list, is an error that says so", () => {
      const unresolved = error("tasks:\n  - test:\n  - lint: *nope\n");
      expect(unresolved).toBeInstanceOf(CanaryConfigError);
      expect(unresolved).toMatchObject({
        message:
          "tasks[1] (lint): expected the task's options as a mapping (or nothing), found an alias (*nope) that cannot be resolved (no anchor &nope before it)",
        line: 3,
        column: 11,
      });
      expect(error("x: &l [a]\ntasks:\n  - lint: *l\n")).toMatchObject({
        message: "tasks[0] (lint): expected the task's options as a mapping (or nothing), found a list (through the alias *l)",
        line: 3,
        column: 11,
      });
      expect(error("tasks: *nope\n")).toMatchObject({
        message: "`tasks` is an alias (*nope) that cannot be resolved (no anchor &nope before it)",
        line: 1,
        column: 8,
      });
      expect(error("tasks:\n  - *nope\n")).toMatchObject({
        message: "tasks[0]: expected a task such as `- test:`, found an alias (*nope) that cannot be resolved (no anchor &nope before it)",
        line: 2,
        column: 5,
      });
      expect(error("tasks:\n  - test:\nnotifications: *nope\n")).toMatchObject({
        message: "the config has an alias (*nope) that cannot be resolved (no anchor &nope before it)",
        line: 3,
        column: 16,
      });
      expect(error("*x\n")).toMatchObject({ message: "the config is an alias (*x) that cannot be resolved (no anchor &x before it)", line: 1, column: 1 });
    });
  });

  it("generatedFrom recognises this module's header only", () => {
    expect(generatedFrom(canaryConfig("tasks:\n  - test:\n"))).toBe("config.yaml");
    expect(generatedFrom(canaryConfig("tasks:\n  - test:\n", { source: "../a b.yaml", queue: "q2", command: "x" }).replace(/\n/g, "\r\n"))).toBe("../a b.yaml");
    expect(generatedFrom("tasks:\n  - test:\n")).toBeNull();
    expect(generatedFrom("# GENERATED FILE - DO NOT EDIT.\n# Made by another tool.\ntasks:\n")).toBeNull();
    expect(generatedFrom("# GENERATED FILE - DO NOT EDIT.")).toBeNull();
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
    it("YAML that does not parse gives line:col", () =>
      fails("tasks:\n  - test:\n   bad: [1,\n", /^YAML does not parse: Sequence item without - indicator$/, 2, 10));
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
    expect(out).toContain(
      "      aspect-config: ${{ (contains(github.head_ref || github.ref_name, '__canary__') || contains(github.event.pull_request.title, '__canary__')) && 'cc.yaml' || 'c.yaml' }}\n",
    );
    // The YAML part is valid YAML.
    const jobs = parseDocument(out).toJS().jobs;
    expect(Object.keys(jobs["aspect-workflows"].with)).toEqual(["queue", "aspect-config"]);
  });

  it("--print-terraform for AWS and GCP", () => {
    const aws = printTerraform({ imagePrefix: "runner-", cloud: "aws", ci: "gha", queue: "canary" });
    expect(aws).toContain(
      'data "aws_ami" "canary_runner_ami" {\n  most_recent = true\n  owners      = ["self"]\n  filter {\n    name   = "name"\n    values = ["runner-*"]\n  }\n}\n',
    );
    expect(aws).toContain("    image_id       = data.aws_ami.canary_runner_ami.id\n");
    expect(aws).toContain("add to gha_runner_groups");
    expect(aws).toContain('    queue                  = "canary"\n    resource_type          = "canary"\n');
    const gcp = printTerraform({ imagePrefix: "runner-a", cloud: "gcp", ci: "bk", queue: "canary-2", project: "my-proj" });
    expect(gcp).toContain(
      'data "google_compute_image" "canary_2_runner_image" {\n  project     = "my-proj"\n  filter      = "name eq runner-a.*"\n  most_recent = true\n}\n',
    );
    expect(gcp).toContain("add to bk_runner_groups");
    expect(gcp).not.toContain("gh_repo");
    expect(gcp).toContain('    resource_type          = "canary_2"\n');
  });
});
