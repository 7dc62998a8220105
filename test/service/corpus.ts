/**
 * The service tests' project: every `.terms` file of specs/ in memory, read through a ServiceHost as the LSP adapter
 * reads the workspace (paths relative to the repository root, imports relative to the importing file), with
 * specs/calendars as the standard library.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServiceHost } from "../../src/service/index.js";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url))
  .replaceAll("\\", "/")
  .replace(/\/$/, "");

/** Every `.terms` file under a repo-relative folder, sorted, with its text. */
export function termsFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(`${repoRoot}/${rel}`).sort()) {
      const path = `${rel}/${name}`;
      if (statSync(`${repoRoot}/${path}`).isDirectory()) walk(path);
      else if (name.endsWith(".terms")) out.set(path, readFileSync(`${repoRoot}/${path}`, "utf8"));
    }
  };
  walk(dir);
  return out;
}

/** The files of specs/. */
export const specs = termsFiles("specs");

/** A host over a map of files (by default specs/), as the LSP adapter's. */
export function memoryHost(files: ReadonlyMap<string, string> = specs): ServiceHost {
  return {
    readFile: (path) => files.get(posix.normalize(path)),
    resolveImport: (from, imp) => posix.join(posix.dirname(from), imp),
    listFiles: () => [...files.keys()],
    standardLibrary: () => [...files.keys()].filter((p) => p.startsWith("specs/calendars/")),
    importPath: (from, target) => posix.relative(posix.dirname(from), target),
  };
}
