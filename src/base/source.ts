/**
 * Source files and spans: the coordinates every later stage uses to point at user text.
 * Spans are end-exclusive UTF-16 offsets; lines and columns are 1-based and computed on demand.
 */

/**
 * The largest source file the compiler reads, in bytes (16 MiB): a file beyond it is refused before it is read,
 * whether named on the command line (E2013) or imported (E2023).
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** True for a path an import may name: one whose file name ends in `.terms` (after at least one character). */
export function isTermsPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name.length > ".terms".length && name.endsWith(".terms");
}

/** A half-open range [start, end) of UTF-16 offsets into one source file. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** A resolved position: 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One source text with a lazily built line index. */
export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    /** The path as the user gave it (relative, never made absolute), used in every message. */
    readonly path: string,
    readonly text: string,
  ) {}

  /** Offsets at which each line starts; line 1 starts at 0. */
  get lines(): readonly number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && t.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** Line and column (1-based) of an offset; offsets past the end clamp to the end. */
  position(offset: number): Position {
    const lines = this.lines;
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - lines[lo]! + 1 };
  }

  /** The text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    const lines = this.lines;
    const start = lines[line - 1];
    if (start === undefined) return "";
    const next = lines[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start && (this.text[end - 1] === "\n" || this.text[end - 1] === "\r")) end--;
    return this.text.slice(start, end);
  }

  /** A span in this file. */
  span(start: number, end: number): Span {
    return { file: this.path, start, end };
  }
}

/** The smallest span covering both. */
export function cover(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** True when a span is well formed for a text of the given length. */
export function isValidSpan(span: Span, textLength: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= textLength;
}
