import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { makeTestKey } from "../../testing/openpgp-sign.ts";
import { HASHICORP_KEY } from "./keys.ts";
import { dearmor, OpenPgpError, readKeyring, verifyDetached } from "./openpgp.ts";

const testdata = join(import.meta.dirname, "testdata");

describe("HashiCorp's pinned release key", () => {
  const keyring = readKeyring(HASHICORP_KEY.armored);

  test("reads as GnuPG reads it: one primary key and its two signing subkeys", () => {
    expect(keyring.keys.map((k) => [k.primary.fingerprint, k.userIds])).toEqual([
      [HASHICORP_KEY.fingerprint, ["HashiCorp Security (hashicorp.com/security) <security@hashicorp.com>"]],
    ]);
    expect([...keyring.keys[0]!.subkeys.keys()].sort()).toEqual(["B0B441097685B676", "C820C6D5CD27AB87"]);
    // The 2026 self-signature (newest) sets the primary key's expiry: 2030-03-01, as gpg shows.
    const v = keyring.keys[0]!.validity;
    expect(new Date((v.created + v.expires!) * 1000).toISOString().slice(0, 10)).toBe("2030-03-01");
  });

  // A real release: terraform-provider-null 3.1.0's SHA256SUMS and .sig from releases.hashicorp.com
  // (as quoted in hashicorp/terraform internal/getproviders/package_authentication_test.go),
  // signed in 2021 by the subkey B0B441097685B676, which expired in 2022: valid when signed.
  const sums = readFileSync(join(testdata, "terraform-provider-null_3.1.0_SHA256SUMS"));
  const sig = readFileSync(join(testdata, "terraform-provider-null_3.1.0_SHA256SUMS.sig"));

  test("verifies a real HashiCorp release signature", () => {
    const result = verifyDetached(keyring, sums, sig);
    expect(result).toMatchObject({ status: "verified", keyId: "B0B441097685B676", primaryKeyId: "34365D9472D7468F" });
    expect(result.status === "verified" && result.created.toISOString()).toBe("2021-04-22T17:16:54.000Z");
  });

  test("rejects the same signature over a changed SHA256SUMS", () => {
    const changed = Buffer.from(sums.toString("utf8").replace("53e30545", "53e30546"));
    expect(verifyDetached(keyring, changed, sig)).toMatchObject({ status: "bad", keyId: "B0B441097685B676" });
  });

  test("rejects a damaged signature value", () => {
    const damaged = Buffer.from(sig);
    damaged[damaged.length - 5]! ^= 0x01;
    const result = verifyDetached(keyring, sums, damaged);
    expect(result).toMatchObject({ status: "bad", message: expect.stringMatching(/does not verify|does not match/) });
  });
});

describe("test keys made here", () => {
  const data = Buffer.from("abc  packer-plugin-x_1.0.0_linux_amd64.zip\n");

  test("a primary key that signs", () => {
    const key = makeTestKey();
    const keyring = readKeyring(key.armored);
    expect(verifyDetached(keyring, data, key.sign(data))).toMatchObject({ status: "verified", keyId: key.signingKeyId });
  });

  test("a signing subkey bound to its primary key, like HashiCorp's", () => {
    const key = makeTestKey({ subkey: true });
    const keyring = readKeyring(key.armored);
    const result = verifyDetached(keyring, data, key.sign(data, { hash: "sha512" }));
    expect(result).toMatchObject({ status: "verified", keyId: key.signingKeyId });
  });

  test("a signature by another key is unknown, not bad", () => {
    const trusted = makeTestKey();
    const other = makeTestKey();
    expect(verifyDetached(readKeyring(trusted.armored), data, other.sign(data))).toMatchObject({ status: "unknown-key", issuers: [other.signingKeyId] });
  });

  test("SHA-1 signatures are refused", () => {
    const key = makeTestKey();
    expect(verifyDetached(readKeyring(key.armored), data, key.sign(data, { hash: "sha1" }))).toMatchObject({
      status: "bad",
      message: expect.stringContaining("SHA-1"),
    });
  });

  test("a signature made after the signing key expired is bad", () => {
    const created = Math.floor(Date.now() / 1000) - 10_000;
    const key = makeTestKey({ subkey: true, created, expiresAfter: 100 });
    const result = verifyDetached(readKeyring(key.armored), data, key.sign(data));
    expect(result).toMatchObject({ status: "bad", message: expect.stringContaining("had expired") });
  });

  test("a text signature (0x01) hashes the data with CRLF line ends", () => {
    const key = makeTestKey();
    const crlf = Buffer.from(data.toString().replace(/\n/g, "\r\n"));
    expect(verifyDetached(readKeyring(key.armored), data, key.sign(crlf, { type: 0x01 }))).toMatchObject({ status: "verified" });
  });

  test("a damaged armor checksum is an error, not a key", () => {
    const key = makeTestKey();
    const damaged = key.armored.replace(/\n=(....)\n/, (_m, sum: string) => `\n=${sum === "AAAA" ? "AAAB" : "AAAA"}\n`);
    expect(() => dearmor(damaged)).toThrow(OpenPgpError);
  });
});

// GnuPG's own packets (made here by gpg, when it is installed) verify as gpgv verifies them.
const gpg = (() => {
  try {
    execFileSync("gpg", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!gpg)("interoperability with GnuPG (skipped: no gpg on PATH)", () => {
  test("a key and a detached signature made by gpg", () => {
    const home = mkdtempSync(join(tmpdir(), "gpg-"));
    const env = { ...process.env, GNUPGHOME: home };
    const run = (args: string[], input?: string) =>
      execFileSync("gpg", ["--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", "", ...args], { env, input });
    run(["--quick-generate-key", "rules_packer TEST KEY <test@example.invalid>", "rsa3072", "cert", "never"]);
    const fpr = /fpr:+([0-9A-F]{40}):/.exec(run(["--with-colons", "--list-keys"]).toString())![1]!;
    run(["--quick-add-key", fpr, "rsa3072", "sign", "1y"]);
    const file = join(home, "SHA256SUMS");
    writeFileSync(file, "0123  packer_1.0.0_linux_amd64.zip\n");
    run(["--detach-sign", "--digest-algo", "SHA256", file]);
    const keyring = readKeyring(run(["--armor", "--export", fpr]).toString());
    const result = verifyDetached(keyring, readFileSync(file), readFileSync(`${file}.sig`));
    expect(result).toMatchObject({ status: "verified", primaryKeyId: fpr.slice(-16) });
    expect(verifyDetached(keyring, Buffer.from("changed"), readFileSync(`${file}.sig`)).status).toBe("bad");
  });
});
