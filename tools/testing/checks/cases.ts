/**
 * Cases for the components' own checks (CMP-04, tools/lib/validate/checks/): one per table entry,
 * a template the entry accepts and the same template with the entry's mistake made once, with
 * the finding it gets. The RuleTester tests run them (cmp-04-*.test.ts); the table's test
 * (checks/table.test.ts) holds every checkable entry to having one, and each invalid template to
 * firing its entry.
 */
import type { Expected, Sample } from "../../lib/validate/tester/testing.ts";

export interface CheckCase {
  /** `table:group:id` of the entry. */
  entry: string;
  name?: string;
  valid: Sample;
  invalid: Sample;
  /** The finding's message. */
  message: string;
  /** Text of the invalid template the finding points at (its first occurrence, or the `nth`, 0-based); a `|` in it marks the column, else its start. */
  at: string;
  nth?: number;
  severity?: Expected["severity"];
  /** Other findings the same mistake gets from Packer too (the amazon-ami data source reports an empty lookup twice). */
  more?: Array<{ message: string; at: string; nth?: number }>;
}

/** 1-based line and column of the `nth` occurrence of `text` in `code`. */
export function locate(code: string, text: string, nth = 0): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = code.indexOf(text, i + 1);
    if (i < 0) throw new Error(`case: "${text}" (occurrence ${nth}) is not in the template:\n${code}`);
  }
  const before = code.slice(0, i);
  const line = before.split("\n").length;
  return { line, column: i - before.lastIndexOf("\n") };
}

/** Line and column `by` characters into the `nth` occurrence of `text` (on its line). */
function shift(code: string, text: string, nth: number, by: number): { line: number; column: number } {
  const at = locate(code, text, nth);
  const before = text.slice(0, by);
  const lines = before.split("\n");
  return lines.length === 1 ? { line: at.line, column: at.column + by } : { line: at.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}

/** The cases as RuleTester samples. */
export function samples(cases: CheckCase[]): { valid: Sample[]; invalid: Array<Sample & { errors: Expected[] }> } {
  const name = (c: CheckCase, what: string): string => `${c.entry}${c.name ? ` (${c.name})` : ""}: ${what}`;
  return {
    valid: cases.map((c) => ({ ...c.valid, name: name(c, "accepted") })),
    invalid: cases.map((c) => {
      const code = typeof c.invalid.code === "string" ? c.invalid.code : c.invalid.code["main.pkr.hcl"]!;
      const place = (at: string, nth?: number): { line: number; column: number } => {
        const bar = at.indexOf("|");
        const text = at.replace("|", "");
        return bar < 0 ? locate(code, text, nth) : shift(code, text, nth ?? 0, bar);
      };
      const errors: Expected[] = [
        { message: c.message, ...place(c.at, c.nth), ...(c.severity ? { severity: c.severity } : {}) },
        ...(c.more ?? []).map((m) => ({ message: m.message, ...place(m.at, m.nth) })),
      ];
      // Findings come sorted by position, then message.
      errors.sort((a, b) => a.line - b.line || a.column - b.column || (String(a.message) < String(b.message) ? -1 : 1));
      return { ...c.invalid, name: name(c, c.message), errors };
    }),
  };
}

/** An HCL body from arguments (`null` leaves one out; values are HCL expressions) and raw block text. */
export function body(args: Record<string, string | null>, blocks = ""): string {
  const lines = Object.entries(args)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `  ${k} = ${v}`);
  return `${lines.join("\n")}\n${blocks}`;
}

/** A source block and a build that uses it. */
export function source(type: string, args: Record<string, string | null>, blocks = "", build = ""): string {
  return `source "${type}" "x" {\n${body(args, blocks)}}\n\nbuild {\n  sources = ["source.${type}.x"]\n${build}}\n`;
}

/** A data source (and a build of a null source, so the template builds something). */
export function data(type: string, args: Record<string, string | null>, blocks = ""): string {
  return `data "${type}" "x" {\n${body(args, blocks)}}\n\nsource "null" "x" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.x"]\n}\n`;
}

/** A provisioner or post-processor in a build of a null source. */
export function step(kind: "provisioner" | "post-processor", type: string, args: Record<string, string | null>, blocks = ""): string {
  const inner = body(args, blocks)
    .split("\n")
    .map((l) => (l === "" ? l : `  ${l}`))
    .join("\n");
  return `source "null" "x" {\n  communicator = "none"\n}\n\nbuild {\n  sources = ["source.null.x"]\n  ${kind} "${type}" {\n${inner}  }\n}\n`;
}

/** `args` with `changes` applied (a key set to null is left out). */
export function withArgs(args: Record<string, string | null>, changes: Record<string, string | null>): Record<string, string | null> {
  return { ...args, ...changes };
}
