/**
 * The readable contract of a document for the editor's preview: the document compiled as `termsheet render FILE`
 * compiles it (compile.ts, then the legal backend with the source lines), so the preview is the same chapter the
 * CLI writes; `today` is its "as of" date. Loaded lazily: only the preview needs the JSON backend.
 */
import { renderContract } from "../backends/legal/index.js";
import { sourceLines } from "../backends/legal/source-lines.js";
import { compileSources } from "../compile.js";
import type { ServiceContext } from "./context.js";
import { offsetAt } from "./text.js";
import type { Position } from "./types.js";

/** Renders the contract of a document at `position` (else its only or first contract, else its first declaration). */
export function renderDocument(
  service: Pick<ServiceContext, "text" | "imports">,
  path: string,
  today: string,
  format: "html" | "md",
  position?: Position,
): { ok: true; text: string; name: string } | { ok: false; message: string } {
  const text = service.text(path);
  if (text === undefined) return { ok: false, message: `cannot read ${path}` };
  const result = compileSources(
    [{ path, text }],
    // Imports resolve as the service's checks resolve them: paths, and `std:` modules from the standard library.
    { readFile: (p) => service.text(p), ...service.imports },
    { compilerVersion: "editor" },
  );
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    return {
      ok: false,
      message: `${errors.length} error${errors.length === 1 ? "" : "s"} to fix before the contract can be rendered (see Problems)`,
    };
  }
  const file = result.program.files.find((f) => f.source.path === path);
  const decls = file?.ast.declarations ?? [];
  const at = position !== undefined && file !== undefined ? offsetAt(file.source, position) : undefined;
  const under = at === undefined ? undefined : decls.find((d) => d.span.start <= at && at <= d.span.end);
  const contracts = decls.filter((d) => d.kind === "Future" || d.kind === "Option" || d.kind === "Spread");
  const chosen = under ?? contracts[0] ?? decls[0];
  const name = chosen?.name?.name;
  const spec = result.files.find((f) => f.spec.subject.name === name)?.spec;
  if (name === undefined || spec === undefined) return { ok: false, message: "this file declares nothing to render" };
  return { ok: true, name, text: renderContract(spec, format, { asOf: today, sources: sourceLines(result.program) }) };
}
