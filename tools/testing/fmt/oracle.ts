/**
 * `packer fmt` as an oracle for the differential tests: formats many texts with one Packer run
 * (they are written to a temporary directory, which Packer formats in place).
 *
 * compare.ts runs compareCommand on directories of templates.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHcl } from "../../lib/hcl/parser.ts";
import { formatHcl } from "../../lib/fmt/format.ts";
import { VARIANT_KINDS, variant } from "./variants.ts";

/** The Packer to compare with: $PACKER, else `packer` on PATH; undefined when there is none. */
export function findPacker(env: Record<string, string | undefined> = process.env): { path: string; version: string } | undefined {
  const path = env["PACKER"] || "packer";
  const r = spawnSync(path, ["version"], { encoding: "utf8" });
  if (r.status !== 0 || typeof r.stdout !== "string") return undefined;
  const m = /Packer v(\d+\.\d+\.\d+)/.exec(r.stdout);
  return m ? { path, version: m[1]! } : undefined;
}

/**
 * Packer's output for each text, or undefined where Packer did not format it (it reported an
 * error: the text does not parse for that Packer).
 */
export function packerFormat(packer: string, texts: string[]): Array<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "fmt-oracle-"));
  try {
    const names = texts.map((_, i) => `f${String(i).padStart(6, "0")}.pkr.hcl`);
    texts.forEach((t, i) => writeFileSync(join(dir, names[i]!), t));
    const r = spawnSync(packer, ["fmt", dir], { encoding: "utf8", maxBuffer: 1 << 28 });
    const failed = new Set<string>();
    for (const m of (r.stdout + r.stderr).matchAll(/encountered an error while formatting \S*?(f\d{6}\.pkr\.hcl)/g)) failed.add(m[1]!);
    return names.map((n) => (failed.has(n) ? undefined : readFileSync(join(dir, n), "utf8")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function parses(text: string): boolean {
  return !parseHcl(text, "x.pkr.hcl").diagnostics.some((d) => d.severity === "error");
}

export interface Comparison {
  name: string;
  input: string;
  /** Packer's output (undefined: Packer reported an error). */
  packer: string | undefined;
  /** Ours (undefined: our parser reports an error). */
  ours: string | undefined;
}

/** Whether this Packer writes `! x` (releases before 1.7.0, built with hclwrite before v2.8.0). */
const bangCache = new Map<string, boolean>();
export function oldBang(packer: string): boolean {
  let v = bangCache.get(packer);
  if (v === undefined) {
    v = packerFormat(packer, ["a = !true\n"])[0] === "a = ! true\n";
    bangCache.set(packer, v);
  }
  return v;
}

/** Every input with its variants, each run through Packer and through formatHcl. */
export function compareAll(packer: string, inputs: Array<{ name: string; text: string }>, variantsPerKind: number): Comparison[] {
  const all: Array<{ name: string; text: string }> = [];
  for (const { name, text } of inputs) {
    all.push({ name, text });
    if (!parses(text)) continue;
    for (const kind of VARIANT_KINDS) {
      for (let seed = 1; seed <= variantsPerKind; seed++) all.push({ name: `${name} [${kind} ${seed}]`, text: variant(text, kind, seed) });
    }
  }
  const out = packerFormat(
    packer,
    all.map((a) => a.text),
  );
  return all.map((a, i) => ({
    name: a.name,
    input: a.text,
    packer: out[i],
    ours: parses(a.text) ? formatHcl(a.text, { spaceAfterBang: oldBang(packer) }) : undefined,
  }));
}

function walk(path: string, files: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const e of readdirSync(path).sort()) if (!e.startsWith(".")) walk(join(path, e), files);
  } else if (/\.pkr(vars)?\.hcl$/.test(path)) files.push(path);
}

/** Compares on the templates under `paths` (files or directories); prints the counts. */
export function compareCommand(paths: string[]): void {
  const dirs = paths;
  const packer = findPacker();
  if (!packer) {
    console.error("oracle: no packer on PATH (set PACKER=/path/to/packer)");
    process.exitCode = 2;
    return;
  }
  const files: string[] = [];
  for (const d of dirs) walk(d, files);
  const inputs = files.map((f) => ({ name: f, text: readFileSync(f, "utf8") }));
  const results = compareAll(packer.path, inputs, Number(process.env["FMT_VARIANTS"] ?? 2));
  let same = 0;
  let bothReject = 0;
  const parseDisagree: string[] = [];
  const differ: Comparison[] = [];
  for (const r of results) {
    if (r.packer === undefined && r.ours === undefined) bothReject++;
    else if (r.packer === undefined || r.ours === undefined)
      parseDisagree.push(`${r.name}: ${r.packer === undefined ? "Packer rejects, we accept" : "we reject, Packer accepts"}`);
    else if (r.ours === r.packer) same++;
    else differ.push(r);
  }
  const nFiles = results.filter((r) => !r.name.endsWith("]")).length;
  console.log(`packer ${packer.version}: ${results.length} texts (${nFiles} files, ${results.length - nFiles} variants)`);
  console.log(`identical: ${same}; both reject: ${bothReject}; parse disagreements: ${parseDisagree.length}; different output: ${differ.length}`);
  for (const p of parseDisagree.slice(0, 20)) console.log(`  parse: ${p}`);
  for (const d of differ.slice(0, 5)) {
    console.log(`--- ${d.name}`);
    const a = d.packer!.split("\n");
    const b = d.ours!.split("\n");
    for (let i = 0, shown = 0; i < Math.max(a.length, b.length) && shown < 6; i++) {
      if (a[i] !== b[i]) {
        console.log(`  ${i + 1} packer: ${JSON.stringify(a[i])}\n  ${i + 1} ours:   ${JSON.stringify(b[i])}`);
        shown++;
      }
    }
  }
}
