/** Units read from disk: a corpus unit (as the corpus harness defines it) or files given by path. */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { arg, fsAt, unitFiles, type UnitSpec } from "../corpus/corpus.ts";
import type { TextFile, Unit } from "./unit.ts";

function textFile(cwd: string, abs: string, auto = false): TextFile {
  return { path: arg(cwd, abs), text: readFileSync(abs, "utf8"), ...(auto ? { auto: true } : {}) };
}

/** A corpus unit, in memory; `shownFrom` names it in reports. */
export function fromSpec(spec: UnitSpec, shownFrom: string): Unit {
  const files = unitFiles(spec);
  const auto = (f: string) => /\.auto\.pkrvars\.(hcl|json)$/.test(f);
  return {
    name: relative(shownFrom, spec.path) || ".",
    templates: files.filter((f) => !auto(f)).map((f) => textFile(spec.cwd, f)),
    varFiles: [...files.filter(auto).map((f) => textFile(spec.cwd, f, true)), ...spec.varFiles.map((f) => textFile(spec.cwd, f))],
    vars: spec.vars,
    env: spec.env,
    fs: fsAt(spec.cwd, spec.generated),
    ...(spec.force ? { force: true } : {}),
    runtimeVars: spec.ciVars === "*" ? ["*"] : spec.ciVars,
  };
}

/** Templates (and var files) by path relative to `cwd`, validated from `cwd`. */
export function fromFiles(
  name: string,
  cwd: string,
  templates: string[],
  options: { varFiles?: string[]; vars?: Record<string, string>; cacheBustVar?: string; cacheBust?: string } = {},
): Unit {
  return {
    name,
    templates: templates.map((t) => textFile(cwd, resolve(cwd, t))),
    varFiles: (options.varFiles ?? []).map((f) => textFile(cwd, resolve(cwd, f))),
    vars: Object.entries(options.vars ?? {}).map(([n, value]) => ({ name: n, value })),
    env: {},
    fs: fsAt(cwd),
    ...(options.cacheBustVar !== undefined ? { cacheBustVar: options.cacheBustVar } : {}),
    ...(options.cacheBust !== undefined ? { cacheBust: options.cacheBust } : {}),
  };
}
