import type { Report, Rule } from "../types.ts";
import { GCP_PROGRAMS, WORKFLOWS_FAMILIES, installMention, unseenInstaller } from "./utils/workflows.ts";
import { buildShells, firstAt, segLoc } from "./utils/provisioners.ts";

export const rule: Rule = {
  id: "WF-06",
  name: "gce-agents",
  severity: "warning",
  docs: {
    summary: "googlecompute images carry Google's agents, not AWS's.",
    why: "amazon-ssm-agent and amazon-cloudwatch-agent cannot reach AWS from a GCE instance; Workflows on GCP relies on google-osconfig-agent and the Ops Agent instead.",
    fix: "Drop the AWS agents from GCP templates and install the Ops Agent (public images already carry the guest and OS Config agents).",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const shell of buildShells(ctx)) {
      const { use, base, segments } = shell;
      if (base.cloud !== "gcp") continue;
      for (const agent of ["amazon-ssm-agent", "amazon-cloudwatch-agent"]) {
        for (const seg of segments) {
          const off = installMention(seg, { name: agent, severity: "warning", aliases: [agent] });
          if (off < 0) continue;
          const loc = segLoc(seg, off);
          if (!firstAt(seen, loc)) continue;
          out.push({ file: loc.file, at: loc.at, message: `${agent} is useless on GCE`, hint: "install google-osconfig-agent and the Ops Agent instead" });
        }
      }
      if (!WORKFLOWS_FAMILIES.has(base.family) && !unseenInstaller(ctx, shell)) {
        // WF-01 checks the Workflows families. Public images carry the guest and OS Config agents;
        // the Ops Agent is installed by the template.
        const ops = GCP_PROGRAMS.find((p) => p.name === "google-cloud-ops-agent")!;
        if (!segments.some((s) => installMention(s, ops) >= 0)) {
          const key = `${use.type}.${use.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            file: use.file,
            at: use.range.start,
            message: `googlecompute source ${use.type}.${use.localName ?? use.name} installs no Ops Agent (google-cloud-ops-agent)`,
            hint: "install it with add-google-cloud-ops-agent-repo.sh --also-install",
          });
        }
      }
    }
    return out;
  },
};
