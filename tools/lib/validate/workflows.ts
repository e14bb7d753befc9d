/**
 * Aspect Workflows runner requirements per base family: which programs the runner needs,
 * which ship in the base image, and which the template has to install.
 */
import type { Family, Segment } from "./shell.ts";
import type { Severity } from "./types.ts";
import { mentions } from "./shell.ts";

export interface Program {
  name: string;
  severity: Severity;
  /** Words that show the program is installed. */
  aliases: string[];
}

const P = (name: string, severity: Severity, aliases: string[] = [name]): Program => ({ name, severity, aliases });

export const AWS_PROGRAMS: Program[] = [
  P("amazon-cloudwatch-agent", "error"),
  P("amazon-ssm-agent", "error"),
  P("mdadm", "error"),
  P("rsync", "error"),
  P("rsyslog", "error"),
  P("fuse", "warning", ["fuse", "fuse3"]),
  P("git", "warning"),
  P("zip", "info"),
];

export const GCP_PROGRAMS: Program[] = [
  P("google-osconfig-agent", "warning"),
  P("google-cloud-ops-agent", "warning", ["google-cloud-ops-agent", "add-google-cloud-ops-agent-repo.sh"]),
  P("fuse", "warning", ["fuse", "fuse3"]),
  P("rsync", "error"),
  P("git", "warning"),
  P("zip", "info"),
];

/** What ships in the base image, per cloud and family. */
export const SHIPS: Record<string, Set<string>> = {
  "aws:al2": new Set(["amazon-ssm-agent", "mdadm", "rsync", "rsyslog"]),
  "aws:al2023": new Set(["amazon-ssm-agent", "rsync"]),
  // Version not known: only what both AL2 and AL2023 need from the template is required.
  "aws:amazon-linux": new Set(["amazon-ssm-agent", "mdadm", "rsync", "rsyslog"]),
  "aws:ubuntu": new Set(["amazon-ssm-agent", "mdadm", "rsync", "rsyslog", "git"]),
  "aws:debian": new Set(),
  "gcp:ubuntu": new Set(["rsync", "git"]),
  "gcp:debian": new Set(),
};

export function installHint(cloud: string, family: Family, program: string): string {
  if (cloud === "aws" && (family === "debian" || family === "ubuntu") && program.startsWith("amazon-")) {
    return `install the S3 .deb with dpkg -i (${program} is not in the ${family} repositories)`;
  }
  if (program === "google-cloud-ops-agent") return "install it with add-google-cloud-ops-agent-repo.sh --also-install";
  switch (family) {
    case "al2":
      return "add it to the yum install";
    case "al2023":
      return "add it to the dnf install";
    case "amazon-linux":
      return "add it to the yum/dnf install";
    default:
      return "add it to the apt-get install";
  }
}

const NOT_INSTALLING = new Set(["systemctl", "service", "echo", "printf", "test", "["]);

/** Offset (in the segment) where `p` is mentioned by a command that can install it, or -1. */
export function installMention(seg: Segment, p: Program): number {
  if (NOT_INSTALLING.has(seg.cmd)) return -1;
  for (const a of p.aliases) {
    const i = mentions(seg.text, a);
    if (i >= 0) return i;
  }
  return -1;
}
