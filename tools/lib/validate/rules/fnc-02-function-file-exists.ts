import { allCalls } from "../model/calls.ts";
import type { Report, Rule } from "../types.ts";
import { joinPath, scriptPath } from "./utils/provisioners.ts";

/**
 * Functions that read the file at their first argument, resolved against the templates' directory,
 * and fail when it is missing. filebase64 resolves against Packer's working directory, which is
 * where the user runs `bazel run`: not known here, so it is left alone. (Packer's table also
 * names no filemd5/filesha*; REF-03 reports those.)
 */
const READERS = new Set(["file", "templatefile"]);

export const rule: Rule = {
  id: "FNC-02",
  name: "function-file-exists",
  severity: "error",
  docs: {
    summary: "`file()` and `templatefile()` name a file that exists.",
    why:
      'Packer reads the file when it evaluates the call, before any build starts, and stops with "no file exists at ' +
      '…". Paths are resolved as Packer resolves them: relative to the directory of the templates (the one ' +
      "`${path.root}` names). Paths the validator cannot compute, absolute paths and calls inside `can()`, `try()`, " +
      "`fileexists(…) ? … : …` are left alone.",
    fix: "Fix the path (anchor it at `${path.root}`), or add the file to the target's sources so that `bazel test` and `bazel run` see it.",
    evidence:
      "The file path computed as Packer computes it (relative to the template's directory) and the file system `bazel test` stages from the target's sources, which is what `bazel run` stages too: a path not computed, absolute, or inside can()/try() or a conditional's result is left alone.",
  },
  check(ctx) {
    const out: Report[] = [];
    for (const { site, call, guarded } of allCalls(ctx)) {
      if (guarded || !READERS.has(call.name) || site.bound.size > 0) continue;
      const arg = call.args[0];
      if (!arg) continue;
      const resolved = scriptPath(ctx, site.file, arg);
      if (!resolved || resolved.path === "") continue;
      // An absolute path the template writes is the build machine's; one that `${path.root}` made
      // absolute (the template given by an absolute path) is still the template's own folder.
      const absolute = resolved.path.startsWith("/") || resolved.path.startsWith("~") || /^[A-Za-z]:[\\/]/.test(resolved.path);
      if (absolute && !resolved.pathRoot) continue;
      const candidates = resolved.pathRoot ? [resolved.path] : [joinPath(site.file.dir, resolved.path), resolved.path];
      if (candidates.some((p) => ctx.fs.stat(p) === "file")) continue;
      const shown = candidates[0]!;
      out.push({
        file: site.file,
        at: arg.range.start,
        message: `Call to function "${call.name}" failed: no file exists at ${shown}.`,
        hint:
          ctx.fs.stat(shown) === "dir"
            ? `${shown} is a directory`
            : resolved.pathRoot
              ? "add the file next to the template (and to the target's data), or fix the name"
              : 'write the path relative to the template, e.g. "${path.root}/files/x"',
      });
    }
    return out;
  },
};
