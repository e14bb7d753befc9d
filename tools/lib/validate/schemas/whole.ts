/**
 * The decoder of gen.ts's compactDefs: a data file writes an older release's def as changes to the
 * newest release's ("$base"); these make it whole again.
 */
type CompactDef = { $base?: string; $drop?: string[]; attrs: Record<string, unknown>; blocks: Record<string, unknown>; internal?: string[] };

/** One def whole: a def written as changes to another ("$base", never itself a change) merged with it. */
export function wholeDef<T>(defs: Record<string, T>, name: string): T | undefined {
  const d = defs[name] as CompactDef | undefined;
  if (!d || d.$base === undefined) return defs[name];
  const b = defs[d.$base] as CompactDef;
  const drop = new Set(d.$drop ?? []);
  const keep = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => !drop.has(k)));
  const attrs = { ...keep(b.attrs), ...d.attrs };
  const internal = d.internal ?? (b.internal ?? []).filter((n) => n in attrs);
  return { attrs, blocks: { ...keep(b.blocks), ...d.blocks }, ...(internal.length ? { internal } : {}) } as T;
}

/** A data file's JSON with every def whole. */
export function whole(text: string): string {
  if (!text.includes('"$base":')) return text;
  const schema = JSON.parse(text) as { defs: Record<string, CompactDef> };
  for (const name of Object.keys(schema.defs)) schema.defs[name] = wholeDef(schema.defs, name)!;
  return JSON.stringify(schema);
}
