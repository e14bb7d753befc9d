/**
 * Which release each plugin gets: the newest that every template's constraint allows (go-version
 * order), or the locked one while it still meets them all (unless --upgrade). Pure: the versions
 * listed come in, a choice or the reason there is none goes out.
 */
import { allows } from "./check.ts";
import { compareGoVersions, parseGoVersion } from "./goversion.ts";
import { where, type PluginRequirement } from "./templates.ts";

export type Choice = { version: string; kept: boolean; candidates: number } | { error: string };

/** The newest of `versions` (go-version order), or undefined for none. */
export function newest(versions: string[]): string | undefined {
  return [...versions].sort((a, b) => compareGoVersions(parseGoVersion(b)!, parseGoVersion(a)!))[0];
}

const shownConstraint = (r: PluginRequirement) => (r.constraint === "" ? "(no version constraint)" : `"${r.constraint}"`);

export function choose(source: string, reqs: PluginRequirement[], versions: string[], origin: string, locked: string | undefined, upgrade: boolean): Choice {
  if (locked !== undefined && !upgrade && reqs.every((r) => allows(r.constraint, locked))) return { version: locked, kept: true, candidates: 0 };
  const latest = newest(versions);
  if (latest === undefined) return { error: `${origin} lists no release of ${source}` };
  // A constraint that no release meets on its own: name it, and the newest release seen.
  for (const r of reqs) {
    if (!versions.some((v) => allows(r.constraint, v))) {
      return {
        error:
          `${where(r.at)}: ${r.name} = ${shownConstraint(r)} allows none of the ${versions.length} releases of ${source} ` +
          `(${origin}); the newest is ${latest} (a pre-release meets only a constraint that names one)`,
      };
    }
  }
  const candidates = versions.filter((v) => reqs.every((r) => allows(r.constraint, v)));
  const best = newest(candidates);
  if (best === undefined) {
    const lines = reqs.map(
      (r) => `  ${where(r.at)}: ${r.name} = ${shownConstraint(r)} (newest it allows: ${newest(versions.filter((v) => allows(r.constraint, v)))!})`,
    );
    return {
      error: `the templates' constraints on ${source} conflict: no release meets them all\n${lines.join("\n")}\n  (Packer installs one version per source: make the constraints overlap)`,
    };
  }
  return { version: best, kept: false, candidates: candidates.length };
}
