/**
 * The tests' one folder walker: every file under a folder of the repository whose name ends with an extension
 * (by default `.terms`), depth first, each folder in sorted order, as repository-relative `/` paths, with or without their texts.
 * A folder that does not exist has no files.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { repoRoot } from "./paths.js";

/** The repository-relative paths of the files under `folder` ending in `extension`, sorted. */
export function filesUnder(folder: string, extension = ".terms"): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(`${repoRoot}/${rel}`);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = `${rel}/${name}`;
      if (statSync(`${repoRoot}/${path}`).isDirectory()) walk(path);
      else if (name.endsWith(extension)) out.push(path);
    }
  };
  walk(folder.replace(/\/$/, ""));
  return out;
}

/** The `.terms` files under `folder` (repository-relative), sorted, with their texts. */
export function termsFiles(folder: string): { path: string; text: string }[] {
  return filesUnder(folder).map((path) => ({ path, text: readFileSync(`${repoRoot}/${path}`, "utf8") }));
}
