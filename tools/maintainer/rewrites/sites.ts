/**
 * Where a rewrite may act, and how its text edits are applied. Sites are attribute values in
 * the parts of a template Packer evaluates with variables and locals in scope: locals, `local`
 * blocks, sources and builds (with their nested blocks, provisioners and post-processors). The
 * `packer` block, variable blocks (defaults are literals), data sources and HCP registry blocks
 * are left alone, as are lines an inline suppression covers (moving a value would move its
 * finding away from the suppression).
 */
import { staticValue, type Attribute, type Block, type Body, type Expression } from "../../lib/hcl/ast.ts";
import { parseHcl } from "../../lib/hcl/parser.ts";
import type { TextFile, Unit } from "./unit.ts";

export interface ParsedTemplate {
  file: TextFile;
  body: Body;
}

export interface Site {
  /** Index of the template in the unit. */
  file: number;
  attr: Attribute;
  /** Where it is, for reports: `source.amazon-ebs.x/launch_block_device_mappings/volume_size`. */
  where: string;
  /** The value when it is a literal (null included), else undefined. */
  value: unknown;
  /** The value is a heredoc: text after it needs a newline first. */
  heredoc: boolean;
}

/** The unit's templates parsed, or undefined when one does not parse (a rewrite would only move the syntax error). */
export function parseUnit(unit: Unit): ParsedTemplate[] | undefined {
  const out: ParsedTemplate[] = [];
  for (const file of unit.templates) {
    const { body, diagnostics } = parseHcl(file.text, file.path);
    if (diagnostics.length > 0) return undefined;
    out.push({ file, body });
  }
  return out;
}

const SKIPPED_TOP = new Set(["packer", "variable", "variables", "data", "hcp_packer_registry"]);
/** Attributes of a dynamic block that are not values (the iterator's name, the labels). */
const DYNAMIC_META = new Set(["iterator", "labels"]);

function suppressedLines(text: string): Set<number> {
  const lines = new Set<number>();
  text.split("\n").forEach((line, i) => {
    if (/(#|\/\/)\s*packer-validate:/.test(line)) {
      lines.add(i + 1);
      lines.add(i + 2);
    }
  });
  return lines;
}

function blockName(b: Block): string {
  return [b.type, ...b.labels.map((l) => l.value)].join(".");
}

/** Every site of the unit, in source order. */
export function findSites(parsed: readonly ParsedTemplate[]): Site[] {
  const sites: Site[] = [];
  parsed.forEach((t, file) => {
    const quiet = suppressedLines(t.file.text);
    const visit = (body: Body, where: string, inDynamic: boolean, literalName = false): void => {
      for (const item of body.items) {
        if (item.kind === "Attribute") {
          if (inDynamic && DYNAMIC_META.has(item.name)) continue;
          // Packer decodes a build-level source block's `name` without variables or functions
          // (hcl2template/types.source.go, decodeBuildSource): only a literal is valid there.
          if (literalName && item.name === "name") continue;
          if (quiet.has(item.range.start.line)) continue;
          sites.push({ file, attr: item, where: `${where}/${item.name}`, value: staticValue(item.expr), heredoc: isHeredoc(item.expr) });
        } else {
          visit(item.body, `${where}/${blockName(item)}`, item.type === "dynamic", item.type === "source" && where.startsWith("build"));
        }
      }
    };
    for (const block of t.body.blocks) {
      if (SKIPPED_TOP.has(block.type)) continue;
      visit(block.body, blockName(block), false);
    }
  });
  return sites;
}

export function isHeredoc(e: Expression): boolean {
  return e.kind === "Template" && e.heredoc !== null;
}

/** The source text of a site's value. */
export function valueText(unit: Unit, site: Site): string {
  return unit.templates[site.file]!.text.slice(site.attr.expr.range.start.offset, site.attr.expr.range.end.offset);
}

/** The value's text as an operand: a heredoc gets the newline its closing marker needs before anything follows. */
export function operand(unit: Unit, site: Site): string {
  return site.heredoc ? `${valueText(unit, site)}\n` : valueText(unit, site);
}

export interface Edit {
  file: number;
  start: number;
  end: number;
  text: string;
}

/** `text` with the edits applied; they must not overlap. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The unit with each template's edits applied and text appended to the templates it names. */
export function editUnit(unit: Unit, edits: readonly Edit[], append: ReadonlyMap<number, string> = new Map()): Unit {
  return {
    ...unit,
    templates: unit.templates.map((f, i) => {
      const mine = edits.filter((e) => e.file === i);
      const tail = append.get(i);
      if (mine.length === 0 && tail === undefined) return f;
      let text = applyEdits(f.text, mine);
      if (tail !== undefined) text = `${text.endsWith("\n") ? text : `${text}\n`}\n${tail}`;
      return { path: f.path, text };
    }),
  };
}

/** Replace a site's value. */
export function replaceValue(site: Site, text: string): Edit {
  return { file: site.file, start: site.attr.expr.range.start.offset, end: site.attr.expr.range.end.offset, text };
}

/** Names for new declarations: `rw_<kind>_<n>`, skipping any the unit's text already holds. */
export function namer(unit: Unit, kind: string): () => string {
  const all = [...unit.templates, ...unit.varFiles].map((f) => f.text).join("\n");
  let n = 0;
  return () => {
    let name: string;
    do name = `rw_${kind}_${++n}`;
    while (all.includes(name));
    return name;
  };
}

/** The directory of a path as given (`""` for the working directory). */
export function dirOfPath(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? "" : p.slice(0, i + 1);
}
