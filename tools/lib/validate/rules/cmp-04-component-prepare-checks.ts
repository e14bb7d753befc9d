import { getAttribute, type Block } from "../../hcl/ast.ts";
import { componentBlocks, lookupComponent } from "./utils/components.ts";
import { UNKNOWN } from "../model/evaluate.ts";
import { tryEvaluate } from "../model/values.ts";
import type { Report, Rule, RuleContext } from "../types.ts";

/** The argument's value: UNKNOWN when it cannot be known here, undefined when it is not set. */
function value(ctx: RuleContext, block: Block, name: string): unknown {
  const a = getAttribute(block.body, name);
  return a ? tryEvaluate(ctx, a.expr) : undefined;
}

/** Set to something other than an empty string, list or map (what Go's zero checks see). */
function given(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

export const rule: Rule = {
  id: "CMP-04",
  name: "component-prepare-checks",
  severity: "error",
  docs: {
    summary:
      "The checks components make before they touch the cloud: amazon-ami data sources declare owners, file provisioners a destination, shell `environment_vars` are KEY=VALUE.",
    why:
      "Plugins check their configuration when Packer prepares them, before any build starts, and stop the run: the " +
      'amazon-ami data source refuses to search without an owner ("For security reasons, you must declare an ' +
      'owner."), the file provisioner needs a destination and either sources or content. These are the checks that ' +
      "need no cloud call, read from the plugins' sources.",
    fix: 'Add the missing argument: `owners = ["137112412989"]` for an AMI lookup, `destination = "/tmp/x"` for a file provisioner; write environment variables as "KEY=value".',
    evidence:
      "Arguments the plugin's Prepare method checks before any cloud call (read from the plugin's sources), with their values computed as Packer computes them: a finding only when a value is certainly absent or certainly in conflict; a value not known before the build says nothing.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const c of componentBlocks(ctx)) {
      const known = lookupComponent(ctx, c.kind, c.type).status === "known";
      if (!known) continue;
      const at = c.at;
      if (c.kind === "data" && c.type === "amazon-ami") {
        const owners = value(ctx, c.block, "owners");
        const filters = value(ctx, c.block, "filters");
        if (owners === UNKNOWN || filters === UNKNOWN) continue;
        if (!given(owners) && !given(filters))
          out.push({ file: c.file, at, message: "The `filters` must be specified", hint: 'filters = { name = "al2023-ami-2023.*-x86_64" }' });
        if (!given(owners)) {
          out.push({
            file: c.file,
            at,
            message: "For security reasons, you must declare an owner.",
            hint: 'owners = ["137112412989"] (Amazon), ["099720109477"] (Canonical) or ["136693071363"] (Debian)',
          });
        }
      }
      if (c.kind === "provisioner" && c.type === "file") {
        const dest = value(ctx, c.block, "destination");
        if (dest !== UNKNOWN && !given(dest)) out.push({ file: c.file, at, message: "Destination must be specified.", hint: 'destination = "/tmp/NAME"' });
        const direction = value(ctx, c.block, "direction");
        if (typeof direction === "string" && direction !== "" && direction !== "upload" && direction !== "download") {
          out.push({ file: c.file, at: getAttribute(c.block.body, "direction")!.expr.range.start, message: "Direction must be one of: download, upload." });
        }
        const content = value(ctx, c.block, "content");
        const source = value(ctx, c.block, "source");
        const sources = value(ctx, c.block, "sources");
        const set = (v: unknown) => v !== UNKNOWN && given(v);
        if (set(content) && (set(source) || set(sources))) {
          out.push({
            file: c.file,
            at: getAttribute(c.block.body, "content")!.nameRange.start,
            message: "source(s) conflicts with content.",
            hint: "keep either content or source/sources",
          });
        }
      }
      if (c.kind === "provisioner" && (c.type === "shell" || c.type === "shell-local")) {
        const attr = getAttribute(c.block.body, "environment_vars");
        if (attr?.expr.kind === "Tuple") {
          for (const item of attr.expr.items) {
            const v = tryEvaluate(ctx, item);
            if (typeof v === "string" && !v.includes("=")) {
              out.push({ file: c.file, at: item.range.start, message: `Environment variable not in format 'key=value': ${v}`, hint: `write "${v}=VALUE"` });
            }
          }
        }
      }
    }
    return out;
  },
};
