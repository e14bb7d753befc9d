/**
 * The rewrite generator on a corpus (a maintainer script, run with Bazel's hermetic Node.js):
 *
 *   npm run rewrites -- [--json FILE] [--kind KIND]... [--all] DIR...
 *
 * Finds the units under the folders as the corpus harness does (corpus.json included), takes
 * those the validator judges free of errors (every unit with --all), applies every rewrite, and
 * prints templates × rewrites and the new errors per rule and rewrite kind, with the sites that
 * bring them.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { EXIT_OK, MORE_HELP, parseCommandArgs, processIo, runCommand, UsageError, type Command } from "../../lib/io.ts";
import { findUnits } from "../corpus/corpus.ts";
import { fromSpec } from "./disk.ts";
import { KINDS, rewriteUnit, type UnitResult } from "./run.ts";

export const USAGE = `usage: npm run rewrites -- [options] DIR...

Apply meaning-preserving rewrites to every template under the folders that the validator judges
free of errors, and count the errors the rewrites bring (there should be none).

options:
  --json FILE    also write every unit's results as JSON
  --kind KIND    only this rewrite (repeatable): ${KINDS.join(", ")}
  --all          rewrite units with errors too (new errors are those beyond a rule's count before)
  --per-site N   also rewrite N sites per rewrite alone, drawn with a fixed seed (default 5;
                 "all": every site), besides every site at once
`;

/** The report: totals, then new errors per rule and kind, then each failing site. */
export function summary(results: readonly UnitResult[]): string {
  const lines: string[] = [];
  const rewritten = results.filter((r) => !r.skipped);
  const applied = rewritten.flatMap((r) => r.kinds.filter((k) => k.sites > 0));
  const perTemplate = rewritten.map((r) => r.kinds.filter((k) => k.sites > 0).length);
  const sites = applied.reduce((n, k) => n + k.sites, 0);
  lines.push(
    `== ${rewritten.length} templates × ${KINDS.length} rewrite kinds: ${applied.length} template-rewrites applied ` +
      `(${sites} sites); at least 10 kinds applied to ${perTemplate.filter((n) => n >= 10).length} templates; ` +
      `${results.length - rewritten.length} templates skipped`,
  );
  lines.push("", "== applied per kind (templates, sites)");
  for (const kind of KINDS) {
    const k = applied.filter((x) => x.kind === kind);
    lines.push(`${kind.padEnd(16)} ${String(k.length).padStart(6)} ${String(k.reduce((n, x) => n + x.sites, 0)).padStart(7)}`);
  }
  const counts = new Map<string, number>();
  for (const r of rewritten)
    for (const k of r.kinds)
      for (const f of k.newErrors) {
        const key = `${f.rule} ${k.kind}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  lines.push("", `== new errors per rule and rewrite kind: ${total}`);
  for (const [key, n] of [...counts].sort()) lines.push(`${key.padEnd(30)} ${n}`);
  lines.push("", "== sites that bring a new error");
  for (const r of rewritten)
    for (const k of r.kinds) {
      if (k.broken) lines.push(`${r.unit}: ${k.kind}: the rewritten text does not parse (generator fault): ${k.broken}`);
      for (const c of k.culprits)
        for (const f of c.errors) lines.push(`${r.unit}: ${k.kind} at ${c.where}: ${f.file}:${f.line}:${f.column}: ${f.rule}: ${f.message}`);
      if (k.newErrors.length > 0 && k.culprits.length === 0)
        for (const f of k.newErrors) lines.push(`${r.unit}: ${k.kind} (only with every site rewritten): ${f.rule}: ${f.message}`);
    }
  for (const r of results.filter((x) => x.skipped)) lines.push(`skipped ${r.unit}: ${r.skipped}`);
  return `${lines.join("\n")}\n`;
}

export const main: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: "string" },
    kind: { type: "string", multiple: true },
    all: { type: "boolean" },
    "per-site": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError(`no folders given (${MORE_HELP})`);
  const unknown = (values.kind ?? []).filter((k) => !KINDS.includes(k));
  if (unknown.length > 0) throw new UsageError(`--kind: unknown ${unknown.join(", ")}; one of ${KINDS.join(", ")}`);
  const only = values.kind ? new Set(values.kind) : undefined;
  const perSite = values["per-site"] === undefined ? 5 : values["per-site"] === "all" ? Infinity : Number(values["per-site"]);
  if (!(perSite >= 0)) throw new UsageError(`--per-site: a number or "all", got "${values["per-site"]}"`);
  const results: UnitResult[] = [];
  for (const p of positionals) {
    for (const spec of findUnits(resolve(io.cwd, p))) {
      const result = rewriteUnit(fromSpec(spec, io.cwd), { ...(only ? { only } : {}), cleanOnly: !values.all, perSite });
      results.push(result);
    }
  }
  io.stdout(summary(results));
  if (values.json) writeFileSync(resolve(io.cwd, values.json), `${JSON.stringify(results, null, 1)}\n`);
  return EXIT_OK;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runCommand("rewrites", main, process.argv.slice(2), processIo(process)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rewrites: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
