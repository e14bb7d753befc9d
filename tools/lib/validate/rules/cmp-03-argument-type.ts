import { componentBlocks, lookupComponent, walkBody } from "./utils/components.ts";
import { conversionError, parseTypeString } from "../model/convert.ts";
import { UNKNOWN } from "../model/evaluate.ts";
import type { TypeSpec } from "../model/values.ts";
import { tryEvaluate } from "../model/values.ts";
import type { Report, Rule } from "../types.ts";

const types = new Map<string, TypeSpec | undefined>();

function typeOf(text: string): TypeSpec | undefined {
  if (!types.has(text)) types.set(text, parseTypeString(text));
  return types.get(text);
}

export const rule: Rule = {
  id: "CMP-03",
  name: "argument-type",
  severity: "error",
  docs: {
    summary: "Component arguments get values HCL can convert to their type (a bool for `most_recent`, a list for `owners`).",
    why:
      'Packer converts each argument to the type the plugin declares, with HCL\'s rules ("true" becomes a bool, "5" ' +
      'a number, but a single string never becomes a list), and stops with "Inappropriate value for attribute" when ' +
      "it cannot. The check judges literal values and those it can evaluate from variable defaults, values the " +
      "target passes and locals; types come from the component schema table.",
    fix: 'Give a value of the type the message names: `most_recent = true`, `owners = ["amazon"]`, `tags = { Name = "x" }`.',
    evidence:
      "The argument's type from the plugin's decode schema, and its value computed as go-cty computes it (literals, variables as the target supplies them, locals, pure functions): a value that go-cty's conversion rules cannot turn into that type. Values not known before the build are not judged.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const c of componentBlocks(ctx)) {
      const found = lookupComponent(ctx, c.kind, c.type);
      if (found.status !== "known") continue;
      walkBody(ctx, found.table, c.block.body, found.body, c.meta, {
        attribute(attr, _schema, type, dynamic) {
          if (type === undefined || dynamic !== "no") return;
          const t = typeOf(type);
          if (!t || t.k === "any") return;
          const v = tryEvaluate(ctx, attr.expr);
          if (v === UNKNOWN) return;
          const why = conversionError(v, t);
          if (why) {
            out.push({
              file: c.file,
              at: attr.expr.range.start,
              message: `Inappropriate value for attribute "${attr.name}": ${why}.`,
              hint: `${attr.name} takes ${type}`,
            });
          }
        },
        block() {},
      });
    }
    return out;
  },
};
