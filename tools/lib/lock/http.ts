/**
 * The lock command's downloads: fetch() with the credentials Bazel's downloads use (a `.netrc`,
 * $NETRC or ~/.netrc, as packer/private/download.bzl reads it), a GitHub token for GitHub's API
 * only (GITHUB_TOKEN or PACKER_GITHUB_API_TOKEN: never sent to the hosts downloads redirect to),
 * file:// URLs for local mirrors, and errors that name the URL.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export class HttpError extends Error {
  override name = "HttpError";
  readonly url: string;
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  constructor(url: string, status: number, message: string) {
    super(message);
    this.url = url;
    this.status = status;
  }
}

export interface Credentials {
  login: string;
  password: string;
}

/** Parses a .netrc: machine -> credentials ("" for `default`). */
export function parseNetrc(text: string): Map<string, Credentials> {
  const tokens = text.replace(/#.*$/gm, "").split(/\s+/).filter(Boolean);
  const out = new Map<string, Credentials>();
  let machine: string | undefined;
  let current: Credentials | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === "machine" || t === "default") {
      machine = t === "default" ? "" : tokens[++i];
      current = { login: "", password: "" };
      if (machine !== undefined && !out.has(machine)) out.set(machine, current);
    } else if (t === "macdef") {
      break; // macros run to the end of a paragraph; nothing after them is read
    } else if (current && (t === "login" || t === "password" || t === "account")) {
      const value = tokens[++i] ?? "";
      if (t === "login") current.login = value;
      if (t === "password") current.password = value;
    }
  }
  return out;
}

export interface HttpOptions {
  /** The environment: NETRC, HOME, GITHUB_TOKEN, PACKER_GITHUB_API_TOKEN. */
  env: Record<string, string | undefined>;
  /** The GitHub API's host, the only one the token goes to. */
  githubApiHost: string;
  timeoutMs?: number;
}

export class Http {
  readonly netrc: Map<string, Credentials>;
  readonly token: string | undefined;
  readonly tokenVariable: string | undefined;
  private readonly opts: HttpOptions;
  /** Every URL asked for, in order (tests and --verbose). */
  readonly requested: string[] = [];

  constructor(opts: HttpOptions) {
    this.opts = opts;
    const netrcPath = opts.env["NETRC"] || join(opts.env["HOME"] || homedir(), ".netrc");
    let text = "";
    try {
      text = readFileSync(netrcPath, "utf8");
    } catch {
      // No .netrc: anonymous, as Bazel's downloads would be.
    }
    this.netrc = parseNetrc(text);
    this.tokenVariable = ["GITHUB_TOKEN", "PACKER_GITHUB_API_TOKEN"].find((v) => opts.env[v]);
    this.token = this.tokenVariable ? opts.env[this.tokenVariable] : undefined;
  }

  private headers(url: URL): Record<string, string> {
    const headers: Record<string, string> = { "User-Agent": "rules_packer-lock" };
    if (url.host === this.opts.githubApiHost) {
      headers["Accept"] = "application/vnd.github+json";
      headers["X-GitHub-Api-Version"] = "2022-11-28";
      if (this.token) headers["Authorization"] = `Bearer ${this.token}`;
      return headers;
    }
    const creds = url.username
      ? { login: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : (this.netrc.get(url.hostname) ?? this.netrc.get(""));
    if (creds) headers["Authorization"] = `Basic ${Buffer.from(`${creds.login}:${creds.password}`).toString("base64")}`;
    return headers;
  }

  /** GETs a URL: the body and the response headers. Throws HttpError naming the URL. */
  async get(raw: string): Promise<{ body: Buffer; headers: Headers }> {
    this.requested.push(raw);
    if (raw.startsWith("file:")) {
      try {
        return { body: readFileSync(fileURLToPath(raw)), headers: new Headers() };
      } catch (e) {
        throw new HttpError(raw, 404, `${raw}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const url = new URL(raw);
    const headers = this.headers(url);
    url.username = "";
    url.password = "";
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: "follow", signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000) });
    } catch (e) {
      // fetch() fails with "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a timeout).
      const inner = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
      const cause = inner?.code ?? inner?.message ?? (e instanceof Error ? e.message : String(e));
      throw new HttpError(raw, 0, `could not reach ${shownUrl(raw)} (${cause})`);
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      let message = `${shownUrl(raw)} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
      if (
        url.host === this.opts.githubApiHost &&
        (response.status === 403 || response.status === 429) &&
        response.headers.get("x-ratelimit-remaining") === "0"
      ) {
        const reset = Number(response.headers.get("x-ratelimit-reset"));
        message +=
          `: GitHub's API rate limit is used up${reset ? ` until ${new Date(reset * 1000).toISOString()}` : ""}` +
          (this.token ? ` for the token in ${this.tokenVariable!}` : "; set GITHUB_TOKEN (or PACKER_GITHUB_API_TOKEN) to a GitHub token for a higher limit");
      } else if (response.status === 401 || response.status === 403) {
        message +=
          url.host === this.opts.githubApiHost
            ? ` (check the token in ${this.tokenVariable ?? "GITHUB_TOKEN"})`
            : " (credentials for a private mirror go in ~/.netrc or the file $NETRC names)";
      }
      throw new HttpError(raw, response.status, message);
    }
    return { body, headers: response.headers };
  }
}

/** A URL for messages, without any user:password@. */
export function shownUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1***@");
}

/** A URL (or URL template) without user:password@: credentials belong in .netrc, never in the lock file. */
export function withoutCredentials(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}
