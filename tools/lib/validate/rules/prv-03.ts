import { getAttribute, staticValue, type Expression } from "../../hcl/ast.ts";
import { joinPath, scriptPath } from "../shell.ts";
import type { Report, Rule } from "../types.ts";

const SCRIPTED = new Set(["shell", "shell-local", "powershell", "windows-shell"]);

export const rule: Rule = {
  id: "PRV-03",
  severity: "error",
  docs: {
    summary: "Shell provisioners set exactly one of inline/script/scripts, and their script files (and file provisioner sources) exist relative to the working directory.",
    why: "Packer opens scripts relative to the directory it runs in (under Bazel: the runfiles root), not the template's directory; a missing script fails `packer validate` with \"Bad script\", and a missing or doubled inline/script fails too.",
    fix: 'Keep one of inline/script/scripts; refer to scripts next to the template as `"${path.root}/x.sh"` and list them in the target\'s data.',
  },
  check(ctx) {
    const out: Report[] = [];
    for (const b of ctx.builds) {
      for (const p of b.provisioners) {
        const type = p.labels[0]?.value ?? "";
        if (type === "file") {
          const src = getAttribute(p.body, "source");
          const dir = getAttribute(p.body, "direction");
          if (!src || (dir && staticValue(dir.expr) === "download") || getAttribute(p.body, "content")) continue;
          const sp = scriptPath(ctx, b.file, src.expr);
          if (!sp) continue;
          const path = sp.path.replace(/\/+$/, "") || "/";
          const kind = ctx.fs.stat(path);
          if (kind !== null) continue;
          const beside = joinPath(b.file.dir, path);
          const near = !sp.pathRoot && beside !== path && ctx.fs.stat(beside) !== null;
          out.push({
            file: b.file,
            at: src.expr.range.start,
            message: near
              ? `Bad source "${sp.path}": not found from the working directory, but it exists next to the template (${beside})`
              : `Bad source "${sp.path}": no such file or directory`,
            hint: near ? `use "\${path.root}/${sp.path}"` : "check the path, and list it in the packer_image target's data",
          });
          continue;
        }
        if (!SCRIPTED.has(type)) continue;
        const present = ["inline", "script", "scripts", ...(type === "shell-local" ? ["command"] : [])].filter((n) => getAttribute(p.body, n));
        if (present.length === 0) {
          out.push({ file: b.file, at: p.labels[0]!.range.start, message: "Either a script file or inline script must be specified.", hint: "add inline = [...] or script = \"...\"" });
        } else if (present.length > 1) {
          out.push({ file: b.file, at: getAttribute(p.body, present[1]!)!.nameRange.start, message: `Only one of inline, scripts, or script can be specified (found ${present.join(" and ")}).` });
        }
        const exprs: Expression[] = [];
        const s = getAttribute(p.body, "script");
        if (s) exprs.push(s.expr);
        const ss = getAttribute(p.body, "scripts");
        if (ss?.expr.kind === "Tuple") exprs.push(...ss.expr.items);
        for (const e of exprs) {
          const sp = scriptPath(ctx, b.file, e);
          if (!sp) continue;
          const kind = ctx.fs.stat(sp.path);
          if (kind === "file") continue;
          if (kind === "dir") {
            out.push({ file: b.file, at: e.range.start, message: `Bad script "${sp.path}": is a directory` });
            continue;
          }
          const beside = joinPath(b.file.dir, sp.path);
          if (!sp.pathRoot && beside !== sp.path && ctx.fs.stat(beside) === "file") {
            out.push({
              file: b.file,
              at: e.range.start,
              message: `Bad script "${sp.path}": not found from the working directory, but it exists next to the template (${beside})`,
              hint: `Packer resolves scripts from where it runs; use "\${path.root}/${sp.path}"`,
            });
            continue;
          }
          out.push({
            file: b.file,
            at: e.range.start,
            message: `Bad script "${sp.path}": no such file (looked from the working directory${sp.pathRoot || beside === sp.path ? "" : ` and in ${b.file.dir}`})`,
            hint: "check the path, and list the script in the packer_image target's data so Bazel stages it",
          });
        }
      }
    }
    return out;
  },
};
