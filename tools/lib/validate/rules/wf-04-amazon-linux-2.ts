import type { Report, Rule } from "../types.ts";
import { buildShells } from "./utils/provisioners.ts";

/** What the rule reports. */
const MESSAGES = {
  endOfSupport: "Amazon Linux 2 reaches end of support on 2026-06-30; migrate to AL2023",
};

export const rule: Rule = {
  id: "WF-04",
  name: "amazon-linux-2",
  severity: "warning",
  docs: {
    summary: "Amazon Linux 2 base images (end of support 2026-06-30).",
    why: "After AL2's end of support there are no security updates for new runner images built on it.",
    fix: "Migrate the template to Amazon Linux 2023 (dnf instead of yum, no amazon-linux-extras).",
  },
  messages: MESSAGES,
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { use, base } of buildShells(ctx)) {
      if (base.family !== "al2" || !use.decl) continue;
      const key = `${use.decl.type}.${use.decl.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file: use.decl.file, at: use.decl.block.labels[0]!.range.start, message: MESSAGES.endOfSupport, hint: `base from ${base.evidence}` });
    }
    return out;
  },
};
