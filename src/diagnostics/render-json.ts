/**
 * The JSON renderer: diagnostics as plain objects for tools and editors (`--format json`).
 * Every object has the same keys in the same order, absent parts are `null` or empty arrays, and the
 * array is in the stable order of sort.ts, so the output is byte-for-byte deterministic.
 * Lines and columns are 1-based and counted in UTF-16 code units, as in SourceFile and the LSP;
 * `endLine`/`endColumn` give the position just past the span, matching the end-exclusive `end` offset.
 */
import { escapeUnprintable } from "../base/characters.js";
import type { SourceFile, Span } from "../base/source.js";
import { codeKey } from "./codes.js";
import type { Diagnostic, Severity } from "./diagnostic.js";
import type { SourceLookup } from "./render-text.js";
import { sortDiagnostics } from "./sort.js";

/** A span resolved to positions; line and column fields are null when the file's source is not available. */
export interface JsonLocation {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  readonly start: number;
  readonly end: number;
}

/** A secondary label in JSON output. */
export interface JsonLabel extends JsonLocation {
  readonly message: string;
}

/** One diagnostic in JSON output. */
export interface JsonDiagnostic {
  readonly code: string;
  /** The registry key, or null for a code not in the registry. */
  readonly key: string | null;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  readonly start: number;
  readonly end: number;
  readonly context: readonly string[];
  readonly labels: readonly JsonLabel[];
  readonly notes: readonly string[];
  readonly hint: string | null;
}

/** Options of the JSON renderer. */
export interface JsonRenderOptions {
  /** Indent with two spaces, one key per line; default true. Compact output is one line. */
  readonly pretty?: boolean;
}

function locate(span: Span, source: SourceFile | undefined): JsonLocation {
  if (!source) {
    return { file: span.file, line: null, column: null, endLine: null, endColumn: null, start: span.start, end: span.end };
  }
  const start = source.position(span.start);
  const end = source.position(span.end);
  // Literal key order here is the output key order.
  return {
    file: span.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    start: span.start,
    end: span.end,
  };
}

/** Converts diagnostics to JSON-ready objects, sorted by file, start offset and code. */
export function toJsonDiagnostics(diagnostics: readonly Diagnostic[], lookup: SourceLookup): JsonDiagnostic[] {
  return sortDiagnostics(diagnostics).map((d) => {
    const at = locate(d.span, lookup(d.span.file));
    return {
      code: d.code,
      key: codeKey(d.code) ?? null,
      severity: d.severity,
      message: escapeUnprintable(d.message),
      file: at.file,
      line: at.line,
      column: at.column,
      endLine: at.endLine,
      endColumn: at.endColumn,
      start: at.start,
      end: at.end,
      context: (d.context ?? []).map(escapeUnprintable),
      labels: (d.labels ?? []).map((l) => ({ ...locate(l.span, lookup(l.span.file)), message: escapeUnprintable(l.message) })),
      notes: (d.notes ?? []).map(escapeUnprintable),
      hint: d.hint === undefined ? null : escapeUnprintable(d.hint),
    };
  });
}

/** Renders diagnostics as a JSON array string (no trailing newline). */
export function renderJson(diagnostics: readonly Diagnostic[], lookup: SourceLookup, options: JsonRenderOptions = {}): string {
  const value = toJsonDiagnostics(diagnostics, lookup);
  return (options.pretty ?? true) ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}
