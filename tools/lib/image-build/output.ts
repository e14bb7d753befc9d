/**
 * Packer's output as the user should read it: under `bazel run` the template is an absolute path
 * into the runfiles (`…/images/runner.sh.runfiles/_main/images/runner.pkr.hcl`), and Packer's
 * messages name it so ("on … line 31"). Rewritten to the path in the workspace
 * (`images/runner.pkr.hcl`) as the text streams through, without waiting for lines to end.
 *
 * Packer's stdout and stderr are pipes in any case: Packer re-runs itself under panicwrap, whose
 * parent copies the child's output through pipes; its progress bars write to /dev/tty and its
 * colours follow `-color`, not a terminal test. So reading them through pipes changes nothing
 * Packer shows, and the rewriting needs no pseudo-terminal.
 */
import { realpathSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** Text to find and what to put instead, longest first. */
export type Replacements = Array<[string, string]>;

/**
 * What the runfiles paths of the main repository become: the workspace path. Both the path
 * as given and the one with symbolic links resolved, as Packer may print either.
 */
export function runfilesReplacements(runfilesDir: string | undefined): Replacements {
  const root = runfilesDir?.replace(/\/+$/, "");
  if (!root) return [];
  const roots = new Set([root]);
  try {
    roots.add(realpathSync(root));
  } catch {
    // A runfiles directory that is gone cannot be in Packer's messages either.
  }
  return [...roots].map((r): [string, string] => [`${r}/_main/`, ""]).sort((a, b) => b[0].length - a[0].length);
}

/**
 * A stream's text with the replacements made. Text is passed on as soon as it cannot be the
 * start of a path to replace; a tail that could be is held until more text comes or, so that a
 * prompt is never held back, for at most `holdMs`.
 */
export class Rewriter {
  private held = "";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly decoder = new StringDecoder("utf8");
  private readonly replacements: Replacements;
  private readonly write: (text: string) => void;
  private readonly holdMs: number;

  constructor(replacements: Replacements, write: (text: string) => void, holdMs = 50) {
    this.replacements = replacements.filter(([from]) => from !== "");
    this.write = write;
    this.holdMs = holdMs;
  }

  push(chunk: Buffer | string): void {
    // Whole paths first; then what could be the start of one stays for the next chunk.
    const text = this.replace(this.held + (typeof chunk === "string" ? chunk : this.decoder.write(chunk)));
    const keep = this.partialTail(text);
    this.held = text.slice(text.length - keep);
    if (keep < text.length) this.write(text.slice(0, text.length - keep));
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.held ? setTimeout(() => this.flush(), this.holdMs) : undefined;
  }

  /** Everything held, rewritten (at the end of the stream, or when the hold times out). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const text = this.held + this.decoder.end();
    this.held = "";
    if (text) this.write(this.replace(text));
  }

  private replace(text: string): string {
    let out = text;
    for (const [from, to] of this.replacements) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  }

  /** The length of the longest end of `text` that is the start (not the whole) of a path to replace. */
  private partialTail(text: string): number {
    let best = 0;
    for (const [from] of this.replacements) {
      for (let n = Math.min(from.length - 1, text.length); n > best; n--) {
        if (text.endsWith(from.slice(0, n))) {
          best = n;
          break;
        }
      }
    }
    return best;
  }
}
