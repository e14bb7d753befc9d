/**
 * Packer core's own checks: every diagnostic `packer validate` can give from Packer's own blocks
 * and their evaluation (`hcl2template/` at the pinned Packer release), read from the source.
 *
 * A site is one of:
 * - `diagnostic`: an `hcl.Diagnostic{...}` literal (its Summary as the message, its Severity);
 * - `error`: an `fmt.Errorf`/`errors.New` (it reaches the user through a diagnostic's text);
 * - `decode`: a call whose errors are HCL's own (`gohcl.DecodeBody`, `body.Content(schema)`,
 *   `expr.Value(ctx)`, ...): unknown or missing arguments, values of the wrong type, references
 *   and function calls that do not evaluate. The call names what it decodes.
 *
 * Only sites on the path of `packer validate` are listed: reachable from `Parser.Parse`,
 * `PackerConfig.Initialize`, `PackerConfig.DetectPluginBinaries` and `PackerConfig.GetBuilds`
 * (the commands validate runs, in order), plus `PackerConfig.GetHCPPackerRegistryBlock`, which
 * `packer build` runs before any builder starts. Calls are followed by name within hcl2template
 * and its `addrs` and `function` packages (a method call reaches every method of that name there:
 * more than Go would, never less); the `function` package is read whole, as its functions are
 * values in a table, not calls. What each site means for a template, and which rule reports it,
 * is `core-sites.ts`; `core.test.ts` keeps both and the README's list current.
 */
import { closing, funcDecls, type FuncDecl, type Tok } from "../../lib/validate/schemas/goread.ts";
import { Workspace, type GoFile, type Pin, type Pkg, type Sources } from "../../lib/validate/schemas/gen.ts";

export type SiteKind = "diagnostic" | "error" | "decode";

export interface CoreSite {
  /** Path in the Packer repository. */
  path: string;
  line: number;
  kind: SiteKind;
  /** `error` or `warning` for a diagnostic with a Severity; `error` for the others. */
  severity: "error" | "warning";
  /** The Summary, format string or call as written, constants filled in; `<expr>` parts are computed. */
  message: string;
  /** `Type.Method` or `Func` the site is in. */
  fn: string;
  /** The first command of validate (or build) that reaches it. */
  phase: Phase;
}

export type Phase = "parse" | "initialize" | "plugins" | "builds" | "build start";

/** The entry points, in the order `packer validate` (then `packer build`) runs them. */
export const ENTRIES: ReadonlyArray<[Phase, string]> = [
  ["parse", "Parser.Parse"],
  ["initialize", "PackerConfig.Initialize"],
  ["plugins", "PackerConfig.DetectPluginBinaries"],
  ["builds", "PackerConfig.GetBuilds"],
  ["build start", "PackerConfig.GetHCPPackerRegistryBlock"],
];

/** The packages read, under the Packer module. */
export const PACKAGES = ["hcl2template", "hcl2template/addrs", "hcl2template/function"];

/** Calls whose errors are HCL's own decoding and evaluation (`name` is the called name, `on` a receiver pattern). */
const DECODE_CALLS: Array<{ name: string; pkg?: string; on?: RegExp }> = [
  { name: "DecodeBody", pkg: "gohcl" },
  { name: "DecodeExpression", pkg: "gohcl" },
  { name: "TypeConstraintWithDefaults", pkg: "typeexpr" },
  { name: "MergeBodies", pkg: "hcl" },
  { name: "Expand", pkg: "dynblock" },
  { name: "ParseExpression", pkg: "hclsyntax" },
  { name: "Content", on: /Body$|^body$/ },
  { name: "PartialContent", on: /Body$|^body$/ },
  { name: "JustAttributes", on: /Body$/ },
  { name: "Value", on: /Expr$|Condition$|^expr$/ },
  { name: "ParseHCLFile" },
  { name: "ParseJSONFile" },
  { name: "decodeHCL2Spec" },
];

interface Fn {
  pkg: Pkg;
  file: GoFile;
  decl: FuncDecl;
  key: string;
}

/** String constants of a package (`const X = "..."`, in groups too, and function-local ones). */
function constants(pkg: Pkg): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of pkg.files) {
    const toks = file.toks;
    for (let i = 0; i + 2 < toks.length; i++) {
      if (toks[i]!.t === "id" && toks[i + 1]!.v === "=" && toks[i + 2]!.t === "str" && (toks[i - 1]?.v === "const" || inConstGroup(toks, i))) {
        // `A = "x" + B` is rare in these files; the first literal is the value.
        if (toks[i + 3]?.v !== "+") out.set(toks[i]!.v, toks[i + 2]!.v);
      }
    }
  }
  return out;
}

function inConstGroup(toks: Tok[], i: number): boolean {
  // Walk back to the nearest unclosed "(" and see whether `const` opens it.
  let depth = 0;
  for (let j = i - 1; j >= 0 && i - j < 400; j--) {
    const v = toks[j]!.v;
    if (v === ")") depth++;
    else if (v === "(") {
      if (depth === 0) return toks[j - 1]?.v === "const";
      depth--;
    } else if (v === "{" || v === "}") return false;
  }
  return false;
}

/** Renders an expression's tokens [start, end) as a message: literals and constants joined, the rest as `<...>`. */
function render(toks: Tok[], start: number, end: number, consts: Map<string, string>): string {
  let out = "";
  let i = start;
  while (i < end) {
    const t = toks[i]!;
    if (t.v === "+") {
      i++;
      continue;
    }
    if (t.t === "str") {
      out += t.v;
      i++;
      continue;
    }
    if (t.t === "id" && toks[i + 1]?.v === "." && toks[i + 2]?.v === "Sprintf" && toks[i + 3]?.v === "(") {
      const close = closing(toks, i + 3);
      const args: Array<[number, number]> = [];
      for (let a = i + 4; a < close;) {
        const e = valueEnd(toks, a, close);
        args.push([a, e]);
        a = e + 1;
      }
      // The format, with the `%s` verbs whose argument is a constant filled in.
      const constArg = (n: number): string | undefined => {
        const [a, e] = args[n] ?? [0, 0];
        return e === a + 1 && toks[a]!.t === "id" ? consts.get(toks[a]!.v) : undefined;
      };
      let next = 1;
      out += render(toks, args[0]![0], args[0]![1], consts).replace(/%(?:\[(\d+)\])?([a-zA-Z%])/g, (all, index: string | undefined, verb: string) => {
        if (verb === "%") return all;
        const n = index ? Number(index) : next;
        next = n + 1;
        return verb === "s" ? (constArg(n) ?? all) : all;
      });
      i = close + 1;
      continue;
    }
    if (t.t === "id" && consts.has(t.v) && toks[i + 1]?.v !== ".") {
      out += consts.get(t.v)!;
      i++;
      continue;
    }
    // Anything else up to the next top-level "+": computed.
    let j = i;
    let depth = 0;
    while (j < end && !(depth === 0 && toks[j]!.v === "+")) {
      if (toks[j]!.t === "op" && /^[([{]$/.test(toks[j]!.v)) depth++;
      if (toks[j]!.t === "op" && /^[)\]}]$/.test(toks[j]!.v)) depth--;
      j++;
    }
    out += `<${text(toks, i, j)}>`;
    i = j;
  }
  return out;
}

/** Tokens as compact Go text (`a.b(c, d)`). */
function text(toks: Tok[], start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) {
    const t = toks[i]!;
    const v = t.t === "str" ? JSON.stringify(t.v) : t.v;
    s += v + (v === "," ? " " : "");
  }
  return s;
}

/** The end (exclusive) of a composite literal's value starting at i: the next "," or "}" at depth 0. */
function valueEnd(toks: Tok[], i: number, limit: number): number {
  let depth = 0;
  for (let j = i; j < limit; j++) {
    const v = toks[j]!;
    if (v.t === "op" && /^[([{]$/.test(v.v)) depth++;
    else if (v.t === "op" && /^[)\]}]$/.test(v.v)) {
      if (depth === 0) return j;
      depth--;
    } else if (depth === 0 && v.v === ",") return j;
  }
  return limit;
}

/** The unclosed "{" before token i, within [lo, i). */
function openBrace(toks: Tok[], lo: number, i: number): number | undefined {
  let depth = 0;
  for (let j = i - 1; j >= lo; j--) {
    const v = toks[j]!;
    if (v.t !== "op") continue;
    if (v.v === "}") depth++;
    else if (v.v === "{") {
      if (depth === 0) return j;
      depth--;
    }
  }
  return undefined;
}

/** The selector chain ending at token i: `a.b.c` -> ["a", "b", "c"]. */
function chain(toks: Tok[], i: number): string[] {
  const names = [toks[i]!.v];
  let j = i;
  while (toks[j - 1]?.v === "." && toks[j - 2]?.t === "id") {
    names.unshift(toks[j - 2]!.v);
    j -= 2;
  }
  return names;
}

/** The sites in tokens [start, end) of a file. */
function sitesIn(file: GoFile, start: number, end: number, fn: string, consts: Map<string, string>): Array<Omit<CoreSite, "phase">> {
  const toks = file.toks;
  const out: Array<Omit<CoreSite, "phase">> = [];
  const seenBraces = new Set<number>();
  for (let i = start; i < end; i++) {
    const t = toks[i]!;
    if ((t.v === "Summary" || t.v === "Severity") && t.t === "id" && toks[i + 1]?.v === ":") {
      const brace = openBrace(toks, start, i);
      if (brace === undefined || seenBraces.has(brace)) continue;
      seenBraces.add(brace);
      const close = closing(toks, brace);
      let severity: CoreSite["severity"] = "error";
      let message = "";
      let line = toks[brace]!.line;
      for (let k = brace + 1; k < close; k++) {
        const key = toks[k]!;
        if (key.t !== "id" || toks[k + 1]?.v !== ":" || openBrace(toks, brace, k) !== brace) continue;
        const vEnd = valueEnd(toks, k + 2, close);
        if (key.v === "Severity" && toks[vEnd - 1]?.v === "DiagWarning") severity = "warning";
        if (key.v === "Summary") {
          message = render(toks, k + 2, vEnd, consts);
          line = toks[k + 2]!.line;
        }
      }
      if (message === "") message = "<no summary>";
      out.push({ path: file.path, line, kind: "diagnostic", severity, message, fn });
      continue;
    }
    if (t.t !== "id" || toks[i + 1]?.v !== "(" || toks[i - 1]?.v === "func") continue;
    const names = chain(toks, i);
    const call = names.join(".");
    if (call === "fmt.Errorf" || call === "errors.New") {
      const close = closing(toks, i + 1);
      const first = valueEnd(toks, i + 2, close);
      out.push({ path: file.path, line: t.line, kind: "error", severity: "error", message: render(toks, i + 2, first, consts), fn });
      continue;
    }
    const name = names[names.length - 1]!;
    const recv = names.length > 1 ? names[names.length - 2]! : "";
    const hit = DECODE_CALLS.find((d) => d.name === name && (d.pkg ? recv === d.pkg : d.on ? d.on.test(recv) : true));
    if (hit) {
      const close = closing(toks, i + 1);
      const from = i - 2 * (names.length - 1);
      out.push({ path: file.path, line: t.line, kind: "decode", severity: "error", message: text(toks, from, close + 1), fn });
    }
  }
  return out;
}

/**
 * Every site of hcl2template on the validate path (and `unreachable`: those no entry reaches), for
 * the pinned Packer release. Long because it is one walk: index the functions, follow calls from
 * each entry, then read the sites of what was reached.
 */
export function coreSites(sources: Sources, pin: Pin): { sites: CoreSite[]; unreachable: CoreSite[] } {
  const ws = new Workspace(sources, pin.repository, pin.commit);
  const pkgs = PACKAGES.map((dir) => {
    const pkg = ws.pkg(`${ws.main.path}/${dir}`);
    if (!pkg) throw new Error(`${pin.repository} ${pin.tag}: no package ${dir}`);
    return pkg;
  });
  const byName = new Map<string, Fn[]>();
  const all: Fn[] = [];
  for (const pkg of pkgs) {
    for (const file of pkg.files) {
      for (const decl of funcDecls(file.toks)) {
        const key = `${pkg.name}.${decl.recvType ? `${decl.recvType}.` : ""}${decl.name}`;
        const fn = { pkg, file, decl, key };
        all.push(fn);
        byName.set(decl.name, [...(byName.get(decl.name) ?? []), fn]);
      }
    }
  }
  const aliasOf = (file: GoFile, alias: string): Pkg | undefined => {
    for (const imp of file.imports) {
      const target = pkgs.find((p) => p.importPath === imp.path);
      if (target && (imp.alias === alias || (imp.alias === null && target.name === alias))) return target;
    }
    return undefined;
  };
  const reached = new Map<string, Phase>();
  const functionPkg = pkgs.find((p) => p.dir.endsWith("function"))!;
  let functionsReached: Phase | undefined;
  for (const [phase, entry] of ENTRIES) {
    const [type, method] = entry.split(".") as [string, string];
    const start = all.find((f) => f.decl.recvType === type && f.decl.name === method && f.pkg === pkgs[0]);
    if (!start) throw new Error(`hcl2template has no ${entry}`);
    const work = [start];
    for (let fn = work.shift(); fn; fn = work.shift()) {
      if (reached.has(fn.key)) continue;
      reached.set(fn.key, phase);
      const toks = fn.file.toks;
      for (let i = fn.decl.start; i < fn.decl.end; i++) {
        const t = toks[i]!;
        if (t.t !== "id" || toks[i - 1]?.v === "func") continue;
        // `Functions(basedir)` makes the function table: every function of the package may run.
        if (t.v === "Functions" && toks[i + 1]?.v === "(") functionsReached ??= phase;
        if (toks[i + 1]?.v !== "(") continue;
        const names = chain(toks, i);
        const targets = byName.get(t.v) ?? [];
        if (names.length === 1) work.push(...targets.filter((f) => f.pkg === fn.pkg && !f.decl.recvType));
        else {
          const pkg = names.length === 2 ? aliasOf(fn.file, names[0]!) : undefined;
          if (pkg) work.push(...targets.filter((f) => f.pkg === pkg && !f.decl.recvType));
          else work.push(...targets.filter((f) => f.decl.recvType));
        }
      }
    }
  }
  const sites: CoreSite[] = [];
  const unreachable: CoreSite[] = [];
  for (const pkg of pkgs) {
    const consts = constants(pkg);
    for (const file of pkg.files) {
      const decls = funcDecls(file.toks);
      for (const decl of decls) {
        const key = `${pkg.name}.${decl.recvType ? `${decl.recvType}.` : ""}${decl.name}`;
        const phase = reached.get(key) ?? (pkg === functionPkg ? functionsReached : undefined);
        const fnName = key.slice(pkg.name.length + 1);
        for (const s of sitesIn(file, decl.start, decl.end, fnName, consts)) (phase ? sites : unreachable).push({ ...s, phase: phase ?? "parse" });
      }
      // The function package's functions are literals in package-level vars.
      if (pkg === functionPkg) {
        let at = 0;
        for (const decl of [...decls, { start: file.toks.length, end: file.toks.length } as FuncDecl]) {
          const s = sitesIn(file, at, decl.start, "(function table)", consts);
          for (const x of s) (functionsReached ? sites : unreachable).push({ ...x, phase: functionsReached ?? "parse" });
          at = decl.end;
        }
      }
    }
  }
  const order = (a: CoreSite, b: CoreSite): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line);
  return { sites: sites.sort(order), unreachable: unreachable.sort(order) };
}

export function coreKey(s: Pick<CoreSite, "path" | "line">): string {
  return `${s.path}:${s.line}`;
}

/** How a site's entry in CORE_SITES reads: the rules that cover it, or why none does. */
export function coverageOf(entry: string): { kind: "covered" | "machine" | "internal" | "open"; rules: string[]; why: string } {
  const m = /^(machine|internal|open): (.*)$/s.exec(entry);
  if (m) return { kind: m[1] as "machine" | "internal" | "open", rules: [], why: m[2]! };
  return { kind: "covered", rules: entry.split(/,\s*/), why: "" };
}

/** Problems between the sites read and the entries: a site without an entry, an entry without a site. */
export function coreProblems(sites: CoreSite[], entries: Record<string, [string, string]>, ruleIds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const keys = new Set(sites.map(coreKey));
  for (const s of sites) if (!entries[coreKey(s)]) out.push(`${coreKey(s)} ${JSON.stringify(s.message)}: no entry in core-sites.ts`);
  for (const [k, [, cover]] of Object.entries(entries)) {
    if (!keys.has(k)) out.push(`${k}: an entry of core-sites.ts is no site of the pinned source`);
    for (const r of coverageOf(cover).rules) if (!ruleIds.has(r)) out.push(`${k}: no rule ${r}`);
  }
  return out;
}

/** The README's list: counts by category, then every site with what covers it. */
export function renderCore(sites: CoreSite[], entries: Record<string, [string, string]>, pin: Pin): string {
  const cats = [...new Set(Object.values(entries).map(([c]) => c))];
  const lines = [
    `${sites.length} sites in hcl2template of ${pin.repository.replace(/^github\.com\//, "")} ${pin.tag}: diagnostics, errors and HCL decodes on the path of \`packer validate\` ` +
      "(and of `packer build` before it builds). *machine*: decided by the machine or the command line, not the template; *internal*: " +
      "no template reaches it; *checkable*: the rest; *covered*: a rule reports it.",
    "",
    "| category | sites | machine | internal | checkable | covered | open |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const count = (list: CoreSite[]): number[] => {
    const kinds = list.map((s) => coverageOf(entries[coreKey(s)]?.[1] ?? "open: no entry").kind);
    const n = (k: string): number => kinds.filter((x) => x === k).length;
    return [list.length, n("machine"), n("internal"), n("covered") + n("open"), n("covered"), n("open")];
  };
  for (const c of cats) {
    const [a, b, d, e, f, g] = count(sites.filter((s) => entries[coreKey(s)]?.[0] === c));
    lines.push(`| ${c} | ${a} | ${b} | ${d} | ${e} | ${f} | ${g} |`);
  }
  const [a, b, d, e, f, g] = count(sites);
  lines.push(`| **all** | **${a}** | **${b}** | **${d}** | **${e}** | **${f}** | **${g}** |`, "");
  for (const c of cats) {
    lines.push(`**${c}**`, "");
    for (const s of sites.filter((x) => entries[coreKey(x)]?.[0] === c)) {
      const cov = coverageOf(entries[coreKey(s)]![1]);
      const what = cov.kind === "covered" ? cov.rules.join(", ") : `${cov.kind}: ${cov.why}`;
      const msg = s.message.replace(/\n/g, "\\n").replace(/\|/g, "\\|");
      const short = msg.length > 140 ? `${msg.slice(0, 137)}...` : msg;
      const sev = s.severity === "warning" ? ", warning" : "";
      lines.push(`- \`${coreKey(s)}\` (${s.phase}, ${s.kind}${sev}) \`${short.replace(/`/g, "'")}\` — ${what}`);
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}
