/**
 * Rewrites of a template's structure, which Packer does not see:
 * - split-file: a template's builds move to a file of their own beside it; Packer reads every
 *   *.pkr.hcl of a directory as one configuration, and path.root is that directory for both.
 * - reorder-blocks: top-level blocks in reverse order (Packer decodes them by kind, not by place).
 * - rename-source: a source gets a new name, and every reference to it follows (build `sources`,
 *   build-level `source` blocks, only/except entries, and the lists variables, locals, var files
 *   and -var values give them). A source whose references are built by string interpolation, or
 *   a build with a legacy `override` keyed by source, is left alone: its references cannot all
 *   be followed.
 * Each block keeps the comments before it and on its last line, so suppressions stay with it.
 */
import { staticValue, walkExpressions, type Block, type Body, type Expression } from "../../lib/hcl/ast.ts";
import { parseHcl } from "../../lib/hcl/parser.ts";
import { applyEdits, dirOfPath, editUnit, type Edit, type ParsedTemplate } from "./sites.ts";
import type { TextFile, Unit } from "./unit.ts";
import type { Rewrite } from "./values.ts";

/** A top-level block with the text before it and the rest of its last line. */
interface Segment {
  block: Block;
  text: string;
}

/** The template cut into one segment per top-level block, and what follows the last one. */
function segments(t: ParsedTemplate): { segs: Segment[]; tail: string } {
  const text = t.file.text;
  const segs: Segment[] = [];
  let from = 0;
  for (const block of t.body.blocks) {
    const nl = text.indexOf("\n", block.range.end.offset);
    const to = nl < 0 ? text.length : nl + 1;
    segs.push({ block, text: text.slice(from, to) });
    from = to;
  }
  const withNewline = (s: string): string => (s.endsWith("\n") ? s : `${s}\n`);
  return { segs: segs.map((s) => ({ ...s, text: withNewline(s.text) })), tail: text.slice(from) };
}

function replaceTemplate(unit: Unit, index: number, files: TextFile[]): Unit {
  return { ...unit, templates: [...unit.templates.slice(0, index), ...files, ...unit.templates.slice(index + 1)] };
}

const splitFile: Rewrite<number> = {
  kind: "split-file",
  targets: (_unit, parsed) =>
    parsed.flatMap((t, i) =>
      t.body.blocks.some((b) => b.type === "build") && t.body.blocks.some((b) => b.type !== "build") ? [{ where: t.file.path, data: i }] : [],
    ),
  apply: (unit, parsed, targets) => {
    let out = unit;
    // From the last template back, so earlier indexes stay valid.
    for (const i of [...targets].sort((a, b) => b - a)) {
      const t = parsed[i]!;
      const { segs, tail } = segments(t);
      const stem = t.file.path.slice(dirOfPath(t.file.path).length).replace(/\.pkr\.hcl$/, "");
      const dir = dirOfPath(t.file.path);
      const decl =
        segs
          .filter((s) => s.block.type !== "build")
          .map((s) => s.text)
          .join("") + tail;
      const builds = segs
        .filter((s) => s.block.type === "build")
        .map((s) => s.text)
        .join("");
      out = replaceTemplate(out, i, [
        { path: `${dir}${stem}-decl.pkr.hcl`, text: decl },
        { path: `${dir}${stem}-build.pkr.hcl`, text: builds },
      ]);
    }
    return out;
  },
};

const reorderBlocks: Rewrite<number> = {
  kind: "reorder-blocks",
  targets: (_unit, parsed) => parsed.flatMap((t, i) => (t.body.blocks.length > 1 ? [{ where: t.file.path, data: i }] : [])),
  apply: (unit, parsed, targets) => ({
    ...unit,
    templates: unit.templates.map((f, i) => {
      if (!targets.includes(i)) return f;
      const { segs, tail } = segments(parsed[i]!);
      return {
        path: f.path,
        text:
          [...segs]
            .reverse()
            .map((s) => s.text)
            .join("") + tail,
      };
    }),
  }),
};

interface SourceRef {
  type: string;
  name: string;
}

function literalString(e: Expression): string | undefined {
  if (e.kind !== "Template" || e.heredoc !== null) return undefined;
  let s = "";
  for (const p of e.parts) {
    if (p.kind !== "TemplateLiteral") return undefined;
    s += p.value;
  }
  return s;
}

/** Every attribute of a body and its nested blocks, with the name of the attribute. */
function* attributes(body: Body): Generator<{ name: string; expr: Expression }> {
  for (const item of body.items) {
    if (item.kind === "Attribute") yield { name: item.name, expr: item.expr };
    else yield* attributes(item.body);
  }
}

const REFERENCING = new Set(["only", "except", "sources"]);

/** The declarations of variables (their defaults) and locals, by `var.NAME` / `local.NAME`. */
function declarations(parsed: readonly ParsedTemplate[]): Map<string, Expression> {
  const out = new Map<string, Expression>();
  for (const t of parsed)
    for (const b of t.body.blocks) {
      if (b.type === "variable" && b.labels[0]) {
        const d = b.body.attributes.find((a) => a.name === "default");
        if (d) out.set(`var.${b.labels[0].value}`, d.expr);
      } else if (b.type === "locals") for (const a of b.body.attributes) out.set(`local.${a.name}`, a.expr);
      else if (b.type === "local" && b.labels[0]) {
        const e = b.body.attributes.find((a) => a.name === "expression");
        if (e) out.set(`local.${b.labels[0].value}`, e.expr);
      }
    }
  return out;
}

/**
 * Whether every source reference can be followed: each only/except/sources value is a literal,
 * or names a variable or local whose value is one (var files and -var values that set such a
 * variable are renamed too); no legacy `override` is keyed by source names.
 */
function renameable(parsed: readonly ParsedTemplate[]): boolean {
  const decls = declarations(parsed);
  for (const t of parsed) {
    for (const { name, expr } of attributes(t.body)) {
      if (name === "override") return false;
      if ((!REFERENCING.has(name) && name !== "labels") || staticValue(expr) !== undefined) continue;
      if (expr.kind !== "ScopeTraversal" || expr.steps.length !== 1 || expr.steps[0]!.kind !== "GetAttrStep") return false;
      const decl = decls.get(`${expr.root}.${expr.steps[0]!.name}`);
      if (!decl || staticValue(decl) === undefined) return false;
    }
  }
  return true;
}

/** A source reference as Packer reads one from `sources` or a build-level source label (hcl2template sourceRefFromString). */
function refOf(s: string): SourceRef | undefined {
  const parts = s.split(".");
  if (parts.length < 2) return undefined;
  const [type, name] = parts.length > 2 ? parts.slice(1) : parts;
  return { type: type!, name: name! };
}

/** `s` naming the renamed source, keeping its prefix, or undefined when it does not name `ref`. */
function renamed(s: string, ref: SourceRef, to: string, asOnly: boolean): string | undefined {
  if (asOnly) return s === `${ref.type}.${ref.name}` ? `${ref.type}.${to}` : undefined;
  const r = refOf(s);
  if (!r || r.type !== ref.type || r.name !== ref.name) return undefined;
  const parts = s.split(".");
  parts[parts.length > 2 ? 2 : 1] = to;
  return parts.join(".");
}

/** Edits renaming `ref` in one parsed HCL body (a template or a var file). */
function renameEdits(body: Body, file: number, ref: SourceRef, to: string, inTemplate: boolean): Edit[] {
  const edits: Edit[] = [];
  const strings = (expr: Expression, kinds: { sources: boolean; only: boolean }) =>
    walkExpressions(expr, (e) => {
      const v = literalString(e);
      if (v === undefined) return;
      const r = (kinds.sources ? renamed(v, ref, to, false) : undefined) ?? (kinds.only ? renamed(v, ref, to, true) : undefined);
      if (r !== undefined) edits.push({ file, start: e.range.start.offset, end: e.range.end.offset, text: JSON.stringify(r) });
    });
  // `dynamic` is the label of the enclosing dynamic block: a dynamic "source" in a build names
  // its sources in `labels`.
  const visit = (b: Body, top: string | undefined, dynamic?: string) => {
    for (const item of b.items) {
      if (item.kind === "Attribute") {
        // Values that feed only/except/sources: variable defaults, locals, var files.
        const feeds = !inTemplate || top === "variable" || top === "locals" || top === "local";
        const sources = item.name === "sources" || (item.name === "labels" && dynamic === "source");
        strings(item.expr, { sources: feeds || sources, only: feeds || item.name === "only" || item.name === "except" });
        continue;
      }
      if (!inTemplate) continue;
      if (top === undefined && item.type === "source" && item.labels.length === 2 && item.labels[0]!.value === ref.type && item.labels[1]!.value === ref.name) {
        const l = item.labels[1]!;
        edits.push({ file, start: l.range.start.offset, end: l.range.end.offset, text: JSON.stringify(to) });
      }
      const label = item.labels[0];
      const r = top === "build" && item.type === "source" && item.labels.length === 1 && label ? renamed(label.value, ref, to, false) : undefined;
      if (r !== undefined) edits.push({ file, start: label!.range.start.offset, end: label!.range.end.offset, text: JSON.stringify(r) });
      visit(item.body, top ?? item.type, item.type === "dynamic" ? item.labels[0]?.value : undefined);
    }
  };
  visit(body, undefined);
  return edits;
}

const renameSource: Rewrite<SourceRef> = {
  kind: "rename-source",
  targets: (_unit, parsed) => {
    if (!renameable(parsed)) return [];
    return parsed.flatMap((t) =>
      t.body.blocks
        .filter((b) => b.type === "source" && b.labels.length === 2)
        .map((b) => ({ where: `source.${b.labels[0]!.value}.${b.labels[1]!.value}`, data: { type: b.labels[0]!.value, name: b.labels[1]!.value } })),
    );
  },
  apply: (unit, parsed, targets) => {
    let out = unit;
    for (const ref of targets) {
      const taken = new Set(parsed.flatMap((t) => t.body.blocks.filter((b) => b.type === "source").map((b) => b.labels.map((l) => l.value).join("."))));
      let to = `${ref.name}rw`;
      while (taken.has(`${ref.type}.${to}`)) to += "x";
      const current = out;
      const edits = current.templates.flatMap((f, i) => renameEdits(parseHcl(f.text, f.path).body, i, ref, to, true));
      const varFiles = current.varFiles.map((f) => ({ path: f.path, text: applyEdits(f.text, renameEdits(parseHcl(f.text, f.path).body, 0, ref, to, false)) }));
      // A -var value that lists sources is HCL: its quoted references are renamed like a var file's.
      const vars = current.vars.map((v) => ({
        name: v.name,
        value: v.value.replace(/"([^"\\]*)"/g, (m: string, inner: string) => {
          const r = renamed(inner, ref, to, false) ?? renamed(inner, ref, to, true);
          return r === undefined ? m : JSON.stringify(r);
        }),
      }));
      out = { ...editUnit(current, edits), varFiles, vars };
    }
    return out;
  },
};

export const STRUCTURE_REWRITES: ReadonlyArray<Rewrite<number> | Rewrite<SourceRef>> = [splitFile, reorderBlocks, renameSource];
