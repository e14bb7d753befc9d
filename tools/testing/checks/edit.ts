/**
 * A maker of cases for one builder: a base source that every entry accepts, and each case the
 * base with a few arguments (and blocks) changed, valid before the last change and invalid after.
 */
import { source, withArgs, type CheckCase } from "./cases.ts";

export type Args = Record<string, string | null>;

export interface Edit {
  /** Arguments of the template the entry accepts (on top of the base's). */
  valid?: Args;
  /** Blocks of the template the entry accepts (replacing the base's). */
  validBlocks?: string;
  /** Blocks of the invalid template (replacing the valid one's). */
  blocks?: string;
  name?: string;
  nth?: number;
  /** Other findings the same invalid template gets. */
  more?: CheckCase["more"];
  severity?: CheckCase["severity"];
}

/** Cases on a `type` source whose base template has `args` and `blocks`. */
export function editor(type: string, args: Args, blocks = "") {
  return (entry: string, changes: Args, message: string, at: string, opts: Edit = {}): CheckCase => {
    const valid = withArgs(args, opts.valid ?? {});
    const validBlocks = opts.validBlocks ?? blocks;
    return {
      entry,
      ...(opts.name ? { name: opts.name } : {}),
      valid: { code: source(type, valid, validBlocks) },
      invalid: { code: source(type, withArgs(valid, changes), opts.blocks ?? validBlocks) },
      message,
      at,
      ...(opts.nth !== undefined ? { nth: opts.nth } : {}),
      ...(opts.more ? { more: opts.more } : {}),
      ...(opts.severity ? { severity: opts.severity } : {}),
    };
  };
}

/** A case of a `duration` entry: `arg` written without a unit. */
export function durationCase(edit: ReturnType<typeof editor>, entry: string, arg: string): CheckCase {
  return edit(entry, { [arg]: '"10"' }, `error decoding '${arg}': time: missing unit in duration "10"`, '"10"', { valid: { [arg]: '"10s"' }, name: arg });
}
