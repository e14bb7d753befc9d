import { getAttribute, staticValue, type Block, type Expression } from "../../hcl/ast.ts";
import type { ParsedFile, Report, Rule } from "../types.ts";

const CONSTRAINT = /^\s*(=|!=|>|<|>=|<=|~>)?\s*v?\d+(\.\d+)*(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/;

/** Whether `s` is valid hashicorp/go-version constraint syntax. */
export function validConstraint(s: string): boolean {
  if (s.trim() === "") return false;
  return s.split(",").every((p) => CONSTRAINT.test(p));
}

/** Why a plugin source string is invalid, or undefined. */
export function sourceProblem(s: string): string | undefined {
  const parts = s.split("/");
  if (parts.length < 3 || parts.some((p) => p === "")) return `"${s}" is not of the form HOST/NAMESPACE/NAME (e.g. github.com/hashicorp/amazon)`;
  if (!parts[0]!.includes(".")) return `"${parts[0]}" is not a host name; sources look like github.com/hashicorp/amazon`;
  const name = parts[parts.length - 1]!;
  if (name.startsWith("packer-plugin-"))
    return `the plugin name must not start with "packer-plugin-"; use "${[...parts.slice(0, -1), name.slice(14)].join("/")}"`;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return `"${name}" is not a valid plugin name`;
  // addrs.ParsePluginPart and ParsePluginSourceString (hcl2template/addrs/plugin.go).
  if (name.includes("--")) return `Invalid plugin type "${name}" in source: cannot use multiple consecutive dashes`;
  if (name.startsWith("-") || name.endsWith("-"))
    return `Invalid plugin type "${name}" in source: must contain only letters, digits, and dashes, and may not use leading or trailing dashes`;
  if (name.startsWith("packer-"))
    return `Plugin source has a type with the "packer-" prefix, which isn't valid; use "${[...parts.slice(0, -1), name.slice(7)].join("/")}"`;
  if (parts.length > 16) return `The source URL must have at most 16 components, and the one provided has ${parts.length}`;
  return undefined;
}

function exprStart(e: Expression) {
  return e.range.start;
}

export const rule: Rule = {
  id: "SYN-03",
  name: "required-plugins-syntax",
  severity: "error",
  docs: {
    summary: "`required_version` and every `required_plugins` entry must be well-formed.",
    why: 'Packer parses the packer block before anything else: a bad version constraint or plugin source stops `packer init` and every build with "Invalid plugin requirement".',
    fix: 'Write each plugin as `name = { source = "github.com/hashicorp/name", version = "~> 1.3" }` and constraints like `">= 1.10.0"`.',
    evidence:
      "The literal text of `required_version` and `required_plugins`, which Packer reads without variables or functions, checked with the version-constraint and plugin-source grammar Packer uses: a malformed one stops `packer init` and every build.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Map<string, { file: ParsedFile; block: Block; line: number }>();
    for (const { file, block } of ctx.packerBlocks) {
      const rv = getAttribute(block.body, "required_version");
      if (rv) {
        const v = staticValue(rv.expr);
        if (typeof v !== "string" || !validConstraint(v)) {
          out.push({
            file,
            at: exprStart(rv.expr),
            message: "Invalid required_version: not a version constraint string",
            hint: 'write e.g. required_version = ">= 1.10.0"',
          });
        }
      }
      for (const rp of block.body.blocks.filter((b) => b.type === "required_plugins")) {
        // Read with JustAttributes: HCL refuses a block inside.
        for (const inner of rp.body.blocks) {
          out.push({
            file,
            at: inner.typeRange.start,
            message: `Unexpected "${inner.type}" block; Blocks are not allowed here.`,
            hint: `write ${inner.type} = { source = "…", version = "…" }`,
          });
        }
        for (const a of rp.body.attributes) {
          const first = seen.get(a.name);
          // Twice in one block is HCL's "Duplicate argument" (SYN-01); across blocks, Packer's own check.
          if (first && first.block !== rp) {
            out.push({
              file,
              at: a.nameRange.start,
              message: `Duplicate required_plugin.${JSON.stringify(a.name)} block`,
              hint: `${a.name} is already required at ${first.file.path}:${first.line}; keep one`,
            });
            continue;
          }
          if (!first) seen.set(a.name, { file, block: rp, line: a.nameRange.start.line });
          if (!/^[a-z0-9_-]+$/.test(a.name)) {
            out.push({
              file,
              at: a.nameRange.start,
              message: `Invalid plugin local name "${a.name}"`,
              hint: `plugin names are lower case: use "${a.name.toLowerCase()}"`,
            });
          }
          if (a.expr.kind !== "Object") {
            out.push({
              file,
              at: exprStart(a.expr),
              message: `Invalid plugin requirement: ${a.name} must be an object`,
              hint: `write ${a.name} = { source = "github.com/hashicorp/${a.name}", version = "~> 1.0" }`,
            });
            continue;
          }
          const fields = new Map<string, Expression>();
          for (const it of a.expr.items) {
            const k = staticValue(it.key);
            if (typeof k === "string") fields.set(k, it.value);
            if (k !== "source" && k !== "version") {
              out.push({
                file,
                at: exprStart(it.key),
                message: `Invalid required_plugins object: unexpected "${String(k)}"; only "source" and "version" are allowed`,
              });
            }
          }
          const version = fields.get("version");
          if (!version) {
            out.push({ file, at: exprStart(a.expr), message: `No version constraint was set for plugin ${a.name}`, hint: 'add version = "~> 1.0"' });
          } else {
            const v = staticValue(version);
            if (typeof v !== "string" || !validConstraint(v)) {
              out.push({
                file,
                at: exprStart(version),
                message: `Invalid version constraint for plugin ${a.name}`,
                hint: 'use go-version syntax, e.g. "~> 1.3" or ">= 1.2.0, < 2.0.0"',
              });
            } else if (v.split(",").some((c) => /\d-[0-9A-Za-z.-]+\s*$/.test(c.replace(/\+[0-9A-Za-z.-]+\s*$/, "")))) {
              out.push({
                file,
                at: exprStart(version),
                message: `Invalid version constraint: Unsupported prerelease for constraint ${JSON.stringify(v)}`,
                hint: "required_plugins takes release versions only",
              });
            }
          }
          const source = fields.get("source");
          if (!source) {
            out.push({ file, at: exprStart(a.expr), message: `No source was set for plugin ${a.name}`, hint: `add source = "github.com/hashicorp/${a.name}"` });
          } else {
            const s = staticValue(source);
            const problem = typeof s === "string" ? sourceProblem(s) : "the source must be a literal string";
            if (problem) out.push({ file, at: exprStart(source), message: `Invalid plugin source for ${a.name}: ${problem}` });
          }
        }
      }
    }
    return out;
  },
};
