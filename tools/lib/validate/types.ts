/**
 * Shared types of the validator: findings, rules and the context rules read.
 */
import type { Attribute, Block, Pos, Range } from "../hcl/ast.ts";
import type { LabeledDecl, ParsedFile, ParseFn, SuppliedValue, TemplateModel } from "../template/model.ts";

export type Severity = "error" | "warning" | "info";
export type RuleSetting = Severity | "off";

/** A finding as printed: 1-based line and column; line 0 means "no position" (command line). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
  hint?: string;
}

/** What a rule reports: a place in a parsed file (or a named file) plus the text. */
export interface Report {
  /** A parsed file, or a path (script files, the command line). */
  file: ParsedFile | string;
  /** Start of the offending token; omitted for findings without a position. */
  at?: Pos | { line: number; column: number };
  message: string;
  hint?: string;
  /** For rules with mixed severities (E/W): the severity of this finding. Defaults to the rule's. */
  severity?: Severity;
}

export interface RuleDocs {
  /** One line: what the rule checks. */
  summary: string;
  /** Why it matters (what goes wrong otherwise). */
  why: string;
  /** How to fix a finding. */
  fix: string;
  /** For a rule that can report an error: the evidence the error rests on, and why that evidence is certain. */
  evidence?: string;
}

export interface Rule {
  /** The family and number, as findings print it: `REF-01`. */
  id: string;
  /** What the rule checks, in words (the file name after the id): `undeclared-reference`. */
  name: string;
  severity: Severity;
  docs: RuleDocs;
  /**
   * Ids of retired rules whose findings this rule now reports: a suppression or a `--rule` setting
   * naming one applies to this rule.
   */
  formerly?: readonly string[];
  /** The rule's fixed messages by key, where its findings say one of a known few things. */
  messages?: Readonly<Record<string, string>>;
  check: (ctx: RuleContext) => Report[];
}

export type { LabeledDecl, LocalDecl, ParsedFile, ParseFn, SuppliedValue, VariableDecl } from "../template/model.ts";

export interface SourceUse {
  /** The reference as written (`source.amazon-ebs.x` or `amazon-ebs.x`). */
  raw: string;
  type: string;
  name: string;
  /** `name = ...` of a build-level `source` block. */
  localName?: string;
  /** That `name` is set but not known before the build (only/except cannot be matched against it). */
  nameUnknown?: boolean;
  file: ParsedFile;
  range: Range;
  /** The build-level `source "..." {}` block, if the use is one. */
  block?: Block;
  /** The definition, when found. */
  decl?: LabeledDecl;
  valid: boolean;
}

export interface BuildDecl {
  file: ParsedFile;
  block: Block;
  uses: SourceUse[];
  /** Some of the build's sources are not known statically (an expression Packer evaluates later). */
  sourcesUnknown: boolean;
  /** provisioner and error-cleanup-provisioner blocks, in order. */
  provisioners: Block[];
  /** post-processor blocks, including those inside post-processors {}. */
  postProcessors: Block[];
}

/** A place an expression sits: which file, which attribute, inside which blocks. */
export interface ExprSite {
  file: ParsedFile;
  attr: Attribute;
  /** Enclosing blocks, outermost first. */
  blocks: Block[];
  /** Names bound by enclosing dynamic blocks (iterators). */
  bound: ReadonlySet<string>;
  /** True for `type = ...` in a variable block (a type expression, not a value). */
  isType: boolean;
  /** True inside a variable's default (env() allowed there). */
  inVariableDefault: boolean;
}

export interface FileSystem {
  /** "file", "dir" or null, for a path relative to cwd (or absolute). */
  stat: (path: string) => "file" | "dir" | null;
  /** The text of a file, or null when it cannot be read. */
  readText: (path: string) => string | null;
}

export interface Options {
  /** --var NAME=VALUE, in order. */
  vars: Array<{ name: string; value: string }>;
  cacheBustVar?: string;
  cacheBust?: string;
  env: Record<string, string | undefined>;
  /** Plugins the Packer toolchain pins (source -> version); PLG-01 checks required_plugins against them. */
  pluginPins?: ReadonlyMap<string, string>;
  /** Packer runs with -force: the amazon and googlecompute builders replace an image of the same name. */
  force?: boolean;
  /**
   * Variables the build is given only when it runs (a secret CI passes as PKR_VAR_*, a -var after
   * `--`): supplied (no VAR-01), their values not known before the build. `*`: every variable.
   */
  runtimeVars?: readonly string[];
  /**
   * The version of the Packer that builds the image (the resolved toolchain's); what it does not
   * support is an error (PKR-01). Undefined: unknown, and nothing version-specific is checked.
   */
  packerVersion?: string;
  /**
   * The label hints name the helper by: `//tools:cli` inside rules_packer's own checkout,
   * `@rules_packer//tools:cli` in a repository that depends on it (the default).
   */
  cli?: string;
}

/** What every rule reads: the template model (made once per run), the build's values and the run's options. */
export interface RuleContext extends TemplateModel {
  varFiles: ParsedFile[];
  builds: BuildDecl[];
  sites: ExprSite[];
  /** Effective supplied values (later sources win, like Packer). */
  supplied: Map<string, SuppliedValue>;
  options: Options;
  fs: FileSystem;
  /** Script files read by rules (path → text), for inline suppressions. */
  scripts: Map<string, string>;
  /** The HCL parser (injected so the core has no static dependency on its loading). */
  parse: ParseFn;
  /** Per-run memo for expensive derived data shared by rules. */
  memo: Map<string, unknown>;
}
