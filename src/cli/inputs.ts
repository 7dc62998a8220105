/**
 * From command-line inputs to source texts: expands folders into their `*.terms` files (recursively, in sorted
 * order), reads every root file, finds the project folders, and supplies the driver's Host for imports. Paths stay
 * as the user gave them, normalised with `/` and never made absolute in any message. Inputs that cannot be read
 * become E2013 diagnostics.
 *
 * Imports are confined (grammar/README.md, "Files and imports"): an import may read a regular `.terms` file of at
 * most MAX_SOURCE_BYTES inside a project folder or the standard library, symbolic links resolved first. The project
 * folder of an input is the nearest folder at or above it (the folder given, or the folder of the file given) that
 * holds a `termsheet.json` or a `package.json`, as tsconfig.json, package.json or .git delimit a project for other
 * tools; without one, it is that folder itself.
 */
import { posix } from "node:path";
import { isTermsPath } from "../base/source.js";
import { suggest } from "../diagnostics/did-you-mean.js";
import { Codes, diag, type Diagnostic } from "../diagnostics/index.js";
import type { Host, HostRefusal } from "../driver.js";
import { STANDARD_CALENDARS, standardModuleFiles } from "../check/imports.js";
import type { FolderEntry, System } from "./system.js";

/** The files that make a folder a project folder, in the order they are looked for. */
export const PROJECT_MARKERS: readonly string[] = ["termsheet.json", "package.json"];

/** A project folder: imports may read the files in it. */
export interface Project {
  /** Its real, absolute path (`/`-separated); used for the check, never printed. */
  readonly real: string;
  /** The folder as messages show it, relative to the working folder. */
  readonly shown: string;
  /** The marker file that makes it the project folder, or undefined when it is the folder of the inputs. */
  readonly marker: string | undefined;
}

/** The root files to check, the inputs that could not be read, and the project folders of the inputs. */
export interface Inputs {
  readonly roots: readonly { readonly path: string; readonly text: string }[];
  readonly problems: readonly Diagnostic[];
  readonly projects: readonly Project[];
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
  const projects = new Map<string, Project>();
  const cwd = sys.realPath(".");
  for (const input of inputs) {
    const path = normalizePath(input, sys.windows);
    const kind = input === "" ? { ok: false as const, reason: "the path is empty" } : sys.kindOf(path);
    if (!kind.ok) {
      problems.push(
        problem(path, `cannot read \`${input}\`: ${kind.reason}`, nearPath(path, sys) ?? "paths are relative to the current folder"),
      );
      continue;
    }
    if (kind.value === "folder") {
      const found: string[] = [];
      walk(path, sys, found, problems);
      if (found.length === 0) problems.push(problem(path, `no \`.terms\` files in the folder \`${input}\``));
      paths.push(...found);
    } else {
      paths.push(path);
    }
    const project = projectOf(kind.value === "folder" ? path : posix.dirname(path), sys, cwd.ok ? cwd.value : undefined);
    if (project !== undefined && !projects.has(project.real)) projects.set(project.real, project);
  }

  const roots: { path: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) continue;
    seen.add(path);
    const read = sys.readSource(path);
    if (read.ok) roots.push({ path, text: read.value });
    else problems.push(problem(path, `cannot read \`${path}\`: ${read.reason}`));
  }
  return { roots, problems, projects: [...projects.values()] };
}

/** The project folder of an input folder: the nearest folder at or above it with a marker, else the folder itself. */
/** The project folders of some files or folders (each its own, or the nearest folder above it with a marker file). */
export function projectsOf(paths: readonly string[], sys: System): Project[] {
  const cwd = sys.realPath(".");
  const projects = new Map<string, Project>();
  for (const path of paths) {
    const kind = sys.kindOf(path);
    if (!kind.ok) continue;
    const project = projectOf(kind.value === "folder" ? path : posix.dirname(path), sys, cwd.ok ? cwd.value : undefined);
    if (project !== undefined && !projects.has(project.real)) projects.set(project.real, project);
  }
  return [...projects.values()];
}

function projectOf(folder: string, sys: System, cwd: string | undefined): Project | undefined {
  const real = sys.realPath(folder);
  if (!real.ok) return undefined;
  const shown = (dir: string): string => (cwd === undefined ? folder : posix.relative(cwd, dir) || ".");
  for (let dir: string | undefined = real.value; dir !== undefined; dir = parentFolder(dir)) {
    for (const marker of PROJECT_MARKERS) {
      const kind = sys.kindOf(posix.join(dir, marker));
      if (kind.ok && kind.value === "file") return { real: dir, shown: shown(dir), marker };
    }
  }
  return { real: real.value, shown: shown(real.value), marker: undefined };
}

/** The folder above an absolute folder, or undefined at the top (`/`, or a drive such as `C:/` on Windows). */
function parentFolder(dir: string): string | undefined {
  const up = posix.dirname(dir);
  return up === dir || up === "." ? undefined : up;
}

/** True when an absolute path is the folder or lies inside it. */
function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith("/") ? folder : `${folder}/`);
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

/**
 * The driver's Host over the file system: imports resolve relative to the importing file's folder, and may read
 * only regular `.terms` files inside the project folders of the inputs or the standard library. The path is checked
 * as written before anything is asked of the file system (so that nothing outside can even be probed for), then
 * with every symbolic link resolved, and the file read is the resolved one.
 */
export function fileHost(sys: System, inputs: Pick<Inputs, "projects">): Host {
  const library = sys.standardLibrary?.();
  const folders = [...inputs.projects.map((p) => p.real), ...(library === undefined ? [] : [library])];
  let cwd: string | undefined | null = null;
  let calendars: readonly string[] | undefined;
  const allowed = (absolute: string): boolean => folders.some((f) => inside(absolute, f));
  const outside = (reason: string): HostRefusal => ({ refused: "outside-project", reason, notes: projectNotes(inputs.projects, library) });
  return {
    readFile(path) {
      if (cwd === null) {
        const real = sys.realPath(".");
        cwd = real.ok ? real.value : undefined;
      }
      if (cwd === undefined) return undefined;
      const absolute = path.startsWith("/") ? posix.normalize(path) : posix.join(cwd, path);
      if (!allowed(absolute)) return outside("it is outside the project folder");
      const real = sys.realPath(path);
      if (!real.ok) return undefined;
      if (!allowed(real.value)) return outside("it is a symbolic link to a file outside the project folder");
      if (!isTermsPath(real.value)) {
        return { refused: "not-terms-file", reason: "it is a symbolic link to a file that is not a `.terms` file" };
      }
      const read = sys.readSource(real.value);
      if (read.ok) return read.value;
      return read.refusal === undefined ? undefined : { refused: read.refusal, reason: read.reason };
    },
    resolveImport(fromFile, importPath) {
      const target = normalizePath(importPath, sys.windows);
      return target.startsWith("/") ? target : posix.join(posix.dirname(fromFile), target);
    },
    standardModule(module) {
      if (library === undefined) return undefined;
      calendars ??= standardCalendarFiles(sys, library);
      return standardModuleFiles(module, calendars);
    },
  };
}

/** The `.terms` files of the standard calendars (`calendars` in the library), as absolute paths. */
function standardCalendarFiles(sys: System, library: string): string[] {
  const folder = posix.join(library, STANDARD_CALENDARS);
  const listing = sys.readFolder(folder);
  if (!listing.ok) return [];
  return listing.value.filter((e) => e.kind === "file" && isTermsPath(e.name)).map((e) => posix.join(folder, e.name));
}

/** What the project folders are, for the message of an import outside them. */
function projectNotes(projects: readonly Project[], library: string | undefined): string[] {
  const described = projects.map((p) =>
    p.marker === undefined
      ? `\`${p.shown}\` (the folder of the files checked: no folder above it holds ${PROJECT_MARKERS.join(" or ")})`
      : `\`${p.shown}\` (the nearest folder at or above the files checked that holds ${p.marker})`,
  );
  const notes = [described.length === 1 ? `the project folder is ${described[0]!}` : `the project folders are ${described.join(", ")}`];
  if (library !== undefined) notes.push("imports may also read the standard library, the `specs` folder of the termsheet package");
  return notes;
}
