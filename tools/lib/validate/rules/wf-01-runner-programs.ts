import type { Report, Rule, Severity } from "../types.ts";
import type { Base } from "./utils/base-image.ts";
import { buildShells } from "./utils/provisioners.ts";
import { distroName, joinAnd, listShapes, shapeLabel, shipStatus, type ShipStatus } from "./utils/releases.ts";
import { AWS_PROGRAMS, GCP_PROGRAMS, WORKFLOWS_FAMILIES, installHint, installMention, packagesOf, unseenInstaller, type Program } from "./utils/workflows.ts";

/**
 * What says that the image is an Aspect Workflows runner: the templates name it so, in an image
 * name, a tag, a description or a comment ("Aspect Workflows", aspect-workflows-…).
 */
const RUNNER_EVIDENCE = /aspect[\s_-]*workflows/i;

/** "Debian 12", or "Debian" when the release is not known, or the family. */
function baseLabel(base: Base): string {
  if (base.release) return shapeLabel({ cloud: "aws", ...base.release }, false);
  const distros = new Set(base.candidates.map((c) => c.distro));
  return distros.size === 1 ? distroName([...distros][0]!) : base.family;
}

/** Why the data cannot settle that the base lacks the program: the parts of the status that differ or are not complete lists. */
function uncertainty(st: ShipStatus): string[] {
  const out: string[] = [];
  if (st.ships.length) out.push(`${listShapes(st.ships)} ${st.ships.length === 1 ? "ships" : "ship"} it`);
  if (st.absent.length) out.push(`${listShapes(st.absent)} ${st.absent.length === 1 ? "does" : "do"} not`);
  if (st.notNamed.length) out.push(`the image definition of ${listShapes(st.notNamed)} does not name it`);
  if (st.noData.length) out.push(`no package data for ${listShapes(st.noData)}`);
  return out;
}

export const rule: Rule = {
  id: "WF-01",
  name: "runner-programs",
  severity: "error",
  docs: {
    summary: "Every program an Aspect Workflows runner needs either ships in the base image or is installed by the template.",
    why:
      "Runners need amazon-cloudwatch-agent, amazon-ssm-agent, mdadm, rsync and rsyslog (AWS; Google agents on GCP), " +
      "plus fuse and zip; what the base image lacks must be installed, or the runner fails at boot. What a base image " +
      "ships differs between releases (Debian 11's AMI has rsyslog, Debian 12's does not; the AL2023 minimal AMI lacks " +
      "rsync), so the rule uses the release the template names and the generated package data of that release " +
      "(tools/lib/validate/rules/utils/base-images/README.md). Severity: error for the core list, warning for " +
      "fuse/git/Google agents, info for zip; a warning for all of them when the release is not certain (guessed from " +
      "the SSH user or the commands, only the distribution known, a name pattern that spans images that differ), when " +
      "the data for the release is a build definition rather than a complete package list, or when nothing in the " +
      'templates says the image is an Aspect Workflows runner (its name, a tag, a description or a comment mentioning "Aspect Workflows"). ' +
      "A release the data has nothing on gets one warning listing what the template does not install.",
    fix:
      "Add the program to the template's package install (AL2 yum, AL2023 dnf, Debian/Ubuntu apt-get; AWS agents on " +
      "Debian/Ubuntu from the S3 .deb). Builds with a configuration-management provisioner (ansible, chef, puppet, " +
      "salt) or a shell script the validator cannot read (uploaded with `file`, piped into bash) are not checked. " +
      "Templates for images that are not Workflows runners turn the WF rules off (see the README).",
    evidence:
      "The base image is one release as published, named by the AMI filter's name and owner, a known AMI id, or the " +
      "GCE image family or image name (read as Packer computes them), and every image the name can match is in the " +
      "generated data as a complete package list (a published AMI package manifest, such as the Amazon Linux 2023 " +
      "AMI's) without the program; and the templates say the image is an Aspect Workflows runner. A build definition " +
      "(Debian's FAI classes, a kickstart) names what the build installs but not what dependencies and package " +
      "groups add, so its absences are warnings. An installer the validator cannot see (configuration management, an unread script, a command with a part not known before the build) makes the finding a warning.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    const runner = ctx.templates.some((f) => RUNNER_EVIDENCE.test(f.text));
    for (const shell of buildShells(ctx)) {
      const { use, base, segments, provisioners } = shell;
      if (base.cloud === "other" || !WORKFLOWS_FAMILIES.has(base.family)) continue;
      // An ansible playbook or a script run from the shell may install them: not checkable.
      if (unseenInstaller(ctx, shell)) continue;
      const programs = base.cloud === "aws" ? AWS_PROGRAMS : GCP_PROGRAMS;
      const last = provisioners[provisioners.length - 1];
      const file = last ? ctx.builds.find((b) => b.provisioners.includes(last))!.file : use.file;
      const at = last ? last.labels[0]!.range.start : use.range.start;
      const source = `${use.type}.${use.localName ?? use.name}`;
      const label = baseLabel(base);
      const ifRunner = runner ? [] : ["if the image is an Aspect Workflows runner"];
      const guessNote = base.guessed ? [`base guessed as ${label} from ${base.evidence}`] : [];
      const unknown: Program[] = [];
      for (const p of programs) {
        if (segments.some((s) => installMention(s, p) >= 0)) continue;
        const st = shipStatus(base.candidates, packagesOf(p));
        if (st.ships.length === base.candidates.length) continue;
        if (st.noData.length === base.candidates.length) {
          unknown.push(p);
          continue;
        }
        const key = `${use.decl!.type}.${use.decl!.name}:${p.name}:${at.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // Certain: one release as published, and every image it can be lists its packages without the program.
        const certain = base.release !== undefined && !base.guessed && base.published && st.absent.length === base.candidates.length;
        const severity: Severity = p.severity === "error" && !(certain && runner) ? "warning" : p.severity;
        const why = certain ? [] : base.guessed ? uncertainty(st) : !base.release ? ["release not known", ...uncertainty(st)] : uncertainty(st);
        const published = !base.published && !base.guessed ? ["the image name is not one its distribution publishes"] : [];
        const notes = [...guessNote, ...(certain ? [] : [...published, ...why]), ...ifRunner];
        out.push({
          file,
          at,
          severity,
          message: `${p.name} missing for ${label} (source ${source}${notes.map((n) => `, ${n}`).join("")}); ${installHint(base.cloud, base.family, p.name)}`,
          hint: `Aspect Workflows runners need ${p.name}; ${certain ? `the ${listShapes(st.absent)} package list does not have it` : joinAnd(uncertainty(st))} (base from ${base.evidence})`,
        });
      }
      if (unknown.length) {
        const key = `${use.decl!.type}.${use.decl!.name}:unknown:${at.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          file,
          at,
          severity: "warning",
          message: `no package data for ${base.release ? listShapes(base.candidates) : label} (source ${source}${[...guessNote, ...ifRunner].map((n) => `, ${n}`).join("")}): the template installs none of ${joinAnd(unknown.map((p) => p.name))}`,
          hint: `Aspect Workflows runners need them; check that the base image ships them, or install them (base from ${base.evidence})`,
        });
      }
    }
    return out;
  },
};
