/**
 * The few Go library behaviours the components' checks rely on, as Go implements them:
 * `time.ParseDuration` (durations are decoded with it), `net.ParseCIDR`, and `fmt`'s verbs for
 * the messages Packer prints (`%s`, `%q`, `%d`, `%v`).
 */

const UNITS: Record<string, number> = { ns: 1, us: 1e3, "\u00b5s": 1e3, "\u03bcs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's `time.ParseDuration` error for `s`, or undefined when Go accepts it. */
export function durationError(s: string): string | undefined {
  const quoted = goQuote(s);
  let rest = s;
  if (rest.startsWith("-") || rest.startsWith("+")) rest = rest.slice(1);
  if (rest === "0") return undefined;
  if (rest === "") return `time: invalid duration ${quoted}`;
  while (rest !== "") {
    const num = /^(\d*)(\.(\d*))?/.exec(rest)!;
    if (num[1] === "" && (num[3] ?? "") === "") return `time: invalid duration ${quoted}`;
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === "") return `time: missing unit in duration ${quoted}`;
    if (UNITS[unit] === undefined) return `time: unknown unit ${goQuote(unit)} in duration ${quoted}`;
    rest = rest.slice(unit.length);
  }
  return undefined;
}

/** Whether Go's `net.ParseCIDR` accepts `s` (an IPv4 or IPv6 address, "/", a prefix length in range). */
export function isCIDR(s: string): boolean {
  const slash = s.indexOf("/");
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  if (isIPv4(addr)) return n <= 32;
  if (isIPv6(addr)) return n <= 128;
  return false;
}

/** Whether Go's `net.ParseIP` accepts `s` (an IPv4 or IPv6 address, no zone). */
export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith("0")));
}

function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  let text = s;
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".")) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    text = text.slice(0, lastColon + 1) + "0:0";
  }
  const double = text.split("::");
  if (double.length > 2) return false;
  const parts = (x: string): string[] => (x === "" ? [] : x.split(":"));
  const head = parts(double[0]!);
  const tail = double.length === 2 ? parts(double[1]!) : [];
  if (![...head, ...tail].every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return double.length === 2 ? head.length + tail.length < 8 : head.length === 8;
}

/** Go's `%q` of a string (ASCII printable kept, the rest escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/** A Go value as `%v` prints it: lists as `[a b]`. */
function goValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(" ")}]`;
  }
  return String(v);
}

/** `fmt.Sprintf(format, args...)` for the verbs Packer's messages use: %s %v %d %q and %%. */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*\d*)([svdqw%])/g, (all, _flags: string, verb: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    if (verb === "q") return typeof a === "string" ? goQuote(a) : goValue(a);
    return goValue(a);
  });
}

/** Go's `strconv.Atoi` accepts it (a sign and decimal digits). */
function isAtoi(s: string): boolean {
  return /^[+-]?\d+$/.test(s);
}

/** Go's `net.SplitHostPort` error for `addr`, or undefined when it splits. */
function splitHostPortError(addr: string): string | undefined {
  const missing = `address ${addr}: missing port in address`;
  if (addr.startsWith("[")) {
    const close = addr.indexOf("]");
    if (close < 0) return `address ${addr}: missing ']' in address`;
    if (close + 1 === addr.length) return missing;
    if (addr[close + 1] !== ":") return `address ${addr}: missing port in address`;
    return addr.slice(close + 2).includes(":") ? `address ${addr}: too many colons in address` : undefined;
  }
  const colon = addr.lastIndexOf(":");
  if (colon < 0) return missing;
  if (addr.slice(0, colon).includes(":")) return `address ${addr}: too many colons in address`;
  if (addr.includes("[") || addr.includes("]")) return `address ${addr}: unexpected '[' in address`;
  return undefined;
}

/** The error of the SDK's `ParseTunnelArgument` (communicator/ssh/tunnel.go) for `port:host:hostport`, or undefined. */
export function tunnelError(s: string): string | undefined {
  const colon = s.indexOf(":");
  if (colon < 0) return `Error parsing tunnel '${s}': [${s}]`;
  const listening = s.slice(0, colon);
  const forwarding = s.slice(colon + 1);
  const split = splitHostPortError(forwarding);
  if (split) return `Error parsing forwarding, must be a tcp address: ${split}`;
  const port = forwarding.startsWith("[") ? forwarding.slice(forwarding.indexOf("]") + 2) : forwarding.slice(forwarding.lastIndexOf(":") + 1);
  if (!isAtoi(port)) return `Error parsing forwarding port, must be a valid port: strconv.Atoi: parsing ${goQuote(port)}: invalid syntax`;
  if (!isAtoi(listening)) return `Error parsing listening port, must be a valid port: strconv.Atoi: parsing ${goQuote(listening)}: invalid syntax`;
  return undefined;
}

/** Go's `time.Parse(time.RFC3339, s)` accepts `s` (a real date and time, `Z` or a numeric offset). */
export function isRFC3339(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return false;
  return m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
}

/**
 * The error of the azure plugin's `client.ParseResourceID` (builder/azure/common/client/resource.go)
 * for an Azure resource ID, or undefined when it parses: slash-separated key/value pairs, the first
 * three keys subscriptions, resourceGroups and providers (in any case). With fewer than three pairs
 * the plugin indexes past its list and crashes; that is said in our words.
 */
export function azureResourceIdError(id: string): string | undefined {
  const segments = id.replace(/^\/+|\/+$/g, "").split("/");
  if (segments.length % 2 !== 0) return "Expected even number of segments";
  for (let i = 0; i < segments.length; i += 2) {
    if (segments[i] === "") return `Found empty segment (${i})`;
    if (segments[i + 1] === "") return `Found empty segment (${i + 1})`;
  }
  const keys = segments.filter((_, i) => i % 2 === 0);
  const expect: Array<[string, string]> = [
    ["first", "subscriptions"],
    ["second", "resourceGroups"],
    ["third", "providers"],
  ];
  for (const [i, [which, want]] of expect.entries()) {
    if (keys[i] === undefined) return "the ID lacks the subscriptions, resourceGroups and providers segments (the plugin crashes on it)";
    // The plugin prints the second key for a wrong third one too.
    if (keys[i]!.toLowerCase() !== want.toLowerCase()) return `Expected ${which} segment to be '${want}', but found ${goQuote(keys[Math.min(i, 1)]!)}`;
  }
  return undefined;
}
