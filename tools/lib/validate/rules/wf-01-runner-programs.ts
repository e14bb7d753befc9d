import type { Report, Rule } from "../types.ts";
import { AWS_PROGRAMS, GCP_PROGRAMS, SHIPS, installHint, installMention, unseenInstaller } from "./utils/workflows.ts";
import { buildShells } from "./utils/provisioners.ts";

/**
 * What says that the image is an Aspect Workflows runner: the templates name it so, in an image
 * name, a tag, a description or a comment ("Aspect Workflows", aspect-workflows-…).
 */
const RUNNER_EVIDENCE = /aspect[\s_-]*workflows/i;

export const rule: Rule = {
  id: "WF-01",
  name: "runner-programs",
  severity: "error",
  docs: {
    summary: "Every program an Aspect Workflows runner needs either ships in the base image or is installed by the template.",
    why:
      "Runners need amazon-cloudwatch-agent, amazon-ssm-agent, mdadm, rsync and rsyslog (AWS; Google agents on GCP), " +
      "plus fuse and zip; what the base image lacks must be installed, or the runner fails at boot. Severity: error " +
      "for the core list, warning for fuse/git/Google agents, info for zip; a warning for all of them when the base " +
      "image is guessed from the SSH user rather than known from the image's name or owner, or when nothing in the " +
      "templates says the image is an Aspect Workflows runner (its name, a tag, a description or a comment " +
      'mentioning "Aspect Workflows").',
    fix:
      "Add the program to the template's package install (AL2 yum, AL2023 dnf, Debian/Ubuntu apt-get; AWS agents on " +
      "Debian/Ubuntu from the S3 .deb). Builds with a configuration-management provisioner (ansible, chef, puppet, " +
      "salt) or a shell script the validator cannot read (uploaded with `file`, piped into bash) are not checked. " +
      "Templates for images that are not Workflows runners turn the WF rules off (see the README).",
    evidence:
      "The programs a Workflows runner needs, what the base image ships (known from its name filter or owner account), and what the template's shell provisioners install as the validator reads them: an error only for the core programs, on an image the templates call a Workflows runner, with no installer the validator cannot see (configuration management, an unread script, a line with a part not known before the build). A guessed base image or an image not said to be a runner gives a warning.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    const runner = ctx.templates.some((f) => RUNNER_EVIDENCE.test(f.text));
    for (const shell of buildShells(ctx)) {
      const { use, base, segments, provisioners } = shell;
      if (base.family === "unknown" || base.cloud === "other") continue;
      const ships = SHIPS[`${base.cloud}:${base.family}`];
      if (!ships) continue;
      // An ansible playbook or a script run from the shell may install them: not checkable.
      if (unseenInstaller(ctx, shell)) continue;
      const programs = base.cloud === "aws" ? AWS_PROGRAMS : GCP_PROGRAMS;
      const last = provisioners[provisioners.length - 1];
      const file = last ? ctx.builds.find((b) => b.provisioners.includes(last))!.file : use.file;
      const at = last ? last.labels[0]!.range.start : use.range.start;
      for (const p of programs) {
        if (ships.has(p.name)) continue;
        if (segments.some((s) => installMention(s, p) >= 0)) continue;
        const key = `${use.decl!.type}.${use.decl!.name}:${p.name}:${at.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // What the base ships is known only from an image name or owner; a base guessed from
        // the SSH user may be another distribution with other packages.
        // And a runner needs it only if the image is one: without a sign of that, a warning.
        const severity = (base.guessed || !runner) && p.severity === "error" ? "warning" : p.severity;
        const notes = [base.guessed ? `base guessed from ${base.evidence}` : "", runner ? "" : "if the image is an Aspect Workflows runner"].filter(Boolean);
        out.push({
          file,
          at,
          severity,
          message: `${p.name} missing for ${base.family} (source ${use.type}.${use.localName ?? use.name}${notes.map((n) => `, ${n}`).join("")}); ${installHint(base.cloud, base.family, p.name)}`,
          hint: `Aspect Workflows runners need ${p.name}; the ${base.family} base image does not ship it (base from ${base.evidence})`,
        });
      }
    }
    return out;
  },
};
