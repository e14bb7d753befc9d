/**
 * The error paths of a component's own checks, read from its pinned Go source: every
 * `fmt.Errorf(...)` and `errors.New(...)` in its `Prepare` (builders, provisioners) or `Configure`
 * (post-processors, data sources) and in the functions and methods those call, followed into
 * the embedded configs' `Prepare` (the SDK's communicator, ISO, HTTP, boot command configs, ...).
 *
 * It reads Go with the schema generator's reader (schemas/goread.ts) and resolves packages with its
 * Workspace (schemas/gen.ts): calls are followed through the receiver's fields (`c.Comm.Prepare`,
 * promoted through embedded structs), same-package functions, functions of imported packages of the
 * plugin's own module and of the SDK, and `for _, x := range` over a field, the receiver or a
 * composite of `&c.Field`s. Calls into the standard library and other modules are not followed:
 * an error they return reaches the user through a site in the code read here (a wrapping
 * `fmt.Errorf`), or is listed under `unresolved` when the call could not be placed.
 */
import { closing, funcDecls, readSliceType, readTaggedStruct, type FuncDecl, type Tok, type TypeRef } from "../../lib/validate/schemas/goread.ts";
import {
  componentType,
  configOf,
  coreRegistrations,
  fieldType,
  findStruct,
  pluginRegistrations,
  Workspace,
  type GoFile,
  type Kind,
  type Located,
  type Pin,
  type Pkg,
  type Sources,
} from "../../lib/validate/schemas/gen.ts";

/** One place a component's checks make an error. */
export interface Site {
  /** `owner/name` of the repository that has the code (the plugin's, the SDK's or Packer's). */
  repo: string;
  /** The tag (or the version go.mod requires) of that repository. */
  tag: string;
  path: string;
  /** The line of the message's first string (where a citation points). */
  line: number;
  /** The message as written: the format string (concatenated literals), or `<expr>` when not a literal. */
  message: string;
  /** `pkg.Type.Method` or `pkg.Func` the site is in. */
  fn: string;
}

export interface ComponentPaths {
  kind: Kind;
  name: string;
  /** The entry method: Prepare or Configure. */
  entry: string;
  sites: Site[];
  /** Calls in the followed code that were not placed (local values of unknown type): `path:line call`. */
  unresolved: string[];
}

/**
 * Calls that are not checks of the configuration, so not followed: decoding (the schema and
 * its types: CMP-01, CMP-02 and CMP-03 check that), the legacy template engine, and helpers that
 * only make defaults or read the machine's state.
 */
export const NOT_FOLLOWED: Record<string, string> = {
  "config.Decode": "decoding the body into the config struct: unknown arguments and wrong types are CMP-02 and CMP-03",
  "interpolate.Render": "the legacy template engine",
  "interpolate.RenderInterface": "the legacy template engine",
  "interpolate.RenderRegexp": "the legacy template engine",
  "packer.MultiErrorAppend": "collects errors, makes none",
};

interface Index {
  /** `Type.Method` or `Func` -> where it is. */
  funcs: Map<string, { file: GoFile; decl: FuncDecl }>;
  /** Package-level `var ErrX = errors.New("...")`: name -> its message and place. */
  errVars: Map<string, { file: GoFile; line: number; message: string }>;
}

const indexes = new WeakMap<Pkg, Index>();

function indexOf(pkg: Pkg): Index {
  let idx = indexes.get(pkg);
  if (idx) return idx;
  idx = { funcs: new Map(), errVars: new Map() };
  for (const file of pkg.files) {
    const decls = funcDecls(file.toks);
    for (const decl of decls) idx.funcs.set(decl.recvType ? `${decl.recvType}.${decl.name}` : decl.name, { file, decl });
    const toks = file.toks;
    for (let i = 0; i + 5 < toks.length; i++) {
      if (toks[i]!.t !== "id" || toks[i + 1]!.v !== "=" || toks[i + 3]!.v !== "." || toks[i + 5]!.v !== "(") continue;
      const call = `${toks[i + 2]!.v}.${toks[i + 4]!.v}`;
      if (call !== "errors.New" && call !== "fmt.Errorf") continue;
      if (decls.some((d) => d.start <= i && i < d.end)) continue;
      const lit = literal(toks, i + 6);
      if (lit) idx.errVars.set(toks[i]!.v, { file, line: lit.line, message: lit.text });
    }
  }
  indexes.set(pkg, idx);
  return idx;
}

function repoOf(pkg: Pkg): string {
  return pkg.module.repository.replace(/^github\.com\//, "");
}

/** Only the plugin's own module, Packer's and the SDK's code is read. */
function followable(ws: Workspace, pkg: Pkg): boolean {
  return pkg.module === ws.main || pkg.module.path === "github.com/hashicorp/packer-plugin-sdk";
}

/** The method `name` of type `at`, or one promoted to it through embedded fields. */
function methodOf(ws: Workspace, at: Located, name: string, depth = 0): { pkg: Pkg; file: GoFile; decl: FuncDecl } | undefined {
  const hit = indexOf(at.pkg).funcs.get(`${at.name}.${name}`);
  if (hit) return { pkg: at.pkg, ...hit };
  if (depth > 4) return undefined;
  const st = findStruct(at.pkg, at.name);
  for (const f of st?.fields.filter((x) => x.embedded && x.type) ?? []) {
    const inner = tryType(() => ws.typeIn(at.pkg, st!.file, f.type!));
    const m = inner && methodOf(ws, inner, name, depth + 1);
    if (m) return m;
  }
  return undefined;
}

function tryType<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The struct field `name` of `at` (promoted too), with the struct's file for resolving its type. */
function fieldOf(ws: Workspace, at: Located, name: string, depth = 0): { at: Located; file: GoFile; elem?: TypeRef; type?: TypeRef } | undefined {
  const st = findStruct(at.pkg, at.name);
  if (!st) return undefined;
  const direct = st.fields.find((f) => f.name === name);
  if (direct) return { at, file: st.file, ...(direct.elem ? { elem: direct.elem } : {}), ...(direct.type ? { type: direct.type } : {}) };
  if (depth > 4) return undefined;
  for (const f of st.fields.filter((x) => x.embedded && x.type)) {
    const inner = tryType(() => ws.typeIn(at.pkg, st.file, f.type!));
    const hit = inner && fieldOf(ws, inner, name, depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/** The type a selector chain from the receiver names (`c.Comm` -> communicator.Config). */
function chainType(ws: Workspace, at: Located, fields: string[]): Located | undefined {
  let cur: Located | undefined = at;
  for (const f of fields) {
    const next: Located | undefined = cur && tryType(() => fieldType(ws, cur!, f));
    if (!next) return undefined;
    cur = next;
  }
  return cur;
}

/** The element type of what a chain from the receiver names, when it is a slice (a field `[]T`, or a named slice type). */
function chainElem(ws: Workspace, at: Located, fields: string[]): Located | undefined {
  if (fields.length === 0) {
    for (const file of at.pkg.files) {
      const elem = readSliceType(file.toks, at.name);
      if (elem) return tryType(() => ws.typeIn(at.pkg, file, elem));
    }
    return undefined;
  }
  const owner = chainType(ws, at, fields.slice(0, -1));
  const f = owner && fieldOf(ws, owner, fields[fields.length - 1]!);
  if (f?.elem) return tryType(() => ws.typeIn(f.at.pkg, f.file, f.elem!));
  if (f?.type) {
    const named = tryType(() => ws.typeIn(f.at.pkg, f.file, f.type!));
    return named && chainElem(ws, named, []);
  }
  return undefined;
}

/** The selector chain ending at token i (an identifier): `a.b.c` -> ["a", "b", "c"], with the index of its first token. */
function chainBefore(toks: Tok[], i: number): { names: string[]; first: number } {
  const names = [toks[i]!.v];
  let j = i;
  while (toks[j - 1]?.v === "." && toks[j - 2]?.t === "id") {
    names.unshift(toks[j - 2]!.v);
    j -= 2;
  }
  return { names, first: j };
}

/** The string literals `"a" + "b"` starting at token i, concatenated; undefined when i is not a string. */
function literal(toks: Tok[], i: number): { text: string; line: number } | undefined {
  if (toks[i]?.t !== "str") return undefined;
  let text = toks[i]!.v;
  const line = toks[i]!.line;
  let j = i + 1;
  while (toks[j]?.v === "+" && toks[j + 1]?.t === "str") {
    text += toks[j + 1]!.v;
    j += 2;
  }
  return { text, line };
}

/** What `for _, v := range X` binds v to, for each such loop in the body: the chain X, or the `&recv.F` elements of a composite X. */
function rangeBindings(toks: Tok[], start: number, end: number): Map<string, { chains: string[][]; elem: boolean }> {
  const out = new Map<string, { chains: string[][]; elem: boolean }>();
  for (let i = start; i < end; i++) {
    if (toks[i]!.v !== "range" || toks[i - 1]?.v !== ":=") continue;
    const v = toks[i - 2];
    if (v?.t !== "id") continue;
    const j = i + 1;
    if (toks[j]?.v === "[" && toks[j + 1]?.v === "]") {
      // []interface{ Prepare() []error }{&c.A, &c.B}: the elements.
      let k = j + 2;
      while (k < end && toks[k]!.v !== "{") k++;
      if (toks[k - 1]?.v === "interface") k = closing(toks, k) + 1;
      if (toks[k]?.v !== "{") continue;
      const close = closing(toks, k);
      const chains: string[][] = [];
      let cur: string[] = [];
      for (let m = k + 1; m < close; m++) {
        const t = toks[m]!;
        if (t.v === "&") continue;
        if (t.v === ",") {
          if (cur.length) chains.push(cur);
          cur = [];
        } else if (t.t === "id") cur.push(t.v);
      }
      if (cur.length) chains.push(cur);
      out.set(v.v, { chains, elem: false });
    } else if (toks[j]?.t === "id") {
      const { names } = chainBefore(toks, chainEnd(toks, j));
      out.set(v.v, { chains: [names], elem: true });
    }
  }
  return out;
}

/** String literals bound to local names in a body (`text := "..."`, `var text = "..."`), for messages held in a variable. */
function localStrings(toks: Tok[], start: number, end: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = start; i < end; i++) {
    if (toks[i]!.t !== "id" || (toks[i + 1]?.v !== ":=" && toks[i + 1]?.v !== "=")) continue;
    const lit = literal(toks, i + 2);
    if (!lit) continue;
    // Only a whole literal (`"a" + "b"`), not the start of a longer expression (`"a" + name`).
    let j = i + 3;
    while (toks[j]?.v === "+" && toks[j + 1]?.t === "str") j += 2;
    if (toks[j]?.v === "+" || toks[j]?.v === ".") continue;
    out.set(toks[i]!.v, lit.text);
  }
  return out;
}

/** The first parameter of a function without a receiver (`func f(c *Config, ...)`): its name and type name. */
function firstParam(toks: Tok[], decl: FuncDecl): { name: string; type: string } | undefined {
  if (decl.recvType) return undefined;
  for (let k = decl.start - 1; k > 0; k--) {
    if (toks[k]!.v !== decl.name || toks[k - 1]?.v !== "func") continue;
    if (toks[k + 1]?.v !== "(" || toks[k + 2]?.t !== "id") return undefined;
    const j = toks[k + 3]?.v === "*" ? k + 4 : k + 3;
    return toks[j]?.t === "id" && toks[j + 1]?.v !== "." ? { name: toks[k + 2]!.v, type: toks[j]!.v } : undefined;
  }
  return undefined;
}

function chainEnd(toks: Tok[], i: number): number {
  let j = i;
  while (toks[j + 1]?.v === "." && toks[j + 2]?.t === "id") j += 2;
  return j;
}

/**
 * Error paths of one component: the sites in its entry method and in everything it calls that
 * this reader can place. Long because it is one walk with a work list; its steps (sites, calls,
 * loops) share the function being read.
 */
export function componentPaths(ws: Workspace, at: Located, kind: Kind, name: string, mainTag: string, method?: string): ComponentPaths {
  const entry = method ?? (kind === "source" || kind === "provisioner" ? "Prepare" : "Configure");
  const sites = new Map<string, Site>();
  const unresolved: string[] = [];
  const seen = new Set<string>();
  // `recv`: the name the config goes by in a function that takes it as a parameter (`func check(c *Config)`).
  const work: Array<{ pkg: Pkg; file: GoFile; decl: FuncDecl; self?: Located; recv?: string }> = [];
  const push = (hit: { pkg: Pkg; file: GoFile; decl: FuncDecl } | undefined, self?: Located, recv?: string): void => {
    if (!hit || !followable(ws, hit.pkg)) return;
    const key = `${hit.pkg.importPath}#${hit.decl.recvType ?? ""}.${hit.decl.name}`;
    if (seen.has(key)) return;
    seen.add(key);
    const recvType = hit.decl.recvType;
    work.push({ ...hit, ...(self ? { self } : recvType ? { self: { pkg: hit.pkg, name: recvType } } : {}), ...(recv ? { recv } : {}) });
  };
  // A config checked by a package function (the SDK's shell-local `Validate(config)`): `at.name` is empty.
  const fn = at.name === "" ? indexOf(at.pkg).funcs.get(entry) : undefined;
  const start = fn ? { pkg: at.pkg, ...fn } : methodOf(ws, at, entry);
  if (!start) throw new Error(`${at.pkg.importPath}: ${at.name} has no ${entry} method`);
  push(start);
  for (let item = work.shift(); item; item = work.shift()) {
    const { pkg, file, decl } = item;
    const toks = file.toks;
    const fn = `${pkg.name}.${decl.recvType ? `${decl.recvType}.` : ""}${decl.name}`;
    const ranges = rangeBindings(toks, decl.start, decl.end);
    const recvName = item.recv ?? decl.recv;
    const strings = localStrings(toks, decl.start, decl.end);
    const addSite = (where: GoFile, line: number, message: string): void => {
      const key = `${repoOf(pkg)}:${where.path}:${line}`;
      const tag = pkg.module === ws.main ? mainTag : pkg.module.ref;
      if (!sites.has(key)) sites.set(key, { repo: repoOf(pkg), tag, path: where.path, line, message, fn });
    };
    for (let i = decl.start; i < decl.end; i++) {
      const t = toks[i]!;
      const errVar = t.t === "id" && toks[i - 1]?.v !== "." ? indexOf(pkg).errVars.get(t.v) : undefined;
      if (errVar) addSite(errVar.file, errVar.line, errVar.message);
      // config.Decode's extra hooks (`DecodeHooks: append(config.DefaultDecodeHookFuncs, StringToXHook)`): their errors are Prepare's too.
      if (t.v === "DecodeHooks" && toks[i + 1]?.v === ":") {
        for (let j = i + 2; j < Math.min(decl.end, i + 30) && toks[j]!.v !== "}"; j++) {
          const hook = toks[j]!.t === "id" && toks[j - 1]?.v !== "." && toks[j + 1]?.v !== "(" ? indexOf(pkg).funcs.get(toks[j]!.v) : undefined;
          if (hook) push({ pkg, ...hook });
        }
      }
      if (t.t !== "id" || toks[i + 1]?.v !== "(" || toks[i - 1]?.v === "func") continue;
      const { names } = chainBefore(toks, i);
      const call = names.join(".");
      if (call === "fmt.Errorf" || call === "errors.New") {
        const lit = literal(toks, i + 2);
        // A format held in a local variable (`text := "..."; fmt.Errorf(text, ...)`): the call's line, the variable's text.
        const held = !lit && toks[i + 2]?.t === "id" && toks[i + 3]?.v !== "(" && toks[i + 3]?.v !== "." ? strings.get(toks[i + 2]!.v) : undefined;
        addSite(file, lit?.line ?? t.line, lit?.text ?? held ?? "<expr>");
        continue;
      }
      if (names.length > 1 && NOT_FOLLOWED[names.slice(-2).join(".")] !== undefined) continue;
      const self = item.self;
      const method = names[names.length - 1]!;
      if (self && recvName && names[0] === recvName) {
        // recv.a.b.Method(...)
        if (names.length === 1) continue;
        const owner = names.length === 2 ? self : chainType(ws, self, names.slice(1, -1));
        if (owner) push(methodOf(ws, owner, method));
        else unresolved.push(`${file.path}:${t.line} ${call}`);
        continue;
      }
      if (names.length === 1) {
        const hit = indexOf(pkg).funcs.get(method);
        // A function given the config (`assertRequiredParametersSet(c, errs)`): read with the config as its receiver.
        const param =
          hit && self && recvName && toks[i + 2]?.v === recvName && /^[,)]$/.test(toks[i + 3]?.v ?? "") ? firstParam(hit.file.toks, hit.decl) : undefined;
        if (hit) push({ pkg, ...hit }, param?.type === self?.name ? self : undefined, param?.type === self?.name ? param?.name : undefined);
        continue;
      }
      const bound = ranges.get(names[0]!);
      if (bound && self && recvName) {
        let placed = false;
        for (const chain of bound.chains) {
          const fields = chain[0] === recvName ? chain.slice(1) : undefined;
          if (!fields) continue;
          const owner = bound.elem ? chainElem(ws, self, fields) : chainType(ws, self, fields);
          const inner = owner && (names.length === 2 ? owner : chainType(ws, owner, names.slice(1, -1)));
          const m = inner && methodOf(ws, inner, method);
          if (m) {
            push(m);
            placed = true;
          }
        }
        if (!placed) unresolved.push(`${file.path}:${t.line} ${call}`);
        continue;
      }
      if (names.length === 2 && file.imports.some((imp) => imp.alias === names[0] || imp.path.split("/").pop() === names[0])) {
        const target = tryType(() => ws.imported(file, names[0]!));
        if (!target) continue;
        if (NOT_FOLLOWED[`${target.name}.${method}`] !== undefined) continue;
        const hit = indexOf(target).funcs.get(method);
        if (hit) push({ pkg: target, ...hit });
        continue;
      }
      if (/^(Prepare|Validate|validate|prepare|Configure)/.test(method)) unresolved.push(`${file.path}:${t.line} ${call}`);
    }
  }
  const sorted = [...sites.values()].sort((a, b) => (a.repo + a.path < b.repo + b.path ? -1 : a.repo + a.path > b.repo + b.path ? 1 : a.line - b.line));
  return { kind, name, entry, sites: sorted, unresolved };
}

/**
 * The decoding error paths Packer's config.Decode adds to every component: each `time.Duration`
 * argument (top level, through squashed embedded structs) goes through Go's time.ParseDuration.
 */
export function durationSites(ws: Workspace, at: Located, mainTag: string, depth = 0): Site[] {
  const out: Site[] = [];
  if (depth > 6) return out;
  for (const file of at.pkg.files) {
    const fields = readTaggedStruct(file.toks, at.name);
    if (!fields) continue;
    for (const f of fields) {
      const ms = /mapstructure:"([^"]*)"/.exec(f.tag)?.[1] ?? "";
      const [name, ...opts] = ms.split(",");
      if (f.name === null || opts.includes("squash")) {
        const ref = f.type.replace(/^\*/, "").split(".");
        const typeRef = ref.length === 2 ? { pkg: ref[0]!, name: ref[1]! } : { pkg: null, name: ref[0]! };
        const inner = tryType(() => ws.typeIn(at.pkg, file, typeRef));
        if (inner && followable(ws, inner.pkg)) out.push(...durationSites(ws, inner, mainTag, depth + 1));
        continue;
      }
      if (f.type === "time.Duration" && name) {
        const tag = at.pkg.module === ws.main ? mainTag : at.pkg.module.ref;
        out.push({ repo: repoOf(at.pkg), tag, path: file.path, line: f.line, message: `time.Duration ${name}`, fn: "config.Decode" });
      }
    }
    break;
  }
  return out;
}

/** Every component of a pinned release with its error paths (`only`: the component names to read). */
export function releasePaths(sources: Sources, pin: Pin, only?: ReadonlySet<string>): ComponentPaths[] {
  const ws = new Workspace(sources, pin.repository, pin.commit);
  const regs = pin.plugin === "packer" ? coreRegistrations(ws) : pluginRegistrations(ws, pin.plugin);
  const out: ComponentPaths[] = [];
  for (const reg of regs) {
    const label = reg.kind === "source" ? reg.name : `${reg.kind} ${reg.name}`;
    if (only && !only.has(label)) continue;
    const at = componentType(ws, reg);
    const paths = componentPaths(ws, at, reg.kind, reg.name, pin.tag);
    const durations = tryType(() => durationSites(ws, configOf(ws, at), pin.tag)) ?? [];
    paths.sites = [...durations, ...paths.sites];
    out.push(paths);
  }
  return out.sort((a, b) => (a.kind + a.name < b.kind + b.name ? -1 : 1));
}

/** A shared config of a module (the SDK's communicator.Config, ...) checked on its own: its Prepare's error paths. */
export interface Unit {
  repository: string;
  tag: string;
  /** Package path inside the module. */
  dir: string;
  type: string;
  method: string;
}

/** The error paths of one shared config's method, read as componentPaths reads a component's. */
export function unitPaths(sources: Sources, unit: Unit): ComponentPaths {
  const ws = new Workspace(sources, unit.repository, unit.tag);
  const pkg = ws.pkg(`${ws.main.path}/${unit.dir}`);
  if (!pkg) throw new Error(`${unit.repository} ${unit.tag}: no package ${unit.dir}`);
  const at: Located = { pkg, name: unit.type };
  const paths = componentPaths(ws, at, "source", `${pkg.name}.${unit.type || unit.method}`, unit.tag, unit.method);
  if (unit.type) paths.sites = [...durationSites(ws, at, unit.tag), ...paths.sites];
  return paths;
}
