/** Image names of sources (ami_name / image_name), shared by the NAM rules. */
import { traversalAttrNames, traversalsIn, walkExpressions, type Attribute, type Expression } from "../../hcl/ast.ts";
import { mergedAttributes } from "./context.ts";
import { VOLATILE_FUNCTIONS } from "./evaluate.ts";
import { FUNCTION_IMPLS } from "./functions.ts";

/** Functions that read a secret store or the environment: their result may change between runs. */
const EXTERNAL_FUNCTIONS = new Set(["aws_secretsmanager", "aws_secretsmanager_raw", "vault", "consul_key", "env"]);
import type { LabeledDecl, ParsedFile, RuleContext, SourceUse } from "../types.ts";

export interface ImageName {
  use: SourceUse;
  decl: LabeledDecl;
  kind: "ami_name" | "image_name";
  attr: Attribute;
  /** The file holding the attribute. */
  file: ParsedFile;
}

export function imageNames(ctx: RuleContext): ImageName[] {
  const cached = ctx.memo.get("names") as ImageName[] | undefined;
  if (cached) return cached;
  const out: ImageName[] = [];
  const seen = new Set<Attribute>();
  const uses: SourceUse[] = ctx.builds.flatMap((b) => b.uses);
  for (const [, decls] of ctx.sources) {
    const d = decls[0]!;
    if (!uses.some((u) => u.decl === d)) uses.push({ raw: "", type: d.type, name: d.name, file: d.file, range: d.block.range, decl: d, valid: true });
  }
  for (const use of uses) {
    if (!use.decl) continue;
    const kind = use.type.startsWith("amazon-") && use.type !== "amazon-ebsvolume" ? "ami_name" : use.type === "googlecompute" ? "image_name" : undefined;
    if (!kind) continue;
    const attr = mergedAttributes(use).get(kind);
    if (!attr || seen.has(attr)) continue;
    seen.add(attr);
    const inDecl = use.decl.block.body.attributes.includes(attr);
    out.push({ use, decl: use.decl, kind, attr, file: inDecl ? use.decl.file : use.file });
  }
  ctx.memo.set("names", out);
  return out;
}

/**
 * What a name depends on, following locals: variables, data sources, volatile functions,
 * secret stores and the environment (`external`), and legacy `{{...}}` calls.
 */
export function nameDependencies(
  ctx: RuleContext,
  expr: Expression,
): { vars: Set<string>; data: boolean; volatile: boolean; legacy: boolean; external: boolean } {
  const deps = { vars: new Set<string>(), data: false, volatile: false, legacy: false, external: false };
  const visited = new Set<string>();
  const visit = (e: Expression): void => {
    for (const t of traversalsIn(e)) {
      const n = traversalAttrNames(t)[0];
      if (t.root === "var" && n !== undefined) deps.vars.add(n);
      else if (t.root === "data") deps.data = true;
      else if (t.root === "local" && n !== undefined && !visited.has(n)) {
        visited.add(n);
        const l = ctx.locals.get(n)?.[0]?.expr;
        if (l) visit(l);
      }
    }
    walkExpressions(e, (x) => {
      if (x.kind === "FunctionCall" && VOLATILE_FUNCTIONS.has(x.name)) deps.volatile = true;
      if (x.kind === "FunctionCall" && EXTERNAL_FUNCTIONS.has(x.name) && FUNCTION_IMPLS[x.name]?.unknown === "build-environment") deps.external = true;
      if (x.kind === "Template")
        for (const p of x.parts) if (p.kind === "TemplateLiteral" && /\{\{\s*(timestamp|uuid|isotime)/.test(p.value)) deps.legacy = true;
    });
  };
  visit(expr);
  return deps;
}
