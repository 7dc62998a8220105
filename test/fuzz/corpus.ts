/**
 * The fuzzer's corpus: every `.terms` source of specs/ and test/cases/ (read once, in sorted order), and the
 * in-memory Host a mutant is checked with, so that its imports resolve against the unmutated corpus as they would
 * in the repository (a mutant keeps the path of the file it came from). Reads files; used by the fuzzer's parent
 * process, which sends the corpus to its workers.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";
import type { Host } from "../../src/driver.js";

/** The repository root, with forward slashes. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url))
  .replaceAll("\\", "/")
  .replace(/\/$/, "");

/** One source of the corpus: its repo-relative path and its text. */
export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

/** Every `.terms` file under the folders, repo-relative, sorted. */
export function readCorpus(folders: readonly string[] = ["specs", "test/cases"]): CorpusFile[] {
  const out: CorpusFile[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(`${REPO_ROOT}/${rel}`).sort()) {
      const path = `${rel}/${name}`;
      const stat = statSync(`${REPO_ROOT}/${path}`);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && name.endsWith(".terms")) out.push({ path, text: readFileSync(`${REPO_ROOT}/${path}`, "utf8") });
    }
  };
  for (const f of folders) walk(f);
  return out;
}

/** A Host over files in memory: imports are relative to the importing file, as in the repository. */
export function memoryHost(files: ReadonlyMap<string, string>): Host {
  return {
    readFile: (path) => files.get(posix.normalize(path)),
    resolveImport: (from, imp) => posix.normalize(posix.join(posix.dirname(from), imp)),
  };
}
