import { functionCallsIn, type Expression } from "../../hcl/ast.ts";
import { strV } from "../model/cty.ts";
import { renderLoose } from "../model/evaluate.ts";
import { imageNames, nameDependencies } from "../model/naming.ts";
import type { Report, Rule, RuleContext } from "../types.ts";
import { makeEnv, tryEvaluateTyped, type StandIns } from "../model/values.ts";

const HOLE = "\u0000";
const AMI_CHARS = /^[A-Za-z0-9()[\] ./'@_-]$/;
const GCE_RE = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Two readings of Packer's timestamp() (RFC 3339 in UTC: `time.Now().UTC().Format(time.RFC3339)`):
 * a name is judged under both, so a verdict does not hang on the digits of one moment.
 */
const CLOCK: StandIns[] = ["2024-05-01T12:00:00Z", "1999-12-31T23:59:59Z"].map((t) => ({
  key: `timestamp=${t}`,
  functions: new Map([["timestamp", () => strV(t)]]),
}));

/** Where the name calls timestamp() itself (else: its first character, the call is in a local). */
function timestampCall(e: Expression): Expression | undefined {
  return functionCallsIn(e).find((c) => c.name === "timestamp");
}

/** The name's text under each clock reading, when it is known under both (it calls timestamp()). */
function clockTexts(ctx: RuleContext, e: Expression): string[] | undefined {
  if (!nameDependencies(ctx, e).volatile) return undefined;
  const texts = CLOCK.map((c) => tryEvaluateTyped(ctx, e, true, c).v);
  return texts.every((t): t is string => typeof t === "string") ? texts : undefined;
}

export const rule: Rule = {
  id: "NAM-03",
  name: "image-name-valid",
  severity: "error",
  docs: {
    summary:
      "Image names are valid: AMI names 3–128 characters of `A-Za-z0-9()[] ./'@_-`; GCE names match `^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$`; no raw `timestamp()`.",
    why: 'The cloud rejects an invalid name when the image is registered, after the whole build; `timestamp()` yields "2024-05-01T12:00:00Z", whose colons are invalid in both.',
    fix: 'Use `formatdate("YYYYMMDDhhmmss", timestamp())` (or take the colons out with `replace`/`regex_replace`), lower-case GCE names, and only the allowed characters.',
    evidence:
      "The name's text as Packer computes it: the characters of its literal parts, and of the parts the validator computes " +
      "(variables, locals, pure functions); `timestamp()` is evaluated at two clock readings, and only colons that both names " +
      "keep count. Parts not known before the build are left out, so an error names only characters that are certainly there.",
  },
  check(ctx) {
    const out: Report[] = [];
    const env = makeEnv(ctx);
    for (const n of imageNames(ctx)) {
      // timestamp() judged by evaluation at two clock readings: colons in both names are
      // certain; reshaped by formatdate/replace, or chosen away by a conditional, they are not.
      const clock = clockTexts(ctx, n.attr.expr);
      if (clock) {
        if (clock.every((t) => t.includes(":"))) {
          out.push({
            file: n.file,
            at: (timestampCall(n.attr.expr) ?? n.attr.expr).range.start,
            message: `timestamp() in ${n.kind} yields colons, which image names do not allow`,
            hint: 'use formatdate("YYYYMMDDhhmmss", timestamp())',
          });
          continue;
        }
      }
      // An empty name is the plugin's default (googlecompute: packer-{{timestamp}}) or a missing
      // one (amazon: SRC-04 reports it), not an invalid one.
      if (tryEvaluateTyped(ctx, n.attr.expr).v === "") continue;
      const text = renderLoose(n.attr.expr, env, HOLE).replace(/\{\{[^}]*\}\}/g, HOLE);
      const complete = !text.includes(HOLE) && !text.includes("\u2026");
      const at = n.attr.expr.range.start;
      if (n.kind === "ami_name") {
        const bad = [...text].filter((c) => c !== HOLE && !AMI_CHARS.test(c));
        if (bad.length > 0) {
          out.push({
            file: n.file,
            at,
            message: `ami_name contains ${[...new Set(bad)].map((c) => JSON.stringify(c)).join(", ")}, not allowed in AMI names`,
            hint: "AMI names allow A-Z a-z 0-9 ( ) [ ] space . / ' @ _ -",
          });
        } else if (complete && (text.length < 3 || text.length > 128)) {
          out.push({ file: n.file, at, message: `ami_name "${text}" is ${text.length} characters; AMI names are 3 to 128` });
        }
      } else {
        if (complete) {
          if (!GCE_RE.test(text))
            out.push({
              file: n.file,
              at,
              message: `image_name "${text}" must match ^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$`,
              hint: "use lower-case letters, digits and dashes; start with a letter; at most 63 characters",
            });
        } else {
          const bad = [...text].filter((c) => c !== HOLE && !/[-a-z0-9]/.test(c));
          // HOLE (U+0000) stands for an interpolated part, which may well start with a letter.
          // eslint-disable-next-line no-control-regex
          if (bad.length > 0 || /^[^a-z\u0000]/.test(text)) {
            out.push({
              file: n.file,
              at,
              message:
                `image_name contains ` +
                `${bad.length > 0 ? [...new Set(bad)].map((c) => JSON.stringify(c)).join(", ") : "a leading non-letter"}; GCE ` +
                `names must match ^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$`,
              hint: "use lower-case letters, digits and dashes",
            });
          }
        }
      }
    }
    return out;
  },
};
