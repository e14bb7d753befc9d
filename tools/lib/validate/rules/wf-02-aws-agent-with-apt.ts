const AGENTS = ["amazon-cloudwatch-agent", "amazon-ssm-agent"];
import type { Report, Rule } from "../types.ts";
import { buildShells, firstAt, segLoc } from "./utils/provisioners.ts";
import { installedPackages, mentions } from "./utils/shell-scan.ts";

export const rule: Rule = {
  id: "WF-02",
  name: "aws-agent-with-apt",
  severity: "error",
  docs: {
    summary: "AWS agents are not installed with apt: they are not in the Debian/Ubuntu repositories.",
    why: '`apt-get install amazon-cloudwatch-agent` (or amazon-ssm-agent) fails with "Unable to locate package"; AWS publishes them as .deb files on S3.',
    fix: "Download the .deb from the AWS S3 bucket for the region and install it with `sudo dpkg -i`.",
    evidence:
      "The provisioner's `apt`/`apt-get install` of amazon-cloudwatch-agent or amazon-ssm-agent, with no earlier `dpkg -i` of the agent's .deb: Debian's and Ubuntu's archives do not carry these packages, so apt cannot find them.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { segments } of buildShells(ctx)) {
      // Agents already installed from the S3 .deb (dpkg -i): a later `apt-get install` of
      // the same name finds the installed package and succeeds.
      const fromDeb = new Set<string>();
      for (const seg of segments) {
        if (seg.cmd === "dpkg" && /(^|\s)(-i|--install)(\s|$)/.test(seg.text)) {
          for (const agent of AGENTS) if (mentions(seg.text, agent) >= 0) fromDeb.add(agent);
          continue;
        }
        if (seg.cmd !== "apt" && seg.cmd !== "apt-get") continue;
        for (const p of installedPackages(seg)) {
          if (p.word !== "amazon-cloudwatch-agent" && p.word !== "amazon-ssm-agent") continue;
          if (fromDeb.has(p.word)) continue;
          const loc = segLoc(seg, p.offset - seg.offset);
          if (!firstAt(seen, loc)) continue;
          out.push({
            file: loc.file,
            at: loc.at,
            message: `${p.word} is not in the apt repositories; use the S3 .deb and dpkg`,
            hint: `e.g. curl -fsSLO https://s3.amazonaws.com/…/${p.word}.deb && sudo dpkg -i ${p.word}.deb`,
          });
        }
      }
    }
    return out;
  },
};
