/**
 * The one order in which diagnostics are reported, shared by the text and JSON renderers:
 * by file path, then start offset, then code, with end offset and message as final tie-breakers,
 * so output is deterministic whatever order the phases produced the diagnostics in.
 */
import type { Diagnostic } from "./diagnostic.js";

function compareStrings(a: string, b: string): number {
  // Code-unit order, not locale order: the result must not depend on the machine.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two diagnostics by file, start offset, code, end offset and message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.span.file, b.span.file) ||
    a.span.start - b.span.start ||
    compareStrings(a.code, b.code) ||
    a.span.end - b.span.end ||
    compareStrings(a.message, b.message)
  );
}

/** A sorted copy of the diagnostics; the input is left untouched and equal elements keep their order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}
