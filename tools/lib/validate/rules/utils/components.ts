/**
 * What the component schema table (schemas/data/, generated from the plugins' `*.hcl2spec.go`)
 * says about the components a template uses: which plugin and release provide a type, and the
 * arguments and blocks its body may hold, with their types.
 *
 * A plugin's table is parsed only when a template uses one of its types, and once per process.
 * A type is judged only when the table covers the plugin that would provide it; a plugin the
 * template takes from another source (a fork), or at versions the table does not hold, is left
 * alone (`uncovered`).
 */
import { constraintAllows, compareVersions, normalizeSource, parseVersion } from "../../../plugins.ts";
import { getAttribute, staticValue, type Attribute, type Block, type Body, type Pos } from "../../../hcl/ast.ts";
import { PLUGINS } from "../../schemas/data/index.ts";
import { wholeDef } from "../../schemas/whole.ts";
import { readSchema } from "../../schemas/read.ts";
import type { ParsedFile, RuleContext } from "../../types.ts";
import { hclSuggest } from "../../util.ts";
import { tryEvaluate, tryEvaluatePartial } from "../../model/values.ts";
import { conversionError, parseTypeString } from "../../model/convert.ts";
import { UNKNOWN } from "../../model/evaluate.ts";

export type ComponentKind = "source" | "data" | "provisioner" | "post-processor";

export interface NestedBlock {
  nesting: "single" | "list" | "set" | "map" | "attrs";
  def?: string;
  labels?: string[];
  /** For `attrs` nesting: the type of every attribute of the block. */
  type?: string;
}

export interface BodySchema {
  attrs: Record<string, string>;
  blocks: Record<string, NestedBlock>;
}

interface PluginTable {
  plugin: string;
  source: string;
  repository: string;
  releases: Record<string, Partial<Record<ComponentKind, Record<string, string>>>>;
  defs: Record<string, BodySchema>;
}

export type Lookup =
  | { status: "known"; plugin: string; release: string; body: BodySchema; table: PluginTable; kind: ComponentKind; type: string; older: string[] }
  /** The plugin is covered, at `release`, and has no such component. */
  | { status: "unknown-type"; plugin: string; release: string; candidates: string[]; olderHas?: string }
  /** A type close to a known one that no covered or required plugin provides. */
  | { status: "misspelled"; suggestion: string }
  /** Nothing to say: a plugin outside the table, or a release the table does not hold. */
  | { status: "uncovered"; plugin?: string; why?: string };

/**
 * Plugin names with public releases that the table may not cover: a type that starts with one
 * is never called a misspelling of a covered type.
 */
const OTHER_PLUGINS: ReadonlySet<string> = new Set(
  (
    "alicloud ansible azure chef cloudstack cnspec converge digitalocean docker exoscale git gridscale goss harvester hcloud " +
    "huaweicloud hyperone hyperv incus inspec ionos jdcloud kubevirt libvirt linode lxc lxd ncloud nutanix oneandone openstack " +
    "oracle outscale parallels profitbricks proxmox puppet qemu salt scaleway sshkey tart tencentcloud triton ucloud upcloud " +
    "vagrant virtualbox vmware vsphere vultr windows yandex"
  ).split(" "),
);

const parsed = new Map<string, PluginTable>();

/** A plugin's table as its data file holds it: defs of older releases stay changes until used. */
function table(plugin: string): PluginTable {
  let t = parsed.get(plugin);
  if (!t) {
    t = JSON.parse(readSchema(plugin)) as PluginTable;
    parsed.set(plugin, t);
  }
  return t;
}

/** A def of the table, whole (made whole the first time it is used). */
function defOf(t: PluginTable, name: string): BodySchema | undefined {
  const d = wholeDef(t.defs, name);
  if (d) t.defs[name] = d;
  return d;
}

/** The covered plugin whose name prefixes `type` (`amazon` for `amazon-ebs`), longest first. */
function pluginByPrefix(type: string): string | undefined {
  let best: string | undefined;
  for (const p of Object.keys(PLUGINS)) {
    if (p === "packer") continue;
    if ((type === p || type.startsWith(`${p}-`)) && (best === undefined || p.length > best.length)) best = p;
  }
  return best;
}

function newestRelease(plugin: string): string {
  const releases = [...PLUGINS[plugin]!.releases];
  releases.sort((a, b) => compareVersions(parseVersion(b)!, parseVersion(a)!));
  return releases[0]!;
}

interface PluginChoice {
  release?: string;
  /** The other releases in the table the constraints allow, newest first. */
  older?: string[];
  /** Why the table is not used for this plugin in this template. */
  why?: string;
}

/** The table's release for a covered plugin, as the template's required_plugins or the pins allow. */
export function pluginRelease(ctx: RuleContext, plugin: string): PluginChoice {
  const key = `components:release:${plugin}`;
  const memo = ctx.memo.get(key) as PluginChoice | undefined;
  if (memo) return memo;
  const choice = chooseRelease(ctx, plugin);
  ctx.memo.set(key, choice);
  return choice;
}

function chooseRelease(ctx: RuleContext, plugin: string): PluginChoice {
  const info = PLUGINS[plugin]!;
  if (plugin === "packer") return { release: newestRelease(plugin) };
  const ours = normalizeSource(info.source);
  const constraints: string[] = [];
  for (const { fields } of ctx.requiredPlugins) {
    const source = fields.get("source");
    const s = source ? staticValue(source) : undefined;
    if (typeof s !== "string") continue;
    const src = normalizeSource(s);
    const name = src
      .split("/")
      .pop()!
      .replace(/^packer-plugin-/, "");
    if (name !== plugin) continue;
    // A plugin that moved (vmware, parallels, …) still installs from its former source.
    const aliases = (info.aliases ?? []).map(normalizeSource);
    if (src !== ours && !aliases.includes(src)) return { why: `${plugin} comes from ${src} here; the schema table covers ${ours}` };
    const v = fields.get("version");
    const c = v ? staticValue(v) : undefined;
    if (typeof c === "string" && c.trim() !== "") constraints.push(c);
  }
  const pinned = [ours, ...(info.aliases ?? []).map(normalizeSource)].map((src) => ctx.options.pluginPins?.get(src)).find((v) => v !== undefined);
  if (pinned !== undefined) constraints.push(`= ${pinned}`);
  const releases = [...info.releases].sort((a, b) => compareVersions(parseVersion(b)!, parseVersion(a)!));
  const allowed = releases.filter((r) => constraints.every((c) => constraintAllows(c, r) !== false));
  if (allowed.length > 0) return { release: allowed[0]!, older: allowed.slice(1) };
  return {
    why: `the schema table holds ${plugin} ${releases.join(", ")}, which ${constraints.map((c) => `"${c}"`).join(" and ")} does not allow`,
  };
}

function componentsOf(plugin: string, release: string, kind: ComponentKind): Record<string, string> {
  return table(plugin).releases[release]?.[kind] ?? {};
}

/** Every type of `kind` the table knows (newest releases), for suggestions. */
export function knownTypes(kind: ComponentKind): string[] {
  const out: string[] = [];
  for (const info of Object.values(PLUGINS)) out.push(...(info.components[kind] ?? []));
  return out;
}

/** Plugin names the template's required_plugins entries declare (by key and by source name). */
function requiredNames(ctx: RuleContext): Set<string> {
  const key = "components:required";
  const memo = ctx.memo.get(key) as Set<string> | undefined;
  if (memo) return memo;
  const names = new Set<string>();
  for (const { attr, fields } of ctx.requiredPlugins) {
    names.add(attr.name);
    const source = fields.get("source");
    const s = source ? staticValue(source) : undefined;
    if (typeof s === "string")
      names.add(
        normalizeSource(s)
          .split("/")
          .pop()!
          .replace(/^packer-plugin-/, ""),
      );
  }
  ctx.memo.set(key, names);
  return names;
}

/** Whether a required_plugins entry (other than the covered plugin's) may provide `type`. */
function requiredProvides(ctx: RuleContext, type: string): boolean {
  for (const n of requiredNames(ctx)) if (type === n || type.startsWith(`${n}-`)) return true;
  return false;
}

/** What the table says of a component type, in this template. */
export function lookupComponent(ctx: RuleContext, kind: ComponentKind, type: string): Lookup {
  const key = `components:lookup:${kind}:${type}`;
  const memo = ctx.memo.get(key) as Lookup | undefined;
  if (memo) return memo;
  const result = lookup(ctx, kind, type);
  ctx.memo.set(key, result);
  return result;
}

function lookup(ctx: RuleContext, kind: ComponentKind, type: string): Lookup {
  const core = PLUGINS["packer"];
  if (core?.components[kind]?.includes(type)) {
    const release = pluginRelease(ctx, "packer").release!;
    const t = table("packer");
    const def = componentsOf("packer", release, kind)[type];
    const body = def ? defOf(t, def) : undefined;
    if (body) return { status: "known", plugin: "packer", release, body, table: t, kind, type, older: [] };
  }
  const plugin = pluginByPrefix(type);
  if (plugin) {
    const choice = pluginRelease(ctx, plugin);
    if (!choice.release) return { status: "uncovered", plugin, why: choice.why! };
    const t = table(plugin);
    const comps = componentsOf(plugin, choice.release, kind);
    const def = comps[type];
    const body = def ? defOf(t, def) : undefined;
    if (body) {
      return { status: "known", plugin, release: choice.release, body, table: t, kind, type, older: choice.older ?? [] };
    }
    // A plugin the template requires whose longer name also prefixes the type (a plugin named "amazon-foo").
    for (const n of requiredNames(ctx)) {
      if (n.length > plugin.length && (type === n || type.startsWith(`${n}-`))) return { status: "uncovered" };
    }
    const olderHas = (choice.older ?? []).find((r) => Object.hasOwn(componentsOf(plugin, r, kind), type));
    return { status: "unknown-type", plugin, release: choice.release, candidates: Object.keys(comps), ...(olderHas ? { olderHas } : {}) };
  }
  if (requiredProvides(ctx, type)) return { status: "uncovered" };
  if (core?.components[kind]?.includes(type)) return { status: "uncovered" };
  // A plugin the table does not cover may register this very name (lxd next to lxc).
  if (OTHER_PLUGINS.has(type.split("-")[0]!)) return { status: "uncovered" };
  const suggestion = hclSuggest(type, knownTypes(kind));
  return suggestion ? { status: "misspelled", suggestion } : { status: "uncovered" };
}

/** The body schema of a nested block, or undefined for `attrs` blocks and unknown defs. */
export function nestedBody(t: PluginTable, nb: NestedBlock): BodySchema | undefined {
  return nb.def ? defOf(t, nb.def) : undefined;
}

export type { PluginTable };

/** Arguments Packer itself reads from a provisioner block before the plugin sees the rest. */
export const PROVISIONER_META = ["name", "pause_before", "max_retries", "timeout", "continue_on_error", "only", "except", "override"];
/** Arguments Packer itself reads from a post-processor block. */
export const POST_PROCESSOR_META = ["name", "only", "except", "keep_input_artifact"];

/** One block of a template that configures a component, with what Packer reads off it first. */
export interface ComponentBlock {
  file: ParsedFile;
  kind: ComponentKind;
  type: string;
  /** Where the type is written (the label). */
  at: Pos;
  block: Block;
  /** Arguments Packer takes from the block itself; the plugin never sees them. */
  meta: readonly string[];
}

/** Every source, data, provisioner and post-processor block of the templates, in file order. */
export function componentBlocks(ctx: RuleContext): ComponentBlock[] {
  const memo = ctx.memo.get("components:blocks") as ComponentBlock[] | undefined;
  if (memo) return memo;
  const out: ComponentBlock[] = [];
  const add = (file: ParsedFile, kind: ComponentKind, block: Block, type: string | undefined, meta: readonly string[]): void => {
    const label = block.labels[0];
    if (label && type) out.push({ file, kind, type, at: label.range.start, block, meta });
  };
  for (const file of ctx.templates) {
    for (const b of file.body.blocks) {
      if (b.type === "source" && b.labels.length === 2) add(file, "source", b, b.labels[0]!.value, []);
      if (b.type === "data" && b.labels.length === 2) add(file, "data", b, b.labels[0]!.value, []);
      if (b.type !== "build") continue;
      for (const c of b.body.blocks) {
        if (c.type === "source" && c.labels.length === 1) {
          // `source "source.TYPE.NAME" { … }` adds arguments to a defined source.
          const parts = c.labels[0]!.value.split(".");
          const type = parts.length === 3 && parts[0] === "source" ? parts[1] : parts.length === 2 ? parts[0] : undefined;
          add(file, "source", c, type, ["name"]);
        }
        if ((c.type === "provisioner" || c.type === "error-cleanup-provisioner") && c.labels.length === 1) {
          add(file, "provisioner", c, c.labels[0]!.value, PROVISIONER_META);
        }
        if (c.type === "post-processor" && c.labels.length === 1) add(file, "post-processor", c, c.labels[0]!.value, POST_PROCESSOR_META);
        if (c.type === "post-processors") {
          for (const pp of c.body.blocks) {
            if (pp.type === "post-processor" && pp.labels.length === 1) add(file, "post-processor", pp, pp.labels[0]!.value, POST_PROCESSOR_META);
          }
        }
      }
    }
  }
  ctx.memo.set("components:blocks", out);
  return out;
}

/**
 * Whether the text under a `dynamic` block reaches Packer's decoder: "no" outside dynamic blocks
 * (it always does), "yes" when every enclosing `for_each` is known and not empty, "maybe" when
 * one is empty or not known here (an empty one generates no block, so Packer never sees it).
 */
export type Generated = "no" | "yes" | "maybe";

/**
 * Walk a component body along its schema: `visit` gets every attribute and block with what the
 * schema says of it (undefined: not in the schema). Dynamic blocks are checked as the blocks they
 * generate; their own arguments (for_each, iterator, labels) belong to Packer.
 */
export interface BodyVisitor {
  /** `path`: the names of the nested blocks around it, outermost first. */
  attribute(attr: Attribute, schema: BodySchema, type: string | undefined, dynamic: Generated, path: readonly string[]): void;
  block(
    block: Block,
    parent: Body,
    schema: BodySchema,
    nested: NestedBlock | undefined,
    at: Pos,
    name: string,
    dynamic: Generated,
    path: readonly string[],
  ): void;
}

function generates(ctx: RuleContext, dynamic: Block, outer: Generated): Generated {
  if (outer === "maybe") return "maybe";
  const forEach = getAttribute(dynamic.body, "for_each");
  const v = forEach ? tryEvaluatePartial(ctx, forEach.expr) : undefined;
  const nonEmpty = Array.isArray(v) ? v.length > 0 : v !== null && typeof v === "object" ? Object.keys(v).length > 0 : false;
  return nonEmpty ? "yes" : "maybe";
}

export function walkBody(
  ctx: RuleContext,
  table: PluginTable,
  body: Body,
  schema: BodySchema,
  meta: readonly string[],
  v: BodyVisitor,
  outer: Generated = "no",
  path: readonly string[] = [],
): void {
  for (const a of body.attributes) {
    if (meta.includes(a.name)) continue;
    v.attribute(a, schema, Object.hasOwn(schema.attrs, a.name) ? schema.attrs[a.name] : undefined, outer, path);
  }
  for (const b of body.blocks) {
    let name = b.type;
    let at = b.typeRange.start;
    let content: Body | undefined = b.body;
    let dyn = outer;
    if (b.type === "dynamic" && b.labels[0] && !Object.hasOwn(schema.blocks, "dynamic")) {
      name = b.labels[0].value;
      at = b.labels[0].range.start;
      content = b.body.blocks.find((x) => x.type === "content")?.body;
      dyn = generates(ctx, b, outer);
    }
    const nested = Object.hasOwn(schema.blocks, name) ? schema.blocks[name] : undefined;
    v.block(b, body, schema, nested, at, name, dyn, path);
    if (!nested || !content) continue;
    if (nested.nesting === "attrs") {
      for (const a of content.attributes) v.attribute(a, schema, nested.type, dyn, [...path, name]);
      continue;
    }
    const inner = nestedBody(table, nested);
    if (inner) walkBody(ctx, table, content, inner, [], v, dyn, [...path, name]);
  }
}

/**
 * The newest of the other releases the template's constraint allows in which the component has
 * `name` (an argument, or a block when `block`) under the nested blocks `path`: the template works
 * with that release, only not with the newest, which `packer init` installs.
 */
export function olderReleaseWith(found: Extract<Lookup, { status: "known" }>, path: readonly string[], name: string, block: boolean): string | undefined {
  for (const release of found.older) {
    const def = componentsOf(found.plugin, release, found.kind)[found.type];
    let body = def ? defOf(found.table, def) : undefined;
    for (const step of path) {
      const nb = body && Object.hasOwn(body.blocks, step) ? body.blocks[step] : undefined;
      body = nb ? nestedBody(found.table, nb) : undefined;
    }
    if (body && (block ? Object.hasOwn(body.blocks, name) : Object.hasOwn(body.attrs, name))) return release;
  }
  return undefined;
}

/**
 * Whether Packer fails to decode a component body (before it ever reaches the component's own
 * checks): an argument or block the schema does not have, a single block written twice, or a
 * value that does not convert to its argument's type. What CMP-02 and CMP-03 report; a name
 * under a dynamic block that may generate nothing counts too (Packer may fail on it). Values
 * not known here never count.
 */
export function decodeFails(ctx: RuleContext, found: Extract<Lookup, { status: "known" }>, body: Body, meta: readonly string[]): boolean {
  const key = `components:decode:${found.kind}:${found.type}`;
  let memo = ctx.memo.get(key) as Map<Body, boolean> | undefined;
  if (!memo) ctx.memo.set(key, (memo = new Map()));
  const done = memo.get(body);
  if (done !== undefined) return done;
  let fails = false;
  const singles = new Map<Body, Set<string>>();
  walkBody(ctx, found.table, body, found.body, meta, {
    attribute(attr, _schema, type, dynamic) {
      if (type === undefined) fails = true;
      if (fails || type === undefined || dynamic !== "no") return;
      const t = parseTypeString(type);
      if (!t || t.k === "any") return;
      const v = tryEvaluate(ctx, attr.expr);
      if (v !== UNKNOWN && conversionError(v, t)) fails = true;
    },
    block(block, parent, _schema, nested, _at, name) {
      if (!nested) {
        fails = true;
        return;
      }
      if (nested.nesting !== "single" || block.type === "dynamic") return;
      let seen = singles.get(parent);
      if (!seen) singles.set(parent, (seen = new Set()));
      if (seen.has(name)) fails = true;
      seen.add(name);
    },
  });
  memo.set(body, fails);
  return fails;
}
