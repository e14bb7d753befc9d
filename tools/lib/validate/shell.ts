/**
 * What the shell provisioners of a build run: inline commands and script files, split
 * into simple commands with positions, plus the base image each source starts from.
 * Shared by the provisioner and Workflows-readiness rules (memoised per context).
 */
import { getAttribute, staticValue, type Block, type Expression } from "../hcl/ast.ts";
import { appliesTo, mergedAttributes, mergedBlocks } from "./context.ts";
import { UNKNOWN, evaluate, renderLoose, type EvalEnv } from "./evaluate.ts";
import type { ParsedFile, RuleContext, SourceUse } from "./types.ts";
import { advance } from "./util.ts";
import { makeEnv } from "./values.ts";

export interface Loc {
  file: ParsedFile | string;
  at: { line: number; column: number };
}

export interface Chunk {
  text: string;
  locate: (index: number) => Loc;
  provisioner: Block;
}

export interface Segment {
  chunk: Chunk;
  /** Offset of the segment in the chunk text. */
  offset: number;
  text: string;
  /** The command word (after sudo, env assignments), basename only. */
  cmd: string;
  args: Array<{ word: string; offset: number }>;
  /** True when the command runs under sudo. */
  sudo: boolean;
}

/** Resolve a script path expression: path.root → the template's directory, path.cwd → ".". */
export function scriptPath(ctx: RuleContext, file: ParsedFile, expr: Expression): { path: string; pathRoot: boolean } | undefined {
  const env = makeEnv(ctx);
  const wrapped: EvalEnv = { variable: env.variable, local: env.local };
  let pathRoot = false;
  const render = (e: Expression): string | undefined => {
    if (e.kind === "ScopeTraversal" && e.root === "path") {
      const step = e.steps[0];
      if (step?.kind === "GetAttrStep" && step.name === "root") {
        pathRoot = true;
        return file.dir;
      }
      if (step?.kind === "GetAttrStep" && step.name === "cwd") return ".";
      return undefined;
    }
    if (e.kind === "Template") {
      let s = "";
      for (const p of e.parts) {
        if (p.kind === "TemplateLiteral") s += p.value;
        else if (p.kind === "TemplateInterpolation") {
          const r = render(p.expr);
          if (r === undefined) return undefined;
          s += r;
        } else return undefined;
      }
      return s;
    }
    try {
      const v = evaluate(e, wrapped);
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const p = render(expr);
  if (p === undefined || p.includes("\u2026")) return undefined;
  return { path: p.replace(/^\.\/(?=.)/, ""), pathRoot };
}

export function joinPath(dir: string, p: string): string {
  if (p.startsWith("/") || /^[A-Za-z]:[\\/]/.test(p)) return p;
  if (dir === "." || dir === "") return p;
  return `${dir.replace(/\/$/, "")}/${p}`;
}

function literalLocator(file: ParsedFile, expr: Expression): (i: number) => Loc {
  if (expr.kind === "Template" && expr.parts.length === 1 && expr.parts[0]!.kind === "TemplateLiteral") {
    const p = expr.parts[0]!;
    const src = file.text.slice(p.range.start.offset, p.range.end.offset);
    if (src === p.value) return (i) => ({ file, at: advance(p.range.start, src, i) });
  }
  return () => ({ file, at: expr.range.start });
}

/** The text chunks a shell provisioner runs. */
export function provisionerChunks(ctx: RuleContext, file: ParsedFile, prov: Block): Chunk[] {
  const chunks: Chunk[] = [];
  const env = makeEnv(ctx);
  const inline = getAttribute(prov.body, "inline");
  if (inline) {
    if (inline.expr.kind === "Tuple") {
      for (const item of inline.expr.items) {
        chunks.push({ text: renderLoose(item, env), locate: literalLocator(file, item), provisioner: prov });
      }
    } else {
      const at = inline.expr.range.start;
      chunks.push({ text: renderLoose(inline.expr, env), locate: () => ({ file, at }), provisioner: prov });
    }
  }
  const scripts: Expression[] = [];
  const script = getAttribute(prov.body, "script");
  if (script) scripts.push(script.expr);
  const list = getAttribute(prov.body, "scripts");
  if (list?.expr.kind === "Tuple") scripts.push(...list.expr.items);
  for (const e of scripts) {
    const sp = scriptPath(ctx, file, e);
    if (!sp) continue;
    let path = sp.path;
    let text = ctx.fs.readText(path);
    if (text === null && !sp.pathRoot) {
      path = joinPath(file.dir, sp.path);
      text = ctx.fs.readText(path);
    }
    if (text === null) continue;
    ctx.scripts.set(path, text);
    const t = text;
    const p = path;
    chunks.push({ text: t, locate: (i) => ({ file: p, at: advance({ line: 1, column: 1 }, t, i) }), provisioner: prov });
  }
  return chunks;
}

const WRAPPERS = new Set(["sudo", "env", "nohup", "time", "exec", "command", "xargs"]);
const SUDO_ARG_OPTS = new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"]);

/** Split a chunk into simple commands (by newline, ;, &&, ||, |), skipping comments. */
export function segments(chunk: Chunk): Segment[] {
  const out: Segment[] = [];
  const text = chunk.text;
  // Split at newlines, ;, &&, || and | outside quotes (quotes never span lines here, so an
  // apostrophe in a comment cannot swallow the rest of a script); skip # comments.
  const pieces: Array<[number, number]> = [];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && text[i + 1] === "\n") {
      i++;
      continue;
    }
    if (c === "\n") {
      pieces.push([start, i]);
      start = i + 1;
      quote = null;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      pieces.push([start, i]);
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
      start = i + 1;
    } else if (c === ";" || c === "|" || (c === "&" && text[i + 1] === "&")) {
      pieces.push([start, i]);
      if (text[i + 1] === c) i++;
      start = i + 1;
    }
  }
  pieces.push([start, text.length]);
  for (const [s, e] of pieces) {
    const seg = text.slice(s, e);
    const words: Array<{ word: string; offset: number }> = [];
    for (const m of seg.matchAll(/[^\s\\]+/g)) words.push({ word: m[0].replace(/^["']+|["']+$/g, ""), offset: s + m.index });
    if (words.length === 0 || words[0]!.word.startsWith("#")) continue;
    let i = 0;
    let sudo = false;
    for (;;) {
      const w = words[i]?.word;
      if (w === undefined) break;
      if (WRAPPERS.has(w)) {
        if (w === "sudo") sudo = true;
        i++;
        while (words[i]?.word.startsWith("-")) {
          if (SUDO_ARG_OPTS.has(words[i]!.word)) i++;
          i++;
        }
        continue;
      }
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
        i++;
        continue;
      }
      break;
    }
    const cmdWord = words[i];
    if (!cmdWord) continue;
    const hash = words.findIndex((w, j) => j > i && w.word.startsWith("#"));
    out.push({
      chunk,
      offset: s,
      text: seg,
      cmd: cmdWord.word.split("/").pop()!,
      args: words.slice(i + 1, hash < 0 ? undefined : hash),
      sudo,
    });
  }
  return out;
}

export const PACKAGE_MANAGERS = new Set(["yum", "dnf", "microdnf", "apt", "apt-get", "zypper", "apk"]);

/** Packages a segment installs (`yum/dnf/apt-get install …`, `amazon-linux-extras install …`). */
export function installedPackages(seg: Segment): Array<{ word: string; offset: number }> {
  const i = seg.args.findIndex((a) => a.word === "install");
  if (i < 0) return [];
  if (!PACKAGE_MANAGERS.has(seg.cmd) && seg.cmd !== "amazon-linux-extras" && seg.cmd !== "snap") return [];
  return seg.args.slice(i + 1).filter((a) => !a.word.startsWith("-") && !a.word.includes("="));
}

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

export interface UseShell {
  use: SourceUse;
  base: Base;
  segments: Segment[];
  /** The shell provisioners that run for this use. */
  provisioners: Block[];
}

/** Per build source: its base image and the shell commands run on it. */
export function buildShells(ctx: RuleContext): UseShell[] {
  const cached = ctx.memo.get("shells") as UseShell[] | undefined;
  if (cached) return cached;
  const chunkCache = new Map<Block, Chunk[]>();
  const out: UseShell[] = [];
  for (const b of ctx.builds) {
    for (const use of b.uses) {
      if (!use.decl) continue;
      const provs = b.provisioners.filter((p) => p.type === "provisioner" && p.labels[0]?.value === "shell" && appliesTo(p, use));
      const segs: Segment[] = [];
      for (const p of provs) {
        let chunks = chunkCache.get(p);
        if (!chunks) {
          chunks = provisionerChunks(ctx, b.file, p);
          chunkCache.set(p, chunks);
        }
        for (const c of chunks) segs.push(...segments(c));
      }
      out.push({ use, base: detectBase(ctx, use, segs), segments: segs, provisioners: provs });
    }
  }
  ctx.memo.set("shells", out);
  return out;
}

/** Whether `name` appears as a word in `text` (dots and slashes count as separators). */
const MENTION_RE = new Map<string, RegExp>();

export function mentions(text: string, name: string): number {
  if (!text.includes(name)) return -1;
  let re = MENTION_RE.get(name);
  if (!re) {
    re = new RegExp(`(^|[^A-Za-z0-9_-])${name.replace(/[.+]/g, "\\$&")}(?![A-Za-z0-9_-])`);
    MENTION_RE.set(name, re);
  }
  const m = re.exec(text);
  return m ? m.index + m[1]!.length : -1;
}

export function segLoc(seg: Segment, offsetInSeg = 0): Loc {
  return seg.chunk.locate(seg.offset + offsetInSeg);
}
