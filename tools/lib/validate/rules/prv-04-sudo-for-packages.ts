import { getAttribute, staticValue } from "../../hcl/ast.ts";
import { mergedAttributes } from "../model/context.ts";
import type { Report, Rule } from "../types.ts";
import { buildShells, firstAt, segLoc } from "./utils/provisioners.ts";
import { PACKAGE_MANAGERS } from "./utils/shell-scan.ts";

const PRIVILEGED_SUBCOMMANDS = new Set(["install", "update", "upgrade", "remove", "erase", "purge", "dist-upgrade", "autoremove", "makecache", "clean"]);
const SYSTEMCTL_SUBCOMMANDS = new Set(["enable", "disable", "start", "stop", "restart", "reload", "daemon-reload", "mask", "unmask"]);

export const rule: Rule = {
  id: "PRV-04",
  name: "sudo-for-packages",
  severity: "error",
  docs: {
    summary: "Package and service commands run with sudo when the provisioner connects as a non-root user.",
    why: "Packer runs shell provisioners as the SSH user (ec2-user, ubuntu, admin); `yum install` or `systemctl enable` without sudo fails with a permission error late in the image build.",
    fix: "Prefix the command with `sudo`, or run the provisioner through `execute_command = \"sudo -S sh -c '{{ .Vars }} {{ .Path }}'\"`.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { use, segments } of buildShells(ctx)) {
      const user = staticValue(mergedAttributes(use).get("ssh_username")?.expr ?? { kind: "Invalid", range: use.range });
      if (typeof user !== "string" || user === "root") continue;
      // A script that re-runs itself as root (`[ "$EUID" -eq 0 ] || exec sudo "$0" "$@"`).
      const elevated = new Set(
        segments.filter((s) => s.sudo && (s.cmd === "$0" || s.args.some((a) => a.word === "$0" || a.word === "${0}"))).map((s) => s.chunk),
      );
      for (const seg of segments) {
        if (seg.sudo || elevated.has(seg.chunk)) continue;
        const exec = getAttribute(seg.chunk.provisioner.body, "execute_command");
        if (exec && /sudo/.test(String(staticValue(exec.expr) ?? "sudo"))) continue;
        const sub = seg.args[0]?.word;
        const privileged =
          (PACKAGE_MANAGERS.has(seg.cmd) && seg.args.some((a) => PRIVILEGED_SUBCOMMANDS.has(a.word))) ||
          // `systemctl --user …` manages the connecting user's own units: no root needed.
          (seg.cmd === "systemctl" &&
            sub !== undefined &&
            !seg.args.some((a) => a.word === "--user") &&
            seg.args.some((a) => SYSTEMCTL_SUBCOMMANDS.has(a.word))) ||
          seg.cmd === "amazon-linux-extras" ||
          (seg.cmd === "dpkg" && seg.args.some((a) => a.word === "-i" || a.word === "--install"));
        if (!privileged) continue;
        const loc = segLoc(seg, seg.text.indexOf(seg.cmd));
        if (!firstAt(seen, loc)) continue;
        out.push({ file: loc.file, at: loc.at, message: `${seg.cmd} needs sudo (the provisioner runs as ${user})`, hint: `write sudo ${seg.cmd} …` });
      }
    }
    return out;
  },
};
