/**
 * The evaluator against go-cty: expected values are go-cty's, read from its sources and tests
 * (go-cty v1.13 as Packer builds it: cty/function/stdlib/*_test.go, cty/convert, hclsyntax's
 * expression tests, go-cty-funcs, Packer's hcl2template/function). Each case gives an HCL
 * expression and what Packer computes: a value (with its go-cty type where it matters), an
 * unknown, or an error. Where this machine cannot reproduce go-cty for certain the evaluator
 * answers unknown, never a different value; those cases say so (`UNKNOWN_HERE`).
 */
import { describe, expect, it } from "vitest";
import { parseHcl } from "../../hcl/parser.ts";
import {
  DYN,
  EvalError,
  T_NUMBER,
  T_STRING,
  UNKNOWN,
  intV,
  listT,
  listV,
  mapV,
  nullV,
  objectV,
  setV,
  strV,
  toPlain,
  tupleV,
  typeName,
  unknownV,
  type V,
} from "./cty.ts";
import { evalExpr, type Scope } from "./evaluate.ts";
import { FUNCTIONS } from "../funcs/table.ts";
import { FUNCTION_IMPLS } from "./functions.ts";

const VARS: Record<string, V> = {
  s: strV("hello"),
  n: intV(5),
  unk: unknownV(T_STRING),
  unkn: unknownV(T_NUMBER),
  unklist: unknownV(listT(T_STRING)),
  dyn: DYN,
  nul: nullV(T_STRING),
  list: listV(T_STRING, [strV("a"), strV("b")]),
  partial: tupleV([strV("a"), unknownV(T_STRING)]),
  map: mapV(
    T_STRING,
    new Map([
      ["a", strV("1")],
      ["b", strV("2")],
    ]),
  ),
  obj: objectV(
    new Map<string, V>([
      ["name", strV("x")],
      ["size", intV(8)],
    ]),
  ),
  set: setV(T_STRING, [strV("b"), strV("a")]),
  objs: listV(objectV(new Map([["id", strV("")]])).t, [objectV(new Map([["id", strV("i-1")]])), objectV(new Map([["id", strV("i-2")]]))]),
};
const LOCALS: Record<string, string> = { doubled: "var.n * 2", names: "[for s in var.list : upper(s)]", self: "local.self" };

const evaluating = new Set<string>();
const scope: Scope = {
  variable: (n) => VARS[n] ?? DYN,
  local: (n) => {
    if (!LOCALS[n] || evaluating.has(n)) return DYN;
    evaluating.add(n);
    try {
      return evalExpr(parse(LOCALS[n]!), scope);
    } finally {
      evaluating.delete(n);
    }
  },
};

function parse(src: string) {
  const { body, diagnostics } = parseHcl(`x = ${src}\n`, "case.pkr.hcl");
  if (diagnostics.length > 0) throw new Error(`does not parse: ${src}: ${diagnostics[0]!.message}`);
  return body.attributes[0]!.expr;
}

type Outcome = { value: unknown; type: string } | { error: string };
function run(src: string): Outcome {
  try {
    const v = evalExpr(parse(src), scope);
    return { value: toPlain(v, true), type: typeName(v.t) };
  } catch (e) {
    if (e instanceof EvalError) return { error: e.message };
    throw e;
  }
}

const ERROR = Symbol("error");
/** Unknown here although go-cty knows it: this machine cannot reproduce the value for certain. */
const UNKNOWN_HERE = Symbol("unknown here");
type Expect = unknown;

function check(src: string, want: Expect, type?: string): void {
  const got = run(src);
  if (want === ERROR || want instanceof RegExp) {
    expect(got, src).toHaveProperty("error");
    if (want instanceof RegExp) expect((got as { error: string }).error, src).toMatch(want);
    return;
  }
  expect(got, src).toHaveProperty("value");
  const value = (got as { value: unknown }).value;
  if (want === UNKNOWN_HERE || want === UNKNOWN) expect(value, src).toBe(UNKNOWN);
  else expect(value, src).toEqual(want);
  if (type) expect((got as { type: string }).type, src).toBe(type);
}

function table(name: string, cases: Array<[string, Expect, string?]>): void {
  describe(name, () => {
    for (const [src, want, type] of cases) it(src, () => check(src, want, type));
  });
}

table("literals, templates and conversions", [
  ["1.5", 1.5, "number"],
  ['"a${1}"', "a1", "string"],
  ['"${1}"', 1, "number"], // a lone interpolation keeps its type
  ['"${true}-${1.25}"', "true-1.25"],
  ['"x${var.nul}"', ERROR], // null in a template
  ['"${var.nul}"', null], // a lone interpolation is the value itself
  ['"a${var.unk}"', UNKNOWN, "string"],
  ['"x${[1]}"', ERROR], // a tuple is not a string
  ['"%{if true}yes%{else}no%{endif}"', "yes"],
  ['"%{for x in ["a","b"]}${x},%{endfor}"', "a,b,"],
  ['"%{for x in var.unklist}${x}%{endfor}"', UNKNOWN],
  ['"%{if var.unk == "x"}a%{endif}"', UNKNOWN],
  ["0.1 + 0.2 == 0.3", UNKNOWN_HERE], // go-cty rounds twice in 512 bits; not reproducible here
  ['"v${0.1 + 0.2}"', UNKNOWN_HERE],
  ['"v${1/4}"', "v0.25"],
  ['"v${10/4}"', "v2.5"],
  ['"v${1/3}"', UNKNOWN_HERE],
  ['"v${1/0}"', "v+Inf"],
  ["0/0", ERROR],
  ['"v${2 * 1.5}"', "v3"],
  ['"v${1e3}"', "v1000"],
  ['"v${12345678901234567890}"', "v12345678901234567890"],
  ['"v${-0}"', "v-0"], // big.Float keeps the sign of zero
  ["7 % 3", 7 % 3],
  ["-7 % 3", -1], // the sign of the dividend
  ["7 % 0", 7], // go-cty returns the dividend
  ['"5" + 1', 6, "number"],
  ['"x" + 1', ERROR],
  ["null + 1", ERROR],
  ["var.unkn + 1", UNKNOWN, "number"],
  ["var.dyn + 1", UNKNOWN, "number"],
  ["!true", false],
  ['!"true"', false],
  ["-var.n", -5],
  ["!var.dyn", UNKNOWN],
  ['"1" == 1', false], // different types are never equal
  ["[1] == [1]", true],
  ["tolist == null", UNKNOWN], // a root Packer does not know is unknown
  ['var.list == ["a", "b"]', false], // a list is not a tuple
  ["var.nul == null", true],
  ["var.unk == null", UNKNOWN],
  ["var.unk == 1", false], // a known number and an unknown string differ by type
  ["var.dyn == 1", UNKNOWN],
  ["{a = 1} == {a = 1}", true],
  ["1 < 2", true],
  ['"10" > 9', true],
  ["var.unkn < 2", UNKNOWN],
  ["null < 1", ERROR],
]);

table("logic short circuits as HCL's", [
  ["true || var.dyn", true],
  ["var.dyn || true", true],
  ["false && var.dyn", false],
  ["var.dyn && false", false],
  ["var.dyn && true", UNKNOWN],
  ["false && local.undeclared", false],
  ['false && "x"', ERROR], // the operand still converts to bool
  ["true && null", ERROR],
  ["false || (1 == 1)", true],
]);

table("conditionals", [
  ["true ? 1 : 2", 1],
  ['true ? 1 : "a"', "1", "string"], // both results unify to string
  ['false ? "a" : 1', "1", "string"],
  ["var.dyn ? 1 : 2", UNKNOWN, "number"],
  ['var.unk == "x" ? 1 : 2', UNKNOWN],
  ["null ? 1 : 2", ERROR],
  ['"yes" ? 1 : 2', ERROR],
  ['"true" ? 1 : 2', 1],
  ["true ? [1] : {a = 1}", ERROR], // no common type
  ["true ? null : 1", null, "number"],
  ["true ? 1 : local.undeclared", 1], // an unknown of any type does not change the chosen result
  ["false ? (1 / 0 > 0 ? 1 : 0) : 3", 3],
  ['true ? "ok" : upper(null)', "ok"], // the other result's error is not reported
  ['false ? "ok" : upper(null)', ERROR],
]);

table("references, traversal, index", [
  ["var.s", "hello"],
  ["var.undeclared", UNKNOWN],
  ["local.doubled", 10],
  ["local.names", ["A", "B"]],
  ["local.self", UNKNOWN], // a cycle
  ["data.amazon-ami.x.id", UNKNOWN],
  ["source.amazon-ebs.x.name", UNKNOWN],
  ["path.root", UNKNOWN],
  ["var.obj.name", "x"],
  ["var.obj.missing", ERROR],
  ['var.obj["size"]', 8],
  ["var.map.a", "1"],
  ["var.map.c", ERROR],
  ['var.map["c"]', ERROR],
  ["var.list[1]", "b"],
  ['var.list["1"]', "b"],
  ["var.list[2]", ERROR],
  ["var.list[-1]", ERROR],
  ["var.list[0.5]", ERROR],
  ["var.list.0", "a"],
  ["var.unklist[0]", UNKNOWN, "string"],
  ["var.set[0]", ERROR],
  ["var.s.x", ERROR],
  ["var.nul.x", ERROR],
  ["var.dyn.x.y[3]", UNKNOWN],
  ["var.partial[0]", "a"],
  ["var.partial[1]", UNKNOWN],
  ["[1, 2][var.unkn]", UNKNOWN],
  ["{a = 1}[var.unk]", UNKNOWN],
]);

table("for expressions and splats", [
  ["[for x in [1, 2, 3] : x * 2]", [2, 4, 6], "tuple"],
  ['[for i, x in ["a", "b"] : "${i}${x}"]', ["0a", "1b"]],
  ["[for x in [1, 2, 3] : x if x > 1]", [2, 3]],
  ["{for k, v in {b = 2, a = 1} : v => k}", { "1": "a", "2": "b" }, "object"],
  ['{for x in ["a", "b", "a"] : x => x...}', { a: ["a", "a"], b: ["b"] }],
  ['{for x in ["a", "a"] : x => 1}', ERROR], // duplicate key without grouping
  ["[for x in var.unklist : x]", UNKNOWN],
  ["[for x in var.dyn : x]", UNKNOWN],
  ["[for x in null : x]", ERROR],
  ["[for x in 1 : x]", ERROR],
  ["[for x in var.partial : x]", ["a", UNKNOWN]], // the known length is kept
  ["length([for x in var.partial : x])", 2],
  ["[for x in [1, var.unkn] : x if x > 0]", UNKNOWN],
  ["[for x in [1, 2] : x if null]", ERROR],
  ['{for x in var.list : x => x if x != "a"}', { b: "b" }],
  ["[for k, v in var.map : k]", ["a", "b"]],
  ["[for v in var.set : v]", ["a", "b"]], // sets iterate in order
  ["var.objs[*].id", ["i-1", "i-2"], "list(string)"],
  ["var.objs.*.id", ["i-1", "i-2"]],
  ["var.obj[*].name", ["x"], "tuple"], // a non-sequence becomes a one-element tuple
  ["var.nul[*]", [], "tuple"],
  ["var.dyn[*].id", UNKNOWN],
  ["var.unklist[*]", UNKNOWN],
  ["var.objs[*].missing", ERROR],
]);

table("collection functions", [
  ["length(var.list)", 2],
  ['length("noël")', 4],
  ["length(var.partial)", 2], // a known list with unknown elements has a known length
  ["length(var.unklist)", UNKNOWN],
  ["length(var.obj)", 2],
  ["length(null)", ERROR],
  ["length(1)", ERROR],
  ["length(var.dyn)", UNKNOWN],
  ['concat(["a"], ["b", 1])', ["a", "b", 1], "tuple"],
  ['concat(var.list, ["c"])', ["a", "b", "c"], "tuple"],
  ["concat(var.list, var.list)", ["a", "b", "a", "b"], "list(string)"],
  ["concat(var.list, var.unklist)", UNKNOWN],
  ['concat(var.partial, ["c"])', ["a", UNKNOWN, "c"]],
  ['concat(["a"], "b")', ERROR],
  ["concat(null)", ERROR],
  ['contains(["a", "b"], "b")', true],
  ['contains(["a", "b"], "c")', false],
  ['contains(["1"], 1)', false], // go-cty compares by type too
  ["contains([], 1)", false],
  ['contains(var.partial, "z")', UNKNOWN],
  ['contains(var.partial, "a")', true],
  ['contains(var.unklist, "a")', UNKNOWN],
  ['contains({a = 1}, "a")', ERROR],
  ['coalesce("", "b")', "b"], // go-cty-funcs skips empty strings
  ['coalesce(null, "a")', "a"],
  ['coalesce(1, "x")', "1", "string"],
  ['coalesce(var.unk, "a")', UNKNOWN],
  ['coalesce(var.nul, var.unk, "a")', UNKNOWN],
  ['coalesce(null, "")', ERROR],
  ["coalesce(1, [])", ERROR],
  ['coalescelist([], ["a"])', ["a"]],
  ["coalescelist(null, [1])", ERROR], // null has no list type
  ["coalescelist([], [])", ERROR],
  ['compact(["a", "", null, "b"])', ["a", "b"]],
  ["compact(var.partial)", UNKNOWN],
  ['distinct(["a", "b", "a"])', ["a", "b"], "list(string)"],
  ["distinct(var.partial)", UNKNOWN],
  ['element(["a", "b"], 3)', "b"],
  ['element(["a", "b"], -1)', ERROR],
  ["element([], 0)", ERROR],
  ['element(["a"], 0.5)', ERROR],
  ["flatten([[1, [2]], 3])", [1, 2, 3]],
  ["flatten([])", []],
  ["flatten([var.unklist])", UNKNOWN],
  ['flatten("a")', ERROR],
  ['index(["a", "b"], "b")', 1],
  ['index(["a"], "z")', ERROR],
  ['index([], "z")', ERROR],
  ['index(var.partial, "z")', UNKNOWN],
  ["keys({b = 1, a = 2})", ["a", "b"], "tuple"],
  ["keys(var.map)", ["a", "b"], "list(string)"],
  ["keys([1])", ERROR],
  ["values({b = 1, a = 2})", [2, 1]],
  ['lookup({a = 1}, "a", 0)', 1],
  ['lookup({a = 1}, "b", 0)', 0],
  ['lookup(var.map, "z", "d")', "d"],
  ['lookup(var.map, "z", 1)', "1"], // the default converts to the element type
  ['lookup(var.map, "a", [])', ERROR],
  ['lookup({a = 1}, "b")', ERROR], // Packer's lookup takes three arguments
  ['lookup({a = 1}, "a", null)', ERROR], // the default must not be null
  ['merge({a = 1}, {b = "x"})', { a: 1, b: "x" }, "object"],
  ['merge(var.map, {c = "3"})', { a: "1", b: "2", c: "3" }],
  ["merge(var.map, var.map)", { a: "1", b: "2" }, "map(string)"],
  ["merge(null, {a = 1})", { a: 1 }],
  ["merge()", {}],
  ["merge([1])", ERROR],
  ["merge({a = 1}, var.dyn)", UNKNOWN],
  ["reverse([1, 2, 3])", [3, 2, 1]],
  ['reverse("a")', ERROR],
  ["slice([1, 2, 3], 1, 3)", [2, 3]],
  ["slice([1, 2, 3], 2, 1)", ERROR],
  ["slice([1, 2, 3], 0, 4)", ERROR],
  ["slice(var.set, 0, 1)", ERROR],
  ['sort(["b", "a", "B"])', ["B", "a", "b"]],
  ["sort(var.partial)", UNKNOWN],
  ['sort(["a", null])', ERROR],
  ['zipmap(["a", "b"], [1, "x"])', { a: 1, b: "x" }, "object"],
  ['zipmap(["a"], [1, 2])', ERROR],
  ['zipmap(["a", "b"], var.list)', { a: "a", b: "b" }, "map(string)"],
  ["chunklist([1, 2, 3], 2)", [[1, 2], [3]]],
  ["chunklist([1, 2], 0)", [[1, 2]]],
  ["chunklist([1], -1)", ERROR],
  [
    'setproduct(["a", "b"], [1])',
    [
      ["a", 1],
      ["b", 1],
    ],
  ],
  ["setproduct([1])", ERROR],
  ['setunion(["b"], ["a", "b"])', ["a", "b"], "set(string)"],
  ['setintersection(["a", "b"], ["b", "c"])', ["b"]],
  ['setintersection(var.partial, ["a"])', UNKNOWN],
  ["range(3)", [0, 1, 2], "list(number)"],
  ["range(1, 4)", [1, 2, 3]],
  ["range(4, 1)", [4, 3, 2]],
  ["range(0, 1, 0.25)", [0, 0.25, 0.5, 0.75]],
  ["range(-2)", [0, -1]],
  ["range(1, 0, 1)", ERROR],
  ["range(0, 2000)", ERROR], // more than 1024 values
  ['alltrue([true, "true"])', true],
  ["alltrue([])", true],
  ["alltrue([true, false, var.dyn])", false],
  ["alltrue([true, var.dyn])", UNKNOWN],
  ["anytrue([false, true])", true],
  ["anytrue([var.dyn, false])", UNKNOWN],
  ["anytrue([])", false],
  ["sum([1, 2, 3.5])", 6.5],
  ['sum(["1", 2])', 3],
  ["sum([])", ERROR],
  ['sum(["a"])', ERROR],
  ["sum([null])", ERROR],
  ["sum({a = 1})", ERROR],
]);

table("string functions", [
  ['upper("abc")', "ABC"],
  ['lower("ÀB")', "àb"],
  ['upper("straße")', UNKNOWN_HERE], // Go maps ß to itself, JavaScript to SS
  ["upper(var.unk)", UNKNOWN],
  ["upper(null)", ERROR],
  ["upper(1)", "1"],
  ["upper([])", ERROR],
  ['title("hello world-foo_bar")', "Hello World-Foo_bar"],
  ['trimspace("  a \\n")', "a"],
  ['trim("?!hello?!", "!?")', "hello"],
  ['trimprefix("helloworld", "hello")', "world"],
  ['trimsuffix("helloworld", "world")', "hello"],
  ['chomp("hello\\r\\n\\n")', "hello"],
  ['chomp("a\\nb")', "a\nb"],
  ['replace("1 + 2 + 3", "+", "-")', "1 - 2 - 3"],
  ['replace("hello", "/l+/", "L")', "hello"], // go-cty's replace is literal, not a regex
  ['replace("ab", "", "-")', "-a-b-"],
  ['split(",", "a,b,,c")', ["a", "b", "", "c"], "list(string)"],
  ['split(",", "")', [""]],
  ['split("", "abc")', ["a", "b", "c"]],
  ['join("-", ["a", "b"], ["c"])', "a-b-c"],
  ['join("-", [])', ""],
  ['join("-", ["a", null])', ERROR],
  ['join("-", var.partial)', UNKNOWN],
  ['join("-")', ERROR],
  ['substr("hello", 1, 3)', "ell"],
  ['substr("hello", 1, -1)', "ello"],
  ['substr("hello", -3, 2)', "ll"],
  ['substr("hello", 10, 10)', ""],
  ['substr("noël", 3, -1)', "l"],
  ['substr("noël", -2, -1)', "ël"],
  ['substr("hello", 0.5, 1)', ERROR],
  ['substr("😸😾", 1, 1)', UNKNOWN_HERE], // emoji clusters: Unicode changed them after textseg's version
  ['strrev("abc")', "cba"],
  ['indent(2, "a\\nb")', "a\n  b"],
  ['indent(-1, "a")', ERROR],
  ['startswith("hello", "he")', true],
  ['endswith("hello", "lo")', true],
  ['strcontains("hello", "ell")', true],
  ['strcontains("hello", var.unk)', UNKNOWN],
]);

table("number functions", [
  ["abs(-1.5)", 1.5],
  ["ceil(1.2)", 2],
  ["ceil(-1.2)", -1],
  ["floor(-1.2)", -2],
  ["floor(3)", 3],
  ["max(1, 7, 3)", 7],
  ['max("4", 2)', 4],
  ["min(4, -2)", -2],
  ["max()", ERROR],
  ["max(1, var.unkn)", UNKNOWN],
  ["signum(-9)", -1],
  ["signum(0)", 0],
  ["signum(1.5)", ERROR], // go-cty reads an int
  ['parseint("ff", 16)', 255],
  ['parseint("-1010", 2)', -10],
  ['parseint("FF", 10)', ERROR],
  ['parseint("z", 62)', 35],
  ['parseint("Z", 62)', 61],
  ["parseint(12, 10)", ERROR], // the first argument must be a string
  ['parseint("1", 1)', ERROR],
  ["pow(2, 10)", 1024],
  ['"v${pow(2, 0.5)}"', UNKNOWN_HERE],
  ["log(-1, 10)", ERROR],
]);

table("encoding functions", [
  ['base64encode("Hello")', "SGVsbG8="],
  ['base64decode("SGVsbG8=")', "Hello"],
  ['base64decode("SGVsbG8")', ERROR], // padding is required
  ['base64decode("/w==")', ERROR], // not UTF-8
  ['jsonencode({b = [1, "x", true, null], a = "<&>"})', '{"a":"\\u003c\\u0026\\u003e","b":[1,"x",true,null]}'],
  ["jsonencode(1.5)", "1.5"],
  ["jsonencode(1e21)", "1000000000000000000000"],
  ["jsonencode(null)", "null"],
  ["jsonencode(var.partial)", UNKNOWN],
  ['jsondecode("{\\"a\\": [1, \\"b\\"]}")', { a: [1, "b"] }, "object"],
  ['jsondecode("null")', null],
  ['jsondecode("1 2")', ERROR],
  ['jsondecode("")', ERROR],
  ['csvdecode("a,b\\n1,2\\n")', [{ a: "1", b: "2" }], "list(object)"],
  ['csvdecode("a,b\\n1")', ERROR],
  ['csvdecode("a,a\\n1,2")', ERROR],
  ['csvdecode("")', ERROR],
  ['csvdecode("a\\n\\"x\\"\\"y\\"")', [{ a: 'x"y' }]],
  ['urlencode("a b&c/é")', "a+b%26c%2F%C3%A9"],
  ['md5("hello world")', "5eb63bbbe01eeed093cb22bb8f5acdc3"],
  ['sha1("hello world")', "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"],
  ['sha256("hello world")', "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"],
  ['uuidv5("dns", "www.terraform.io")', "a5008fae-b28c-5ba5-96cd-82b4c53552d6"],
  ['uuidv5("url", "https://www.terraform.io/")', "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"],
  ['uuidv5("not-a-namespace", "x")', ERROR],
  ['textencodebase64("Hello", "UTF-8")', "SGVsbG8="],
  ['textencodebase64("é", "ISO-8859-1")', "6Q=="],
  ['textencodebase64("€", "ISO-8859-1")', ERROR],
  ['textdecodebase64("6Q==", "ISO-8859-1")', "é"],
]);

table("regular expressions (RE2)", [
  ['regex("[a-z]+", "53453453.345345aaabbbccc23454")', "aaabbbccc"],
  ['regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")', ["2019", "02", "01"], "tuple"],
  ['regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")', { authority: "terraform.io", scheme: "https" }, "object"],
  ['regex("[a-z]+", "123")', ERROR],
  ['regex("(a)(?P<b>b)", "ab")', ERROR], // named and unnamed groups mixed
  ['regex("a(b)?", "a")', [null]], // a group that took no part is null
  ['regexall("[a-z]+", "1234abcd5678efgh9")', ["abcd", "efgh"], "list(string)"],
  ['regexall("[a-z]+", "123")', []],
  ['regexall("a*", "baaa")', ["", "aaa"]], // an empty match right after a match is skipped
  ['regex_replace("hello world", "o", "0")', "hell0 w0rld"],
  ['regex_replace("abc", "(b)", "[$1]")', "a[b]c"],
  ['regex_replace("abc", "(b)", "$1x")', "ac"], // $1x names a group "1x", which is empty
  ['regex_replace("abc", "(b)", "$${1}x")', "abxc"],
  ['regex_replace("abc", "", "-")', "-a-b-c-"],
  ['regex("(?i)HELLO", "say hello")', "hello"],
  ['regex(".", "\\r")', "\r"], // Go's dot matches a carriage return
  ['regex("\\\\s+", "a\\u00a0b")', ERROR], // Go's \\s is ASCII only
  ['regex("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")', UNKNOWN_HERE], // could backtrack without bound here
]);

table("date and time", [
  ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', "02 Jan 2018 23:12 UTC"],
  ['formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00")', "Tuesday, 02-Jan-18 23:12:01 -0800"],
  ['formatdate("h\'h\'mm", "2018-01-02T23:12:01-08:00")', "23h12"],
  ['formatdate("H:mm aa", "2018-01-02T23:12:01Z")', "11:12 pm"],
  ['formatdate("H:mm a", "2018-01-02T23:12:01Z")', ERROR], // am/pm is "aa" or "AA"
  ['formatdate("YYY", "2018-01-02T23:12:01Z")', ERROR],
  ['formatdate("YYYY", "2018-01-02")', ERROR],
  ['timeadd("2017-11-22T00:00:00Z", "10m")', "2017-11-22T00:10:00Z"],
  ['timeadd("2017-11-22T00:00:00Z", "-1.5h")', "2017-11-21T22:30:00Z"],
  ['timeadd("2017-11-22T00:00:00+01:00", "1h")', "2017-11-22T01:00:00+01:00"],
  ['timeadd("2017-11-22T00:00:00Z", "1d")', ERROR],
  ['rfc3339_parse("2023-07-25T23:43:16Z").iso_week', 30],
  ['rfc3339_parse("2023-07-25T23:43:16Z").weekday_name', "Tuesday"],
  ['rfc3339_parse("2023-07-25 23:43:16-02:00").hour', 23],
  ["unix_timestamp_parse(1690328596).year_day", 206],
  ["unix_timestamp_parse(1.5)", ERROR],
  ["timestamp()", UNKNOWN],
]);

table("networks (go-cty-funcs cidr, examples from its documentation)", [
  ['cidrhost("10.12.112.0/20", 16)', "10.12.112.16"],
  ['cidrhost("10.12.112.0/20", 268)', "10.12.113.12"],
  ['cidrhost("10.12.112.0/20", -1)', "10.12.127.255"],
  ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', "fd00:fd12:3456:7890::22"],
  ['cidrhost("10.0.0.0/30", 4)', ERROR],
  ['cidrnetmask("172.16.0.0/12")', "255.240.0.0"],
  ['cidrsubnet("172.16.0.0/12", 4, 2)', "172.18.0.0/16"],
  ['cidrsubnet("10.1.2.0/24", 4, 15)', "10.1.2.240/28"],
  ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', "fd00:fd12:3456:7800:a200::/72"],
  ['cidrsubnet("10.1.2.0/24", 4, 16)', ERROR],
  ['cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]],
  ['cidrnetmask("10.0.0.0")', ERROR],
  ['cidrnetmask("010.0.0.0/8")', ERROR],
]);

table("format and formatlist (go-cty's format_test.go)", [
  ['format("100%% successful")', "100% successful"],
  ['format("string %v", "hello")', "string hello"],
  ['format("string %[2]v", true, "hello")', "string hello"],
  ['format("string %#v", "hello")', 'string "hello"'],
  ['format("number %v", 2)', "number 2"],
  ['format("%v", 1000000)', "1e+06"],
  ['format("bool %v", true)', "bool true"],
  ['format("object %v", {})', "object {}"],
  ['format("%v", var.nul)', "null"],
  ['format("%s", var.nul)', ERROR],
  ['format("%v", null)', UNKNOWN], // a literal null has no type: go-cty gives up before formatting
  ['format("%10s|%-10s|", "hello", "hello")', "     hello|hello     |"],
  ['format("%.2s %6.2q", "hello", "hello")', 'he   "he"'],
  ['format("%q", "Hello\\nWorld")', '"Hello\\nWorld"'],
  ['format("%d green bottles", 10)', "10 green bottles"],
  ['format("%[2]d things", 1, 10)', "10 things"],
  ['format("%+d|% d|%5d|%-5d|%05d", 10, 10, 10, 10, 10)', "+10| 10|   10|10   |00010"],
  ['format("%b %o %x %X", 5, 9, 254, 254)', "101 11 fe FE"],
  ['format("%d", 1.5)', ERROR],
  ['format("%f things", 10)', "10.000000 things"],
  ['format("%+f things", -10)', "-10.000000 things"],
  ['format("%f things", "100000000000000000000000000000000000001")', "100000000000000000000000000000000000001.000000 things"],
  ['format("%.4f things", "1.00000000000000000000000000000000000001")', "1.0000 things"],
  ['format("%.1f things", "1.06")', "1.1 things"],
  ['format("%e things", 1000)', "1.000000e+03 things"],
  ['format("%g things", 1000)', "1000 things"],
  ['format("%g things", "0.00000000000000000000001")', "1e-23 things"],
  ['format("%G things", "0.00000000000000000000001")', "1E-23 things"],
  ['format("Hello, %s!", var.unk)', UNKNOWN],
  ['format("%s is not in the args list")', ERROR],
  ['format("%v %v %v", true, true)', ERROR],
  ['format("%z", 10)', ERROR],
  ['format("no verbs", 10)', ERROR],
  ['format("%t", "true")', "true"],
  ['formatlist("%s=%s", ["a", "b"], ["1", "2"])', ["a=1", "b=2"], "list(string)"],
  ['formatlist("%s-%s", ["a", "b"], "x")', ["a-x", "b-x"]],
  ['formatlist("%s", ["a", "b"], ["c"])', ERROR],
  ['formatlist("%s", var.unklist)', UNKNOWN],
  ['formatlist("%s", var.partial)', ["a", UNKNOWN]],
  ['formatlist("x")', ["x"]],
]);

table("try, can, convert", [
  ['try(var.obj.missing, "d")', "d"],
  ['try(var.obj.name, "d")', "x"],
  ['try(var.dyn, "d")', UNKNOWN], // unknown is not a failure
  ['try(var.partial, "d")', UNKNOWN],
  ["try(var.obj.missing, var.obj.none)", ERROR],
  ["can(var.obj.missing)", false],
  ["can(var.obj.name)", true],
  ["can(var.dyn)", UNKNOWN],
  ['can(regex("^ami-", "ami-1"))', true],
  ['can(regex("^ami-", "x"))', false],
  ["can(local.undeclared)", UNKNOWN], // REF-01 reports it; unknown for everyone else
  ['convert(["a", 1], list(string))', ["a", "1"], "list(string)"],
  ["convert({a = 1}, map(string))", { a: "1" }, "map(string)"],
  ['convert("x", number)', ERROR],
  ["convert(null, string)", null, "string"],
  ['convert(["a", "a"], set(string))', ["a"], "set(string)"],
  ['convert({a = "x"}, object({a = string, b = optional(number)}))', { a: "x", b: null }],
  ['convert("1", bool)', true],
  ['convert("True", bool)', ERROR],
]);

table("unknown by nature: the result is unknown, the argument checks are Packer's", [
  ['file("x")', UNKNOWN],
  ["file(null)", ERROR],
  ["file([])", ERROR],
  ['fileexists("x")', UNKNOWN, "bool"],
  ["uuidv4()", UNKNOWN],
  ['bcrypt("x")', UNKNOWN],
  ['vault("a", "b")', UNKNOWN],
  ['aws_secretsmanager("a", "b")', UNKNOWN],
  ['env("HOME")', UNKNOWN], // env() outside a variable default: REF-03 reports it
  ["nosuchfunction(1)", UNKNOWN],
  ['upper("a", "b")', ERROR],
  ["upper()", ERROR],
  ['concat([["a"], ["b"]]...)', ["a", "b"]],
  ['concat(["a"]...)', ERROR], // expands to concat("a")
  ["max([1, 5]...)", 5],
  ["max(var.dyn...)", UNKNOWN],
  ['max("a"...)', ERROR],
]);

describe("safety", () => {
  it("deep nesting gives unknown, not a stack overflow", () => {
    const deep = "(".repeat(2000) + "1" + ")".repeat(2000);
    const { body } = parseHcl(`x = ${deep}\n`, "deep.pkr.hcl");
    const expr = body.attributes[0]?.expr;
    if (expr) expect(toPlain(evalExpr(expr, scope))).toBe(UNKNOWN);
  });
  it("a pattern that could backtrack without bound is not run", () => {
    const t0 = Date.now();
    check('regex("(x+x+)+y", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")', UNKNOWN_HERE);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe("coverage of Packer's function table", () => {
  it("every function is implemented or says why its result is unknown", () => {
    const special = new Set(["try", "can", "convert"]);
    for (const name of Object.keys(FUNCTIONS)) {
      if (special.has(name)) continue;
      const f = FUNCTION_IMPLS[name];
      expect(f, name).toBeDefined();
      expect(Boolean(f!.impl) !== Boolean(f!.unknown), name).toBe(true);
    }
  });
});
