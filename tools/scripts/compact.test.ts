import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { runInNewContext } from "node:vm";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { compact } from "./compact.ts";

/** Every syntax node of `code` as "kind text", trivia and positions left out. */
function syntax(code: string, kind: ts.ScriptKind): string[] {
  const file = ts.createSourceFile("x", code, ts.ScriptTarget.Latest, false, kind);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length > 0) throw new Error(`does not parse: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    let text = "";
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) text = node.text;
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) text = JSON.stringify(node.text);
    // A regular expression's non-ASCII characters come back as \u escapes.
    else if (ts.isRegularExpressionLiteral(node)) text = node.text.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    out.push(`${ts.SyntaxKind[node.kind]} ${text}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

function isAscii(s: string): boolean {
  return [...s].every((c) => c.charCodeAt(0) < 0x80);
}

describe("compact", () => {
  test.each([
    [
      "comments and indentation go; line breaks between statements stay",
      "// a\nconst a = 1; /* b */\n\n\n  if (a) {\n    f(a); // c\n  }\n",
      "const a = 1;\nif (a) {\nf(a);\n}\n",
    ],
    ["a block comment between tokens on one line is a blank", "a/* x */in b", "a in b\n"],
    ["a block comment over lines is a line break (ASI)", "a /*\n*/ b", "a\nb\n"],
    ["non-ASCII in strings becomes \\u escapes", 'const s = "pass -var x=\u2026"', 'const s = "pass -var x=\\u2026"\n'],
    ["an identity escape of a non-ASCII character", "'\\\u00e9'", "'\\u00e9'\n"],
    ["templates, nested substitutions and braces inside them", "`a ${ {b: `c ${d}\u2014`}.b } e`", "`a ${ {b: `c ${d}\\u2014`}.b } e`\n"],
    ["a template keeps its line breaks and blanks", "x = `a\n    b  c`", "x = `a\n    b  c`\n"],
    ["a regular expression with a class holding / and quotes", "r = /[/\"']+\u2026/g.test(s)", "r = /[/\"']+\\u2026/g.test(s)\n"],
    ["division after a name, a literal and a closing bracket", "a = b / c / (d) / e[0] / 2", "a = b / c / (d) / e[0] / 2\n"],
    ["a regular expression after return and an operator", "return /x y/.test(a) || /z/.test(b)", "return /x y/.test(a) || /z/.test(b)\n"],
    ["a property named like a keyword divides", "n = x.return / 2 / x.in", "n = x.return / 2 / x.in\n"],
    ["non-ASCII blanks left by type stripping are blanks", "let a\u2002\u2002= 1", "let a = 1\n"],
    [
      "comment markers inside strings and regular expressions are text",
      "s = '// no' + \"/* no */\" + /\\/\\//.source",
      "s = '// no' + \"/* no */\" + /\\/\\//.source\n",
    ],
  ])("%s", (_name, input, output) => {
    expect(compact(input)).toBe(output);
  });

  test("the result runs the same", () => {
    const code = [
      "const out = [];",
      "let x = 1",
      "  ;(function () { out.push(x) })()", // a line starting with ( after a line with no semicolon
      "const t = `${x} \u2026 ${`${x + 1}`}`;",
      "out.push(t, /\u00e9+/.test('\u00e9\u00e9'), 10 / 2 / 5, 'a\\",
      "b');",
      "out",
    ].join("\n");
    const before = runInNewContext(code) as unknown[];
    const after = compact(code);
    expect(isAscii(after)).toBe(true);
    expect(runInNewContext(after)).toEqual(before);
    expect(before).toEqual([1, "1 \u2026 2", true, 1, "ab"]);
  });

  test.each([
    ["an unterminated string", '"abc', "line 1: an unterminated string"],
    ["a line break in a string", "'a\nb'", "line 1: a line break in a string"],
    ["an unterminated comment", "a\n/* b", "line 2: an unterminated comment"],
    ["an unterminated template", "`a ${b", "an unterminated template literal"],
    ["a non-ASCII name", "const caf\u00e9 = 1", 'line 1: the non-ASCII character "\u00e9" outside a string'],
    ["`-->` at a line start (a comment in a script)", "a = b\n--> c", "line 2: `<!--`, or `-->` starting a line"],
    ["`<!--`", "a = b <!-- c", "line 1: `<!--`, or `-->` starting a line"],
  ])("refuses %s", (_name, input, message) => {
    expect(() => compact(input)).toThrow(message);
  });

  // Every module of the helper, compacted, has exactly the syntax tree it had: the TypeScript
  // source itself, and the JavaScript TypeScript emits from it.
  const root = join(import.meta.dirname, "..");
  const modules: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "node_modules" || name === "testdata") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) modules.push(path);
    }
  };
  walk(root);
  test(`every helper module (${modules.length}) keeps its syntax tree and becomes ASCII`, () => {
    expect(modules.length).toBeGreaterThan(100);
    for (const path of modules) {
      const source = readFileSync(path, "utf8");
      const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2024, module: ts.ModuleKind.ESNext } }).outputText;
      for (const [code, kind] of [
        [source, ts.ScriptKind.TS],
        [js, ts.ScriptKind.JS],
      ] as const) {
        const out = compact(code);
        expect(isAscii(out), relative(root, path)).toBe(true);
        expect(syntax(out, kind), relative(root, path)).toEqual(syntax(code, kind));
      }
    }
  });
});
