import { mergedAttributes } from "../model/context.ts";
import { tryEvaluate } from "../model/values.ts";
import type { Report, Rule } from "../types.ts";
import { buildShells, firstAt, mayExecuteWithSudo, segLoc } from "./utils/provisioners.ts";
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
    evidence:
      "The provisioner's own text (inline lines with the parts the validator computes, or the script file it reads) shows " +
      "a package or service command without sudo, the source's `ssh_username` is computed as a user other than root, the " +
      "provisioner's `execute_command` is known not to use sudo, and its `only`/`except` certainly let it run for the " +
      "source. Packer runs the script as that user, and the package manager refuses to install without root.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { use, segments, uncertain } of buildShells(ctx)) {
      // The user as Packer computes it (a literal, a variable's value, a local); not known: no verdict.
      const userAttr = mergedAttributes(use).get("ssh_username");
      const user = userAttr ? tryEvaluate(ctx, userAttr.expr) : undefined;
      if (typeof user !== "string" || user === "root") continue;
      // A script that re-runs itself as root (`[ "$EUID" -eq 0 ] || exec sudo "$0" "$@"`).
      const elevated = new Set(
        segments.filter((s) => s.sudo && (s.cmd === "$0" || s.args.some((a) => a.word === "$0" || a.word === "${0}"))).map((s) => s.chunk),
      );
      for (const seg of segments) {
        if (seg.sudo || elevated.has(seg.chunk)) continue;
        // A provisioner whose only/except may leave this source out is no evidence.
        if (uncertain.has(seg.chunk.provisioner) || mayExecuteWithSudo(ctx, seg.chunk.provisioner)) continue;
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
