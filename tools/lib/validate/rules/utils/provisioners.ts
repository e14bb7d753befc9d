/**
 * What the shell provisioners of a build run: inline commands and script files as chunks of
 * shell text with their positions in the templates and scripts, scanned into commands
 * (shell-scan.ts), with the base image each source starts from (base-image.ts). Shared by
 * the provisioner and Workflows-readiness rules (memoised per context).
 */
import { getAttribute, type Block, type Expression } from "../../../hcl/ast.ts";
import { indexAtOrBefore } from "../../../offsets.ts";
import { runsFor } from "../../model/context.ts";
import { evaluate, renderLoose, type EvalEnv } from "../../model/evaluate.ts";
import { UNKNOWN } from "../../model/cty.ts";
import { makeEnv, tryEvaluate } from "../../model/values.ts";
import type { ParsedFile, RuleContext, SourceUse } from "../../types.ts";
import { advance } from "../../util.ts";
import { detectBase, type Base } from "./base-image.ts";
import { segments, type ScriptText, type Segment as ScannedSegment } from "./shell-scan.ts";

export interface Loc {
  file: ParsedFile | string;
  at: { line: number; column: number };
}

export interface Chunk extends ScriptText {
  locate: (index: number) => Loc;
  provisioner: Block;
}

/** What renderLoose writes for a part not known before the build. */
const PLACEHOLDER = "\u2026";

/** A command of a provisioner's shell text. */
export type Segment = ScannedSegment<Chunk>;

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

/** Where each line of `text` starts (after \n, or a \r not followed by \n, as `advance` counts lines). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === "\n" || (text[k] === "\r" && text[k + 1] !== "\n")) starts.push(k + 1);
  return starts;
}

function literalLocator(file: ParsedFile, expr: Expression): (i: number) => Loc {
  if (expr.kind === "Template" && expr.parts.length === 1 && expr.parts[0]!.kind === "TemplateLiteral") {
    const p = expr.parts[0]!;
    const src = file.text.slice(p.range.start.offset, p.range.end.offset);
    if (src === p.value) {
      // Line starts, made on first use: locating is then one search and one line's walk, so a
      // heredoc with thousands of commands is located in linear time.
      let starts: number[] | undefined;
      return (i) => {
        starts ??= lineStarts(src);
        const line = indexAtOrBefore(starts, i);
        const from = starts[line]!;
        const lineStart = line === 0 ? p.range.start : { line: p.range.start.line + line, column: 1 };
        return { file, at: advance(lineStart, src.slice(from, i), i - from) };
      };
    }
  }
  return () => ({ file, at: expr.range.start });
}

/**
 * The text chunks a shell provisioner runs, and whether it runs a script the validator could
 * not resolve or read (`scripts = fileset(…)`, a missing file).
 */
export function provisionerChunks(ctx: RuleContext, file: ParsedFile, prov: Block): { chunks: Chunk[]; unreadScript: boolean } {
  const chunks: Chunk[] = [];
  let unreadScript = false;
  const env = makeEnv(ctx);
  const inline = getAttribute(prov.body, "inline");
  if (inline) {
    if (inline.expr.kind === "Tuple") {
      // Packer writes the lines to one script: a heredoc, an if or a case can span items.
      const items = inline.expr.items.map((item) => ({ text: renderLoose(item, env), locate: literalLocator(file, item) }));
      const starts: number[] = [];
      let at = 0;
      for (const it of items) {
        starts.push(at);
        at += it.text.length + 1;
      }
      const locate = (i: number): Loc => {
        const lo = indexAtOrBefore(starts, i);
        const it = items[lo];
        return it ? it.locate(Math.min(i - starts[lo]!, it.text.length)) : { file, at: inline.expr.range.start };
      };
      chunks.push({ text: items.map((it) => it.text).join("\n"), locate, provisioner: prov });
      // A line with a part not known before the build may run anything there.
      if (items.some((it) => it.text.includes(PLACEHOLDER))) unreadScript = true;
    } else {
      const at = inline.expr.range.start;
      const text = renderLoose(inline.expr, env);
      chunks.push({ text, locate: () => ({ file, at }), provisioner: prov });
      if (text.includes(PLACEHOLDER)) unreadScript = true;
    }
  }
  const scripts: Expression[] = [];
  const script = getAttribute(prov.body, "script");
  if (script) scripts.push(script.expr);
  const list = getAttribute(prov.body, "scripts");
  if (list?.expr.kind === "Tuple") for (const it of list.expr.items) scripts.push(it);
  else if (list) unreadScript = true;
  for (const e of scripts) {
    const sp = scriptPath(ctx, file, e);
    if (!sp) {
      unreadScript = true;
      continue;
    }
    let path = sp.path;
    let text = ctx.fs.readText(path);
    if (text === null && !sp.pathRoot) {
      path = joinPath(file.dir, sp.path);
      text = ctx.fs.readText(path);
    }
    if (text === null) {
      unreadScript = true;
      continue;
    }
    ctx.scripts.set(path, text);
    const t = text;
    const p = path;
    // Line starts once per script: a script with thousands of findings stays linear.
    const starts = lineStarts(t);
    const locate = (i: number): Loc => {
      const line = indexAtOrBefore(starts, i);
      const from = starts[line]!;
      return { file: p, at: advance({ line: line + 1, column: 1 }, t.slice(from, i), i - from) };
    };
    chunks.push({ text: t, locate, provisioner: prov });
  }
  return { chunks, unreadScript };
}

export interface UseShell {
  use: SourceUse;
  base: Base;
  segments: Segment[];
  /** The shell provisioners that run for this use. */
  provisioners: Block[];
  /** One of them runs a script the validator could not resolve or read. */
  unreadScript: boolean;
  /**
   * Those of them that may not run for this use: their `only`/`except` is not known before the
   * build. What they run is no evidence for an error (it may not run), though it may well run.
   */
  uncertain: ReadonlySet<Block>;
}

/** Per build source: its base image and the shell commands run on it. */
export function buildShells(ctx: RuleContext): UseShell[] {
  const cached = ctx.memo.get("shells") as UseShell[] | undefined;
  if (cached) return cached;
  // A provisioner's scripts are read and split once, however many sources it runs for.
  const perProvisioner = new Map<Block, { segments: Segment[]; unreadScript: boolean }>();
  const out: UseShell[] = [];
  for (const b of ctx.builds) {
    for (const use of b.uses) {
      if (!use.decl) continue;
      const shells = b.provisioners.filter((p) => p.type === "provisioner" && p.labels[0]?.value === "shell");
      const runs = new Map(shells.map((p) => [p, runsFor(p, use, ctx)]));
      const provs = shells.filter((p) => runs.get(p) !== false);
      const uncertain = new Set(provs.filter((p) => runs.get(p) === undefined));
      const segs: Segment[] = [];
      let unreadScript = false;
      for (const p of provs) {
        let done = perProvisioner.get(p);
        if (!done) {
          const { chunks, unreadScript: unread } = provisionerChunks(ctx, b.file, p);
          done = { segments: chunks.flatMap(segments), unreadScript: unread };
          perProvisioner.set(p, done);
        }
        for (const seg of done.segments) segs.push(seg);
        unreadScript ||= done.unreadScript;
      }
      out.push({ use, base: detectBase(ctx, use, segs), segments: segs, provisioners: provs, unreadScript, uncertain });
    }
  }
  ctx.memo.set("shells", out);
  return out;
}

/**
 * Whether the provisioner's `execute_command` may run its script through sudo: it says sudo,
 * or its value is not known before the build.
 */
export function mayExecuteWithSudo(ctx: RuleContext, prov: Block): boolean {
  const exec = getAttribute(prov.body, "execute_command");
  if (!exec) return false;
  const v = tryEvaluate(ctx, exec.expr);
  return v === UNKNOWN || (typeof v === "string" && /sudo/.test(v));
}

export function segLoc(seg: Segment, offsetInSeg = 0): Loc {
  return seg.chunk.locate(seg.offset + offsetInSeg);
}

/**
 * Whether `loc` (with `what`, when one place can hold several findings) is reported for the first
 * time, recording it in `seen`: the provisioners of a build run for each of its sources, and a
 * rule reports a place once.
 */
export function firstAt(seen: Set<string>, loc: Loc, what = ""): boolean {
  const key = `${typeof loc.file === "string" ? loc.file : loc.file.path}:${loc.at.line}:${loc.at.column}:${what}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}
