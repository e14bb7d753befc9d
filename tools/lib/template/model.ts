/**
 * The template model: what a Packer build's templates declare, read once from the parsed
 * files and shared by everything that asks (the validator's rule context, the build plan and
 * its --dry-run, the cache-bust value action): variables, locals, data sources, sources,
 * `packer` blocks with their required_plugins, build blocks, and which variable takes the
 * cache bust. Like ESLint's SourceCode, it is made once per run and handed to every reader.
 */
import { getAttribute, staticValue, type Attribute, type Block, type Body, type Diagnostic, type Expression, type Pos, type Range } from "../hcl/ast.ts";
import type { Token } from "../hcl/lexer.ts";

export type ParseFn = (text: string, filename: string) => { body: Body; diagnostics: Diagnostic[]; tokens?: Token[]; comments?: Token[] };

export interface ParsedFile {
  /** As given on the command line. */
  path: string;
  /** Directory of `path` ("." for a bare name). */
  dir: string;
  text: string;
  body: Body;
  diagnostics: Diagnostic[];
  /** The parser's scan of `text`, where it gave one: the formatter reuses it instead of scanning again. */
  scanned?: { tokens: readonly Token[]; comments: readonly Token[] };
  role: "template" | "varfile";
  /** For JSON var files: the decoded object (body is empty). */
  json?: Record<string, unknown>;
  /** True for `*.auto.pkrvars.hcl` / `*.auto.pkrvars.json` (loaded by Packer without -var-file). */
  auto?: boolean;
  /** True for var files given among the FILES rather than with --var-file. */
  positional?: boolean;
}

export interface VariableDecl {
  name: string;
  file: ParsedFile;
  /** The `variable "NAME"` block, or the legacy `variables {}` block holding `NAME = default`. */
  block: Block;
  nameRange: Range;
  default?: Attribute;
  type?: Attribute;
  validations: Block[];
}

export interface LocalDecl {
  name: string;
  file: ParsedFile;
  nameRange: Range;
  expr: Expression | undefined;
}

export interface LabeledDecl {
  type: string;
  name: string;
  file: ParsedFile;
  block: Block;
}

/** One `name = { source = …, version = … }` entry of a `required_plugins` block, written as an object. */
export interface RequiredPluginEntry {
  file: ParsedFile;
  attr: Attribute;
  /** The object's items by static key (`source`, `version`, …); the first of a repeated key. */
  fields: Map<string, Expression>;
}

export interface TemplateModel {
  templates: ParsedFile[];
  /** By name, every declaration in file and document order (more than one is a mistake REF-04 reports). */
  variables: Map<string, VariableDecl[]>;
  locals: Map<string, LocalDecl[]>;
  /** By `TYPE.NAME`. */
  data: Map<string, LabeledDecl[]>;
  sources: Map<string, LabeledDecl[]>;
  packerBlocks: Array<{ file: ParsedFile; block: Block }>;
  /** Every object entry of every `packer { required_plugins { … } }`. */
  requiredPlugins: RequiredPluginEntry[];
  /** `build` blocks, in file and document order. */
  buildBlocks: Array<{ file: ParsedFile; block: Block }>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A static string, or undefined. */
export function staticString(expr: Expression | undefined): string | undefined {
  if (!expr) return undefined;
  const v = staticValue(expr);
  return typeof v === "string" ? v : undefined;
}

/** The file's directory as given (POSIX or Windows separators), "." when none. */
export function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  if (i < 0) return ".";
  if (i === 0) return "/";
  return path.slice(0, i);
}

/** Read the declarations of the parsed templates of one build. */
export function readTemplates(templates: ParsedFile[]): TemplateModel {
  const model: TemplateModel = {
    templates,
    variables: new Map(),
    locals: new Map(),
    data: new Map(),
    sources: new Map(),
    packerBlocks: [],
    requiredPlugins: [],
    buildBlocks: [],
  };
  for (const file of templates) {
    for (const block of file.body.blocks) readBlock(model, file, block);
  }
  model.requiredPlugins = model.packerBlocks.flatMap(({ file, block }) => requiredPluginEntries(file, block));
  return model;
}

function readBlock(model: TemplateModel, file: ParsedFile, block: Block): void {
  switch (block.type) {
    case "variable": {
      const label = block.labels[0];
      if (!label) break;
      push(model.variables, label.value, {
        name: label.value,
        file,
        block,
        nameRange: label.range,
        default: getAttribute(block.body, "default"),
        type: getAttribute(block.body, "type"),
        validations: block.body.blocks.filter((b) => b.type === "validation"),
      });
      break;
    }
    case "variables":
      // Legacy form: `variables { name = default }`.
      for (const a of block.body.attributes) {
        push(model.variables, a.name, { name: a.name, file, block, nameRange: a.nameRange, default: a, validations: [] });
      }
      break;
    case "locals":
      for (const a of block.body.attributes) push(model.locals, a.name, { name: a.name, file, nameRange: a.nameRange, expr: a.expr });
      break;
    case "local": {
      const label = block.labels[0];
      if (!label) break;
      push(model.locals, label.value, { name: label.value, file, nameRange: label.range, expr: getAttribute(block.body, "expression")?.expr });
      break;
    }
    case "data":
    case "source": {
      const [t, n] = block.labels;
      if (!t || !n) break;
      push(block.type === "data" ? model.data : model.sources, `${t.value}.${n.value}`, { type: t.value, name: n.value, file, block });
      break;
    }
    case "packer":
      model.packerBlocks.push({ file, block });
      break;
    case "build":
      model.buildBlocks.push({ file, block });
      break;
    default:
      break;
  }
}

/** The object entries of a `packer` block's `required_plugins` blocks (SYN-03 reports the others). */
function requiredPluginEntries(file: ParsedFile, packer: Block): RequiredPluginEntry[] {
  const out: RequiredPluginEntry[] = [];
  for (const rp of packer.body.blocks) {
    if (rp.type !== "required_plugins") continue;
    for (const attr of rp.body.attributes) {
      if (attr.expr.kind !== "Object") continue;
      const fields = new Map<string, Expression>();
      for (const it of attr.expr.items) {
        const key = staticValue(it.key);
        if (typeof key === "string" && !fields.has(key)) fields.set(key, it.value);
      }
      out.push({ file, attr, fields });
    }
  }
  return out;
}

/**
 * The variable that takes the cache bust: the one the target names, when the templates
 * declare it. Otherwise none, and the value is not passed (Packer rejects a -var for an
 * undeclared variable). The validator, the build plan and the cache-bust value action all ask
 * this one question.
 */
export function cacheBustVariable(declared: { has(name: string): boolean }, name: string | undefined): string | undefined {
  return name !== undefined && declared.has(name) ? name : undefined;
}

/** A value supplied for a variable from outside the templates. */
export interface SuppliedValue {
  name: string;
  origin: "var" | "var-file" | "cache-bust" | "env" | "runtime";
  /** For -var / cache bust / env: the string as given. */
  raw?: string;
  /** For var files: the attribute (HCL) or key position (JSON). */
  file?: ParsedFile;
  attr?: Attribute;
  at?: Pos | { line: number; column: number };
  /** For JSON var files: the decoded value. */
  value?: unknown;
}

/** What a build is given from outside its templates. */
export interface SuppliedInputs {
  /** The environment: PKR_VAR_NAME=value sets variable NAME. */
  env: Readonly<Record<string, string | undefined>>;
  /** Var files Packer loads: `auto` ones (`*.auto.pkrvars.*`, lexical order) and -var-file ones (in order). */
  varFiles: readonly ParsedFile[];
  /** The variable that takes the cache bust (see cacheBustVariable), and the value. */
  cacheBust?: { name: string; value: string };
  /** -var NAME=VALUE in command-line order: the target's `vars`, then any given after `--`. */
  vars: ReadonlyArray<{ name: string; value: string }>;
  /**
   * Variables given only when the build runs (a secret CI puts in PKR_VAR_*, a -var typed after
   * `--`): supplied, with a value not known before the build. They win over everything above.
   */
  runtime?: readonly string[];
}

/**
 * The value each variable is given from outside, by Packer's precedence, lowest first (a later
 * one wins): PKR_VAR_* environment variables, auto var files, -var-file files in order, then -var
 * values in command-line order. The cache bust is passed as the first -var, so a target that sets
 * the cache-bust variable in its own `vars` (or a -var after `--`) overrides CACHE_BUST: the
 * repository-wide flag is the default, the target's own setting the exception. The build plan
 * (and its --dry-run) and the validator both take their values from here, and the build's command
 * line passes them in this order.
 */
export function suppliedValues(inputs: SuppliedInputs): Map<string, SuppliedValue> {
  const out = new Map<string, SuppliedValue>();
  const set = (v: SuppliedValue): void => void out.set(v.name, v);
  for (const [k, v] of Object.entries(inputs.env)) {
    if (k.startsWith("PKR_VAR_") && v !== undefined) set({ name: k.slice(8), origin: "env", raw: v });
  }
  const ordered = [...inputs.varFiles.filter((f) => f.auto), ...inputs.varFiles.filter((f) => !f.auto)];
  for (const f of ordered) {
    if (f.json) {
      for (const [k, v] of Object.entries(f.json)) set({ name: k, origin: "var-file", file: f, at: jsonKeyPos(f.text, k), value: v });
      continue;
    }
    for (const a of f.body.attributes) set({ name: a.name, origin: "var-file", file: f, attr: a, at: a.nameRange.start });
  }
  if (inputs.cacheBust) set({ name: inputs.cacheBust.name, origin: "cache-bust", raw: inputs.cacheBust.value });
  for (const v of inputs.vars) set({ name: v.name, origin: "var", raw: v.value });
  for (const name of inputs.runtime ?? []) set({ name, origin: "runtime" });
  return out;
}

/** Where a key of a JSON var file is written (1-based), or undefined. */
export function jsonKeyPos(text: string, key: string): { line: number; column: number } | undefined {
  const idx = text.indexOf(JSON.stringify(key));
  if (idx < 0) return undefined;
  let line = 1;
  let col = 1;
  for (let i = 0; i < idx; i++) {
    if (text[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}
