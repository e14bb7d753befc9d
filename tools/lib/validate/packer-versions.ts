/**
 * What each Packer release supports in HCL2 templates, from the generated table
 * (packer-versions-data.ts, read from Packer's sources at every release tag), and the version
 * arithmetic the validator needs to compare the Packer a build uses with it.
 */
import { compareVersions, parseVersion as parse } from "../plugins.ts";
import { COMPONENTS, CONTEXTS, FEATURES, FUNCTIONS, RELEASES } from "./packer-versions-data.ts";

/** The first Packer release that reads HCL2 templates, and the newest the table knows. */
export const FIRST_HCL2 = RELEASES[0]!;
export const NEWEST_KNOWN = RELEASES[RELEASES.length - 1]!;

/** A Packer version as `packer version` prints it (`1.6.6`, `v1.11.0-beta`), or undefined. */
export function parseVersion(text: string): string | undefined {
  const m = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  return m ? m[1] : undefined;
}

/** Whether Packer `version` is older than release `since`. A pre-release of `since` is older too. */
export function olderThan(version: string, since: string): boolean {
  const v = parse(version);
  const s = parse(since);
  return v !== undefined && s !== undefined && compareVersions(v, s) < 0;
}

/** The release that added an argument or block to a context (`root`, `build`, `provisioner`, ...). */
export function sinceIn(context: string, name: string): string | undefined {
  return CONTEXTS[context]?.[name];
}

export function functionSince(name: string): string | undefined {
  return FUNCTIONS[name];
}

/** `init` (the `packer init` command) or `dynamic` (dynamic blocks). */
export function featureSince(name: "init" | "dynamic"): string | undefined {
  return FEATURES[name];
}

/** A component Packer itself ships (`source null`, `provisioner shell`): its release, and later arguments' releases. */
export function coreComponent(kind: string, type: string): { since: string; args: Readonly<Record<string, string>> } | undefined {
  return COMPONENTS[`${kind} ${type}`];
}

/** Whether the Packer `version` has `packer init` (and so can install required_plugins itself). */
export function hasInit(version: string): boolean {
  const since = featureSince("init");
  return since === undefined || !olderThan(version, since);
}
