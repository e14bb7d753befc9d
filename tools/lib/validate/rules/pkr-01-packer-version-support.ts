import { functionCallsIn, getAttribute, staticValue, type Block, type Body } from "../../hcl/ast.ts";
import { constraintAllows } from "../../plugins.ts";
import { coreComponent, featureSince, FIRST_HCL2, functionSince, olderThan, sinceIn } from "../packer-versions.ts";
import type { ParsedFile, Report, Rule, RuleContext } from "../types.ts";

const FIX = "packer.toolchain(version = ...) or packer.host(...) in MODULE.bazel picks the Packer a build uses";

/** The component kind a block's type declares, for the table of Packer's own components. */
const KIND: Record<string, string> = {
  source: "source",
  data: "data",
  provisioner: "provisioner",
  "error-cleanup-provisioner": "provisioner",
  "post-processor": "post-processor",
};

/**
 * The contexts a block's body is checked in: its own (meta-arguments of provisioners and
 * post-processors, the arguments of `packer`, `build`, `variable`, ...), and the blocks below it.
 */
const CONTEXT_OF: Record<string, Record<string, string>> = {
  root: { packer: "packer", build: "build", variable: "variable", local: "local" },
  build: {
    provisioner: "provisioner",
    "error-cleanup-provisioner": "provisioner",
    "post-processor": "post-processor",
    "post-processors": "post-processors",
    hcp_packer_registry: "hcp_packer_registry",
  },
  "post-processors": { "post-processor": "post-processor" },
  variable: { validation: "validation" },
};

export const rule: Rule = {
  id: "PKR-01",
  name: "packer-version-support",
  severity: "error",
  docs: {
    summary:
      "With the Packer version known (`bazel test` passes the toolchain's), the template uses only what that Packer supports: blocks, arguments, functions, `dynamic` blocks, the arguments of Packer's own components, and it meets `packer { required_version }`.",
    why:
      'An older Packer refuses what it does not know ("Blocks of type \\"data\\" are not expected here", "Call to unknown function") ' +
      "and a `required_version` it does not meet; `bazel test` would pass and `bazel run` fail. The versions come from Packer's sources at every release.",
    fix: "Build with a Packer that has it (`packer.toolchain(version = ...)` in MODULE.bazel), or write the template for the Packer you have.",
    evidence:
      "The Packer version `bazel run` uses, which Bazel knows from the toolchain it resolves (nothing is checked when it is not known, as for an installed Packer whose version is not declared), and the release that added each block, meta-argument, function and core argument, generated from Packer's own sources at every release tag (tools/lib/validate/packer-versions-data.ts): an older Packer's decoder does not know the name and rejects the template.",
  },
  check(ctx) {
    const version = ctx.options.packerVersion;
    if (version === undefined) return [];
    const out: Report[] = [];
    if (olderThan(version, FIRST_HCL2)) {
      const file = ctx.templates[0];
      if (file)
        out.push({
          file,
          at: { line: 1, column: 1 },
          message: `HCL2 templates need Packer ${FIRST_HCL2} or later; this build uses Packer ${version}`,
          hint: FIX,
        });
      return out;
    }
    // Packer checks `packer { required_version }` first and stops there: nothing else is reported when it fails.
    out.push(...requiredVersion(ctx, version));
    if (out.length > 0) return out;

    // Reports what this Packer lacks; true when it has it (or the table does not know it).
    const need = (file: ParsedFile, at: Report["at"], what: string, since: string | undefined, plural = false): boolean => {
      if (since === undefined || !olderThan(version, since)) return true;
      out.push({ file, at, message: `${what} ${plural ? "need" : "needs"} Packer ${since} or later; this build uses Packer ${version}`, hint: FIX });
      return false;
    };

    // The arguments and blocks a context takes; below a block, the contexts of its nested blocks.
    const checkBody = (file: ParsedFile, body: Body, context: string, owner: string) => {
      for (const a of body.attributes) need(file, a.nameRange.start, `\`${a.name}\` in ${owner}`, sinceIn(context, a.name));
      for (const b of body.blocks) {
        if (b.type === "dynamic") continue;
        // What sits in a block this Packer does not take is not reported again.
        if (!need(file, b.typeRange.start, `\`${b.type}\` blocks in ${owner}`, sinceIn(context, b.type), true)) continue;
        const inner = CONTEXT_OF[context]?.[b.type];
        if (inner) checkBody(file, b.body, inner, blockName(b));
        checkComponent(file, b, context);
      }
    };
    // Packer's own components (shell, file, null, manifest, ...): the component, and arguments it gained later.
    const checkComponent = (file: ParsedFile, b: Block, context: string) => {
      const kind = KIND[b.type];
      const type = b.labels[0]?.value;
      if (!kind || type === undefined || (context !== "root" && context !== "build" && context !== "post-processors")) return;
      // A build-level `source` block refers to a source by name: its label is `TYPE.NAME`.
      const component = coreComponent(kind, context === "build" && kind === "source" ? type.replace(/^source\./, "").split(".")[0]! : type);
      if (!component) return;
      if (!need(file, b.labels[0]!.range.start, `the \`${type}\` ${kind === "source" ? "builder" : kind === "data" ? "data source" : kind}`, component.since))
        return;
      for (const a of b.body.attributes) need(file, a.nameRange.start, `\`${a.name}\` of the \`${type}\` ${kind}`, component.args[a.name]);
    };

    for (const file of ctx.templates) {
      for (const b of file.body.blocks) {
        if (!need(file, b.typeRange.start, `\`${b.type}\` blocks`, sinceIn("root", b.type), true)) continue;
        const inner = CONTEXT_OF["root"]![b.type];
        if (inner) checkBody(file, b.body, inner, blockName(b));
        checkComponent(file, b, "root");
      }
      walkBlocks(file.body, (b) => {
        if (b.type === "dynamic") need(file, b.typeRange.start, "`dynamic` blocks", featureSince("dynamic"), true);
      });
      for (const attr of allAttributes(file.body)) {
        for (const call of functionCallsIn(attr.expr)) need(file, call.nameRange.start, `the function \`${call.name}\``, functionSince(call.name));
      }
    }

    return out;
  },
};

/** `packer { required_version = "..." }` constraints the Packer `version` does not meet (Packer refuses the template). */
function requiredVersion(ctx: RuleContext, version: string): Report[] {
  // Before the `packer` block existed, the root-block check reports the block itself.
  if (olderThan(version, sinceIn("root", "packer") ?? FIRST_HCL2)) return [];
  const out: Report[] = [];
  for (const { file, block } of ctx.packerBlocks) {
    const rv = getAttribute(block.body, "required_version");
    const constraint = rv ? staticValue(rv.expr) : undefined;
    if (!rv || typeof constraint !== "string" || constraintAllows(constraint, version) !== false) continue;
    out.push({
      file,
      at: rv.expr.range.start,
      message: `Unsupported Packer Core version: required_version "${constraint}" does not allow Packer ${version}, which this build uses`,
      hint: `Packer refuses the template; ${FIX}, or change the constraint`,
    });
  }
  return out;
}

function blockName(b: Block): string {
  return b.labels.length > 0 ? `${b.type} ${b.labels.map((l) => `"${l.value}"`).join(" ")}` : `the ${b.type} block`;
}

function walkBlocks(body: Body, visit: (b: Block) => void): void {
  const stack = [...body.blocks];
  while (stack.length > 0) {
    const b = stack.pop()!;
    visit(b);
    for (const inner of b.body.blocks) stack.push(inner);
  }
}

function allAttributes(body: Body): Body["attributes"] {
  const out: Body["attributes"] = [];
  const stack: Body[] = [body];
  while (stack.length > 0) {
    const b = stack.pop()!;
    for (const a of b.attributes) out.push(a);
    for (const inner of b.blocks) stack.push(inner.body);
  }
  return out;
}
