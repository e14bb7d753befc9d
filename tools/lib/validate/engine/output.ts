/** Output formats: human (compiler style), JSON, and JUnit XML for `bazel test`. */
import { countBySeverity } from "./engine.ts";
import type { Finding, Severity } from "../types.ts";
import { plural } from "../util.ts";

const COLORS: Record<Severity, string> = { error: "\x1b[31m", warning: "\x1b[33m", info: "\x1b[36m" };
const BOLD = "\x1b[1m";
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";

export function location(f: Finding): string {
  return f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
}

export function formatHuman(findings: Finding[], files: number, color: boolean): string {
  const lines: string[] = [];
  for (const f of findings) {
    const hint = f.hint ? ` (hint: ${f.hint})` : "";
    if (color) {
      lines.push(
        `${BOLD}${location(f)}:${RESET} ${COLORS[f.severity]}${f.severity}${RESET} ${BOLD}${f.rule}${RESET}: ${f.message}${hint ? `${DIM}${hint}${RESET}` : ""}`,
      );
    } else {
      lines.push(`${location(f)}: ${f.severity} ${f.rule}: ${f.message}${hint}`);
    }
  }
  const c = countBySeverity(findings);
  lines.push(`${plural(c.error, "error")}, ${plural(c.warning, "warning")} in ${plural(files, "file")}`);
  return lines.join("\n") + "\n";
}

export function formatJson(findings: Finding[], files: number): string {
  return (
    JSON.stringify(
      {
        files,
        findings: findings.map((f) => ({
          file: f.file,
          line: f.line,
          column: f.column,
          severity: f.severity,
          rule: f.rule,
          message: f.message,
          hint: f.hint ?? null,
        })),
      },
      null,
      2,
    ) + "\n"
  );
}

/** XML 1.0 allows no control characters but tab, newline and carriage return. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!).replace(XML_INVALID, "");
}

/**
 * JUnit XML: one test suite per file; one test case per file and rule with findings
 * (failing when any is an error), and one passing case for a file without findings.
 */
export function formatJunit(findings: Finding[], files: string[], time = 0): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of files) byFile.set(f, []);
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  for (const [file, list] of byFile) {
    const cases: string[] = [];
    let suiteFailures = 0;
    if (list.length === 0) {
      cases.push(`    <testcase classname="${esc(file)}" name="packer-validate" time="0"/>`);
    } else {
      const byRule = new Map<string, Finding[]>();
      for (const f of list) {
        const l = byRule.get(f.rule);
        if (l) l.push(f);
        else byRule.set(f.rule, [f]);
      }
      for (const [rule, fs] of byRule) {
        const body = fs.map((f) => `${location(f)}: ${f.severity} ${f.rule}: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ""}`).join("\n");
        const errors = fs.filter((f) => f.severity === "error");
        if (errors.length > 0) {
          suiteFailures++;
          cases.push(
            `    <testcase classname="${esc(file)}" name="${esc(rule)}" time="0">\n      <failure message="${esc(errors[0]!.message)}" type="${esc(rule)}">${esc(body)}</failure>\n    </testcase>`,
          );
        } else {
          cases.push(`    <testcase classname="${esc(file)}" name="${esc(rule)}" time="0">\n      <system-out>${esc(body)}</system-out>\n    </testcase>`);
        }
      }
    }
    total += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${esc(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" time="0">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  const root = `<testsuites name="packer-validate" tests="${total}" failures="${failures}" errors="0" time="${time.toFixed(3)}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${suites.join("\n")}\n</testsuites>\n`;
}
