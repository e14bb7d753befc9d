/**
 * HCL2 native-syntax parser: `parseHcl(text, filename)` → `{ body, diagnostics }`.
 * Pure (no I/O), never throws, always terminates. Errors become diagnostics with real
 * positions; after an error the parser resynchronises at the next line (or the `}` that
 * closes the enclosing block), and reports at most one error per attribute or block header
 * so a single mistake doesn't cascade.
 */
import type {
  Attribute,
  Block,
  BlockLabel,
  Body,
  BodyItem,
  Diagnostic,
  Expression,
  ForExpr,
  FunctionCallExpr,
  Identifier,
  ObjectExpr,
  ObjectItem,
  Pos,
  Range,
  StripMarkers,
  TemplateExpr,
  TemplatePart,
  TraversalStep,
  TupleExpr,
  BinaryOperator,
  HeredocInfo,
} from "./ast.ts";
import { lex } from "./lexer.ts";
import type { Token, TokenType } from "./lexer.ts";

export type { Diagnostic } from "./ast.ts";

export interface ParseResult {
  body: Body;
  diagnostics: Diagnostic[];
  /** The lexer's tokens and comments: with the text, every byte of it (the formatter reads them). */
  tokens: Token[];
  comments: Token[];
}

/** Deepest expression nesting accepted (bracket / call / template / unary levels). */
export const MAX_NESTING = 200;

/**
 * Longest chain of binary operators or attribute / index / splat steps (after anything but a
 * plain reference, whose steps stay a flat list) on one path of an expression. Each link makes
 * the tree one level deeper, and the validator's walkers and evaluator recurse over the tree.
 */
export const MAX_CHAIN = 1000;

const BINARY_PREC: Partial<Record<TokenType, [number, BinaryOperator]>> = {
  Or: [1, "||"],
  And: [2, "&&"],
  EqualOp: [3, "=="],
  NotEqual: [3, "!="],
  LessThan: [4, "<"],
  LessThanEq: [4, "<="],
  GreaterThan: [4, ">"],
  GreaterThanEq: [4, ">="],
  Plus: [5, "+"],
  Minus: [5, "-"],
  Star: [6, "*"],
  Slash: [6, "/"],
  Percent: [6, "%"],
};

const TOKEN_DESC: Partial<Record<TokenType, string>> = {
  Newline: "newline",
  EOF: "end of file",
  OBrace: "`{`",
  CBrace: "`}`",
  OBrack: "`[`",
  CBrack: "`]`",
  OParen: "`(`",
  CParen: "`)`",
  Comma: "`,`",
  Equal: "`=`",
  OQuote: "string",
  OHeredoc: "heredoc",
  Number: "number",
  Colon: "`:`",
  Question: "`?`",
  Dot: "`.`",
};

function describe(t: Token): string {
  if (t.type === "Ident") return `\`${t.value}\``;
  if (t.type === "Invalid") return "invalid character";
  return TOKEN_DESC[t.type] ?? "`" + tokenText(t) + "`";
}

function tokenText(t: Token): string {
  switch (t.type) {
    case "TemplateInterp":
      return "${";
    case "TemplateControl":
      return "%{";
    case "TemplateSeqEnd":
      return "}";
    case "Ellipsis":
      return "...";
    case "Star":
      return "*";
    case "Slash":
      return "/";
    case "Percent":
      return "%";
    case "Plus":
      return "+";
    case "Minus":
      return "-";
    case "EqualOp":
      return "==";
    case "NotEqual":
      return "!=";
    case "LessThan":
      return "<";
    case "LessThanEq":
      return "<=";
    case "GreaterThan":
      return ">";
    case "GreaterThanEq":
      return ">=";
    case "And":
      return "&&";
    case "Or":
      return "||";
    case "Bang":
      return "!";
    case "FatArrow":
      return "=>";
    case "CQuote":
      return '"';
    default:
      return t.value;
  }
}

const at = (p: Pos): string => `${p.line}:${p.column}`;
const rng = (start: Pos, end: Pos): Range => ({ start, end });
const tokRange = (t: Token): Range => ({ start: t.start, end: t.end });

// Go's unicode.IsSpace, which HCL uses for strip markers and heredoc indentation.
const SPACE = "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
const isSpace = (ch: string): boolean => SPACE.includes(ch);
function trimLeftSpace(s: string): string {
  let k = 0;
  while (k < s.length && isSpace(s[k]!)) k++;
  return s.slice(k);
}
function trimRightSpace(s: string): string {
  let k = s.length;
  while (k > 0 && isSpace(s[k - 1]!)) k--;
  return s.slice(0, k);
}

/** A template token before directive structure is built (mirrors HCL's flat template parts). */
/** `%{if}` or `%{for}` of a flat template. */
type Directive = Extract<Flat, { t: "if" | "for" }>;

type Flat =
  | { t: "lit"; value: string; start: Pos; end: Pos }
  | { t: "interp"; expr: Expression; strip: StripMarkers; range: Range }
  | { t: "if"; cond: Expression; strip: StripMarkers; range: Range }
  | { t: "else"; strip: StripMarkers; range: Range }
  | { t: "endif"; strip: StripMarkers; range: Range }
  | { t: "for"; keyVar: Identifier | null; valueVar: Identifier; coll: Expression; strip: StripMarkers; range: Range }
  | { t: "endfor"; strip: StripMarkers; range: Range };

class Parser {
  toks: Token[];
  k = 0;
  /** Newlines significant? (stack; top is current) */
  nl: boolean[] = [true];
  diags: Diagnostic[] = [];
  lexDiagOffsets: number[];
  /** An error was reported in the current body item: bail out and suppress further errors. */
  failed = false;
  itemStart = 0;
  depth = 0;
  /** Chain links (MAX_CHAIN) on the current parse path. */
  links = 0;

  constructor(toks: Token[], lexDiags: Diagnostic[]) {
    this.toks = toks;
    this.lexDiagOffsets = lexDiags.map((d) => d.range.start.offset).sort((a, b) => a - b);
  }

  // ---- token cursor ----
  peek(): Token {
    let k = this.k;
    if (!this.nl[this.nl.length - 1]) while (this.toks[k]!.type === "Newline") k++;
    return this.toks[k]!;
  }
  /** The token after peek() (same newline mode). */
  peek2(): Token {
    let k = this.k;
    const skip = !this.nl[this.nl.length - 1];
    if (skip) while (this.toks[k]!.type === "Newline") k++;
    if (this.toks[k]!.type === "EOF") return this.toks[k]!;
    k++;
    if (skip) while (this.toks[k]!.type === "Newline") k++;
    return this.toks[k]!;
  }
  next(): Token {
    if (!this.nl[this.nl.length - 1]) while (this.toks[this.k]!.type === "Newline") this.k++;
    const t = this.toks[this.k]!;
    if (t.type !== "EOF") this.k++;
    return t;
  }
  rawPeek(): Token {
    return this.toks[this.k]!;
  }
  /** End position of the last consumed token. */
  lastEnd(): Pos {
    return this.k > 0 ? this.toks[this.k - 1]!.end : this.toks[0]!.start;
  }

  error(message: string, range: Range, hint?: string): void {
    if (this.failed) return;
    this.failed = true;
    // A lexical error earlier in this item already explains the problem.
    for (const off of this.lexDiagOffsets) {
      if (off >= this.itemStart && off <= range.start.offset) return;
    }
    const d: Diagnostic = { severity: "error", message, range };
    if (hint !== undefined) d.hint = hint;
    this.diags.push(d);
  }
  invalid(at: Pos): Expression {
    return { kind: "Invalid", range: rng(at, at) };
  }

  // ---- structure ----
  parseFile(): Body {
    const first = this.toks[0]!;
    const { items } = this.parseBodyItems(null);
    const eof = this.toks[this.toks.length - 1]!;
    return makeBody(items, rng(first.type === "EOF" ? eof.start : startOfText(first), eof.end));
  }

  /**
   * Parses body items up to the `}` closing `opener` (not consumed), or EOF.
   * Returns whether the closing brace was found.
   */
  parseBodyItems(opener: Token | null): { items: BodyItem[]; closed: boolean } {
    const items: BodyItem[] = [];
    const seen = new Map<string, Attribute>();
    for (;;) {
      const t = this.rawPeek();
      if (t.type === "Newline") {
        this.k++;
        continue;
      }
      if (t.type === "EOF") return { items, closed: false };
      if (t.type === "CBrace") {
        if (opener) return { items, closed: true };
        this.k++;
        this.itemStart = t.start.offset;
        this.failed = false;
        this.error("unexpected `}`: there is no open block to close", tokRange(t), "remove it, or check the braces above");
        this.failed = false;
        continue;
      }
      this.failed = false;
      this.itemStart = t.start.offset;
      const itemIdx = this.k;
      const item = this.parseItem(t);
      if (item) {
        if (item.kind === "Attribute") {
          const prev = seen.get(item.name);
          if (prev) {
            this.failed = false;
            this.error(
              `Attribute redefined: "${item.name}" was already set at ${at(prev.nameRange.start)}`,
              item.nameRange,
              "each argument may be set only once in a block",
            );
          } else seen.set(item.name, item);
        }
        items.push(item);
      }
      if (this.failed) this.recover(itemIdx, opener !== null);
      this.failed = false;
    }
  }

  /**
   * Resynchronise after an error in the item that started at token `itemIdx`: skip to the
   * first line whose first token is at or left of the item's column (deeper-indented lines
   * are taken as continuations of the broken item), or to the `}` that closes the
   * enclosing block. Brackets opened by the item are counted so a `}` closing the item's
   * own block is consumed with it.
   */
  recover(itemIdx: number, nested: boolean): void {
    const itemColumn = this.toks[itemIdx]!.start.column;
    let depth = 0;
    const track = (t: Token): void => {
      switch (t.type) {
        case "OBrace":
        case "OBrack":
        case "OParen":
        case "TemplateInterp":
        case "TemplateControl":
          depth++;
          break;
        case "CBrace":
        case "CBrack":
        case "CParen":
        case "TemplateSeqEnd":
          if (depth > 0) depth--;
          break;
      }
    };
    for (let j = itemIdx; j < this.k; j++) track(this.toks[j]!);
    for (;;) {
      const t = this.toks[this.k]!;
      if (t.type === "EOF") return;
      if (t.type === "Newline") {
        this.k++;
        while (this.toks[this.k]!.type === "Newline") this.k++;
        const u = this.toks[this.k]!;
        if (u.type === "EOF") return;
        if (u.start.column <= itemColumn && (depth === 0 || u.type === "Ident" || u.type === "CBrace")) {
          if (u.type === "CBrace" && depth > 0 && u.start.column === itemColumn) {
            // The `}` of the broken item's own block.
            this.k++;
            continue;
          }
          return;
        }
        continue;
      }
      if (t.type === "CBrace" && depth === 0 && nested) return;
      track(t);
      this.k++;
    }
  }

  parseItem(nameTok: Token): BodyItem | null {
    if (nameTok.type !== "Ident") {
      this.k++;
      if (nameTok.type === "OQuote") {
        this.error("expected an attribute or block name, found a string", tokRange(nameTok), "attribute and block names are bare identifiers: name = value");
      } else {
        this.error(`expected an attribute or block definition, found ${describe(nameTok)}`, tokRange(nameTok));
      }
      return null;
    }
    this.k++;
    const t = this.rawPeek();
    if (t.type === "Equal") {
      this.k++;
      const expr = this.parseExpression();
      const attr: Attribute = {
        kind: "Attribute",
        name: nameTok.value,
        nameRange: tokRange(nameTok),
        equalsRange: tokRange(t),
        expr,
        range: rng(nameTok.start, expr.range.end),
      };
      if (!this.failed && !this.inSingleLine) {
        const e = this.rawPeek();
        if (e.type === "Newline") this.k++;
        else if (e.type === "CBrace" && !this.inSingleLine && e.start.line === nameTok.start.line) {
          this.error("expected a newline before `}`: the closing brace of a multi-line block goes on its own line", tokRange(e));
        } else if (e.type !== "EOF") {
          this.error(
            `missing newline after argument \`${nameTok.value}\`: found ${describe(e)}`,
            tokRange(e),
            "an argument definition must end with a newline",
          );
        }
      }
      return attr;
    }
    // Block: labels then `{`.
    const labels: BlockLabel[] = [];
    for (;;) {
      const u = this.rawPeek();
      if (u.type === "Ident") {
        this.k++;
        labels.push({ value: u.value, quoted: false, range: tokRange(u) });
        continue;
      }
      if (u.type === "OQuote") {
        const lab = this.parseLabel();
        if (!lab) return null;
        labels.push(lab);
        continue;
      }
      break;
    }
    const ob = this.rawPeek();
    if (ob.type !== "OBrace") {
      if (labels.length === 0) {
        this.error(
          `expected \`=\` or \`{\` after \`${nameTok.value}\`, found ${describe(ob)}`,
          tokRange(ob),
          "set an argument with name = value, or open a block with name { … }",
        );
      } else {
        this.error(`expected \`{\` to open the \`${nameTok.value}\` block, found ${describe(ob)}`, tokRange(ob));
      }
      return null;
    }
    this.k++;
    return this.parseBlockBody(nameTok, labels, ob);
  }

  inSingleLine = false;

  parseBlockBody(nameTok: Token, labels: BlockLabel[], ob: Token): Block {
    const after = this.rawPeek();
    let items: BodyItem[] = [];
    let close: Token | null;
    if (after.type === "CBrace") {
      close = after;
      this.k++;
    } else if (after.type === "Newline" || after.type === "EOF") {
      const saved = { failed: this.failed, itemStart: this.itemStart };
      if (this.depth >= MAX_NESTING) {
        this.error("blocks nested too deeply", tokRange(ob));
        return this.finishBlock(nameTok, labels, ob, [], null);
      }
      this.depth++;
      const r = this.parseBodyItems(ob);
      this.depth--;
      items = r.items;
      this.failed = saved.failed;
      this.itemStart = saved.itemStart;
      if (r.closed) {
        close = this.rawPeek();
        this.k++;
      } else {
        this.failed = false;
        this.itemStart = ob.start.offset;
        this.error(
          `expected \`}\` to close the block opened at ${at(ob.start)}`,
          rng(this.lastEnd(), this.lastEnd()),
          `add a \`}\` for the \`${nameTok.value}\` block`,
        );
        return this.finishBlock(nameTok, labels, ob, items, null);
      }
    } else {
      // Single-line block: at most one attribute, then `}`.
      const inner = after;
      if (inner.type === "Ident") {
        const saveSL = this.inSingleLine;
        this.inSingleLine = true;
        const item = this.parseItem(inner);
        this.inSingleLine = saveSL;
        if (item) {
          items = [item];
          if (item.kind === "Block" && !this.failed) {
            this.error("a single-line block can contain only one argument, not a nested block", item.typeRange, "put the nested block on its own lines");
          }
        }
      } else if (!this.failed) {
        this.error(`expected an argument or \`}\` after \`{\`, found ${describe(inner)}`, tokRange(inner));
      }
      if (this.failed) return this.finishBlock(nameTok, labels, ob, items, null);
      const c = this.rawPeek();
      if (c.type !== "CBrace") {
        this.error(
          `expected \`}\` to close the single-line block opened at ${at(ob.start)}, found ${describe(c)}`,
          tokRange(c),
          "a single-line block holds one argument and ends with `}` on the same line",
        );
        return this.finishBlock(nameTok, labels, ob, items, null);
      }
      this.k++;
      close = c;
    }
    const block = this.finishBlock(nameTok, labels, ob, items, close);
    if (!this.failed && !this.inSingleLine) {
      const e = this.rawPeek();
      if (e.type === "Newline") this.k++;
      else if (e.type !== "EOF") {
        this.error(`missing newline after the \`${nameTok.value}\` block: found ${describe(e)}`, tokRange(e), "a block definition must end with a newline");
      }
    }
    return block;
  }

  finishBlock(nameTok: Token, labels: BlockLabel[], ob: Token, items: BodyItem[], close: Token | null): Block {
    const bodyEnd = close ? close.start : this.lastEnd();
    return {
      kind: "Block",
      type: nameTok.value,
      typeRange: tokRange(nameTok),
      labels,
      body: makeBody(items, rng(ob.end, bodyEnd.offset < ob.end.offset ? ob.end : bodyEnd)),
      openBraceRange: tokRange(ob),
      closeBraceRange: close ? tokRange(close) : null,
      range: rng(nameTok.start, close ? close.end : this.lastEnd()),
    };
  }

  parseLabel(): BlockLabel | null {
    const oq = this.next();
    let value = "";
    for (;;) {
      const t = this.rawPeek();
      if (t.type === "QuotedLit") {
        value += t.value;
        this.k++;
        continue;
      }
      if (t.type === "CQuote") {
        this.k++;
        return { value, quoted: true, range: rng(oq.start, t.end) };
      }
      if (t.type === "TemplateInterp" || t.type === "TemplateControl") {
        this.error("block labels cannot contain template sequences", tokRange(t), "use a literal string label");
      } else {
        this.error(`unexpected ${describe(t)} in block label`, tokRange(t));
      }
      return null;
    }
  }

  // ---- expressions ----
  enter(at: Token): boolean {
    if (this.depth >= MAX_NESTING) {
      this.error(`expression nested too deeply (more than ${MAX_NESTING} levels)`, tokRange(at));
      return false;
    }
    this.depth++;
    return true;
  }

  /** One more link of an operator or postfix chain, or an error when the chain is too long. */
  link(at: Token): boolean {
    if (this.links >= MAX_CHAIN) {
      this.error(
        `expression too long: more than ${MAX_CHAIN} operators or attribute and index steps in a row`,
        tokRange(at),
        "the validator reads chains up to this length; split the expression into locals",
      );
      return false;
    }
    this.links++;
    return true;
  }

  parseExpression(): Expression {
    const first = this.peek();
    if (this.failed) return this.invalid(first.start);
    if (!this.enter(first)) return this.invalid(first.start);
    const cond = this.parseBinary(1);
    let result = cond;
    if (!this.failed && this.peek().type === "Question") {
      this.next();
      const t = this.parseExpression();
      if (!this.failed) {
        const c = this.peek();
        if (c.type !== "Colon") {
          this.error(`expected \`:\` in the conditional expression, found ${describe(c)}`, tokRange(c), "write cond ? a : b");
        } else {
          this.next();
        }
      }
      const f = this.parseExpression();
      result = { kind: "Conditional", cond, trueExpr: t, falseExpr: f, range: rng(cond.range.start, f.range.end) };
    }
    this.depth--;
    return result;
  }

  parseBinary(minPrec: number): Expression {
    let left = this.parseUnary();
    const links = this.links;
    for (;;) {
      if (this.failed) break;
      const t = this.peek();
      const p = BINARY_PREC[t.type];
      if (!p || p[0] < minPrec || !this.link(t)) break;
      this.next();
      const right = this.parseBinary(p[0] + 1);
      left = { kind: "BinaryOp", op: p[1], opRange: tokRange(t), left, right, range: rng(left.range.start, right.range.end) };
    }
    this.links = links;
    return left;
  }

  parseUnary(): Expression {
    const t = this.peek();
    if (t.type === "Minus" || t.type === "Bang") {
      if (!this.enter(t)) return this.invalid(t.start);
      this.next();
      const operand = this.parseUnary();
      this.depth--;
      return { kind: "UnaryOp", op: t.type === "Minus" ? "-" : "!", operand, range: rng(t.start, operand.range.end) };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  parsePostfix(e: Expression): Expression {
    const links = this.links;
    for (;;) {
      if (this.failed) break;
      const t = this.peek();
      // A step of a plain reference joins its flat list of steps; any other makes a new node.
      if ((t.type === "Dot" || t.type === "OBrack") && (e.kind !== "ScopeTraversal" || this.peek2().type === "Star") && !this.link(t)) break;
      if (t.type === "Dot") {
        const u = this.peek2();
        if (u.type === "Star") {
          this.next();
          this.next();
          e = this.parseSplat(e, "attr", rng(t.start, u.end));
          continue;
        }
        const step = this.parseDotStep();
        if (!step) break;
        e = this.applyStep(e, step);
        continue;
      }
      if (t.type === "OBrack") {
        const u = this.peek2();
        if (u.type === "Star") {
          this.nl.push(false);
          this.next();
          this.next();
          const c = this.next();
          this.nl.pop();
          if (c.type !== "CBrack") {
            this.error(`expected \`]\` after \`[*\`, found ${describe(c)}`, tokRange(c));
            break;
          }
          e = this.parseSplat(e, "full", rng(t.start, c.end));
          continue;
        }
        const step = this.parseIndexStep();
        if (!step) break;
        e = this.applyStep(e, step);
        continue;
      }
      break;
    }
    this.links = links;
    return e;
  }

  parseDotStep(): TraversalStep | null {
    const dot = this.next();
    const t = this.peek();
    if (t.type === "Ident") {
      this.next();
      return { kind: "GetAttrStep", name: t.value, nameRange: tokRange(t), range: rng(dot.start, t.end) };
    }
    if (t.type === "Number" && /^[0-9]+$/.test(t.value)) {
      this.next();
      return { kind: "LegacyIndexStep", index: Number(t.value), range: rng(dot.start, t.end) };
    }
    this.error(`expected an attribute name after \`.\`, found ${describe(t)}`, tokRange(t));
    return null;
  }

  parseIndexStep(): TraversalStep | null {
    const ob = this.next();
    if (!this.enter(ob)) return null;
    this.nl.push(false);
    const key = this.parseExpression();
    let result: TraversalStep | null = null;
    if (!this.failed) {
      const c = this.peek();
      if (c.type !== "CBrack") {
        this.error(`expected \`]\` to close the index opened at ${at(ob.start)}, found ${describe(c)}`, tokRange(c));
      } else {
        this.next();
        result = { kind: "IndexStep", key, range: rng(ob.start, c.end) };
      }
    }
    this.nl.pop();
    this.depth--;
    return result;
  }

  applyStep(e: Expression, step: TraversalStep): Expression {
    if (e.kind === "ScopeTraversal") {
      e.steps.push(step);
      e.range = rng(e.range.start, step.range.end);
      return e;
    }
    if (step.kind === "GetAttrStep") {
      return { kind: "GetAttr", source: e, name: step.name, nameRange: step.nameRange, range: rng(e.range.start, step.range.end) };
    }
    const key: Expression =
      step.kind === "IndexStep" ? step.key : { kind: "Literal", value: step.index, raw: String(step.index), range: rng(step.range.start, step.range.end) };
    return { kind: "Index", source: e, key, range: rng(e.range.start, step.range.end) };
  }

  parseSplat(source: Expression, style: "attr" | "full", splatRange: Range): Expression {
    const steps: TraversalStep[] = [];
    let end = splatRange.end;
    for (;;) {
      if (this.failed) break;
      const t = this.peek();
      if (t.type === "Dot") {
        if (this.peek2().type === "Star") break;
        const s = this.parseDotStep();
        if (!s) break;
        steps.push(s);
        end = s.range.end;
        continue;
      }
      if (style === "full" && t.type === "OBrack") {
        if (this.peek2().type === "Star") break;
        const s = this.parseIndexStep();
        if (!s) break;
        steps.push(s);
        end = s.range.end;
        continue;
      }
      break;
    }
    return { kind: "Splat", style, source, splatRange, steps, range: rng(source.range.start, end) };
  }

  parsePrimary(): Expression {
    const t = this.peek();
    if (this.failed) return this.invalid(t.start);
    switch (t.type) {
      case "Number": {
        this.next();
        const exp = /[eE]([+-]?[0-9]+)$/.exec(t.value);
        if (exp && Math.abs(Number(exp[1])) > 646456992) {
          // Beyond the exponent range of HCL's big.Float.
          this.error("number literal out of range", tokRange(t));
          return this.invalid(t.start);
        }
        return { kind: "Literal", value: Number(t.value), raw: t.value, range: tokRange(t) };
      }
      case "Ident": {
        this.next();
        if (t.value === "true" || t.value === "false") return { kind: "Literal", value: t.value === "true", raw: t.value, range: tokRange(t) };
        if (t.value === "null") return { kind: "Literal", value: null, raw: t.value, range: tokRange(t) };
        if (this.peek().type === "OParen") return this.parseCall(t);
        return { kind: "ScopeTraversal", root: t.value, rootRange: tokRange(t), steps: [], range: tokRange(t) };
      }
      case "OQuote":
        return this.parseQuoted();
      case "OHeredoc":
        return this.parseHeredoc();
      case "OBrack":
        return this.parseTuple();
      case "OBrace":
        return this.parseObject();
      case "OParen": {
        this.next();
        if (!this.enter(t)) return this.invalid(t.start);
        this.nl.push(false);
        const inner = this.parseExpression();
        let end = inner.range.end;
        if (!this.failed) {
          const c = this.peek();
          if (c.type !== "CParen") {
            this.error(`expected \`)\` to close the \`(\` opened at ${at(t.start)}, found ${describe(c)}`, tokRange(c));
          } else {
            this.next();
            end = c.end;
          }
        }
        this.nl.pop();
        this.depth--;
        return { kind: "Parens", expr: inner, range: rng(t.start, end) };
      }
      default:
        if (t.type === "Newline" || t.type === "EOF") {
          this.error("expected an expression, found the end of the line", tokRange(t), "give the argument a value");
        } else if (t.type === "Invalid") {
          this.error("expected an expression, found an invalid character", tokRange(t));
        } else {
          this.error(`expected an expression, found ${describe(t)}`, tokRange(t));
        }
        return this.invalid(t.start);
    }
  }

  parseCall(name: Token): Expression {
    const op = this.next();
    const args: Expression[] = [];
    let expandFinal = false;
    let close: Token | null = null;
    if (!this.enter(op)) return this.invalid(name.start);
    this.nl.push(false);
    for (;;) {
      if (this.failed) break;
      const t = this.peek();
      if (t.type === "CParen") {
        this.next();
        close = t;
        break;
      }
      args.push(this.parseExpression());
      if (this.failed) break;
      let s = this.peek();
      if (s.type === "Ellipsis") {
        this.next();
        expandFinal = true;
        s = this.peek();
        if (s.type !== "CParen") {
          this.error(`\`...\` may only follow the last argument of \`${name.value}(…)\``, tokRange(s));
          break;
        }
        continue;
      }
      if (s.type === "Comma") {
        this.next();
        continue;
      }
      if (s.type === "CParen") continue;
      this.error(`expected \`,\` or \`)\` in the call to \`${name.value}\` opened at ${at(op.start)}, found ${describe(s)}`, tokRange(s));
      break;
    }
    this.nl.pop();
    this.depth--;
    const fc: FunctionCallExpr = {
      kind: "FunctionCall",
      name: name.value,
      nameRange: tokRange(name),
      args,
      expandFinal,
      openParenRange: tokRange(op),
      closeParenRange: close ? tokRange(close) : null,
      range: rng(name.start, close ? close.end : this.lastEnd()),
    };
    return fc;
  }

  parseTuple(): Expression {
    const ob = this.next();
    if (!this.enter(ob)) return this.invalid(ob.start);
    this.nl.push(false);
    let result: Expression;
    const f = this.peek();
    if (f.type === "Ident" && f.value === "for" && this.peek2().type === "Ident") {
      result = this.parseFor(ob, "tuple");
    } else {
      const items: Expression[] = [];
      let end: Pos | null = null;
      for (;;) {
        if (this.failed) break;
        const t = this.peek();
        if (t.type === "CBrack") {
          this.next();
          end = t.end;
          break;
        }
        items.push(this.parseExpression());
        if (this.failed) break;
        const s = this.peek();
        if (s.type === "Comma") {
          this.next();
          continue;
        }
        if (s.type === "CBrack") continue;
        this.error(`expected \`,\` or \`]\` in the list opened at ${at(ob.start)}, found ${describe(s)}`, tokRange(s));
        break;
      }
      const tup: TupleExpr = { kind: "Tuple", items, range: rng(ob.start, end ?? this.lastEnd()) };
      result = tup;
    }
    this.nl.pop();
    this.depth--;
    return result;
  }

  parseObject(): Expression {
    const ob = this.next();
    if (!this.enter(ob)) return this.invalid(ob.start);
    this.nl.push(true);
    let j = this.k;
    while (this.toks[j]!.type === "Newline") j++;
    const f = this.toks[j]!;
    const f2 = this.toks[j + 1];
    let result: Expression;
    if (f.type === "Ident" && f.value === "for" && f2 !== undefined && f2.type === "Ident") {
      this.nl.push(false);
      result = this.parseFor(ob, "object");
      this.nl.pop();
    } else {
      const items: ObjectItem[] = [];
      let end: Pos | null = null;
      for (;;) {
        if (this.failed) break;
        let t = this.peek();
        while (t.type === "Newline") {
          this.next();
          t = this.peek();
        }
        if (t.type === "CBrace") {
          this.next();
          end = t.end;
          break;
        }
        if (t.type === "EOF") {
          this.error(`expected \`}\` to close the object opened at ${at(ob.start)}`, tokRange(t));
          break;
        }
        const item = this.parseObjectItem();
        if (!item) break;
        items.push(item);
        const s = this.peek();
        if (s.type === "Comma" || s.type === "Newline") {
          this.next();
          continue;
        }
        if (s.type === "CBrace") continue;
        this.error(`expected \`,\`, a newline or \`}\` after the object item, found ${describe(s)}`, tokRange(s), `in the object opened at ${at(ob.start)}`);
        break;
      }
      const obj: ObjectExpr = { kind: "Object", items, range: rng(ob.start, end ?? this.lastEnd()) };
      result = obj;
    }
    this.nl.pop();
    this.depth--;
    return result;
  }

  parseObjectItem(): ObjectItem | null {
    // Keys: newlines are not significant inside the key/value expressions' own brackets only.
    let key = this.parseBinaryKey();
    if (this.failed) return null;
    let bareKey = false;
    if (key.kind === "ScopeTraversal" && key.steps.length === 0) {
      bareKey = true;
      key = {
        kind: "Template",
        parts: [{ kind: "TemplateLiteral", value: key.root, range: key.range }],
        heredoc: null,
        range: key.range,
      };
    }
    const sep = this.peek();
    if (sep.type !== "Equal" && sep.type !== "Colon") {
      this.error(`expected \`=\` after the object key, found ${describe(sep)}`, tokRange(sep));
      return null;
    }
    this.next();
    const value = this.parseExpression();
    if (this.failed) return null;
    return { key, bareKey, separator: sep.type === "Equal" ? "=" : ":", value, range: rng(key.range.start, value.range.end) };
  }

  parseBinaryKey(): Expression {
    // HCL parses an object key as a full expression; `=` isn't an operator so it stops there.
    return this.parseExpression();
  }

  parseFor(ob: Token, form: "tuple" | "object"): Expression {
    this.next(); // `for`
    const v1 = this.next();
    let keyVar: Identifier | null = null;
    let valueVar: Identifier = { name: v1.value, range: tokRange(v1) };
    const closer: TokenType = form === "tuple" ? "CBrack" : "CBrace";
    const closeText = form === "tuple" ? "]" : "}";
    const fail = (msg: string, t: Token): Expression => {
      this.error(msg, tokRange(t));
      return this.invalid(ob.start);
    };
    let t = this.peek();
    if (t.type === "Comma") {
      this.next();
      const v2 = this.next();
      if (v2.type !== "Ident") return fail(`expected a variable name after \`,\` in the for expression, found ${describe(v2)}`, v2);
      keyVar = valueVar;
      valueVar = { name: v2.value, range: tokRange(v2) };
      t = this.peek();
    }
    if (!(t.type === "Ident" && t.value === "in")) return fail(`expected \`in\` in the for expression, found ${describe(t)}`, t);
    this.next();
    const collection = this.parseExpression();
    if (this.failed) return this.invalid(ob.start);
    t = this.peek();
    if (t.type !== "Colon") return fail(`expected \`:\` after the for expression's collection, found ${describe(t)}`, t);
    this.next();
    let keyExpr: Expression | null = null;
    let valueExpr = this.parseExpression();
    if (this.failed) return this.invalid(ob.start);
    let grouping = false;
    if (form === "object") {
      t = this.peek();
      if (t.type !== "FatArrow") return fail(`expected \`=>\` in the object for expression, found ${describe(t)}`, t);
      this.next();
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
      if (this.failed) return this.invalid(ob.start);
      if (this.peek().type === "Ellipsis") {
        this.next();
        grouping = true;
      }
    }
    let condition: Expression | null = null;
    t = this.peek();
    if (t.type === "Ident" && t.value === "if") {
      this.next();
      condition = this.parseExpression();
      if (this.failed) return this.invalid(ob.start);
      t = this.peek();
    }
    if (t.type !== closer) {
      return fail(`expected \`${closeText}\` to close the for expression opened at ${at(ob.start)}, found ${describe(t)}`, t);
    }
    this.next();
    const fe: ForExpr = { kind: "For", form, keyVar, valueVar, collection, keyExpr, valueExpr, condition, grouping, range: rng(ob.start, t.end) };
    return fe;
  }

  // ---- templates ----
  parseQuoted(): Expression {
    const oq = this.next();
    const flat: Flat[] = [];
    this.nl.push(false);
    let end: Pos = oq.end;
    for (;;) {
      if (this.failed) break;
      const t = this.rawPeek();
      if (t.type === "QuotedLit") {
        this.k++;
        flat.push({ t: "lit", value: t.value, start: t.start, end: t.end });
        continue;
      }
      if (t.type === "CQuote") {
        this.k++;
        end = t.end;
        break;
      }
      if (t.type === "TemplateInterp" || t.type === "TemplateControl") {
        this.parseTemplateSeq(flat);
        continue;
      }
      this.error(`unexpected ${describe(t)} in string`, tokRange(t));
      break;
    }
    this.nl.pop();
    const parts = this.buildTemplate(flat, false);
    const te: TemplateExpr = { kind: "Template", parts, heredoc: null, range: rng(oq.start, end) };
    return te;
  }

  parseHeredoc(): Expression {
    const oh = this.next();
    const flat: Flat[] = [];
    this.nl.push(false);
    let closeRange: Range | null = null;
    let end: Pos = oh.end;
    for (;;) {
      if (this.failed) break;
      const t = this.rawPeek();
      if (t.type === "StringLit") {
        this.k++;
        flat.push({ t: "lit", value: t.value, start: t.start, end: t.end });
        continue;
      }
      if (t.type === "CHeredoc") {
        this.k++;
        end = t.end;
        if (!t.synthetic) closeRange = tokRange(t);
        break;
      }
      if (t.type === "TemplateInterp" || t.type === "TemplateControl") {
        this.parseTemplateSeq(flat);
        continue;
      }
      this.error(`unexpected ${describe(t)} in heredoc`, tokRange(t));
      break;
    }
    this.nl.pop();
    const info: HeredocInfo = { marker: oh.value, flush: oh.flag, openRange: tokRange(oh), closeRange };
    const parts = this.buildTemplate(flat, oh.flag);
    const te: TemplateExpr = { kind: "Template", parts, heredoc: info, range: rng(oh.start, end) };
    return te;
  }

  /** The `}` closing the template sequence `open`: its strip marker and end, or null after reporting what is there instead. */
  closeTemplateSeq(open: Token): { strip: boolean; end: Pos } | null {
    const c = this.peek();
    if (c.type !== "TemplateSeqEnd") {
      this.error(
        `expected \`}\` to close the \`${open.type === "TemplateInterp" ? "${" : "%{"}\` opened at ${at(open.start)}, found ${describe(c)}`,
        tokRange(c),
      );
      return null;
    }
    this.next();
    return { strip: c.flag, end: c.end };
  }

  /** After `%{for`: `VALUE in` or `KEY, VALUE in`; null after reporting what is there instead. */
  parseForVariables(): { keyVar: Identifier | null; valueVar: Identifier } | null {
    const v1 = this.next();
    if (v1.type !== "Ident") {
      this.error(`expected a variable name after \`%{for\`, found ${describe(v1)}`, tokRange(v1));
      return null;
    }
    let keyVar: Identifier | null = null;
    let valueVar: Identifier = { name: v1.value, range: tokRange(v1) };
    if (this.peek().type === "Comma") {
      this.next();
      const v2 = this.next();
      if (v2.type !== "Ident") {
        this.error(`expected a variable name after \`,\`, found ${describe(v2)}`, tokRange(v2));
        return null;
      }
      keyVar = valueVar;
      valueVar = { name: v2.value, range: tokRange(v2) };
    }
    const inTok = this.next();
    if (!(inTok.type === "Ident" && inTok.value === "in")) {
      this.error(`expected \`in\` in the \`%{for}\` directive, found ${describe(inTok)}`, tokRange(inTok));
      return null;
    }
    return { keyVar, valueVar };
  }

  /** At `${` or `%{`: parse the sequence up to its closing `}` into a flat template token. */
  parseTemplateSeq(flat: Flat[]): void {
    const open = this.next();
    const stripL = open.flag;
    if (!this.enter(open)) return;
    const close = () => this.closeTemplateSeq(open);
    try {
      if (open.type === "TemplateInterp") {
        const expr = this.parseExpression();
        if (this.failed) return;
        const c = close();
        if (!c) return;
        flat.push({ t: "interp", expr, strip: { left: stripL, right: c.strip }, range: rng(open.start, c.end) });
        return;
      }
      const kw = this.peek();
      const word = kw.type === "Ident" ? kw.value : "";
      switch (word) {
        case "if": {
          this.next();
          const cond = this.parseExpression();
          if (this.failed) return;
          const c = close();
          if (!c) return;
          flat.push({ t: "if", cond, strip: { left: stripL, right: c.strip }, range: rng(open.start, c.end) });
          return;
        }
        case "else":
        case "endif":
        case "endfor": {
          this.next();
          const c = close();
          if (!c) return;
          flat.push({ t: word, strip: { left: stripL, right: c.strip }, range: rng(open.start, c.end) });
          return;
        }
        case "for": {
          this.next();
          const vars = this.parseForVariables();
          if (!vars) return;
          const coll = this.parseExpression();
          if (this.failed) return;
          const c = close();
          if (!c) return;
          flat.push({ t: "for", ...vars, coll, strip: { left: stripL, right: c.strip }, range: rng(open.start, c.end) });
          return;
        }
        default:
          this.error(
            `expected \`if\`, \`for\`, \`else\`, \`endif\` or \`endfor\` after \`%{\`, found ${describe(kw)}`,
            tokRange(kw),
            "write %%{ to produce a literal %{",
          );
      }
    } finally {
      this.depth--;
    }
  }

  /** Apply strip markers and heredoc flush (as HCL does, on the flat token list), then nest directives. */
  buildTemplate(flat: Flat[], flush: boolean): TemplatePart[] {
    for (let i = 0; i < flat.length; i++) {
      const f = flat[i]!;
      if (f.t === "lit") continue;
      if (f.strip.left) {
        const p = flat[i - 1];
        if (p && p.t === "lit") p.value = trimRightSpace(p.value);
      }
      if (f.strip.right) {
        const q = flat[i + 1];
        if (q && q.t === "lit") q.value = trimLeftSpace(q.value);
      }
    }
    if (flush) flushHeredoc(flat);
    const state = { i: 0 };
    const parts = this.nestParts(flat, state, null);
    return parts;
  }

  /**
   * Nest a flat template into parts: literals and interpolations as they come, `%{if}` and
   * `%{for}` with the parts up to their `%{else}`/`%{endif}`/`%{endfor}`. Stops at the closer
   * of `opener`, or after reporting a mismatched one.
   */
  nestParts(flat: Flat[], st: { i: number }, opener: Directive | null): TemplatePart[] {
    const parts: TemplatePart[] = [];
    while (st.i < flat.length) {
      const f = flat[st.i]!;
      switch (f.t) {
        case "lit":
          st.i++;
          addLiteral(parts, f);
          break;
        case "interp":
          st.i++;
          parts.push({ kind: "TemplateInterpolation", expr: f.expr, strip: f.strip, range: f.range });
          break;
        case "if":
        case "for":
          st.i++;
          if (!this.nestDirective(flat, st, f, parts)) return parts;
          break;
        case "else":
        case "endif":
        case "endfor":
          if (this.stopsAt(f, opener)) return parts;
          st.i++;
          break;
      }
    }
    return parts;
  }

  /** After `%{if}` or `%{for}`: its parts up to its closer, pushed as one part; false when the level must stop. */
  nestDirective(flat: Flat[], st: { i: number }, f: Directive, parts: TemplatePart[]): boolean {
    if (this.depth >= MAX_NESTING) {
      this.error("template directives nested too deeply", f.range);
      return false;
    }
    this.depth++;
    const inner = this.nestParts(flat, st, f);
    let elseParts: TemplatePart[] | null = null;
    let elseStrip: StripMarkers | null = null;
    let g = flat[st.i];
    if (f.t === "if" && g && g.t === "else") {
      elseStrip = g.strip;
      st.i++;
      elseParts = this.nestParts(flat, st, f);
      g = flat[st.i];
    }
    this.depth--;
    const closer = f.t === "if" ? "endif" : "endfor";
    const closing = g !== undefined && (g.t === "endif" || g.t === "endfor") && g.t === closer ? g : undefined;
    const closed = closing !== undefined;
    if (!closed) this.error(`missing \`%{${closer}}\` for the \`%{${f.t}}\` at ${at(f.range.start)}`, f.range);
    else st.i++;
    const endStrip = closing ? closing.strip : { left: false, right: false };
    const range = closing ? rng(f.range.start, closing.range.end) : f.range;
    if (f.t === "if") parts.push({ kind: "TemplateIf", cond: f.cond, thenParts: inner, elseParts, ifStrip: f.strip, elseStrip, endStrip, range });
    else parts.push({ kind: "TemplateFor", keyVar: f.keyVar, valueVar: f.valueVar, collection: f.coll, bodyParts: inner, forStrip: f.strip, endStrip, range });
    return closed;
  }

  /** At `%{else}`, `%{endif}` or `%{endfor}`: true when it ends the level of `opener` (reporting a mismatch); false to skip it. */
  stopsAt(f: Extract<Flat, { t: "else" | "endif" | "endfor" }>, opener: Directive | null): boolean {
    const t = f.t;
    if (opener !== null && ((opener.t === "if" && (t === "endif" || t === "else")) || (opener.t === "for" && t === "endfor"))) return true;
    if (opener !== null && (opener.t === "if" || opener.t === "for")) {
      // Mismatched closer: report against the opener, and stop this level.
      const want = opener.t === "if" ? "%{endif}" : "%{endfor}";
      this.error(`unexpected \`%{${t}}\`: expected \`${want}\` for the directive at ${at(opener.range.start)}`, f.range);
      return true;
    }
    if (opener === null) this.error(`unexpected \`%{${t}}\` without a matching \`%{${t === "endfor" ? "for" : "if"}}\``, f.range);
    return false;
  }
}

/** A literal part, merged into the previous one when they touch. */
function addLiteral(parts: TemplatePart[], f: Extract<Flat, { t: "lit" }>): void {
  const last = parts[parts.length - 1];
  if (last && last.kind === "TemplateLiteral" && last.range.end.offset === f.start.offset) {
    last.value += f.value;
    last.range = rng(last.range.start, f.end);
  } else parts.push({ kind: "TemplateLiteral", value: f.value, range: rng(f.start, f.end) });
}

function startOfText(first: Token): Pos {
  // The file body starts at line 1 column 1 (after a BOM, if any).
  return { line: 1, column: 1, offset: first.start.line === 1 && first.start.column === 1 ? first.start.offset : 0 };
}

function makeBody(items: BodyItem[], range: Range): Body {
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  for (const it of items) {
    if (it.kind === "Attribute") attributes.push(it);
    else blocks.push(it);
  }
  return { kind: "Body", items, attributes, blocks, range };
}

/** HCL's `<<-` indentation removal, on flat template tokens (each literal is at most one line). */
function flushHeredoc(flat: Flat[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: Array<Extract<Flat, { t: "lit" }>> = [];
  for (const f of flat) {
    if (newline) {
      newline = false;
      if (f.t === "lit") {
        const trimmed = trimLeftSpace(f.value);
        let spaces: number;
        if (trimmed.length === 0 && f.value.endsWith("\n")) spaces = Number.MAX_SAFE_INTEGER;
        else {
          spaces = [...f.value.slice(0, f.value.length - trimmed.length)].length;
          adjust.push(f);
        }
        if (spaces < minSpaces) minSpaces = spaces;
      } else {
        minSpaces = 0;
        break;
      }
    }
    if (f.t === "lit" && f.value.endsWith("\n")) newline = true;
  }
  if (minSpaces === Number.MAX_SAFE_INTEGER || minSpaces === 0) return;
  for (const f of adjust) {
    const cps = [...f.value];
    f.value = cps.slice(minSpaces).join("");
  }
}

/** Parses HCL2 native syntax. Never throws; `filename` is accepted for symmetry with HCL (unused in positions). */
export function parseHcl(text: string, filename: string): ParseResult {
  void filename;
  try {
    const { tokens, comments, diagnostics: lexDiags } = lex(text);
    const p = new Parser(tokens, lexDiags);
    const body = p.parseFile();
    const diagnostics = [...lexDiags, ...p.diags].sort((a, b) => a.range.start.offset - b.range.start.offset);
    return { body, diagnostics, tokens, comments };
  } catch (e) {
    // Defensive: a bug must not crash the validator. Report it as a diagnostic.
    const p0: Pos = { line: 1, column: 1, offset: 0 };
    const body: Body = { kind: "Body", items: [], attributes: [], blocks: [], range: rng(p0, p0) };
    const msg = e instanceof Error ? e.message : String(e);
    return { body, diagnostics: [{ severity: "error", message: `internal parser error: ${msg}`, range: rng(p0, p0) }], tokens: [], comments: [] };
  }
}
