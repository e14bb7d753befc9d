/**
 * The formatter on hand-picked inputs. Each expected output is what Packer 1.6.6's
 * `packer fmt` writes, except where marked "today's Packer" (see format.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHcl } from "../hcl/parser.ts";
import { corpus } from "../../testing/hcl/testutil.ts";
import { formatHcl } from "./format.ts";
import { fmtTokens } from "./tokens.ts";
import { VARIANT_KINDS, randomTemplate, tokenShape, variant } from "../../testing/fmt/variants.ts";

const cases: Array<[string, string, string]> = [
  [
    "indents nested blocks by two spaces",
    'source "null" "a" {\ncommunicator = "none"\n    provisioner "x" {\n  a = 1\n      }\n}\n',
    'source "null" "a" {\n  communicator = "none"\n  provisioner "x" {\n    a = 1\n  }\n}\n',
  ],
  ["aligns = in runs of attributes; a blank line ends a run", "a = 1\nbbb = 2\n\ncc = 3\nd = 4\n", "a   = 1\nbbb = 2\n\ncc = 3\nd  = 4\n"],
  [
    "a multi-line value ends the run but its lines align among themselves",
    "a = 1\nlonger = {\n  x = 1\n  yyy = 2\n}\nb = 2\n",
    "a = 1\nlonger = {\n  x   = 1\n  yyy = 2\n}\nb = 2\n",
  ],
  ["aligns trailing comments of consecutive lines", "a = 1 # one\nbbb = 22 // two\n", "a   = 1  # one\nbbb = 22 // two\n"],
  ["a comment-only line is indented, not aligned", "x {\n      # note\n  a = 1\n}\n", "x {\n  # note\n  a = 1\n}\n"],
  [
    "spaces binary operators and commas, not brackets",
    'a = [ 1,2,3 ]\nb = f( x,y )\nc = 1+2*3\nd = x==y&&z\ne = { k = "v" }\nf = {}\n',
    'a = [1, 2, 3]\nb = f(x, y)\nc = 1 + 2 * 3\nd = x == y && z\ne = { k = "v" }\nf = {}\n',
  ],
  [
    "a minus after an operator or an opener is a negation; x-1 is a name",
    "a = -1\nb = 1 - -2\nc = [-1, -x]\nd = f(-1)\ne = x -1\nf = x-1\n",
    "a = -1\nb = 1 - -2\nc = [-1, -x]\nd = f(-1)\ne = x - 1\nf = x-1\n",
  ],
  ["no spaces around dots, index brackets or splats", "a = var . x [ 0 ] . y\nb = x[*].id\nc = f(x...)\n", "a = var.x[0].y\nb = x[*].id\nc = f(x...)\n"],
  [
    "for expressions: `in` before a tuple keeps its space",
    "a = [ for x in [ 1 ] : x if x>0 ]\nb = { for k, v in m : k => v }\n",
    "a = [for x in [1] : x if x > 0]\nb = { for k, v in m : k => v }\n",
  ],
  ["conditionals", "a = x ?1:2\n", "a = x ? 1 : 2\n"],
  [
    "interpolations lose their inner spaces; literal text is kept",
    'a = "${ var.x }  and  ${ f( 1,2 ) }"\nb = "%{ if x }yes%{ else }no%{ endif }"\n',
    'a = "${var.x}  and  ${f(1, 2)}"\nb = "%{if x}yes%{else}no%{endif}"\n',
  ],
  [
    "heredoc content and its closing marker are kept byte for byte",
    "x {\na = <<-EOT\n    keep   ${ y }  this\n  EOT\n}\n",
    "x {\n  a = <<-EOT\n    keep   ${y}  this\n  EOT\n}\n",
  ],
  ["heredoc in a run of attributes aligns by its first line", "a = 1\nbb = <<EOT\nx\nEOT\nc = 2\n", "a  = 1\nbb = <<EOT\nx\nEOT\nc  = 2\n"],
  ["blank lines are kept and emptied of spaces", "a = 1\n   \n\n\nb = 2\n", "a = 1\n\n\n\nb = 2\n"],
  ["tabs become spaces", "x {\n\ta\t=\t1\n}\n", "x {\n  a = 1\n}\n"],
  ["CR LF line endings are kept", "x {\r\na = 1\r\n  # c\r\n}\r\n", "x {\r\n  a = 1\r\n  # c\r\n}\r\n"],
  ["multi-line comments are kept; spaced like other tokens", "a = /* one */ 1\n/*\n  two\n*/\nb = 2\n", "a = /* one */ 1\n/*\n  two\n*/\nb = 2\n"],
  ["spaces at the end of the file are kept, a byte-order mark is not", "\ufeffa = 1\n  ", "a = 1\n  "],
  ["an object constructor in an interpolation keeps spaces at its braces", 'a = "${ {a=1} }"\n', 'a = "${ { a = 1 } }"\n'],
  ["a line that closes brackets is indented after closing them", "a = f(\n1,\n[2,\n3])\nb = 1\n", "a = f(\n  1,\n  [2,\n3])\nb = 1\n"],
  ["block labels and empty blocks", 'build   {\nsources=["a"]\n}\nlocals{}\n', 'build {\n  sources = ["a"]\n}\nlocals {}\n'],
  ["today's Packer: no space after !", "a = ! x\nb = !(x)\n", "a = !x\nb = !(x)\n"],
  ["an empty file stays empty", "", ""],
];

describe("formatHcl", () => {
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect(formatHcl(input)).toBe(expected);
    });
  }

  it("with spaceAfterBang, writes `! x` as Packer 1.6 did; nothing else changes", () => {
    expect(formatHcl("a = !x\nb = x != y\n", { spaceAfterBang: true })).toBe("a = ! x\nb = x != y\n");
  });

  it("aligns by characters as a person sees them, not by UTF-16 units", () => {
    expect(formatHcl('x = {\n"ü👍🏽" = 1\nab = 2\n}\n')).toBe('x = {\n  "ü👍🏽" = 1\n  ab   = 2\n}\n');
  });
});

describe("fmtTokens", () => {
  it("keeps every byte but the spaces between tokens and a byte-order mark", () => {
    const edges = [
      { file: "bom", text: "\ufeff a\t= 1 # c\n" },
      { file: "empty heredoc", text: "a = <<EOT\nEOT\n" },
      { file: "indented marker", text: "a = <<-EOT\n  x ${y} z\n\t  EOT \t\r\nb = 1 // end" },
      { file: "block comments", text: "/* a\n b */ x = 1 /* c */ # d\r\n\n\n# e" },
      { file: "heredoc in a sequence", text: 'a = "${<<EOT\nin\nEOT\n}"\n' },
    ];
    for (const { file, text } of [...corpus(), ...edges]) {
      let at = text.startsWith("\ufeff") ? 1 : 0;
      for (const [i, t] of fmtTokens(text).entries()) {
        const gap = text.slice(at, at + t.spaces - (i === 0 && at === 1 ? 3 : 0));
        expect(gap, `${file}: before token ${i}`).toMatch(/^[ \t]*$/);
        at += gap.length;
        expect(text.startsWith(t.text, at), `${file}: token ${i} ${JSON.stringify(t.text)} at ${at}`).toBe(true);
        at += t.text.length;
      }
      expect(at, file).toBe(text.length);
    }
  });

  it("is the parser's own scan: formatting from parseHcl's tokens is formatting from the text", () => {
    for (const { file, text } of corpus()) {
      const parsed = parseHcl(text, file);
      if (parsed.diagnostics.length > 0) continue;
      expect(formatHcl(text, {}, parsed), file).toBe(formatHcl(text));
    }
  });

  it("ends a heredoc only at a line that is its marker alone", () => {
    const types = fmtTokens("a = <<EOT\nEOT x\n$EOT\n  EOT  \nb = 1\n").map((t) => t.type);
    expect(types).toEqual(["Ident", "Equal", "OHeredoc", "StringLit", "StringLit", "CHeredoc", "Newline", "Ident", "Equal", "Number", "Newline", "EOF"]);
  });

  it("tells a closing brace of a template sequence from an object's", () => {
    const types = fmtTokens('a = "${ {b = 1}.b }"\n').map((t) => t.type);
    expect(types.slice(3, 12)).toEqual(["TemplateInterp", "OBrace", "Ident", "Equal", "Number", "CBrace", "Dot", "Ident", "TemplateSeqEnd"]);
  });
});

/** The parse tree without positions: what the template means. */
function meaning(text: string): unknown {
  const { body, diagnostics } = parseHcl(text, "x.pkr.hcl");
  return JSON.parse(JSON.stringify({ body, errors: diagnostics.length }, (key, value: unknown) => (/range$/i.test(key) ? undefined : value)));
}

describe("properties (fast-check)", () => {
  const texts = corpus()
    .map((c) => c.text)
    .filter((t) => !parseHcl(t, "x.pkr.hcl").diagnostics.some((d) => d.severity === "error"));
  const inputs = fc
    .oneof(
      fc
        .tuple(fc.constantFrom(...texts), fc.constantFrom(...VARIANT_KINDS), fc.integer({ min: 1, max: 1_000_000 }))
        .map(([text, kind, seed]) => variant(text, kind, seed)),
      fc.integer({ min: 1, max: 1_000_000 }).map((seed) => randomTemplate(seed)),
    )
    .filter((t) => !parseHcl(t, "x.pkr.hcl").diagnostics.some((d) => d.severity === "error"));

  it("formatting twice is formatting once", () => {
    fc.assert(
      fc.property(inputs, (text) => {
        const once = formatHcl(text);
        expect(formatHcl(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("the parsed template is the same before and after, apart from positions", () => {
    fc.assert(
      fc.property(inputs, (text) => {
        expect(meaning(formatHcl(text))).toEqual(meaning(text));
      }),
      { numRuns: 200 },
    );
  });

  it("no comment, heredoc or string byte is lost: only the spaces between tokens change", () => {
    fc.assert(
      fc.property(inputs, (text) => {
        expect(tokenShape(formatHcl(text))).toBe(tokenShape(text));
      }),
      { numRuns: 300 },
    );
  });
});
