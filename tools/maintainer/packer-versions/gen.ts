/**
 * Generates tools/lib/validate/packer-versions-data.ts: for every release of Packer since HCL2
 * templates arrived (1.5.0), what its HCL2 templates may use — the top-level blocks, the
 * arguments and blocks of `packer`, `build`, provisioners, post-processors, variables and
 * locals, the functions, `dynamic` blocks, `packer init`, and the arguments of the components
 * Packer itself ships — as the first release that has each (and has it in every later one).
 * Read from the sources of github.com/hashicorp/packer at each release tag; names only.
 *
 *   npm run gen:packer-versions   (GEN_PACKER_VERSIONS=write vitest run tools/maintainer/packer-versions)
 *
 * Sources: the bare git directory `<root>/hashicorp+packer/repo` (what the search tool's
 * `fetch` makes), root from $PACKER_PLUGIN_SOURCES, by default `../.mirror` next to the checkout.
 * Where the sources say it, a fact is read from Go's own declarations: the entries of
 * `hcl.BodySchema` literals (labels resolved through the package's string constants), the
 * `hcl:"name,..."` tags of the structs gohcl decodes into, `attrs["name"]` look-ups, the keys of
 * the map `Functions()` returns, and the keys of each component's `(*FlatConfig).HCL2Spec()`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { matching, tokenize, type Tok } from "../../lib/validate/funcs/go.ts";

/** The newest release the table covers, and its commit. Bump both, then regenerate. */
export const NEWEST = { tag: "v1.16.0", commit: "856572ec8" };
/** The first release that reads HCL2 templates. */
export const OLDEST = "v1.5.0";
export const REPOSITORY = "github.com/hashicorp/packer";

/** Where a context's names are declared: files of hcl2template/ and declarations in them. */
interface Probe {
  file: RegExp;
  decl: RegExp;
  /** schema: hcl.BodySchema entries; tags: hcl struct tags; index: attrs["x"] look-ups. */
  kinds: Array<"schema" | "tags" | "index">;
}

/**
 * The contexts of a template and where Packer declares what each takes. Older releases declared
 * some inline (variable blocks read `attrs["default"]` before variableBlockSchema existed), so a
 * context may have several probes; their union is the context's names at a release.
 */
export const CONTEXTS: Record<string, Probe[]> = {
  // The blocks of a template file.
  root: [{ file: /^parser\.go$/, decl: /^configSchema$/, kinds: ["schema"] }],
  packer: [{ file: /\.go$/, decl: /^packerBlockSchema$/, kinds: ["schema"] }],
  build: [
    { file: /^types\.build\.go$/, decl: /^buildSchema$/, kinds: ["schema"] },
    { file: /^types\.build\.go$/, decl: /^decodeBuildConfig$/, kinds: ["tags"] },
  ],
  "post-processors": [{ file: /^types\.build\.go$/, decl: /^postProcessorsSchema$/, kinds: ["schema"] }],
  provisioner: [{ file: /^types\.build\.provisioners\.go$/, decl: /^decodeProvisioner$/, kinds: ["tags"] }],
  "post-processor": [{ file: /^types\.build\.post-processor\.go$/, decl: /^decodePostProcessor$/, kinds: ["tags"] }],
  variable: [
    { file: /^types\.variables\.go$/, decl: /^variableBlockSchema$/, kinds: ["schema"] },
    // decodeConfig before 1.5.5.
    { file: /^types\.variables\.go$/, decl: /^(decodeVariableBlock|decodeConfig)$/, kinds: ["tags", "index"] },
  ],
  validation: [{ file: /^types\.variables\.go$/, decl: /^variableValidationBlockSchema$/, kinds: ["schema"] }],
  local: [{ file: /^types\.variables\.go$/, decl: /^localBlockSchema$/, kinds: ["schema"] }],
  hcp_packer_registry: [{ file: /^types\.build\.hcp_packer_registry\.go$/, decl: /./, kinds: ["tags"] }],
};

/** Features that are not a name in a block: `packer init`, `dynamic` blocks. */
export const FEATURES: Record<string, { what: string; present: (tree: Tree) => boolean }> = {
  init: { what: "the `packer init` command (command/init.go)", present: (t) => t.has("command/init.go") },
  dynamic: {
    what: "`dynamic` blocks (hcl2template imports hcl/v2/ext/dynblock)",
    present: (t) =>
      t.files("hcl2template/").some((p) => p.endsWith(".go") && !p.endsWith("_test.go") && t.read(p).includes('"github.com/hashicorp/hcl/v2/ext/dynblock"')),
  },
};

export function sourcesRoot(env: NodeJS.ProcessEnv = process.env): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
  return env["PACKER_PLUGIN_SOURCES"] ? resolve(env["PACKER_PLUGIN_SOURCES"]) : resolve(repoRoot, "../.mirror");
}

export function gitDir(root: string): string {
  return join(root, "hashicorp+packer", "repo");
}

/** Why the table cannot be made here (no snapshot, or one without the newest tag), or undefined. */
export function missingSources(root: string): string | undefined {
  const dir = gitDir(root);
  if (!existsSync(dir)) return `no snapshot of hashicorp/packer at ${dir}`;
  try {
    const commit = execFileSync("git", ["--git-dir", dir, "rev-parse", `${NEWEST.tag}^{commit}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    if (!commit.startsWith(NEWEST.commit)) return `${NEWEST.tag} is ${commit.slice(0, 9)} in ${dir}, not ${NEWEST.commit}`;
  } catch {
    return `no tag ${NEWEST.tag} in ${dir}`;
  }
  return undefined;
}

/** Numeric parts of a release tag (`v1.7.10` → [1, 7, 10]); undefined for pre-releases. */
export function releaseParts(tag: string): [number, number, number] | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The release tags from OLDEST to NEWEST, oldest first. */
export function releases(dir: string): string[] {
  const tags = execFileSync("git", ["--git-dir", dir, "tag", "--list", "v*"], { encoding: "utf8" }).split("\n");
  const lo = releaseParts(OLDEST)!;
  const hi = releaseParts(NEWEST.tag)!;
  return tags
    .map((t) => [t, releaseParts(t)] as const)
    .filter((x): x is readonly [string, [number, number, number]] => x[1] !== undefined && compareParts(x[1], lo) >= 0 && compareParts(x[1], hi) <= 0)
    .sort((a, b) => compareParts(a[1], b[1]))
    .map(([t]) => t);
}

/** One release's files, read through one `git cat-file --batch` per call of `read` batch. */
export class Tree {
  readonly paths: Set<string>;
  readonly dir: string;
  readonly tag: string;
  private readonly cache = new Map<string, string>();
  constructor(dir: string, tag: string) {
    this.dir = dir;
    this.tag = tag;
    const list = execFileSync("git", ["--git-dir", dir, "ls-tree", "-r", "--name-only", tag], { encoding: "utf8", maxBuffer: 1 << 28 });
    this.paths = new Set(list.split("\n").filter(Boolean));
  }
  has(path: string): boolean {
    return this.paths.has(path);
  }
  files(prefix: string): string[] {
    return [...this.paths].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"));
  }
  /** Reads many files with one `git cat-file --batch` (a process per file takes a minute for the whole table). */
  preload(paths: string[]): void {
    const want = paths.filter((p) => !this.cache.has(p));
    if (want.length === 0) return;
    const out = execFileSync("git", ["--git-dir", this.dir, "cat-file", "--batch"], {
      input: want.map((p) => `${this.tag}:${p}\n`).join(""),
      maxBuffer: 1 << 28,
    });
    let at = 0;
    for (const path of want) {
      const nl = out.indexOf(10, at);
      const header = out.subarray(at, nl).toString("utf8");
      const size = Number(/ (\d+)$/.exec(header)?.[1]);
      if (header.endsWith(" missing") || !Number.isFinite(size)) throw new Error(`${this.tag}:${path}: ${header}`);
      this.cache.set(path, out.subarray(nl + 1, nl + 1 + size).toString("utf8"));
      at = nl + 1 + size + 1;
    }
  }
  read(path: string): string {
    let text = this.cache.get(path);
    if (text === undefined) {
      text = execFileSync("git", ["--git-dir", this.dir, "show", `${this.tag}:${path}`], { encoding: "utf8", maxBuffer: 1 << 26 });
      this.cache.set(path, text);
    }
    return text;
  }
}

/** A top-level declaration: `func [(recv)] NAME(...) {...}` or `var NAME = ...`, as a token range. */
interface Decl {
  name: string;
  start: number;
  end: number;
}

/** The top-level funcs and vars of a file, and its string constants (`name = "text"`). */
export function declarations(toks: Tok[]): { decls: Decl[]; consts: Map<string, string> } {
  const decls: Decl[] = [];
  const consts = new Map<string, string>();
  const isOp = (i: number, text: string) => toks[i]?.kind === "op" && toks[i]!.text === text;
  // `name = "text"` and `name type = "text"` anywhere at the top level of a const or var group.
  const valueGroup = (from: number, to: number, isConst: boolean) => {
    for (let j = from; j < to; j++) {
      const t = toks[j]!;
      if (t.kind === "op" && "([{".includes(t.text)) {
        j = matching(toks, j);
        continue;
      }
      if (t.kind !== "id" || (j > from && !isOp(j - 1, ";") && toks[j - 1]!.line === t.line)) continue;
      let eq = j + 1;
      if (toks[eq]?.kind === "id") eq++;
      if (!isOp(eq, "=")) continue;
      if (isConst && toks[eq + 1]?.kind === "str") consts.set(t.text, toks[eq + 1]!.text);
      let end = eq + 1;
      while (end < to && toks[end]!.line === toks[eq + 1]!.line) {
        if (toks[end]!.kind === "op" && "([{".includes(toks[end]!.text)) end = matching(toks, end);
        end++;
      }
      if (!isConst) decls.push({ name: t.text, start: eq + 1, end });
      j = end - 1;
    }
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === "op" && "([{".includes(t.text)) {
      i = matching(toks, i);
      continue;
    }
    if (t.kind !== "id") continue;
    if (t.text === "const" || t.text === "var") {
      if (isOp(i + 1, "(")) {
        const close = matching(toks, i + 1);
        valueGroup(i + 2, close, t.text === "const");
        i = close;
      } else {
        let end = i + 1;
        while (end < toks.length && toks[end]!.line === toks[i]!.line) {
          if (toks[end]!.kind === "op" && "([{".includes(toks[end]!.text)) end = matching(toks, end);
          end++;
        }
        valueGroup(i + 1, end, t.text === "const");
        i = end - 1;
      }
    } else if (t.text === "func") {
      let j = i + 1;
      if (isOp(j, "(")) j = matching(toks, j) + 1;
      const name = toks[j]?.kind === "id" ? toks[j]!.text : "";
      // The body: the first `{` after the parameter and result lists.
      let k = j + 1;
      while (k < toks.length && !isOp(k, "{")) {
        if (isOp(k, "(") || isOp(k, "[")) k = matching(toks, k);
        k++;
      }
      if (k >= toks.length) break;
      const close = matching(toks, k);
      decls.push({ name, start: k, end: close + 1 });
      i = close;
    }
  }
  return { decls, consts };
}

/** The names a declaration's token range gives, by the kinds asked for. */
export function namesIn(toks: Tok[], from: number, to: number, kinds: Probe["kinds"], consts: Map<string, string>): Set<string> {
  const out = new Set<string>();
  const value = (t: Tok | undefined) => (t?.kind === "str" ? t.text : t?.kind === "id" ? consts.get(t.text) : undefined);
  for (let i = from; i < to; i++) {
    const t = toks[i]!;
    if (kinds.includes("schema") && t.kind === "id" && t.text === "BodySchema" && toks[i + 1]?.text === "{") {
      const close = matching(toks, i + 1);
      for (let j = i + 2; j < close; j++) {
        if ((toks[j]!.text === "Type" || toks[j]!.text === "Name") && toks[j]!.kind === "id" && toks[j + 1]?.text === ":") {
          const v = value(toks[j + 2]);
          if (v) out.add(v);
        }
      }
      i = close;
      continue;
    }
    if (kinds.includes("tags") && t.kind === "str") {
      const m = /(?:^|\s)hcl:"([^",]*)/.exec(t.text);
      if (m && m[1]) out.add(m[1]);
    }
    if (
      kinds.includes("index") &&
      t.kind === "id" &&
      (t.text === "attrs" || t.text === "Attributes") &&
      toks[i + 1]?.text === "[" &&
      toks[i + 2]?.kind === "str" &&
      toks[i + 3]?.text === "]"
    ) {
      out.add(toks[i + 2]!.text);
    }
  }
  return out;
}

/** One release's names per context, functions, features and core components' arguments. */
export interface Release {
  tag: string;
  contexts: Map<string, Set<string>>;
  functions: Set<string>;
  features: Set<string>;
  /** `<kind> <name>` → its top-level arguments. */
  components: Map<string, Set<string>>;
}

const COMPONENT_DIRS: Record<string, string> = { builder: "source", datasource: "data", provisioner: "provisioner", "post-processor": "post-processor" };

/** The keys of `func (*FlatConfig) HCL2Spec()`'s map literal in one file, or undefined. */
export function flatConfigKeys(src: string): Set<string> | undefined {
  const toks = tokenize(src);
  for (let i = 0; i < toks.length; i++) {
    // func (*FlatConfig) HCL2Spec() map[string]hcldec.Spec { s := map[string]hcldec.Spec{ "k": ... } }
    if (toks[i]!.text !== "func" || toks[i + 1]?.text !== "(" || toks[i + 2]?.text !== "*" || toks[i + 3]?.text !== "FlatConfig") continue;
    const close = matching(toks, i + 1);
    if (toks[close + 1]?.text !== "HCL2Spec") continue;
    let k = close + 2;
    while (k < toks.length && toks[k]!.text !== "{") k++;
    const end = matching(toks, k);
    const keys = new Set<string>();
    for (let j = k + 1; j < end; j++) {
      if (toks[j]!.text === "Spec" && toks[j + 1]?.text === "{") {
        const lit = matching(toks, j + 1);
        for (let m = j + 2; m < lit; m++) {
          if (toks[m]!.kind === "op" && "([{".includes(toks[m]!.text)) m = matching(toks, m);
          else if (toks[m]!.kind === "str" && toks[m + 1]?.text === ":") keys.add(toks[m]!.text);
        }
        return keys;
      }
    }
  }
  return undefined;
}

const COMPONENT_SPEC = /^(builder|datasource|provisioner|post-processor)\/([a-z0-9-]+)\/[^/]+\.hcl2spec\.go$/;

export function readRelease(tree: Tree): Release {
  const hcl2 = tree.files("hcl2template/").filter((p) => p.endsWith(".go") && !p.endsWith("_test.go"));
  tree.preload([...hcl2, ...[...tree.paths].filter((p) => COMPONENT_SPEC.test(p))]);
  const parsed = hcl2.map((p) => ({ base: p.slice("hcl2template/".length), toks: tokenize(tree.read(p)) }));
  const consts = new Map<string, string>();
  const files = parsed.map((f) => {
    const d = declarations(f.toks);
    for (const [k, v] of d.consts) consts.set(k, v);
    return { ...f, decls: d.decls };
  });
  const contexts = new Map<string, Set<string>>();
  for (const [context, probes] of Object.entries(CONTEXTS)) {
    const names = new Set<string>();
    for (const probe of probes) {
      for (const f of files) {
        if (!probe.file.test(f.base)) continue;
        for (const d of f.decls) if (probe.decl.test(d.name)) for (const n of namesIn(f.toks, d.start, d.end, probe.kinds, consts)) names.add(n);
      }
    }
    contexts.set(context, names);
  }
  // Functions(): the keys of its map literal and `funcs["x"] = ...` after it; variable defaults
  // add their own (`"env": pkrfunction.EnvFunc` in types.packer_config.go).
  const functions = new Set<string>();
  const fname = (t: Tok | undefined) => t?.kind === "str" && /^[a-z][a-z0-9_]*$/.test(t.text);
  for (const f of files) {
    const all = f.base === "functions.go";
    if (!all && f.base !== "types.packer_config.go") continue;
    for (const d of f.decls) {
      if (all && d.name !== "Functions") continue;
      for (let i = d.start; i < d.end; i++) {
        const t = f.toks[i]!;
        const next = f.toks[i + 1]?.text;
        if (all && fname(t) && next === ":") functions.add(t.text);
        if (all && t.text === "[" && fname(f.toks[i + 1]) && f.toks[i + 2]?.text === "]" && f.toks[i + 3]?.text === "=") functions.add(f.toks[i + 1]!.text);
        if (!all && fname(t) && next === ":" && f.toks[i + 3]?.text === "." && /Func$/.test(f.toks[i + 4]?.text ?? "")) functions.add(t.text);
      }
    }
  }
  const features = new Set(Object.entries(FEATURES).flatMap(([name, f]) => (f.present(tree) ? [name] : [])));
  const components = new Map<string, Set<string>>();
  for (const path of tree.paths) {
    const m = COMPONENT_SPEC.exec(path);
    if (!m) continue;
    const keys = flatConfigKeys(tree.read(path));
    // packer_* are the settings Packer passes itself (packer_core_version, packer_force, ...), not arguments.
    if (keys) components.set(`${COMPONENT_DIRS[m[1]!]} ${m[2]}`, new Set([...keys].filter((k) => !k.startsWith("packer_"))));
  }
  return { tag: tree.tag, contexts, functions, features, components };
}

/** `v1.7.0` → `1.7.0`. */
const bare = (tag: string) => tag.replace(/^v/, "");

/**
 * For each name the newest release has: the first release from which every release has it.
 * (A name dropped and brought back counts from its return.)
 */
export function sinceOf(present: boolean[], tags: string[]): string | undefined {
  if (!present[present.length - 1]) return undefined;
  let i = present.length - 1;
  while (i > 0 && present[i - 1]) i--;
  return bare(tags[i]!);
}

export interface Table {
  newest: string;
  oldest: string;
  releases: string[];
  contexts: Record<string, Record<string, string>>;
  functions: Record<string, string>;
  features: Record<string, string>;
  components: Record<string, { since: string; args: Record<string, string> }>;
}

function sorted<T>(entries: Array<[string, T]>): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function buildTable(rel: Release[]): Table {
  const tags = rel.map((r) => r.tag);
  const newest = rel[rel.length - 1]!;
  const since = (has: (r: Release) => boolean) => sinceOf(rel.map(has), tags);
  const contexts: Table["contexts"] = {};
  for (const [context, names] of newest.contexts) {
    contexts[context] = sorted([...names].map((n) => [n, since((r) => r.contexts.get(context)?.has(n) ?? false)!]));
  }
  const components: Table["components"] = {};
  for (const [key, args] of newest.components) {
    const from = since((r) => r.components.has(key))!;
    // Only the arguments that came later than the component itself.
    const later = [...args].map((a): [string, string] => [a, since((r) => r.components.get(key)?.has(a) ?? false)!]).filter(([, v]) => v !== from);
    components[key] = { since: from, args: sorted(later) };
  }
  return {
    newest: bare(newest.tag),
    oldest: bare(tags[0]!),
    releases: tags.map(bare),
    contexts: sorted(Object.entries(contexts)),
    functions: sorted([...newest.functions].map((f) => [f, since((r) => r.functions.has(f))!])),
    features: sorted([...newest.features].map((f) => [f, since((r) => r.features.has(f))!])),
    components: sorted(Object.entries(components)),
  };
}

export function generate(root: string): { table: Table; text: string } {
  const dir = gitDir(root);
  const rel = releases(dir).map((tag) => readRelease(new Tree(dir, tag)));
  const table = buildTable(rel);
  return { table, text: render(table) };
}

export function render(table: Table): string {
  const json = (v: unknown) => JSON.stringify(v, null, 2);
  return [
    "// Generated by tools/maintainer/packer-versions/gen.ts from the sources of",
    `// ${REPOSITORY} at every release tag from ${OLDEST} to ${NEWEST.tag} (${NEWEST.commit}).`,
    "// Regenerate: npm run gen:packer-versions. Do not edit.",
    "",
    "/** The releases read, oldest first: the first is the first release with HCL2 templates. */",
    `export const RELEASES: readonly string[] = ${JSON.stringify(table.releases)};`,
    "",
    "/** Per context of a template (root: its top-level blocks), each argument or block it takes → the first release that takes it. */",
    `export const CONTEXTS: Readonly<Record<string, Readonly<Record<string, string>>>> = ${json(table.contexts)};`,
    "",
    "/** Each HCL2 function → the first release that has it. */",
    `export const FUNCTIONS: Readonly<Record<string, string>> = ${json(table.functions)};`,
    "",
    `/** ${Object.entries(FEATURES)
      .map(([k, f]) => `${k}: ${f.what}`)
      .join("; ")} → the first release that has it. */`,
    `export const FEATURES: Readonly<Record<string, string>> = ${json(table.features)};`,
    "",
    "/** The components Packer ships (`<kind> <type>`): the first release with each, and the arguments that came later, each with its release. */",
    `export const COMPONENTS: Readonly<Record<string, { since: string; args: Readonly<Record<string, string>> }>> = ${json(table.components)};`,
    "",
  ].join("\n");
}
