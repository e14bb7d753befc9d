/**
 * packer.lock.json: what `lock` writes and the `packer` extension pins (`packer.lock(file = ...)`).
 *
 *     {
 *       "lock_version": 1,
 *       "packer": { ...release },                 // only after `lock --packer VERSION`
 *       "plugins": { "github.com/hashicorp/amazon": { ...release, "constraints": [">= 1.2"] } }
 *     }
 *
 * A release: `version`; `sha256` (platform -> sha256 of the zip, every platform of the
 * release's SHA256SUMS); `urls` (URL templates as the extension's `urls` attributes take them:
 * {name}, {version}, {platform}, {os}, {arch}); `sha256sums` (the URL the sums were read from);
 * `signature` ({url, verified, key, signer} or {verified: false, reason}).
 *
 * Reading keeps every key's and value's line, so a file edited by hand into an invalid state is
 * reported at the line to fix.
 */
import { parseGoVersion } from "./goversion.ts";

export const LOCK_VERSION = 1;

export interface SignatureRecord {
  verified: boolean;
  url?: string;
  /** The key id that made the signature. */
  key?: string;
  signer?: string;
  /** Why it is not verified. */
  reason?: string;
}

export interface LockedRelease {
  version: string;
  sha256: Record<string, string>;
  urls: string[];
  sha256sums: string;
  signature: SignatureRecord;
  /** Plugins: the constraints of the templates this version meets, when it was locked. */
  constraints?: string[];
}

export interface LockFile {
  packer?: LockedRelease;
  plugins: Record<string, LockedRelease>;
}

export interface Located {
  line: number;
  column: number;
}

export interface LockProblem extends Located {
  message: string;
}

/** A JSON value with the position of every member (JSON pointer -> line/column of its value, and of its key). */
interface Positions {
  values: Map<string, Located>;
  keys: Map<string, Located>;
}

class JsonError extends Error {
  readonly at: Located;
  constructor(message: string, at: Located) {
    super(message);
    this.at = at;
  }
}

/**
 * JSON.parse that also records where each value and key is (RFC 8259; no comments). One
 * recursive-descent parser kept in one function (over 80 lines): its helpers share the cursor.
 */
export function parseJsonWithPositions(text: string): { value: unknown; positions: Positions } {
  const positions: Positions = { values: new Map(), keys: new Map() };
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Located => ({ line, column: i - lineStart + 1 });
  const ws = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") {
        line++;
        lineStart = i + 1;
      } else if (c !== " " && c !== "\t" && c !== "\r") break;
    }
  };
  const fail = (what: string): never => {
    throw new JsonError(i >= text.length ? `unexpected end of file (${what})` : `unexpected ${JSON.stringify(text[i])} (${what})`, here());
  };
  const str = (): string => {
    // eslint-disable-next-line no-control-regex -- JSON strings may not hold control characters
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
    if (!m) fail("a string");
    i += m![0].length;
    return JSON.parse(m![0]) as string;
  };
  const value = (pointer: string): unknown => {
    ws();
    positions.values.set(pointer, here());
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        const keyAt = here();
        if (text[i] !== '"') fail("a member name in quotes");
        const key = str();
        const child = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (Object.hasOwn(obj, key)) throw new JsonError(`"${key}" appears twice`, keyAt);
        positions.keys.set(child, keyAt);
        ws();
        if (text[i] !== ":") fail('":" after a member name');
        i++;
        obj[key] = value(child);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return obj;
        } else fail('"," or "}"');
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(`${pointer}/${arr.length}`));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return arr;
        } else fail('"," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!m) fail("a JSON value");
    i += m![0].length;
    return JSON.parse(m![0]) as unknown;
  };
  const result = value("");
  ws();
  if (i < text.length) fail("end of file after the JSON value");
  return { value: result, positions };
}

const SHA256 = /^[0-9a-f]{64}$/;
const PLATFORM = /^[a-z0-9]+_[a-z0-9]+$/;

/**
 * Reads a lock file's text: the lock, or the problems with their positions (never both empty).
 */
export function readLockFile(text: string): { lock?: LockFile; problems: LockProblem[]; positions?: Positions } {
  let parsed: { value: unknown; positions: Positions };
  try {
    parsed = parseJsonWithPositions(text);
  } catch (e) {
    if (e instanceof JsonError) return { problems: [{ ...e.at, message: `not valid JSON: ${e.message}` }] };
    throw e;
  }
  const { value, positions } = parsed;
  const problems: LockProblem[] = [];
  const at = (pointer: string): Located => positions.values.get(pointer) ?? positions.keys.get(pointer) ?? { line: 1, column: 1 };
  const problem = (pointer: string, message: string) => problems.push({ ...at(pointer), message });
  if (!isObject(value)) {
    problem("", "the lock file must be a JSON object");
    return { problems };
  }
  if (value["lock_version"] !== LOCK_VERSION) {
    problem(
      Object.hasOwn(value, "lock_version") ? "/lock_version" : "",
      `"lock_version" must be ${LOCK_VERSION} (this rules_packer reads version ${LOCK_VERSION} lock files)`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!["lock_version", "packer", "plugins", "//"].includes(key)) problem(`/${key}`, `unknown member "${key}" (known: lock_version, packer, plugins)`);
  }
  const lock: LockFile = { plugins: {} };
  if (Object.hasOwn(value, "packer")) lock.packer = readRelease(value["packer"], "/packer", "packer", false, problem);
  const plugins = value["plugins"] ?? {};
  if (!isObject(plugins)) problem("/plugins", '"plugins" must be an object: source -> release');
  else {
    for (const [source, release] of Object.entries(plugins)) {
      const pointer = `/plugins/${source.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (source.split("/").length !== 3 || source !== source.toLowerCase()) {
        problems.push({
          ...(positions.keys.get(pointer) ?? at(pointer)),
          message: `plugin source "${source}" must be HOST/NAMESPACE/NAME in lower case (as required_plugins' source, e.g. github.com/hashicorp/amazon)`,
        });
      }
      const r = readRelease(release, pointer, source, true, problem);
      if (r) lock.plugins[source] = r;
    }
  }
  return problems.length > 0 ? { problems, positions } : { lock, problems, positions };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function readRelease(
  v: unknown,
  pointer: string,
  what: string,
  plugin: boolean,
  problem: (pointer: string, message: string) => void,
): LockedRelease | undefined {
  if (!isObject(v)) {
    problem(pointer, `${what}: a release must be an object with version, sha256, urls, sha256sums and signature`);
    return undefined;
  }
  let ok = true;
  const bad = (member: string, message: string) => {
    ok = false;
    problem(Object.hasOwn(v, member) ? `${pointer}/${member}` : pointer, `${what}: ${message}`);
  };
  const version = v["version"];
  if (typeof version !== "string" || !parseGoVersion(version) || version.startsWith("v"))
    bad("version", `"version" must be a version such as "1.8.1" (got ${JSON.stringify(version)})`);
  const sha256 = v["sha256"];
  if (!isObject(sha256) || Object.keys(sha256).length === 0)
    bad("sha256", '"sha256" must map each platform to the sha256 of its zip, e.g. {"linux_amd64": "5edc…"}');
  else {
    for (const [platform, sum] of Object.entries(sha256)) {
      if (!PLATFORM.test(platform)) {
        ok = false;
        problem(`${pointer}/sha256/${platform}`, `${what}: "${platform}" is not a platform (<os>_<arch>, as in SHA256SUMS: linux_amd64)`);
      }
      if (typeof sum !== "string" || !SHA256.test(sum)) {
        ok = false;
        problem(`${pointer}/sha256/${platform}`, `${what}: the sha256 for ${platform} must be 64 lower-case hex digits (got ${JSON.stringify(sum)})`);
      }
    }
  }
  const urls = v["urls"];
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === "string" && /^[a-z][a-z0-9+.-]*:\/\//.test(u))) {
    bad("urls", '"urls" must be a non-empty list of URL templates ({name}, {version}, {platform}, {os}, {arch})');
  }
  if (typeof v["sha256sums"] !== "string") bad("sha256sums", '"sha256sums" must be the URL the checksums were read from');
  const sig = v["signature"];
  if (!isObject(sig) || typeof sig["verified"] !== "boolean") bad("signature", '"signature" must be an object with "verified": true or false');
  const constraints = v["constraints"];
  if (plugin && constraints !== undefined && (!Array.isArray(constraints) || !constraints.every((c) => typeof c === "string"))) {
    bad("constraints", '"constraints" must be a list of strings');
  }
  for (const key of Object.keys(v)) {
    if (!["version", "sha256", "urls", "sha256sums", "signature", ...(plugin ? ["constraints"] : [])].includes(key)) {
      ok = false;
      problem(`${pointer}/${key}`, `${what}: unknown member "${key}"`);
    }
  }
  if (!ok) return undefined;
  return {
    version: version as string,
    sha256: sha256 as Record<string, string>,
    urls: urls as string[],
    sha256sums: v["sha256sums"] as string,
    signature: sig as unknown as SignatureRecord,
    ...(plugin ? { constraints: (constraints as string[] | undefined) ?? [] } : {}),
  };
}

function releaseJson(r: LockedRelease, plugin: boolean): Record<string, unknown> {
  const sig: Record<string, unknown> = { verified: r.signature.verified };
  for (const k of ["url", "key", "signer", "reason"] as const) if (r.signature[k] !== undefined) sig[k] = r.signature[k];
  return {
    version: r.version,
    ...(plugin ? { constraints: [...(r.constraints ?? [])].sort() } : {}),
    sha256: Object.fromEntries(Object.entries(r.sha256).sort(([a], [b]) => a.localeCompare(b))),
    urls: r.urls,
    sha256sums: r.sha256sums,
    signature: sig,
  };
}

/** The lock file's text: members in a fixed order, plugins and platforms sorted, two-space indent. */
export function formatLockFile(lock: LockFile): string {
  const doc: Record<string, unknown> = {
    "//": "Written by `bazel run @rules_packer//tools:cli -- lock`: change the templates' required_plugins and run it again, do not edit.",
    lock_version: LOCK_VERSION,
  };
  if (lock.packer) doc["packer"] = releaseJson(lock.packer, false);
  doc["plugins"] = Object.fromEntries(
    Object.keys(lock.plugins)
      .sort()
      .map((s) => [s, releaseJson(lock.plugins[s]!, true)]),
  );
  return `${JSON.stringify(doc, null, 2)}\n`;
}
