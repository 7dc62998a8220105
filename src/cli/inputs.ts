/**
 * From command-line inputs to source texts: expands folders into their `*.terms` files (recursively, in sorted
 * order), reads every root file, and supplies the driver's Host for imports. Paths stay as the user gave them,
 * normalised with `/` and never made absolute. Inputs that cannot be read become E2013 diagnostics.
 */
import { posix } from "node:path";
import { suggest } from "../diagnostics/did-you-mean.js";
import { Codes, diag, type Diagnostic } from "../diagnostics/index.js";
import type { Host } from "../driver.js";
import type { FolderEntry, System } from "./system.js";

/** The root files to check, and the inputs that could not be read. */
export interface Inputs {
  readonly roots: readonly { readonly path: string; readonly text: string }[];
  readonly problems: readonly Diagnostic[];
}

/** Folders never searched: dependencies, and dot-folders such as `.git`. */
function skipFolder(name: string): boolean {
  return name === "node_modules" || name.startsWith(".");
}

function compareStrings(a: string, b: string): number {
  // Code-unit order, not locale order: the file order must not depend on the machine.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A user-typed path in the form every message shows: `/` separators, `.` and `..` segments folded. */
export function normalizePath(path: string, windows: boolean): string {
  const slashed = windows ? path.replace(/\\/g, "/") : path;
  const normal = posix.normalize(slashed);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

function problem(path: string, message: string, hint?: string): Diagnostic {
  return diag(Codes.InputNotFound, { file: path, start: 0, end: 0 }, message, { hint });
}

/** The `*.terms` files under a folder, depth first, entries in sorted order. */
function walk(folder: string, sys: System, found: string[], problems: Diagnostic[]): void {
  const listing = sys.readFolder(folder);
  if (!listing.ok) {
    problems.push(problem(folder, `cannot read the folder \`${folder}\`: ${listing.reason}`));
    return;
  }
  const entries = [...listing.value].sort((a, b) => compareStrings(a.name, b.name));
  for (const entry of entries) {
    const path = posix.join(folder, entry.name);
    if (entry.kind === "folder" && !skipFolder(entry.name)) walk(path, sys, found, problems);
    else if (entry.kind === "file" && entry.name.endsWith(".terms")) found.push(path);
  }
}

/** Expands and reads the inputs: files are taken as given, folders are searched; duplicates are read once. */
export function collectInputs(inputs: readonly string[], sys: System): Inputs {
  const paths: string[] = [];
  const problems: Diagnostic[] = [];
  for (const input of inputs) {
    const path = normalizePath(input, sys.windows);
    const kind = input === "" ? { ok: false as const, reason: "the path is empty" } : sys.kindOf(path);
    if (!kind.ok) {
      problems.push(
        problem(path, `cannot read \`${input}\`: ${kind.reason}`, nearPath(path, sys) ?? "paths are relative to the current folder"),
      );
    } else if (kind.value === "folder") {
      const found: string[] = [];
      walk(path, sys, found, problems);
      if (found.length === 0) problems.push(problem(path, `no \`.terms\` files in the folder \`${input}\``));
      paths.push(...found);
    } else {
      paths.push(path);
    }
  }

  const roots: { path: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) continue;
    seen.add(path);
    const read = sys.readFile(path);
    if (read.ok) roots.push({ path, text: read.value });
    else problems.push(problem(path, `cannot read \`${path}\`: ${read.reason}`));
  }
  return { roots, problems };
}

/**
 * A did-you-mean for a path that cannot be read: an entry beside it with a close name that `wanted` accepts
 * (by default a folder or a `.terms` file), or undefined.
 */
export function nearPath(path: string, sys: System, wanted: (entry: FolderEntry) => boolean = isSourceEntry): string | undefined {
  const parent = posix.dirname(path);
  const name = posix.basename(path);
  if (name === "" || name === "." || name === "..") return undefined;
  const listing = sys.readFolder(parent);
  if (!listing.ok) return undefined;
  const best = suggest(
    name,
    listing.value.filter(wanted).map((e) => e.name),
  );
  return best === undefined ? undefined : `did you mean \`${parent === "." ? best : posix.join(parent, best)}\`?`;
}

function isSourceEntry(e: FolderEntry): boolean {
  return (e.kind === "folder" && !skipFolder(e.name)) || (e.kind === "file" && e.name.endsWith(".terms"));
}

/** The driver's Host over the file system: imports resolve relative to the importing file's folder. */
export function fileHost(sys: System): Host {
  return {
    readFile(path) {
      const read = sys.readFile(path);
      return read.ok ? read.value : undefined;
    },
    resolveImport(fromFile, importPath) {
      const target = normalizePath(importPath, sys.windows);
      return target.startsWith("/") ? target : posix.join(posix.dirname(fromFile), target);
    },
  };
}
