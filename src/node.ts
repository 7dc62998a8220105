/**
 * The package's Node.js entry (`termsheet/node`): what needs the file system, kept out of the pure main entry so
 * that `termsheet` itself runs anywhere (a browser, a worker). `nodeHost()` is the driver's Host the CLI uses:
 * files read as UTF-8 (a byte-order mark dropped), a missing file undefined, imports resolved relative to the
 * importing file, paths with `/`. Imports are confined as the CLI confines them: to the project folders of the
 * given paths (each path's nearest folder above it holding a `termsheet.json` or `package.json`, else its own
 * folder; by default the current folder's) and the standard library.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { checkSources, renderDiagnostics, sourceLookup } from "termsheet";
 * import { nodeHost } from "termsheet/node";
 * const path = "specs/contracts/foti.terms";
 * const result = checkSources([{ path, text: readFileSync(path, "utf8") }], nodeHost());
 * console.log(renderDiagnostics(result.diagnostics, sourceLookup(result.sources.values())));
 * ```
 */
import { fileHost, projectsOf } from "./cli/inputs.js";
import { nodeSystem } from "./cli/system.js";
import type { Host } from "./driver.js";

export type { Host } from "./driver.js";

/**
 * The Host of the CLI: the file system, with imports resolved and confined as `termsheet check` does for the
 * given files or folders (default: the current folder).
 */
export function nodeHost(paths: readonly string[] = ["."]): Host {
  const sys = nodeSystem();
  return fileHost(sys, { projects: projectsOf(paths, sys) });
}
