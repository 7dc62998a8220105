/**
 * The tests' one in-memory host and one `check()`: sources in a map of `/`-separated paths to texts, imports
 * resolved relative to the importing file as the CLI's host does (without its confinement), and the diagnostics
 * of a check written `E2007 3:21-3:26` (with the file for another file than the root) for compact expectations.
 */
import { posix } from "node:path";
import type { Diagnostic } from "../../src/diagnostics/index.js";
import { checkSources, type CheckResult, type Host } from "../../src/driver.js";

/** A driver Host over files in memory; imports resolve relative to the importing file. */
export function memoryHost(files: Readonly<Record<string, string>> | ReadonlyMap<string, string>): Host {
  const read = files instanceof Map ? (p: string) => files.get(p) : (p: string) => (files as Record<string, string>)[p];
  return {
    readFile: (path) => read(posix.normalize(path)),
    resolveImport: (from, imp) => posix.join(posix.dirname(from), imp),
  };
}

/** Checks `text` as `main.terms`, which may import the other `files`. */
export function check(text: string, files: Readonly<Record<string, string>> = {}): CheckResult {
  return checkFiles({ ...files, "main.terms": text }, "main.terms");
}

/** Checks one root of `files`: `root`, by default `main.terms` when there is one, else the first file. */
export function checkFiles(files: Readonly<Record<string, string>>, root?: string): CheckResult {
  const path = root ?? ("main.terms" in files ? "main.terms" : Object.keys(files)[0]!);
  return checkSources([{ path, text: files[path] ?? "" }], memoryHost(files));
}

/** Each diagnostic as `CODE line:col-line:col`, prefixed by its file when it is not `root`. */
export function located(r: CheckResult, root = "main.terms"): string[] {
  return r.diagnostics.map((d: Diagnostic) => {
    const s = r.sources.get(d.span.file)!;
    const a = s.position(d.span.start);
    const b = s.position(d.span.end);
    const file = d.span.file === root ? "" : `${d.span.file}:`;
    return `${d.code} ${file}${a.line}:${a.column}-${b.line}:${b.column}`;
  });
}

/** The codes of a check's diagnostics, in order. */
export function codes(r: { readonly diagnostics: readonly Diagnostic[] }): string[] {
  return r.diagnostics.map((d) => d.code);
}
