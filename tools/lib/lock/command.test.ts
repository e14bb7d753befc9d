/**
 * The lock command against a real HTTP server on 127.0.0.1 (tools/testing/release-server.ts)
 * that serves GitHub's release API (with Link paging), GitHub release downloads and HashiCorp's
 * release site layout, with zips, SHA256SUMS and signatures made with a test key.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { runCaptured } from "../io.ts";
import { makeTestKey, type TestKey } from "../../testing/openpgp-sign.ts";
import { githubRelease, packerRelease, PLATFORMS, sha256, siteRelease, startReleaseServer, type ReleaseServer } from "../../testing/release-server.ts";
import { hostPlatform, main } from "./command.ts";

let server: ReleaseServer;
let key: TestKey;
let keyFile: string;
let ws: string;

beforeAll(async () => {
  server = await startReleaseServer();
  key = makeTestKey({ subkey: true, name: "Test Publisher" });
  keyFile = join(mkdtempSync(join(tmpdir(), "lock-key-")), "test.asc");
  writeFileSync(keyFile, key.armored);
});
afterAll(() => server.close());

beforeEach(() => {
  server.site.clear();
  server.github.clear();
  server.failures.clear();
  server.requests.length = 0;
  server.rateLimited = false;
  server.pageSize = 30;
  delete server.requireAuthorization;
  ws = mkdtempSync(join(tmpdir(), "lock-ws-"));
});

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ready) => s.listen(0, "127.0.0.1", ready));
  const port = (s.address() as { port: number }).port;
  await new Promise((done) => s.close(done));
  return port;
}

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(ws, rel)), { recursive: true });
  writeFileSync(join(ws, rel), text);
}

const template = (plugins: Record<string, [string, string | undefined]>, requiredVersion?: string) =>
  [
    "packer {",
    ...(requiredVersion ? [`  required_version = "${requiredVersion}"`] : []),
    "  required_plugins {",
    ...Object.entries(plugins).flatMap(([name, [source, version]]) => [
      `    ${name} = {`,
      `      source  = "${source}"`,
      ...(version === undefined ? [] : [`      version = "${version}"`]),
      "    }",
    ]),
    "  }",
    "}",
    "",
  ].join("\n");

const SITE = () => `${server.url}/releases/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip`;

function lock(args: string[], env: Record<string, string> = {}) {
  return runCaptured(main, [...args], ws, { HOME: ws, BUILD_WORKSPACE_DIRECTORY: ws, ...env });
}
const lockFile = () => JSON.parse(readFileSync(join(ws, "packer.lock.json"), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function serveSite(name: string, versions: string[], signer: TestKey | null = key): void {
  server.site.set(`packer-plugin-${name}`, new Map(versions.map((v) => [v, siteRelease(name, v, signer ?? undefined)])));
}

describe("lock: HashiCorp's plugins, release-site layout (a mirror on 127.0.0.1)", () => {
  test("picks the newest release every template allows, records sums, urls and the verified signature", async () => {
    serveSite("amazon", ["1.0.0", "1.1.0", "1.2.3", "1.3.0-beta", "1.3.0", "2.0.0"]);
    write("images/a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", ">= 1.1"] }));
    write("images/b.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", "< 1.3.0"] }));
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const entry = lockFile()["plugins"]["github.com/hashicorp/amazon"];
    expect(entry.version).toBe("1.2.3");
    expect(entry.constraints).toEqual(["< 1.3.0", ">= 1.1"]);
    expect(Object.keys(entry.sha256)).toEqual(PLATFORMS);
    expect(entry.sha256["linux_arm64"]).toBe(
      sha256(server.site.get("packer-plugin-amazon")!.get("1.2.3")!.files.get("packer-plugin-amazon_1.2.3_linux_arm64.zip")!),
    );
    expect(entry.urls).toEqual([SITE()]);
    expect(entry.sha256sums).toBe(`${server.url}/releases/packer-plugin-amazon/1.2.3/packer-plugin-amazon_1.2.3_SHA256SUMS`);
    expect(entry.signature).toMatchObject({ verified: true, key: key.signingKeyId, url: `${entry.sha256sums}.sig` });
    expect(r.out).toContain("github.com/hashicorp/amazon 1.2.3: the newest of 2 allowed of 6 releases");
    expect(r.out).toContain("wrote packer.lock.json: 1 plugin");
  });

  test("keeps a locked version the constraints still allow; --upgrade moves to the newest", async () => {
    serveSite("amazon", ["1.1.0"]);
    write("a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", "~> 1.1"] }));
    expect((await lock(["--urls", SITE(), "--key", keyFile])).code).toBe(0);
    serveSite("amazon", ["1.1.0", "1.4.0"]);
    const before = server.requests.length;
    const kept = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(kept.out).toContain("github.com/hashicorp/amazon 1.1.0: kept");
    expect(kept.out).toContain("packer.lock.json is up to date");
    expect(server.requests.length).toBe(before); // no network for a kept plugin
    expect((await lock(["--urls", SITE(), "--key", keyFile, "--upgrade"])).code).toBe(0);
    expect(lockFile()["plugins"]["github.com/hashicorp/amazon"].version).toBe("1.4.0");
  });

  test("a pre-release is chosen only by a constraint that names it", async () => {
    serveSite("amazon", ["1.2.0", "1.3.0-beta.1"]);
    write("a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", ">= 1.3.0-alpha"] }));
    expect((await lock(["--urls", SITE(), "--key", keyFile])).code).toBe(0);
    expect(lockFile()["plugins"]["github.com/hashicorp/amazon"].version).toBe("1.3.0-beta.1");
  });
});

// One describe block (over 80 lines) for every bad input: they share the lock file they must not touch.
describe("lock: bad input leaves the lock file untouched", () => {
  const before = '{"lock_version": 1, "plugins": {}}\n';
  beforeEach(() => {
    write("packer.lock.json", before);
    write("images/a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", ">= 1.1"] }));
  });
  const untouched = () => expect(readFileSync(join(ws, "packer.lock.json"), "utf8")).toBe(before);

  test("a constraint no release meets names the template, the constraint and the newest release", async () => {
    serveSite("amazon", ["1.0.0", "1.0.5"]);
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `error: github.com/hashicorp/amazon: images/a.pkr.hcl:5:17: amazon = ">= 1.1" allows none of the 2 releases of github.com/hashicorp/amazon (${server.url}/releases/packer-plugin-amazon/index.json); the newest is 1.0.5`,
    );
    expect(r.err).toContain("packer.lock.json was not changed.");
    untouched();
  });

  test("constraints that conflict name every template and constraint", async () => {
    serveSite("amazon", ["1.1.0", "1.5.0"]);
    write("images/b.pkr.hcl", template({ aws: ["github.com/hashicorp/amazon", "< 1.1"] }));
    write("images/c.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", "1.1.0"] }));
    serveSite("amazon", ["1.0.0", "1.1.0", "1.5.0"]);
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("the templates' constraints on github.com/hashicorp/amazon conflict: no release meets them all");
    expect(r.err).toContain('images/a.pkr.hcl:5:17: amazon = ">= 1.1" (newest it allows: 1.5.0)');
    expect(r.err).toContain('images/b.pkr.hcl:5:17: aws = "< 1.1" (newest it allows: 1.0.0)');
    untouched();
  });

  test("a signature that does not match the SHA256SUMS", async () => {
    serveSite("amazon", ["1.1.0"]);
    const files = server.site.get("packer-plugin-amazon")!.get("1.1.0")!.files;
    files.set("packer-plugin-amazon_1.1.0_SHA256SUMS", Buffer.from(files.get("packer-plugin-amazon_1.1.0_SHA256SUMS")!.toString().replace(/^./, "0")));
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the signature .*packer-plugin-amazon_1\.1\.0_SHA256SUMS\.sig of .* does not verify with Test Publisher/);
    untouched();
  });

  test("HashiCorp's plugins need a signature by a trusted key", async () => {
    serveSite("amazon", ["1.1.0"], makeTestKey());
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("which is not among the trusted keys (HashiCorp's key 34365D9472D7468F is expected)");
    untouched();
  });

  test("HashiCorp's plugins: a mirror without the .sig fails", async () => {
    serveSite("amazon", ["1.1.0"], null);
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.err).toContain("packer-plugin-amazon_1.1.0_SHA256SUMS.sig is missing: HashiCorp signs every release's SHA256SUMS");
    untouched();
  });

  test("a zip that does not match SHA256SUMS", async () => {
    serveSite("amazon", ["1.1.0"]);
    const host = hostPlatform();
    server.site.get("packer-plugin-amazon")!.get("1.1.0")!.files.set(`packer-plugin-amazon_1.1.0_${host}.zip`, Buffer.from("not the zip"));
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `checksum mismatch for packer-plugin-amazon_1.1.0_${host}.zip from ${server.url}/releases/packer-plugin-amazon/1.1.0/packer-plugin-amazon_1.1.0_${host}.zip`,
    );
    untouched();
  });

  test("no network: the message names the URL and what to set; exit 2", async () => {
    const port = await closedPort();
    const closed = `http://127.0.0.1:${port}/packer-plugin-{name}/{version}/packer-plugin-{name}_{version}_{platform}.zip`;
    const r = await lock(["--urls", closed]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`could not reach http://127.0.0.1:${port}/packer-plugin-amazon/index.json (ECONNREFUSED)`);
    expect(r.err).toContain(
      "--urls TEMPLATE for plugins, --packer-urls TEMPLATE for Packer, --github-api URL for GitHub's API; credentials in ~/.netrc or $NETRC",
    );
    untouched();
  });

  test("a failing mirror: the URL and its answer", async () => {
    serveSite("amazon", ["1.1.0"]);
    server.failures.set("/releases/packer-plugin-amazon/1.1.0/packer-plugin-amazon_1.1.0_SHA256SUMS", 500);
    const r = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${server.url}/releases/packer-plugin-amazon/1.1.0/packer-plugin-amazon_1.1.0_SHA256SUMS answered HTTP 500`);
    untouched();
  });

  test("a lock file edited by hand into an invalid state is reported at its line", async () => {
    write("packer.lock.json", '{\n  "lock_version": 1,\n  "plugins": {\n    "github.com/hashicorp/amazon": {\n      "version": "one"\n    }\n  }\n}\n');
    const r = await lock(["--check"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('packer.lock.json:5:18: error LOCK-05: github.com/hashicorp/amazon: "version" must be a version such as "1.8.1" (got "one")');
  });
});

describe("lock: GitHub-hosted plugins", () => {
  function serveGithub(versions: string[], signer?: TestKey) {
    // GitHub lists newest first.
    server.github.set("acme/packer-plugin-fake", new Map(versions.reverse().map((v) => [`v${v}`, githubRelease("fake", v, signer)])));
  }

  test("lists every page of releases (Link headers), skips drafts, derives the zip template", async () => {
    server.pageSize = 2;
    serveGithub(["0.1.0", "0.2.0", "0.2.1", "0.3.0", "1.0.0"]);
    server.github.get("acme/packer-plugin-fake")!.get("v1.0.0")!.draft = true;
    write("t.pkr.hcl", template({ fake: ["github.com/acme/fake", ">= 0.2"] }));
    const r = await lock(["--github-api", `${server.url}/api`]);
    expect(r.err).toBe("");
    const entry = lockFile()["plugins"]["github.com/acme/fake"];
    expect(entry.version).toBe("0.3.0");
    expect(server.requests.filter((q) => q.path.startsWith("/api/")).map((q) => q.path)).toEqual([
      "/api/repos/acme/packer-plugin-fake/releases?per_page=100",
      "/api/repos/acme/packer-plugin-fake/releases?per_page=100&page=2",
      "/api/repos/acme/packer-plugin-fake/releases?per_page=100&page=3",
    ]);
    expect(entry.urls).toEqual([
      `${server.url}/github/acme/packer-plugin-fake/releases/download/v{version}/packer-plugin-{name}_v{version}_x5.0_{os}_{arch}.zip`,
    ]);
    expect(entry.signature).toEqual({ verified: false, reason: "the release publishes no signature of its SHA256SUMS" });
    expect(r.out).toContain('github.com/acme/fake 0.3.0: the newest of 3 allowed of 4 releases (">= 0.2" at t.pkr.hcl:5:17)');
  });

  test("a signature by a key given with --key is verified; by an unknown key, recorded as not verified", async () => {
    serveGithub(["0.1.0"], key);
    write("t.pkr.hcl", template({ fake: ["github.com/acme/fake", undefined] }));
    expect((await lock(["--github-api", `${server.url}/api`, "--key", keyFile])).code).toBe(0);
    expect(lockFile()["plugins"]["github.com/acme/fake"].signature).toMatchObject({ verified: true, key: key.signingKeyId });
    const r = await lock(["--github-api", `${server.url}/api`, "--upgrade"]);
    expect(r.code).toBe(0);
    expect(lockFile()["plugins"]["github.com/acme/fake"].signature.reason).toContain(
      `signed by key ${key.signingKeyId}, which is not among the trusted keys; add the publisher's key with --key FILE`,
    );
  });

  test("the token goes to the API only; the rate limit message says what to set", async () => {
    serveGithub(["0.1.0"]);
    write("t.pkr.hcl", template({ fake: ["github.com/acme/fake", "0.1.0"] }));
    expect((await lock(["--github-api", `${server.url}/api`], { PACKER_GITHUB_API_TOKEN: "packer-tok" })).code).toBe(0);
    expect(server.requests.find((q) => q.path.startsWith("/api/"))?.authorization).toBe("Bearer packer-tok");
    // The API as localhost, the downloads (browser_download_url) on 127.0.0.1: two hosts.
    server.requests.length = 0;
    const apiHost = `localhost:${new URL(server.url).port}`;
    const r = await lock(["--github-api", `http://${apiHost}/api`, "--upgrade"], { GITHUB_TOKEN: "tok" });
    expect(r.code).toBe(0);
    const api = server.requests.filter((q) => q.path.startsWith("/api/"));
    const downloads = server.requests.filter((q) => q.path.startsWith("/github/"));
    expect(api.map((q) => q.authorization)).toEqual(["Bearer tok"]);
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((q) => q.authorization === undefined)).toBe(true);
    server.rateLimited = true;
    const limited = await lock(["--github-api", `${server.url}/api`, "--upgrade"]);
    expect(limited.err).toMatch(/answered HTTP 403 Forbidden: GitHub's API rate limit is used up until .*; set GITHUB_TOKEN \(or PACKER_GITHUB_API_TOKEN\)/);
  });

  test("a HashiCorp plugin the release site does not have comes from its GitHub releases, as packer init falls back", async () => {
    server.github.set("hashicorp/packer-plugin-hashicups", new Map([["v1.0.2", githubRelease("hashicups", "1.0.2")]]));
    write("t.pkr.hcl", template({ hashicups: ["github.com/hashicorp/hashicups", ">= 1.0"] }));
    const r = await lock(["--urls", SITE(), "--github-api", `${server.url}/api`]);
    expect(r.err).toBe("");
    expect(server.requests[0]!.path).toBe("/releases/packer-plugin-hashicups/index.json");
    const entry = lockFile()["plugins"]["github.com/hashicorp/hashicups"];
    expect(entry.version).toBe("1.0.2");
    expect(entry.sha256sums).toBe(`${server.url}/github/hashicorp/packer-plugin-hashicups/releases/download/v1.0.2/packer-plugin-hashicups_v1.0.2_SHA256SUMS`);
  });

  test("a source not on github.com needs a mirror", async () => {
    write("t.pkr.hcl", template({ fake: ["example.com/acme/fake", "0.1.0"] }));
    const r = await lock([]);
    expect(r.err).toContain(
      "example.com/acme/fake: lock finds releases on github.com only; give a mirror for example.com/acme/fake: --urls example.com/acme/fake=",
    );
  });
});

describe("lock: mirrors with credentials, Packer itself, the template walk", () => {
  test(".netrc credentials go to a private mirror", async () => {
    serveSite("amazon", ["1.1.0"]);
    server.requireAuthorization = `Basic ${Buffer.from("me:secret").toString("base64")}`;
    write("a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", "~> 1.1"] }));
    const denied = await lock(["--urls", SITE(), "--key", keyFile]);
    expect(denied.err).toContain("answered HTTP 401 Unauthorized (credentials for a private mirror go in ~/.netrc or the file $NETRC names)");
    write("netrc", "machine 127.0.0.1\n  login me\n  password secret\n");
    expect((await lock(["--urls", SITE(), "--key", keyFile], { NETRC: join(ws, "netrc") })).code).toBe(0);
    // Credentials in the URL work too, and never reach the lock file.
    const withLogin = SITE().replace("http://", "http://me:secret@");
    expect((await lock(["--urls", withLogin, "--key", keyFile, "--upgrade"])).code).toBe(0);
    expect(readFileSync(join(ws, "packer.lock.json"), "utf8")).not.toContain("secret");
    expect(lockFile()["plugins"]["github.com/hashicorp/amazon"].urls).toEqual([SITE()]);
  });

  test("--packer VERSION locks a Packer release's checksums, every platform, signature verified", async () => {
    server.site.set("packer", new Map([["1.99.0", packerRelease("1.99.0", key)]]));
    write("a.pkr.hcl", template({}, ">= 1.10"));
    const r = await lock(["--packer", "1.99.0", "--packer-urls", `${server.url}/releases/packer/{version}/packer_{version}_{platform}.zip`, "--key", keyFile]);
    expect(r.err).toBe("");
    const packer = lockFile()["packer"];
    expect(packer.version).toBe("1.99.0");
    expect(Object.keys(packer.sha256)).toEqual(PLATFORMS);
    expect(packer.signature.verified).toBe(true);
    expect(r.out).toContain("Packer 1.99.0: 5 platforms; SHA256SUMS signature verified (Test Publisher <test@example.invalid> (subkey");
    write("b.pkr.hcl", template({}, "< 1.99"));
    const check = await lock(["--check"]);
    expect(check.code).toBe(1);
    expect(check.err).toContain('b.pkr.hcl:2:22: error LOCK-03: required_version "< 1.99" does not allow Packer 1.99.0, the version packer.lock.json:5 locks');
  });

  test("the walk honours .bazelignore and skips hidden directories; paths on the command line replace it", async () => {
    serveSite("amazon", ["1.1.0"]);
    write("images/a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", "~> 1.1"] }));
    write("e2e/broken.pkr.hcl", "packer {");
    write(".cache/x.pkr.hcl", "packer {");
    write(".bazelignore", "# nested modules\ne2e/\n");
    expect((await lock(["--urls", SITE(), "--key", keyFile])).code).toBe(0);
    const r = await lock(["--check", "e2e"]);
    expect(r.err).toMatch(/^e2e\/broken\.pkr\.hcl:1:\d+: error: the template does not parse/);
  });
});

describe("lock --check", () => {
  beforeEach(async () => {
    serveSite("amazon", ["1.1.0", "1.2.0"]);
    write("images/a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", "~> 1.1"] }));
    expect((await lock(["--urls", SITE(), "--key", keyFile])).code).toBe(0);
  });

  test("passes when the lock meets every constraint", async () => {
    const r = await lock(["--check"]);
    expect(r).toEqual({ code: 0, out: "packer.lock.json: 1 plugin meets the constraints of 1 template\n", err: "" });
  });

  test("a constraint the locked version does not meet: template file:line and the lock's line", async () => {
    write("images/a.pkr.hcl", template({ amazon: ["github.com/hashicorp/amazon", ">= 1.5"] }));
    const r = await lock(["--check"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'images/a.pkr.hcl:5:17: error LOCK-02: amazon ">= 1.5" does not allow github.com/hashicorp/amazon 1.2.0, the version packer.lock.json:6 locks ' +
        "(run `bazel run @rules_packer//tools:cli -- lock` to pick a release the constraints allow, or change the constraint)\n",
    );
  });

  test("a plugin missing from the lock; a locked plugin nobody requires is a warning", async () => {
    write("images/a.pkr.hcl", template({ fake: ["github.com/acme/fake", "~> 1.0"] }));
    const r = await lock(["--check"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('images/a.pkr.hcl:5:17: error LOCK-01: fake "~> 1.0": github.com/acme/fake is not in packer.lock.json');
    expect(r.out).toContain("packer.lock.json:5:5: warning LOCK-04: github.com/hashicorp/amazon is locked but no template requires it");
  });

  test("no lock file at all", async () => {
    const r = await lock(["--check", "--lock", "other.lock.json"]);
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining("other.lock.json: error LOCK-01: the lock file does not exist") });
  });
});
