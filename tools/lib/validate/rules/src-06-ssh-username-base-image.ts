import { staticValue } from "../../hcl/ast.ts";
import { mergedAttributes } from "../model/context.ts";
import type { Report, Rule } from "../types.ts";
import { detectBase } from "./utils/base-image.ts";
import { buildShells } from "./utils/provisioners.ts";

const USERS: Record<string, string> = { al2: "ec2-user", al2023: "ec2-user", "amazon-linux": "ec2-user", ubuntu: "ubuntu", debian: "admin" };

export const rule: Rule = {
  id: "SRC-06",
  name: "ssh-username-base-image",
  severity: "warning",
  docs: {
    summary: "On AWS, ssh_username matches the base image (Amazon Linux ec2-user, Ubuntu ubuntu, Debian admin).",
    why: "The base image only has its default user; any other name makes Packer wait for SSH until the timeout, minutes into the build.",
    fix: "Use the base image's default user.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { use, segments } of buildShells(ctx)) {
      if (!use.type.startsWith("amazon-")) continue;
      const base = detectBase(ctx, use, segments, false);
      const want = USERS[base.family];
      const attr = mergedAttributes(use).get("ssh_username");
      const user = attr ? staticValue(attr.expr) : undefined;
      if (!want || !attr || typeof user !== "string" || user === want || user === "root") continue;
      const key = `${use.decl!.type}.${use.decl!.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        file: use.decl!.file,
        at: attr.expr.range.start,
        message: `${base.family} AMI with ssh_username "${user}" → SSH timeout`,
        hint: `the ${base.family} image's user is "${want}" (base from ${base.evidence})`,
      });
    }
    return out;
  },
};
