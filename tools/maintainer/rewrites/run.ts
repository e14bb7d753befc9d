/**
 * Runs every rewrite on a unit and reports the errors a rewrite brings that the unit did not
 * have. Each rewrite is applied at all its sites at once (one validation per rewrite); when that
 * brings a new error, each site is tried alone to name the ones that do.
 */
import type { Finding } from "../../lib/validate/types.ts";
import { parseHcl } from "../../lib/hcl/parser.ts";
import { findSites, parseUnit } from "./sites.ts";
import { STRUCTURE_REWRITES } from "./structure.ts";
import { check, errorCounts, newErrors, type Unit } from "./unit.ts";
import { VALUE_REWRITES, type Rewrite } from "./values.ts";

export const REWRITES: ReadonlyArray<Rewrite<unknown>> = [
  ...(VALUE_REWRITES as ReadonlyArray<Rewrite<unknown>>),
  ...(STRUCTURE_REWRITES as ReadonlyArray<Rewrite<unknown>>),
];

export const KINDS: readonly string[] = REWRITES.map((r) => r.kind);

export interface KindResult {
  kind: string;
  /** Sites the rewrite acted on (0: not applicable to this unit). */
  sites: number;
  /** Errors the rewrite at every site brought. */
  newErrors: Finding[];
  /** The sites that bring a new error when rewritten alone, with those errors. */
  culprits: Array<{ where: string; errors: Finding[] }>;
  /** The rewritten text did not parse: a fault of the generator, not of the validator. */
  broken?: string;
}

export interface UnitResult {
  unit: string;
  /** Errors of the unit as it is. */
  baseErrors: number;
  /** Why the unit was not rewritten (it does not parse). */
  skipped?: string;
  kinds: KindResult[];
}

function parseProblem(unit: Unit): string | undefined {
  for (const f of [...unit.templates, ...unit.varFiles]) {
    const d = parseHcl(f.text, f.path).diagnostics[0];
    if (d) return `${f.path}:${d.range.start.line}:${d.range.start.column}: ${d.message}`;
  }
  return undefined;
}

export interface RewriteOptions {
  /** Only these rewrites. */
  only?: ReadonlySet<string>;
  /** Skip a unit the validator reports errors on: the generator starts from templates judged clean. */
  cleanOnly?: boolean;
  /**
   * Sites per rewrite also tried alone (a sample, the same on every run, drawn with a seed made
   * from the unit and the rewrite): rewriting one site can hide another's error (a build whose
   * sources the validator cannot compute is not checked at all), so every site at once is not
   * enough. Infinity tries every site alone.
   */
  perSite?: number;
}

/** A small deterministic PRNG (mulberry32) seeded from a string. */
function seeded(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` of the items, in their order, drawn with a seed; all of them when there are no more. */
export function sample<T>(items: readonly T[], n: number, seed: string): T[] {
  if (items.length <= n) return [...items];
  const random = seeded(seed);
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(random() * items.length));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]!);
}

/** Every rewrite on one unit: at all its sites at once, then at single sites (see RewriteOptions.perSite). */
export function rewriteUnit(unit: Unit, options: RewriteOptions = {}): UnitResult {
  const base = check(unit);
  const before = errorCounts(base);
  const baseErrors = [...before.values()].reduce((a, b) => a + b, 0);
  if (options.cleanOnly && baseErrors > 0) return { unit: unit.name, baseErrors, skipped: `${baseErrors} errors as it is`, kinds: [] };
  const parsed = parseUnit(unit);
  if (!parsed) return { unit: unit.name, baseErrors, skipped: "does not parse", kinds: [] };
  const sites = findSites(parsed);
  const kinds: KindResult[] = [];
  for (const rw of REWRITES) {
    if (options.only && !options.only.has(rw.kind)) continue;
    const targets = rw.targets(unit, parsed, sites);
    const result: KindResult = { kind: rw.kind, sites: targets.length, newErrors: [], culprits: [] };
    kinds.push(result);
    if (targets.length === 0) continue;
    const all = rw.apply(
      unit,
      parsed,
      targets.map((t) => t.data),
    );
    const broken = parseProblem(all);
    if (broken) {
      result.broken = broken;
      continue;
    }
    result.newErrors = newErrors(before, check(all));
    // Sites alone: every one when the rewrite at once brought an error (to name them), else the
    // sample (with one site, "alone" is what was just checked).
    const alone = result.newErrors.length > 0 ? targets : targets.length > 1 ? sample(targets, options.perSite ?? 0, `${unit.name} ${rw.kind}`) : [];
    for (const t of alone) {
      const errors = newErrors(before, check(rw.apply(unit, parsed, [t.data])));
      if (errors.length > 0) result.culprits.push({ where: t.where, errors });
    }
    if (result.newErrors.length === 0) result.newErrors = result.culprits.flatMap((c) => c.errors);
  }
  return { unit: unit.name, baseErrors, kinds };
}
