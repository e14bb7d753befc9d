import type { Report, Rule } from "../types.ts";
import { buildShells, firstAt, segLoc } from "./utils/provisioners.ts";
import { installedPackages } from "./utils/shell-scan.ts";

const AMAZON = new Set(["al2", "al2023", "amazon-linux"]);
const LABEL: Record<string, string> = {
  al2: "Amazon Linux 2",
  al2023: "Amazon Linux 2023",
  "amazon-linux": "Amazon Linux",
  ubuntu: "Ubuntu",
  debian: "Debian",
};

export const rule: Rule = {
  id: "PRV-07",
  name: "package-manager-base-image",
  severity: "error",
  docs: {
    summary:
      "The package manager matches the base image: no apt on Amazon Linux, no yum/dnf on Debian/Ubuntu, no " +
      "amazon-linux-extras or EPEL on AL2023. An error when the base is known from the image's name or owner; a " +
      "warning when it is guessed from the SSH user.",
    why: "The command is simply not there (or the repository does not exist), so the provisioner fails twenty minutes into the image build.",
    fix: "Use yum on AL2, dnf on AL2023, apt-get on Debian/Ubuntu; on AL2023 install packages from the AL2023 repositories directly.",
    evidence:
      "The package-manager command in the provisioner's text and the base image's distribution, known from the image's name filter or owner account (an error), or guessed from the SSH user (a warning): the command is not on that distribution.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { base, segments } of buildShells(ctx)) {
      const fam = base.family;
      if (fam === "unknown") continue;
      for (const seg of segments) {
        // A branch taken on another distribution (`case "$ID"`, `if command -v dnf`, `[ -f
        // /etc/redhat-release ] && …`) is how one script serves several bases.
        if (seg.conditional) continue;
        let msg: string | undefined;
        let hint: string | undefined;
        let off = 0;
        if (AMAZON.has(fam) && ["apt", "apt-get", "dpkg", "apt-key", "add-apt-repository"].includes(seg.cmd)) {
          msg = `${seg.cmd} on ${LABEL[fam]}`;
          hint = fam === "al2" ? "use yum" : fam === "al2023" ? "use dnf" : "use yum (AL2) or dnf (AL2023)";
        } else if ((fam === "ubuntu" || fam === "debian") && ["yum", "dnf", "microdnf", "amazon-linux-extras", "zypper", "rpm"].includes(seg.cmd)) {
          msg = `${seg.cmd} on ${LABEL[fam]}`;
          hint = "use apt-get (dpkg -i for .deb files)";
        } else if (fam === "al2023" && seg.cmd === "amazon-linux-extras") {
          msg = "amazon-linux-extras on Amazon Linux 2023";
          hint = "AL2023 has no extras; install the package with dnf";
        } else if (fam === "al2023" && !base.guessed) {
          // ec2-user + dnf is as much RHEL, CentOS Stream, Alma or Oracle Linux (where EPEL
          // is the norm) as AL2023: only an image that is known to be AL2023 counts.
          const epel = installedPackages(seg).find((p) => /^epel(-release)?$/.test(p.word) || p.word.includes("epel-release"));
          if (epel) {
            msg = "EPEL on Amazon Linux 2023";
            hint = "EPEL is not supported on AL2023; use packages from the AL2023 repositories";
            off = epel.offset - seg.offset;
          }
        }
        if (!msg) continue;
        const loc = segLoc(seg, off || seg.text.indexOf(seg.cmd));
        if (!firstAt(seen, loc)) continue;
        // A base guessed from the SSH user may be another distribution: a warning.
        out.push({
          file: loc.file,
          at: loc.at,
          message: msg + ` (base ${base.guessed ? "guessed " : ""}from ${base.evidence})`,
          hint,
          ...(base.guessed ? { severity: "warning" as const } : {}),
        });
      }
    }
    return out;
  },
};
