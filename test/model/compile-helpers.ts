/** Test helpers: a file-system host for the driver, and a compile of repository files (found with test/helpers/files.ts). */
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { compileSources, type CompileResult } from "../../src/compile.js";
import type { Host } from "../../src/driver.js";
import { repoRoot, VERSION } from "../helpers/paths.js";

export { filesUnder } from "../helpers/files.js";

/** The repository root. */
export const ROOT = repoRoot;

export { VERSION };

/** Reads sources relative to the repository root. */
export const host = {
  readFile(path: string): string | undefined {
    try {
      return readFileSync(join(ROOT, path), "utf8");
    } catch {
      return undefined;
    }
  },
  resolveImport(from: string, importPath: string): string {
    return normalize(join(dirname(from), importPath))
      .split("\\")
      .join("/");
  },
} satisfies Host;

/** Compiles the given repository-relative files as roots. */
export function compileFiles(paths: readonly string[]): CompileResult {
  return compileSources(
    paths.map((path) => ({ path, text: host.readFile(path)! })),
    host,
    { compilerVersion: VERSION },
  );
}
