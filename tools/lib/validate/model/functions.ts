/**
 * Every function of Packer's function table (funcs/table.ts), with its implementation here or
 * the reason its result is unknown to the validator:
 *
 * - impure: the result differs between runs (the clock, random values);
 * - build-environment: the result depends on the machine and moment of the build (its files,
 *   environment variables, home directory, working directory, secret stores);
 * - not-implemented: pure, but not reproduced here byte for byte (Go's gzip stream, YAML, RSA
 *   PKCS#1 v1.5 decryption that Node.js no longer offers).
 *
 * `try`, `can` and `convert` take expressions or types rather than values; the evaluator runs them.
 */
import { T_BOOL, T_STRING, setT, strV, unknownV, T_ANY, str } from "./cty.ts";
import type { FnImpl } from "./fn-core.ts";
import { COLLECTION_FUNCTIONS } from "./fn-collections.ts";
import { ENCODING_FUNCTIONS } from "./fn-encoding.ts";
import { FORMAT_FUNCTIONS } from "./fn-format.ts";
import { NET_FUNCTIONS } from "./fn-net.ts";
import { NUMBER_FUNCTIONS } from "./fn-numbers.ts";
import { REGEX_FUNCTIONS } from "./fn-regex.ts";
import { STRING_FUNCTIONS } from "./fn-strings.ts";
import { TIME_FUNCTIONS } from "./fn-time.ts";

const unknownBy = (why: NonNullable<FnImpl["unknown"]>, type = T_STRING): FnImpl => ({ type, unknown: why });

/** Go's path/filepath on the POSIX systems Packer builds run on (Linux, macOS). */
function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
    } else out.push(seg);
  }
  const s = (rooted ? "/" : "") + out.join("/");
  return s === "" ? "." : s;
}

function basename(p: string): string {
  if (p === "") return ".";
  const t = p.replace(/\/+$/, "");
  if (t === "") return "/";
  return t.slice(t.lastIndexOf("/") + 1);
}

function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return cleanPath(p.slice(0, i + 1));
}

/** On Windows Go's filepath splits at backslashes and volume names too; those hosts stay unknown. */
const posixHost = typeof process === "undefined" || process.platform !== "win32";
const pathFn = (f: (s: string) => string): FnImpl => ({
  type: T_STRING,
  impl: ([p]) => (posixHost ? strV(f(str(p!))) : unknownV(T_STRING)),
});

export const FUNCTION_IMPLS: Record<string, FnImpl> = {
  ...COLLECTION_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...NUMBER_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...REGEX_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...FORMAT_FUNCTIONS,
  ...NET_FUNCTIONS,
  basename: pathFn(basename),
  dirname: pathFn(dirname),
  timestamp: unknownBy("impure"),
  uuidv4: unknownBy("impure"),
  bcrypt: unknownBy("impure"),
  legacy_isotime: unknownBy("impure"),
  legacy_strftime: unknownBy("impure"),
  aws_secretsmanager: unknownBy("build-environment"),
  aws_secretsmanager_raw: unknownBy("build-environment"),
  vault: unknownBy("build-environment"),
  consul_key: unknownBy("build-environment"),
  env: unknownBy("build-environment"),
  file: unknownBy("build-environment"),
  filebase64: unknownBy("build-environment"),
  fileexists: unknownBy("build-environment", T_BOOL),
  fileset: unknownBy("build-environment", setT(T_STRING)),
  templatefile: unknownBy("build-environment"),
  abspath: unknownBy("build-environment"),
  pathexpand: unknownBy("build-environment"),
  base64gzip: unknownBy("not-implemented"),
  rsadecrypt: unknownBy("not-implemented"),
  yamldecode: unknownBy("not-implemented", T_ANY),
  yamlencode: unknownBy("not-implemented"),
};

/**
 * Functions whose result differs between runs (used by the naming rules): the impure ones, and
 * two names other tools use for such functions (REF-03 reports them as unknown to Packer).
 */
export const VOLATILE_FUNCTIONS = new Set([
  ...Object.entries(FUNCTION_IMPLS).flatMap(([name, f]) => (f.unknown === "impure" ? [name] : [])),
  "uuid",
  "plantimestamp",
]);
