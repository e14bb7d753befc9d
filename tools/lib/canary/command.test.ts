import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCaptured } from "../io.ts";
import { HELP, main } from "./command.ts";

let dir: string;
let aspect: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "canary-"));
  aspect = path.join(dir, ".aspect", "workflows");
  await mkdir(aspect, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG = "# CI tasks\ntasks:\n  - buildifier:\n  - test:\n      queue: aspect-default\n";

function run(argv: string[], env: Record<string, string> = {}, cwd = dir) {
  return runCaptured(main, argv, cwd, env);
}

const canaryFile = () => path.join(aspect, "config-canary.yaml");

describe("canary", () => {
  it("writes config-canary.yaml next to the config, then --check passes", async () => {
    await writeFile(path.join(aspect, "config.yaml"), CONFIG);
    expect(await run([])).toEqual({
      code: 0,
      out: '.aspect/workflows/config-canary.yaml: written from .aspect/workflows/config.yaml (queue "canary" on every task)\n',
      err: "",
    });
    expect(await readFile(canaryFile(), "utf8")).toBe(
      "# GENERATED FILE - DO NOT EDIT.\n" +
        '# Made from config.yaml by `bazel run //tools:cli -- canary`: the same tasks, all on queue "canary".\n' +
        "# Edit config.yaml and run the command again; `bazel run //tools:cli -- canary --check` fails while this file is stale.\n" +
        "# CI tasks\ntasks:\n  - buildifier:\n      queue: canary\n  - test:\n      queue: canary\n",
    );
    expect(await run(["--check"])).toMatchObject({ code: 0, out: ".aspect/workflows/config-canary.yaml: up to date with .aspect/workflows/config.yaml\n" });
    expect(await run([])).toMatchObject({ code: 0, out: ".aspect/workflows/config-canary.yaml: already up to date\n" });
    expect((await readdir(aspect)).sort()).toEqual(["config-canary.yaml", "config.yaml"]);
  });

  it("--check fails on a stale or missing file, says what differs, and writes nothing", async () => {
    await writeFile(path.join(aspect, "config.yaml"), CONFIG);
    const missing = await run(["--check"]);
    expect(missing).toMatchObject({
      code: 1,
      out: ".aspect/workflows/config-canary.yaml: missing; run `bazel run //tools:cli -- canary` and commit the result\n",
    });
    expect(await readdir(aspect)).toEqual(["config.yaml"]);
    await rm(path.join(aspect, "config.yaml"));
    expect(await run(["--check"])).toEqual({
      code: 1,
      out:
        ".aspect/workflows/config.yaml: missing. This check compares the Aspect Workflows config with its canary copy .aspect/workflows/config-canary.yaml, " +
        "which `bazel run //tools:cli -- canary` makes from it. Once the repository has its Workflows config, run that command and commit both files; " +
        "a repository without Aspect Workflows does not need this test (remove packer_canary_config_test from its BUILD file)\n",
      err: "",
    });
    expect(await readdir(aspect)).toEqual([]);
    await writeFile(path.join(aspect, "config.yaml"), CONFIG);
    await run([]);
    await writeFile(path.join(aspect, "config.yaml"), CONFIG.replace("buildifier", "format"));
    const stale = await run(["--check"]);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain("stale");
    expect(stale.out).toContain("  line 6: -   - buildifier:\n  line 6: +   - format:\n");
    expect(await readFile(canaryFile(), "utf8")).toContain("buildifier");
  });

  it("takes the workspace root from $BUILD_WORKSPACE_DIRECTORY, and explicit paths from the working directory", async () => {
    await writeFile(path.join(aspect, "config.yaml"), CONFIG);
    const elsewhere = path.join(dir, "sub");
    await mkdir(elsewhere);
    expect((await run([], { BUILD_WORKSPACE_DIRECTORY: dir }, elsewhere)).code).toBe(0);
    expect(await readFile(canaryFile(), "utf8")).toContain("queue: canary");
    // As a bazel test: runfiles-relative paths, no BUILD_WORKSPACE_DIRECTORY.
    expect(await run(["--check", "--config", ".aspect/workflows/config.yaml", "--out", ".aspect/workflows/config-canary.yaml"])).toMatchObject({ code: 0 });
    expect(await run(["--check", "--config", "../.aspect/workflows/config.yaml"], {}, elsewhere)).toMatchObject({ code: 0 });
  });

  it("--queue and --out", async () => {
    await writeFile(path.join(aspect, "config.yaml"), CONFIG);
    expect((await run(["--queue", "img-2", "--out", "c2.yaml", "--config", ".aspect/workflows/config.yaml"])).code).toBe(0);
    const text = await readFile(path.join(dir, "c2.yaml"), "utf8");
    expect(text).toContain("# Made from .aspect/workflows/config.yaml by");
    expect(text).toContain("queue: img-2");
  });

  describe("bad input: a clear message, exit 2, nothing written", () => {
    async function nothingWritten(config: string | null, argv: string[], message: RegExp) {
      if (config !== null) await writeFile(path.join(aspect, "config.yaml"), config);
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(await readdir(aspect)).toEqual(config === null ? [] : ["config.yaml"]);
    }
    it("missing config", () => nothingWritten(null, [], /^\.aspect\/workflows\/config\.yaml: no such file; pass --config FILE/));
    it("YAML that does not parse", () =>
      nothingWritten(
        "tasks:\n  - test:\n   bad: [1,\n",
        [],
        /^\.aspect\/workflows\/config\.yaml:2:10: YAML does not parse: Sequence item without - indicator; nothing was written$/,
      ));
    it("YAML that does not parse, under --check", () =>
      nothingWritten("tasks: [\n", ["--check"], /^\.aspect\/workflows\/config\.yaml:2:1: YAML does not parse/));
    it("a config with no tasks", () => nothingWritten("workspaces:\n  .: {}\n", [], /^\.aspect\/workflows\/config\.yaml: no `tasks` key/));
    it("an empty task list", () => nothingWritten("tasks:\n", [], /^\.aspect\/workflows\/config\.yaml:1:1: `tasks` is empty/));
    it("bad options", async () => {
      await nothingWritten(CONFIG, ["--check", "--print-ci"], /--check and --print-ci cannot be combined/);
      await nothingWritten(CONFIG, ["--marker", "x"], /--marker only goes with --print-ci/);
      await nothingWritten(CONFIG, ["--print-ci", "--marker", "it's"], /--marker "it's" must be/);
      await nothingWritten(CONFIG, ["--print-terraform"], /needs --image-prefix/);
      await nothingWritten(CONFIG, ["--print-terraform", "--image-prefix", "x", "--cloud", "azure"], /--cloud must be one of aws, gcp/);
      await nothingWritten(CONFIG, ["--print-terraform", "--image-prefix", "Runner_", "--cloud", "gcp"], /GCP image names are lowercase/);
      await nothingWritten(CONFIG, ["--print-terraform", "--image-prefix", 'a"b'], /characters an AMI name cannot have/);
      await nothingWritten(CONFIG, ["--queue", "a b"], /--queue "a b" is not a queue name/);
      await nothingWritten(CONFIG, ["stray"], /unexpected argument "stray" \(--help lists the options\)/);
    });
  });

  describe("refuses to write over its source or to read its own output", () => {
    const configFile = () => path.join(aspect, "config.yaml");
    const SAME = "is the source config itself";
    const refused = async (argv: string[], err: string) => {
      const r = await run(argv);
      expect(r).toEqual({ code: 2, out: "", err });
    };

    it("--out naming the --config file, with or without --check: exit 2, the config unchanged", async () => {
      await writeFile(configFile(), CONFIG);
      const fix = "write the canary config to another file such as .aspect/workflows/config-canary.yaml; nothing was written";
      await refused(["--out", ".aspect/workflows/config.yaml"], `--out .aspect/workflows/config.yaml ${SAME}; ${fix}`);
      await refused(["--check", "--out", ".aspect/workflows/config.yaml"], `--out .aspect/workflows/config.yaml ${SAME}; ${fix}`);
      await refused(
        ["--config", ".aspect/workflows/config.yaml", "--out", ".aspect/workflows/config.yaml"],
        `--out .aspect/workflows/config.yaml ${SAME}; ${fix}`,
      );
      await refused(
        ["--out", "./.aspect/../.aspect/workflows/config.yaml"],
        `--out ./.aspect/../.aspect/workflows/config.yaml ${SAME} (the same file as .aspect/workflows/config.yaml); ${fix}`,
      );
      await refused(
        ["--out", path.join(aspect, "config.yaml")],
        `--out ${path.join(aspect, "config.yaml")} ${SAME} (the same file as .aspect/workflows/config.yaml); ${fix}`,
      );
      expect(await readFile(configFile(), "utf8")).toBe(CONFIG);
      expect(await readdir(aspect)).toEqual(["config.yaml"]);
    });

    it("through symlinks and hard links to the config, and from a subdirectory", async () => {
      await writeFile(configFile(), CONFIG);
      await symlink(path.join(".aspect", "workflows", "config.yaml"), path.join(dir, "link.yaml"));
      await symlink(path.join(".aspect", "workflows"), path.join(dir, "wf"));
      await link(configFile(), path.join(dir, "hard.yaml"));
      const fix = "write the canary config to another file such as .aspect/workflows/config-canary.yaml; nothing was written";
      await refused(["--out", "link.yaml"], `--out link.yaml ${SAME} (the same file as .aspect/workflows/config.yaml); ${fix}`);
      await refused(["--out", "wf/config.yaml"], `--out wf/config.yaml ${SAME} (the same file as .aspect/workflows/config.yaml); ${fix}`);
      await refused(["--out", "hard.yaml"], `--out hard.yaml ${SAME} (the same file as .aspect/workflows/config.yaml); ${fix}`);
      await refused(
        ["--config", "link.yaml", "--out", ".aspect/workflows/config.yaml"],
        `--out .aspect/workflows/config.yaml ${SAME} (the same file as link.yaml); write the canary config to another file such as config-canary.yaml; nothing was written`,
      );
      const sub = path.join(dir, "sub");
      await mkdir(sub);
      expect(await run(["--out", "../wf/config.yaml"], { BUILD_WORKSPACE_DIRECTORY: dir }, sub)).toEqual({
        code: 2,
        out: "",
        err: `--out ../wf/config.yaml ${SAME} (the same file as ${path.join(aspect, "config.yaml")}); write the canary config to another file such as ${canaryFile()}; nothing was written`,
      });
      expect(await readFile(configFile(), "utf8")).toBe(CONFIG);
      expect(await readFile(path.join(dir, "hard.yaml"), "utf8")).toBe(CONFIG);
      expect(await readdir(aspect)).toEqual(["config.yaml"]);
      // A new file in a symlinked directory is not the config: it is written.
      expect(await run(["--out", "wf/new.yaml"])).toMatchObject({ code: 0, err: "" });
      expect(await readFile(path.join(aspect, "new.yaml"), "utf8")).toContain("queue: canary");
      expect(await readFile(configFile(), "utf8")).toBe(CONFIG);
    });

    it("a default --out that is the config (a hand-written config-canary.yaml as --config)", async () => {
      await writeFile(canaryFile(), CONFIG);
      await refused(
        ["--config", ".aspect/workflows/config-canary.yaml"],
        ".aspect/workflows/config-canary.yaml (the default --out, config-canary.yaml next to --config) is the source " +
          "config itself; write the canary config to another file with --out FILE; nothing was written",
      );
      expect(await readFile(canaryFile(), "utf8")).toBe(CONFIG);
    });

    it("a generated canary config as --config: exit 2, no second header, nothing written", async () => {
      await writeFile(configFile(), CONFIG);
      expect((await run([])).code).toBe(0);
      const generated = await readFile(canaryFile(), "utf8");
      const message =
        '.aspect/workflows/config-canary.yaml: is a generated canary config (it starts with "# GENERATED FILE - DO NOT ' +
        'EDIT."), not a source config; pass the source config with --config, e.g. --config ' +
        ".aspect/workflows/config.yaml; nothing was written";
      await refused(["--config", ".aspect/workflows/config-canary.yaml"], message);
      await refused(["--config", ".aspect/workflows/config-canary.yaml", "--out", "other.yaml"], message);
      await refused(["--check", "--config", ".aspect/workflows/config-canary.yaml"], message);
      expect(await readFile(canaryFile(), "utf8")).toBe(generated);
      expect(await readFile(configFile(), "utf8")).toBe(CONFIG);
      expect((await readdir(aspect)).sort()).toEqual(["config-canary.yaml", "config.yaml"]);
      expect(await readdir(dir)).toEqual([".aspect"]);
    });

    it("a generated file copied over the config: restore the source", async () => {
      await writeFile(configFile(), CONFIG);
      await run([]);
      const generated = await readFile(canaryFile(), "utf8");
      await writeFile(configFile(), generated);
      await refused(
        [],
        '.aspect/workflows/config.yaml: is a generated canary config (it starts with "# GENERATED FILE - DO NOT ' +
          'EDIT."), not a source config; restore the source config (e.g. from version control) and run again; nothing ' +
          "was written",
      );
      expect(await readFile(configFile(), "utf8")).toBe(generated);
      expect(await readFile(canaryFile(), "utf8")).toBe(generated);
    });

    it("a config that another tool generated is a source like any other", async () => {
      const other = "# GENERATED FILE - DO NOT EDIT.\n# Made by our config templater.\n" + CONFIG;
      await writeFile(configFile(), other);
      expect((await run([])).code).toBe(0);
      expect(await readFile(canaryFile(), "utf8")).toContain("# Made by our config templater.\n# CI tasks\n");
    });
  });

  it("a task whose options are an alias", async () => {
    const src = "tasks:\n  - test: &defaults\n      targets: [//...]\n  - lint: *defaults\n";
    await writeFile(path.join(aspect, "config.yaml"), src);
    expect(await run([])).toMatchObject({ code: 0, err: "" });
    expect((await readFile(canaryFile(), "utf8")).split("\n").slice(3).join("\n")).toBe(
      "tasks:\n  - test: &defaults\n      targets: [ //... ]\n      queue: canary\n  - lint: *defaults\n",
    );
    expect(await run(["--check"])).toMatchObject({ code: 0 });
    await writeFile(path.join(aspect, "config.yaml"), "tasks:\n  - lint: *defaults\n");
    expect(await run(["--check"])).toEqual({
      code: 2,
      out: "",
      err:
        ".aspect/workflows/config.yaml:2:11: tasks[0] (lint): expected the task's options as a mapping (or nothing), " +
        "found an alias (*defaults) that cannot be resolved (no anchor &defaults before it); nothing was written",
    });
  });

  it("--print-ci and --print-terraform print to stdout and read no files", async () => {
    const ci = await run(["--print-ci", "--marker", "[canary]".replace(/[[\]]/g, "_")]);
    expect(ci.code).toBe(0);
    expect(ci.out).toContain("contains(github.head_ref || github.ref_name, '_canary_')");
    expect(ci.out).toContain("&& '.aspect/workflows/config-canary.yaml' || '.aspect/workflows/config.yaml' }}");
    const tf = await run(["--print-terraform", "--image-prefix", "rules-packer-runner-", "--cloud", "gcp", "--project", "my-project", "--ci", "bk"]);
    expect(tf.code).toBe(0);
    expect(tf.out).toContain('filter      = "name eq rules-packer-runner-.*"');
    expect(tf.out).toContain("bk_runner_groups");
  });

  it("--help", async () => {
    expect(await run(["--help"])).toEqual({ code: 0, out: HELP, err: "" });
  });
});
