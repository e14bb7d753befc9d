/**
 * Where releases come from, as `packer init` finds them (hashicorp/packer, packer/plugin-getter):
 *
 * - HashiCorp's official plugins (github.com/hashicorp/NAME): the release site, as Packer's
 *   `release` getter reads it: https://releases.hashicorp.com/packer-plugin-NAME/index.json lists
 *   the versions; VERSION/packer-plugin-NAME_VERSION_SHA256SUMS (and its .sig, signed with
 *   HashiCorp's key) the zips packer-plugin-NAME_VERSION_OS_ARCH.zip. Packer tries this site for
 *   every plugin; `lock` only for the hashicorp namespace (another namespace's NAME is not
 *   HashiCorp's plugin), and falls back to GitHub when the site has no such plugin, as Packer does.
 * - Other github.com/OWNER/NAME plugins: the repository OWNER/packer-plugin-NAME. Packer's
 *   `github` getter lists its tags (git/matching-refs/tags); `lock` lists its releases
 *   (GET /repos/OWNER/packer-plugin-NAME/releases, every page of the Link header), which name the
 *   release assets: packer-plugin-NAME_vVERSION_SHA256SUMS and the zips it lists,
 *   packer-plugin-NAME_vVERSION_xPROTOCOL_OS_ARCH.zip. A tag without a release has no sums.
 * - A mirror (`--urls`, URL templates as the extension's `urls` attributes take them): the zips
 *   where the template says, the SHA256SUMS and .sig beside them (the file name up to {version},
 *   then _SHA256SUMS), the versions in index.json above the {version} directory (the release
 *   site's layout) when the template has one, else from the plugin's own origin.
 */
import { Http, HttpError, shownUrl } from "./http.ts";
import { formatGoVersion, parseGoVersion } from "./goversion.ts";

export const RELEASES_SITE = "https://releases.hashicorp.com";
export const DEFAULT_PLUGIN_URL = "https://releases.hashicorp.com/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip";
export const DEFAULT_PACKER_URL = "https://releases.hashicorp.com/packer/{version}/packer_{version}_{platform}.zip";

export interface ReleaseFiles {
  /** The canonical version (go-version's String(): "1.2.0" for tag v1.2). */
  version: string;
  sumsUrl: string;
  /** Where the detached signature of the sums would be. */
  sigUrl: string;
  /** Whether the publisher always signs (HashiCorp's releases): a missing .sig is then an error. */
  signatureRequired: boolean;
  /** Zip URL templates for the lock; {os}/{arch}/{platform} left for the extension. */
  urls: string[];
}

export interface Origin {
  /** For messages: where the versions come from. */
  describe: string;
  /** The versions published (canonical strings), and a hint for when the listing fails. */
  versions(): Promise<string[]>;
  files(version: string): Promise<ReleaseFiles>;
}

const PLACEHOLDERS = ["name", "version", "platform", "os", "arch", "namespace"];

/** Fills {name}, {version}, ... in a URL template. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (m, key: string) => values[key] ?? m);
}

/** Why a URL template cannot be used (unknown placeholders, no {version} in the file name), or undefined. */
export function templateProblem(template: string): string | undefined {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((k) => !PLACEHOLDERS.includes(k));
  if (unknown.length > 0) return `unknown placeholder {${unknown[0]!}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")})`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(template)) return "not a URL (http://, https:// or file://)";
  const base = template.slice(template.lastIndexOf("/") + 1);
  if (!base.includes("{version}")) return "the file name must hold {version} (the SHA256SUMS beside it is named after it)";
  return undefined;
}

/** The SHA256SUMS URL beside a zip template: the file name up to {version}, then _SHA256SUMS. */
export function sumsUrlFor(template: string, values: Record<string, string>): string {
  const slash = template.lastIndexOf("/");
  const base = template.slice(slash + 1);
  const end = base.indexOf("{version}") + "{version}".length;
  return fill(`${template.slice(0, slash + 1)}${base.slice(0, end)}_SHA256SUMS`, values);
}

/** index.json in the directory above {version}, when the template has a `/{version}/` directory. */
export function listingUrlFor(template: string, values: Record<string, string>): string | undefined {
  const i = template.indexOf("/{version}/");
  return i < 0 ? undefined : fill(`${template.slice(0, i)}/index.json`, values);
}

/** The canonical version of a listed one ("v1.2" -> "1.2.0"), or undefined for what go-version refuses. */
function canonical(text: string): string | undefined {
  const v = parseGoVersion(text);
  return v ? formatGoVersion(v) : undefined;
}

async function json(http: Http, url: string): Promise<{ value: unknown; headers: Headers }> {
  const { body, headers } = await http.get(url);
  try {
    return { value: JSON.parse(body.toString("utf8")) as unknown, headers };
  } catch {
    throw new HttpError(url, 200, `${shownUrl(url)} did not answer JSON`);
  }
}

/** Versions of a release-site index.json ({"versions": {"1.2.8": {...}}}). */
async function indexVersions(http: Http, url: string): Promise<string[]> {
  const { value } = await json(http, url);
  const versions = (value as { versions?: Record<string, { version?: unknown }> } | null)?.versions;
  if (!versions || typeof versions !== "object") throw new HttpError(url, 200, `${shownUrl(url)} is not a release index (no "versions")`);
  return Object.entries(versions)
    .map(([key, v]) => canonical(typeof v?.version === "string" ? v.version : key))
    .filter((v): v is string => v !== undefined);
}

/** The release site's layout, at the site or a mirror of it (URL templates). */
export function templateOrigin(http: Http, templates: string[], values: Record<string, string>, signatureRequired: boolean, fallback?: Origin): Origin {
  const listings = templates.map((t) => listingUrlFor(t, values)).filter((u): u is string => u !== undefined);
  // Versions listed by the fallback (the plugin is not on the site) come with the fallback's files.
  let fellBack = false;
  return {
    describe: listings[0] ? shownUrl(listings[0]) : (fallback?.describe ?? "the mirror"),
    async versions() {
      let last: HttpError | undefined;
      for (const url of listings) {
        try {
          return await indexVersions(http, url);
        } catch (e) {
          if (!(e instanceof HttpError)) throw e;
          last = e;
        }
      }
      if (fallback && (!last || last.status === 404)) {
        fellBack = true;
        return fallback.versions();
      }
      if (last) throw last;
      throw new Error(`no template of ${templates.join(", ")} has a /{version}/ directory to find index.json above, and the plugin has no other origin`);
    },
    async files(version) {
      if (fellBack && fallback) return fallback.files(version);
      const v = { ...values, version };
      const sumsUrl = sumsUrlFor(templates[0]!, v);
      return { version, sumsUrl, sigUrl: `${sumsUrl}.sig`, signatureRequired, urls: templates };
    },
  };
}

interface GitHubRelease {
  tag_name?: unknown;
  draft?: unknown;
  assets?: Array<{ name?: unknown; browser_download_url?: unknown }>;
}

/** A plugin's GitHub releases: OWNER/packer-plugin-NAME, every page. */
export function githubOrigin(http: Http, api: string, owner: string, name: string): Origin {
  const repo = `${owner}/packer-plugin-${name}`;
  let releases: Map<string, GitHubRelease> | undefined;
  const list = async (): Promise<Map<string, GitHubRelease>> => {
    if (releases) return releases;
    releases = new Map();
    let url: string | undefined = `${api.replace(/\/+$/, "")}/repos/${repo}/releases?per_page=100`;
    for (let page = 0; url && page < 100; page++) {
      const { value, headers } = await json(http, url);
      if (!Array.isArray(value)) throw new HttpError(url, 200, `${shownUrl(url)} did not answer a list of releases`);
      for (const r of value as GitHubRelease[]) {
        const version = typeof r.tag_name === "string" && r.draft !== true ? canonical(r.tag_name) : undefined;
        if (version && !releases.has(version)) releases.set(version, r);
      }
      url = /<([^>]+)>;\s*rel="next"/.exec(headers.get("link") ?? "")?.[1];
    }
    return releases;
  };
  return {
    describe: `GitHub releases of ${repo}`,
    async versions() {
      return [...(await list()).keys()];
    },
    async files(version) {
      const release = (await list()).get(version)!;
      const assets = new Map((release.assets ?? []).map((a) => [String(a.name), String(a.browser_download_url)]));
      const sumsName = [...assets.keys()].find(
        (n) => n === `packer-plugin-${name}_v${version}_SHA256SUMS` || n === `packer-plugin-${name}_${version}_SHA256SUMS`,
      );
      if (!sumsName) {
        throw new HttpError(
          `${api}/repos/${repo}/releases`,
          404,
          `the GitHub release ${String(release.tag_name)} of ${repo} has no packer-plugin-${name}_v${version}_SHA256SUMS asset (Packer needs it too)`,
        );
      }
      const sumsUrl = assets.get(sumsName)!;
      const sigUrl = assets.get(`${sumsName}.sig`) ?? `${sumsUrl}.sig`;
      return { version, sumsUrl, sigUrl, signatureRequired: false, urls: [] };
    },
  };
}

export interface SumsEntry {
  file: string;
  sha256: string;
  /** "linux_amd64". */
  platform: string;
  /** The plugin protocol in GitHub-style names ("x5.0"), or "". */
  protocol: string;
}

/** Parses SHA256SUMS ("<sha256>  <file>" lines, as Packer's TransformChecksumStream reads them). */
export function parseSums(text: string): Array<{ sha256: string; file: string }> {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .filter((parts) => parts.length === 2)
    .map(([sha256, file]) => ({ sha256: sha256!.toLowerCase(), file: file!.replace(/^\*/, "") }));
}

/**
 * The zips of one release in its SHA256SUMS: `<prefix>_<version>_<os>_<arch>.zip`, with an
 * optional `v` before the version and `_x<protocol>` after it (GitHub-style names).
 */
export function releaseZips(sums: Array<{ sha256: string; file: string }>, prefix: string, version: string): SumsEntry[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`^${esc(prefix)}_v?${esc(version)}(?:_(x\\d+\\.\\d+))?_([a-z0-9]+)_([a-z0-9]+)\\.zip$`);
  const out: SumsEntry[] = [];
  for (const { sha256, file } of sums) {
    const m = re.exec(file);
    if (m) out.push({ file, sha256, platform: `${m[2]!}_${m[3]!}`, protocol: m[1] ?? "" });
  }
  return out;
}
