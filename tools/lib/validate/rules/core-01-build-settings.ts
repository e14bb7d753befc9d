import { getAttribute, traversalsIn, type Attribute, type Block, type Expression } from "../../hcl/ast.ts";
import { durationError } from "../checks/golike.ts";
import { conversionError, parseTypeString } from "../model/convert.ts";
import { UNKNOWN } from "../model/evaluate.ts";
import { tryEvaluate, type TypeSpec } from "../model/values.ts";
import type { ParsedFile, Report, Rule, RuleContext } from "../types.ts";

/** Packer's own arguments of a provisioner block (hcl2template/types.build.provisioners.go) and their Go types, as cty types. */
const PROVISIONER_ARGS: Record<string, string> = {
  name: "string",
  pause_before: "string",
  max_retries: "number",
  timeout: "string",
  continue_on_error: "bool",
  only: "list(string)",
  except: "list(string)",
};
/** Those of a post-processor block (types.build.post-processor.go). */
const POST_PROCESSOR_ARGS: Record<string, string> = { name: "string", only: "list(string)", except: "list(string)", keep_input_artifact: "bool" };
/** Those of the build block itself (types.build.go). */
const BUILD_ARGS: Record<string, string> = { name: "string", description: "string", sources: "list(string)" };

const types = new Map<string, TypeSpec | undefined>();
function typeOf(text: string): TypeSpec | undefined {
  if (!types.has(text)) types.set(text, parseTypeString(text));
  return types.get(text);
}

/** Why gohcl cannot decode `v` into a Go value of cty type `type` (an `int` too), or undefined. */
function unsuitable(v: unknown, type: string, goInt: boolean): string | undefined {
  const t = typeOf(type);
  const why = t ? conversionError(v, t) : undefined;
  if (why) return why;
  if (goInt) {
    const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
    if (!Number.isNaN(n) && !Number.isInteger(n)) return "value must be a whole number, between -9223372036854775808 and 9223372036854775807";
  }
  return undefined;
}

/** The provisioner, error-cleanup-provisioner and post-processor blocks of a build, with what Packer reads off each. */
function components(build: Block): Array<{ block: Block; args: Record<string, string> }> {
  const out: Array<{ block: Block; args: Record<string, string> }> = [];
  for (const c of build.body.blocks) {
    if (c.type === "provisioner" || c.type === "error-cleanup-provisioner") out.push({ block: c, args: PROVISIONER_ARGS });
    else if (c.type === "post-processor") out.push({ block: c, args: POST_PROCESSOR_ARGS });
    else if (c.type === "post-processors") for (const pp of c.body.blocks) if (pp.type === "post-processor") out.push({ block: pp, args: POST_PROCESSOR_ARGS });
  }
  return out;
}

function checkTypes(ctx: RuleContext, file: ParsedFile, body: Block["body"], args: Record<string, string>, out: Report[]): void {
  for (const [name, type] of Object.entries(args)) {
    const attr = getAttribute(body, name);
    if (!attr) continue;
    const v = tryEvaluate(ctx, attr.expr);
    if (v === UNKNOWN) continue;
    const why = unsuitable(v, type, name === "max_retries");
    if (why) out.push({ file, at: attr.expr.range.start, message: `Unsuitable value type for "${name}": ${why}`, hint: `${name} takes a ${type}` });
  }
}

function checkDuration(ctx: RuleContext, file: ParsedFile, attr: Attribute | undefined, out: Report[]): void {
  if (!attr) return;
  const v = tryEvaluate(ctx, attr.expr);
  if (typeof v !== "string" || v === "") return;
  const err = durationError(v);
  if (err) {
    out.push({
      file,
      at: attr.expr.range.start,
      message: `Failed to parse ${attr.name} duration: ${err}`,
      hint: 'write a number with a unit: "30s", "5m", "1h30m"',
    });
  }
}

function checkOverride(ctx: RuleContext, file: ParsedFile, attr: Attribute | undefined, out: Report[]): void {
  if (!attr) return;
  const v = tryEvaluate(ctx, attr.expr);
  if (v === UNKNOWN || v === null) return;
  const isObject = (x: unknown): boolean => typeof x === "object" && x !== null && !Array.isArray(x);
  if (!isObject(v)) {
    out.push({
      file,
      at: attr.expr.range.start,
      message: "provisioner's override block must be an HCL object",
      hint: 'write override = { "TYPE.NAME" = { argument = value } }',
    });
    return;
  }
  for (const [name, inner] of Object.entries(v as Record<string, unknown>)) {
    if (inner === UNKNOWN || isObject(inner)) continue;
    out.push({
      file,
      at: attr.expr.range.start,
      message: `provisioner's override.'${name}' block must be an HCL object`,
      hint: `write "${name}" = { argument = value }`,
    });
  }
}

/** The first variable or function call in an expression Packer decodes without an evaluation context. */
function notLiteral(expr: Expression): { message: string; at: Expression["range"]["start"] } | undefined {
  const t = traversalsIn(expr)[0];
  if (t) return { message: "Variables not allowed: Variables may not be used here.", at: t.range.start };
  let call: Expression | undefined;
  const walk = (e: unknown): void => {
    if (call || typeof e !== "object" || e === null) return;
    if ((e as Expression).kind === "FunctionCall") call = e as Expression;
    for (const v of Object.values(e)) if (typeof v === "object") walk(v);
  };
  walk(expr);
  return call ? { message: "Function calls not allowed: Functions may not be called here.", at: call.range.start } : undefined;
}

export const rule: Rule = {
  id: "CORE-01",
  name: "build-settings",
  severity: "error",
  docs: {
    summary:
      "Packer's own settings in a build are well-formed: `pause_before` and `timeout` are Go durations, `max_retries` a whole number, " +
      "`override` an object of objects, every setting of its type; one `error-cleanup-provisioner` at most; a literal `name` in a build-level `source` block.",
    why:
      "Packer decodes these settings itself when it reads the build block, before any plugin runs, and stops `packer validate` with " +
      '"Failed to parse pause_before duration" (a duration without a unit, `"10"`), "Unsuitable value type", "provisioner\'s override ' +
      'block must be an HCL object" or "Only one error-cleanup-provisioner is allowed". A build-level `source` block is read without ' +
      'variables or functions: `name = var.x` fails with "Variables not allowed".',
    fix: 'Write durations with a unit (`pause_before = "30s"`), `max_retries = 3`, `override = { "amazon-ebs.x" = { … } }`; keep one error-cleanup-provisioner; give a build-level source a literal `name`.',
    evidence:
      "Each check is one of Packer's own (hcl2template in the pinned Packer release, listed in tools/lib/validate/checks/README.md); values the validator cannot know are not judged.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const { file, block } of ctx.buildBlocks) {
      checkTypes(ctx, file, block.body, BUILD_ARGS, out);
      let cleanup = 0;
      for (const { block: c, args } of components(block)) {
        checkTypes(ctx, file, c.body, args, out);
        if (args === PROVISIONER_ARGS) {
          checkDuration(ctx, file, getAttribute(c.body, "pause_before"), out);
          checkDuration(ctx, file, getAttribute(c.body, "timeout"), out);
          checkOverride(ctx, file, getAttribute(c.body, "override"), out);
        }
        if (c.type === "error-cleanup-provisioner" && ++cleanup > 1) {
          out.push({ file, at: c.typeRange.start, message: "Only one error-cleanup-provisioner is allowed", hint: "merge the cleanup steps into one block" });
        }
      }
      for (const s of block.body.blocks) {
        const name = s.type === "source" ? getAttribute(s.body, "name") : undefined;
        const bad = name && notLiteral(name.expr);
        if (bad)
          out.push({ file, at: bad.at, message: bad.message, hint: "a build-level source's name is read before variables are known: write a literal string" });
      }
    }
    return out;
  },
};
