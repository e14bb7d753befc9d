/**
 * Builds the rule context every rule reads: the template model of the build's files, the
 * values supplied from outside, the builds with their sources, and every expression site.
 */
import { getAttribute, staticValue, traversalAttrNames, type Attribute, type Block, type Body, type Range } from "../../hcl/ast.ts";
import { cacheBustVariable, jsonKeyPos, readTemplates, staticString, suppliedValues } from "../../template/model.ts";
import type { BuildDecl, ExprSite, FileSystem, Options, ParseFn, ParsedFile, RuleContext, SourceUse } from "../types.ts";
import { tryEvaluatePartial } from "./values.ts";
import { UNKNOWN } from "./cty.ts";

const stringValue = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Parse a source reference (`type.name` or `source.type.name`) as Packer's sourceRefFromString does. */
export function parseSourceRef(raw: string): { type: string; name: string; valid: boolean } {
  let parts = raw.split(".");
  if (parts.length < 2) return { type: "", name: "", valid: false };
  if (parts.length > 2) parts = parts.slice(1);
  const ident = /^[A-Za-z_][A-Za-z0-9_-]*$/;
  const type = parts[0]!;
  const name = parts[1]!;
  return { type, name, valid: ident.test(type) && ident.test(name) };
}

/**
 * The name a `dynamic` block binds in its `labels` and `content`: the `iterator` (a bare
 * name; a string is tolerated) or, without one, the block's label.
 */
function dynamicIterator(block: Block): string | undefined {
  const it = getAttribute(block.body, "iterator");
  if (it) {
    const s = staticString(it.expr);
    if (s !== undefined) return s;
    if (it.expr.kind === "ScopeTraversal" && it.expr.steps.length === 0) return it.expr.root;
  }
  return block.labels[0]?.value;
}

function collectSites(file: ParsedFile, body: Body, blocks: Block[], bound: ReadonlySet<string>, out: ExprSite[]): void {
  const top = blocks[0];
  const parent = blocks[blocks.length - 1];
  // In a dynamic block, `for_each` is evaluated outside the iteration, `iterator` is a name
  // (not an expression), and `labels` and `content` see the iterator.
  let inner = bound;
  const dynamic = parent !== undefined && parent.type === "dynamic";
  if (dynamic) {
    const name = dynamicIterator(parent);
    if (name) inner = new Set([...bound, name]);
  }
  for (const attr of body.attributes) {
    if (dynamic && attr.name === "iterator") continue;
    const isVar = parent !== undefined && parent.type === "variable" && blocks.length === 1;
    out.push({
      file,
      attr,
      blocks,
      bound: dynamic && attr.name !== "for_each" ? inner : bound,
      isType: isVar && attr.name === "type",
      // Packer evaluates `default` of a variable block and every attribute of a legacy
      // `variables {}` block with env() only; validation blocks are not defaults.
      inVariableDefault: (isVar && attr.name === "default") || (top !== undefined && top.type === "variables" && blocks.length === 1),
    });
  }
  for (const b of body.blocks) collectSites(file, b.body, [...blocks, b], inner, out);
}

/**
 * The rule context: the template model (read once, see template/model.ts), the values
 * supplied from outside, the builds with their sources resolved, and every expression site.
 */
export function buildContext(templates: ParsedFile[], varFiles: ParsedFile[], options: Options, fs: FileSystem, parse: ParseFn): RuleContext {
  const ctx: RuleContext = {
    ...readTemplates(templates),
    parse,
    varFiles,
    builds: [],
    sites: [],
    supplied: new Map(),
    options,
    fs,
    scripts: new Map(),
    memo: new Map(),
  };
  for (const file of templates) collectSites(file, file.body, [], new Set(), ctx.sites);
  // Supplied values first: a build's `sources` may be an expression over variables.
  collectSupplied(ctx);
  for (const { file, block } of ctx.buildBlocks) ctx.builds.push(buildDecl(ctx, file, block));
  return ctx;
}

function buildDecl(ctx: RuleContext, file: ParsedFile, block: Block): BuildDecl {
  const uses: SourceUse[] = [];
  let sourcesUnknown = false;
  // A reference as written (`source.TYPE.NAME`), where it is, and what it names.
  const use = (raw: string, range: Range, extra: Pick<SourceUse, "localName" | "nameUnknown" | "block"> = {}): SourceUse => {
    const ref = parseSourceRef(raw);
    return { raw, type: ref.type, name: ref.name, ...extra, file, range, valid: ref.valid, decl: ctx.sources.get(`${ref.type}.${ref.name}`)?.[0] };
  };
  const sourcesAttr = getAttribute(block.body, "sources");
  if (sourcesAttr) {
    // Packer evaluates `sources` with variables and locals in scope: a list literal, or an
    // expression (`sources = var.sources_enabled`) whose value stands for every item.
    let items: Array<{ raw: string | undefined; range: Range }> = [];
    if (sourcesAttr.expr.kind === "Tuple") {
      items = sourcesAttr.expr.items.map((item) => {
        let raw = staticString(item);
        // An unquoted `source.TYPE.NAME` is a reference too; `var.x` and the like are values.
        if (raw === undefined && item.kind === "ScopeTraversal" && item.root !== "var" && item.root !== "local") {
          raw = [item.root, ...traversalAttrNames(item)].join(".");
        }
        if (raw === undefined) raw = stringValue(tryEvaluatePartial(ctx, item));
        return { raw, range: item.range };
      });
    } else {
      // A computed list: its known items are sources; an unknown item (or list) may be any.
      const v = tryEvaluatePartial(ctx, sourcesAttr.expr);
      if (Array.isArray(v)) items = v.map((x) => ({ raw: typeof x === "string" ? x : undefined, range: sourcesAttr.expr.range }));
      else sourcesUnknown = true;
    }
    for (const { raw, range } of items) {
      if (raw === undefined) {
        sourcesUnknown = true;
        continue;
      }
      uses.push(use(raw, range));
    }
  }
  const provisioners: Block[] = [];
  const postProcessors: Block[] = [];
  for (const b of block.body.blocks) {
    if (b.type === "source" && b.labels[0]) {
      // The build-level name, as Packer computes it (variables and locals in scope).
      const nameAttr = getAttribute(b.body, "name");
      const localName = nameAttr ? tryEvaluatePartial(ctx, nameAttr.expr) : undefined;
      const named = typeof localName === "string" ? { localName } : localName === UNKNOWN ? { nameUnknown: true } : {};
      uses.push(use(b.labels[0].value, b.labels[0].range, { ...named, block: b }));
    } else if (b.type === "dynamic" && b.labels[0]?.value === "source") {
      // Packer expands dynamic blocks in a build's body: each instance is a build-level
      // `source` block of the label given, with the content block's arguments.
      const labels = getAttribute(b.body, "labels")?.expr;
      const raw = labels?.kind === "Tuple" && labels.items.length > 0 ? staticString(labels.items[0]!) : undefined;
      if (raw === undefined) {
        sourcesUnknown = true;
        continue;
      }
      const content = b.body.blocks.find((c) => c.type === "content");
      uses.push(use(raw, labels!.range, content ? { block: content } : {}));
    } else if (b.type === "provisioner" || b.type === "error-cleanup-provisioner") {
      provisioners.push(b);
    } else if (b.type === "post-processor") {
      postProcessors.push(b);
    } else if (b.type === "post-processors") {
      for (const pp of b.body.blocks) if (pp.type === "post-processor") postProcessors.push(pp);
    }
  }
  return { file, block, uses, sourcesUnknown, provisioners, postProcessors };
}

function collectSupplied(ctx: RuleContext): void {
  const bust = cacheBustVariable(ctx.variables, ctx.options.cacheBustVar);
  ctx.supplied = suppliedValues({
    env: ctx.options.env,
    // Var files among the templates load only when auto (VAR-05 warns about the others).
    varFiles: ctx.varFiles.filter((f) => !f.positional || f.auto),
    ...(bust !== undefined && ctx.options.cacheBust !== undefined ? { cacheBust: { name: bust, value: ctx.options.cacheBust } } : {}),
    vars: ctx.options.vars,
    runtime: ctx.options.runtimeVars?.includes("*") ? [...ctx.variables.keys()] : (ctx.options.runtimeVars ?? []),
  });
}

/** Where a key of a JSON var file is written (1-based), or undefined. */
export { jsonKeyPos };

/** Attributes of a source as Packer merges them: the definition, then the build-level block. */
export function mergedAttributes(use: SourceUse): Map<string, Attribute> {
  const out = new Map<string, Attribute>();
  if (use.decl) for (const a of use.decl.block.body.attributes) out.set(a.name, a);
  if (use.block) for (const a of use.block.body.attributes) if (a.name !== "name") out.set(a.name, a);
  return out;
}

/**
 * Blocks of a body with the given type, including the `content` of a `dynamic "TYPE"`
 * block (which Packer expands into such blocks; its iterator-based values are not static).
 */
export function blocksOfType(body: Body, type: string): Block[] {
  const out: Block[] = [];
  for (const b of body.blocks) {
    if (b.type === type) out.push(b);
    else if (b.type === "dynamic" && b.labels[0]?.value === type) {
      const content = b.body.blocks.find((c) => c.type === "content");
      if (content) out.push(content);
    }
  }
  return out;
}

/** Blocks of a source (definition plus build-level block) with the given type (dynamic ones included). */
export function mergedBlocks(use: SourceUse, type: string): Block[] {
  const out: Block[] = [];
  if (use.decl) out.push(...blocksOfType(use.decl.block.body, type));
  if (use.block) out.push(...blocksOfType(use.block.body, type));
  return out;
}

/** The name `only`/`except` match for a source use: `type.name` (local name when set). */
export function useKey(use: SourceUse): string {
  return `${use.type}.${use.localName ?? use.name}`;
}

/**
 * Whether a provisioner/post-processor block runs for a source use, per its `only`/`except`,
 * evaluated as Packer evaluates them (variables and locals in scope): true, false, or undefined
 * when that is not known before the build. Without a context only literal lists are read.
 */
export function runsFor(block: Block, use: SourceUse, ctx?: RuleContext): boolean | undefined {
  const key = useKey(use);
  if (use.nameUnknown && (getAttribute(block.body, "only") || getAttribute(block.body, "except"))) return undefined;
  /** The list's items (UNKNOWN for an unknown item), [] when not set, undefined when unknown. */
  const list = (name: string): unknown[] | undefined => {
    const a = getAttribute(block.body, name);
    if (!a) return [];
    const v = ctx ? tryEvaluatePartial(ctx, a.expr) : staticValue(a.expr);
    return Array.isArray(v) ? v : undefined;
  };
  const only = list("only");
  if (only === undefined) return undefined;
  if (only.length > 0) return only.includes(key) ? true : only.includes(UNKNOWN) ? undefined : false;
  const except = list("except");
  if (except === undefined) return undefined;
  if (except.length > 0) return except.includes(key) ? false : except.includes(UNKNOWN) ? undefined : true;
  return true;
}

/** Whether a block may run for a source use: true unless its only/except certainly leave the source out. */
export function appliesTo(block: Block, use: SourceUse, ctx?: RuleContext): boolean {
  return runsFor(block, use, ctx) !== false;
}
