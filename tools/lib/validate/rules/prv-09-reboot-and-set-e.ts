import { getAttribute } from "../../hcl/ast.ts";
import { isCertainlyFalse } from "../model/values.ts";
import type { Report, Rule } from "../types.ts";
import { buildShells, firstAt, segLoc } from "./utils/provisioners.ts";

export const rule: Rule = {
  id: "PRV-09",
  name: "reboot-and-set-e",
  severity: "warning",
  docs: {
    summary: "A provisioner that reboots sets `expect_disconnect = true`; script files stop on errors (`set -e`).",
    why:
      'Without expect_disconnect the reboot fails the build ("Script disconnected unexpectedly"); inline commands ' +
      "run with `/bin/sh -e`, but a script file without `set -e` carries on after a failed command and bakes a " +
      "broken image.",
    fix: "Add `expect_disconnect = true` (and `pause_before` on the next provisioner); start scripts with `set -euo pipefail`.",
  },
  check(ctx) {
    const out: Report[] = [];
    const seen = new Set<string>();
    for (const { segments } of buildShells(ctx)) {
      for (const seg of segments) {
        const isReboot =
          seg.cmd === "reboot" ||
          (seg.cmd === "shutdown" && seg.args.some((a) => a.word === "-r")) ||
          (seg.cmd === "systemctl" && seg.args[0]?.word === "reboot");
        if (!isReboot) continue;
        const ed = getAttribute(seg.chunk.provisioner.body, "expect_disconnect");
        // Set to anything but a known false (a variable, say): it may well expect the disconnect.
        if (ed && !isCertainlyFalse(ctx, ed.expr)) continue;
        const loc = segLoc(seg, seg.text.indexOf(seg.cmd));
        if (!firstAt(seen, loc)) continue;
        out.push({
          file: loc.file,
          at: loc.at,
          message: "reboot without expect_disconnect = true: Script disconnected unexpectedly",
          hint: "set expect_disconnect = true on this provisioner",
        });
      }
    }
    for (const [path, text] of ctx.scripts) {
      const head = text.split("\n").slice(0, 40).join("\n");
      if (/^\s*set\s+-[a-z]*e/m.test(head) || /^\s*set\s+-o\s+errexit/m.test(head) || /^#!.*\s-[a-z]*e\b/.test(head)) continue;
      if (!/^#!.*\b(ba)?sh\b/.test(text) && /\.ps1$/.test(path)) continue;
      out.push({
        file: path,
        at: { line: 1, column: 1 },
        message: "script without set -e carries on after a failed command",
        hint: "add set -euo pipefail at the top",
      });
    }
    return out;
  },
};
