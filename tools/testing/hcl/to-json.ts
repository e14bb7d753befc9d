/**
 * A test helper: converts a parsed HCL body to the JSON that hcl2-parser 1.0.3
 * (`parseToObject`, i.e. hcl2json v0.3.3 on HCL v2.10) produces, so the differential tests
 * (to-json.test.ts) can hold our parser to HashiCorp's. Nothing the helper ships uses it.
 *
 * The shape (learned by running hcl2-parser; see to-json.test.ts):
 * - Attributes: literal values stay native (numbers, bools, null, strings, tuples and
 *   objects of them); anything else becomes `"${<source text of the expression>}"`.
 *   `type = string` → `"${string}"`, `f(x)` → `"${f(x)}"`, `(a)` → `"${(a)}"`.
 *   `-1`, `!true` are evaluated (a unary operator on a literal); `-(1)` is not.
 * - Templates: `"${x}"` (one interpolation, nothing else) converts the inner expression
 *   (`"${1}"` → 1, `"${ x }"` → `"${x}"`). Otherwise the parts are concatenated: literal
 *   text as evaluated (escapes decoded, strip markers and `<<-` indentation applied),
 *   literal interpolations stringified (`"x${1e3}"` → `"x1000"`), conditionals written as
 *   `%{if c}…%{else}…%{endif}` (also `${c ? a : b}` inside a longer template), `%{for}` as
 *   `%{for k, v in coll}…%{endfor}`, other interpolations as `${source}`. Heredocs are
 *   plain strings by the same rules.
 * - Object keys: bare identifiers and traversals by their source text (`a.b` → `"a.b"`),
 *   other keys as template parts (`(k)` → `"${(k)}"`). Later duplicate keys win.
 * - Blocks: grouped by type; labelled blocks nest one object level per label, then an
 *   array with one entry per occurrence in source order; unlabelled blocks are arrays.
 *   Attributes are assigned after blocks and overwrite a block of the same name.
 *
 * Known hcl2-parser 1.0.3 behaviour mirrored by default: `$${` and `%%{` come back as
 * `${` / `%{`, which is indistinguishable from a real interpolation in the output. Pass
 * `{ escapeLiteralTemplates: true }` to re-escape them as hcl2json ≥ 0.6.3 does.
 *
 * Where hcl2json fails or panics (null inside a string template, a null object key, `-`
 * on a non-number or `!` on a non-bool literal, a labelled and an unlabelled block of the
 * same type), `toHcl2Json` throws `Hcl2JsonError`.
 */
import type { Body, Block, Expression, TemplatePart, ScopeTraversalExpr } from "../../lib/hcl/ast.ts";

export class Hcl2JsonError extends Error {
  override name = "Hcl2JsonError";
}

export interface ToJsonOptions {
  /** Re-escape literal `${` / `%{` as `$${` / `%%{` (hcl2json ≥ 0.6.3). Default false (hcl2-parser 1.0.3). */
  escapeLiteralTemplates?: boolean;
}

type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

function setKey(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
function hasKey(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
function isObj(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Formats a decimal literal like Go's big.Float `Text('f', -1)`: plain digits, no exponent. */
export function formatDecimal(raw: string): string {
  const m = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(raw);
  if (!m) return raw;
  const intPart = m[1] ?? "";
  const frac = m[2] ?? "";
  const exp = m[3] ? parseInt(m[3], 10) : 0;
  let digits = intPart + frac;
  let point = intPart.length + exp; // position of the decimal point within digits
  // strip leading zeros
  let lead = 0;
  while (lead < digits.length - 1 && digits[lead] === "0") lead++;
  digits = digits.slice(lead);
  point -= lead;
  // strip trailing zeros
  let end = digits.length;
  while (end > 0 && digits[end - 1] === "0") end--;
  digits = digits.slice(0, end);
  if (digits.length === 0) return "0";
  if (Math.abs(point) > 100000) return String(Number(raw));
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return out;
}

class Converter {
  text: string;
  escape: boolean;
  constructor(text: string, opts: ToJsonOptions) {
    this.text = text;
    this.escape = opts.escapeLiteralTemplates === true;
  }

  src(e: { range: { start: { offset: number }; end: { offset: number } } }): string {
    return this.text.slice(e.range.start.offset, e.range.end.offset);
  }
  wrap(e: Expression): string {
    return "${" + this.src(e) + "}";
  }
  lit(s: string): string {
    return this.escape ? s.replace(/\$\{/g, "$${").replace(/%\{/g, "%%{") : s;
  }

  body(b: Body): JsonObject {
    const out: JsonObject = {};
    for (const blk of b.blocks) this.block(blk, out);
    for (const a of b.attributes) setKey(out, a.name, this.expr(a.expr));
    return out;
  }

  block(blk: Block, out: JsonObject): void {
    const value = this.body(blk.body);
    let key = blk.type;
    let target = out;
    const fail = (): never => {
      throw new Hcl2JsonError(`Unable to convert Block to JSON: ${[blk.type, ...blk.labels.map((l) => l.value)].join(".")}`);
    };
    for (const label of blk.labels) {
      if (hasKey(target, key)) {
        const inner = target[key];
        if (!isObj(inner)) fail();
        target = inner as JsonObject;
      } else {
        const obj: JsonObject = {};
        setKey(target, key, obj);
        target = obj;
      }
      key = label.value;
    }
    if (hasKey(target, key)) {
      const cur = target[key];
      if (Array.isArray(cur)) cur.push(value);
      else fail();
    } else setKey(target, key, [value]);
  }

  expr(e: Expression): Json {
    switch (e.kind) {
      case "Literal":
        return typeof e.value === "number" && !Number.isFinite(e.value) ? null : e.value;
      case "UnaryOp": {
        if (e.operand.kind !== "Literal") return this.wrap(e);
        const v = e.operand.value;
        if (e.op === "-") {
          if (typeof v !== "number") throw new Hcl2JsonError(`Invalid operand for unary "-": ${this.src(e)}`);
          return Number.isFinite(v) ? -v : null;
        }
        if (typeof v !== "boolean") throw new Hcl2JsonError(`Invalid operand for unary "!": ${this.src(e)}`);
        return !v;
      }
      case "Template": {
        const only = e.parts.length === 1 ? e.parts[0]! : undefined;
        if (only && only.kind === "TemplateInterpolation") return this.expr(only.expr);
        return this.templateParts(e.parts);
      }
      case "Tuple":
        return e.items.map((i) => this.expr(i));
      case "Object": {
        const out: JsonObject = {};
        for (const it of e.items) {
          const k = it.bareKey ? this.src(it.key) : this.key(it.key);
          setKey(out, k, this.expr(it.value));
        }
        return out;
      }
      default:
        return this.wrap(e);
    }
  }

  key(k: Expression): string {
    if (k.kind === "ScopeTraversal" && isHclTraversal(k)) return this.src(k);
    return this.stringPart(k);
  }

  templateParts(parts: TemplatePart[]): string {
    let s = "";
    for (const p of parts) {
      switch (p.kind) {
        case "TemplateLiteral":
          s += this.lit(p.value);
          break;
        case "TemplateInterpolation":
          s += this.stringPart(p.expr);
          break;
        case "TemplateIf": {
          s += "%{if " + this.src(p.cond) + "}" + this.templateParts(p.thenParts);
          const f = p.elseParts ? this.templateParts(p.elseParts) : "";
          if (f.length > 0) s += "%{else}" + f;
          s += "%{endif}";
          break;
        }
        case "TemplateFor":
          s += "%{for " + (p.keyVar ? p.keyVar.name + ", " : "") + p.valueVar.name + " in " + this.src(p.collection) + "}";
          s += this.templateParts(p.bodyParts) + "%{endfor}";
          break;
      }
    }
    return s;
  }

  /** hcl2json's convertStringPart: an expression appearing as part of a template. */
  stringPart(e: Expression): string {
    switch (e.kind) {
      case "Literal":
        if (e.value === null) throw new Hcl2JsonError("value is null");
        if (typeof e.value === "boolean") return e.value ? "true" : "false";
        return formatDecimal(e.raw);
      case "Template": {
        const only = e.parts.length === 1 ? e.parts[0]! : undefined;
        if (only && only.kind === "TemplateInterpolation") return this.stringPart(only.expr);
        return this.templateParts(e.parts);
      }
      case "Conditional": {
        let s = "%{if " + this.src(e.cond) + "}" + this.stringPart(e.trueExpr);
        const f = this.stringPart(e.falseExpr);
        if (f.length > 0) s += "%{else}" + f;
        return s + "%{endif}";
      }
      default:
        return this.wrap(e);
    }
  }
}

/** Whether HCL itself would parse this as a ScopeTraversalExpr (index keys literal only). */
function isHclTraversal(t: ScopeTraversalExpr): boolean {
  for (const s of t.steps) {
    if (s.kind !== "IndexStep") continue;
    const k = s.key;
    if (k.kind === "Literal") continue;
    if (k.kind === "Template" && k.parts.every((p) => p.kind === "TemplateLiteral") && k.parts.length <= 1) continue;
    return false;
  }
  return true;
}

/**
 * The hcl2-parser-compatible JSON for a parsed file. `text` is the string given to
 * `parseHcl` (expression source is sliced from it). Throws `Hcl2JsonError` where
 * hcl2json fails (see the module comment).
 */
export function toHcl2Json(body: Body, text: string, options: ToJsonOptions = {}): JsonObject {
  return new Converter(text, options).body(body);
}
