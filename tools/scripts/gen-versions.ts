/**
 * Rewrites packer/private/versions.bzl from the release tables:
 *
 *   bazel run //tools:gen_versions -- PACKER_RELEASES_JSON NODE_RELEASES_JSON
 *
 * Paths are taken from where the command was run; the file is written in the workspace.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { errorMessage, UsageError, type Command } from "../lib/io.ts";
import { generateVersionsBzl } from "../lib/versions/gen.ts";

export const main: Command = async (argv, io) => {
  const [packerJson, nodeJson] = argv;
  if (!packerJson || !nodeJson || argv.length !== 2) {
    throw new UsageError("usage: gen-versions PACKER_RELEASES_JSON NODE_RELEASES_JSON");
  }
  const read = (path: string): unknown => {
    try {
      return JSON.parse(readFileSync(resolve(io.cwd, path), "utf8"));
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${errorMessage(error)}`);
    }
  };
  const text = generateVersionsBzl(read(packerJson) as never, read(nodeJson) as never);
  const root = io.env["BUILD_WORKSPACE_DIRECTORY"] ?? io.cwd;
  const out = resolve(root, "packer/private/versions.bzl");
  writeFileSync(out, text);
  io.stdout(`wrote ${out}\n`);
  return 0;
};
