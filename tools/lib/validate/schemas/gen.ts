/**
 * Generator of the component schema table (tools/lib/validate/schemas/data/*.ts).
 *
 * Reads, at pinned releases, the sources of Packer core and of its plugins: each plugin's
 * registrations (main.go; core's command/execute.go), each component's `ConfigSpec()` to find its
 * config struct, and the `HCL2Spec()` maps packer-sdc generates (`*.hcl2spec.go`), following
 * nested `(*pkg.FlatX)(nil).HCL2Spec()` across packages and modules (the SDK at the version the
 * plugin's go.mod requires). Only names and types are taken. Run it through vitest:
 * `npm run gen:schemas` writes; `npx vitest run tools/lib/validate/schemas` checks.
 *
 * Sources are bare git directories `<root>/<owner>+<name>/repo`, root from PACKER_PLUGIN_SOURCES
 * (default: `../.mirror` next to the repository).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  ExprParser,
  GoReadError,
  dotted,
  findMethod,
  funcResult,
  packageName,
  readHCL2Spec,
  readImports,
  readStruct,
  show,
  tokenize,
  type Field,
  type Node,
  type SpecEntry,
  type Tok,
  type TypeRef,
} from "./goread.ts";

export type Kind = "source" | "data" | "provisioner" | "post-processor";
export const KINDS: Kind[] = ["source", "data", "provisioner", "post-processor"];

/** One pinned release of one plugin. */
export interface Pin {
  /** required_plugins name ("packer" for core). */
  plugin: string;
  /** required_plugins source ("" for core). */
  source: string;
  /** github.com/owner/name */
  repository: string;
  tag: string;
  commit: string;
}

/**
 * The pinned releases: the newest release tag of each repository when the table was made, and for a
 * few plugins the last release of an older major or minor line; commits are the tags' (abbreviated).
 * A moved repository is read under the name fetch finds it by: vmware's v2 lives at
 * github.com/vmware/packer-plugin-vmware (its go.mod module) but is fetched as hashicorp/packer-plugin-vmware.
 */
export const PINS: Pin[] = (
  [
    // plugin, required_plugins source, repository (both under github.com/), tag, commit
    ["packer", "", "hashicorp/packer", "v1.16.0", "856572ec8313"],
    ["amazon", "hashicorp/amazon", "hashicorp/packer-plugin-amazon", "v1.8.2", "3896533621ce"],
    ["amazon", "hashicorp/amazon", "hashicorp/packer-plugin-amazon", "v1.3.10", "9928b470537d"],
    ["googlecompute", "hashicorp/googlecompute", "hashicorp/packer-plugin-googlecompute", "v1.2.7", "1fbf6a099c72"],
    ["azure", "hashicorp/azure", "hashicorp/packer-plugin-azure", "v2.6.3", "7f7e7b4aabf4"],
    ["azure", "hashicorp/azure", "hashicorp/packer-plugin-azure", "v1.4.5", "87b71a6e2a17"],
    ["docker", "hashicorp/docker", "hashicorp/packer-plugin-docker", "v1.1.4", "24644434e463"],
    ["qemu", "hashicorp/qemu", "hashicorp/packer-plugin-qemu", "v1.1.4", "7db0aae19166"],
    ["vsphere", "hashicorp/vsphere", "hashicorp/packer-plugin-vsphere", "v2.0.0", "2af6d832a1c2"],
    ["vsphere", "hashicorp/vsphere", "hashicorp/packer-plugin-vsphere", "v1.4.2", "a8d72f7b5a90"],
    ["ansible", "hashicorp/ansible", "hashicorp/packer-plugin-ansible", "v1.1.6", "0f0b41182892"],
    ["virtualbox", "hashicorp/virtualbox", "hashicorp/packer-plugin-virtualbox", "v1.1.5", "005a84670db1"],
    ["vmware", "vmware/vmware", "hashicorp/packer-plugin-vmware", "v2.1.0", "824640169901"],
    ["vmware", "vmware/vmware", "hashicorp/packer-plugin-vmware", "v1.2.0", "77d54c46579a"],
    ["hyperv", "hashicorp/hyperv", "hashicorp/packer-plugin-hyperv", "v1.1.4", "8931f2b0a5b3"],
    ["proxmox", "hashicorp/proxmox", "hashicorp/packer-plugin-proxmox", "v1.2.4", "125377540780"],
    ["parallels", "parallels/parallels", "Parallels/packer-plugin-parallels", "v1.2.8", "7ff2a42032ee"],
    ["vagrant", "hashicorp/vagrant", "hashicorp/packer-plugin-vagrant", "v1.1.7", "d4ecc89fe7d8"],
    ["digitalocean", "digitalocean/digitalocean", "digitalocean/packer-plugin-digitalocean", "v1.4.1", "4c2d70d13573"],
    ["hcloud", "hetznercloud/hcloud", "hetznercloud/packer-plugin-hcloud", "v1.7.2", "c6b077f352d7"],
    ["windows-update", "rgl/windows-update", "rgl/packer-plugin-windows-update", "v0.18.4", "425dbdac541c"],
    ["tart", "cirruslabs/tart", "cirruslabs/packer-plugin-tart", "v1.21.0", "c10d61142fdc"],
    ["goss", "YaleUniversity/goss", "YaleUniversity/packer-plugin-goss", "v3.2.14", "4fb61cbc19f8"],
    ["git", "ethanmdavidson/git", "ethanmdavidson/packer-plugin-git", "v0.6.7", "db1ec2c26fc8"],
    ["openstack", "hashicorp/openstack", "hashicorp/packer-plugin-openstack", "v1.1.4", "3562619c4b9c"],
    ["oracle", "hashicorp/oracle", "hashicorp/packer-plugin-oracle", "v1.1.2", "67aeddfe5255"],
    ["linode", "linode/linode", "linode/packer-plugin-linode", "v1.12.0", "c73cd9187c89"],
    ["vultr", "vultr/vultr", "vultr/packer-plugin-vultr", "v2.7.0", "fb0c12d12aae"],
    ["scaleway", "scaleway/scaleway", "scaleway/packer-plugin-scaleway", "v1.5.0", "f882544f1abc"],
    ["lxd", "hashicorp/lxd", "hashicorp/packer-plugin-lxd", "v1.0.3", "0f97154cfb1b"],
    ["lxc", "hashicorp/lxc", "hashicorp/packer-plugin-lxc", "v1.0.2", "5b69a5034c05"],
    ["outscale", "outscale/outscale", "outscale/packer-plugin-outscale", "v1.6.1", "287e701374e1"],
    ["alicloud", "hashicorp/alicloud", "hashicorp/packer-plugin-alicloud", "v1.1.2", "629db51bdd60"],
    ["tencentcloud", "hashicorp/tencentcloud", "hashicorp/packer-plugin-tencentcloud", "v1.2.0", "8e908fa9927d"],
    ["ucloud", "ucloud/ucloud", "ucloud/packer-plugin-ucloud", "v1.0.9", "aa1aa87522d8"],
    ["huaweicloud", "huaweicloud/huaweicloud", "huaweicloud/packer-plugin-huaweicloud", "v1.2.2", "e4bacbd68f88"],
    ["puppet", "hashicorp/puppet", "hashicorp/packer-plugin-puppet", "v1.0.1", "79cb0d0d2b37"],
    ["chef", "hashicorp/chef", "hashicorp/packer-plugin-chef", "v1.0.2", "f75208bd6984"],
    ["salt", "hashicorp/salt", "hashicorp/packer-plugin-salt", "v1.0.0", "478af4389658"],
    ["inspec", "hashicorp/inspec", "hashicorp/packer-plugin-inspec", "v1.0.0", "9758264c782f"],
    ["converge", "hashicorp/converge", "hashicorp/packer-plugin-converge", "v1.0.1", "db6fba7a27e9"],
    ["cnspec", "mondoohq/cnspec", "mondoohq/packer-plugin-cnspec", "v13.35.2", "b7af644e4d23"],
    ["sshkey", "ivoronin/sshkey", "ivoronin/packer-plugin-sshkey", "v1.2.1", "c49ba2c7c8e8"],
    ["yandex", "hashicorp/yandex", "hashicorp/packer-plugin-yandex", "v1.1.3", "e374e79451f1"],
    ["nutanix", "nutanix-cloud-native/nutanix", "nutanix-cloud-native/packer-plugin-nutanix", "v1.3.0", "eba9acf75be3"],
    ["ibmcloud", "IBM/ibmcloud", "IBM/packer-plugin-ibmcloud", "v3.7.0", "8d0994590009"],
    ["cloudstack", "hashicorp/cloudstack", "hashicorp/packer-plugin-cloudstack", "v1.0.2", "70f3ce38e109"],
    ["exoscale", "exoscale/exoscale", "exoscale/packer-plugin-exoscale", "v0.5.2", "4161f192768c"],
    ["arm-image", "solo-io/arm-image", "solo-io/packer-plugin-arm-image", "v0.2.7", "5a7e02c47075"],
    ["cross", "michalfita/cross", "michalfita/packer-plugin-cross", "v1.1.3", "a6d3dd5ce7dd"],
    ["incus", "bketelsen/incus", "bketelsen/packer-plugin-incus", "v1.2.0", "9791111b5579"],
    ["kubevirt", "hashicorp/kubevirt", "hashicorp/packer-plugin-kubevirt", "v0.8.0", "895f3084fcbd"],
  ] as Array<[string, string, string, string, string]>
).map(([plugin, source, repository, tag, commit]) => ({
  plugin,
  source: source && `github.com/${source}`,
  repository: `github.com/${repository}`,
  tag,
  commit,
}));

/**
 * Former required_plugins sources of a plugin that moved (its templates still name them): the
 * component names are the same, so a template with either source uses this table.
 */
export const ALIASES: Record<string, string[]> = {
  digitalocean: ["github.com/hashicorp/digitalocean"],
  hcloud: ["github.com/hashicorp/hcloud"],
  parallels: ["github.com/hashicorp/parallels"],
  vmware: ["github.com/hashicorp/vmware"],
};

export class MissingSource extends Error {
  override name = "MissingSource";
}

/** Read access to one repository at one commit. */
export interface Tree {
  /** Names of the files directly in dir ("" = root). */
  list(dir: string): string[];
  read(path: string): string | undefined;
}

export interface Sources {
  /** The tree of repository (github.com/owner/name) at ref (tag or commit); throws MissingSource. */
  open(repository: string, ref: string): Tree;
}

export function defaultRoot(repoRoot: string): string {
  return process.env["PACKER_PLUGIN_SOURCES"] || join(repoRoot, "..", ".mirror");
}

export function gitDir(root: string, repository: string): string {
  const [, owner, name] = repository.split("/");
  return join(root, `${owner}+${name}`, "repo");
}

/** Sources read from bare git directories as `fetch` lays them out. */
export class GitSources implements Sources {
  private trees = new Map<string, Tree>();
  readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  open(repository: string, ref: string): Tree {
    const key = `${repository}@${ref}`;
    let tree = this.trees.get(key);
    if (!tree) {
      tree = this.load(repository, ref);
      this.trees.set(key, tree);
    }
    return tree;
  }

  /** The full commit of ref, or undefined when the repository or ref is absent. */
  resolve(repository: string, ref: string): string | undefined {
    const dir = gitDir(this.root, repository);
    if (!existsSync(dir)) return undefined;
    const r = spawnSync("git", ["--git-dir", dir, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : undefined;
  }

  private load(repository: string, ref: string): Tree {
    const dir = gitDir(this.root, repository);
    const commit = this.resolve(repository, ref);
    if (!commit) throw new MissingSource(`${repository} ${ref} (expected in ${dir})`);
    const listing = execFileSync("git", ["--git-dir", dir, "ls-tree", "-r", "-z", commit], { encoding: "utf8", maxBuffer: 256 << 20 });
    const blobs = new Map<string, string>();
    const dirs = new Map<string, string[]>();
    for (const line of listing.split("\0")) {
      const m = /^\d+ blob ([0-9a-f]+)\t([^]*)$/.exec(line);
      if (!m) continue;
      const path = m[2]!;
      blobs.set(path, m[1]!);
      const slash = path.lastIndexOf("/");
      const d = slash < 0 ? "" : path.slice(0, slash);
      const list = dirs.get(d) ?? [];
      list.push(path.slice(slash + 1));
      dirs.set(d, list);
    }
    const cache = new Map<string, string>();
    const readBatch = (paths: string[]): void => {
      const want = paths.filter((p) => blobs.has(p) && !cache.has(p));
      if (!want.length) return;
      const out = execFileSync("git", ["--git-dir", dir, "cat-file", "--batch"], {
        input: want.map((p) => blobs.get(p)!).join("\n") + "\n",
        maxBuffer: 1 << 30,
      });
      let at = 0;
      for (const p of want) {
        const nl = out.indexOf(10, at);
        const size = Number(/ (\d+)$/.exec(out.subarray(at, nl).toString("latin1"))?.[1]);
        cache.set(p, out.subarray(nl + 1, nl + 1 + size).toString("utf8"));
        at = nl + 1 + size + 1;
      }
    };
    // Every Go source but tests and vendored code, in one git call (a plugin's are about 1 MB).
    readBatch([...blobs.keys()].filter((p) => (p.endsWith(".go") && !p.endsWith("_test.go") && !p.startsWith("vendor/")) || p === "go.mod"));
    return {
      list: (d) => dirs.get(d) ?? [],
      read: (path) => {
        if (!cache.has(path)) readBatch([path]);
        return cache.get(path);
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Go packages and modules

interface GoFile {
  path: string;
  toks: Tok[];
  imports: Array<{ alias: string | null; path: string }>;
}

interface Module {
  path: string;
  repository: string;
  ref: string;
  tree: Tree;
}

interface Pkg {
  module: Module;
  dir: string;
  importPath: string;
  name: string;
  files: GoFile[];
}

function goFiles(tree: Tree, dir: string): GoFile[] {
  return tree
    .list(dir)
    .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))
    .sort()
    .map((f) => {
      const path = dir ? `${dir}/${f}` : f;
      const toks = tokenize(tree.read(path) ?? "", path);
      return { path, toks, imports: readImports(toks) };
    });
}

/** Resolves Go import paths within one main module and the modules its go.mod requires. */
export class Workspace {
  private pkgs = new Map<string, Pkg>();
  private modules = new Map<string, Module>();
  readonly requires = new Map<string, string>();
  private replaced = new Map<string, string>();
  readonly used = new Map<string, string>();
  readonly main: Module;
  readonly sources: Sources;

  constructor(sources: Sources, repository: string, ref: string) {
    this.sources = sources;
    const tree = sources.open(repository, ref);
    const gomod = tree.read("go.mod");
    if (gomod === undefined) throw new GoReadError(`${repository} ${ref}: no go.mod`);
    const modPath = /^module\s+(\S+)/m.exec(gomod)?.[1];
    if (!modPath) throw new GoReadError(`${repository} ${ref}: go.mod names no module`);
    for (const m of gomod.matchAll(/^\s*(?:require\s+)?([\w.\-/]+\.[\w.\-/]+)\s+(v[\w.\-+]+)/gm)) this.requires.set(m[1]!, m[2]!);
    for (const m of gomod.matchAll(/^\s*(?:replace\s+)?([\w.\-/]+)(?:\s+v\S+)?\s+=>\s+(\S+)\s+(v\S+)/gm)) {
      this.requires.set(m[1]!, m[3]!);
      this.replaced.set(m[1]!, m[2]!);
    }
    this.main = { path: modPath, repository, ref, tree };
    this.modules.set(modPath, this.main);
  }

  private module(importPath: string): { module: Module; dir: string } | undefined {
    const owns = (mod: string): boolean => importPath === mod || importPath.startsWith(mod + "/");
    if (owns(this.main.path)) return { module: this.main, dir: importPath.slice(this.main.path.length + 1) };
    let best: string | undefined;
    for (const mod of this.requires.keys()) if (owns(mod) && (!best || mod.length > best.length)) best = mod;
    if (!best || !best.startsWith("github.com/")) return undefined;
    let module = this.modules.get(best);
    if (!module) {
      const version = this.requires.get(best)!;
      const real = this.replaced.get(best) ?? best;
      if (!real.startsWith("github.com/")) throw new GoReadError(`${this.main.repository}: ${best} is replaced by ${real}, not a GitHub module`);
      const repository = real.split("/").slice(0, 3).join("/");
      const pseudo = /-(?:\d{14})-([0-9a-f]{12})$/.exec(version);
      const ref = pseudo ? pseudo[1]! : version.replace(/\+incompatible$/, "");
      const tree = this.sources.open(repository, ref);
      module = { path: best, repository, ref: version, tree };
      this.modules.set(best, module);
      this.used.set(best, version);
    }
    const sub = importPath.slice(best.length + 1);
    const prefix = (this.replaced.get(best) ?? best).split("/").slice(3).filter((s) => !/^v\d+$/.test(s)).join("/");
    return { module, dir: prefix ? (sub ? `${prefix}/${sub}` : prefix) : sub };
  }

  pkg(importPath: string): Pkg | undefined {
    let pkg = this.pkgs.get(importPath);
    if (pkg) return pkg;
    const where = this.module(importPath);
    if (!where) return undefined;
    const files = goFiles(where.module.tree, where.dir);
    const name = files.map((f) => packageName(f.toks)).find((n) => n !== undefined && !n.endsWith("_test"));
    if (!files.length || !name) throw new GoReadError(`${where.module.repository} ${where.module.ref}: no Go package at ${where.dir || "."}`);
    pkg = { module: where.module, dir: where.dir, importPath, name, files };
    this.pkgs.set(importPath, pkg);
    return pkg;
  }

  /** The package a file means by `alias` (explicit, or the imported package's own name). */
  imported(file: GoFile, alias: string): Pkg {
    const hit = file.imports.find((i) => i.alias === alias);
    if (hit) return this.need(hit.path, file);
    const last = (p: string): string => p.split("/").filter((s) => !/^v\d+$/.test(s)).pop() ?? p;
    const guess = file.imports.find((i) => i.alias === null && last(i.path) === alias);
    if (guess) return this.need(guess.path, file);
    for (const i of file.imports) {
      if (i.alias !== null) continue;
      const pkg = this.pkg(i.path);
      if (pkg?.name === alias) return pkg;
    }
    throw new GoReadError(`${file.path}: no import names package "${alias}"`);
  }

  private need(importPath: string, file: GoFile): Pkg {
    const pkg = this.pkg(importPath);
    if (!pkg) throw new GoReadError(`${file.path}: cannot resolve import ${importPath} (module not required in go.mod or not on GitHub)`);
    return pkg;
  }

  /** The package and name a type reference written in file means. */
  typeIn(pkg: Pkg, file: GoFile, ref: TypeRef): { pkg: Pkg; name: string } {
    return { pkg: ref.pkg === null ? pkg : this.imported(file, ref.pkg), name: ref.name };
  }
}

// ---------------------------------------------------------------------------------------------
// Components and their config structs

interface Registration {
  kind: Kind;
  name: string;
  pkg: Pkg;
  file: GoFile;
  type: TypeRef & { via?: string };
}

const REGISTER: Record<string, Kind> = {
  RegisterBuilder: "source",
  RegisterDatasource: "data",
  RegisterProvisioner: "provisioner",
  RegisterPostProcessor: "post-processor",
};

const CORE_MAPS: Record<string, Kind> = { Builders: "source", Datasources: "data", Provisioners: "provisioner", PostProcessors: "post-processor" };

/** `new(pkg.T)`, `&pkg.T{}`, or a constructor call `pkg.NewT()`, to the type reference (with `via`: the constructor). */
function constructed(node: Node, file: string): TypeRef & { via?: string } {
  let t: Node | undefined;
  let via: string | undefined;
  if (node.k === "call" && dotted(node.fn) === "new" && node.args.length === 1) t = node.args[0];
  else if (node.k === "unary" && node.op === "&" && node.x.k === "comp") t = node.x.type ?? undefined;
  else if (node.k === "call" && node.args.length === 0 && dotted(node.fn) !== undefined) {
    t = node.fn;
    via = dotted(node.fn)!.split(".").pop();
  }
  const name = t ? dotted(t) : undefined;
  const parts = name?.split(".") ?? [];
  if (parts.length === 1) return { pkg: null, name: parts[0]!, via };
  if (parts.length === 2) return { pkg: parts[0]!, name: parts[1]!, via };
  throw new GoReadError(`${file}:${node.line}: component value of a form this reader does not know: ${show(node)}`);
}

/** The component type a registration means: for a constructor, the type its result declares. */
function componentType(ws: Workspace, reg: Registration): Located {
  const at = ws.typeIn(reg.pkg, reg.file, reg.type);
  if (!reg.type.via) return at;
  for (const file of at.pkg.files) {
    const result = funcResult(file.toks, reg.type.via, file.path);
    if (result) return ws.typeIn(at.pkg, file, result);
  }
  throw new GoReadError(`${at.pkg.importPath}: no func ${reg.type.via}() returning a named type`);
}

function pluginRegistrations(ws: Workspace, plugin: string): Registration[] {
  const root = ws.pkg(ws.main.path);
  if (!root) throw new GoReadError(`${ws.main.repository}: no main package`);
  const out: Registration[] = [];
  for (const file of root.files) {
    const toks = file.toks;
    for (let i = 0; i < toks.length; i++) {
      const kind = REGISTER[toks[i]!.v];
      if (!kind || toks[i - 1]?.v !== "." || toks[i + 1]?.v !== "(") continue;
      const p = new ExprParser(toks, i + 2, file.path);
      const nameNode = p.expr();
      p.expect(",");
      const value = p.expr();
      let name: string;
      if (nameNode.k === "str") name = `${plugin}-${nameNode.v}`;
      else if (dotted(nameNode) === "plugin.DEFAULT_NAME") name = plugin;
      else throw new GoReadError(`${file.path}:${nameNode.line}: component name of a form this reader does not know: ${show(nameNode)}`);
      out.push({ kind, name, pkg: root, file, type: constructed(value, file.path) });
    }
  }
  if (!out.length) throw new GoReadError(`${ws.main.repository} ${ws.main.ref}: no Register* calls in the main package`);
  return out;
}

function coreRegistrations(ws: Workspace): Registration[] {
  const pkg = ws.pkg(`${ws.main.path}/command`);
  const file = pkg?.files.find((f) => f.path === "command/execute.go");
  if (!pkg || !file) throw new GoReadError(`${ws.main.repository} ${ws.main.ref}: no command/execute.go`);
  const out: Registration[] = [];
  const toks = file.toks;
  for (let i = 0; i + 2 < toks.length; i++) {
    const kind = CORE_MAPS[toks[i + 1]!.v];
    if (toks[i]!.v !== "var" || !kind || toks[i + 2]!.v !== "=") continue;
    const map = new ExprParser(toks, i + 3, file.path).expr();
    if (map.k !== "comp") throw new GoReadError(`${file.path}:${map.line}: ${toks[i + 1]!.v} is not a map literal`);
    for (const { key, value } of map.elems) {
      if (key?.k !== "str") throw new GoReadError(`${file.path}:${value.line}: a component key that is not a string`);
      out.push({ kind, name: key.v, pkg, file, type: constructed(value, file.path) });
    }
  }
  if (!out.length) throw new GoReadError(`${file.path}: no component maps`);
  return out;
}

interface Located {
  pkg: Pkg;
  name: string;
}

function findStruct(pkg: Pkg, name: string): { file: GoFile; fields: Field[] } | undefined {
  for (const file of pkg.files) {
    const fields = readStruct(file.toks, name);
    if (fields) return { file, fields };
  }
  return undefined;
}

/** The type of field `name` of struct at (promoted through embedded fields too). */
function fieldType(ws: Workspace, at: Located, name: string, depth = 0): Located {
  const st = findStruct(at.pkg, at.name);
  if (!st) throw new GoReadError(`${at.pkg.importPath}: no struct ${at.name}`);
  const direct = st.fields.find((f) => f.name === name);
  if (direct) {
    if (!direct.type) throw new GoReadError(`${st.file.path}: field ${at.name}.${name} has a type this reader does not follow`);
    return ws.typeIn(at.pkg, st.file, direct.type);
  }
  if (depth < 4) {
    for (const f of st.fields.filter((x) => x.embedded && x.type)) {
      try {
        return fieldType(ws, ws.typeIn(at.pkg, st.file, f.type!), name, depth + 1);
      } catch (e) {
        if (!(e instanceof GoReadError)) throw e;
      }
    }
  }
  throw new GoReadError(`${st.file.path}: struct ${at.name} has no field ${name}`);
}

/** The config struct whose Flat form a component's ConfigSpec() returns. */
function configOf(ws: Workspace, at: Located, depth = 0): Located {
  if (depth > 6) throw new GoReadError(`${at.pkg.importPath}: ConfigSpec of ${at.name} goes too deep`);
  for (const file of at.pkg.files) {
    const { recv, body } = findMethod(file.toks, at.name, "ConfigSpec");
    if (body < 0) continue;
    if (file.toks[body]?.v !== "return") throw new GoReadError(`${file.path}: ConfigSpec of ${at.name} is not a single return`);
    const ret = new ExprParser(file.toks, body + 1, file.path).expr();
    const chain = (node: Node): string[] | undefined => {
      const d = dotted(node);
      return d?.split(".");
    };
    // recv.a.b.FlatMapstructure().HCL2Spec()  or  recv.a.ConfigSpec()
    if (ret.k === "call" && ret.fn.k === "sel") {
      let path: string[] | undefined;
      let viaConfigSpec = false;
      const inner = ret.fn.x;
      if (ret.fn.name === "HCL2Spec" && inner.k === "call" && inner.fn.k === "sel" && inner.fn.name === "FlatMapstructure") path = chain(inner.fn.x);
      else if (ret.fn.name === "ConfigSpec") {
        path = chain(ret.fn.x);
        viaConfigSpec = true;
      }
      if (path && path[0] === recv) {
        let cur = at;
        for (const f of path.slice(1)) cur = fieldType(ws, cur, f);
        return viaConfigSpec ? configOf(ws, cur, depth + 1) : cur;
      }
    }
    throw new GoReadError(`${file.path}:${ret.line}: ConfigSpec of ${at.name} returns a form this reader does not know: ${show(ret)}`);
  }
  // promoted from an embedded field
  const st = findStruct(at.pkg, at.name);
  for (const f of st?.fields.filter((x) => x.embedded && x.type) ?? []) {
    try {
      return configOf(ws, ws.typeIn(at.pkg, st!.file, f.type!), depth + 1);
    } catch (e) {
      if (!(e instanceof GoReadError)) throw e;
    }
  }
  throw new GoReadError(`${at.pkg.importPath}: ${at.name} has no ConfigSpec method`);
}

// ---------------------------------------------------------------------------------------------
// Schema definitions

export interface Block {
  nesting: "single" | "list" | "set" | "map" | "attrs";
  def?: string;
  labels?: string[];
  type?: string;
}

export interface Def {
  attrs: Record<string, string>;
  blocks: Record<string, Block>;
  internal?: string[];
}

/** Attribute names that come from Packer's own fields (common.PackerConfig); Packer accepts them. */
export const INTERNAL = [
  "packer_build_name",
  "packer_builder_type",
  "packer_core_version",
  "packer_debug",
  "packer_force",
  "packer_on_error",
  "packer_user_variables",
  "packer_sensitive_variables",
];

/** A def before naming: blocks point at other raw defs by identity. */
interface RawDef {
  id: string;
  key: string;
  module: string;
  attrs: Record<string, string>;
  blocks: Record<string, { nesting: Block["nesting"]; ref?: string; labels?: string[]; type?: string }>;
}

class Collector {
  readonly defs = new Map<string, RawDef>();
  readonly ws: Workspace;
  constructor(ws: Workspace) {
    this.ws = ws;
  }

  /** Collects the Flat form of struct at, and everything it nests; returns its identity. */
  collect(at: Located): string {
    const id = `${at.pkg.module.path}@${at.pkg.module.ref}/${at.pkg.dir}#${at.name}`;
    if (this.defs.has(id)) return id;
    const flat = `Flat${at.name}`;
    let entries: SpecEntry[] | undefined;
    let file: GoFile | undefined;
    for (const f of at.pkg.files) {
      entries = readHCL2Spec(f.toks, flat, f.path);
      if (entries) {
        file = f;
        break;
      }
    }
    if (!entries || !file) throw new GoReadError(`${at.pkg.importPath}: no HCL2Spec for ${flat} (is ${at.name} missing from packer-sdc's -type list?)`);
    const raw: RawDef = { id, key: `${at.pkg.name}.${at.name}`, module: at.pkg.module.path, attrs: {}, blocks: {} };
    this.defs.set(id, raw);
    for (const e of entries) {
      if (raw.attrs[e.name] !== undefined || raw.blocks[e.name] !== undefined) {
        throw new GoReadError(`${file.path}: ${flat} declares "${e.name}" twice`);
      }
      if (e.kind === "attr") raw.attrs[e.name] = e.type;
      else if (e.nesting === "attrs") raw.blocks[e.name] = { nesting: "attrs", type: e.type };
      else {
        const target = this.ws.typeIn(at.pkg, file, e.nested);
        if (!target.name.startsWith("Flat")) throw new GoReadError(`${file.path}: block "${e.name}" nests ${target.name}, not a Flat type`);
        const ref = this.collect({ pkg: target.pkg, name: target.name.slice(4) });
        raw.blocks[e.name] = { nesting: e.nesting, ref, ...(e.labels ? { labels: e.labels } : {}) };
      }
    }
    return id;
  }
}

export interface PluginSchema {
  plugin: string;
  source: string;
  /** Former sources (ALIASES), when the plugin moved. */
  aliases?: string[];
  repository: string;
  releases: Record<string, Record<Kind, Record<string, string>>>;
  defs: Record<string, Def>;
}

function sortObject<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k]!;
  return out;
}

/** JSON with object keys sorted at every level, no whitespace. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function version(tag: string): string {
  return tag.replace(/^v/, "");
}

/** Newest first by semantic version. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number(x));
  const pb = b.split(/[.-]/).map((x) => Number(x));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export interface Generated {
  schema: PluginSchema;
  /** Modules other than the plugin's own that were read, per release: module path -> version. */
  modules: Record<string, Record<string, string>>;
}

/** Generates one plugin's schema from its pinned releases. */
export function generatePlugin(sources: Sources, pins: Pin[]): Generated {
  const first = pins[0];
  if (!first) throw new Error("generatePlugin: no pins");
  const releases: Record<string, Record<Kind, Record<string, string>>> = {};
  const modules: Record<string, Record<string, string>> = {};
  const all = new Map<string, RawDef>();
  const order: string[] = [];
  const componentIds: Array<{ release: string; kind: Kind; name: string; id: string }> = [];
  const own = new Set<string>(); // the plugin's own module paths (they may change between releases)
  for (const pin of [...pins].sort((a, b) => compareVersions(version(a.tag), version(b.tag)))) {
    const ws = new Workspace(sources, pin.repository, pin.commit);
    own.add(ws.main.path);
    const regs = pin.plugin === "packer" ? coreRegistrations(ws) : pluginRegistrations(ws, pin.plugin);
    const col = new Collector(ws);
    const rel = version(pin.tag);
    releases[rel] = { source: {}, data: {}, provisioner: {}, "post-processor": {} };
    for (const reg of regs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (releases[rel][reg.kind][reg.name] !== undefined) throw new GoReadError(`${pin.repository} ${pin.tag}: ${reg.kind} ${reg.name} registered twice`);
      const cfg = configOf(ws, componentType(ws, reg));
      const id = col.collect(cfg);
      componentIds.push({ release: rel, kind: reg.kind, name: reg.name, id });
      releases[rel][reg.kind][reg.name] = id;
    }
    for (const [id, def] of col.defs) {
      if (!all.has(id)) order.push(id);
      all.set(id, def);
    }
    modules[rel] = Object.fromEntries([...ws.used].sort());
  }
  // Name the defs: identical content under one key is shared; differing content gets a module prefix or #n.
  const content = new Map<string, string>();
  const contentOf = (id: string, seen: Set<string> = new Set()): string => {
    const done = content.get(id);
    if (done) return done;
    if (seen.has(id)) return `<cycle ${all.get(id)!.key}>`;
    seen.add(id);
    const raw = all.get(id)!;
    const blocks: Record<string, unknown> = {};
    for (const [name, b] of Object.entries(raw.blocks)) blocks[name] = { ...b, ref: b.ref ? contentOf(b.ref, seen) : undefined };
    const text = stableJson({ key: raw.key, attrs: raw.attrs, blocks });
    content.set(id, text);
    return text;
  };
  const byKey = new Map<string, string[]>();
  for (const id of order) {
    const key = all.get(id)!.key;
    const texts = byKey.get(key) ?? [];
    const text = contentOf(id);
    if (!texts.includes(text)) texts.push(text);
    byKey.set(key, texts);
  }
  const nameOf = new Map<string, string>();
  for (const [key, texts] of byKey) {
    texts.forEach((text, i) => {
      let name = key;
      if (i > 0) {
        const id = order.find((x) => contentOf(x) === text)!;
        const mod = all.get(id)!.module;
        const short = mod.split("/").pop()!.replace(/^packer-plugin-/, "");
        name = `${short}/${key}`;
        const taken = new Set(nameOf.values());
        if (own.has(mod) || taken.has(name)) name = `${key}#${i + 1}`;
      }
      nameOf.set(text, name);
    });
  }
  const defs: Record<string, Def> = {};
  for (const id of order) {
    const raw = all.get(id)!;
    const name = nameOf.get(contentOf(id))!;
    if (defs[name]) continue;
    const blocks: Record<string, Block> = {};
    for (const [bn, b] of Object.entries(raw.blocks)) {
      const out: Block = { nesting: b.nesting };
      if (b.ref) out.def = nameOf.get(contentOf(b.ref))!;
      if (b.labels) out.labels = b.labels;
      if (b.type) out.type = b.type;
      blocks[bn] = out;
    }
    const internal = Object.keys(raw.attrs).filter((a) => INTERNAL.includes(a)).sort();
    defs[name] = { attrs: sortObject(raw.attrs), blocks: sortObject(blocks), ...(internal.length ? { internal } : {}) };
  }
  for (const c of componentIds) releases[c.release]![c.kind][c.name] = nameOf.get(contentOf(c.id))!;
  for (const rel of Object.values(releases)) for (const k of KINDS) rel[k] = sortObject(rel[k]);
  const schema: PluginSchema = {
    plugin: first.plugin,
    source: first.source,
    ...(ALIASES[first.plugin] ? { aliases: ALIASES[first.plugin] } : {}),
    repository: first.repository,
    releases,
    defs: sortObject(defs),
  };
  return { schema, modules };
}

// ---------------------------------------------------------------------------------------------
// Output files

function tsString(json: string): string {
  return "'" + json.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

export function dataFileName(plugin: string): string {
  return `${plugin}.ts`;
}

/** The data module of one plugin. */
export function renderPlugin(gen: Generated, pins: Pin[]): string {
  const { schema } = gen;
  const tags = [...pins].sort((a, b) => compareVersions(version(a.tag), version(b.tag))).map((p) => p.tag);
  const mods = new Map<string, Set<string>>();
  for (const rel of Object.values(gen.modules)) for (const [m, v] of Object.entries(rel)) mods.set(m, (mods.get(m) ?? new Set()).add(v));
  const modLine = [...mods].sort().map(([m, vs]) => `${m} ${[...vs].sort(compareVersions).join(", ")}`);
  return (
    `// Generated by tools/lib/validate/schemas/gen.ts from ${schema.repository} ${tags.join(", ")}; do not edit.\n` +
    `// ${modLine.length ? `Shared types read from ${modLine.join("; ")}. ` : ""}Regenerate: npm run gen:schemas (see ../README.md).\n` +
    `export const SCHEMA = ${tsString(stableJson(schema))};\n`
  );
}

function ident(plugin: string): string {
  return plugin.replace(/[^A-Za-z0-9_$]/g, "_");
}

/** The index of covered plugins (no data imported until a LOAD thunk runs). */
export function renderIndex(schemas: PluginSchema[]): string {
  const sorted = [...schemas].sort((a, b) => (a.plugin < b.plugin ? -1 : 1));
  const lines = [
    "// Generated by tools/lib/validate/schemas/gen.ts; do not edit.",
    "// Regenerate: npm run gen:schemas (see ../README.md).",
    "// Each data module holds one plugin's schema table as a JSON string: JSON.parse only what a template uses.",
  ];
  for (const s of sorted) lines.push(`import { SCHEMA as ${ident(s.plugin)} } from "./${dataFileName(s.plugin)}";`);
  lines.push("");
  lines.push('export type Kind = "source" | "data" | "provisioner" | "post-processor";');
  lines.push("");
  lines.push("export interface PluginInfo {");
  lines.push("  source: string;");
  lines.push("  /** Former sources of a plugin that moved. */");
  lines.push("  aliases?: string[];");
  lines.push("  /** Newest first. */");
  lines.push("  releases: string[];");
  lines.push("  components: Record<Kind, string[]>;");
  lines.push("}");
  lines.push("");
  lines.push("export const PLUGINS: Record<string, PluginInfo> = {");
  for (const s of sorted) {
    const releases = Object.keys(s.releases).sort(compareVersions);
    const components: Record<string, string[]> = {};
    for (const k of KINDS) components[k] = [...new Set(releases.flatMap((r) => Object.keys(s.releases[r]![k])))].sort();
    lines.push(`  ${JSON.stringify(s.plugin)}: ${JSON.stringify({ source: s.source, aliases: s.aliases, releases, components })},`);
  }
  lines.push("};");
  lines.push("");
  lines.push("export const LOAD: Record<string, () => string> = {");
  for (const s of sorted) lines.push(`  ${JSON.stringify(s.plugin)}: () => ${ident(s.plugin)},`);
  lines.push("};");
  return lines.join("\n") + "\n";
}

/** Arguments of a component: top-level names, and names at any depth. */
export function countArguments(schema: PluginSchema, def: string): { top: number; all: number } {
  const d = schema.defs[def];
  if (!d) return { top: 0, all: 0 };
  const top = Object.keys(d.attrs).length + Object.keys(d.blocks).length;
  let all = top;
  const walk = (name: string, seen: Set<string>): void => {
    const x = schema.defs[name];
    if (!x || seen.has(name)) return;
    for (const b of Object.values(x.blocks)) {
      if (!b.def) continue;
      const n = schema.defs[b.def];
      if (!n) continue;
      all += Object.keys(n.attrs).length + Object.keys(n.blocks).length;
      walk(b.def, new Set([...seen, name]));
    }
  };
  walk(def, new Set());
  return { top, all };
}

/** The README's coverage table. */
export function renderCoverage(schemas: PluginSchema[]): string {
  const rows = [
    "| plugin | source | release | components | arguments (top-level / with nested) |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const s of [...schemas].sort((a, b) => (a.plugin === "packer" ? -1 : b.plugin === "packer" ? 1 : a.plugin < b.plugin ? -1 : 1))) {
    for (const rel of Object.keys(s.releases).sort(compareVersions)) {
      const r = s.releases[rel]!;
      let n = 0;
      let top = 0;
      let all = 0;
      const names: string[] = [];
      for (const k of KINDS) {
        for (const [c, def] of Object.entries(r[k])) {
          n++;
          const a = countArguments(s, def);
          top += a.top;
          all += a.all;
          names.push(k === "source" ? c : `${k === "data" ? "data" : k} ${c}`);
        }
      }
      rows.push(`| ${s.plugin} | ${s.source || "(core)"} | ${rel} | ${n}: ${names.join(", ")} | ${top} / ${all} |`);
    }
  }
  return rows.join("\n");
}

/** Groups the pins by plugin, in table order. */
export function pinsByPlugin(pins: Pin[] = PINS): Map<string, Pin[]> {
  const out = new Map<string, Pin[]>();
  for (const p of pins) out.set(p.plugin, [...(out.get(p.plugin) ?? []), p]);
  return out;
}

/** What of a plugin's pinned sources is absent (its own repository and the modules its go.mod needs). */
export function missingSources(sources: GitSources, pins: Pin[]): string[] {
  const missing: string[] = [];
  for (const pin of pins) {
    const full = sources.resolve(pin.repository, pin.commit);
    if (!full) {
      missing.push(`${pin.repository} ${pin.tag} (${pin.commit}) in ${gitDir(sources.root, pin.repository)}`);
      continue;
    }
    const gomod = spawnSync("git", ["--git-dir", gitDir(sources.root, pin.repository), "show", `${full}:go.mod`], { encoding: "utf8" }).stdout;
    const sdk = /github\.com\/hashicorp\/packer-plugin-sdk\s+(v\S+)/.exec(gomod ?? "")?.[1];
    if (sdk && !sources.resolve("github.com/hashicorp/packer-plugin-sdk", sdk)) {
      missing.push(`github.com/hashicorp/packer-plugin-sdk ${sdk} in ${gitDir(sources.root, "github.com/hashicorp/packer-plugin-sdk")}`);
    }
  }
  return missing;
}
