/**
 * A release server on 127.0.0.1 for the lock command's tests, shaped like the real ones:
 *
 * - /api: GitHub's REST API for releases (GET /repos/OWNER/REPO/releases, JSON as GitHub returns
 *   it, `pageSize` releases a page with a Link header to the next page);
 * - /github: GitHub's release downloads (OWNER/REPO/releases/download/TAG/FILE);
 * - /releases: HashiCorp's release site (packer-plugin-NAME/index.json, VERSION/FILES; packer/).
 *
 * Releases hold real zips (a plugin binary named as Packer installs it), a SHA256SUMS of them, and
 * a detached signature made with a test key. Tests change `releases` and the switches to serve
 * damaged or missing files; `requests` records every request with its Authorization header.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import type { TestKey } from "./openpgp-sign.ts";

export const PLATFORMS = ["darwin_amd64", "darwin_arm64", "linux_amd64", "linux_arm64", "windows_amd64"];

/** A zip holding files (stored, not compressed), with Unix modes, as release zips are. */
export function makeZip(files: Array<{ name: string; data: Buffer; mode?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, so the mode below counts
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | (f.mode ?? 0o755)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    centrals.push(central, name);
    offset += local.length + name.length + f.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface ServedRelease {
  /** The files of the release directory / the GitHub release's assets, by name. */
  files: Map<string, Buffer>;
  prerelease?: boolean;
  draft?: boolean;
}

export const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function sums(files: Map<string, Buffer>): Buffer {
  const lines = [...files]
    .filter(([n]) => n.endsWith(".zip"))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([n, b]) => `${sha256(b)}  ${n}\n`);
  return Buffer.from(lines.join(""));
}

/** A plugin release laid out as HashiCorp's release site has it (signed with `key` when given). */
export function siteRelease(name: string, version: string, key?: TestKey, platforms = PLATFORMS): ServedRelease {
  const files = new Map<string, Buffer>();
  for (const p of platforms) {
    const binary = `packer-plugin-${name}_v${version}_x5.0_${p}${p.startsWith("windows") ? ".exe" : ""}`;
    files.set(`packer-plugin-${name}_${version}_${p}.zip`, makeZip([{ name: binary, data: Buffer.from(`#!/bin/sh\necho ${name} ${version} ${p}\n`) }]));
  }
  const sumsName = `packer-plugin-${name}_${version}_SHA256SUMS`;
  files.set(sumsName, sums(files));
  if (key) files.set(`${sumsName}.sig`, key.sign(files.get(sumsName)!));
  return { files };
}

/** A plugin release as a GitHub release of OWNER/packer-plugin-NAME (goreleaser's names). */
export function githubRelease(name: string, version: string, key?: TestKey, platforms = PLATFORMS): ServedRelease {
  const files = new Map<string, Buffer>();
  for (const p of platforms) {
    const binary = `packer-plugin-${name}_v${version}_x5.0_${p}${p.startsWith("windows") ? ".exe" : ""}`;
    files.set(`packer-plugin-${name}_v${version}_x5.0_${p}.zip`, makeZip([{ name: binary, data: Buffer.from(`#!/bin/sh\necho ${name} ${version}\n`) }]));
  }
  const sumsName = `packer-plugin-${name}_v${version}_SHA256SUMS`;
  files.set(sumsName, sums(files));
  if (key) files.set(`${sumsName}.sig`, key.sign(files.get(sumsName)!));
  return { files };
}

/** A Packer release as the release site has it. */
export function packerRelease(version: string, key: TestKey): ServedRelease {
  const files = new Map<string, Buffer>();
  for (const p of PLATFORMS) {
    files.set(
      `packer_${version}_${p}.zip`,
      makeZip([{ name: p.startsWith("windows") ? "packer.exe" : "packer", data: Buffer.from(`packer ${version} ${p}`) }]),
    );
  }
  files.set(`packer_${version}_SHA256SUMS`, sums(files));
  files.set(`packer_${version}_SHA256SUMS.sig`, key.sign(files.get(`packer_${version}_SHA256SUMS`)!));
  return { files };
}

export interface ReleaseServer {
  url: string;
  /** Release site: "packer-plugin-NAME" or "packer" -> version -> release. */
  site: Map<string, Map<string, ServedRelease>>;
  /** GitHub: "OWNER/REPO" -> tag -> release (in the order GitHub lists them: newest first). */
  github: Map<string, Map<string, ServedRelease>>;
  pageSize: number;
  requests: Array<{ path: string; authorization?: string }>;
  /** Paths answered with this status instead. */
  failures: Map<string, number>;
  /** When set, the API answers 403 with GitHub's rate-limit headers. */
  rateLimited: boolean;
  /** When set, /releases wants this Authorization header (a private mirror behind .netrc). */
  requireAuthorization?: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

function apiRelease(base: string, repo: string, tag: string, r: ServedRelease, id: number) {
  return {
    url: `${base}/api/repos/${repo}/releases/${id}`,
    html_url: `https://github.com/${repo}/releases/tag/${tag}`,
    id,
    tag_name: tag,
    target_commitish: "main",
    name: tag,
    draft: r.draft ?? false,
    prerelease: r.prerelease ?? false,
    created_at: "2024-01-01T00:00:00Z",
    published_at: "2024-01-01T00:00:00Z",
    assets: [...r.files].map(([name, data], i) => ({
      url: `${base}/api/repos/${repo}/releases/assets/${id * 100 + i}`,
      id: id * 100 + i,
      name,
      content_type: name.endsWith(".zip") ? "application/zip" : "application/octet-stream",
      state: "uploaded",
      size: data.length,
      browser_download_url: `${base}/github/${repo}/releases/download/${tag}/${name}`,
    })),
  };
}

function handle(server: ReleaseServer, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", server.url);
  server.requests.push({ path: url.pathname + url.search, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
  const failure = server.failures.get(url.pathname);
  if (failure) return send(res, failure, `failure ${failure}`);
  let m = /^\/api\/repos\/([^/]+\/[^/]+)\/releases$/.exec(url.pathname);
  if (m) {
    if (server.rateLimited) {
      const reset = String(Math.floor(Date.now() / 1000) + 600);
      return send(res, 403, JSON.stringify({ message: "API rate limit exceeded" }), { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });
    }
    const repo = m[1]!;
    const releases = [...(server.github.get(repo) ?? new Map<string, ServedRelease>())];
    if (!server.github.has(repo)) return send(res, 404, JSON.stringify({ message: "Not Found" }));
    const page = Number(url.searchParams.get("page") ?? "1");
    const slice = releases.slice((page - 1) * server.pageSize, page * server.pageSize);
    const body = JSON.stringify(slice.map(([tag, r], i) => apiRelease(server.url, repo, tag, r, (page - 1) * server.pageSize + i + 1)));
    const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
    if (page * server.pageSize < releases.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      headers["Link"] = `<${next.href}>; rel="next", <${next.href}>; rel="last"`;
    }
    return send(res, 200, body, headers);
  }
  m = /^\/github\/([^/]+\/[^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (m) {
    const file = server.github.get(m[1]!)?.get(m[2]!)?.files.get(m[3]!);
    return file ? send(res, 200, file) : send(res, 404, "Not Found");
  }
  if (server.requireAuthorization && url.pathname.startsWith("/releases/") && req.headers.authorization !== server.requireAuthorization) {
    return send(res, 401, "Unauthorized");
  }
  m = /^\/releases\/([^/]+)\/index\.json$/.exec(url.pathname);
  if (m && server.site.has(m[1]!)) {
    const versions = Object.fromEntries(
      [...server.site.get(m[1]!)!].map(([v, r]) => [
        v,
        {
          name: m![1],
          version: v,
          shasums: `${m![1]}_${v}_SHA256SUMS`,
          builds: [...r.files.keys()].filter((f) => f.endsWith(".zip")).map((filename) => ({ filename })),
        },
      ]),
    );
    return send(res, 200, JSON.stringify({ name: m[1], versions }), { "Content-Type": "application/json" });
  }
  m = /^\/releases\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  const file = m ? server.site.get(m[1]!)?.get(m[2]!)?.files.get(m[3]!) : undefined;
  return file ? send(res, 200, file) : send(res, 404, "Not Found");
}

/** Starts a server on 127.0.0.1 (a free port). */
export async function startReleaseServer(): Promise<ReleaseServer> {
  const server: ReleaseServer = {
    url: "",
    site: new Map(),
    github: new Map(),
    pageSize: 30,
    requests: [],
    failures: new Map(),
    rateLimited: false,
    close: () => new Promise((done) => http.close(() => done())),
  };
  const http: Server = createServer((req, res) => handle(server, req, res));
  await new Promise<void>((ready) => http.listen(0, "127.0.0.1", ready));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}
