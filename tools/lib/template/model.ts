/**
 * The template model: what a Packer build's templates declare, read once from the parsed
 * files and shared by everything that asks (the validator's rule context, the build plan and
 * its --dry-run, the cache-bust value action): variables, locals, data sources, sources,
 * `packer` blocks with their required_plugins, build blocks, and which variable takes the
 * cache bust. Like ESLint's SourceCode, it is made once per run and handed to every reader.
 */
import { getAttribute, staticValue, type Attribute, type Block, type Body, type Diagnostic, type Expression, type Range } from "../hcl/ast.ts";
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
