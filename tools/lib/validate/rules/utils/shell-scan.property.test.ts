/**
 * Property-based tests of the shell scanner: generated scripts (simple commands joined by
 * separators, wrapped in sudo, conditionals and subshells, with comments, heredocs and
 * quoting) whose commands the generator knows, and arbitrary text the scanner must survive
 * with every position inside the text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { segments } from "./shell-scan.ts";

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/).filter((n) => !KEYWORDS.has(n) && !WRAPPERS.has(n) && !SHELLS.has(n));
const arg = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_./=-]{1,8}$/),
  fc.stringMatching(/^[a-z ]{0,8}$/).map((s) => `'${s}'`),
);
const KEYWORDS = new Set(["if", "then", "else", "elif", "fi", "while", "until", "for", "select", "do", "done", "case", "esac", "in", "function"]);
const WRAPPERS = new Set(["sudo", "env", "nohup", "time", "exec", "command", "xargs", "timeout", "nice", "ionice", "eatmydata", "stdbuf", "su", "test"]);
const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash"]);

/** A simple command and what the scanner should make of it: `cmd args…`. */
const command = fc.record({ cmd: name, args: fc.array(arg, { maxLength: 4 }) });
const separator = fc.constantFrom("\n", "; ", " && ", " | ", "\n\n", " ;\n", "\r\n");

const show = (cmd: string, args: string[]) => [cmd, ...args.map((a) => a.replace(/^'(.*)'$/, "$1"))].join(" ");

describe("shell scanner properties", () => {
  it("splits commands joined by separators, in order, with their words", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(command, separator), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map(([c, sep]) => `${[c.cmd, ...c.args].join(" ")}${sep}`).join("");
        const got = segments({ text }).map((s) => [s.cmd, ...s.args.map((a) => a.word)].join(" "));
        expect(got).toEqual(parts.map(([c]) => show(c.cmd, c.args)));
      }),
    );
  });

  it("sudo applies to its command; if bodies and commands after a test are conditional", () => {
    fc.assert(
      fc.property(command, command, command, (a, b, c) => {
        const line = (x: { cmd: string; args: string[] }) => [x.cmd, ...x.args].join(" ");
        const text = `sudo ${line(a)}\nif [ -f /x ]; then\n  ${line(b)}\nfi\ntest -d /y && ${line(c)}\n`;
        const segs = segments({ text }).filter((s) => s.cmd !== "[" && s.cmd !== "test");
        expect(segs.map((s) => [s.cmd, s.sudo, s.conditional])).toEqual([
          [a.cmd, true, false],
          [b.cmd, false, true],
          [c.cmd, false, true],
        ]);
      }),
    );
  });

  it("comments and heredoc bodies are not commands", () => {
    fc.assert(
      fc.property(command, fc.array(command, { maxLength: 4 }), fc.stringMatching(/^[^\n]{0,20}$/), (c, body, comment) => {
        const lines = body.map((b) => [b.cmd, ...b.args].join(" "));
        const text = `# ${comment}\ncat <<'EOF' > /tmp/f\n${lines.join("\n")}\nEOF\n${[c.cmd, ...c.args].join(" ")} # ${comment}\n`;
        expect(segments({ text }).map((s) => s.cmd)).toEqual(["cat", c.cmd]);
      }),
    );
  });

  it("survives any text: every segment and word lies inside it, as written", () => {
    const piece = fc.constantFrom(
      "a",
      " ",
      "\n",
      "'",
      '"',
      "\\",
      "$(",
      ")",
      "`",
      "<<",
      "EOF",
      "|",
      "&",
      ";",
      "#",
      "{",
      "}",
      "if ",
      "then ",
      "fi",
      "sudo ",
      "sh -c ",
      "case ",
      " in ",
      "esac",
      "[[",
      "]]",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join("");
        for (const s of segments({ text })) {
          expect(s.offset).toBeGreaterThanOrEqual(0);
          expect(text.startsWith(s.text, s.offset)).toBe(true);
          for (const w of s.words) {
            expect(w.offset).toBeGreaterThanOrEqual(0);
            expect(w.offset + w.raw.length).toBeLessThanOrEqual(text.length);
            expect(text.startsWith(w.raw, w.offset)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
