/**
 * A unit for the rewrite generator: what one `packer build` reads (templates, var files, -var
 * values, PKR_VAR_* from the environment), held in memory so a rewrite can change it without
 * touching the disk, and the files beside it (scripts, file() targets) read through a FileSystem.
 */
import type { RuleConfig, RuleSet } from "../../lib/validate/engine/engine.ts";
import { ALL_RULES } from "../../lib/validate/rules/index.ts";
import type { FileSystem, Finding, Options } from "../../lib/validate/types.ts";
import { validate, type Input } from "../../lib/validate/validate.ts";

export interface TextFile {
  /** As Packer is given it, relative to the working directory. */
  path: string;
  text: string;
  /** A var file Packer loads by itself (`*.auto.pkrvars.hcl` beside the templates): given as a file, not with -var-file. */
  auto?: boolean;
}

export interface Unit {
  name: string;
  templates: TextFile[];
  varFiles: TextFile[];
  vars: Array<{ name: string; value: string }>;
  env: Record<string, string>;
  /** What else is on disk, relative to the working directory. The unit's own files are laid over it. */
  fs: FileSystem;
  force?: boolean;
  cacheBustVar?: string;
  cacheBust?: string;
  pluginPins?: ReadonlyMap<string, string>;
  /** Rule severities the unit is validated with (a RuleTester sample's `config`). */
  config?: RuleConfig;
  /** Variables given only when the build runs (a repository's CI secrets, as the corpus harness has them). */
  runtimeVars?: readonly string[];
  /** The rules to run (default: every rule); the generator's own tests give it rules of their own. */
  rules?: RuleSet;
}

function normal(p: string): string {
  return p.replace(/^(\.\/)+/, "");
}

/** `fs` with the unit's templates and var files laid over it, so file() of a template or a split file reads the unit's text. */
function overlay(unit: Unit): FileSystem {
  const own = new Map<string, string>();
  for (const f of [...unit.templates, ...unit.varFiles]) own.set(normal(f.path), f.text);
  return {
    stat: (p) => (own.has(normal(p)) ? "file" : unit.fs.stat(p)),
    readText: (p) => own.get(normal(p)) ?? unit.fs.readText(p),
  };
}

/** Every finding the validator reports on the unit, with every rule. */
export function check(unit: Unit): Finding[] {
  const inputs: Input[] = [
    ...unit.templates.map((f): Input => ({ path: f.path, given: "file", content: f.text })),
    ...unit.varFiles.map((f): Input => ({ path: f.path, given: f.auto ? "file" : "var-file", content: f.text })),
  ];
  const options: Options = {
    vars: unit.vars,
    env: { ...unit.env },
    ...(unit.force ? { force: true } : {}),
    ...(unit.cacheBustVar !== undefined ? { cacheBustVar: unit.cacheBustVar } : {}),
    ...(unit.cacheBust !== undefined ? { cacheBust: unit.cacheBust } : {}),
    ...(unit.pluginPins ? { pluginPins: unit.pluginPins } : {}),
    ...(unit.runtimeVars ? { runtimeVars: unit.runtimeVars } : {}),
  };
  return validate(inputs, options, overlay(unit), unit.rules ?? ALL_RULES, unit.config).findings;
}

/** Errors per rule. */
export function errorCounts(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.severity === "error") counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
}

/**
 * The errors of `after` that `before` did not have: for each rule, the errors beyond the
 * count it had before (positions move with a rewrite, so they are not compared).
 */
export function newErrors(before: ReadonlyMap<string, number>, after: readonly Finding[]): Finding[] {
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of after) {
    if (f.severity !== "error") continue;
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    if (n > (before.get(f.rule) ?? 0)) out.push(f);
  }
  return out;
}
