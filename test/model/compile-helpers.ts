/** Test helpers: a file-system host for the driver and a compile of every source under specs/. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compileSources, type CompileResult } from "../../src/compile.js";
import type { Host } from "../../src/driver.js";

/** The repository root. */
export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), "../.."));

/** The package version, as the CLI passes it. */
export const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

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

/** Every .terms file under a folder of the repository, as repository-relative paths, sorted. */
export function termsFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (name.endsWith(".terms")) out.push(path);
    }
  };
  walk(folder);
  return out.map((p) => relative(ROOT, join(ROOT, p)).split("\\").join("/"));
}

/** Compiles the given repository-relative files as roots. */
export function compileFiles(paths: readonly string[]): CompileResult {
  return compileSources(
    paths.map((path) => ({ path, text: host.readFile(path)! })),
    host,
    { compilerVersion: VERSION },
  );
}
