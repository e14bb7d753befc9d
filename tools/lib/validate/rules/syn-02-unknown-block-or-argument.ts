import type { Block, Body } from "../../hcl/ast.ts";
import {
  BLOCK_ARGUMENTS,
  BUILD_ATTRIBUTES,
  BUILD_BLOCKS,
  LOCAL_ATTRIBUTES,
  MAP_ATTRIBUTES,
  TOP_LEVEL_BLOCKS,
  VALIDATION_ATTRIBUTES,
  VARIABLE_ATTRIBUTES,
  pluginFamily,
} from "./utils/knowledge.ts";
import { lookupComponent } from "./utils/components.ts";
import type { ParsedFile, Report, Rule, RuleContext } from "../types.ts";
import { didYouMean } from "../util.ts";

const PACKER_ATTRIBUTES: ReadonlySet<string> = new Set(["required_version"]);

function labelCount(file: ParsedFile, b: Block, want: number | undefined, where: string, out: Report[]): void {
  if (want === undefined || b.labels.length === want) return;
  const what = want === 0 ? "no labels" : want === 1 ? "one label" : `${want} labels`;
  const at = b.labels.length > want ? b.labels[want]!.range.start : b.typeRange.start;
  out.push({
    file,
    at,
    message: `${b.type} blocks ${where}take ${what}, found ${b.labels.length}`,
    hint: b.type === "source" || b.type === "data" ? `write ${b.type} "TYPE" "NAME" { … }` : undefined,
  });
}

/** Arguments of a block Packer does not know: `where` is "a build block", "the packer block", .... */
function unexpectedArguments(file: ParsedFile, body: Body, allowed: ReadonlySet<string>, where: string, out: Report[]): void {
  for (const a of body.attributes) {
    if (!allowed.has(a.name)) {
      out.push({ file, at: a.nameRange.start, message: `An argument named "${a.name}" is not expected in ${where}${didYouMean(a.name, allowed)}` });
    }
  }
}

function checkComponentBody(ctx: RuleContext, file: ParsedFile, kind: "source" | "data", type: string, body: Body, out: Report[]): void {
  const fam = pluginFamily(type);
  if (!fam) return;
  // With the component's schema, CMP-02 judges every argument and block.
  if (lookupComponent(ctx, kind, type).status === "known") return;
  const maps = MAP_ATTRIBUTES[fam]!;
  const blocks = BLOCK_ARGUMENTS[fam]!;
  const walk = (b: Body): void => {
    for (const blk of b.blocks) {
      if (maps.has(blk.type)) {
        out.push({
          file,
          at: blk.typeRange.start,
          message: `Blocks of type "${blk.type}" are not expected here; use ${blk.type} = {…}`,
          hint: `"${blk.type}" is a map argument: add "=" after the name`,
        });
      } else walk(blk.body);
    }
    for (const a of b.attributes) {
      if (blocks.has(a.name) && (a.expr.kind === "Object" || a.expr.kind === "Tuple")) {
        out.push({
          file,
          at: a.nameRange.start,
          message: `An argument named "${a.name}" is not expected here; ${a.name} is a block`,
          hint: `write ${a.name} { … } without "="`,
        });
      }
    }
  };
  walk(body);
}

export const rule: Rule = {
  id: "SYN-02",
  name: "unknown-block-or-argument",
  severity: "error",
  docs: {
    summary: "Only the blocks and arguments Packer knows, at the level it expects them; maps are not blocks.",
    why:
      'Packer rejects unknown top-level blocks, unknown build children and top-level arguments ("Blocks of type X ' +
      'are not expected here"). Writing a map argument as a block (`tags { … }`) or a block as a map ' +
      "(`source_ami_filter = { … }`) is the most common HCL2 mistake.",
    fix: "Rename the block to a known one, move it into the right parent, or switch between `name { … }` (block) and `name = { … }` (map) as the message says.",
    evidence:
      "The block and argument names Packer's own configuration schema accepts at each level (hcl2template's body schemas): a name outside them is refused when Packer decodes the file, whatever the values.",
  },
  check(ctx) {
    const out: Report[] = [];
    const top = Object.keys(TOP_LEVEL_BLOCKS);
    for (const file of ctx.templates) {
      for (const a of file.body.attributes) {
        out.push({
          file,
          at: a.nameRange.start,
          message: `An argument named "${a.name}" is not expected at the top level`,
          hint: file.path.endsWith(".pkrvars.hcl") ? undefined : "values of variables belong in a .pkrvars.hcl file or in a variable's default",
        });
      }
      for (const b of file.body.blocks) {
        if (!(b.type in TOP_LEVEL_BLOCKS)) {
          out.push({
            file,
            at: b.typeRange.start,
            message: `Blocks of type "${b.type}" are not expected here${didYouMean(b.type, top)}`,
            hint: `top-level blocks: ${top.join(", ")}`,
          });
          continue;
        }
        labelCount(file, b, TOP_LEVEL_BLOCKS[b.type], "", out);
        if (b.type === "build") {
          unexpectedArguments(file, b.body, BUILD_ATTRIBUTES, "a build block", out);
          for (const c of b.body.blocks) {
            if (!(c.type in BUILD_BLOCKS)) {
              out.push({
                file,
                at: c.typeRange.start,
                message: `Blocks of type "${c.type}" are not expected in a build block${didYouMean(c.type, Object.keys(BUILD_BLOCKS))}`,
              });
              continue;
            }
            labelCount(file, c, BUILD_BLOCKS[c.type], "in a build ", out);
            if (c.type === "post-processors") {
              for (const pp of c.body.blocks) {
                if (pp.type !== "post-processor") {
                  out.push({ file, at: pp.typeRange.start, message: `Blocks of type "${pp.type}" are not expected in post-processors; only post-processor` });
                }
              }
            }
            if (c.type === "source" && c.labels[0]) checkComponentBody(ctx, file, "source", c.labels[0].value.split(".").slice(-2)[0]!, c.body, out);
          }
        }
        if (b.type === "variable") {
          unexpectedArguments(file, b.body, VARIABLE_ATTRIBUTES, "a variable block", out);
          for (const c of b.body.blocks) {
            if (c.type !== "validation") {
              out.push({ file, at: c.typeRange.start, message: `Blocks of type "${c.type}" are not expected in a variable block` });
              continue;
            }
            unexpectedArguments(file, c.body, VALIDATION_ATTRIBUTES, "a validation block", out);
            for (const n of c.body.blocks)
              out.push({ file, at: n.typeRange.start, message: `Blocks of type "${n.type}" are not expected in a validation block` });
          }
        }
        if (b.type === "local") {
          unexpectedArguments(file, b.body, LOCAL_ATTRIBUTES, "a local block", out);
          for (const c of b.body.blocks) out.push({ file, at: c.typeRange.start, message: `Blocks of type "${c.type}" are not expected in a local block` });
          if (!b.body.attributes.some((a) => a.name === "expression") && b.labels.length === 1) {
            out.push({
              file,
              at: b.typeRange.start,
              message: `Missing required argument: a local block needs "expression"`,
              hint: "Packer stops (it crashes) on a local block without an expression: add expression = …",
            });
          }
        }
        if (b.type === "locals" || b.type === "variables") {
          // Read with JustAttributes: HCL refuses any block inside.
          for (const c of b.body.blocks) {
            out.push({
              file,
              at: c.typeRange.start,
              message: `Unexpected "${c.type}" block; Blocks are not allowed here.`,
              hint: `${b.type} holds only name = value arguments${c.labels.length === 0 ? `: write ${c.type} = { … }` : ""}`,
            });
          }
        }
        if (b.type === "packer") {
          unexpectedArguments(file, b.body, PACKER_ATTRIBUTES, "the packer block", out);
          for (const c of b.body.blocks) {
            if (c.type !== "required_plugins") {
              out.push({
                file,
                at: c.typeRange.start,
                message: `Blocks of type "${c.type}" are not expected in the packer block${didYouMean(c.type, ["required_plugins"])}`,
              });
            }
          }
        }
        if ((b.type === "source" || b.type === "data") && b.labels[0]) checkComponentBody(ctx, file, b.type, b.labels[0].value, b.body, out);
      }
    }
    return out;
  },
};
