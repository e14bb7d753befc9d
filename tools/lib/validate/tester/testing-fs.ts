/** An in-memory FileSystem for tests and benchmarks. */
import type { FileSystem } from "../types.ts";

export function memoryFs(files: Record<string, string>): FileSystem {
  const dirs = new Set<string>();
  for (const p of Object.keys(files)) {
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  const norm = (p: string): string => p.replace(/^\.\//, "");
  return {
    stat: (p) => (files[norm(p)] !== undefined ? "file" : dirs.has(norm(p)) ? "dir" : null),
    readText: (p) => files[norm(p)] ?? null,
  };
}
