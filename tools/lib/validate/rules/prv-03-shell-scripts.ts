import { getAttribute, staticValue, type Block, type Expression } from "../../hcl/ast.ts";
import { runsFor } from "../model/context.ts";
import type { BuildDecl, ParsedFile, Report, Rule, RuleContext } from "../types.ts";
import { mayBeTrue, tryEvaluate } from "../model/values.ts";
import { joinPath, scriptPath } from "./utils/provisioners.ts";

const SCRIPTED = new Set(["shell", "shell-local", "powershell", "windows-shell"]);

function isAbsolute(p: string): boolean {
  return p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:[\\/]/.test(p);
}

/**
 * A relative path written as a plain string (no `${path.root}`, variable or function): Packer
 * resolves it against the directory it runs in. `~` and Go-template paths are left alone.
 */
function relativeLiteral(expr: Expression): string | undefined {
  const v = staticValue(expr);
  if (typeof v !== "string" || v.trim() === "" || isAbsolute(v) || v.startsWith("~") || v.includes("{{")) return undefined;
  return v;
}

/** `p` (relative to the working directory) as a path from the template's directory `dir`. */
function fromTemplateDir(dir: string, p: string): string | undefined {
  const clean = p.replace(/^(\.\/)+/, "");
  if (dir === "." || dir === "") return clean;
  if (isAbsolute(dir)) return undefined;
  const d = dir
    .replace(/^(\.\/)+/, "")
    .split("/")
    .filter((s) => s !== "" && s !== ".");
  const q = clean.split("/");
  if (d.includes("..")) return undefined;
  let i = 0;
  while (i < d.length && i < q.length - 1 && d[i] === q[i]) i++;
  return [...d.slice(i).map(() => ".."), ...q.slice(i)].join("/");
}

/**
 * The finding for a relative path that exists from the working directory: a warning, since it
 * works when Packer is started there (plain Packer users run it in the template's directory).
 */
function relativeReport(file: ParsedFile, e: Expression, what: "script" | "source", path: string): Report {
  const rel = fromTemplateDir(file.dir, path);
  return {
    severity: "warning",
    file,
    at: e.range.start,
    message: `${what === "script" ? "Script" : "Source"} "${path}" is relative to the directory Packer runs in (under bazel run: where the command was started), not to the template`,
    hint: `write "\${path.root}/${rel ?? "…"}" and list the file in the packer_image target's data`,
  };
}

/**
 * Whether Packer certainly prepares the provisioner: it prepares one per source of the build
 * that its `only`/`except` (evaluated as Packer evaluates them) let through, so one that
 * excludes every source is never checked, and one whose only/except is not known before the
 * build may not be.
 */
function prepared(ctx: RuleContext, b: BuildDecl, p: Block): boolean {
  if (!getAttribute(p.body, "only") && !getAttribute(p.body, "except")) return true;
  if (b.sourcesUnknown) return false;
  return b.uses.some((u) => runsFor(p, u, ctx) === true);
}

function fileSources(p: Block): Expression[] {
  const out: Expression[] = [];
  const src = getAttribute(p.body, "source");
  if (src) out.push(src.expr);
  const srcs = getAttribute(p.body, "sources");
  if (srcs?.expr.kind === "Tuple") for (const it of srcs.expr.items) out.push(it);
  return out;
}

/** A file provisioner's sources exist (unless it downloads, has content, or makes the file during the build). */
function checkFileSources(ctx: RuleContext, b: BuildDecl, p: Block, out: Report[]): void {
  // Only an upload reads its sources here: a direction not known before the build may be a download.
  const dir = getAttribute(p.body, "direction");
  const direction = dir ? tryEvaluate(ctx, dir.expr) : "upload";
  if ((direction !== "upload" && direction !== "" && direction !== null) || getAttribute(p.body, "content")) return;
  // generated = true: the file is made during the build; Packer checks it only before uploading.
  const generated = mayBeTrue(ctx, getAttribute(p.body, "generated")?.expr);
  for (const e of fileSources(p)) {
    const sp = scriptPath(ctx, b.file, e);
    if (!sp) continue;
    const path = sp.path.replace(/\/+$/, "") || "/";
    const kind = ctx.fs.stat(path);
    const rel = relativeLiteral(e);
    if (kind !== null || generated) {
      if (rel !== undefined) out.push(relativeReport(b.file, e, "source", sp.path));
      continue;
    }
    const beside = joinPath(b.file.dir, path);
    const near = !sp.pathRoot && beside !== path && ctx.fs.stat(beside) !== null;
    out.push({
      file: b.file,
      at: e.range.start,
      message: near
        ? `Bad source "${sp.path}": not found from the working directory, but it exists next to the template (${beside})`
        : `Bad source "${sp.path}": no such file or directory`,
      hint: near
        ? `use "\${path.root}/${sp.path}"`
        : 'check the path (relative to the template: "${path.root}/…"), and list it in the packer_image target\'s data',
    });
  }
}

/** The script files exist, are files, and are anchored at the template's directory. */
function checkScriptFiles(ctx: RuleContext, b: BuildDecl, p: Block, out: Report[]): void {
  const exprs: Expression[] = [];
  const s = getAttribute(p.body, "script");
  if (s) exprs.push(s.expr);
  const ss = getAttribute(p.body, "scripts");
  if (ss?.expr.kind === "Tuple") for (const it of ss.expr.items) exprs.push(it);
  for (const e of exprs) {
    const sp = scriptPath(ctx, b.file, e);
    if (!sp) continue;
    const kind = ctx.fs.stat(sp.path);
    if (kind === "file") {
      if (relativeLiteral(e) !== undefined) out.push(relativeReport(b.file, e, "script", sp.path));
      continue;
    }
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
      hint: 'check the path (relative to the template: "${path.root}/…"), and list the script in the packer_image target\'s data so Bazel stages it',
    });
  }
}

export const rule: Rule = {
  id: "PRV-03",
  name: "shell-scripts",
  severity: "error",
  docs: {
    summary:
      "The script files of shell provisioners (and file provisioner sources) exist and are anchored at `${path.root}` " +
      "(a relative path that exists is a warning). A provisioner whose `only`/`except` leaves out every source of its " +
      "build is never prepared, so not checked. (Which of inline/script/scripts to set is CMP-04's.)",
    why:
      "Packer opens scripts and file sources relative to the directory it runs in, not the template's directory, " +
      "and `bazel run` runs Packer in the directory the command was started from: a relative path works from one " +
      'directory only. A missing script fails `packer validate` with "Bad script".',
    fix: 'Refer to files next to the template as `"${path.root}/x.sh"` (absolute paths and paths from variables are fine too) and list them in the target\'s data.',
    evidence:
      "The provisioner's script paths resolved as Packer resolves them from the directory it runs in, against the files `bazel test` stages; only for a provisioner Packer certainly prepares (its only/except computed to let a source through). Values not known before the build are not judged; a relative path that exists is a warning.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const b of ctx.builds) {
      for (const p of b.provisioners) {
        const type = p.labels[0]?.value ?? "";
        if (!prepared(ctx, b, p)) continue;
        if (type === "file") checkFileSources(ctx, b, p, out);
        if (!SCRIPTED.has(type)) continue;
        checkScriptFiles(ctx, b, p, out);
      }
    }
    return out;
  },
};
