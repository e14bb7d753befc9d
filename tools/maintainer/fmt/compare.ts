/**
 * Compares the formatter with `packer fmt` on the templates and var files under each PATH,
 * and on badly formatted variants of each (FMT_VARIANTS per kind, default 2):
 *
 *   node tools/maintainer/fmt/compare.ts PATH...        (Node.js 24; under 20: npx vite-node ...)
 *
 * Uses $PACKER or `packer` on PATH. Prints the counts and the first differences.
 */
import { compareCommand } from "../../testing/fmt/oracle.ts";

compareCommand(process.argv.slice(2).filter((a) => !a.endsWith("compare.ts")));
