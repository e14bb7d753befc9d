/**
 * A test OpenPGP signer: RSA keys made with node:crypto in the test, written as version 4
 * packets (RFC 4880), and detached signatures of files, so the lock command's verification can
 * be tested against signatures nobody committed. The keys are TEST KEYS: made per test run,
 * never trusted by anything but the tests that make them.
 */
import { createHash, generateKeyPairSync, sign as cryptoSign, type KeyObject } from "node:crypto";

export interface TestKey {
  /** The armored public key block (primary key, user id, and the signing subkey if any). */
  armored: string;
  /** The key id that signs documents (the subkey's when there is one). */
  signingKeyId: string;
  /** Detached binary signature of `data` (what a `.sig` file holds). */
  sign(data: Buffer, options?: { created?: number; hash?: "sha256" | "sha512" | "sha1"; type?: number }): Buffer;
}

function mpi(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  const bits = (trimmed.length - 1) * 8 + (32 - Math.clz32(trimmed[0]!));
  return Buffer.concat([Buffer.from([bits >> 8, bits & 0xff]), trimmed]);
}

function packet(tag: number, body: Buffer): Buffer {
  // New-format header with a four-octet length: valid for every size.
  const head = Buffer.alloc(6);
  head[0] = 0xc0 | tag;
  head[1] = 0xff;
  head.writeUInt32BE(body.length, 2);
  return Buffer.concat([head, body]);
}

function keyBody(pub: KeyObject, created: number): Buffer {
  const jwk = pub.export({ format: "jwk" });
  const head = Buffer.alloc(6);
  head[0] = 4;
  head.writeUInt32BE(created, 1);
  head[5] = 1; // RSA
  return Buffer.concat([head, mpi(Buffer.from(jwk.n!, "base64url")), mpi(Buffer.from(jwk.e!, "base64url"))]);
}

function fingerprint(body: Buffer): Buffer {
  return createHash("sha1")
    .update(Buffer.from([0x99, body.length >> 8, body.length & 0xff]))
    .update(body)
    .digest();
}

function subpacket(type: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([data.length + 1, type]), data]);
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

const HASH_IDS = { sha1: 2, sha256: 8, sha512: 10 } as const;

/** A version 4 signature packet body over `prefix` (+ hashed part + trailer). */
function signatureBody(
  priv: KeyObject,
  issuerFpr: Buffer,
  type: number,
  prefix: Buffer[],
  opts: { created: number; hash?: keyof typeof HASH_IDS; extra?: Buffer[]; unhashed?: Buffer[] },
): Buffer {
  const hash = opts.hash ?? "sha256";
  const hashedSubs = Buffer.concat([subpacket(2, u32(opts.created)), subpacket(33, Buffer.concat([Buffer.from([4]), issuerFpr])), ...(opts.extra ?? [])]);
  const hashedPart = Buffer.concat([Buffer.from([4, type, 1, HASH_IDS[hash], hashedSubs.length >> 8, hashedSubs.length & 0xff]), hashedSubs]);
  const trailer = Buffer.concat([Buffer.from([4, 0xff]), u32(hashedPart.length)]);
  const input = Buffer.concat([...prefix, hashedPart, trailer]);
  const left16 = createHash(hash).update(input).digest().subarray(0, 2);
  const value = cryptoSign(hash, input, priv);
  const unhashed = Buffer.concat([subpacket(16, issuerFpr.subarray(12)), ...(opts.unhashed ?? [])]);
  return Buffer.concat([hashedPart, Buffer.from([unhashed.length >> 8, unhashed.length & 0xff]), unhashed, left16, mpi(value)]);
}

function frame(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x99, body.length >> 8, body.length & 0xff]), body]);
}

function armor(data: Buffer, what: string): string {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  const b64 = data.toString("base64").replace(/(.{64})/g, "$1\n");
  const sum = Buffer.from([(crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]).toString("base64");
  return `-----BEGIN PGP ${what}-----\n\n${b64}\n=${sum}\n-----END PGP ${what}-----\n`;
}

/**
 * Makes a test key: an RSA primary key with a user id, and (with `subkey`) a signing subkey
 * bound to it, as HashiCorp's key is. `expiresAfter` sets the signing key's expiration (seconds).
 */
export function makeTestKey(opts: { name?: string; subkey?: boolean; created?: number; expiresAfter?: number; bits?: number } = {}): TestKey {
  const created = opts.created ?? Math.floor(Date.now() / 1000) - 3600;
  const bits = opts.bits ?? 2048;
  const primary = generateKeyPairSync("rsa", { modulusLength: bits });
  const primaryBody = keyBody(primary.publicKey, created);
  const primaryFpr = fingerprint(primaryBody);
  const uid = Buffer.from(`${opts.name ?? "rules_packer TEST KEY"} <test@example.invalid>`, "utf8");
  const uidFrame = Buffer.concat([Buffer.from([0xb4]), u32(uid.length), uid]);
  const primaryFlags = opts.subkey ? 0x01 : 0x03;
  const keyExp = !opts.subkey && opts.expiresAfter ? [subpacket(9, u32(opts.expiresAfter))] : [];
  const cert = signatureBody(primary.privateKey, primaryFpr, 0x13, [frame(primaryBody), uidFrame], {
    created,
    hash: "sha512",
    extra: [subpacket(27, Buffer.from([primaryFlags])), ...keyExp],
  });
  const parts = [packet(6, primaryBody), packet(13, uid), packet(2, cert)];
  let signer = { priv: primary.privateKey, fpr: primaryFpr };
  if (opts.subkey) {
    const sub = generateKeyPairSync("rsa", { modulusLength: bits });
    const subBody = keyBody(sub.publicKey, created);
    const subFpr = fingerprint(subBody);
    const prefix = [frame(primaryBody), frame(subBody)];
    const back = signatureBody(sub.privateKey, subFpr, 0x19, prefix, { created, hash: "sha512" });
    const subExp = opts.expiresAfter ? [subpacket(9, u32(opts.expiresAfter))] : [];
    // The back-signature goes in the hashed area as an embedded signature (subpacket 32).
    const embedded = twoOctetSubpacket(32, back);
    const bindingWithBack = signatureBody(primary.privateKey, primaryFpr, 0x18, prefix, {
      created,
      hash: "sha512",
      extra: [subpacket(27, Buffer.from([0x02])), ...subExp, embedded],
    });
    parts.push(packet(14, subBody), packet(2, bindingWithBack));
    signer = { priv: sub.privateKey, fpr: subFpr };
  }
  const armored = armor(Buffer.concat(parts), "PUBLIC KEY BLOCK");
  return {
    armored,
    signingKeyId: signer.fpr.subarray(12).toString("hex").toUpperCase(),
    sign(data, o = {}) {
      const body = signatureBody(signer.priv, signer.fpr, o.type ?? 0x00, [data], {
        created: o.created ?? Math.floor(Date.now() / 1000),
        hash: o.hash ?? "sha256",
      });
      return packet(2, body);
    },
  };
}

/** A subpacket with a two- or five-octet length (for the embedded back-signature). */
function twoOctetSubpacket(type: number, data: Buffer): Buffer {
  const len = data.length + 1;
  if (len < 192) return Buffer.concat([Buffer.from([len, type]), data]);
  if (len < 8384) {
    const l = len - 192;
    return Buffer.concat([Buffer.from([(l >> 8) + 192, l & 0xff, type]), data]);
  }
  return Buffer.concat([Buffer.from([255]), u32(len), Buffer.from([type]), data]);
}
