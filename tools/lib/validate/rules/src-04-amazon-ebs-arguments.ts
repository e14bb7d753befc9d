import { getAttribute } from "../../hcl/ast.ts";
import { mergedAttributes, mergedBlocks } from "../model/context.ts";
import { UNKNOWN } from "../model/cty.ts";
import { argumentSet, tryEvaluate } from "../model/values.ts";
import { AMAZON_RUN_BUILDERS } from "./utils/knowledge.ts";
import type { Report, Rule, SourceUse } from "../types.ts";

export const rule: Rule = {
  id: "SRC-04",
  name: "amazon-ebs-arguments",
  severity: "error",
  docs: {
    summary: "amazon-ebs sources: source_ami or source_ami_filter (with owners), exactly one of instance_type / spot_instance_types, ssh_username, ami_name.",
    why:
      'The amazon plugin rejects these in `packer validate` ("For security reasons, your source AMI filter must ' +
      'declare an owner.", "An ssh_username must be specified"); without owners an AMI filter can pick up anyone\'s image.',
    fix: 'Add the missing argument; for filters add `owners = ["137112412989"]` (or the publisher\'s account) and `most_recent = true`.',
    evidence:
      "The source's arguments with values computed as Packer computes them, judged by the checks the amazon plugin's Prepare makes (read from its sources): an argument certainly absent, null or empty, or two certainly set that exclude each other. A value not known before the build, including a communicator, says nothing.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    const uses: SourceUse[] = ctx.builds.flatMap((b) => b.uses);
    // Sources defined but not used by any build are checked on their own.
    for (const [, decls] of ctx.sources) {
      const d = decls[0]!;
      if (!uses.some((u) => u.decl === d)) uses.push({ raw: "", type: d.type, name: d.name, file: d.file, range: d.block.range, decl: d, valid: true });
    }
    const push = (r: Report): void => {
      const at = r.at!;
      const key = `${typeof r.file === "string" ? r.file : r.file.path}:${at.line}:${at.column}:${r.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(r);
    };
    for (const u of uses) {
      if (!u.decl || !AMAZON_RUN_BUILDERS.has(u.type)) continue;
      const attrs = mergedAttributes(u);
      const file = u.decl.file;
      const at = u.decl.block.labels[0]!.range.start;
      // Set, unset, or not known before the build (undefined): only a certain answer is evidence.
      const has = (n: string): boolean | undefined => argumentSet(ctx, attrs.get(n)?.expr);
      const filters = mergedBlocks(u, "source_ami_filter");
      if (has("source_ami") === false && filters.length === 0) {
        push({ file, at, message: "A source_ami or source_ami_filter must be specified", hint: "use a source_ami_filter with owners and most_recent = true" });
      }
      for (const f of filters) {
        const owners = argumentSet(ctx, getAttribute(f.body, "owners")?.expr);
        const fexpr = getAttribute(f.body, "filters")?.expr;
        const fm = fexpr ? tryEvaluate(ctx, fexpr) : {};
        // An owner filter, or filters whose keys are not known here (which may hold one).
        const ownerFilter = fm === UNKNOWN || (fm !== null && typeof fm === "object" && ("owner-id" in fm || "owner-alias" in fm));
        const ownerBlocks = f.body.blocks.some((b) => {
          if (b.type !== "filter") return false;
          const name = getAttribute(b.body, "name");
          const v = name ? tryEvaluate(ctx, name.expr) : undefined;
          return v === UNKNOWN || (typeof v === "string" && /owner-(id|alias)/.test(v));
        });
        if (owners === false && !ownerFilter && !ownerBlocks) {
          push({
            file: f === filters[0] && u.decl.block.body.blocks.includes(f) ? file : u.file,
            at: f.typeRange.start,
            message: "For security reasons, your source AMI filter must declare an owner.",
            hint: 'add owners = ["137112412989"] (Amazon), ["099720109477"] (Canonical) or ["136693071363"] (Debian)',
          });
        }
      }
      const it = has("instance_type");
      const spot = has("spot_instance_types");
      if (it === false && spot === false) push({ file, at, message: "Either instance_type or spot_instance_types must be specified" });
      if (it && spot)
        push({ file, at: attrs.get("spot_instance_types")!.nameRange.start, message: "instance_type and spot_instance_types are mutually exclusive" });
      const commAttr = attrs.get("communicator");
      const comm = commAttr ? tryEvaluate(ctx, commAttr.expr) : "ssh";
      if (comm === "winrm") {
        if (has("winrm_username") === false) push({ file, at, message: "winrm_username must be specified" });
      } else if (comm !== "none" && comm !== UNKNOWN && has("ssh_username") === false) {
        push({ file, at, message: "An ssh_username must be specified", hint: "ec2-user for Amazon Linux, ubuntu for Ubuntu, admin for Debian" });
      }
      if (u.type !== "amazon-ebsvolume" && has("ami_name") === false) push({ file, at, message: "ami_name must be specified" });
    }
    return out;
  },
};
