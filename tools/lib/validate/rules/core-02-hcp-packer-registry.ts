import { getAttribute, type Block } from "../../hcl/ast.ts";
import { conversionError, parseTypeString } from "../model/convert.ts";
import { UNKNOWN } from "../model/evaluate.ts";
import { tryEvaluate } from "../model/values.ts";
import type { ParsedFile, Report, Rule, RuleContext } from "../types.ts";

/** The arguments Packer decodes from an hcp_packer_registry block (types.build.hcp_packer_registry.go); others are ignored. */
const ARGS: Record<string, string> = {
  bucket_name: "string",
  description: "string",
  labels: "map(string)",
  bucket_labels: "map(string)",
  build_labels: "map(string)",
  channels: "list(string)",
};

const BUCKET_NAME = /^[a-zA-Z0-9-]{3,36}$/;

const sizeOf = (v: unknown): number => (v !== null && typeof v === "object" ? Object.keys(v).length : 0);

/** Packer's checks of one block (decodeHCPRegistry), in its order: it stops at the first of some. */
function checkBlock(ctx: RuleContext, file: ParsedFile, block: Block, out: Report[]): void {
  const values: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(ARGS)) {
    const attr = getAttribute(block.body, name);
    if (!attr) continue;
    const v = tryEvaluate(ctx, attr.expr);
    values[name] = v;
    if (v === UNKNOWN) continue;
    const why = conversionError(v, parseTypeString(type)!);
    if (why) {
      out.push({
        file,
        at: attr.expr.range.start,
        message: `Unsuitable value type for "${name}": ${why}`,
        hint: `hcp_packer_registry.${name} takes a ${type}`,
      });
      return;
    }
  }
  const at = (name: string) => getAttribute(block.body, name)!.expr.range.start;
  const desc = values["description"];
  if (typeof desc === "string" && [...desc].length > 255) {
    out.push({
      file,
      at: at("description"),
      message: "hcp_packer_registry.description should have a maximum length of 255 characters",
      hint: `it has ${[...desc].length}`,
    });
    return;
  }
  const bucket = values["bucket_name"];
  if (typeof bucket === "string" && bucket !== "" && !BUCKET_NAME.test(bucket)) {
    out.push({
      file,
      at: at("bucket_name"),
      message: "hcp_packer_registry.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens",
      hint: `e.g. "${bucket.replace(/[^a-zA-Z0-9-]/g, "-").slice(0, 36)}"`,
    });
  }
  const labels = values["labels"];
  if (sizeOf(labels) > 0 && sizeOf(values["bucket_labels"]) > 0) {
    out.push({
      file,
      at: getAttribute(block.body, "labels")!.nameRange.start,
      message:
        "hcp_packer_registry.labels and hcp_packer_registry.bucket_labels are mutually exclusive; please use the recommended argument hcp_packer_registry.bucket_labels",
    });
    return;
  }
  if (sizeOf(labels) > 0) {
    out.push({
      file,
      at: getAttribute(block.body, "labels")!.nameRange.start,
      severity: "warning",
      message:
        "the argument hcp_packer_registry.labels has been deprecated and will be removed in the next minor release; please use hcp_packer_registry.bucket_labels",
      hint: "rename labels to bucket_labels",
    });
  }
}

export const rule: Rule = {
  id: "CORE-02",
  name: "hcp-packer-registry",
  severity: "error",
  docs: {
    summary:
      "`hcp_packer_registry` is well-formed and declared once: a bucket name of 3–36 letters, digits and hyphens, a description of at most 255 " +
      "characters, `bucket_labels` rather than the deprecated `labels`, arguments of their types; one block, at the top level or in the single build.",
    why:
      'Packer checks the block when it reads the build (`packer validate` fails with "hcp_packer_registry.bucket_name can only contain between 3 ' +
      'and 36 ASCII letters, numbers and hyphens"), and `packer build` refuses a second registry block ("Multiple HCP Packer registry block ' +
      'declaration") or a second build block ("Multiple build blocks") before anything is built, as the block turns the HCP Packer registry on. ' +
      "`labels` and a build-level block still work but are deprecated (warnings).",
    fix: 'Rename the bucket (`bucket_name = "golden-ubuntu"`), shorten the description, use `bucket_labels`, and keep one `hcp_packer_registry` block at the top level.',
    evidence:
      "The checks are Packer's own (hcl2template/types.build.hcp_packer_registry.go, types.packer_config.go's GetHCPPackerRegistryBlock, " +
      "internal/hcp/registry/hcl.go); the build-time ones apply unless HCP_PACKER_REGISTRY=off turns the registry off, which a template " +
      "with the block does not mean to do.",
  },
  check(ctx) {
    const out: Report[] = [];
    const topLevel: Array<{ file: ParsedFile; block: Block }> = [];
    // A block with labels fails to parse (SYN-02): Packer reads none of it.
    for (const file of ctx.templates)
      for (const b of file.body.blocks) if (b.type === "hcp_packer_registry" && b.labels.length === 0) topLevel.push({ file, block: b });
    topLevel.forEach(({ file, block }, i) => {
      if (i > 0) {
        out.push({ file, at: block.typeRange.start, message: "Only one hcp_packer_registry is allowed", hint: "keep one top-level hcp_packer_registry block" });
        return;
      }
      checkBlock(ctx, file, block, out);
    });
    const inBuilds: Array<{ file: ParsedFile; block: Block }> = [];
    for (const { file, block } of ctx.buildBlocks) {
      const mine = block.body.blocks.filter((b) => b.type === "hcp_packer_registry" && b.labels.length === 0);
      mine.forEach((b, i) => {
        if (i > 0) {
          out.push({ file, at: b.typeRange.start, message: "Only one hcp_packer_registry is allowed", hint: "keep one hcp_packer_registry block" });
          return;
        }
        checkBlock(ctx, file, b, out);
        inBuilds.push({ file, block: b });
      });
    }
    // What `packer build` checks before it builds (the registry is on whenever a block is written).
    for (const [i, { file, block }] of inBuilds.entries()) {
      if (i > 0 || topLevel.length > 0) {
        out.push({
          file,
          at: block.typeRange.start,
          message: "Multiple HCP Packer registry block declaration",
          hint: "only one hcp_packer_registry block can be defined; keep the top-level one",
        });
      } else {
        out.push({
          file,
          at: block.typeRange.start,
          severity: "warning",
          message: "Build block level hcp_packer_registry are deprecated",
          hint: "move the block to the top level of the template (Packer 1.12.1 and later)",
        });
      }
    }
    if ((topLevel.length > 0 || inBuilds.length > 0) && ctx.buildBlocks.length > 1) {
      const second = ctx.buildBlocks[1]!;
      out.push({
        file: second.file,
        at: second.block.typeRange.start,
        message: "Multiple build blocks",
        hint: "for HCP Packer Registry enabled builds, only one build block can be defined",
      });
    }
    return out;
  },
};
