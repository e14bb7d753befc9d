/**
 * Coverage of the check tables (tools/lib/validate/checks/data/*.json) measured from the pinned
 * sources: for each component in scope, its error paths (paths.ts), which of them no check before
 * a build can decide (the tables' `not-checkable` entries, with their reasons), and which the
 * tables' entries attached to the component cover. Also the consistency of the tables with the
 * sources: every citation is an error path with the entry's message.
 *
 * Run through vitest: `npx vitest run tools/maintainer/checks` checks (and fails when the
 * README's coverage block is stale); `npm run gen:checks` rewrites the block.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Entry, CheckTable, GroupRef } from "../../lib/validate/checks/table.ts";
import { PINS, type GitSources, type Pin } from "../../lib/validate/schemas/gen.ts";
import { sameLine } from "./lines.ts";
import { releasePaths, unitPaths, type ComponentPaths, type Site, type Unit } from "./paths.ts";

/** The check tables and what of each plugin's components this round of work covers. */
export const TABLES = ["sdk", "packer", "amazon", "googlecompute", "azure", "docker", "ansible", "qemu", "virtualbox", "vsphere"] as const;

/**
 * The components whose error paths the coverage table lists, by plugin (`kind name`, as the
 * tables key them): every component the tables cover, and those of the plugins in scope that they
 * do not cover yet. A plugin added to the tables adds its row here.
 */
export const SCOPE: Record<string, string[]> = {
  packer: [
    "source file",
    "source null",
    "provisioner breakpoint",
    "provisioner file",
    "provisioner powershell",
    "provisioner shell",
    "provisioner shell-local",
    "provisioner windows-restart",
    "provisioner windows-shell",
    "post-processor artifice",
    "post-processor checksum",
    "post-processor compress",
    "post-processor manifest",
    "post-processor shell-local",
    "data hcp-packer-artifact",
    "data hcp-packer-image",
    "data hcp-packer-iteration",
    "data hcp-packer-version",
    "data http",
    "data null",
  ],
  amazon: [
    "source amazon-chroot",
    "source amazon-ebs",
    "source amazon-ebssurrogate",
    "source amazon-ebsvolume",
    "source amazon-instance",
    "data amazon-ami",
    "data amazon-parameterstore",
    "data amazon-secretsmanager",
  ],
  googlecompute: [
    "source googlecompute",
    "post-processor googlecompute-export",
    "post-processor googlecompute-import",
    "data googlecompute-image",
    "data googlecompute-parametermanager",
    "data googlecompute-secretsmanager",
  ],
  azure: ["source azure-arm", "source azure-chroot", "provisioner azure-dtlartifact"],
  docker: ["source docker", "post-processor docker-import", "post-processor docker-push", "post-processor docker-save", "post-processor docker-tag"],
  ansible: ["provisioner ansible", "provisioner ansible-local"],
  qemu: ["source qemu"],
  virtualbox: ["source virtualbox-iso"],
  vsphere: ["source vsphere-iso", "source vsphere-clone"],
};

/** The SDK's shared configs, listed on their own (written once, used by many builders). */
export const SDK_UNITS: Array<Unit & { group: string; groups: string[] }> = [
  ["communicator", "Config", "communicator.Config"],
  ["bootcommand", "BootConfig", "bootcommand.BootConfig"],
  ["bootcommand", "VNCConfig", "bootcommand.VNCConfig", "bootcommand.BootConfig"],
  ["multistep/commonsteps", "CDConfig", "commonsteps.CDConfig"],
  ["multistep/commonsteps", "FloppyConfig", "commonsteps.FloppyConfig"],
  ["multistep/commonsteps", "HTTPConfig", "commonsteps.HTTPConfig"],
  ["multistep/commonsteps", "ISOConfig", "commonsteps.ISOConfig"],
  ["shutdowncommand", "ShutdownConfig", "shutdowncommand.ShutdownConfig"],
].map(([dir, type, group, ...more]) => ({
  repository: "github.com/hashicorp/packer-plugin-sdk",
  tag: "v0.6.10",
  dir: dir!,
  type: type!,
  method: "Prepare",
  group: group!,
  groups: [group!, ...more],
}));

/** The SDK's shell-local config is checked by a function (`Validate`), not a method. */
export const SDK_FUNCTIONS = [{ dir: "shell-local", fn: "Validate", group: "shell_local.Config" }];

export function loadTable(name: string, dir: string): CheckTable {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as CheckTable;
}

/** `owner/name@tag:path:line` of a citation written in `table` (`path:line`, or already qualified). */
export function citeKey(table: CheckTable, cite: string): string {
  if (cite.includes("@")) return cite;
  return `${table.repository.replace(/^github\.com\//, "")}@${table.tag}:${cite}`;
}

export function siteKey(s: Site): string {
  return `${s.repo}@${s.tag}:${s.path}:${s.line}`;
}

interface Attached {
  table: string;
  group: string;
  entry: Entry;
}

/** The entries a component's groups bring, following `table:group` references (an `except` drops some). */
export function attached(tables: Record<string, CheckTable>, table: string, refs: GroupRef[]): Attached[] {
  const out: Attached[] = [];
  for (const ref of refs) {
    const name = typeof ref === "string" ? ref : ref.group;
    const colon = name.indexOf(":");
    const t = colon < 0 ? table : name.slice(0, colon);
    const g = colon < 0 ? name : name.slice(colon + 1);
    const entries = tables[t]?.groups[g];
    if (!entries) throw new Error(`${table}: no group ${name}`);
    const skip = typeof ref === "string" ? [] : (ref.except ?? []);
    for (const entry of entries) if (!skip.includes(entry.id)) out.push({ table: t, group: g, entry });
  }
  return out;
}

export interface Row {
  plugin: string;
  component: string;
  paths: number;
  notCheckable: number;
  checkable: number;
  covered: number;
  /** Checkable paths no entry covers: `path:line message`. */
  uncovered: string[];
  unresolved: string[];
}

/**
 * One component's (or SDK config's) row: its paths split by what the attached entries say of them.
 * `alias`: a site's key to the key of the same line at the tag its table cites (an SDK release other than the SDK table's).
 */
export function row(
  plugin: string,
  component: string,
  cp: ComponentPaths,
  tables: Record<string, CheckTable>,
  entries: Attached[],
  alias: ReadonlyMap<string, string> = new Map(),
): Row {
  const notCheckable = new Set<string>();
  for (const [name, t] of Object.entries(tables)) {
    for (const group of Object.values(t.groups)) {
      for (const e of group) if (e.kind === "not-checkable") for (const c of e.cite) notCheckable.add(citeKey(tables[name]!, c));
    }
  }
  const covered = new Set<string>();
  for (const { table, entry } of entries) if (entry.kind !== "not-checkable") for (const c of entry.cite) covered.add(citeKey(tables[table]!, c));
  const keys = cp.sites.map(siteKey);
  const among = (set: Set<string>, k: string): boolean => set.has(k) || set.has(alias.get(k) ?? "");
  const nc = keys.filter((k) => among(notCheckable, k));
  const checkable = cp.sites.filter((s) => !among(notCheckable, siteKey(s)));
  const hit = checkable.filter((s) => among(covered, siteKey(s)));
  return {
    plugin,
    component,
    paths: keys.length,
    notCheckable: nc.length,
    checkable: checkable.length,
    covered: hit.length,
    uncovered: checkable.filter((s) => !among(covered, siteKey(s))).map((s) => `${s.path}:${s.line} ${JSON.stringify(s.message)}`),
    unresolved: cp.unresolved,
  };
}

export interface Measured {
  rows: Row[];
  /** Every error path read, by key (for the citation check). */
  sites: Map<string, Site>;
  /** Entries attached to a component that cite none of its paths: `component: table:group:id`. */
  strays: string[];
}

function pinOf(plugin: string): Pin {
  const pin = PINS.find((p) => p.plugin === plugin);
  if (!pin) throw new Error(`no pinned release of ${plugin}`);
  return pin;
}

/** The keys of a component's SDK sites at another SDK release than the SDK table's, to the same lines at the table's tag. */
function sdkAliases(sources: GitSources, tables: Record<string, CheckTable>, cp: ComponentPaths): Map<string, string> {
  const sdk = tables["sdk"];
  const out = new Map<string, string>();
  if (!sdk) return out;
  const repo = sdk.repository.replace(/^github\.com\//, "");
  for (const s of cp.sites) {
    if (s.repo !== repo || s.tag === sdk.tag) continue;
    const line = sameLine(sources, sdk.repository, s.path, s.tag, sdk.tag, s.line);
    if (line !== undefined) out.set(siteKey(s), siteKey({ ...s, tag: sdk.tag, line }));
  }
  return out;
}

/** Measures every component in SCOPE and every SDK unit. */
export function measure(sources: GitSources, tables: Record<string, CheckTable>): Measured {
  const rows: Row[] = [];
  const sites = new Map<string, Site>();
  const strays: string[] = [];
  const note = (cp: ComponentPaths): void => {
    for (const s of cp.sites) sites.set(siteKey(s), s);
  };
  for (const [plugin, components] of Object.entries(SCOPE)) {
    const pin = pinOf(plugin);
    const table = tables[plugin];
    const all = releasePaths(sources, pin, new Set(components.map((c) => c.replace(/^source /, ""))));
    for (const component of components) {
      const cp = all.find((c) => (c.kind === "source" ? `source ${c.name}` : `${c.kind} ${c.name}`) === component);
      if (!cp) throw new Error(`${plugin} ${pin.tag} has no ${component}`);
      note(cp);
      const entries = table?.components[component] ? attached(tables, plugin, table.components[component]) : [];
      const alias = sdkAliases(sources, tables, cp);
      const mine = new Set([...cp.sites.map(siteKey), ...alias.values()]);
      for (const a of entries) {
        if (a.entry.kind === "not-checkable") continue;
        if (!a.entry.cite.some((c) => mine.has(citeKey(tables[a.table]!, c)))) strays.push(`${component}: ${a.table}:${a.group}:${a.entry.id}`);
      }
      rows.push(row(plugin, component, cp, tables, entries, alias));
    }
  }
  for (const unit of SDK_UNITS) {
    const cp = unitPaths(sources, unit);
    note(cp);
    rows.push(row("sdk", unit.group, cp, tables, attached(tables, "sdk", unit.groups)));
  }
  for (const f of SDK_FUNCTIONS) {
    const cp = unitPaths(sources, { repository: "github.com/hashicorp/packer-plugin-sdk", tag: "v0.6.10", dir: f.dir, type: "", method: f.fn });
    note(cp);
    rows.push(row("sdk", f.group, cp, tables, attached(tables, "sdk", [f.group])));
  }
  return { rows, sites, strays };
}

/**
 * Problems of the tables against the sources: a citation that is not an error path the reader
 * found, or whose path's message is not the entry's (the first citation of an entry carries its
 * message; a `duration` entry cites each argument's field, in the order of `args`).
 */
export function citationProblems(tables: Record<string, CheckTable>, sites: Map<string, Site>): string[] {
  const out: string[] = [];
  for (const [name, t] of Object.entries(tables)) {
    for (const [group, entries] of Object.entries(t.groups)) {
      for (const e of entries) {
        const where = `${name}:${group}:${e.id}`;
        e.cite.forEach((c, i) => {
          const site = sites.get(citeKey(t, c));
          if (!site) {
            out.push(`${where}: ${c} is not an error path of the pinned sources`);
            return;
          }
          if (e.kind === "duration") {
            const args = e.args ?? [e.arg!];
            const want = `time.Duration ${args[i % args.length]}`;
            if (site.message !== want) out.push(`${where}: ${c} is ${JSON.stringify(site.message)}, not ${JSON.stringify(want)}`);
          } else if (i === 0 && site.message !== e.message) {
            out.push(`${where}: ${c} says ${JSON.stringify(site.message)}, not ${JSON.stringify(e.message)}`);
          }
        });
      }
    }
  }
  return out;
}

function pct(covered: number, checkable: number): string {
  return checkable === 0 ? "–" : `${Math.floor((covered / checkable) * 100)}%`;
}

/** The README's coverage block: one row per component, totals per plugin and overall. */
export function renderCoverage(rows: Row[]): string {
  const lines = [
    "| plugin | component | error paths | not checkable before a build | checkable | covered | covered of checkable |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const sum = (rs: Row[]): [number, number, number, number] => [
    rs.reduce((n, r) => n + r.paths, 0),
    rs.reduce((n, r) => n + r.notCheckable, 0),
    rs.reduce((n, r) => n + r.checkable, 0),
    rs.reduce((n, r) => n + r.covered, 0),
  ];
  const plugins = [...new Set(rows.map((r) => r.plugin))];
  for (const p of plugins) {
    const rs = rows.filter((r) => r.plugin === p);
    for (const r of rs)
      lines.push(`| ${p} | ${r.component} | ${r.paths} | ${r.notCheckable} | ${r.checkable} | ${r.covered} | ${pct(r.covered, r.checkable)} |`);
    const [a, b, c, d] = sum(rs);
    lines.push(`| **${p}** | **all** | **${a}** | **${b}** | **${c}** | **${d}** | **${pct(d, c)}** |`);
  }
  const [a, b, c, d] = sum(rows);
  lines.push(`| **overall** | | **${a}** | **${b}** | **${c}** | **${d}** | **${pct(d, c)}** |`);
  const open = rows.filter((r) => r.uncovered.length > 0 || r.unresolved.length > 0);
  if (open.length > 0) {
    lines.push("", "Checkable error paths no entry covers yet, and calls the reader could not place:", "");
    for (const r of open) {
      for (const u of r.uncovered) lines.push(`- ${r.plugin} ${r.component}: \`${u}\``);
      for (const u of r.unresolved) lines.push(`- ${r.plugin} ${r.component}: call not followed: \`${u}\``);
    }
  }
  return lines.join("\n");
}
