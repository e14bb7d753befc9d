import { describe, expect, it } from "vitest";
import { parseHcl } from "./parser.ts";
import { exprSource, functionCallsIn, getAttribute, getBlocks, staticValue, traversalAttrNames, traversalsIn } from "./ast.ts";
import type { Expression, Range } from "./ast.ts";

const r = (x: Range): string => `${x.start.line}:${x.start.column}-${x.end.line}:${x.end.column}`;

function expr(src: string): { e: Expression; text: string } {
  const text = `x = ${src}\n`;
  const p = parseHcl(text, "t.hcl");
  expect(p.diagnostics).toEqual([]);
  return { e: p.body.attributes[0]!.expr, text };
}

describe("syntax errors: exact messages and positions", () => {
  const cases: Array<[string, string, Array<[string, string]>]> = [
    ["unclosed block", 'source "a" "b" {\n  x = 1\n', [["expected `}` to close the block opened at 1:16", "3:1-3:1"]]],
    ["single quotes", "a = 'x'\n", [["single quotes are not valid in HCL; use double quotes", "1:5-1:6"]]],
    ["unterminated string", 'a = "abc\nb = 1\n', [["unterminated string", "1:5-1:9"]]],
    ["unclosed heredoc", "a = <<EOT\nline\n", [["unclosed heredoc `EOT` (opened at 1:5)", "1:5-3:1"]]],
    ["duplicate attribute", "a = 1\nb = 2\na = 3\n", [['Attribute redefined: "a" was already set at 1:1', "3:1-3:2"]]],
    ["unclosed list resyncs", "a = [1, 2\nb = 3\n", [["expected `,` or `]` in the list opened at 1:5, found `b`", "2:1-2:2"]]],
    ["missing comma in call", "a = f(1 2)\n", [["expected `,` or `)` in the call to `f` opened at 1:6, found number", "1:9-1:10"]]],
    ["missing value", "a = \n", [["expected an expression, found the end of the line", "1:5-2:1"]]],
    [
      "brace on attribute line",
      "a {\n  b = 1 }\n",
      [["expected a newline before `}`: the closing brace of a multi-line block goes on its own line", "2:9-2:10"]],
    ],
    [
      "two errors, two lines",
      "a = 1 b = 2\nc = @\n",
      [
        ["missing newline after argument `a`: found `b`", "1:7-1:8"],
        ["invalid character `@`", "2:5-2:6"],
      ],
    ],
    ["stray brace", "}\na = 1\n", [["unexpected `}`: there is no open block to close", "1:1-1:2"]]],
    ["broken interpolation: one error", 'a = "${x"\nb = 1\n', [["unterminated string", "1:9-1:10"]]],
    ["missing endif", 'a = "%{if x}y"\n', [["missing `%{endif}` for the `%{if}` at 1:6", "1:6-1:13"]]],
    ["bad escape", 'a = "\\q"\n', [["invalid escape sequence \\q", "1:6-1:8"]]],
    [
      "recovery inside a block, later blocks parse",
      "block {\n  a = = 1\n  b = 2\n  c = ]\n}\nother {\n}\n",
      [
        ["expected an expression, found `=`", "2:7-2:8"],
        ["expected an expression, found `]`", "4:7-4:8"],
      ],
    ],
    ["one-line block with nested block", "a { b { } }\n", [["a single-line block can contain only one argument, not a nested block", "1:5-1:6"]]],
    ["one-line block with two attrs", "a { b = 1 c = 2 }\n", [["expected `}` to close the single-line block opened at 1:3, found `c`", "1:11-1:12"]]],
    ["heredoc marker needs newline at EOF", "a = <<EOT\nx\nEOT", [["heredoc closing marker `EOT` must be followed by a newline", "3:1-3:4"]]],
    ["string as name", '"a" = 1\n', [["expected an attribute or block name, found a string", "1:1-1:2"]]],
    ["unicode columns", 'é中 = "ü\n', [["unterminated string", "1:6-1:8"]]],
    ["lone CR", "a = 1\rb = 2\n", [["invalid character U+000D", "1:6-1:7"]]],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const p = parseHcl(text, "t.pkr.hcl");
      expect(p.diagnostics.map((d) => [d.message, r(d.range)])).toEqual(want);
    });
  }
  it("later blocks still parse after an error", () => {
    const p = parseHcl('a {\n  x = = 1\n}\nsource "s" "n" {\n  y = 2\n}\n', "t");
    expect(p.diagnostics).toHaveLength(1);
    expect(getBlocks(p.body, "source")[0]!.body.attributes[0]!.name).toBe("y");
  });
});

describe("structure and positions", () => {
  it("blocks, labels, braces, attributes in source order", () => {
    const text = '# c\nsource "amazon-ebs" ubuntu {\n  region = "us-east-1"\n  tag { k = 1 }\n  ami = var.x\n}\n';
    const p = parseHcl(text, "t");
    expect(p.diagnostics).toEqual([]);
    const b = p.body.blocks[0]!;
    expect(b.type).toBe("source");
    expect(r(b.typeRange)).toBe("2:1-2:7");
    expect(b.labels.map((l) => [l.value, l.quoted, r(l.range)])).toEqual([
      ["amazon-ebs", true, "2:8-2:20"],
      ["ubuntu", false, "2:21-2:27"],
    ]);
    expect(r(b.openBraceRange)).toBe("2:28-2:29");
    expect(r(b.closeBraceRange!)).toBe("6:1-6:2");
    expect(r(b.range)).toBe("2:1-6:2");
    expect(b.body.items.map((i) => (i.kind === "Attribute" ? i.name : i.type))).toEqual(["region", "tag", "ami"]);
    const region = getAttribute(b.body, "region")!;
    expect(r(region.nameRange)).toBe("3:3-3:9");
    expect(r(region.expr.range)).toBe("3:12-3:23");
    expect(region.expr.range.start.offset).toBe(text.indexOf('"us-east-1"'));
  });

  it("columns count code points; CRLF and BOM", () => {
    const p = parseHcl('\ufeffé中x = 1\r\ny = "😀"\r\n', "t");
    expect(p.diagnostics).toEqual([]);
    expect(r(p.body.attributes[0]!.nameRange)).toBe("1:1-1:4");
    expect(r(p.body.attributes[1]!.expr.range)).toBe("2:5-2:8");
  });

  const exprCases: Array<[string, string, string]> = [
    ["1.5e3", "Literal", "1:5-1:10"],
    ['"a${b}c"', "Template", "1:5-1:13"],
    ["var.a.b[0]", "ScopeTraversal", "1:5-1:15"],
    ["f(a, b...)", "FunctionCall", "1:5-1:15"],
    ["[1, 2]", "Tuple", "1:5-1:11"],
    ["{ a = 1 }", "Object", "1:5-1:14"],
    ["a ? b : c", "Conditional", "1:5-1:14"],
    ["a + b * c", "BinaryOp", "1:5-1:14"],
    ["!a", "UnaryOp", "1:5-1:7"],
    ["[for x in y : x]", "For", "1:5-1:21"],
    ["a[*].b", "Splat", "1:5-1:11"],
    ["f().b", "GetAttr", "1:5-1:10"],
    ["(a)[0]", "Index", "1:5-1:11"],
    ["(a)", "Parens", "1:5-1:8"],
  ];
  for (const [src, kind, range] of exprCases) {
    it(`${kind}: ${src}`, () => {
      const { e, text } = expr(src);
      expect(e.kind).toBe(kind);
      expect(r(e.range)).toBe(range);
      expect(exprSource(text, e)).toBe(src);
    });
  }

  it("precedence: a + b * c", () => {
    const { e } = expr("a + b * c");
    expect(e.kind === "BinaryOp" && e.op === "+" && e.right.kind === "BinaryOp" && e.right.op === "*").toBe(true);
  });

  it("traversal steps with ranges", () => {
    const { e } = expr('local.m["k"].0.z');
    if (e.kind !== "ScopeTraversal") throw new Error(e.kind);
    expect(e.root).toBe("local");
    expect(e.steps.map((s) => [s.kind, r(s.range)])).toEqual([
      ["GetAttrStep", "1:10-1:12"],
      ["IndexStep", "1:12-1:17"],
      ["LegacyIndexStep", "1:17-1:19"],
      ["GetAttrStep", "1:19-1:21"],
    ]);
  });

  it("heredoc template with flush and strip markers", () => {
    const text = "x = <<-EOT\n    a ${b}\n      c\n    EOT\n";
    const p = parseHcl(text, "t");
    expect(p.diagnostics).toEqual([]);
    const e = p.body.attributes[0]!.expr;
    if (e.kind !== "Template") throw new Error(e.kind);
    expect(e.heredoc).toMatchObject({ marker: "EOT", flush: true });
    expect(r(e.heredoc!.closeRange!)).toBe("4:5-4:8");
    expect(e.parts.map((p) => (p.kind === "TemplateLiteral" ? p.value : p.kind))).toEqual(["a ", "TemplateInterpolation", "\n  c\n"]);
  });

  it("template directives", () => {
    const { e } = expr('"%{ if a ~} x %{~ else } y %{ endif }%{ for k, v in m }${k}%{ endfor }"');
    if (e.kind !== "Template") throw new Error(e.kind);
    const [iff, forr] = e.parts;
    expect(iff?.kind).toBe("TemplateIf");
    if (iff?.kind === "TemplateIf") {
      expect(iff.ifStrip).toEqual({ left: false, right: true });
      expect(iff.thenParts).toMatchObject([{ kind: "TemplateLiteral", value: "x" }]);
      expect(iff.elseParts).toMatchObject([{ kind: "TemplateLiteral", value: " y " }]);
    }
    expect(forr).toMatchObject({ kind: "TemplateFor", keyVar: { name: "k" }, valueVar: { name: "v" } });
  });
});

describe("helpers", () => {
  it("traversalsIn skips for-iterator variables and bare object keys", () => {
    const { e } = expr('{ k = [for s in var.subnets : s.id if s.ok && local.on], n = "${var.a}%{for x in local.xs}${x}%{endfor}" }');
    expect(traversalsIn(e).map((t) => [t.root, ...traversalAttrNames(t)].join("."))).toEqual(["var.subnets", "local.on", "var.a", "local.xs"]);
  });
  it("traversalsIn keeps references that merely share a name outside the for", () => {
    const { e } = expr("[s, [for s in x : s]]");
    expect(traversalsIn(e).map((t) => t.root)).toEqual(["s", "x"]);
  });
  it("functionCallsIn finds nested calls", () => {
    const { e } = expr('merge(var.t, { a = lower(upper("x")) })');
    expect(functionCallsIn(e).map((f) => f.name)).toEqual(["merge", "lower", "upper"]);
  });
  it("staticValue", () => {
    expect(staticValue(expr('{ a = [1, "x", true, null], "b" = -2, c = <<EOT\nhi\nEOT\n }').e)).toEqual({ a: [1, "x", true, null], b: -2, c: "hi\n" });
    expect(staticValue(expr('"$${HOME}"').e)).toBe("${HOME}");
    expect(staticValue(expr('"a${b}"').e)).toBeUndefined();
    expect(staticValue(expr("var.x").e)).toBeUndefined();
    expect(staticValue(expr("null").e)).toBeNull();
  });
});
