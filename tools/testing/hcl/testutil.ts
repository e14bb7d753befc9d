/** Test helpers shared by the HCL tests: corpus discovery, a seeded PRNG, and mutators. */
import fs from "node:fs";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");
/** The parser tests' own templates. */
export const TESTDATA = path.join(REPO_ROOT, "tools/lib/hcl/testdata");

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === "node_modules" || e.name.startsWith(".") || e.name.startsWith("bazel-")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith(".pkr.hcl") || e.name.endsWith(".pkrvars.hcl")) out.push(p);
  }
}

/** Every *.pkr.hcl / *.pkrvars.hcl under images/, e2e/ and tools/lib/hcl/testdata/ (found at test time). */
export function corpusFiles(): string[] {
  const out: string[] = [];
  for (const d of ["images", "e2e"]) walk(path.join(REPO_ROOT, d), out);
  walk(TESTDATA, out);
  return out.sort();
}

export function corpus(): Array<{ file: string; text: string }> {
  return corpusFiles().map((file) => ({ file: path.relative(REPO_ROOT, file), text: fs.readFileSync(file, "utf8") }));
}

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  '"',
  "'",
  "${",
  "%{",
  "~}",
  "}",
  "<<EOT\n",
  "<<-EOT\n",
  "EOT\n",
  "\n",
  "=",
  ",",
  ".",
  "*",
  "...",
  "#",
  "//",
  "/*",
  "*/",
  "\\",
  "$${",
  "%%{",
  "?",
  ":",
  "=>",
  "for",
  "if",
  "in",
  "endif",
  "endfor",
  "else",
  "\r\n",
  "\u0000",
  "\ufeff",
  "é",
  "😀",
  "\t",
  "-",
  "1e",
  "0.",
  "null",
  "true",
];

/** One random mutation of `text`. `kind` names what was done (for reporting). */
export function mutate(text: string, rnd: () => number): { kind: string; text: string } {
  const n = text.length;
  const at = () => Math.floor(rnd() * (n + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  switch (Math.floor(rnd() * 9)) {
    case 0: {
      // byte flip
      const i = Math.floor(rnd() * Math.max(n, 1));
      const c = String.fromCharCode((text.charCodeAt(i) || 32) ^ (1 << Math.floor(rnd() * 7)));
      return { kind: "flip", text: text.slice(0, i) + c + text.slice(i + 1) };
    }
    case 1:
      return { kind: "truncate", text: text.slice(0, at()) };
    case 2: {
      // delete one brace/bracket/quote
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if ('{}[]()"'.includes(text[i]!)) idx.push(i);
      if (idx.length === 0) return { kind: "noop", text };
      const i = pick(idx);
      return { kind: "delete-delim", text: text.slice(0, i) + text.slice(i + 1) };
    }
    case 3: {
      const i = at();
      return { kind: "insert-snippet", text: text.slice(0, i) + pick(SNIPPETS) + text.slice(i) };
    }
    case 4: {
      // random unicode
      const i = at();
      const cp = Math.floor(rnd() * 0x10ffff);
      const ch = cp >= 0xd800 && cp <= 0xdfff ? "\ud800" : String.fromCodePoint(cp);
      return { kind: "unicode", text: text.slice(0, i) + ch + text.slice(i) };
    }
    case 5: {
      // delete a random span
      const i = at();
      const j = Math.min(n, i + Math.floor(rnd() * 40));
      return { kind: "delete-span", text: text.slice(0, i) + text.slice(j) };
    }
    case 6: {
      // duplicate a line
      const lines = text.split("\n");
      const i = Math.floor(rnd() * lines.length);
      lines.splice(i, 0, lines[i] ?? "");
      return { kind: "dup-line", text: lines.join("\n") };
    }
    case 7: {
      // swap two random lines
      const lines = text.split("\n");
      const i = Math.floor(rnd() * lines.length);
      const j = Math.floor(rnd() * lines.length);
      const t = lines[i]!;
      lines[i] = lines[j]!;
      lines[j] = t;
      return { kind: "swap-lines", text: lines.join("\n") };
    }
    default: {
      // several mutations
      let t = text;
      for (let k = 0; k < 3; k++) t = mutate(t, rnd).text;
      return { kind: "multi", text: t };
    }
  }
}
