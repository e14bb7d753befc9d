import type { Report, Rule } from "../types.ts";
import { type Segment, buildShells, segLoc } from "./utils/provisioners.ts";
import { installedPackages } from "./utils/shell-scan.ts";

/**
 * apt answers its own questions: -y/--yes/--assume-yes, quiet level 2 (`-qq`, `-q=2`,
 * `-q -q`: apt-get(8) "quiet level 2 implies -y"), `-o APT::Get::Assume-Yes=true`, or
 * `yes |` feeding it. (DEBIAN_FRONTEND=noninteractive only silences debconf, not apt.)
 */
function answered(seg: Segment): boolean {
  if (seg.pipeFrom?.cmd === "yes") return true;
  let quiet = 0;
  for (let k = 0; k < seg.args.length; k++) {
    const a = seg.args[k]!.word;
    if (a === "--yes" || a === "--assume-yes" || /^--assume-yes=(?:1|true|yes)$/i.test(a)) return true;
    if (a === "-o" || a === "--option") {
      if (/^APT::Get::Assume-Yes=(?:1|true|yes)$/i.test(seg.args[++k]?.word ?? "")) return true;
    } else if (/^(?:-o|--option=)APT::Get::Assume-Yes=(?:1|true|yes)$/i.test(a)) return true;
    else if (/^-[a-z]+$/.test(a)) {
      if (a.includes("y")) return true;
      quiet += a.split("q").length - 1;
    } else if (a === "--quiet") quiet++;
    else if (/^(?:-q|--quiet)=\d+$/.test(a)) quiet = Math.max(quiet, Number(a.split("=")[1]));
  }
  return quiet >= 2;
}

export const rule: Rule = {
  id: "PRV-06",
  name: "apt-update-and-wait",
  severity: "warning",
  docs: {
    summary:
      "apt installs run after `apt-get update`, with `-y`; on Ubuntu after `cloud-init status --wait` (or a wait for `/var/lib/cloud/instance/boot-finished`).",
    why:
      'A fresh cloud image has no package lists ("Unable to locate package"); without `-y` apt waits for an answer ' +
      "that never comes; on Ubuntu cloud-init still holds the dpkg lock when Packer connects.",
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
        // `retry sudo apt-get update`: a wrapper of the template's own still runs the update.
        const apt = seg.args.findIndex((a) => a.word === "apt-get" || a.word === "apt" || a.word.endsWith("/apt-get"));
        if (apt >= 0 && seg.args.slice(apt + 1).some((a) => a.word === "update")) updated = true;
        if (seg.cmd !== "apt" && seg.cmd !== "apt-get") continue;
        if (seg.args.some((a) => a.word === "update")) {
          updated = true;
          continue;
        }
        if (installedPackages(seg).length === 0) continue;
        const loc = segLoc(seg, seg.text.indexOf(seg.cmd));
        if (!updated) push({ file: loc.file, at: loc.at, message: `${seg.cmd} install before apt-get update`, hint: "run sudo apt-get update first" });
        if (!answered(seg)) push({ file: loc.file, at: loc.at, message: `${seg.cmd} install without -y waits for an answer`, hint: "add -y" });
        if (base.family === "ubuntu" && base.cloud === "aws" && !waited)
          push({
            file: loc.file,
            at: loc.at,
            message: "apt on Ubuntu before cloud-init status --wait: dpkg lock race",
            hint: "run cloud-init status --wait first",
          });
      }
    }
    return out;
  },
};
