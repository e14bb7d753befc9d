/**
 * The validator's pure core: inputs (bytes or what went wrong reading them) in, sorted
 * findings out. The CLI (command.ts) does the file system and the process.
 */
import { parseHcl } from "../hcl/parser.ts";
import { dirOf } from "../template/model.ts";
import { buildContext } from "./model/context.ts";
import { runRules, sortFindings, type RuleConfig, type RuleSet } from "./engine/engine.ts";
import type { FileSystem, Finding, Options, ParseFn, ParsedFile } from "./types.ts";
import { setSuggestionBudget } from "./util.ts";

export type InputContent = Uint8Array | string | { missing: true } | { directory: true } | { error: string };

export interface Input {
  /** As given on the command line. */
  path: string;
  /** "template" for FILES, "varfile" for --var-file. */
  given: "file" | "var-file";
  content: InputContent;
}

export interface Result {
  findings: Finding[];
  /** The paths of all inputs, in order (for reports). */
  files: string[];
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function inp(path: string, message: string, hint: string, severity: Finding["severity"] = "error", line = 0, column = 0): Finding {
  return { file: path, line, column, severity, rule: "INP-01", message, hint };
}

/** Decode an input to text, or the INP-01 finding that explains why it cannot be read. */
export function decodeInput(path: string, content: InputContent): string | Finding {
  if (typeof content === "string") return content;
  if (!(content instanceof Uint8Array)) {
    if ("missing" in content) return inp(path, "no such file", "check the path; relative paths are taken from the directory the command runs in");
    if ("directory" in content) return inp(path, "is a directory, not a template", "pass the *.pkr.hcl files in it (Packer reads *.pkr.hcl from a directory)");
    return inp(path, `cannot read: ${content.error}`, "check the file's permissions");
  }
  const nul = content.indexOf(0);
  if (nul >= 0) return inp(path, `binary file (NUL byte at offset ${nul}), not a template`, "pass HCL text files only");
  try {
    return decoder.decode(content);
  } catch {
    let bad = 0;
    const probe = new TextDecoder("utf-8", { fatal: true });
    for (let i = 1; i <= content.length; i++) {
      try {
        probe.decode(content.subarray(0, i));
        bad = i;
      } catch {
        // keep the last prefix that decoded
      }
      if (i - bad > 4) break;
    }
    return inp(path, `not UTF-8 text (invalid byte at offset ${bad})`, "save the file as UTF-8, as HCL requires");
  }
}

function isVarFileName(p: string): boolean {
  return /\.pkrvars\.(hcl|json)$/.test(p);
}

/**
 * Edit-distance cells the did-you-mean suggestions of one run may spend: a fixed part (a few
 * tens of milliseconds, far more than any real template needs) and a part that grows with the
 * input, so that no input spends more than about half a second per megabyte on them.
 */
const SUGGESTION_CELLS = 10_000_000;
const SUGGESTION_CELLS_PER_BYTE = 15;

function inputSize(content: InputContent): number {
  return typeof content === "string" ? content.length : content instanceof Uint8Array ? content.length : 0;
}

/** Validate the inputs with the rules given (command.ts passes the registry, rules/index.ts). */
export function validate(inputs: Input[], options: Options, fs: FileSystem, rules: RuleSet, config: RuleConfig = new Map(), parse: ParseFn = parseHcl): Result {
  setSuggestionBudget(SUGGESTION_CELLS + SUGGESTION_CELLS_PER_BYTE * inputs.reduce((n, i) => n + inputSize(i.content), 0));
  const extra: Finding[] = [];
  const templates: ParsedFile[] = [];
  const varFiles: ParsedFile[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(`${input.given}:${input.path}`)) continue;
    seen.add(`${input.given}:${input.path}`);
    const text = decodeInput(input.path, input.content);
    if (typeof text !== "string") {
      extra.push(text);
      continue;
    }
    if (text.trim() === "" || text.replace(/^\uFEFF/, "").trim() === "") {
      extra.push(inp(input.path, "empty file", "an empty template declares nothing; remove it or add content", "warning", 1, 1));
      continue;
    }
    const asVarFile = input.given === "var-file" || isVarFileName(input.path);
    const positional = input.given === "file";
    const auto = /\.auto\.pkrvars\.(hcl|json)$/.test(input.path);
    if (!asVarFile && /\.json$/.test(input.path)) {
      extra.push(inp(input.path, "JSON templates are not checked", "run `packer hcl2_upgrade` and validate the .pkr.hcl result", "warning", 1, 1));
      continue;
    }
    if (asVarFile && /\.json$/.test(input.path)) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        extra.push(inp(input.path, `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, "fix the JSON, or write a .pkrvars.hcl file"));
        continue;
      }
      if (json === null || typeof json !== "object" || Array.isArray(json)) {
        extra.push(inp(input.path, "a JSON var file must hold one object of variable values", 'write {"name": "value"}'));
        continue;
      }
      const empty = parse("", input.path);
      varFiles.push({
        path: input.path,
        dir: dirOf(input.path),
        text,
        body: empty.body,
        diagnostics: [],
        role: "varfile",
        json: json as Record<string, unknown>,
        auto,
        positional,
      });
      continue;
    }
    if (!asVarFile && !input.path.endsWith(".pkr.hcl")) {
      extra.push(inp(input.path, "not a *.pkr.hcl file; checked as a template", "Packer loads only *.pkr.hcl templates from a directory", "warning", 1, 1));
    }
    let parsed;
    try {
      parsed = parse(text, input.path);
    } catch (e) {
      extra.push(
        inp(input.path, `the parser failed: ${e instanceof Error ? e.message : String(e)}`, "this is a validator bug; please report it with the file"),
      );
      continue;
    }
    const file: ParsedFile = {
      path: input.path,
      dir: dirOf(input.path),
      text,
      body: parsed.body,
      diagnostics: parsed.diagnostics,
      ...(parsed.tokens && parsed.comments ? { scanned: { tokens: parsed.tokens, comments: parsed.comments } } : {}),
      role: asVarFile ? "varfile" : "template",
      auto,
      positional,
    };
    (asVarFile ? varFiles : templates).push(file);
  }
  const ctx = buildContext(templates, varFiles, options, fs, parse);
  const findings = runRules(ctx, rules, config, extra);
  const files = inputs.map((i) => i.path).filter((p, i, a) => a.indexOf(p) === i);
  return { findings: sortFindings(findings, files), files };
}
