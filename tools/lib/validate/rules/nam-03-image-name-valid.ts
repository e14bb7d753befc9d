import { type Expression } from "../../hcl/ast.ts";
import { renderLoose } from "../model/evaluate.ts";
import { imageNames } from "../model/naming.ts";
import type { Report, Rule } from "../types.ts";
import { makeEnv } from "../model/values.ts";

const HOLE = "\u0000";
const AMI_CHARS = /^[A-Za-z0-9()[\] ./'@_-]$/;
const GCE_RE = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Functions whose result still holds their arguments' text (colons included). Any other call
 * (formatdate, replace, regex_replace, substr, …) may reshape a timestamp: not looked into.
 */
const PASS_THROUGH = new Set(["lower", "upper", "title", "trimspace", "trim", "trimprefix", "trimsuffix", "chomp", "format", "join", "coalesce", "tostring"]);

function rawTimestamps(e: Expression, out: Expression[]): void {
  const stack: Expression[] = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === "FunctionCall") {
      if (x.name === "timestamp") {
        out.push(x);
        continue;
      }
      if (!PASS_THROUGH.has(x.name)) continue;
    }
    // Descend without the ast walker so formatdate(…) subtrees can be skipped.
    switch (x.kind) {
      case "Template":
        for (const p of x.parts) if (p.kind === "TemplateInterpolation") stack.push(p.expr);
        break;
      case "FunctionCall":
        for (const a of x.args) stack.push(a);
        break;
      case "Parens":
        stack.push(x.expr);
        break;
      case "Conditional":
        stack.push(x.trueExpr, x.falseExpr);
        break;
      case "BinaryOp":
        stack.push(x.left, x.right);
        break;
      default:
        break;
    }
  }
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
  },
  check(ctx) {
    const out: Report[] = [];
    const env = makeEnv(ctx);
    for (const n of imageNames(ctx)) {
      const ts: Expression[] = [];
      rawTimestamps(n.attr.expr, ts);
      for (const t of ts) {
        out.push({
          file: n.file,
          at: t.range.start,
          message: `timestamp() in ${n.kind} yields colons, which image names do not allow`,
          hint: 'use formatdate("YYYYMMDDhhmmss", timestamp())',
        });
      }
      if (ts.length > 0) continue;
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
