/**
 * Packer plugins as `bazel run` and `bazel test` see them: source addresses, versions and the
 * version constraints of `required_plugins` (hashicorp/go-version's rules, which Packer applies),
 * and the plugins Bazel pins (packer.plugin in MODULE.bazel).
 */
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { errorMessage } from "./io.ts";
import { goConstraintAllows } from "./lock/goversion.ts";

/** A plugin source address as Packer compares them ("github.com/hashicorp/amazon"). */
export function normalizeSource(source: string): string {
  return source
    .trim()
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "")
    .toLowerCase();
}

export interface Version {
  /** Numeric segments, padded with zeros to at least three. */
  segments: number[];
  /** How many segments were written ("~> 1.2" has two). */
  written: number;
  /** Pre-release ("beta.1"), or "". Build metadata is dropped: it never orders versions. */
  pre: string;
}

const VERSION = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.~-]+))?(?:\+[0-9A-Za-z.~-]+)?$/;

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const written = m[1]!.split(".").map(Number);
  const segments = [...written];
  while (segments.length < 3) segments.push(0);
  return { segments, written: written.length, pre: m[2] ?? "" };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return 1; // a release sorts after its pre-releases
  if (b === "") return -1;
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    if (!nx && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i] ?? 0;
    const y = b.segments[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

/**
 * Whether `version` satisfies every part of a comma-separated go-version constraint
 * ("~> 1.3", ">= 1.2.0, < 2"); undefined when either cannot be parsed. The rules are
 * hashicorp/go-version's own (lock/goversion.ts), so the validator, `bazel run` and `lock`
 * judge a constraint alike.
 */
export function constraintAllows(constraint: string, version: string): boolean | undefined {
  return goConstraintAllows(constraint, version);
}

/**
 * The plugins under a PACKER_PLUGIN_PATH laid out as Packer 1.10+ reads it
 * (HOST/NAMESPACE/NAME/packer-plugin-NAME_vVERSION_x5.0_OS_ARCH): source -> version.
 */
export function pinnedPluginsInDir(pluginPath: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string, parts: string[]): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (parts.length === 3 && entry.name.startsWith("packer-plugin-") && !entry.name.endsWith("_SHA256SUM")) {
        const m = /_v([^_]+)_x\d+\.\d+_/.exec(entry.name);
        found.set(parts.join("/").toLowerCase(), m ? m[1]! : "");
      } else if (parts.length < 3 && (entry.isDirectory() || entry.isSymbolicLink())) {
        walk(resolve(dir, entry.name), [...parts, entry.name]);
      }
    }
  };
  walk(pluginPath, []);
  return found;
}

/** A plugins file of the Packer toolchains hub: a JSON list of {source, version}. */
export function parsePinsFile(text: string, what: string): Map<string, string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${what}: not JSON (${errorMessage(e)})`, { cause: e });
  }
  const pins = new Map<string, string>();
  if (!Array.isArray(doc)) throw new Error(`${what}: expected a JSON list of {"source", "version"}`);
  for (const item of doc) {
    const source = (item as Record<string, unknown> | null)?.["source"];
    const version = (item as Record<string, unknown> | null)?.["version"];
    if (typeof source !== "string" || typeof version !== "string") {
      throw new Error(`${what}: expected a JSON list of {"source", "version"}, got ${JSON.stringify(item)}`);
    }
    pins.set(normalizeSource(source), version);
  }
  return pins;
}

/** The pins as messages list them: "github.com/hashicorp/amazon 1.8.1, …", or "none". */
export function describePins(pins: ReadonlyMap<string, string>): string {
  return (
    [...pins]
      .map(([source, version]) => `${source} ${version}`)
      .sort()
      .join(", ") || "none"
  );
}

/** What a required plugin lacks against Bazel's pins: nothing, a pin, or a version the constraint allows. */
export type PinProblem = { kind: "unpinned" } | { kind: "version"; pinned: string } | undefined;

export function pinProblem(pins: ReadonlyMap<string, string>, source: string, constraint: string | undefined): PinProblem {
  const pinned = pins.get(normalizeSource(source));
  if (pinned === undefined) return { kind: "unpinned" };
  if (constraint === undefined || pinned === "") return undefined;
  // Packer (1.11 and later) checks an installed plugin's core version, its pre-release dropped
  // (plugin-getter: VersionConstraints.Check(ver.Core())): 1.8.1-dev meets "~> 1.8".
  const core = pinned.replace(/^v/, "").replace(/[-+].*$/, "");
  return constraintAllows(constraint, core) === false ? { kind: "version", pinned } : undefined;
}
