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

/**
 * Every rewrite (or those named in `only`) on one unit. With `cleanOnly`, a unit the validator
 * reports errors on is skipped: the generator starts from templates judged clean.
 */
export function rewriteUnit(unit: Unit, only?: ReadonlySet<string>, cleanOnly = false): UnitResult {
  const base = check(unit);
  const before = errorCounts(base);
  const baseErrors = [...before.values()].reduce((a, b) => a + b, 0);
  if (cleanOnly && baseErrors > 0) return { unit: unit.name, baseErrors, skipped: `${baseErrors} errors as it is`, kinds: [] };
  const parsed = parseUnit(unit);
  if (!parsed) return { unit: unit.name, baseErrors, skipped: "does not parse", kinds: [] };
  const sites = findSites(parsed);
  const kinds: KindResult[] = [];
  for (const rw of REWRITES) {
    if (only && !only.has(rw.kind)) continue;
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
    if (result.newErrors.length === 0) continue;
    for (const t of targets) {
      const errors = newErrors(before, check(rw.apply(unit, parsed, [t.data])));
      if (errors.length > 0) result.culprits.push({ where: t.where, errors });
    }
  }
  return { unit: unit.name, baseErrors, kinds };
}
