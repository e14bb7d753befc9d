/**
 * `lock`: writes packer.lock.json from the templates' required_plugins (and, with --packer, a
 * Packer release), with every checksum read from the publisher's SHA256SUMS and its signature
 * verified where one is published; `lock --check` compares the lock with the templates offline.
 *
 *     bazel run @rules_packer//tools:cli -- lock [--upgrade] [--packer VERSION] [PATH...]
 *     bazel run @rules_packer//tools:cli -- lock --check [PATH...]
 *
 * Nothing is written until every release is listed, its sums downloaded, their signature checked
 * and the host's zip checked against them; the file is then replaced in one rename.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { arch, platform } from "node:process";
import { resolve } from "node:path";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, errorMessage, parseCommandArgs, UsageError, type Io } from "../io.ts";
import { checkLock, formatFinding, type LockPlaces } from "./check.ts";
import { Http, HttpError, shownUrl, withoutCredentials } from "./http.ts";
import { HASHICORP_KEY } from "./keys.ts";
import { formatLockFile, readLockFile, type LockFile, type LockedRelease, type SignatureRecord } from "./lockfile.ts";
import { OpenPgpError, readKeyring, verifyDetached, type Keyring } from "./openpgp.ts";
import { choose } from "./resolve.ts";
import {
  DEFAULT_PACKER_URL,
  DEFAULT_PLUGIN_URL,
  fill,
  githubOrigin,
  parseSums,
  releaseZips,
  templateOrigin,
  templateProblem,
  type Origin,
  type ReleaseFiles,
} from "./sources.ts";
import { findTemplates, readRequirements, shown, where, type PluginRequirement, type Requirements } from "./templates.ts";

const HELP = `usage: cli lock [options] [PATH...]

Writes packer.lock.json at the repository root: for every plugin the templates' required_plugins
name, the newest release all their constraints allow, with the sha256 of each platform's zip from
the release's SHA256SUMS (its signature verified where the publisher signs: HashiCorp's official
plugins and Packer). MODULE.bazel pins it with packer.lock(file = "//:packer.lock.json").
PATHs (templates or directories) replace the walk of the repository for *.pkr.hcl.

options:
  --check                 compare the lock with the templates, offline; exit 1 on a mismatch
  --upgrade               move every plugin to the newest release allowed (default: keep locked
                          versions the constraints still allow)
  --packer VERSION        also lock this Packer release (for packer.toolchain)
  --urls [SOURCE=]TEMPLATE
                          a mirror for the plugins (or one plugin): zip URL template with {name},
                          {version}, {platform}, {os}, {arch}, {namespace}; SHA256SUMS and .sig
                          beside the zips, index.json above {version}/ (repeatable, tried in order)
  --packer-urls TEMPLATE  a mirror for Packer: {version}, {platform}, {os}, {arch} (repeatable)
  --github-api URL        GitHub's API (default https://api.github.com; GitHub Enterprise: .../api/v3)
  --key FILE              also trust this armored OpenPGP public key for signatures (repeatable)
  --lock FILE             the lock file (default: packer.lock.json at the repository root)
  --root DIR              the repository root (default: $BUILD_WORKSPACE_DIRECTORY, else .)

Environment: GITHUB_TOKEN or PACKER_GITHUB_API_TOKEN (GitHub's API), NETRC (credentials for
mirrors; default ~/.netrc).
`;

const OPTIONS = {
  check: { type: "boolean" },
  upgrade: { type: "boolean" },
  packer: { type: "string" },
  urls: { type: "string", multiple: true },
  "packer-urls": { type: "string", multiple: true },
  "github-api": { type: "string" },
  key: { type: "string", multiple: true },
  lock: { type: "string" },
  root: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

interface Context {
  io: Io;
  http: Http;
  keyring: Keyring;
  githubApi: string;
  /** Mirror templates for every plugin, and per source. */
  urls: string[];
  scopedUrls: Map<string, string[]>;
}

/** The platform `bazel run` runs on, as release files name it. */
export function hostPlatform(): string {
  const os = platform === "win32" ? "windows" : platform;
  const cpu = arch === "x64" ? "amd64" : arch === "ia32" ? "386" : arch;
  return `${os}_${cpu}`;
}

function parseUrls(values: string[] | undefined): { urls: string[]; scoped: Map<string, string[]> } {
  const urls: string[] = [];
  const scoped = new Map<string, string[]>();
  for (const value of values ?? []) {
    const m = /^([^=:/]+\/[^=/]+\/[^=/]+)=(.+)$/.exec(value);
    const template = m ? m[2]! : value;
    const problem = templateProblem(template);
    if (problem) throw new UsageError(`--urls ${value}: ${problem}`);
    if (m) scoped.set(m[1]!.toLowerCase(), [...(scoped.get(m[1]!.toLowerCase()) ?? []), template]);
    else urls.push(template);
  }
  return { urls, scoped };
}

function keyringOf(io: Io, files: string[] | undefined): Keyring {
  const texts = [HASHICORP_KEY.armored];
  for (const file of files ?? []) {
    try {
      texts.push(readFileSync(resolve(io.cwd, file), "utf8"));
    } catch (e) {
      throw new UsageError(`--key ${file}: ${errorMessage(e)}`);
    }
  }
  try {
    return readKeyring(texts.join("\n"));
  } catch (e) {
    throw new UsageError(`--key: ${errorMessage(e)}`);
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const root = resolve(io.cwd, values.root ?? io.env["BUILD_WORKSPACE_DIRECTORY"] ?? ".");
  const lockPath = values.lock !== undefined ? resolve(io.cwd, values.lock) : resolve(root, "packer.lock.json");
  const lockShown = shown(root, lockPath);
  const files = positionals.length > 0 ? positionals.flatMap((p) => findTemplates(root, resolve(io.cwd, p))) : findTemplates(root);
  const reqs = readRequirements(root, files);
  if (reqs.problems.length > 0) {
    for (const p of reqs.problems) io.stderr(`${where(p.at)}: error: ${p.message}${p.hint ? ` (${p.hint})` : ""}\n`);
    return EXIT_FINDINGS;
  }
  const existing = readExisting(io, lockPath, lockShown, values.check === true);
  if (existing === "invalid") return EXIT_FINDINGS;
  if (values.check) return check(io, reqs, existing, lockShown);
  const { urls, scoped } = parseUrls(values.urls);
  for (const t of values["packer-urls"] ?? []) {
    const problem = templateProblem(t);
    if (problem) throw new UsageError(`--packer-urls ${t}: ${problem}`);
  }
  const githubApi = (values["github-api"] ?? "https://api.github.com").replace(/\/+$/, "");
  const http = new Http({ env: io.env, githubApiHost: new URL(githubApi).host });
  const ctx: Context = { io, http, keyring: keyringOf(io, values.key), githubApi, urls, scopedUrls: scoped };
  return writeLock(ctx, reqs, existing?.lock, {
    lockPath,
    lockShown,
    upgrade: values.upgrade === true,
    packer: values.packer,
    packerUrls: values["packer-urls"] ?? [DEFAULT_PACKER_URL],
    existingText: existing?.text,
  });
}

interface Existing {
  lock: LockFile;
  text: string;
  places: LockPlaces;
}

function readExisting(io: Io, path: string, shownPath: string, required: boolean): Existing | undefined | "invalid" {
  if (!existsSync(path)) {
    if (required) {
      io.stderr(`${shownPath}: error LOCK-01: the lock file does not exist (run \`bazel run @rules_packer//tools:cli -- lock\` and commit it)\n`);
      return "invalid";
    }
    return undefined;
  }
  const text = readFileSync(path, "utf8");
  const { lock, problems, positions } = readLockFile(text);
  if (!lock) {
    for (const p of problems) {
      io.stderr(`${shownPath}:${p.line}:${p.column}: error LOCK-05: ${p.message} (the file is written by \`lock\`: run it again, or undo the edit)\n`);
    }
    return "invalid";
  }
  const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
  const places: LockPlaces = {
    file: shownPath,
    plugin: (source) => {
      const entry = positions?.keys.get(`/plugins/${esc(source)}`);
      const version = positions?.values.get(`/plugins/${esc(source)}/version`);
      return entry && version ? { entry, version } : undefined;
    },
    packerVersion: () => positions?.values.get("/packer/version"),
  };
  return { lock, text, places };
}

function check(io: Io, reqs: Requirements, existing: Existing | undefined, lockShown: string): number {
  const findings = checkLock(reqs, existing!.lock, existing!.places);
  for (const f of findings) (f.severity === "error" ? io.stderr : io.stdout)(`${formatFinding(f)}\n`);
  const errors = findings.filter((f) => f.severity === "error").length;
  if (errors > 0) return EXIT_FINDINGS;
  const plugins = Object.keys(existing!.lock.plugins).length;
  const packer = existing!.lock.packer ? ` and Packer ${existing!.lock.packer.version}` : "";
  const verb = plugins + (existing!.lock.packer ? 1 : 0) === 1 ? "meets" : "meet";
  const templates = `${reqs.templates.length} template${reqs.templates.length === 1 ? "" : "s"}`;
  io.stdout(`${lockShown}: ${plugins} plugin${plugins === 1 ? "" : "s"}${packer} ${verb} the constraints of ${templates}\n`);
  return EXIT_OK;
}

interface WriteOptions {
  lockPath: string;
  lockShown: string;
  upgrade: boolean;
  packer: string | undefined;
  packerUrls: string[];
  existingText: string | undefined;
}

/** Resolves, downloads and verifies everything, then writes the lock in one rename. */
async function writeLock(ctx: Context, reqs: Requirements, previous: LockFile | undefined, opts: WriteOptions): Promise<number> {
  const bySource = new Map<string, PluginRequirement[]>();
  for (const r of reqs.plugins) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
  const next: LockFile = { plugins: {} };
  const errors: string[] = [];
  for (const [source, list] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      next.plugins[source] = await lockPlugin(ctx, source, list, previous?.plugins[source], opts.upgrade);
    } catch (e) {
      errors.push(failure(source, e));
    }
  }
  if (opts.packer !== undefined) {
    try {
      next.packer = await lockPacker(ctx, opts.packer, opts.packerUrls);
    } catch (e) {
      errors.push(failure(`Packer ${opts.packer}`, e));
    }
  } else if (previous?.packer) {
    next.packer = previous.packer;
  }
  if (errors.length > 0) {
    for (const e of errors) ctx.io.stderr(`error: ${e}\n`);
    ctx.io.stderr(`${opts.lockShown} was not changed.\n`);
    // Only unreachable servers: an environment error (2); anything else is a finding (1).
    return errors.every((e) => e.includes("No network, or a mirror down?")) ? EXIT_USAGE : EXIT_FINDINGS;
  }
  const text = formatLockFile(next);
  if (text === opts.existingText) {
    ctx.io.stdout(`${opts.lockShown} is up to date\n`);
    return EXIT_OK;
  }
  const tmp = `${opts.lockPath}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, opts.lockPath);
  const n = Object.keys(next.plugins).length;
  ctx.io.stdout(`wrote ${opts.lockShown}: ${n} plugin${n === 1 ? "" : "s"}${next.packer ? `, Packer ${next.packer.version}` : ""}\n`);
  return EXIT_OK;
}

function failure(what: string, e: unknown): string {
  if (e instanceof HttpError && e.status === 0) {
    return (
      `${what}: ${e.message}. No network, or a mirror down? Point lock at a mirror you can reach: ` +
      "--urls TEMPLATE for plugins, --packer-urls TEMPLATE for Packer, --github-api URL for GitHub's API; credentials in ~/.netrc or $NETRC"
    );
  }
  if (e instanceof HttpError || e instanceof OpenPgpError || e instanceof LockError) return `${what}: ${e.message}`;
  throw e;
}

class LockError extends Error {
  override name = "LockError";
}

/** Where a plugin's releases come from: a mirror given for it or for all, else its origin. */
function pluginOrigin(ctx: Context, source: string): Origin {
  const [host, namespace, rawName] = source.split("/") as [string, string, string];
  const name = rawName.replace(/^packer-plugin-/, "");
  const values = { name, namespace };
  const github = host === "github.com" ? githubOrigin(ctx.http, ctx.githubApi, namespace, name) : undefined;
  const official = host === "github.com" && namespace === "hashicorp";
  const mirror = ctx.scopedUrls.get(source) ?? (ctx.urls.length > 0 ? ctx.urls : undefined);
  if (mirror) return templateOrigin(ctx.http, mirror, values, official, github);
  if (official) return templateOrigin(ctx.http, [DEFAULT_PLUGIN_URL], values, true, github);
  if (github) return github;
  throw new LockError(
    `lock finds releases on github.com only; give a mirror for ${source}: --urls ${source}=https://.../packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip`,
  );
}

async function lockPlugin(
  ctx: Context,
  source: string,
  reqs: PluginRequirement[],
  locked: LockedRelease | undefined,
  upgrade: boolean,
): Promise<LockedRelease> {
  const constraints = [...new Set(reqs.map((r) => r.constraint).filter((c) => c !== ""))];
  if (locked && !upgrade) {
    const kept = choose(source, reqs, [], "", locked.version, false);
    if ("version" in kept) {
      ctx.io.stdout(`${source} ${locked.version}: kept (the constraints still allow it; --upgrade looks for newer)\n`);
      return { ...locked, constraints };
    }
  }
  const origin = pluginOrigin(ctx, source);
  const versions = await origin.versions();
  const choice = choose(source, reqs, versions, origin.describe, undefined, true);
  if ("error" in choice) throw new LockError(choice.error);
  const files = await origin.files(choice.version);
  const name = source.split("/")[2]!.replace(/^packer-plugin-/, "");
  const release = await lockRelease(ctx, `packer-plugin-${name}`, { name, namespace: source.split("/")[1]! }, files);
  const by = reqs.map((r) => `${r.constraint === "" ? "any" : `"${r.constraint}"`} at ${where(r.at)}`).join(", ");
  ctx.io.stdout(
    `${source} ${choice.version}: the newest of ${choice.candidates} allowed of ${versions.length} releases (${by}); ${signatureLine(release.signature)}\n`,
  );
  return { ...release, constraints };
}

async function lockPacker(ctx: Context, version: string, templates: string[]): Promise<LockedRelease> {
  const files = templateOrigin(ctx.http, templates, {}, true);
  const release = await lockRelease(ctx, "packer", {}, await files.files(version));
  ctx.io.stdout(`Packer ${version}: ${Object.keys(release.sha256).length} platforms; ${signatureLine(release.signature)}\n`);
  return release;
}

function signatureLine(s: SignatureRecord): string {
  return s.verified ? `SHA256SUMS signature verified (${s.signer ?? s.key ?? ""})` : `SHA256SUMS not signed: ${s.reason ?? "unknown"}`;
}

/** Downloads and verifies one release's sums (and signature), and checks the host's zip against them. */
async function lockRelease(ctx: Context, prefix: string, values: Record<string, string>, files: ReleaseFiles): Promise<LockedRelease> {
  const sums = (await ctx.http.get(files.sumsUrl)).body;
  const signature = await verifySums(ctx, sums, files);
  const zips = releaseZips(parseSums(sums.toString("utf8")), prefix, files.version);
  if (zips.length === 0) throw new LockError(`${shownUrl(files.sumsUrl)} lists no ${prefix}_${files.version}_<os>_<arch>.zip`);
  const urls = files.urls.length > 0 ? files.urls : [githubZipTemplate(files, zips, prefix)];
  const recorded = urls.map(withoutCredentials);
  const sha256 = Object.fromEntries(zips.map((z) => [z.platform, z.sha256]));
  await checkHostZip(ctx, prefix, urls, { ...values, version: files.version }, sha256);
  return { version: files.version, sha256, urls: recorded, sha256sums: withoutCredentials(files.sumsUrl), signature };
}

async function verifySums(ctx: Context, sums: Buffer, files: ReleaseFiles): Promise<SignatureRecord> {
  let sig: Buffer;
  try {
    sig = (await ctx.http.get(files.sigUrl)).body;
  } catch (e) {
    if (!(e instanceof HttpError) || e.status !== 404) throw e;
    if (files.signatureRequired) {
      throw new LockError(`${shownUrl(files.sigUrl)} is missing: HashiCorp signs every release's SHA256SUMS, so a mirror must serve the .sig beside it`);
    }
    return { verified: false, reason: "the release publishes no signature of its SHA256SUMS" };
  }
  const result = verifyDetached(ctx.keyring, sums, sig);
  if (result.status === "verified") return { verified: true, url: shownUrl(files.sigUrl), key: result.keyId, signer: result.signer };
  if (result.status === "bad") {
    throw new LockError(`the signature ${shownUrl(files.sigUrl)} of ${shownUrl(files.sumsUrl)} does not verify with ${result.signer}: ${result.message}`);
  }
  if (files.signatureRequired) {
    throw new LockError(`${shownUrl(files.sigUrl)} is ${result.message} (HashiCorp's key ${HASHICORP_KEY.fingerprint.slice(-16)} is expected)`);
  }
  return { verified: false, url: shownUrl(files.sigUrl), reason: `${result.message}; add the publisher's key with --key FILE to verify it` };
}

/** The zip URL template of a GitHub release: the sums' directory, the zips' names with {version}, {os}, {arch}. */
function githubZipTemplate(files: ReleaseFiles, zips: ReturnType<typeof releaseZips>, prefix: string): string {
  const dir = files.sumsUrl.slice(0, files.sumsUrl.lastIndexOf("/") + 1).replace(`/v${files.version}/`, "/v{version}/");
  const first = zips[0]!;
  const vee = first.file.startsWith(`${prefix}_v`) ? "v" : "";
  const template = `${dir}${prefix.replace(/^packer-plugin-.*/, "packer-plugin-{name}")}_${vee}{version}${first.protocol ? `_${first.protocol}` : ""}_{os}_{arch}.zip`;
  for (const z of zips) {
    const [os, cpu] = z.platform.split("_");
    const name = prefix.replace(/^packer-plugin-/, "");
    if (!fill(template, { name, version: files.version, os: os!, arch: cpu! }).endsWith(`/${z.file}`)) {
      throw new LockError(`the zips of ${shownUrl(files.sumsUrl)} are not named alike (${first.file}, ${z.file}): no URL template fits them all`);
    }
  }
  return template;
}

async function checkHostZip(ctx: Context, prefix: string, urls: string[], values: Record<string, string>, sha256: Record<string, string>): Promise<void> {
  const host = hostPlatform();
  const expected = sha256[host];
  if (!expected) return; // the release has no build for this machine: nothing to download
  const [os, cpu] = host.split("_");
  const candidates = urls.map((t) => fill(t, { ...values, platform: host, os: os!, arch: cpu! }));
  let last: unknown;
  for (const url of candidates) {
    let body: Buffer;
    try {
      body = (await ctx.http.get(url)).body;
    } catch (e) {
      last = e;
      continue;
    }
    const actual = createHash("sha256").update(body).digest("hex");
    if (actual !== expected) {
      throw new LockError(
        `checksum mismatch for ${prefix}_${values["version"]!}_${host}.zip from ${shownUrl(url)}: SHA256SUMS says ${expected}, the file is ${actual}`,
      );
    }
    return;
  }
  throw last instanceof Error ? last : new LockError(`no URL for ${prefix} ${values["version"]!} ${host}`);
}
