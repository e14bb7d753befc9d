import type { Report, Rule } from "../types.ts";
import { installMention } from "./utils/workflows.ts";
import { buildShells, firstAt, segLoc } from "./utils/provisioners.ts";
import { mentions } from "./utils/shell-scan.ts";

const AGENTS = ["amazon-cloudwatch-agent", "amazon-ssm-agent", "google-osconfig-agent"];

export const rule: Rule = {
  id: "WF-03",
  name: "agent-enabled",
  severity: "warning",
  docs: {
    summary: "An agent the template installs is enabled (`systemctl enable`) so it starts on the runner.",
    why:
      "Packages installed during the image build are not necessarily enabled (RPM packages follow presets; a .deb " +
      "installed with dpkg -i from S3 may not be); an agent that does not start at boot leaves the runner without " +
      "logs, metrics or SSM access. Packages apt installs from Debian/Ubuntu repositories enable their services themselves.",
    fix: "Add `sudo systemctl enable <agent>` after installing it (for CloudWatch, `amazon-cloudwatch-agent-ctl … -s` also starts it).",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { segments } of buildShells(ctx)) {
      for (const agent of AGENTS) {
        let install: { seg: (typeof segments)[number]; off: number } | undefined;
        let enabled = false;
        for (const seg of segments) {
          if (seg.cmd === "systemctl" && seg.args.some((a) => a.word === "enable") && seg.args.some((a) => a.word === agent || a.word === `${agent}.service`))
            enabled = true;
          if (agent === "amazon-cloudwatch-agent" && seg.cmd === "amazon-cloudwatch-agent-ctl" && seg.args.some((a) => a.word === "-s")) enabled = true;
          // Debian's packages enable their services when apt installs them (dh_installsystemd), and
          // snapd enables a snap's services when it installs the snap.
          if (!install && !["amazon-cloudwatch-agent-ctl", "apt-get", "apt", "snap"].includes(seg.cmd)) {
            const off = installMention(seg, { name: agent, severity: "warning", aliases: [agent] });
            if (off >= 0 && mentions(seg.text, agent) >= 0) install = { seg, off };
          }
        }
        if (!install || enabled) continue;
        const loc = segLoc(install.seg, install.off);
        if (!firstAt(seen, loc, agent)) continue;
        out.push({ file: loc.file, at: loc.at, message: `${agent} installed but not enabled; enable ${agent}`, hint: `add: sudo systemctl enable ${agent}` });
      }
    }
    return out;
  },
};
