import { mergedAttributes, mergedBlocks } from "../model/context.ts";
import { AMAZON_RUN_BUILDERS } from "./utils/knowledge.ts";
import type { Report, Rule } from "../types.ts";

const LIMITS = [
  "temporary_security_group_source_cidrs",
  "temporary_security_group_source_public_ip",
  "security_group_id",
  "security_group_ids",
  "ssh_interface",
  "session_manager_port",
];

/** What the rule reports. */
const MESSAGES = {
  openToWorld: "SSH opened to 0.0.0.0/0 during the build",
};

export const rule: Rule = {
  id: "SRC-07",
  name: "ssh-ingress",
  severity: "warning",
  docs: {
    summary: "amazon-ebs sources limit who can reach the build instance's SSH port.",
    why: "Without a source CIDR, the public IP option or a security group of your own, the temporary security group opens SSH to 0.0.0.0/0 for the whole build.",
    fix: "Set `temporary_security_group_source_public_ip = true` (or `temporary_security_group_source_cidrs`, or `security_group_id`).",
  },
  messages: MESSAGES,
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const b of ctx.builds) {
      for (const u of b.uses) {
        if (!u.decl || !AMAZON_RUN_BUILDERS.has(u.type)) continue;
        const attrs = mergedAttributes(u);
        if (LIMITS.some((l) => attrs.has(l)) || mergedBlocks(u, "security_group_filter").length > 0) continue;
        if (
          attrs.get("communicator") &&
          /none|winrm/.test(u.decl.file.text.slice(attrs.get("communicator")!.range.start.offset, attrs.get("communicator")!.range.end.offset))
        )
          continue;
        const key = `${u.decl.type}.${u.decl.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          file: u.decl.file,
          at: u.decl.block.labels[0]!.range.start,
          message: MESSAGES.openToWorld,
          hint: "set temporary_security_group_source_public_ip = true",
        });
      }
    }
    return out;
  },
};
