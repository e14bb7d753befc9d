/**
 * Base-image knowledge: which image a build source starts from, as far as the template tells it
 * for certain, with the evidence used.
 *
 * Certain evidence names the image: an AMI filter's name (and owners), a data source's filter, a
 * known AMI id, a GCE image family or image name (and project), each read as Packer would compute
 * it (a part that cannot be known stands for any text). Those settle the images the source may
 * start from (`candidates`: a release, or the releases a name pattern spans) and whether they are
 * the images the distribution published. Weaker evidence is a guess: the SSH user (ubuntu, admin,
 * ec2-user), and the commands the provisioners run (amazon-linux-extras, dnf).
 */
import { getAttribute, staticValue, type Block, type Expression } from "../../../hcl/ast.ts";
import { mergedAttributes, mergedBlocks } from "../../model/context.ts";
import { UNKNOWN } from "../../model/evaluate.ts";
import { tryEvaluate } from "../../model/values.ts";
import type { RuleContext, SourceUse } from "../../types.ts";
import { OTHER_DISTRO, distroFamily, matchName, nameHints, publisherDistros, shapesOf } from "./image-names.ts";
import type { Cloud, Distro, ImageShape } from "./releases.ts";
import type { Segment } from "./shell-scan.ts";

/** `el`: RHEL and its rebuilds (Rocky Linux, AlmaLinux, CentOS Stream). */
export type Family = "al2" | "al2023" | "amazon-linux" | "ubuntu" | "debian" | "el" | "unknown";

export interface Base {
  cloud: "aws" | "gcp" | "other";
  family: Family;
  evidence: string;
  /** The family is a guess from the SSH user or the commands (ec2-user + dnf → AL2023). */
  guessed?: boolean;
  /** The images the source may start from, as far as the evidence narrows them (none: not known). */
  candidates: ImageShape[];
  /** The release, when every candidate is of it and the evidence is not a guess. */
  release?: { distro: Distro; version: string };
  /** The candidates are images as their distribution published them (by name and publisher), not images built from them. */
  published: boolean;
}

const KNOWN_AMIS: Record<string, ImageShape> = { "ami-051dfed8f67f095f5": { cloud: "aws", distro: "amazon-linux", version: "2", variant: "standard" } };
/** Owners that publish only images of distributions the data does not cover (SUSE, Oracle, the Marketplace). */
const OTHER_OWNERS = new Set(["013907871322", "131827586825", "679593333241"]);

/**
 * A string the expression evaluates to, as a name pattern: the parts of a template that cannot be
 * known become `*` (they could be anything). Undefined when nothing of it is known.
 */
function namePattern(ctx: RuleContext, e: Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === "Template" && e.parts.length > 1) {
    let s = "";
    for (const p of e.parts) {
      if (p.kind === "TemplateLiteral") s += p.value;
      else if (p.kind === "TemplateInterpolation") {
        const v = tryEvaluate(ctx, p.expr);
        s += typeof v === "string" || typeof v === "number" ? String(v) : "*";
      } else s += "*";
    }
    return /[^*]/.test(s) ? s.replace(/\*+/g, "*") : undefined;
  }
  const v = tryEvaluate(ctx, e);
  return typeof v === "string" ? v : undefined;
}

function stringList(ctx: RuleContext, e: Expression | undefined): string[] | undefined {
  if (!e) return undefined;
  const v = tryEvaluate(ctx, e);
  if (v === UNKNOWN || !Array.isArray(v) || !v.every((x) => typeof x === "string")) return undefined;
  return v as string[];
}

interface Found {
  candidates: ImageShape[];
  evidence: string;
  published: boolean;
  /** The name says a distribution the data does not cover. */
  other?: boolean;
}

/** The images a name (pattern) may be, published by `publishers` when given. */
function fromName(cloud: Cloud, name: string, publishers: string[] | undefined, evidence: string): Found {
  const m = matchName(cloud, name, publishers);
  if (m.shapes.length) return { candidates: m.shapes, evidence, published: m.published };
  const h = nameHints(name);
  if (h.other || (!h.distro && OTHER_DISTRO.test(name))) return { candidates: [], evidence, published: false, other: true };
  if (h.distro) return { candidates: shapesOf(cloud, h.distro, h.version), evidence, published: false };
  return { candidates: [], evidence: "", published: false };
}

/** An AMI filter (`source_ami_filter` or an amazon-ami data source): its name pattern and owners. */
function filterImages(ctx: RuleContext, block: Block | undefined): Found | undefined {
  if (!block) return undefined;
  const owners = stringList(ctx, getAttribute(block.body, "owners")?.expr);
  let name: string | undefined;
  const fexpr = getAttribute(block.body, "filters")?.expr;
  if (fexpr?.kind === "Object") {
    for (const it of fexpr.items) if (staticValue(it.key) === "name") name = namePattern(ctx, it.value);
  } else if (fexpr) {
    const v = tryEvaluate(ctx, fexpr);
    if (v && typeof v === "object" && !Array.isArray(v) && typeof (v as Record<string, unknown>)["name"] === "string")
      name = (v as Record<string, string>)["name"];
  }
  for (const fb of block.body.blocks.filter((b) => b.type === "filter")) {
    if (tryEvaluate(ctx, getAttribute(fb.body, "name")?.expr ?? { kind: "Invalid", range: fb.range }) !== "name") continue;
    const values = getAttribute(fb.body, "values")?.expr;
    const list = stringList(ctx, values);
    name = namePattern(ctx, getAttribute(fb.body, "value")?.expr) ?? (list?.length === 1 ? list[0] : undefined);
  }
  const ownerNote = owners?.length ? `, owner ${owners.join(", ")}` : "";
  if (name) {
    const f = fromName("aws", name, owners, `filter name "${name}"${ownerNote}`);
    if (f.candidates.length || f.other) return f;
  }
  if (owners?.some((o) => OTHER_OWNERS.has(o))) return { candidates: [], evidence: `owner ${owners.join(", ")}`, published: false, other: true };
  for (const o of owners ?? []) {
    const distros = publisherDistros("aws", o);
    // An owner that publishes one distribution says which; `amazon` also publishes Windows and others.
    if (distros.length === 1) return { candidates: shapesOf("aws", distros[0]!), evidence: `owner ${o}`, published: true };
    if (o === "amazon") return { candidates: shapesOf("aws", "amazon-linux"), evidence: `owner ${o}`, published: true };
  }
  return undefined;
}

function awsImages(ctx: RuleContext, use: SourceUse): Found | undefined {
  const f = filterImages(ctx, mergedBlocks(use, "source_ami_filter")[0]);
  if (f) return f;
  let ami = mergedAttributes(use).get("source_ami")?.expr;
  // Follow locals (source_ami = local.x, local.x = data.amazon-ami.y.id).
  for (let hops = 0; ami && ami.kind === "ScopeTraversal" && ami.root === "local" && hops < 8; hops++) {
    const s1 = ami.steps[0];
    ami = s1?.kind === "GetAttrStep" ? ctx.locals.get(s1.name)?.[0]?.expr : undefined;
  }
  if (ami?.kind === "Template" && ami.parts.length === 1 && ami.parts[0]!.kind === "TemplateInterpolation") ami = ami.parts[0]!.expr;
  if (!ami) return undefined;
  if (ami.kind === "ScopeTraversal" && ami.root === "data") {
    const [s1, s2] = ami.steps;
    if (s1?.kind === "GetAttrStep" && s2?.kind === "GetAttrStep") return filterImages(ctx, ctx.data.get(`${s1.name}.${s2.name}`)?.[0]?.block);
    return undefined;
  }
  const id = tryEvaluate(ctx, ami);
  if (typeof id === "string" && KNOWN_AMIS[id]) return { candidates: [KNOWN_AMIS[id]!], evidence: `source_ami ${id}`, published: true };
  return undefined;
}

function gceImages(ctx: RuleContext, use: SourceUse): Found | undefined {
  const attrs = mergedAttributes(use);
  const projects = stringList(ctx, attrs.get("source_image_project_id")?.expr);
  for (const attr of ["source_image", "source_image_family"]) {
    const name = namePattern(ctx, attrs.get(attr)?.expr);
    if (!name) continue;
    const f = fromName("gcp", name, projects, `${attr} "${name}"${projects ? `, project ${projects.join(", ")}` : ""}`);
    if (f.candidates.length || f.other) return f;
  }
  return undefined;
}

function familyOf(shapes: ImageShape[]): Family {
  const fams = new Set(
    shapes.map((s) => (s.distro === "amazon-linux" ? (s.version === "2" ? "al2" : s.version === "2023" ? "al2023" : "amazon-linux") : distroFamily(s.distro))),
  );
  if (fams.size === 1) return [...fams][0]!;
  if ([...fams].every((f) => f === "al2" || f === "al2023" || f === "amazon-linux")) return "amazon-linux";
  return "unknown";
}

/** The base image a source starts from. */
export function detectBase(ctx: RuleContext, use: SourceUse, segs: Segment[], useSshUser = true): Base {
  const attrs = mergedAttributes(use);
  const str = (n: string): string | undefined => {
    const v = attrs.get(n) ? tryEvaluate(ctx, attrs.get(n)!.expr) : undefined;
    return typeof v === "string" ? v : undefined;
  };
  const cloud: Base["cloud"] = use.type.startsWith("amazon-") ? "aws" : use.type === "googlecompute" ? "gcp" : "other";
  const found = cloud === "aws" ? awsImages(ctx, use) : cloud === "gcp" ? gceImages(ctx, use) : undefined;
  let candidates = found?.candidates ?? [];
  let evidence = found?.evidence ?? "";
  let published = found?.published ?? false;
  let guessed = false;
  // A WinRM build is a Windows machine whatever ssh_username the shared source sets.
  if (str("communicator") === "winrm") return { cloud, family: "unknown", evidence: "", candidates: [], published: false };
  if (!candidates.length && useSshUser && !found?.other && cloud !== "other") {
    const user = str("ssh_username");
    const guess: Distro | undefined =
      // "admin" is the user of Debian's AMIs; elsewhere (macOS on tart, a kickstarted Rocky VM) it is just a name.
      user === "ec2-user" && cloud === "aws" ? "amazon-linux" : user === "ubuntu" ? "ubuntu" : user === "admin" && cloud === "aws" ? "debian" : undefined;
    if (guess) {
      candidates = shapesOf(cloud, guess);
      evidence = `ssh_username "${user}"`;
      guessed = true;
      published = false;
    }
  }
  // Which Amazon Linux: the commands give a guess.
  if (familyOf(candidates) === "amazon-linux") {
    const by = segs.some((s) => s.cmd === "amazon-linux-extras") ? "2" : segs.some((s) => s.cmd === "dnf") ? "2023" : undefined;
    if (by) {
      candidates = candidates.filter((c) => c.version === by);
      evidence += by === "2" ? ", amazon-linux-extras" : ", dnf";
      guessed = true;
    }
  }
  const family = familyOf(candidates);
  const first = candidates[0];
  const release =
    first && !guessed && candidates.every((c) => c.distro === first.distro && c.version === first.version)
      ? { distro: first.distro, version: first.version }
      : undefined;
  return { cloud, family: candidates.length ? family : "unknown", evidence, guessed, candidates, ...(release ? { release } : {}), published };
}
