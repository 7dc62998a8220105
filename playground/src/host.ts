/**
 * The driver's Host over files held in memory (the playground's bundled examples): imports resolve relative to
 * the importing file's folder, as the CLI's file-system host resolves them, with `.` and `..` segments folded, so
 * `specs/contracts/foti.terms` importing `../calendars/nyse.terms` reads `specs/calendars/nyse.terms`.
 */
import type { Host } from "../../src/index.js";
import { STANDARD_CALENDARS, standardModuleFiles } from "../../src/check/imports.js";

/** Joins a relative import to the importing file's folder and folds `.` and `..` (a pure path computation). */
export function resolvePath(fromFile: string, importPath: string): string {
  const path = importPath.replaceAll("\\", "/");
  const absolute = path.startsWith("/") || fromFile.startsWith("/");
  const joined = path.startsWith("/") ? path : `${fromFile.split("/").slice(0, -1).join("/")}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    // Above the root of a relative tree `..` stays (and the file is not found); above `/` there is nothing.
    else if (!absolute) parts.push("..");
  }
  return (absolute ? "/" : "") + parts.join("/");
}

const STANDARD_FOLDER = `specs/${STANDARD_CALENDARS}/`;

/** Whether a bundled file is one of the standard calendars (directly in specs/calendars). */
function isStandardCalendarFile(path: string): boolean {
  return path.startsWith(STANDARD_FOLDER) && path.endsWith(".terms") && !path.slice(STANDARD_FOLDER.length).includes("/");
}

/** A Host reading the given files (path → text). */
export function memoryHost(files: ReadonlyMap<string, string>): Host {
  return {
    // A path above the bundled tree or absolute is outside, as the CLI refuses a file outside the project folder.
    readFile: (path) =>
      path.startsWith("/") || path === ".." || path.startsWith("../")
        ? { refused: "outside-project", reason: "it is outside the playground's files" }
        : files.get(path),
    resolveImport: resolvePath,
    // The standard calendars are bundled with the examples, under specs/calendars, as in the package.
    standardModule: (module) => standardModuleFiles(module, [...files.keys()].filter(isStandardCalendarFile)),
  };
}
