/**
 * cidrhost, cidrnetmask, cidrsubnet and cidrsubnets as go-cty-funcs implements them with Go's
 * net.ParseCIDR and apparentlymart/go-cidr: addresses as BigInts of 32 or 128 bits, printed as
 * Go's net.IP.String does (RFC 5952 for IPv6). IPv4-mapped IPv6 prefixes stay unknown.
 */
import { T_STRING, UNKNOWN, listT, listV, str, strV, unknownV, type V } from "./cty.ts";
import { fail, goInt, type FnImpl } from "./fn-core.ts";

interface Net {
  ip: bigint;
  bits: 32 | 128;
  prefix: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(p);
  }
  return out;
}

function parseIPv6(s: string): bigint | undefined {
  if (s.includes(".")) return undefined; // embedded IPv4: not handled here
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === "" ? [] : h.split(":"));
  const head = group(halves[0]!);
  const tail = halves.length === 2 ? group(halves[1]!) : [];
  const n = head.length + tail.length;
  if ((halves.length === 1 && n !== 8) || (halves.length === 2 && n > 7)) return undefined;
  const all = [...head, ...Array<string>(8 - n).fill("0"), ...tail];
  let out = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out = (out << 16n) | BigInt(`0x${g}`);
  }
  return out;
}

const maskOf = (bits: number, prefix: number): bigint => ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);

/** Go's net.ParseCIDR: the network (address masked to the prefix). */
function parseCIDR(s: string): Net {
  const slash = s.indexOf("/");
  const bad = (): never => fail(`invalid CIDR expression: invalid CIDR address: ${s}`);
  if (slash < 0) bad();
  const addr = s.slice(0, slash);
  const len = s.slice(slash + 1);
  const v4 = parseIPv4(addr);
  const v6 = v4 === undefined ? parseIPv6(addr) : undefined;
  if (v4 === undefined && v6 === undefined) {
    if (addr.includes(":") && addr.includes(".")) throw new Unknown();
    bad();
  }
  const bits = v4 !== undefined ? 32 : 128;
  if (!/^(0|[1-9]\d*)$/.test(len) || Number(len) > bits) bad();
  const prefix = Number(len);
  return { ip: (v4 ?? v6)! & maskOf(bits, prefix), bits, prefix };
}

class Unknown extends Error {}

function ipString(ip: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((ip >> s) & 255n)).join(".");
  const groups = [...Array(8).keys()].map((k) => Number((ip >> BigInt(112 - 16 * k)) & 0xffffn));
  // The longest run of two or more zero groups (leftmost on a tie) becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

const netString = (n: Net): string => `${ipString(n.ip, n.bits)}/${n.prefix}`;
const lastOf = (n: Net): bigint => n.ip | ((1n << BigInt(n.bits - n.prefix)) - 1n);

function guarded(f: (args: V[]) => V): (args: V[]) => V {
  return (args) => {
    try {
      return f(args);
    } catch (e) {
      if (e instanceof Unknown) return unknownV(T_STRING);
      throw e;
    }
  };
}

export const NET_FUNCTIONS: Record<string, FnImpl> = {
  cidrnetmask: {
    type: T_STRING,
    impl: guarded(([p]) => {
      const n = parseCIDR(str(p!));
      return strV(ipString(maskOf(n.bits, n.prefix), n.bits));
    }),
  },
  cidrhost: {
    type: T_STRING,
    impl: guarded(([p, h]) => {
      const num = goInt(h!);
      if (num === UNKNOWN) return unknownV(T_STRING);
      const n = parseCIDR(str(p!));
      const max = (1n << BigInt(n.bits - n.prefix)) - 1n;
      let host = BigInt(num);
      const magnitude = host < 0n ? -host - 1n : host;
      if (host < 0n) host = max - magnitude;
      if (magnitude > max) fail(`prefix of ${n.prefix} does not accommodate a host numbered ${num}`);
      return strV(ipString(n.ip | host, n.bits));
    }),
  },
  cidrsubnet: {
    type: T_STRING,
    impl: guarded(([p, nb, nn]) => {
      const newbits = goInt(nb!);
      const netnum = goInt(nn!);
      if (newbits === UNKNOWN || netnum === UNKNOWN || netnum < 0 || newbits < 0) return unknownV(T_STRING);
      const n = parseCIDR(str(p!));
      if (newbits > 32) fail("may not extend prefix by more than 32 bits");
      const prefix = n.prefix + newbits;
      if (prefix > n.bits) fail(`insufficient address space to extend prefix of ${n.prefix} by ${newbits}`);
      if (BigInt(netnum) > (1n << BigInt(newbits)) - 1n) fail(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
      return strV(netString({ ip: n.ip | (BigInt(netnum) << BigInt(n.bits - prefix)), bits: n.bits, prefix }));
    }),
  },
  cidrsubnets: {
    type: listT(T_STRING),
    impl: (args) => {
      try {
        const n = parseCIDR(str(args[0]!));
        const lengths = args.slice(1).map((a) => goInt(a));
        if (lengths.length === 0) return listV(T_STRING, []);
        if (lengths.includes(UNKNOWN)) return unknownV(listT(T_STRING));
        const size = BigInt(n.bits);
        const all = (1n << size) - 1n;
        // go-cidr: start just before the network (PreviousSubnet), then NextSubnet for each length.
        const firstLen = (lengths[0] as number) + n.prefix;
        const prevIp = (n.ip - 1n) & all & maskOf(n.bits, Math.min(firstLen, n.bits));
        let current: Net = { ip: prevIp, bits: n.bits, prefix: Math.min(firstLen, n.bits) };
        const out: V[] = [];
        (lengths as number[]).forEach((len, i) => {
          if (len < 1) fail(`Invalid value for "newbits" parameter ${i + 1}: must extend prefix by at least one bit`);
          if (len > 32) fail(`Invalid value for "newbits" parameter ${i + 1}: may not extend prefix by more than 32 bits`);
          const plen = len + n.prefix;
          if (plen > n.bits) fail(`would extend prefix to ${plen} bits, which is too long for an ${n.bits === 32 ? "IPv4" : "IPv6"} address`);
          const mask = maskOf(n.bits, plen);
          const currentLast = lastOf(current);
          const sub: Net = { ip: currentLast & mask, bits: n.bits, prefix: plen };
          const last = (lastOf(sub) + 1n) & all;
          const next: Net = { ip: last & mask, bits: n.bits, prefix: plen };
          const rollover = last === 0n;
          if (rollover || (next.ip & maskOf(n.bits, n.prefix)) !== n.ip) {
            fail(`not enough remaining address space for a subnet with a prefix of ${plen} bits after ${netString(current)}`);
          }
          current = next;
          out.push(strV(netString(current)));
        });
        return listV(T_STRING, out);
      } catch (e) {
        if (e instanceof Unknown) return unknownV(listT(T_STRING));
        throw e;
      }
    },
  },
};
