import type { Report, Rule } from "../types.ts";
import { buildShells } from "./utils/provisioners.ts";

export const rule: Rule = {
  id: "WF-05",
  name: "ubuntu-user-namespaces",
  severity: "warning",
  docs: {
    summary: "Ubuntu 24.04 runner images allow unprivileged user namespaces (`kernel.apparmor_restrict_unprivileged_userns=0`).",
    why: "Ubuntu 24.04's AppArmor blocks unprivileged user namespaces, which Bazel's linux-sandbox needs: sandboxed actions fail on the runner.",
    fix: "Add `echo 'kernel.apparmor_restrict_unprivileged_userns=0' | sudo tee /etc/sysctl.d/99-bazel-sandbox.conf` to a provisioner.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { use, base, segments } of buildShells(ctx)) {
      // Every image the source may start from is Ubuntu 24.04 (by name, image family or codename).
      const noble = base.candidates.length > 0 && base.candidates.every((c) => c.distro === "ubuntu" && c.version === "24.04");
      if (!noble || !use.decl) continue;
      if (segments.some((s) => s.text.includes("apparmor_restrict_unprivileged_userns"))) continue;
      const key = `${use.decl.type}.${use.decl.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        file: use.decl.file,
        at: use.decl.block.labels[0]!.range.start,
        message: "Ubuntu 24.04 without kernel.apparmor_restrict_unprivileged_userns=0: Bazel linux-sandbox will fail",
        hint: `base from ${base.evidence}`,
      });
    }
    return out;
  },
};
