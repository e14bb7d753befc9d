/**
 * The syntax tree produced by `parseHcl` (parser.ts) for HCL2 native syntax, with
 * positions on every node, plus helpers that validator rules use to look inside
 * expressions.
 *
 * Positions
 * ---------
 * - `line`   1-based.
 * - `column` 1-based, counted in Unicode code points (characters) as HCL does, so an
 *            emoji or a CJK character is one column. Tabs count as one column.
 * - `offset` 0-based index into the JavaScript string passed to `parseHcl`
 *            (UTF-16 code units), so `text.slice(range.start.offset, range.end.offset)`
 *            is the node's source. A leading BOM is part of the text: it occupies
 *            offset 0 but no column (line 1 column 1 is the character after it).
 * - `\n` and `\r\n` end a line (a lone `\r` does not; HCL rejects it outside strings).
 * Ranges are half-open: `end` is the position just after the node's last character.
 *
 * The shapes here are a stable contract: fields may be added, never renamed or removed.
 * Every node has a string `kind` discriminant and a `range`.
 */

export interface Pos {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Pos;
  end: Pos;
}

export interface Diagnostic {
  severity: "error";
  message: string;
  range: Range;
  hint?: string;
}

// ---------------------------------------------------------------------------
// Structure: bodies, attributes, blocks
// ---------------------------------------------------------------------------

export interface Body {
  kind: "Body";
  /** Attributes and blocks, interleaved, in source order. */
  items: BodyItem[];
  /** The attributes of `items`, in source order (same objects). */
  attributes: Attribute[];
  /** The blocks of `items`, in source order (same objects). */
  blocks: Block[];
  /**
   * For a file: the whole text. For a block body: from just after `{` to just
   * before `}` (or to the end of what was parsed if the block is unclosed).
   */
  range: Range;
}

export type BodyItem = Attribute | Block;

export interface Attribute {
  kind: "Attribute";
  name: string;
  nameRange: Range;
  /** Range of the `=` sign. */
  equalsRange: Range;
  expr: Expression;
  /** From the start of the name to the end of the expression. */
  range: Range;
}

export interface BlockLabel {
  /** The label's value: the unescaped string for `"quoted"` labels, or the identifier. */
  value: string;
  /** True when written as a quoted string, false for a bare identifier label. */
  quoted: boolean;
  /** Range of the label including quotes. */
  range: Range;
}

export interface Block {
  kind: "Block";
  type: string;
  typeRange: Range;
  labels: BlockLabel[];
  body: Body;
  openBraceRange: Range;
  /** `null` when the block was never closed (a diagnostic is reported). */
  closeBraceRange: Range | null;
  /** From the start of the type to the end of the closing brace. */
  range: Range;
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | ScopeTraversalExpr
  | FunctionCallExpr
  | TupleExpr
  | ObjectExpr
  | ConditionalExpr
  | BinaryOpExpr
  | UnaryOpExpr
  | ForExpr
  | SplatExpr
  | GetAttrExpr
  | IndexExpr
  | ParensExpr
  | InvalidExpr;

/** `"..."` without interpolation is a TemplateExpr, not a LiteralExpr. */
export interface LiteralExpr {
  kind: "Literal";
  /** Numbers are JS numbers (HCL numbers are arbitrary precision: see `raw`). */
  value: number | boolean | null;
  /** Source text of the literal (e.g. `1e3`, `true`). */
  raw: string;
  range: Range;
}

/** A strip marker pair on a `${~ ... ~}` or `%{~ ... ~}` tag. */
export interface StripMarkers {
  /** `~` right after the opening `${` / `%{`: strip whitespace before the tag. */
  left: boolean;
  /** `~` right before the closing `}`: strip whitespace after the tag. */
  right: boolean;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteral {
  kind: "TemplateLiteral";
  /**
   * The text as HCL evaluates it: escapes decoded (quoted strings: `\n`, `\"`, `\\`, `\uXXXX`,
   * `\UXXXXXXXX`; heredocs take backslashes literally; both: `$${` → `${`, `%%{` → `%{`),
   * whitespace removed by adjacent `~` strip markers, and for `<<-` heredocs the common
   * indentation removed. May be `""` when a strip marker removed all of it.
   */
  value: string;
  /** Source range of the literal text (escapes included as written). */
  range: Range;
}

export interface TemplateInterpolation {
  kind: "TemplateInterpolation";
  expr: Expression;
  strip: StripMarkers;
  /** From `${` to `}` inclusive. */
  range: Range;
}

export interface TemplateIf {
  kind: "TemplateIf";
  cond: Expression;
  thenParts: TemplatePart[];
  /** `null` when there is no `%{else}`. */
  elseParts: TemplatePart[] | null;
  ifStrip: StripMarkers;
  elseStrip: StripMarkers | null;
  endStrip: StripMarkers;
  /** From `%{if` to the `}` of `%{endif}` inclusive. */
  range: Range;
}

export interface TemplateFor {
  kind: "TemplateFor";
  /** `%{for k, v in coll}`: key variable, or `null` for `%{for v in coll}`. */
  keyVar: Identifier | null;
  valueVar: Identifier;
  collection: Expression;
  bodyParts: TemplatePart[];
  forStrip: StripMarkers;
  endStrip: StripMarkers;
  /** From `%{for` to the `}` of `%{endfor}` inclusive. */
  range: Range;
}

export interface Identifier {
  name: string;
  range: Range;
}

export interface HeredocInfo {
  /** The delimiter word, e.g. `EOT`. */
  marker: string;
  /** True for `<<-EOT` (indentation is stripped). */
  flush: boolean;
  /** Range of `<<EOT` / `<<-EOT` (the opener). */
  openRange: Range;
  /** Range of the closing marker line's word, or `null` when unclosed. */
  closeRange: Range | null;
}

/**
 * A quoted string `"..."` or a heredoc. `parts` is empty for `""`. A template with only
 * TemplateLiteral parts is a plain string (see `staticValue`).
 */
export interface TemplateExpr {
  kind: "Template";
  parts: TemplatePart[];
  /** `null` for a quoted string, set for a heredoc. */
  heredoc: HeredocInfo | null;
  /** Quoted: including both quotes. Heredoc: from `<<` to the end of the closing marker. */
  range: Range;
}

export type TraversalStep = GetAttrStep | IndexStep | LegacyIndexStep;

/** `.name` */
export interface GetAttrStep {
  kind: "GetAttrStep";
  name: string;
  /** Range of the name only (without the dot). */
  nameRange: Range;
  /** Including the dot. */
  range: Range;
}

/** `[key]`; the key is any expression (HCL itself only folds literal keys into traversals). */
export interface IndexStep {
  kind: "IndexStep";
  key: Expression;
  /** Including the brackets. */
  range: Range;
}

/** Legacy `.0` index. */
export interface LegacyIndexStep {
  kind: "LegacyIndexStep";
  index: number;
  /** Including the dot. */
  range: Range;
}

/**
 * A variable reference: `var.region`, `local.tags["Name"]`, `source.amazon-ebs.x`,
 * `path.root`, `each.value`, or a bare keyword such as `string` in `type = string`.
 */
export interface ScopeTraversalExpr {
  kind: "ScopeTraversal";
  root: string;
  rootRange: Range;
  steps: TraversalStep[];
  range: Range;
}

export interface FunctionCallExpr {
  kind: "FunctionCall";
  name: string;
  nameRange: Range;
  args: Expression[];
  /** True when the last argument is followed by `...`. */
  expandFinal: boolean;
  openParenRange: Range;
  /** `null` when unclosed (a diagnostic is reported). */
  closeParenRange: Range | null;
  range: Range;
}

export interface TupleExpr {
  kind: "Tuple";
  items: Expression[];
  range: Range;
}

export interface ObjectItem {
  /**
   * For a bare identifier key (`name = 1`) this is a TemplateExpr holding one literal part
   * equal to the identifier (so it is never mistaken for a reference) and `bareKey` is
   * true. Otherwise it is the key expression as written (`"name"`, `(var.k)`, `var.k`).
   */
  key: Expression;
  bareKey: boolean;
  /** `=` or `:` */
  separator: "=" | ":";
  value: Expression;
  range: Range;
}

export interface ObjectExpr {
  kind: "Object";
  items: ObjectItem[];
  range: Range;
}

export interface ConditionalExpr {
  kind: "Conditional";
  cond: Expression;
  trueExpr: Expression;
  falseExpr: Expression;
  range: Range;
}

export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

export interface BinaryOpExpr {
  kind: "BinaryOp";
  op: BinaryOperator;
  opRange: Range;
  left: Expression;
  right: Expression;
  range: Range;
}

export interface UnaryOpExpr {
  kind: "UnaryOp";
  op: "-" | "!";
  operand: Expression;
  range: Range;
}

/**
 * `[for k, v in coll : expr if cond]` (form "tuple") or
 * `{for k, v in coll : key => value... if cond}` (form "object").
 */
export interface ForExpr {
  kind: "For";
  form: "tuple" | "object";
  keyVar: Identifier | null;
  valueVar: Identifier;
  collection: Expression;
  /** Object form only: the expression before `=>`; `null` for the tuple form. */
  keyExpr: Expression | null;
  valueExpr: Expression;
  condition: Expression | null;
  /** Object form only: `...` after the value (grouping mode). */
  grouping: boolean;
  range: Range;
}

/**
 * `source.*.attr` (style "attr") or `source[*].attr[0]` (style "full"). `steps` are applied
 * to each element (for "attr" only `.name` / legacy index steps follow).
 */
export interface SplatExpr {
  kind: "Splat";
  style: "attr" | "full";
  source: Expression;
  /** Range of `.*` or `[*]`. */
  splatRange: Range;
  steps: TraversalStep[];
  range: Range;
}

/** `.name` applied to something that is not a plain variable, e.g. `(x).y`, `f().y`. */
export interface GetAttrExpr {
  kind: "GetAttr";
  source: Expression;
  name: string;
  nameRange: Range;
  range: Range;
}

/** `[key]` (or legacy `.0`) applied to something that is not a plain variable. */
export interface IndexExpr {
  kind: "Index";
  source: Expression;
  key: Expression;
  range: Range;
}

export interface ParensExpr {
  kind: "Parens";
  expr: Expression;
  range: Range;
}

/** Stands in for an expression that failed to parse (a diagnostic was reported). */
export interface InvalidExpr {
  kind: "Invalid";
  range: Range;
}

// ---------------------------------------------------------------------------
// Accessors
// ---------------------------------------------------------------------------

/** The attribute named `name` in `body` (the first one if it is, erroneously, repeated). */
export function getAttribute(body: Body, name: string): Attribute | undefined {
  for (const a of body.attributes) if (a.name === name) return a;
  return undefined;
}

/** The blocks of `body` with the given type (all blocks if `type` is omitted), in source order. */
export function getBlocks(body: Body, type?: string): Block[] {
  if (type === undefined) return body.blocks.slice();
  return body.blocks.filter((b) => b.type === type);
}

/** The source text of a node: `text` must be the string given to `parseHcl`. */
export function exprSource(text: string, node: { range: Range }): string {
  return text.slice(node.range.start.offset, node.range.end.offset);
}

// ---------------------------------------------------------------------------
// Walking expressions
// ---------------------------------------------------------------------------

function partExprs(parts: TemplatePart[], out: Expression[]): void {
  for (const p of parts) {
    switch (p.kind) {
      case "TemplateLiteral":
        break;
      case "TemplateInterpolation":
        out.push(p.expr);
        break;
      case "TemplateIf":
        out.push(p.cond);
        partExprs(p.thenParts, out);
        if (p.elseParts) partExprs(p.elseParts, out);
        break;
      case "TemplateFor":
        out.push(p.collection);
        partExprs(p.bodyParts, out);
        break;
    }
  }
}

function stepExprs(steps: TraversalStep[], out: Expression[]): void {
  for (const s of steps) if (s.kind === "IndexStep") out.push(s.key);
}

/** The direct child expressions of `expr`, in source order. */
export function childExpressions(expr: Expression): Expression[] {
  const out: Expression[] = [];
  switch (expr.kind) {
    case "Literal":
    case "Invalid":
      break;
    case "Template":
      partExprs(expr.parts, out);
      break;
    case "ScopeTraversal":
      stepExprs(expr.steps, out);
      break;
    // Loops, not push(...list): a spread of a list with some 100,000 items overflows the stack.
    case "FunctionCall":
      for (const a of expr.args) out.push(a);
      break;
    case "Tuple":
      for (const it of expr.items) out.push(it);
      break;
    case "Object":
      for (const it of expr.items) out.push(it.key, it.value);
      break;
    case "Conditional":
      out.push(expr.cond, expr.trueExpr, expr.falseExpr);
      break;
    case "BinaryOp":
      out.push(expr.left, expr.right);
      break;
    case "UnaryOp":
      out.push(expr.operand);
      break;
    case "For":
      out.push(expr.collection);
      if (expr.keyExpr) out.push(expr.keyExpr);
      out.push(expr.valueExpr);
      if (expr.condition) out.push(expr.condition);
      break;
    case "Splat":
      out.push(expr.source);
      stepExprs(expr.steps, out);
      break;
    case "GetAttr":
      out.push(expr.source);
      break;
    case "Index":
      out.push(expr.source, expr.key);
      break;
    case "Parens":
      out.push(expr.expr);
      break;
  }
  return out;
}

/**
 * Visits `expr` and every expression nested in it (including those inside template
 * interpolations and directives), depth-first, parents before children, in source order.
 * If `visit` returns `false` the children of that node are skipped.
 */
export function walkExpressions(expr: Expression, visit: (e: Expression) => boolean | void): void {
  const stack: Expression[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (visit(e) === false) continue;
    const kids = childExpressions(e);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/**
 * Every variable reference (ScopeTraversal) in `expr`, in source order, except references
 * to iterator variables bound by an enclosing `for` expression or `%{for}` directive
 * inside `expr` (e.g. in `[for s in var.subnets : s.id]` only `var.subnets` is returned).
 * Bare object keys are never references.
 */
export function traversalsIn(expr: Expression): ScopeTraversalExpr[] {
  const out: ScopeTraversalExpr[] = [];
  // An explicit stack (work items pushed in reverse, so popped in source order): operator and
  // attribute chains make trees as deep as they are long.
  type Work = { expr: Expression; bound: ReadonlySet<string> } | { parts: TemplatePart[]; bound: ReadonlySet<string> };
  const stack: Work[] = [{ expr, bound: new Set() }];
  const pushAll = (items: Work[]) => {
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]!);
  };
  const withVars = (bound: ReadonlySet<string>, ...names: Array<string | undefined>): ReadonlySet<string> => {
    const inner = new Set(bound);
    for (const n of names) if (n !== undefined) inner.add(n);
    return inner;
  };
  while (stack.length > 0) {
    const w = stack.pop()!;
    const bound = w.bound;
    if ("parts" in w) {
      const items: Work[] = [];
      for (const p of w.parts) {
        switch (p.kind) {
          case "TemplateLiteral":
            break;
          case "TemplateInterpolation":
            items.push({ expr: p.expr, bound });
            break;
          case "TemplateIf":
            items.push({ expr: p.cond, bound }, { parts: p.thenParts, bound });
            if (p.elseParts) items.push({ parts: p.elseParts, bound });
            break;
          case "TemplateFor":
            items.push({ expr: p.collection, bound }, { parts: p.bodyParts, bound: withVars(bound, p.valueVar.name, p.keyVar?.name) });
            break;
        }
      }
      pushAll(items);
      continue;
    }
    const e = w.expr;
    switch (e.kind) {
      case "ScopeTraversal":
        if (!bound.has(e.root)) out.push(e);
        pushAll(e.steps.flatMap((s) => (s.kind === "IndexStep" ? [{ expr: s.key, bound }] : [])));
        break;
      case "For": {
        const inner = withVars(bound, e.valueVar.name, e.keyVar?.name);
        const items: Work[] = [{ expr: e.collection, bound }];
        if (e.keyExpr) items.push({ expr: e.keyExpr, bound: inner });
        items.push({ expr: e.valueExpr, bound: inner });
        if (e.condition) items.push({ expr: e.condition, bound: inner });
        pushAll(items);
        break;
      }
      case "Template":
        stack.push({ parts: e.parts, bound });
        break;
      case "Object": {
        const items: Work[] = [];
        for (const it of e.items) {
          if (!it.bareKey) items.push({ expr: it.key, bound });
          items.push({ expr: it.value, bound });
        }
        pushAll(items);
        break;
      }
      default:
        pushAll(childExpressions(e).map((c) => ({ expr: c, bound })));
    }
  }
  return out;
}

/** The names of a traversal's leading `.attr` steps, e.g. `var.a.b[0].c` → `["a", "b"]`. */
export function traversalAttrNames(t: ScopeTraversalExpr): string[] {
  const names: string[] = [];
  for (const s of t.steps) {
    if (s.kind !== "GetAttrStep") break;
    names.push(s.name);
  }
  return names;
}

/** Every function call in `expr` (including nested calls), in source order. */
export function functionCallsIn(expr: Expression): FunctionCallExpr[] {
  const out: FunctionCallExpr[] = [];
  walkExpressions(expr, (e) => {
    if (e.kind === "FunctionCall") out.push(e);
  });
  return out;
}

/**
 * The JS value of a literal-only expression, or `undefined` when the expression depends
 * on anything else. Handles: number/bool/null literals, `-<number>`, strings and heredocs
 * whose parts are all literal (strip markers don't occur without tags), tuples and objects
 * of such values (object keys: bare identifiers or literal strings), and parentheses.
 * Note `null` is a value here; `undefined` means "not static".
 */
export function staticValue(expr: Expression): unknown {
  switch (expr.kind) {
    case "Literal":
      return expr.value;
    case "Template": {
      let s = "";
      for (const p of expr.parts) {
        if (p.kind !== "TemplateLiteral") return undefined;
        s += p.value;
      }
      return s;
    }
    case "UnaryOp": {
      const v = staticValue(expr.operand);
      if (expr.op === "-" && typeof v === "number") return -v;
      if (expr.op === "!" && typeof v === "boolean") return !v;
      return undefined;
    }
    case "Parens":
      return staticValue(expr.expr);
    case "Tuple": {
      const arr: unknown[] = [];
      for (const it of expr.items) {
        const v = staticValue(it);
        if (v === undefined) return undefined;
        arr.push(v);
      }
      return arr;
    }
    case "Object": {
      const obj: Record<string, unknown> = {};
      for (const it of expr.items) {
        const k = staticValue(it.key);
        if (typeof k !== "string" && typeof k !== "number" && typeof k !== "boolean") return undefined;
        const v = staticValue(it.value);
        if (v === undefined) return undefined;
        Object.defineProperty(obj, String(k), { value: v, enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
    default:
      return undefined;
  }
}
