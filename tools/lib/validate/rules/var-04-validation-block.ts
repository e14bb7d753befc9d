import { getAttribute, staticValue, traversalAttrNames, traversalsIn } from "../../hcl/ast.ts";
import { convert } from "../model/cty-convert.ts";
import { DYN, T_BOOL, isWhollyKnown, toPlain } from "../model/cty.ts";
import { evalExpr, type Scope } from "../model/evaluate.ts";
import type { Report, Rule } from "../types.ts";
import { variableValue } from "../model/values.ts";

/**
 * Packer's looksLikeSentences (copied from Terraform): after trimming spaces, the message is
 * not empty, its first character is not a letter unless an upper-case one (`"` is fine), and
 * it ends in ".", "?" or "!".
 */
export function looksLikeSentence(s: string): boolean {
  const t = s.trim();
  if (t === "") return false;
  const chars = [...t];
  const first = chars[0]!;
  const last = chars[chars.length - 1];
  if (/^\p{L}$/u.test(first) && !/^\p{Lu}$/u.test(first)) return false;
  return last === "." || last === "?" || last === "!";
}

export const rule: Rule = {
  id: "VAR-04",
  name: "validation-block",
  severity: "error",
  docs: {
    summary:
      "Validation blocks: the condition refers to its own variable only, the error message is a sentence, and the condition holds for the supplied value.",
    why:
      "Packer rejects conditions that refer to anything but `var.<self>` and messages that do not read as a sentence " +
      "(a first letter in upper case, a final `.`, `?` or `!`), and it fails the run when a condition is false for " +
      "the value the target supplies.",
    fix: 'Refer only to `var.<name>` in the condition, write e.g. `error_message = "The version must not be empty."`, and fix the supplied value.',
    evidence:
      "The condition as written (what it references), the error message as written (Packer's sentence test), and the condition evaluated as Packer evaluates it on the variable's value converted to its type: false for certain. A value not known before the build is not judged.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const [name, decls] of ctx.variables) {
      const d = decls[0]!;
      for (const v of d.validations) {
        const cond = getAttribute(v.body, "condition");
        const msgAttr = getAttribute(v.body, "error_message");
        let badRef = false;
        if (cond) {
          let self = false;
          for (const t of traversalsIn(cond.expr)) {
            const n = traversalAttrNames(t)[0];
            if (t.root === "var" && n === name) self = true;
            else if (["var", "local", "data", "source", "build"].includes(t.root)) {
              badRef = true;
              out.push({
                file: d.file,
                at: t.range.start,
                message: `Invalid reference in variable validation: the condition for variable "${name}" can only refer to var.${name}`,
              });
            }
          }
          if (!self) {
            badRef = true;
            out.push({
              file: d.file,
              at: cond.expr.range.start,
              message: `The condition for variable "${name}" must refer to var.${name} in order to test incoming values`,
            });
          }
        } else {
          out.push({
            file: d.file,
            at: v.typeRange.start,
            message: 'Missing required argument: The argument "condition" is required, but no definition was found.',
          });
        }
        let message: string | undefined;
        if (msgAttr) {
          const m = staticValue(msgAttr.expr);
          // Packer decodes error_message without an evaluation context: a literal string only.
          const ref = traversalsIn(msgAttr.expr)[0];
          if (ref) {
            out.push({
              file: d.file,
              at: ref.range.start,
              message: "Variables not allowed: Variables may not be used here.",
              hint: "error_message is read before any value is known: write a literal sentence",
            });
          } else if (typeof m === "string") {
            message = m;
            if (!looksLikeSentence(m)) {
              out.push({
                file: d.file,
                at: msgAttr.expr.range.start,
                message: "Invalid validation error message",
                hint: 'write at least one full sentence starting with an upper-case letter and ending in ".", "?" or "!"',
              });
            }
          }
        } else {
          out.push({
            file: d.file,
            at: v.typeRange.start,
            message: 'Missing required argument: The argument "error_message" is required, but no definition was found.',
          });
        }
        if (!cond || badRef) continue;
        // Evaluate the condition on the value the build will see (typed as Packer types it).
        const s = ctx.supplied.get(name);
        const typed = variableValue(ctx, name, ctx.supplied);
        if (!isWhollyKnown(typed)) continue;
        const value = toPlain(typed);
        const scope: Scope = { variable: (n) => (n === name ? typed : DYN), local: () => DYN };
        let raw;
        try {
          raw = evalExpr(cond.expr, scope);
        } catch {
          continue;
        }
        if (!isWhollyKnown(raw)) continue;
        let result: unknown;
        try {
          result = toPlain(convert(raw, T_BOOL));
        } catch (e) {
          result = new Error(e instanceof Error ? e.message : String(e));
        }
        if (result === null || result instanceof Error) {
          out.push({
            file: d.file,
            at: cond.expr.range.start,
            message:
              result === null
                ? "Invalid variable validation result: Validation condition expression must return either true or false, not null."
                : `Invalid variable validation result: Invalid validation condition result value: ${result.message.replace(/\.$/, "")}.`,
            hint: `the condition gives ${JSON.stringify(toPlain(raw))} for ${JSON.stringify(value)}`,
          });
          continue;
        }
        if (result !== false) continue;
        const text = `Invalid value for variable "${name}": ${message ?? "the validation condition is false"}`;
        const hint = `the condition at ${d.file.path}:${cond.expr.range.start.line} is false for ${JSON.stringify(value)}`;
        if (s?.file) out.push({ file: s.file, at: s.attr ? s.attr.expr.range.start : s.at, message: text, hint });
        else if (s) out.push({ file: "<command line>", message: text, hint });
        else if (d.default) out.push({ file: d.file, at: d.default.expr.range.start, message: text, hint });
      }
    }
    return out;
  },
};
