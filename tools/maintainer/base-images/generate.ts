/**
 * Writes tools/lib/validate/rules/utils/base-images/data.ts: what the cloud images of each release
 * ship, read from the sources sources.ts pins.
 *
 *   node tools/maintainer/base-images/generate.ts           # print the data
 *   node tools/maintainer/base-images/generate.ts --write   # rewrite data.ts
 *
 * Sources are read from $BASE_IMAGE_SOURCES (else ../.mirror beside the checkout): each
 * repository as a bare git directory at <owner>+<name>/repo, each page as saved Markdown at
 * pages/<host>/<path>.md (the page's URL with .html replaced).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ansiblePackages } from "./ansible.ts";
import { tableColumn } from "./awsdocs.ts";
import { faiPackages } from "./fai.ts";
import { kickstartPackages } from "./kickstart.ts";
import { SOURCES, type GitRef, type Part, type ReleaseSource } from "./sources.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, "../../..");
export const DATA_PATH = join(REPO_ROOT, "tools/lib/validate/rules/utils/base-images/data.ts");
export const REGENERATE = "node tools/maintainer/base-images/generate.ts --write";

export function sourcesRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env["BASE_IMAGE_SOURCES"] ? resolve(env["BASE_IMAGE_SOURCES"]) : resolve(REPO_ROOT, "../.mirror");
}

function gitDir(root: string, ref: GitRef): string {
  return join(root, (ref.mirror ?? ref.repo).replace("/", "+"), "repo");
}

function git(dir: string, args: string[]): string {
  return execFileSync("git", ["--git-dir", dir, ...args], { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] });
}

function show(root: string, ref: GitRef, path: string): string {
  return git(gitDir(root, ref), ["show", `${ref.commit}:${path}`]);
}

function tryShow(root: string, ref: GitRef, path: string): string | undefined {
  try {
    return show(root, ref, path);
  } catch {
    return undefined;
  }
}

export function pagePath(root: string, url: string): string {
  const u = new URL(url);
  return join(root, "pages", u.host, u.pathname.replace(/\.html$/, ".md"));
}

function refsOf(part: Part): GitRef[] {
  if (part.type === "fai") return part.layers;
  if (part.type === "kickstart" || part.type === "ansible") return [part.ref];
  return [];
}

/** What the sources root lacks (repositories, commits, pages), named for a person to fetch. */
export function missingSources(root: string): string[] {
  const missing = new Set<string>();
  for (const s of SOURCES) {
    for (const part of s.parts) {
      for (const ref of refsOf(part)) {
        const dir = gitDir(root, ref);
        if (!existsSync(dir)) missing.add(ref.mirror ?? ref.repo);
        else {
          try {
            git(dir, ["cat-file", "-e", `${ref.commit}^{commit}`]);
          } catch {
            missing.add(`${ref.mirror ?? ref.repo}@${ref.commit.slice(0, 12)}`);
          }
        }
      }
      if (part.type === "page" && !existsSync(pagePath(root, part.url))) missing.add(part.url);
    }
  }
  return [...missing];
}

/** One release's facts, as data.ts records them. */
export interface ReleaseRecord {
  cloud: string;
  distro: string;
  version: string;
  variant?: string;
  kind: "manifest" | "build-definition";
  complete: boolean;
  date: string;
  source: string;
  note?: string;
  groups: string[];
  packages: string[];
}

function describe(part: Part): string {
  const at = (ref: GitRef) => `${ref.repo}${ref.mirror ? ` (read from github.com/${ref.mirror})` : ""} at ${ref.commit.slice(0, 12)}`;
  switch (part.type) {
    case "fai":
      return `${part.layers.map((l) => `${at(l)}: ${l.dir}`).join(" + ")}; FAI classes ${part.classes.join(" ")}`;
    case "kickstart":
      return `${at(part.ref)}: ${part.path}`;
    case "ansible":
      return `${at(part.ref)}: ${part.files.join(", ")}`;
    case "page":
      return `${part.url}: "${part.heading}", column "${part.column}"`;
  }
}

function readPart(root: string, part: Part): { packages: string[]; groups: string[]; removed: string[] } {
  switch (part.type) {
    case "fai": {
      const files = new Map<string, string>();
      for (const layer of part.layers) {
        const names = git(gitDir(root, layer), ["ls-tree", "--name-only", `${layer.commit}:${layer.dir}`])
          .split("\n")
          .filter(Boolean);
        for (const n of names) files.set(n, show(root, layer, `${layer.dir}/${n}`));
      }
      return { packages: faiPackages(files, part.classes), groups: [], removed: [] };
    }
    case "kickstart": {
      const base = part.includeDir ?? posix.dirname(part.path);
      return kickstartPackages(show(root, part.ref, part.path), (p) => (p.startsWith("/") ? undefined : tryShow(root, part.ref, posix.join(base, p))));
    }
    case "ansible":
      return ansiblePackages(part.files.map((f) => show(root, part.ref, f)));
    case "page":
      return { packages: tableColumn(readFileSync(pagePath(root, part.url), "utf8"), part.heading, part.column), groups: [], removed: [] };
  }
}

function commitDate(root: string, ref: GitRef): string {
  return git(gitDir(root, ref), ["log", "-1", "--format=%cs", ref.commit]).trim();
}

export function record(root: string, s: ReleaseSource): ReleaseRecord {
  // Parts run in order: a later part's removal (a cleanup) takes out what an earlier one installed.
  const packages = new Set<string>();
  const groups = new Set<string>();
  for (const part of s.parts) {
    const r = readPart(root, part);
    for (const p of r.removed) packages.delete(p);
    for (const p of r.packages) packages.add(p);
    for (const g of r.groups) groups.add(g);
  }
  const date =
    s.date ??
    s.parts
      .flatMap(refsOf)
      .map((ref) => commitDate(root, ref))
      .sort()
      .pop();
  if (!date) throw new Error(`${s.cloud}/${s.distro}/${s.version}: no date`);
  return {
    cloud: s.cloud,
    distro: s.distro,
    version: s.version,
    ...(s.variant ? { variant: s.variant } : {}),
    kind: s.kind,
    complete: s.kind === "manifest",
    date,
    source: s.parts.map(describe).join("; "),
    ...(s.note ? { note: s.note } : {}),
    groups: [...groups].sort(),
    packages: [...packages].sort(),
  };
}

export function render(records: ReleaseRecord[]): string {
  const repos = [...new Set(SOURCES.flatMap((s) => s.parts.flatMap(refsOf)).map((r) => `${r.repo}@${r.commit.slice(0, 12)}`))].sort();
  const pages = [...new Set(SOURCES.flatMap((s) => s.parts.flatMap((p) => (p.type === "page" ? [p.url] : []))))].sort();
  const lines = [
    `// Generated by tools/maintainer/base-images/generate.ts from the sources pinned in tools/maintainer/base-images/sources.ts:`,
    ...repos.map((r) => `//   ${r}`),
    ...pages.map((p) => `//   ${p}`),
    `// Regenerate with \`${REGENERATE}\` (sources under $BASE_IMAGE_SOURCES); do not edit. Package names only.`,
    "",
    'import type { ImageRecord } from "../releases.ts";',
    "",
    "export const IMAGES: readonly ImageRecord[] = [",
  ];
  for (const r of records) {
    lines.push("  {");
    for (const [k, v] of Object.entries(r)) lines.push(`    ${k}: ${JSON.stringify(v)},`);
    lines.push("  },");
  }
  lines.push("];", "");
  return lines.join("\n");
}

export function generate(root: string): string {
  return render(SOURCES.map((s) => record(root, s)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = sourcesRoot();
  const missing = missingSources(root);
  if (missing.length) {
    console.error(`generate.ts: missing under ${root} (set BASE_IMAGE_SOURCES): ${missing.join(", ")}`);
    process.exit(2);
  }
  const text = generate(root);
  if (process.argv.includes("--write")) {
    writeFileSync(DATA_PATH, text);
    console.log(`wrote ${DATA_PATH}: ${SOURCES.length} releases`);
  } else process.stdout.write(text);
}
