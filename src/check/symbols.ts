/** Placeholder, replaced by the symbol table implementation. */
import type { Host } from "../driver.js";
import type { Program, ProgramFile, Report, Symbol } from "./program.js";

export function buildProgram(files: readonly ProgramFile[], _host: Host, _report: Report): Program {
  const symbols = new Map<string, Symbol>();
  return { files, symbols, visible: () => symbols };
}
