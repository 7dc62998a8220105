/**
 * The compile pipeline after checking: parses, checks and lowers the sources to the model (driver.ts), and only
 * when that found no errors writes one compiled spec per declaration of the root files (backends/json/to-json.ts). Pure like the driver: sources come through the Host and the
 * result is data; the CLI writes the files. Warnings do not block compilation; any error means no files.
 */
import { checkSources, type CheckResult, type Host } from "./driver.js";
import { toJson, type SpecFile, type SpecSubject } from "./backends/json/to-json.js";
import { declarationKind } from "./check/program.js";
import { sortDiagnostics } from "./diagnostics/index.js";

/** Options of {@link compileSources}. */
export interface CompileOptions {
  /** The compiler's version, written into every spec; the CLI passes package.json's. */
  readonly compilerVersion: string;
}

/** The check result plus the compiled spec files (empty whenever there is an error). */
export interface CompileResult extends CheckResult {
  /** Compiled specs sorted by path, e.g. `calendars/NYSE.json`, `contracts/FOTI.json`; empty on any error. */
  readonly files: readonly SpecFile[];
}

/** Checks the root files and what they import, then compiles every declaration of the root files. Never throws. */
export function compileSources(roots: readonly { path: string; text: string }[], host: Host, options: CompileOptions): CompileResult {
  const checked = checkSources(roots, host);
  if (checked.model === undefined || checked.diagnostics.some((d) => d.severity === "error")) return { ...checked, files: [] };
  const subjects: SpecSubject[] = [];
  for (const file of checked.program.files) {
    if (!file.root) continue;
    for (const decl of file.ast.declarations) {
      if (decl.name === undefined) continue;
      subjects.push({ kind: declarationKind(decl), name: decl.name.name, span: decl.name.span });
    }
  }
  const out = toJson(checked.model, subjects, options);
  if (!out.ok) return { ...checked, diagnostics: sortDiagnostics([...checked.diagnostics, ...out.diagnostics]), files: [] };
  return { ...checked, files: out.files };
}
