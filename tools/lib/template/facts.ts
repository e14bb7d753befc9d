/**
 * What a build needs to know of one template file, read through the template model: its
 * variables (sensitive? a literal default?), whether `packer init` has plugins to install,
 * and the plugins it requires. JSON templates (`*.pkr.json`) are read here too: the build
 * takes them, the validator does not.
 */
import { getAttribute, staticValue } from "../hcl/ast.ts";
import { parseHcl } from "../hcl/parser.ts";
import { dirOf, readTemplates, type ParsedFile, type TemplateModel, type VariableDecl } from "./model.ts";

export interface VariableInfo {
  name: string;
  sensitive: boolean;
  /** Literal default from the template, if any. */
  default?: unknown;
  hasDefault: boolean;
}

export interface RequiredPlugin {
  /** The local name (`amazon = {...}`). */
  name: string;
  source: string;
  /** The version constraint, when a literal string. */
  version?: string;
  /** Where the entry is written: `file:line:col` (HCL) or the file (JSON). */
  where: string;
}

export interface TemplateFacts {
  variables: VariableInfo[];
  /** The template has required_plugins: `packer init` installs them. */
  needsInit: boolean;
  /** The required_plugins entries whose `source` is a literal string. */
  plugins: RequiredPlugin[];
}

/** Variables declared by a template (HCL or JSON), and the plugins it requires. */
export function templateFacts(text: string, file: string): TemplateFacts {
  if (file.endsWith(".json")) return jsonTemplateFacts(text, file);
  const { body, diagnostics } = parseHcl(text, file);
  const parsed: ParsedFile = { path: file, dir: dirOf(file), text, body, diagnostics, role: "template" };
  return modelFacts(readTemplates([parsed]));
}

/** The facts of an HCL template's model. */
export function modelFacts(model: TemplateModel): TemplateFacts {
  const requiredBlocks = model.packerBlocks.flatMap(({ block }) => block.body.blocks.filter((b) => b.type === "required_plugins"));
  const plugins = model.requiredPlugins.flatMap(({ file, attr }): RequiredPlugin[] => {
    const value = staticValue(attr.expr) as Record<string, unknown> | undefined;
    const source = value !== null && typeof value === "object" ? value["source"] : undefined;
    const version = value !== null && typeof value === "object" ? value["version"] : undefined;
    if (typeof source !== "string") return [];
    // Where a mismatch is: the version constraint (as PLG-01 reports it), else the entry.
    const versionItem = attr.expr.kind === "Object" ? attr.expr.items.find((it) => staticValue(it.key) === "version") : undefined;
    const at = (versionItem?.value ?? attr.expr).range.start;
    return [{ name: attr.name, source, ...(typeof version === "string" ? { version } : {}), where: `${file.path}:${at.line}:${at.column}` }];
  });
  return { variables: variableInfos(model), needsInit: requiredBlocks.length > 0, plugins };
}

/** Per file, `variable` blocks first, then the legacy `variables {}` entries, each in document order. */
function variableInfos(model: TemplateModel): VariableInfo[] {
  const files = new Map(model.templates.map((f, i) => [f, i]));
  const legacy = (d: VariableDecl) => (d.block.type === "variables" ? 1 : 0);
  const decls = [...model.variables.values()]
    .flat()
    .filter((d) => d.name !== "")
    .sort((a, b) => files.get(a.file)! - files.get(b.file)! || legacy(a) - legacy(b) || a.nameRange.start.offset - b.nameRange.start.offset);
  return decls.map((d) => {
    const sensitive = d.block.type === "variable" ? getAttribute(d.block.body, "sensitive") : undefined;
    return {
      name: d.name,
      sensitive: sensitive ? staticValue(sensitive.expr) === true : false,
      hasDefault: d.default !== undefined,
      default: d.default ? staticValue(d.default.expr) : undefined,
    };
  });
}

function jsonTemplateFacts(text: string, file: string): TemplateFacts {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { variables: [], needsInit: false, plugins: [] };
  }
  const vars = (doc["variable"] ?? {}) as Record<string, Record<string, unknown> | Array<Record<string, unknown>>>;
  const variables = Object.entries(vars).map(([name, raw]) => {
    const v = (Array.isArray(raw) ? raw[0] : raw) ?? {};
    return { name, sensitive: v["sensitive"] === true, default: v["default"], hasDefault: "default" in v };
  });
  const plugins: RequiredPlugin[] = [];
  const required = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(required);
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key !== "required_plugins") {
        required(value);
        continue;
      }
      for (const block of Array.isArray(value) ? value : [value]) {
        for (const [name, entry] of Object.entries((block ?? {}) as Record<string, unknown>)) {
          const { source, version } = (entry ?? {}) as Record<string, unknown>;
          if (typeof source === "string") plugins.push({ name, source, ...(typeof version === "string" ? { version } : {}), where: file });
        }
      }
    }
  };
  required(doc["packer"]);
  return { variables, needsInit: JSON.stringify(doc["packer"] ?? "").includes("required_plugins"), plugins };
}
