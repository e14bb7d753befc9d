/**
 * Generated templates at the validator's documented limits (docs/rules.md, "Limits"): wide
 * (a million-element list, a 10 MB file), deep (nesting and chains at and beyond the parser's limits)
 * and costly for did-you-mean. Shared by tools/lib/validate/robustness.test.ts, which holds the
 * validator to them, and tools/bench/robustness-bench.ts, which prints the times.
 */
import { MAX_CHAIN, MAX_NESTING } from "../lib/hcl/parser.ts";

export const BUILD = 'source "null" "a" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.a"]\n}\n';
export const locals = (body: string) => `locals {\n${body}\n}\n\n${BUILD}`;
export const list = (n: number, item: (i: number) => string, sep = ", ") => Array.from({ length: n }, (_, i) => item(i)).join(sep);

export interface Generated {
  name: string;
  text: () => string;
}

export const WIDE: Generated[] = [
  { name: "a list of 1,000,000 numbers", text: () => locals(`  big = [${list(1_000_000, (i) => String(i % 10), ",")}]`) },
  {
    name: "a 10 MB file: 100,000 strings of 100 characters",
    text: () => locals(`  big = [${list(100_000, (i) => `"${String(i).padStart(98, "x")}"`, ",\n")}]`),
  },
  {
    name: "a call with 200,000 arguments and a for over 200,000 numbers",
    text: () => locals(`  a = concat(${list(200_000, () => "[1]")})\n  b = [for x in [${list(200_000, (i) => String(i))}] : x * 2]`),
  },
  {
    name: "an object of 100,000 items and 100,000 interpolations",
    text: () => locals(`  o = {\n${list(100_000, (i) => `    k${i} = ${i}`, "\n")}\n  }\n  s = "${"${1}".repeat(100_000)}"`),
  },
  {
    name: "50,000 locals, a chain of 20,000 locals, 20,000 variables",
    text: () =>
      `${list(20_000, (i) => `variable "v${i}" {\n  default = ${i}\n}`, "\n")}\n` +
      locals(`${list(50_000, (i) => `  l${i} = ${i}`, "\n")}\n${list(20_000, (i) => `  c${i} = ${i === 0 ? "1" : `local.c${i - 1}`}`, "\n")}`),
  },
  {
    name: "10,000 provisioners and a heredoc of 50,000 shell commands",
    text: () =>
      `source "null" "a" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.a"]\n` +
      `${list(10_000, (i) => `  provisioner "shell" {\n    inline = ["echo ${i}"]\n  }`, "\n")}\n` +
      `  provisioner "shell" {\n    inline = [<<EOT\n${"sudo apt-get update && sudo apt-get install -y curl\n".repeat(50_000)}EOT\n    ]\n  }\n}\n`,
  },
];

export const DEEP: Generated[] = [
  { name: `chains of ${MAX_CHAIN} links`, text: () => locals(`  a = ${list(MAX_CHAIN, () => "1", " + ")}\n  b = tomap({})${".x".repeat(MAX_CHAIN - 1)}`) },
  { name: "chains of 500,000 and 300,000 links", text: () => locals(`  a = ${list(500_000, () => "1", " + ")}\n  b = tomap({})${".x".repeat(300_000)}`) },
  ...[MAX_NESTING / 2 - 2, 200_000].flatMap((depth) =>
    [
      ["[", "]"],
      ["(", ")"],
      ["upper(", ")"],
      ["true ? 1 : ", ""],
      ["!", ""],
      ["{a = ", "}"],
    ].map(([open, close]): Generated => ({
      name: `${open}…${close} nested ${depth} deep`,
      text: () => locals(`  a = ${open!.repeat(depth)}1${close!.repeat(depth)}`),
    })),
  ),
  {
    name: "chains inside nesting, both at half their limits",
    text: () =>
      locals(
        `  a = ${"[".repeat(MAX_NESTING / 2 - 2)}tomap({})${".x".repeat(MAX_CHAIN / 2 - 1)} + ${list(MAX_CHAIN / 2, () => "1", " + ")}${"]".repeat(MAX_NESTING / 2 - 2)}`,
      ),
  },
];

export const SUGGESTIONS: Generated[] = [
  { name: "a 1 MB local name and 200 undeclared references", text: () => locals(`  ${"n".repeat(1_000_000)} = 1\n  x = [${list(200, (i) => `local.n${i}`)}]`) },
  { name: "200 undeclared names of 5,000 characters", text: () => locals(`  nnnn = 1\n  x = [${list(200, (i) => `local.${"n".repeat(5000)}${i}`)}]`) },
  {
    name: "30,000 undeclared references among 30,000 locals",
    text: () => locals(`${list(30_000, (i) => `  decl_${i} = 1`, "\n")}\n  x = [${list(30_000, (i) => `local.undecl_${i}`)}]`),
  },
];
