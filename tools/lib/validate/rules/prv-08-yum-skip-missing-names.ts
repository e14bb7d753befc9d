import type { Report, Rule } from "../types.ts";
import { buildShells, firstAt, segLoc } from "./utils/provisioners.ts";
import { installedPackages } from "./utils/shell-scan.ts";

/** What the rule reports. */
const MESSAGES = {
  skipsMissing: "yum on AL2 skips missing package names and exits 0",
};

export const rule: Rule = {
  id: "PRV-08",
  name: "yum-skip-missing-names",
  severity: "warning",
  docs: {
    summary: "On Amazon Linux 2, `yum install` sets `--setopt=skip_missing_names_on_install=False`.",
    why: "AL2's yum skips package names it cannot find and still exits 0, so a typo or a package missing from the repositories silently leaves the runner without it.",
    fix: "Write `sudo yum --setopt=skip_missing_names_on_install=False install -y …`.",
  },
  messages: MESSAGES,
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { base, segments } of buildShells(ctx)) {
      if (base.family !== "al2") continue;
      for (const seg of segments) {
        if (seg.cmd !== "yum" || installedPackages(seg).length === 0) continue;
        if (seg.args.some((a) => a.word.includes("skip_missing_names_on_install=False") || a.word.includes("skip_missing_names_on_install=0"))) continue;
        const loc = segLoc(seg, seg.text.indexOf("yum"));
        if (!firstAt(seen, loc)) continue;
        out.push({ file: loc.file, at: loc.at, message: MESSAGES.skipsMissing, hint: "add --setopt=skip_missing_names_on_install=False" });
      }
    }
    return out;
  },
};
