import { buildShells, installedPackages, segLoc } from "../shell.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "PRV-06",
  severity: "warning",
  docs: {
    summary: "apt installs run after `apt-get update`, with `-y`; on Ubuntu after `cloud-init status --wait` (or a wait for `/var/lib/cloud/instance/boot-finished`).",
    why: "A fresh cloud image has no package lists (\"Unable to locate package\"); without `-y` apt waits for an answer that never comes; on Ubuntu cloud-init still holds the dpkg lock when Packer connects.",
    fix: "Run `cloud-init status --wait` (Ubuntu), then `sudo apt-get update`, then `sudo apt-get install -y …`.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    const push = (r: Report): void => {
      const at = r.at!;
      const key = `${typeof r.file === "string" ? r.file : r.file.path}:${at.line}:${at.column}:${r.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(r);
      }
    };
    for (const { base, segments } of buildShells(ctx)) {
      let updated = false;
      let waited = false;
      for (const seg of segments) {
        // `cloud-init status --wait`, also inside `bash -c '…'`, or the loop Packer's docs give:
        // `while [ ! -f /var/lib/cloud/instance/boot-finished ]; do sleep 1; done`.
        if (/\bcloud-init\s+status\s+(?:\S+\s+)*(?:--wait|-w)\b/.test(seg.text) || /\/var\/lib\/cloud\/instance\/boot-finished\b/.test(seg.text)) waited = true;
        if (seg.cmd !== "apt" && seg.cmd !== "apt-get") continue;
        if (seg.args.some((a) => a.word === "update")) {
          updated = true;
          continue;
        }
        if (installedPackages(seg).length === 0) continue;
        const loc = segLoc(seg, seg.text.indexOf(seg.cmd));
        if (!updated) push({ file: loc.file, at: loc.at, message: `${seg.cmd} install before apt-get update`, hint: "run sudo apt-get update first" });
        if (!seg.args.some((a) => /^-[a-z]*y/.test(a.word) || a.word === "--yes" || a.word === "--assume-yes")) push({ file: loc.file, at: loc.at, message: `${seg.cmd} install without -y waits for an answer`, hint: "add -y" });
        if (base.family === "ubuntu" && base.cloud === "aws" && !waited) push({ file: loc.file, at: loc.at, message: "apt on Ubuntu before cloud-init status --wait: dpkg lock race", hint: "run cloud-init status --wait first" });
      }
    }
    return out;
  },
};
