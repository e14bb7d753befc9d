/**
 * Verifies detached OpenPGP signatures (RFC 4880 version 4 packets) with node:crypto, for the
 * `…_SHA256SUMS.sig` files HashiCorp publishes beside each Packer and plugin release.
 *
 * What it checks, as GnuPG's gpgv does for a detached signature: the signature packet's hash
 * over the data and its hashed subpackets; the RSA PKCS#1 v1.5 signature by the issuer key; that
 * the issuer is the pinned primary key or one of its subkeys bound to it by a valid binding
 * signature (and, for a signing subkey, the subkey's own back-signature); that neither key was
 * revoked, and that both were within their validity (creation and key expiration time from the
 * newest valid self-signature) when the signature was made. RSA keys with SHA-2 hashes only:
 * that is what HashiCorp's release key and signatures use. Anything else is reported, never
 * accepted.
 */
import { createHash, createPublicKey, verify as cryptoVerify, constants, type KeyObject } from "node:crypto";

const TAG_SIGNATURE = 2;
const TAG_PUBLIC_KEY = 6;
const TAG_USER_ID = 13;
const TAG_PUBLIC_SUBKEY = 14;

const HASHES: Record<number, string> = { 8: "sha256", 9: "sha384", 10: "sha512", 11: "sha224" };
const HASH_NAMES: Record<number, string> = { 1: "MD5", 2: "SHA-1", 3: "RIPEMD-160", 8: "SHA-256", 9: "SHA-384", 10: "SHA-512", 11: "SHA-224" };

interface Packet {
  tag: number;
  body: Buffer;
}

/** A malformed key or signature file: the reason, for messages. */
export class OpenPgpError extends Error {
  override name = "OpenPgpError";
}

// ---------------------------------------------------------------------------
// Armor and packets
// ---------------------------------------------------------------------------

function crc24(data: Buffer): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

/** The binary contents of every ASCII-armored block in `text`, checked against their CRC-24. */
export function dearmor(text: string): Buffer[] {
  const blocks: Buffer[] = [];
  const re = /-----BEGIN PGP ([A-Z ]+)-----\r?\n([\s\S]*?)-----END PGP \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lines = m[2]!.split(/\r?\n/).map((l) => l.trim());
    // Armor headers ("Version: ...") end at the first blank line.
    const blank = lines.indexOf("");
    const body = lines.slice(lines.slice(0, blank).every((l) => l.includes(": ")) ? blank + 1 : 0).filter((l) => l !== "");
    let checksum: string | undefined;
    if (body.length > 0 && body[body.length - 1]!.startsWith("=")) checksum = body.pop()!.slice(1);
    const data = Buffer.from(body.join(""), "base64");
    if (checksum !== undefined && Buffer.from(checksum, "base64").readUIntBE(0, 3) !== crc24(data)) {
      throw new OpenPgpError(`the armored ${m[1]!.toLowerCase()} has a wrong checksum (damaged in transit or edited)`);
    }
    blocks.push(data);
  }
  return blocks;
}

/** Splits binary OpenPGP data into packets (old and new formats, partial lengths joined). */
export function readPackets(data: Buffer): Packet[] {
  const packets: Packet[] = [];
  let at = 0;
  const need = (n: number) => {
    if (at + n > data.length) throw new OpenPgpError("truncated OpenPGP packet");
  };
  while (at < data.length) {
    const head = data[at++]!;
    if (!(head & 0x80)) throw new OpenPgpError(`not OpenPGP data (byte 0x${head.toString(16)} at offset ${at - 1})`);
    if (head & 0x40) {
      const tag = head & 0x3f;
      const chunks: Buffer[] = [];
      for (;;) {
        need(1);
        const o1 = data[at++]!;
        let len: number;
        let partial = false;
        if (o1 < 192) len = o1;
        else if (o1 < 224) {
          need(1);
          len = ((o1 - 192) << 8) + data[at++]! + 192;
        } else if (o1 === 255) {
          need(4);
          len = data.readUInt32BE(at);
          at += 4;
        } else {
          len = 1 << (o1 & 0x1f);
          partial = true;
        }
        need(len);
        chunks.push(data.subarray(at, at + len));
        at += len;
        if (!partial) break;
      }
      packets.push({ tag, body: Buffer.concat(chunks) });
    } else {
      const tag = (head >> 2) & 0x0f;
      const lengthType = head & 3;
      let len: number;
      if (lengthType === 3) len = data.length - at;
      else {
        const size = [1, 2, 4][lengthType]!;
        need(size);
        len = data.readUIntBE(at, size);
        at += size;
      }
      need(len);
      packets.push({ tag, body: data.subarray(at, at + len) });
      at += len;
    }
  }
  return packets;
}

/** An MPI at `at`: its bytes (leading zeros stripped, as written) and the offset after it. */
function readMpi(body: Buffer, at: number): [Buffer, number] {
  if (at + 2 > body.length) throw new OpenPgpError("truncated number in OpenPGP packet");
  const bits = body.readUInt16BE(at);
  const len = Math.ceil(bits / 8);
  if (at + 2 + len > body.length) throw new OpenPgpError("truncated number in OpenPGP packet");
  return [body.subarray(at + 2, at + 2 + len), at + 2 + len];
}

// ---------------------------------------------------------------------------
// Keys and signatures
// ---------------------------------------------------------------------------

export interface PublicKey {
  /** The key packet's body, as hashed for fingerprints and bindings. */
  body: Buffer;
  fingerprint: string;
  /** Last 16 hex digits of the fingerprint, upper case. */
  keyId: string;
  created: number;
  algorithm: number;
  /** For RSA keys. */
  rsa?: { key: KeyObject; bytes: number };
}

export interface Signature {
  version: number;
  type: number;
  algorithm: number;
  hashAlgorithm: number;
  /** Version through the end of the hashed subpackets: what the trailer counts. */
  hashedPart: Buffer;
  left16: Buffer;
  created?: number;
  expires?: number;
  keyExpires?: number;
  keyFlags?: number;
  issuers: string[];
  embedded: Signature[];
  unknownCritical: number[];
  value: Buffer[];
}

function parsePublicKey(body: Buffer): PublicKey {
  if (body[0] !== 4) throw new OpenPgpError(`OpenPGP version ${String(body[0])} keys are not supported (only version 4)`);
  const created = body.readUInt32BE(1);
  const algorithm = body[5]!;
  const fingerprint = createHash("sha1")
    .update(Buffer.from([0x99, body.length >> 8, body.length & 0xff]))
    .update(body)
    .digest("hex")
    .toUpperCase();
  const key: PublicKey = { body, fingerprint, keyId: fingerprint.slice(-16), created, algorithm };
  if (algorithm === 1 || algorithm === 2 || algorithm === 3) {
    const [n, next] = readMpi(body, 6);
    const [e] = readMpi(body, next);
    key.rsa = {
      key: createPublicKey({ key: { kty: "RSA", n: n.toString("base64url"), e: e.toString("base64url") }, format: "jwk" }),
      bytes: n.length,
    };
  }
  return key;
}

function readSubpackets(sig: Signature, area: Buffer, hashed: boolean): void {
  let at = 0;
  while (at < area.length) {
    const o1 = area[at++]!;
    let len: number;
    if (o1 < 192) len = o1;
    else if (o1 < 255) len = ((o1 - 192) << 8) + area[at++]! + 192;
    else {
      len = area.readUInt32BE(at);
      at += 4;
    }
    if (len < 1 || at + len > area.length) throw new OpenPgpError("truncated signature subpacket");
    const type = area[at]! & 0x7f;
    const critical = (area[at]! & 0x80) !== 0;
    const data = area.subarray(at + 1, at + len);
    at += len;
    // Only the hashed area is signed; the unhashed one may say who the issuer is, nothing more.
    if (!hashed) {
      if (type === 16) sig.issuers.push(data.toString("hex").toUpperCase());
      if (type === 32) sig.embedded.push(parseSignature(data));
      continue;
    }
    if (type === 2) sig.created = data.readUInt32BE(0);
    else if (type === 3) sig.expires = data.readUInt32BE(0);
    else if (type === 9) sig.keyExpires = data.readUInt32BE(0);
    else if (type === 16) sig.issuers.push(data.toString("hex").toUpperCase());
    else if (type === 27) sig.keyFlags = data[0] ?? 0;
    else if (type === 33) sig.issuers.push(data.subarray(1).toString("hex").toUpperCase());
    else if (type === 32) sig.embedded.push(parseSignature(data));
    else if (critical && ![4, 5, 6, 7, 11, 12, 21, 22, 23, 25, 30].includes(type)) sig.unknownCritical.push(type);
  }
}

export function parseSignature(body: Buffer): Signature {
  if (body[0] !== 4) throw new OpenPgpError(`OpenPGP version ${String(body[0])} signatures are not supported (only version 4)`);
  if (body.length < 6) throw new OpenPgpError("truncated signature packet");
  const hashedLen = body.readUInt16BE(4);
  const hashedEnd = 6 + hashedLen;
  if (hashedEnd + 2 > body.length) throw new OpenPgpError("truncated signature packet");
  const unhashedLen = body.readUInt16BE(hashedEnd);
  const unhashedEnd = hashedEnd + 2 + unhashedLen;
  if (unhashedEnd + 2 > body.length) throw new OpenPgpError("truncated signature packet");
  const sig: Signature = {
    version: 4,
    type: body[1]!,
    algorithm: body[2]!,
    hashAlgorithm: body[3]!,
    hashedPart: body.subarray(0, hashedEnd),
    left16: body.subarray(unhashedEnd, unhashedEnd + 2),
    issuers: [],
    embedded: [],
    unknownCritical: [],
    value: [],
  };
  readSubpackets(sig, body.subarray(6, hashedEnd), true);
  readSubpackets(sig, body.subarray(hashedEnd + 2, unhashedEnd), false);
  let at = unhashedEnd + 2;
  while (at < body.length) {
    const [mpi, next] = readMpi(body, at);
    sig.value.push(mpi);
    at = next;
  }
  return sig;
}

/** The hash input's key framing: 0x99, two-octet length, key body. */
function keyFrame(key: PublicKey): Buffer {
  return Buffer.concat([Buffer.from([0x99, key.body.length >> 8, key.body.length & 0xff]), key.body]);
}

/** Checks `sig` by `key` over `prefix` (the signed data or key material): true, or why not. */
function checkSignature(sig: Signature, key: PublicKey, prefix: Buffer[]): true | string {
  const hash = HASHES[sig.hashAlgorithm];
  if (!hash) return `it uses the ${HASH_NAMES[sig.hashAlgorithm] ?? `#${sig.hashAlgorithm}`} hash, which is not accepted (SHA-2 only)`;
  if (!key.rsa || sig.algorithm !== key.algorithm || ![1, 3].includes(sig.algorithm)) {
    return `key algorithm ${key.algorithm} / signature algorithm ${sig.algorithm} is not supported (RSA only)`;
  }
  if (sig.unknownCritical.length > 0) return `it has critical subpackets this verifier does not know (${sig.unknownCritical.join(", ")})`;
  if (sig.created === undefined) return "it has no creation time";
  const trailer = Buffer.alloc(6);
  trailer[0] = 4;
  trailer[1] = 0xff;
  trailer.writeUInt32BE(sig.hashedPart.length, 2);
  const input = Buffer.concat([...prefix, sig.hashedPart, trailer]);
  if (!createHash(hash).update(input).digest().subarray(0, 2).equals(sig.left16))
    return "the signed hash does not match (the file or the signature was changed)";
  const value = sig.value[0];
  if (!value || value.length > key.rsa.bytes) return "the signature value is malformed";
  const padded = Buffer.concat([Buffer.alloc(key.rsa.bytes - value.length), value]);
  const ok = cryptoVerify(hash, input, { key: key.rsa.key, padding: constants.RSA_PKCS1_PADDING }, padded);
  return ok ? true : "the RSA signature does not verify (the file or the signature was changed)";
}

// ---------------------------------------------------------------------------
// Keyring
// ---------------------------------------------------------------------------

interface Validity {
  created: number;
  /** Seconds after `created`, or undefined for none. */
  expires?: number;
  flags?: number;
  revoked: boolean;
}

interface SigningKey {
  key: PublicKey;
  primary: KeyEntry;
  validity: Validity;
}

export interface KeyEntry {
  primary: PublicKey;
  userIds: string[];
  validity: Validity;
  subkeys: Map<string, SigningKey>;
}

export interface Keyring {
  keys: KeyEntry[];
  /** Key id (16 hex digits) and fingerprint -> the key that signs with it. */
  byId: Map<string, SigningKey>;
}

/** The newest valid signature of `sigs` (by creation time). */
function newest(sigs: Signature[]): Signature | undefined {
  return sigs.reduce<Signature | undefined>((best, s) => (!best || (s.created ?? 0) > (best.created ?? 0) ? s : best), undefined);
}

interface RawKey {
  primary: PublicKey;
  direct: Signature[];
  userIds: Array<{ id: Buffer; sigs: Signature[] }>;
  subkeys: Array<{ key: PublicKey; sigs: Signature[] }>;
}

function groupKeys(packets: Packet[]): RawKey[] {
  const keys: RawKey[] = [];
  let current: RawKey | undefined;
  let last: Signature[] | undefined;
  for (const p of packets) {
    if (p.tag === TAG_PUBLIC_KEY) {
      current = { primary: parsePublicKey(p.body), direct: [], userIds: [], subkeys: [] };
      keys.push(current);
      last = current.direct;
    } else if (!current) {
      continue;
    } else if (p.tag === TAG_USER_ID) {
      const uid = { id: p.body, sigs: [] as Signature[] };
      current.userIds.push(uid);
      last = uid.sigs;
    } else if (p.tag === TAG_PUBLIC_SUBKEY) {
      let key: PublicKey;
      try {
        key = parsePublicKey(p.body);
      } catch {
        last = undefined; // a subkey of a kind not supported: skipped, never trusted
        continue;
      }
      const sub = { key, sigs: [] as Signature[] };
      current.subkeys.push(sub);
      last = sub.sigs;
    } else if (p.tag === TAG_SIGNATURE && last) {
      try {
        last.push(parseSignature(p.body));
      } catch {
        // An unreadable certification is ignored, like an unknown one: it grants nothing.
      }
    }
  }
  return keys;
}

/**
 * Reads public keys (armored or binary; several blocks and several copies of one key merge) into
 * a keyring of the keys and subkeys that may sign, each with its validity.
 */
export function readKeyring(text: string | Buffer): Keyring {
  const blocks = typeof text === "string" ? dearmor(text) : [text];
  if (blocks.length === 0) throw new OpenPgpError("no armored PGP public key block found");
  const merged = new Map<string, RawKey>();
  for (const raw of blocks.flatMap((b) => groupKeys(readPackets(b)))) {
    const seen = merged.get(raw.primary.fingerprint);
    if (!seen) merged.set(raw.primary.fingerprint, raw);
    else {
      seen.direct.push(...raw.direct);
      seen.userIds.push(...raw.userIds);
      seen.subkeys.push(...raw.subkeys);
    }
  }
  const keyring: Keyring = { keys: [], byId: new Map() };
  for (const raw of merged.values()) addKey(keyring, raw);
  return keyring;
}

function addKey(keyring: Keyring, raw: RawKey): void {
  const primary = raw.primary;
  const revoked = raw.direct.some((s) => s.type === 0x20 && checkSignature(s, primary, [keyFrame(primary)]) === true);
  const certs: Signature[] = [];
  const userIds: string[] = [];
  for (const uid of raw.userIds) {
    const frame = Buffer.concat([Buffer.from([0xb4]), Buffer.alloc(4), uid.id]);
    frame.writeUInt32BE(uid.id.length, 1);
    const valid = uid.sigs.filter((s) => s.type >= 0x10 && s.type <= 0x13 && checkSignature(s, primary, [keyFrame(primary), frame]) === true);
    if (valid.length > 0) userIds.push(uid.id.toString("utf8"));
    certs.push(...valid);
  }
  const self = newest(certs);
  if (!self) return; // no valid self-signature: not a usable key
  const entry: KeyEntry = {
    primary,
    userIds: [...new Set(userIds)],
    validity: { created: primary.created, expires: self.keyExpires || undefined, flags: self.keyFlags, revoked },
    subkeys: new Map(),
  };
  keyring.keys.push(entry);
  if (entry.validity.flags === undefined || entry.validity.flags & 0x02) {
    keyring.byId.set(primary.keyId, { key: primary, primary: entry, validity: entry.validity });
    keyring.byId.set(primary.fingerprint, { key: primary, primary: entry, validity: entry.validity });
  }
  const bySubkey = new Map<string, { key: PublicKey; sigs: Signature[] }>();
  for (const sub of raw.subkeys) {
    const seen = bySubkey.get(sub.key.fingerprint);
    if (seen) seen.sigs.push(...sub.sigs);
    else bySubkey.set(sub.key.fingerprint, { key: sub.key, sigs: [...sub.sigs] });
  }
  for (const { key, sigs } of bySubkey.values()) {
    const prefix = [keyFrame(primary), keyFrame(key)];
    const revokedSub = sigs.some((s) => s.type === 0x28 && checkSignature(s, primary, prefix) === true);
    // A signing subkey must also sign its primary key back (RFC 4880 5.2.1, 0x19), as GnuPG requires.
    const bindings = sigs.filter(
      (s) =>
        s.type === 0x18 &&
        checkSignature(s, primary, prefix) === true &&
        (((s.keyFlags ?? 0) & 0x02) === 0 || s.embedded.some((e) => e.type === 0x19 && checkSignature(e, key, prefix) === true)),
    );
    const binding = newest(bindings);
    if (!binding || ((binding.keyFlags ?? 0) & 0x02) === 0) continue;
    const signer: SigningKey = {
      key,
      primary: entry,
      validity: { created: key.created, expires: binding.keyExpires || undefined, flags: binding.keyFlags, revoked: revokedSub },
    };
    entry.subkeys.set(key.keyId, signer);
    keyring.byId.set(key.keyId, signer);
    keyring.byId.set(key.fingerprint, signer);
  }
}

function validAt(v: Validity, time: number): string | undefined {
  if (v.revoked) return "was revoked";
  if (time < v.created) return "did not exist yet when the signature was made";
  if (v.expires !== undefined && time >= v.created + v.expires)
    return `had expired (${new Date((v.created + v.expires) * 1000).toISOString().slice(0, 10)}) when the signature was made`;
  return undefined;
}

export type Verification =
  | { status: "verified"; keyId: string; primaryKeyId: string; signer: string; created: Date }
  | { status: "unknown-key"; issuers: string[]; message: string }
  | { status: "bad"; keyId: string; signer: string; message: string };

function describeKey(k: SigningKey): string {
  const who = k.primary.userIds[0] ?? "no user id";
  return k.key === k.primary.primary ? `${who} (key ${k.key.keyId})` : `${who} (subkey ${k.key.keyId} of ${k.primary.primary.keyId})`;
}

/**
 * Verifies a detached signature (binary, as HashiCorp publishes `.sig` files, or armored) of
 * `data` against the keyring. A signature by a key the keyring does not hold is "unknown-key";
 * by a held key but not matching, or made outside the key's validity, "bad".
 */
export function verifyDetached(keyring: Keyring, data: Buffer, signature: Buffer, now: Date = new Date()): Verification {
  const text = signature.toString("latin1");
  const binary = text.includes("-----BEGIN PGP SIGNATURE-----") ? dearmor(text) : [signature];
  const sigs = binary.flatMap(readPackets).filter((p) => p.tag === TAG_SIGNATURE);
  if (sigs.length === 0) throw new OpenPgpError("the signature file holds no OpenPGP signature");
  const issuers: string[] = [];
  let bad: Verification | undefined;
  for (const packet of sigs) {
    const sig = parseSignature(packet.body);
    issuers.push(...sig.issuers);
    const signer = sig.issuers.map((id) => keyring.byId.get(id)).find((k) => k !== undefined);
    if (!signer) continue;
    const fail = (message: string): Verification => ({ status: "bad", keyId: signer.key.keyId, signer: describeKey(signer), message });
    if (sig.type !== 0x00 && sig.type !== 0x01) {
      bad = fail(`signature type 0x${sig.type.toString(16)} is not a document signature`);
      continue;
    }
    const signed = sig.type === 0x01 ? Buffer.from(data.toString("utf8").replace(/\r?\n/g, "\r\n"), "utf8") : data;
    const check = checkSignature(sig, signer.key, [signed]);
    if (check !== true) {
      bad = fail(check);
      continue;
    }
    const created = sig.created!;
    const problem = validAt(signer.primary.validity, created) ?? validAt(signer.validity, created);
    if (problem) {
      bad = fail(`the signing key ${problem}`);
      continue;
    }
    if (sig.expires && now.getTime() / 1000 >= created + sig.expires) {
      bad = fail("the signature has expired");
      continue;
    }
    return {
      status: "verified",
      keyId: signer.key.keyId,
      primaryKeyId: signer.primary.primary.keyId,
      signer: describeKey(signer),
      created: new Date(created * 1000),
    };
  }
  if (bad) return bad;
  const unique = [...new Set(issuers.map((id) => id.slice(-16)))];
  return {
    status: "unknown-key",
    issuers: unique,
    message: `signed by ${unique.length > 0 ? `key ${unique.join(", ")}` : "a key that the signature does not name"}, which is not among the trusted keys`,
  };
}
