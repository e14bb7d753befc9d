/**
 * The canary Aspect Workflows config: the team's `.aspect/workflows/config.yaml` with
 * `queue: <canary>` on every task, so a CI run that selects it lands on the canary runner
 * group (the one that boots the new image). Pure: text in, text out.
 *
 * Which tasks: every entry of the top-level `tasks` (a list of one-key maps, the current
 * format, or a map, the older one). A task with no options (`- buildifier:`) gets a map
 * with just `queue`; an existing `queue` is replaced in place. Per-workspace task
 * overrides (`workspaces.<dir>.tasks`) that set their own `queue` get the canary queue
 * too; the others inherit it from the top-level task.
 *
 * Comments and order are kept (yaml's Document API); the layout is re-printed with the
 * source's indentation, so spacing inside a line may change (e.g. before a `#` comment).
 *
 * Aliases (`- lint: *defaults`) are followed to their anchor. Options shared through an
 * anchor get `queue` once, on the anchored mapping, and the alias is kept, so every task
 * that uses it is on the canary queue.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Pair, type YAMLMap } from "yaml";

/** A config that cannot be turned into a canary config; `line`/`column` are 1-based (0 when unknown). */
export class CanaryConfigError extends Error {
  override name = "CanaryConfigError";
  readonly line: number;
  readonly column: number;
  constructor(message: string, line = 0, column = 0) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

export interface CanaryOptions {
  /** The queue every task runs on (default "canary"). */
  queue?: string;
  /** How the header names the source file (default "config.yaml"). */
  source?: string;
  /** The command the header tells people to run. */
  command?: string;
}

export const DEFAULT_QUEUE = "canary";
export const DEFAULT_COMMAND = "bazel run //tools:cli -- canary";
export const QUEUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The first line of every generated canary config. */
export const GENERATED_LINE = "# GENERATED FILE - DO NOT EDIT.";

/**
 * When `text` is a canary config this module generated (its header: the GENERATED line,
 * then `# Made from SOURCE by ...`), the SOURCE it names (relative to its own directory);
 * otherwise null. A file that only says "GENERATED" (made by some other tool) is not one.
 */
export function generatedFrom(text: string): string | null {
  const [first, second] = text
    .replace(/^\uFEFF/, "")
    .split("\n", 2)
    .map((l) => l.replace(/\s+$/, ""));
  if (first !== GENERATED_LINE || second === undefined) return null;
  const made = /^# Made from (.+?) by `.*`: the same tasks, all on queue "[^"]*"\.$/.exec(second);
  return made ? made[1]! : null;
}

export function header(options: CanaryOptions = {}): string {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const source = options.source ?? "config.yaml";
  const command = options.command ?? DEFAULT_COMMAND;
  return [
    GENERATED_LINE,
    `# Made from ${source} by \`${command}\`: the same tasks, all on queue "${queue}".`,
    `# Edit ${source} and run the command again; \`${command} --check\` fails while this file is stale.`,
    "",
  ].join("\n");
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

function position(node: Ranged, text: string): { line: number; column: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 0, column: 0 };
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/**
 * The indentation the source uses: the step from a `key:` line to the more indented line
 * under it, and whether `- ` items sit indented under their key or level with it.
 */
function layout(text: string): { indent: number; indentSeq: boolean } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));
  const depth = (l: string): number => l.length - l.trimStart().length;
  const isKeyLine = (l: string): boolean => /^\s*[^\s#-][^#]*:\s*(#.*)?$/.test(l);
  let indent = 2;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const cur = lines[i]!;
    if (isKeyLine(prev) && depth(cur) > depth(prev) && !cur.includes("\t")) {
      indent = Math.min(depth(cur) - depth(prev), 8);
      break;
    }
  }
  let indentSeq = true;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const cur = lines[i]!;
    if (isKeyLine(prev) && cur.trimStart().startsWith("- ")) {
      indentSeq = depth(cur) > depth(prev);
      break;
    }
  }
  return { indent, indentSeq };
}

/**
 * Makes the canary config text from the config text. Throws CanaryConfigError. Long by
 * design: its helpers close over the one YAML document they edit in place (so comments and
 * layout survive), and each step below is one part of that document.
 */
export function canaryConfig(text: string, options: CanaryOptions = {}): string {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const doc = parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new CanaryConfigError(`YAML does not parse: ${message}`, at?.line ?? 0, at?.col ?? 0);
  }
  /** The node an alias points to (the alias itself when its anchor is missing). */
  const deref = <T>(node: T): T | NonNullable<ReturnType<Alias["resolve"]>> => (isAlias(node) ? (node.resolve(doc) ?? node) : node);
  const noAnchor = (alias: Alias): string => `an alias (*${alias.source}) that cannot be resolved (no anchor &${alias.source} before it)`;
  const isKey = (node: unknown, key: string): boolean => {
    const k = deref(node);
    return isScalar(k) && k.value === key;
  };
  /** Sets `queue` in a mapping: an existing `queue` in place (its comment kept), else at the end. */
  const putQueue = (map: YAMLMap, add: boolean): void => {
    const pair = map.items.find((p) => isKey(p.key, "queue"));
    if (pair === undefined) {
      if (add) map.set("queue", queue);
    } else if (isScalar(pair.value)) {
      pair.value.value = queue;
    } else {
      pair.value = doc.createNode(queue); // also `queue: *main`: the anchored scalar is left alone
    }
  };

  const root = deref(doc.contents);
  if (isAlias(root)) {
    const at = position(root as Ranged, text);
    throw new CanaryConfigError(`the config is ${noAnchor(root)}`, at.line, at.column);
  }
  if (!isMap(root)) {
    const at = position(root as Ranged, text);
    throw new CanaryConfigError("the config is not a YAML mapping with a `tasks` key", at.line, at.column);
  }
  const tasksPair = root.items.find((p) => isKey(p.key, "tasks"));
  const tasks = deref(tasksPair?.value);
  if (isAlias(tasks)) {
    const at = position(tasks as Ranged, text);
    throw new CanaryConfigError(`\`tasks\` is ${noAnchor(tasks)}`, at.line, at.column);
  }
  const empty =
    tasks === undefined || tasks === null || (isScalar(tasks) && tasks.value === null) || ((isSeq(tasks) || isMap(tasks)) && tasks.items.length === 0);
  if (tasksPair === undefined || empty) {
    const where = tasksPair ? position(tasksPair.key as Ranged, text) : { line: 0, column: 0 };
    throw new CanaryConfigError(
      tasksPair
        ? "`tasks` is empty: a canary config needs at least one task"
        : "no `tasks` key: this does not look like an Aspect Workflows config (see https://docs.aspect.build/workflows/configuration)",
      where.line,
      where.column,
    );
  }

  /**
   * `- buildifier:` has a null value that carries the comments after it: a comment on the
   * key's line, then the comments (and blank lines) before the next task. Give the first
   * to the new map and the rest back to whatever follows, so they stay where they were.
   */
  const setQueue = (
    pair: Pair,
    where: string,
    next: { commentBefore?: string | null; spaceBefore?: boolean } | null,
    parent: { comment?: string | null },
  ): void => {
    const value = deref(pair.value);
    if (isMap(value)) {
      putQueue(value, true);
    } else if (value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === ""))) {
      const created = doc.createNode({ queue });
      if (isAlias(pair.value)) {
        // `- lint: *empty` with `&empty` on a null: a map of its own, the anchored null stays.
        pair.value = created;
        return;
      }
      // `- test: &empty` keeps its anchor, so aliases to it get the new map.
      if (isScalar(value) && value.anchor) created.anchor = value.anchor;
      const comment = isScalar(value) ? value.comment : undefined;
      if (comment) {
        const lines = comment.split("\n");
        const keyEnd = (pair.key as Ranged)?.range?.[1] ?? 0;
        const eol = text.indexOf("\n", keyEnd);
        if (text.slice(keyEnd, eol < 0 ? undefined : eol).includes("#")) created.commentBefore = lines.shift()!;
        // The parser keeps no blank line between the key and a comment that follows; the text does.
        const nextStart = (next as Ranged)?.range?.[0] ?? text.length;
        let blank = /\n[ \t]*\r?\n/.test(text.slice(keyEnd, nextStart).replace(/#[^\n]*/g, ""));
        while (lines[0] === "") {
          lines.shift();
          blank = true;
        }
        const rest = lines.join("\n");
        if (rest !== "" && next !== null) {
          next.commentBefore = next.commentBefore ? `${rest}\n${next.commentBefore}` : rest;
          next.spaceBefore = next.spaceBefore || blank;
        } else if (rest !== "") {
          parent.comment = parent.comment ? `${rest}\n${parent.comment}` : rest;
        }
      }
      pair.value = created;
    } else {
      const at = position(pair.value as Ranged, text);
      const found = isAlias(value)
        ? noAnchor(value)
        : `${isSeq(value) ? "a list" : "a scalar"}${isAlias(pair.value) ? ` (through the alias *${pair.value.source})` : ""}`;
      throw new CanaryConfigError(`${where}: expected the task's options as a mapping (or nothing), found ${found}`, at.line, at.column);
    }
  };

  const taskName = (pair: Pair): string => {
    const key = deref(pair.key);
    return isScalar(key) ? String(key.value) : "task";
  };
  if (isSeq(tasks)) {
    tasks.items.forEach((entry, i) => {
      const item = deref(entry);
      if (isMap(item)) {
        const next = (tasks.items[i + 1] ?? null) as { commentBefore?: string | null; spaceBefore?: boolean } | null;
        for (const pair of item.items) setQueue(pair, `tasks[${i}] (${taskName(pair)})`, next, tasks);
      } else if (isScalar(item) && typeof item.value === "string" && item.value !== "") {
        // `- test`: the name becomes the key of a new map (an anchor on it stays, for later aliases).
        const created = doc.createNode({}) as YAMLMap;
        created.items.push(doc.createPair(isAlias(entry) ? item.value : item, { queue }));
        tasks.items[i] = created as unknown as (typeof tasks.items)[number];
      } else {
        const at = position(entry as Ranged, text);
        throw new CanaryConfigError(`tasks[${i}]: expected a task such as \`- test:\`${isAlias(item) ? `, found ${noAnchor(item)}` : ""}`, at.line, at.column);
      }
    });
  } else if (isMap(tasks)) {
    tasks.items.forEach((pair, i) => {
      const next = (tasks.items[i + 1]?.key ?? null) as { commentBefore?: string | null; spaceBefore?: boolean } | null;
      setQueue(pair, `tasks.${taskName(pair)}`, next, tasks);
    });
  } else {
    const at = position(tasks as Ranged, text);
    throw new CanaryConfigError("`tasks` must be a list of tasks (`- test:`) or a mapping", at.line, at.column);
  }

  const workspaces = deref(root.items.find((p) => isKey(p.key, "workspaces"))?.value);
  if (isMap(workspaces)) {
    for (const ws of workspaces.items) {
      const wsValue = isPair(ws) ? deref(ws.value) : null;
      if (!isMap(wsValue)) continue;
      const overrides = deref(wsValue.items.find((p) => isKey(p.key, "tasks"))?.value);
      const items = isSeq(overrides) ? overrides.items.map(deref) : [];
      const entries = isMap(overrides) ? overrides.items : items.flatMap((item) => (isMap(item) ? item.items : []));
      for (const pair of entries) {
        const options = deref(pair.value);
        if (isMap(options)) putQueue(options, false);
      }
    }
  }

  // yaml cannot print an alias whose anchor is missing (or comes after it): say where it is.
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        const at = position(alias as Ranged, text);
        throw new CanaryConfigError(`the config has ${noAnchor(alias)}`, at.line, at.column);
      }
    },
  });

  return header(options) + doc.toString({ ...layout(text), lineWidth: 0 });
}

/**
 * A short line diff: `- ` lines are in `actual` (numbered as there) but not expected,
 * `+ ` lines are expected (numbered as in `expected`) but missing.
 */
export function lineDiff(expected: string, actual: string, limit = 40): string[] {
  const a = expected.split("\n");
  const b = actual.split("\n");
  if (a.length * b.length > 4_000_000) {
    const i = a.findIndex((l, k) => l !== b[k]);
    return [`first difference at line ${i + 1}`];
  }
  // LCS table, from the end.
  const dp: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || dp[i]![j + 1]! >= dp[i + 1]![j]!)) {
      out.push(`  line ${j + 1}: - ${b[j]}`);
      j++;
    } else {
      out.push(`  line ${i + 1}: + ${a[i]}`);
      i++;
    }
  }
  return out.length > limit ? [...out.slice(0, limit), `  ... and ${out.length - limit} more`] : out;
}
