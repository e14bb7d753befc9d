/**
 * `cache-bust-value` (internal, run as a Bazel action): writes the build's CACHE_BUST to a file
 * when one of the templates declares the cache-bust variable, and an empty file otherwise.
 *
 * The action is keyed on CACHE_BUST, but its output changes only for templates that use the
 * value, so bumping CACHE_BUST re-runs the validation and changes the image target of exactly
 * those templates; every other target stays cached.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseCommandArgs, UsageError, type Command } from "../io.ts";
import { templateFacts } from "../template/facts.ts";
import { cacheBustVariable } from "../template/model.ts";

export const main: Command = async (argv, io) => {
  const usage = "usage: cache-bust-value --var NAME --out FILE TEMPLATE... (reads CACHE_BUST from the environment)";
  const { values, positionals } = parseCommandArgs(argv, { var: { type: "string" }, out: { type: "string" } });
  if (!values.var || !values.out || positionals.length === 0) {
    throw new UsageError(usage);
  }
  const declared = positionals.some((t) => {
    const names = new Set(templateFacts(readFileSync(resolve(io.cwd, t), "utf8"), t).variables.map((v) => v.name));
    return cacheBustVariable(names, values.var) !== undefined;
  });
  writeFileSync(resolve(io.cwd, values.out), declared ? (io.env["CACHE_BUST"] ?? "") : "");
  return 0;
};
