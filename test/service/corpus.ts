/**
 * The service tests' project: every `.terms` file of specs/ in memory, read through a ServiceHost as the LSP adapter
 * reads the workspace (paths relative to the repository root, imports relative to the importing file), with
 * specs/calendars as the standard library.
 */
import { posix } from "node:path";
import type { ServiceHost } from "../../src/service/index.js";
import { termsFiles as walk } from "../helpers/files.js";

export { repoRoot } from "../helpers/paths.js";

/** Every `.terms` file under a repo-relative folder, sorted, with its text. */
export function termsFiles(dir: string): Map<string, string> {
  return new Map(walk(dir).map((f) => [f.path, f.text]));
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
