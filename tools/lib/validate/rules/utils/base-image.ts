/**
 * Base-image knowledge: which OS family (Amazon Linux 2 or 2023, Ubuntu, Debian) and cloud a
 * build source starts from, read from its AMI, its AMI filter and owners, its image family,
 * its SSH user and, failing those, the commands its provisioners run, with the evidence used.
 */
import { getAttribute, staticValue, type Block, type Expression } from "../../../hcl/ast.ts";
import { mergedAttributes, mergedBlocks } from "../../model/context.ts";
import { UNKNOWN, evaluate, renderLoose } from "../../model/evaluate.ts";
import { makeEnv } from "../../model/values.ts";
import type { RuleContext, SourceUse } from "../../types.ts";
import type { Segment } from "./shell-scan.ts";

export type Family = "al2" | "al2023" | "amazon-linux" | "ubuntu" | "debian" | "unknown";
export interface Base {
  cloud: "aws" | "gcp" | "other";
  family: Family;
  evidence: string;
  /** The family is a guess from the SSH user and the commands (ec2-user + dnf → AL2023). */
  guessed?: boolean;
}

const KNOWN_AMIS: Record<string, Family> = { "ami-051dfed8f67f095f5": "al2" };
const OWNERS: Record<string, Family> = { "137112412989": "amazon-linux", amazon: "amazon-linux", "099720109477": "ubuntu", "136693071363": "debian" };

/**
 * Distributions whose images also log in as ec2-user (or are published by the "amazon"
 * owner alias) and use yum/dnf: a name or owner naming one of them settles the base as
 * not Amazon Linux, whatever the SSH user suggests.
 */
const OTHER_DISTRO = /rhel|red ?hat|centos|rocky|alma|fedora|oracle|\bol-?[6-9]|suse|sles|windows/i;
const OTHER_OWNERS = new Set(["309956199498", "125523088429", "792107900819", "764336703387", "679593333241", "013907871322", "131827586825"]);

function familyFromName(name: string): Family {
  if (/al2023/i.test(name)) return "al2023";
  if (/amzn2/i.test(name)) return "al2";
  if (/amzn/i.test(name)) return "amazon-linux";
  if (/ubuntu/i.test(name)) return "ubuntu";
  if (/debian/i.test(name)) return "debian";
  return "unknown";
}

function filterFamily(ctx: RuleContext, block: Block | undefined): { family: Family; evidence: string; other?: boolean } {
  if (!block) return { family: "unknown", evidence: "" };
  const fexpr = getAttribute(block.body, "filters")?.expr;
  let filters: unknown = fexpr ? staticValue(fexpr) : undefined;
  if (fexpr && filters === undefined && fexpr.kind === "Object") {
    // Render values loosely: names often interpolate the architecture.
    const o: Record<string, string> = {};
    for (const it of fexpr.items) {
      const k = staticValue(it.key);
      if (typeof k === "string") o[k] = renderLoose(it.value, makeEnv(ctx));
    }
    filters = o;
  }
  if (filters && typeof filters === "object" && typeof (filters as Record<string, unknown>)["name"] === "string") {
    const n = (filters as Record<string, string>)["name"]!;
    const f = familyFromName(n);
    if (f !== "unknown") return { family: f, evidence: `filter name "${n}"` };
    if (OTHER_DISTRO.test(n)) return { family: "unknown", evidence: `filter name "${n}"`, other: true };
  }
  for (const fb of block.body.blocks.filter((b) => b.type === "filter")) {
    const n = staticValue(getAttribute(fb.body, "name")?.expr ?? { kind: "Invalid", range: fb.range });
    const v = staticValue(getAttribute(fb.body, "value")?.expr ?? { kind: "Invalid", range: fb.range });
    if (n === "name" && typeof v === "string" && familyFromName(v) !== "unknown") return { family: familyFromName(v), evidence: `filter name "${v}"` };
    if (n === "name" && typeof v === "string" && OTHER_DISTRO.test(v)) return { family: "unknown", evidence: `filter name "${v}"`, other: true };
  }
  const owners = staticValue(getAttribute(block.body, "owners")?.expr ?? { kind: "Invalid", range: block.range });
  void ctx;
  if (Array.isArray(owners)) {
    for (const o of owners) if (typeof o === "string" && OWNERS[o]) return { family: OWNERS[o]!, evidence: `owner ${o}` };
    for (const o of owners) if (typeof o === "string" && OTHER_OWNERS.has(o)) return { family: "unknown", evidence: `owner ${o}`, other: true };
  }
  return { family: "unknown", evidence: "" };
}

/** The base image family a source starts from. */
export function detectBase(ctx: RuleContext, use: SourceUse, segs: Segment[], useSshUser = true): Base {
  const attrs = mergedAttributes(use);
  const str = (n: string): string | undefined => {
    const a = attrs.get(n);
    if (!a) return undefined;
    const v = tryEval(ctx, a.expr);
    return typeof v === "string" ? v : undefined;
  };
  let cloud: Base["cloud"] = "other";
  let family: Family = "unknown";
  let evidence = "";
  let other = false;
  let guessed = false;
  if (use.type.startsWith("amazon-")) {
    cloud = "aws";
    const f = filterFamily(ctx, mergedBlocks(use, "source_ami_filter")[0]);
    family = f.family;
    evidence = f.evidence;
    other = f.other === true;
    let ami = attrs.get("source_ami")?.expr;
    // Follow locals (source_ami = local.x, local.x = data.amazon-ami.y.id).
    for (let hops = 0; ami && ami.kind === "ScopeTraversal" && ami.root === "local" && hops < 8; hops++) {
      const s1 = ami.steps[0];
      ami = s1?.kind === "GetAttrStep" ? ctx.locals.get(s1.name)?.[0]?.expr : undefined;
    }
    if (ami?.kind === "Template" && ami.parts.length === 1 && ami.parts[0]!.kind === "TemplateInterpolation") ami = ami.parts[0]!.expr;
    if (family === "unknown" && ami) {
      const v = str("source_ami");
      if (v && KNOWN_AMIS[v]) {
        family = KNOWN_AMIS[v]!;
        evidence = `source_ami ${v}`;
      } else if (ami.kind === "ScopeTraversal" && ami.root === "data") {
        const [s1, s2] = ami.steps;
        if (s1?.kind === "GetAttrStep" && s2?.kind === "GetAttrStep") {
          const d = ctx.data.get(`${s1.name}.${s2.name}`)?.[0];
          if (d) {
            const df = filterFamily(ctx, d.block);
            family = df.family;
            evidence = df.evidence;
            other = df.other === true;
          }
        }
      }
    }
  } else if (use.type === "googlecompute") {
    cloud = "gcp";
    const img = str("source_image_family") ?? str("source_image");
    if (img) {
      if (/^debian/.test(img)) family = "debian";
      else if (/^ubuntu/.test(img)) family = "ubuntu";
      if (family !== "unknown") evidence = `source image "${img}"`;
    }
  }
  // A WinRM build is a Windows machine whatever ssh_username the shared source sets.
  const windows = str("communicator") === "winrm";
  if (windows) family = "unknown";
  if (family === "unknown" && useSshUser && !windows && !other) {
    const user = str("ssh_username");
    if (user === "ec2-user" && cloud === "aws") family = "amazon-linux";
    else if (user === "ubuntu") family = "ubuntu";
    // "admin" is the user of Debian's AMIs; elsewhere (macOS on tart, a kickstarted Rocky
    // VM) it is just a name someone chose.
    else if (user === "admin" && cloud === "aws") family = "debian";
    if (family !== "unknown") {
      evidence = `ssh_username "${user}"`;
      guessed = true;
    }
  }
  if (family === "amazon-linux") {
    if (segs.some((s) => s.cmd === "amazon-linux-extras")) {
      family = "al2";
      evidence += ", amazon-linux-extras";
    } else if (segs.some((s) => s.cmd === "dnf")) {
      family = "al2023";
      evidence += ", dnf";
    }
  }
  return { cloud, family, evidence, guessed };
}

function tryEval(ctx: RuleContext, e: Expression): unknown {
  try {
    const v = evaluate(e, makeEnv(ctx));
    return v === UNKNOWN ? undefined : v;
  } catch {
    return undefined;
  }
}
