/**
 * The rewrites keep a template's meaning for Packer itself: a template that prints its values
 * (null sources, shell-local provisioners, only/except) is built by a real Packer as it is and
 * after each rewrite, and every rewrite must print the same lines and run the same provisioners
 * on the same sources. Packer 1.6.6 (Debian's, the oldest these tests meet) reads build `sources`
 * only as literals, so that one site is left alone here.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPacker } from "../../testing/fmt/oracle.ts";
import { memoryFs } from "../../lib/validate/tester/testing-fs.ts";
import { REWRITES } from "./run.ts";
import { findSites, parseUnit } from "./sites.ts";
import type { Unit } from "./unit.ts";

const TEMPLATE = `variable "greeting" {
  type    = string
  default = "hello"
}

locals {
  words = ["alpha", "beta"]
}

source "null" "first" {
  communicator = "none"
}

source "null" "second" {
  communicator = "none"
}

build {
  sources = ["source.null.first", "source.null.second"]

  provisioner "shell-local" {
    inline = ["echo VALUE greeting=\${var.greeting} words=\${join(",", local.words)} count=\${length(local.words)}"]
  }

  provisioner "shell-local" {
    environment_vars = ["NUM=42", "WORD=plain"]
    inline           = ["echo VALUE env=$NUM,$WORD"]
    only             = ["null.first"]
  }

  provisioner "shell-local" {
    inline = ["echo VALUE not-first", "echo VALUE second-line"]
    except = ["null.first"]
  }
}
`;

const UNIT: Unit = { name: "oracle", templates: [{ path: "oracle.pkr.hcl", text: TEMPLATE }], varFiles: [], vars: [], env: {}, fs: memoryFs({}) };

/** The VALUE lines Packer prints building the unit, by source (a renamed source counts as the original), sorted. */
function build(packer: string, unit: Unit): string[] {
  const dir = mkdtempSync(join(tmpdir(), "rewrite-oracle-"));
  try {
    for (const f of [...unit.templates, ...unit.varFiles]) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.text);
    }
    const args = ["build", "-color=false", ...unit.varFiles.map((f) => `-var-file=${f.path}`), "."];
    const r = spawnSync(packer, args, { cwd: dir, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", PACKER_CACHE_DIR: join(dir, "cache") } });
    expect(r.status, `${args.join(" ")}\n${r.stdout}${r.stderr}`).toBe(0);
    return r.stdout
      .split("\n")
      .filter((l) => l.includes("VALUE"))
      .map((l) => l.trim().replace(/^null\.(first|second)rw:/, "null.$1:"))
      .sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const packer = findPacker();

describe.skipIf(!packer)(`rewrites keep the template's meaning for Packer ${packer?.version ?? "(none on PATH: skipped)"}`, () => {
  const parsed = parseUnit(UNIT)!;
  const sites = findSites(parsed).filter((s) => !s.where.endsWith("/sources"));
  let expected: string[] = [];

  it("the template as it is runs each provisioner on the sources only/except let through", () => {
    expected = build(packer!.path, UNIT);
    expect(expected).toEqual([
      "null.first: VALUE env=42,plain",
      "null.first: VALUE greeting=hello words=alpha,beta count=2",
      "null.second: VALUE greeting=hello words=alpha,beta count=2",
      "null.second: VALUE not-first",
      "null.second: VALUE second-line",
    ]);
  });

  for (const rw of REWRITES) {
    it(`${rw.kind}: the same output`, () => {
      const targets = rw.targets(UNIT, parsed, sites);
      expect(targets.length).toBeGreaterThan(0);
      expect(
        build(
          packer!.path,
          rw.apply(
            UNIT,
            parsed,
            targets.map((t) => t.data),
          ),
        ),
      ).toEqual(expected);
    });
  }
});
