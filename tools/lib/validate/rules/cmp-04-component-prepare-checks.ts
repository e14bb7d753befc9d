/**
 * CMP-04: the components' own checks (`Prepare()` of builders and provisioners, `Configure()` of
 * post-processors and data sources, and the SDK configs they embed), run by one engine from the
 * check tables in ../checks/data/ (see ../checks/README.md). This module only finds what Packer
 * prepares, as Packer merges it, and hands each to the engine.
 */
import { getAttribute, type Block, type Body } from "../../hcl/ast.ts";
import { runsFor } from "../model/context.ts";
import { allHold, blockScope, checkScope, scopeOf, scopesAt, type Scope } from "../checks/engine.ts";
import { checkTable, resolveGroup, type GroupRef } from "../checks/table.ts";
import { decodeFails, lookupComponent, POST_PROCESSOR_META, PROVISIONER_META, type ComponentKind, type Lookup } from "./utils/components.ts";
import type { BuildDecl, ParsedFile, Report, Rule, RuleContext } from "../types.ts";

export type Known = Extract<Lookup, { status: "known" }>;

/** One thing Packer prepares: a component with the bodies that configure it, in merge order. */
interface Prepared {
  kind: ComponentKind;
  type: string;
  bodies: Array<{ body: Body; file: ParsedFile }>;
  header: { file: ParsedFile; at: Block["typeRange"]["start"] };
  meta: readonly string[];
  /** Said of findings on a source no build uses (a warning: Packer prepares only what a build uses). */
  unused?: boolean;
}

/** Sources as each build uses them (the definition merged with the build-level block), and sources no build uses. */
function sources(ctx: RuleContext): Prepared[] {
  const out: Prepared[] = [];
  const used = new Set<Block>();
  for (const b of ctx.builds) {
    for (const u of b.uses) {
      if (!u.decl) continue;
      used.add(u.decl.block);
      const bodies = [{ body: u.decl.block.body, file: u.decl.file }];
      if (u.block) {
        // A build-level block that re-sets an argument fails to merge (SRC-03): Packer stops there.
        const again = u.block.body.attributes.some((a) => a.name !== "name" && getAttribute(u.decl!.block.body, a.name));
        if (again) continue;
        bodies.push({ body: u.block.body, file: u.file });
      }
      out.push({ kind: "source", type: u.type, bodies, header: { file: u.decl.file, at: u.decl.block.labels[0]!.range.start }, meta: ["name"] });
    }
  }
  for (const [, decls] of ctx.sources) {
    const d = decls[0]!;
    if (used.has(d.block)) continue;
    out.push({
      kind: "source",
      type: d.type,
      bodies: [{ body: d.block.body, file: d.file }],
      header: { file: d.file, at: d.block.labels[0]!.range.start },
      meta: [],
      unused: true,
    });
  }
  return out;
}

/**
 * Whether Packer certainly prepares a provisioner or post-processor of a build: one without
 * only/except, or one whose only/except (computed as Packer computes them) lets a source through.
 * Where that is not known before the build, the block may never be prepared, and is not checked.
 */
function prepared(ctx: RuleContext, b: BuildDecl, block: Block): boolean {
  if (!getAttribute(block.body, "only") && !getAttribute(block.body, "except")) return true;
  if (b.sourcesUnknown) return false;
  return b.uses.some((u) => runsFor(block, u, ctx) === true);
}

function others(ctx: RuleContext): Prepared[] {
  const out: Prepared[] = [];
  for (const [, decls] of ctx.data) {
    for (const d of decls) {
      out.push({
        kind: "data",
        type: d.type,
        bodies: [{ body: d.block.body, file: d.file }],
        header: { file: d.file, at: d.block.labels[0]!.range.start },
        meta: [],
      });
    }
  }
  for (const b of ctx.builds) {
    const add = (kind: ComponentKind, block: Block, meta: readonly string[]): void => {
      const label = block.labels[0];
      // A provisioner with `override` is prepared once per source with different arguments: not judged here.
      if (!label || !prepared(ctx, b, block) || getAttribute(block.body, "override")) return;
      out.push({ kind, type: label.value, bodies: [{ body: block.body, file: b.file }], header: { file: b.file, at: label.range.start }, meta });
    };
    for (const p of b.provisioners) add("provisioner", p, PROVISIONER_META);
    for (const p of b.postProcessors) add("post-processor", p, POST_PROCESSOR_META);
  }
  return out;
}

/** The groups that apply to a component, from its table (none for a release the table was not read from). */
function groupsOf(found: Known): Array<{ table: string; ref: GroupRef }> | undefined {
  const table = checkTable(found.plugin);
  if (!table || (table.releases && !table.releases.includes(found.release))) return undefined;
  const refs = table.components[`${found.kind} ${found.type}`];
  return refs?.map((ref) => ({ table: found.plugin, ref }));
}

/** How a run picks the groups of a component (tests give others), and where it notes the entries that fired. */
export interface CheckOptions {
  groups?: (found: Known) => Array<{ table: string; ref: GroupRef }> | undefined;
  /** Gets `table:group:id` of every entry that reported. */
  fired?: Set<string>;
}

/** The scopes a group applies to: the component's body (with the ref's defaults), or each block at its `at`; none when its `when` does not hold. */
function scopesFor(ctx: RuleContext, top: Scope, ref: GroupRef): Scope[] {
  if (typeof ref === "string") return [top];
  const body = ref.defaults ? { ...top, defaults: { ...top.defaults, ...ref.defaults } } : top;
  if (ref.when && !allHold(ctx, body, ref.when)) return [];
  if (ref.at === undefined) return [body];
  // The defaults apply to the enclosing body too: what the blocks' entries read with `../`.
  const scopes = scopesAt(ctx, body, ref.at) ?? [];
  // A single block Go prepares even when it is not written (a struct field, not a pointer).
  if (scopes.length === 0 && ref.always && !ref.at.includes(".") && !top.dynamic.has(ref.at)) {
    const empty = blockScope(ctx, body, ref.at);
    if (empty) scopes.push(empty);
  }
  for (const s of scopes) Object.assign(s.defaults, ref.defaults);
  return scopes;
}

/** The reports of every group on one prepared component (each nested block of an `at` group on its own). */
export function checkPrepared(ctx: RuleContext, p: Prepared, found: Known, opts: CheckOptions = {}): Report[] {
  const fired = opts.fired;
  const groups = (opts.groups ?? groupsOf)(found);
  if (!groups) return [];
  if (p.bodies.some(({ body }) => decodeFails(ctx, found, body, p.meta))) return [];
  const top: Scope = scopeOf(ctx, found.table, found.body, p.header, p.bodies, p.meta);
  const out: Report[] = [];
  for (const { table, ref } of groups) {
    const name = typeof ref === "string" ? ref : ref.group;
    const group = resolveGroup(table, name);
    if (!group) throw new Error(`check table ${table}: no group ${name}`);
    const ids = fired && new Set<string>();
    const skip = typeof ref === "string" ? undefined : ref.except;
    const entries = skip ? group.entries.filter((e) => !skip.includes(e.id)) : group.entries;
    for (const scope of scopesFor(ctx, top, ref)) out.push(...checkScope(ctx, scope, entries, ids));
    for (const id of ids ?? []) fired!.add(`${group.table}:${group.key}:${id}`);
  }
  if (p.unused) {
    for (const r of out) {
      r.severity = "warning";
      r.hint = `${r.hint ? `${r.hint}; ` : ""}a warning: no build uses this source, and Packer checks a source only when a build uses it`;
    }
  }
  return out;
}

/** Every prepared component with its lookup, in template order. */
export function preparedComponents(ctx: RuleContext): Array<{ p: Prepared; found: Known }> {
  const out: Array<{ p: Prepared; found: Known }> = [];
  for (const p of [...sources(ctx), ...others(ctx)]) {
    const found = lookupComponent(ctx, p.kind, p.type);
    if (found.status === "known") out.push({ p, found });
  }
  return out;
}

export const rule: Rule = {
  id: "CMP-04",
  name: "component-prepare-checks",
  severity: "error",
  formerly: ["SRC-04", "SRC-08"],
  docs: {
    summary:
      "The checks components make of their own arguments before a build (their `Prepare`/`Configure`): required arguments, " +
      "arguments that exclude or need each other, allowed values, formats, durations, ranges, files that must exist.",
    why:
      "Packer runs each builder's and provisioner's `Prepare()` and each post-processor's and data source's `Configure()` " +
      'in `packer validate`, and stops on the first component that fails: "An ssh_username must be specified", ' +
      '"either instance_type or spot_instance_types must be specified", "Destination must be specified.". The checks come ' +
      "from a table read from the plugins' pinned sources (tools/lib/validate/checks/), one entry per error path, run by one " +
      "engine; a component whose arguments fail to decode (CMP-02, CMP-03) gets none of them, as Packer never reaches its " +
      "Prepare. Checks that depend on the machine the build runs on (a file outside the template's folder, a credential such as an SSH key) are warnings.",
    fix: "Do what Packer's message asks: add the missing argument, keep one of two that exclude each other, use an allowed value.",
    evidence:
      "Each finding is an error path of the component's own Go code at the plugin release the template gets (the release its " +
      "required_plugins constraint and the Bazel pins allow), cited by file and line in the table and checked against those " +
      "sources by a test; values the validator cannot know (variables without a value, data sources, legacy `{{ }}` templates) " +
      "make the check say nothing.",
  },
  check: (ctx) => checkAll(ctx),
};

/** Every finding of the components' own checks, each once (a source two builds use is prepared twice). */
export function checkAll(ctx: RuleContext, opts: CheckOptions = {}): Report[] {
  const out: Report[] = [];
  const seen = new Set<string>();
  for (const { p, found } of preparedComponents(ctx)) {
    for (const r of checkPrepared(ctx, p, found, opts)) {
      const file = typeof r.file === "string" ? r.file : r.file.path;
      const key = `${file}:${r.at?.line}:${r.at?.column}:${r.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}
