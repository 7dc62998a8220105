/**
 * Offsets and LSP positions: the compiler's spans are end-exclusive UTF-16 offsets and its lines and columns are
 * 1-based (base/source.ts); the protocol counts lines and characters from 0, in UTF-16 code units too.
 */
import type { SourceFile, Span } from "../base/source.js";
import type { Position, Range } from "./types.js";

/** The position of an offset. */
export function positionAt(source: SourceFile, offset: number): Position {
  const p = source.position(offset);
  return { line: p.line - 1, character: p.column - 1 };
}

/** The range of a span. */
export function rangeOf(source: SourceFile, span: { readonly start: number; readonly end: number }): Range {
  return { start: positionAt(source, span.start), end: positionAt(source, Math.max(span.start, span.end)) };
}

/** The offset of a position, clamped to the line and to the text. */
export function offsetAt(source: SourceFile, position: Position): number {
  const lines = source.lines;
  if (position.line < 0) return 0;
  const start = lines[position.line];
  if (start === undefined) return source.text.length;
  const next = lines[position.line + 1];
  let end = next === undefined ? source.text.length : next;
  while (end > start && (source.text[end - 1] === "\n" || source.text[end - 1] === "\r")) end--;
  return Math.min(start + Math.max(0, position.character), end);
}

/** True when the offset lies in the span (its end included, as a cursor just after a word is on it). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
