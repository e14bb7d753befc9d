/**
 * rules_packer's own version (MODULE.bazel's `module(version = ...)`, equal to package.json's;
 * version.test.ts keeps the three in step) and what `--version` prints.
 */
import process from "node:process";

export const VERSION = "0.1.0";

/** `--version`: rules_packer's version, the Node.js that runs the helper, and Packer's when known. */
export function versionReport(packerVersion?: string): string {
  const lines = [`rules_packer ${VERSION}`, `Node.js ${process.version}`];
  if (packerVersion) lines.push(`Packer ${packerVersion.replace(/^v/, "")}`);
  return `${lines.join("\n")}\n`;
}
