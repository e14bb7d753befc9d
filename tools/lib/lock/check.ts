/**
 * `lock --check`: the lock file against the templates, with no network. A required plugin
 * missing from the lock, a locked version a constraint does not allow, a locked Packer that a
 * `required_version` refuses, and a lock file that is not what `lock` writes are errors; a
 * locked plugin no template requires is a warning (it is fetched for nothing).
 */
import { checkGoConstraints, parseGoConstraints, parseGoVersion } from "./goversion.ts";
import type { LockFile, Located } from "./lockfile.ts";
import { where, type Place, type Requirements } from "./templates.ts";

export interface Finding {
  at: Place;
  severity: "error" | "warning";
  rule: string;
  message: string;
  hint?: string;
}

export function formatFinding(f: Finding): string {
  return `${where(f.at)}: ${f.severity} ${f.rule}: ${f.message}${f.hint ? ` (${f.hint})` : ""}`;
}

/** Whether `version` meets `constraint` ("" allows every version). Constraints were parsed before. */
export function allows(constraint: string, version: string): boolean {
  if (constraint === "") return true;
  const cs = parseGoConstraints(constraint);
  const v = parseGoVersion(version);
  return typeof cs !== "string" && v !== undefined && checkGoConstraints(cs, v);
}

export interface LockPlaces {
  file: string;
  /** Where a plugin's entry (its source key) and its version are, by source. */
  plugin(source: string): { entry: Located; version: Located } | undefined;
  packerVersion(): Located | undefined;
}

/** The findings of `lock --check`. */
export function checkLock(reqs: Requirements, lock: LockFile, places: LockPlaces): Finding[] {
  const out: Finding[] = [];
  const lockAt = (l: Located | undefined): string => `${places.file}:${l?.line ?? 1}`;
  const required = new Set<string>();
  for (const r of reqs.plugins) {
    required.add(r.source);
    const locked = lock.plugins[r.source];
    const shown = r.constraint === "" ? "(any version)" : `"${r.constraint}"`;
    if (!locked) {
      out.push({
        at: r.at,
        severity: "error",
        rule: "LOCK-01",
        message: `${r.name} ${shown}: ${r.source} is not in ${places.file}; the packer extension pins only what the lock holds`,
        hint: "run `bazel run @rules_packer//tools:cli -- lock` and commit packer.lock.json",
      });
    } else if (!allows(r.constraint, locked.version)) {
      out.push({
        at: r.at,
        severity: "error",
        rule: "LOCK-02",
        message: `${r.name} ${shown} does not allow ${r.source} ${locked.version}, the version ${lockAt(places.plugin(r.source)?.version)} locks`,
        hint: "run `bazel run @rules_packer//tools:cli -- lock` to pick a release the constraints allow, or change the constraint",
      });
    }
  }
  if (lock.packer) {
    for (const r of reqs.packer) {
      if (!allows(r.constraint, lock.packer.version)) {
        out.push({
          at: r.at,
          severity: "error",
          rule: "LOCK-03",
          message: `required_version "${r.constraint}" does not allow Packer ${lock.packer.version}, the version ${lockAt(places.packerVersion())} locks; Packer refuses the template`,
          hint: "lock a Packer it allows: `lock --packer VERSION`",
        });
      }
    }
  }
  for (const source of Object.keys(lock.plugins).sort()) {
    if (required.has(source)) continue;
    const entry = places.plugin(source)?.entry;
    out.push({
      at: { file: places.file, line: entry?.line ?? 1, column: entry?.column ?? 1 },
      severity: "warning",
      rule: "LOCK-04",
      message: `${source} is locked but no template requires it; Bazel fetches it for every build`,
      hint: "run `lock` again to drop it",
    });
  }
  return out;
}
