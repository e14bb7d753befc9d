import { staticValue } from "../../hcl/ast.ts";
import { describePins, normalizeSource, pinProblem } from "../../plugins.ts";
import type { Report, Rule } from "../types.ts";

export const rule: Rule = {
  id: "PLG-01",
  name: "plugin-pinned",
  severity: "error",
  docs: {
    summary: "With plugins pinned in MODULE.bazel, every `required_plugins` entry is pinned, at a version its constraint allows.",
    why:
      "With `packer.plugin` pins, `bazel run` gives Packer only the pinned plugins and runs no `packer init`: a " +
      "required plugin that is not pinned, or is pinned at a version outside the template's constraint, is missing " +
      "from the build, and Packer stops only after Bazel has fetched and built everything. The rule runs when the " +
      "target's Packer toolchain pins plugins (and not with `packer.host`).",
    fix:
      "Add `packer.plugin(source = ..., version = ..., sha256 = {...})` for the plugin to MODULE.bazel, or change " +
      "the pinned version (with its sha256 sums) or the template's constraint until they agree.",
    evidence:
      "The template's literal `required_plugins` constraints and the plugin pins the target's Packer toolchain carries: with pins Packer sees only the pinned plugins and runs no `packer init`, so an unpinned plugin or a pin outside the constraint is missing from the build.",
  },
  check(ctx) {
    const pins = ctx.options.pluginPins;
    if (!pins || pins.size === 0) return [];
    const pinned = describePins(pins);
    const out: Report[] = [];
    for (const { file, attr, fields } of ctx.requiredPlugins) {
      const sourceExpr = fields.get("source");
      const versionExpr = fields.get("version");
      const source = sourceExpr ? staticValue(sourceExpr) : undefined;
      const version = versionExpr ? staticValue(versionExpr) : undefined;
      if (typeof source !== "string") continue; // SYN-03 reports it
      const problem = pinProblem(pins, source, typeof version === "string" ? version : undefined);
      if (problem?.kind === "unpinned") {
        out.push({
          file,
          at: sourceExpr!.range.start,
          message: `${attr.name}: ${normalizeSource(source)} is not pinned in MODULE.bazel (pinned: ${pinned}); with pinned plugins Packer sees only those`,
          hint: `add packer.plugin(source = "${normalizeSource(source)}", version = ..., sha256 = {...}) to MODULE.bazel`,
        });
      } else if (problem?.kind === "version") {
        out.push({
          file,
          at: versionExpr!.range.start,
          message: `${attr.name} "${String(version)}" does not allow ${problem.pinned}, the version MODULE.bazel pins for ${normalizeSource(source)}`,
          hint: "pin a version the constraint allows in packer.plugin(...), with its sha256 sums, or change the constraint",
        });
      }
    }
    return out;
  },
};
