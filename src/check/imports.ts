/**
 * What an import reads. A path (`import "calendars/nyse.terms"`) is one file, relative to the importing file; a
 * standard-library module (`import NYSE from "std:calendars"`) is the files of the library that the module names,
 * from any folder and without a path into `node_modules`. The library is the standard calendars; its modules are
 * `std:calendars` (every standard calendar) and `std:calendars/NAME` (the file `NAME.terms` alone). The driver (which
 * files to read), the symbol table (which names an import makes visible) and the language service (definitions,
 * references) all ask this module, so an import means one thing everywhere.
 */
import type { Host } from "./host.js";

/** The prefix of an import of the standard library by module name. */
export const STANDARD_PREFIX = "std:";

/** The module that holds every standard calendar. */
export const STANDARD_CALENDARS = "calendars";

/** Whether an import names a standard-library module rather than a path. */
export function isStandardImport(written: string): boolean {
  return written.startsWith(STANDARD_PREFIX);
}

/**
 * The files of a standard-library module, given the paths of the library's `.terms` files (as a host names them):
 * all of them for `calendars`, the one named `NAME.terms` for `calendars/NAME`; undefined for any other module. A
 * module name is a word, not a path: nothing in it can lead outside the library.
 */
export function standardModuleFiles(module: string, libraryFiles: readonly string[]): readonly string[] | undefined {
  const files = [...libraryFiles].sort();
  if (module === STANDARD_CALENDARS) return files.length > 0 ? files : undefined;
  const m = /^calendars\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(module);
  if (m === null) return undefined;
  const file = files.find((f) => f === `${m[1]}.terms` || f.endsWith(`/${m[1]}.terms`));
  return file === undefined ? undefined : [file];
}

/** The standard modules, for the message of an unknown one: `std:calendars` and one per standard calendar file. */
export function standardModules(libraryFiles: readonly string[]): string[] {
  const stems = [...libraryFiles].sort().map((f) => f.slice(f.lastIndexOf("/") + 1).replace(/\.terms$/, ""));
  return [STANDARD_CALENDARS, ...stems.map((s) => `${STANDARD_CALENDARS}/${s}`)].map((m) => STANDARD_PREFIX + m);
}

/**
 * The files an import reads, as the host names them: the resolved path of a path, the module's files of a
 * standard import; undefined for a standard module the host does not have (or a host without a library).
 */
export function importTargets(
  host: Pick<Host, "resolveImport" | "standardModule">,
  fromFile: string,
  written: string,
): readonly string[] | undefined {
  if (!isStandardImport(written)) return [host.resolveImport(fromFile, written)];
  return host.standardModule?.(written.slice(STANDARD_PREFIX.length));
}
