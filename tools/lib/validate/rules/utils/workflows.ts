/**
 * Aspect Workflows runner requirements per base family: which programs the runner needs,
 * which ship in the base image, and which the template has to install.
 */
import { getAttribute } from "../../../hcl/ast.ts";
import { appliesTo } from "../../model/context.ts";
import { tryEvaluate } from "../../model/values.ts";
import type { RuleContext, Severity } from "../../types.ts";
import type { Family } from "./base-image.ts";
import type { Segment, UseShell } from "./provisioners.ts";
import { mentions, shellInvocation } from "./shell-scan.ts";

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

/** The families whose images Aspect Workflows runners are built on, which WF-01 checks. */
export const WORKFLOWS_FAMILIES: ReadonlySet<Family> = new Set(["al2", "al2023", "amazon-linux", "ubuntu", "debian"]);

/** The package names that provide a program (its install words, but scripts). */
export function packagesOf(p: Program): string[] {
  return p.aliases.filter((a) => !a.endsWith(".sh"));
}

/** Provisioners that install software from files the validator does not read. */
const CONFIG_MANAGEMENT = new Set([
  "ansible",
  "ansible-local",
  "chef-solo",
  "chef-client",
  "puppet-masterless",
  "puppet-server",
  "salt-masterless",
  "converge",
]);

/** Installer scripts known by name (Google's Ops Agent repository script): not unseen. */
const KNOWN_SCRIPTS = new Set([...AWS_PROGRAMS, ...GCP_PROGRAMS].flatMap((p) => p.aliases).filter((a) => a.endsWith(".sh")));

/**
 * A shell command that runs a script the validator has not read: a file (uploaded, or
 * downloaded), or a script piped in (`curl … | sudo bash`). `sh -c '…'` strings and heredoc
 * scripts are read (shell.ts parses them); `. /etc/os-release` installs nothing.
 */
function runsUnreadScript(seg: Segment): boolean {
  const known = (word: string) => KNOWN_SCRIPTS.has(word.split("/").pop()!);
  if (seg.cmd.endsWith(".sh")) return !known(seg.cmd);
  if (seg.cmd === "source" || seg.cmd === ".") return seg.args[0] !== undefined && seg.args[0].word.endsWith(".sh") && !known(seg.args[0].word);
  const shell = shellInvocation(seg);
  if (!shell) return false;
  // `bash -c "$(curl -fsSL …)"`: the string is a download.
  if (shell.kind === "string") return /^["']?\$\(/.test(shell.word.raw) || /^["']?`/.test(shell.word.raw);
  if (shell.kind === "file") return !known(shell.word.word);
  // A script piped in, or redirected from a file (`sudo bash < /tmp/install`); heredocs are read.
  return (seg.pipeFrom !== undefined && !/<</.test(seg.pipeFrom.text)) || /(?:^|[^<])<(?![<(])\s*\S/.test(seg.text);
}

/**
 * What may install software out of the validator's sight for this use: a configuration
 * management provisioner (ansible, chef, …), a script the validator could not read, or one
 * run from the shell. Undefined if none.
 */
export function unseenInstaller(ctx: RuleContext, { use, segments, unreadScript }: UseShell): string | undefined {
  const build = ctx.builds.find((b) => b.uses.includes(use));
  const managed = build?.provisioners.find((p) => p.type === "provisioner" && CONFIG_MANAGEMENT.has(p.labels[0]?.value ?? "") && appliesTo(p, use, ctx));
  if (managed) return `the ${managed.labels[0]!.value} provisioner`;
  if (unreadScript) return "a script the validator cannot read";
  // What a file provisioner uploads and the shell then runs (`sudo /tmp/install`).
  const uploads = (build?.provisioners ?? [])
    .filter((p) => p.type === "provisioner" && p.labels[0]?.value === "file" && appliesTo(p, use, ctx))
    .map((p) => tryEvaluate(ctx, getAttribute(p.body, "destination")?.expr ?? { kind: "Invalid", range: p.range }))
    .filter((d): d is string => typeof d === "string" && d.startsWith("/"));
  const runsUpload = segments.find((seg) => seg.words.some((w) => uploads.some((d) => w.word === d || w.word.startsWith(d.endsWith("/") ? d : `${d}/`))));
  if (runsUpload) return `\`${runsUpload.text.trim()}\``;
  const script = segments.find(runsUnreadScript);
  return script ? `\`${script.text.trim()}\`` : undefined;
}

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
    case "el":
      return "add it to the dnf install";
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
