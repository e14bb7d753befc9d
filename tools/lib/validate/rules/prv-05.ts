import { getAttribute, staticValue } from "../../hcl/ast.ts";
import { buildShells, segLoc } from "../shell.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "PRV-05",
  severity: "warning",
  docs: {
    summary: "Variables from `environment_vars` are not silently dropped by sudo.",
    why: "sudo resets the environment: `DEBIAN_FRONTEND=noninteractive` set through environment_vars does not reach `sudo apt-get`, which then prompts (and hangs) on configuration questions.",
    fix: "Put the variable after sudo (`sudo DEBIAN_FRONTEND=noninteractive apt-get …`), use `sudo -E`, or run the whole provisioner with a sudo execute_command.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { segments } of buildShells(ctx)) {
      for (const seg of segments) {
        if (!seg.sudo) continue;
        const prov = seg.chunk.provisioner;
        const ev = getAttribute(prov.body, "environment_vars");
        const list = ev ? staticValue(ev.expr) : undefined;
        if (!Array.isArray(list)) continue;
        const exec = getAttribute(prov.body, "execute_command");
        if (exec && /sudo/.test(String(staticValue(exec.expr) ?? "sudo"))) continue;
        if (/sudo\s+(-\S*E\b|--preserve-env)/.test(seg.text)) continue;
        for (const item of list) {
          if (typeof item !== "string") continue;
          const name = item.split("=")[0]!;
          if (name === "" || new RegExp(`\\b${name}=`).test(seg.text)) continue;
          const used = seg.text.includes(`$${name}`) || seg.text.includes(`\${${name}`) || (name === "DEBIAN_FRONTEND" && (seg.cmd === "apt-get" || seg.cmd === "apt" || seg.cmd === "dpkg"));
          if (!used) continue;
          const loc = segLoc(seg, seg.text.indexOf("sudo"));
          const key = `${typeof loc.file === "string" ? loc.file : loc.file.path}:${loc.at.line}:${loc.at.column}:${name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ file: loc.file, at: loc.at, message: `sudo drops ${name} from environment_vars`, hint: `write sudo ${item} ${seg.cmd} …` });
        }
      }
    }
    return out;
  },
};
