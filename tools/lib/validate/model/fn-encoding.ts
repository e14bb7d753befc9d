/**
 * Encoding functions of Packer's function table: base64, JSON and CSV (go-cty's stdlib), URL
 * encoding, hashes and uuidv5 (go-cty-funcs), and Packer's textencodebase64/textdecodebase64 for
 * the encodings implemented here (UTF-8, ISO-8859-1). JSON is written as Go's encoding/json
 * writes strings (HTML characters escaped) and go-cty writes numbers (no exponent).
 */
import type { Hash } from "node:crypto";
import { numText, parseNum } from "./cty-number.ts";
import {
  T_ANY,
  T_STRING,
  UNKNOWN,
  attrs,
  elems,
  isWhollyKnown,
  listV,
  nullV,
  numOf,
  numV,
  objectT,
  objectV,
  str,
  strV,
  tupleV,
  unknownV,
  type Ty,
  type V,
} from "./cty.ts";
import { fail, type FnImpl } from "./fn-core.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** node:crypto's createHash, loaded on first use: loading the module costs tens of milliseconds at startup. */
function createHash(alg: string): Hash {
  return process.getBuiltinModule("node:crypto").createHash(alg);
}

/** Go's base64.StdEncoding.DecodeString (padding required, CR and LF skipped); undefined when invalid. */
export function goBase64Decode(s: string): Uint8Array | undefined {
  const t = s.replace(/[\r\n]/g, "");
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t)) return undefined;
  return new Uint8Array(Buffer.from(t, "base64"));
}

function decodeUtf8(b: Uint8Array): string | undefined {
  try {
    return utf8.decode(b);
  } catch {
    return undefined;
  }
}

/** Go's json.Marshal of a string (HTML-safe; \b and \f as Go 1.22 and later write them). */
function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/** go-cty's json.Marshal; undefined when a part of the text is not known here (a computed number). */
export function ctyJSON(v: V): string | undefined {
  if (v.v === null) return "null";
  if (v.v === UNKNOWN) fail("value is not known");
  switch (v.t.k) {
    case "string":
      return goJSONString(str(v));
    case "bool":
      return v.v ? "true" : "false";
    case "number": {
      const n = numOf(v);
      if (!Number.isFinite(n.n)) fail("cannot serialize infinity as JSON");
      return numText(n);
    }
    case "list":
    case "set":
    case "tuple": {
      const parts = elems(v).map(ctyJSON);
      return parts.includes(undefined) ? undefined : `[${parts.join(",")}]`;
    }
    case "map":
    case "object": {
      const parts = [...attrs(v)].map(([k, x]) => {
        const j = ctyJSON(x);
        return j === undefined ? undefined : `${goJSONString(k)}:${j}`;
      });
      return parts.includes(undefined) ? undefined : `{${parts.join(",")}}`;
    }
    default:
      return undefined;
  }
}

/** JSON text as go-cty's jsondecode reads it: objects, tuples, numbers from their text. */
export function parseCtyJSON(text: string): V {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const bad = (): never => fail(i >= text.length ? "unexpected EOF" : `invalid character '${text[i]}' looking for beginning of value`);
  const value = (depth: number): V => {
    if (depth > 1000) fail("exceeded max depth");
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const m = new Map<string, V>();
      ws();
      if (text[i] === "}") {
        i++;
        return objectV(m);
      }
      for (;;) {
        ws();
        if (text[i] !== '"') bad();
        const k = str(value(depth + 1));
        ws();
        if (text[i] !== ":") bad();
        i++;
        m.set(k, value(depth + 1));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return objectV(m);
        } else bad();
      }
    }
    if (c === "[") {
      i++;
      const out: V[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return tupleV(out);
      }
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return tupleV(out);
        } else bad();
      }
    }
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
      if (!m || [...m[0]].some((ch) => ch.charCodeAt(0) < 0x20)) bad();
      i += m![0].length;
      return strV(JSON.parse(m![0]) as string);
    }
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!lit) bad();
    i += lit![0].length;
    if (lit![0] === "true" || lit![0] === "false") return { t: { k: "bool" }, v: lit![0] === "true" };
    if (lit![0] === "null") return nullV(T_ANY);
    return numV(parseNum(lit![0])!);
  };
  const v = value(0);
  ws();
  if (i < text.length) fail("extraneous data after JSON object");
  return v;
}

/** Go's encoding/csv with its defaults (RFC 4180, no lazy quotes); throws on malformed input. */
export function parseCSV(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n")) {
      i += text[i] === "\r" ? 2 : 1;
      line++;
      continue; // empty lines are skipped
    }
    const row: string[] = [];
    const start = line;
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) fail(`CSV parse error on line ${start}: extraneous or missing " in quoted-field`);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\r" && text[i + 1] === "\n") {
            field += "\n";
            i += 2;
            line++;
            continue;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")) {
          fail(`CSV parse error on line ${line}: extraneous or missing " in quoted-field`);
        }
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")) {
          if (text[i] === '"') fail(`CSV parse error on line ${line}: bare " in non-quoted-field`);
          field += text[i];
          i++;
        }
      }
      row.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") {
        i++;
        line++;
      }
      break;
    }
    rows.push(row);
  }
  return rows;
}

function csvDecode(s: string): V {
  const rows = parseCSV(s);
  const header = rows[0];
  if (!header) fail("missing header line");
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) fail(`duplicate column name "${h}"`);
    seen.add(h);
  }
  const ety: Ty = objectT(header.map((h) => [h, T_STRING]));
  const out = rows.slice(1).map((r, k) => {
    if (r.length !== header.length) fail(`CSV parse error on record ${k + 2}: wrong number of fields`);
    return objectV(new Map(r.map((c, j) => [header[j]!, strV(c)])));
  });
  return listV(ety, out);
}

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const NAMESPACES: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

/** google/uuid's Parse: the canonical form, with optional urn:uuid: or braces. */
function parseUUID(s: string): Buffer | undefined {
  let t = s;
  if (t.length === 45 && t.toLowerCase().startsWith("urn:uuid:")) t = t.slice(9);
  else if (t.length === 38 && t[0] === "{" && t[37] === "}") t = t.slice(1, 37);
  else if (t.length === 32 && /^[0-9a-fA-F]{32}$/.test(t)) return Buffer.from(t, "hex");
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(t)) return undefined;
  return Buffer.from(t.replace(/-/g, ""), "hex");
}

function uuidv5(namespace: string, name: string): string {
  const ns = parseUUID(NAMESPACES[namespace] ?? namespace);
  if (!ns) fail(`uuidv5() doesn't support namespace ${namespace} (invalid UUID)`);
  const h = createHash("sha1").update(ns!).update(Buffer.from(name, "utf8")).digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The IANA encodings implemented here, by lower-cased name or alias; the value is the IANA name. */
const ENCODINGS: Record<string, "UTF-8" | "ISO-8859-1"> = {
  "utf-8": "UTF-8",
  csutf8: "UTF-8",
  "iso-8859-1": "ISO-8859-1",
  "iso_8859-1:1987": "ISO-8859-1",
  "iso-ir-100": "ISO-8859-1",
  "iso_8859-1": "ISO-8859-1",
  latin1: "ISO-8859-1",
  l1: "ISO-8859-1",
  ibm819: "ISO-8859-1",
  cp819: "ISO-8859-1",
  csisolatin1: "ISO-8859-1",
};

const hash = (alg: string): FnImpl => ({ type: T_STRING, impl: ([s]) => strV(createHash(alg).update(str(s!), "utf8").digest("hex")) });
const unknownString = (t: Ty = T_STRING): V => unknownV(t);

export const ENCODING_FUNCTIONS: Record<string, FnImpl> = {
  base64encode: { type: T_STRING, impl: ([s]) => strV(Buffer.from(str(s!), "utf8").toString("base64")) },
  base64decode: {
    type: T_STRING,
    impl: ([s]) => {
      const b = goBase64Decode(str(s!));
      if (!b) fail(`failed to decode base64 data '${str(s!)}'`);
      const t = decodeUtf8(b!);
      if (t === undefined) fail("the result of decoding the the provided string is not valid UTF-8");
      return strV(t!);
    },
  },
  jsonencode: {
    params: [{ allowUnknown: true, allowDynamic: true, allowNull: true }],
    type: T_STRING,
    impl: ([v]) => {
      if (!isWhollyKnown(v!)) return unknownString();
      const j = ctyJSON(v!);
      return j === undefined ? unknownString() : strV(j);
    },
  },
  jsondecode: {
    type: ([s]) => parseCtyJSON(str(s!)).t,
    impl: ([s]) => parseCtyJSON(str(s!)),
  },
  csvdecode: {
    type: ([s]) => csvDecode(str(s!)).t,
    impl: ([s]) => csvDecode(str(s!)),
  },
  urlencode: { type: T_STRING, impl: ([s]) => strV(queryEscape(str(s!))) },
  md5: hash("md5"),
  sha1: hash("sha1"),
  sha256: hash("sha256"),
  sha512: hash("sha512"),
  uuidv5: { type: T_STRING, impl: ([ns, name]) => strV(uuidv5(str(ns!), str(name!))) },
  textencodebase64: {
    type: T_STRING,
    impl: ([s, enc]) => {
      const e = ENCODINGS[str(enc!).toLowerCase()];
      if (!e) return unknownString();
      const text = str(s!);
      if (e === "UTF-8") return strV(Buffer.from(text, "utf8").toString("base64"));
      if ([...text].some((c) => c.codePointAt(0)! > 0xff)) fail(`the given string contains characters that cannot be represented in ${e}`);
      return strV(Buffer.from(text, "latin1").toString("base64"));
    },
  },
  textdecodebase64: {
    type: T_STRING,
    impl: ([s, enc]) => {
      const e = ENCODINGS[str(enc!).toLowerCase()];
      if (!e) return unknownString();
      const b = goBase64Decode(str(s!));
      if (!b) fail("the given value is has an invalid base64 symbol");
      const text = e === "UTF-8" ? decodeUtf8(b!) : Buffer.from(b!).toString("latin1");
      if (text === undefined || text.includes("\ufffd")) fail(`the given string contains symbols that are not defined for ${e}`);
      return strV(text!);
    },
  },
};
