/**
 * How a user names rules_packer's own targets in the commands the helper prints: `//tools:cli`
 * inside rules_packer, `@rules_packer//tools:cli` from a repository that depends on it. Bazel
 * lays a dependency's files out under its canonical repository name (`rules_packer~` with Bazel
 * 7, `rules_packer+` with Bazel 8), so the path of the running script tells which one this is.
 */
import process from "node:process";

const IN_DEPENDENCY = /(?:^|[\\/])(?:rules_packer[~+][^\\/]*|external[\\/]rules_packer)[\\/]/;

export function toolLabel(name: string, script: string = process.argv[1] ?? ""): string {
  return IN_DEPENDENCY.test(script) ? `@rules_packer//tools:${name}` : `//tools:${name}`;
}
