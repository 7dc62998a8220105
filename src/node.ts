/**
 * The package's Node.js entry (`termsheet/node`): what needs the file system, kept out of the pure main entry so
 * that `termsheet` itself runs anywhere (a browser, a worker). `nodeHost()` is the driver's Host the CLI uses:
 * files read as UTF-8 (a byte-order mark dropped), a missing file undefined, imports resolved relative to the
 * importing file, paths with `/`.
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
import { fileHost } from "./cli/inputs.js";
import { nodeSystem } from "./cli/system.js";
import type { Host } from "./driver.js";

export type { Host } from "./driver.js";

/** The Host of the CLI: the file system, with imports resolved as `termsheet check` resolves them. */
export function nodeHost(): Host {
  return fileHost(nodeSystem());
}
