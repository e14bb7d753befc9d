import { walkExpressions, type TemplatePart } from "../../hcl/ast.ts";
import type { ParsedFile, Report, Rule } from "../types.ts";
import { advance } from "../util.ts";

/** What each legacy call is, and its HCL2 replacement: the rule's messages. */
const LEGACY: Readonly<Record<string, string>> = {
  user: "{{user `x`}} renders empty in HCL2; use var.x",
  timestamp: '{{timestamp}} is a legacy template call; use formatdate("YYYYMMDDhhmmss", timestamp())',
  isotime: '{{isotime}} is a legacy template call; use formatdate("…", timestamp())',
  uuid: "{{uuid}} is a legacy template call; use uuidv4()",
  env: '{{env `X`}} is a legacy template call; use a variable with default = env("X")',
  template_dir: "{{template_dir}} is a legacy template call; use path.root",
  pwd: "{{pwd}} is a legacy template call; use path.cwd",
  build_name: "{{build_name}} is a legacy template call; use source.name",
  build_type: "{{build_type}} is a legacy template call; use source.type",
  clean_resource_name: "{{clean_resource_name}} is a legacy template call; use regex_replace()",
  packer_version: "{{packer_version}} is a legacy template call; use packer.version",
};

const PATTERN = /\{\{-?\s*([A-Za-z_]+)/g;

function scan(file: ParsedFile, parts: TemplatePart[], out: Report[]): void {
  for (const p of parts) {
    if (p.kind !== "TemplateLiteral") continue;
    if (!p.value.includes("{{")) continue;
    const src = file.text.slice(p.range.start.offset, p.range.end.offset);
    for (const m of p.value.matchAll(PATTERN)) {
      const msg = LEGACY[m[1]!];
      if (!msg) continue;
      const at = src === p.value ? advance(p.range.start, src, m.index) : p.range.start;
      out.push({
        file,
        at,
        message: msg,
        hint: "HCL2 templates use HCL expressions; Go-template calls are only kept for builder variables like {{ .SourceAMI }}",
      });
    }
  }
}

export const rule: Rule = {
  id: "REF-05",
  name: "legacy-template-call",
  severity: "warning",
  docs: {
    summary: "No legacy JSON-template calls (`{{user}}`, `{{timestamp}}`, `{{isotime}}`, `{{uuid}}`, …) in HCL2 strings.",
    why:
      "In HCL2 templates `{{user `x`}}` renders empty. Plugins still render calls such as `{{timestamp}}` in the " +
      "fields they interpolate, late and in formats of their own, so Packer's HCL and this validator see only the " +
      "raw text (the NAM rules cannot check such a name). Most are leftovers of `hcl2_upgrade`; builder variables " +
      "such as `{{ .SourceAMI }}` are meant to stay.",
    fix: "Use the HCL equivalent named in the message (`var.x`, `timestamp()`, `uuidv4()`, `path.root`, `source.name`).",
  },
  messages: LEGACY,
  check(ctx) {
    const out: Report[] = [];
    for (const site of ctx.sites) {
      // Documentation text, never rendered: a description may well mention the old syntax.
      const top = site.blocks[0]?.type;
      if (site.attr.name === "description" && site.blocks.length === 1 && (top === "variable" || top === "build")) continue;
      if (site.attr.name === "error_message" && site.blocks[site.blocks.length - 1]?.type === "validation") continue;
      walkExpressions(site.attr.expr, (e) => {
        if (e.kind === "Template") scan(site.file, e.parts, out);
      });
    }
    return out;
  },
};
