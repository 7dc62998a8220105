/**
 * The text renderer: formats Diagnostic values for people, in the rustc/codespan style, with the source
 * excerpt, carets under the exact span, labelled secondary spans, the context path, notes and a hint.
 * It is pure: sources come from a lookup function and colour is an option, so the CLI alone decides
 * whether a terminal is attached; the summary line for the end of a run lives here too.
 */
import type { SourceFile, Span } from "../base/source.js";
import type { Diagnostic, Severity } from "./diagnostic.js";
import { sortDiagnostics } from "./sort.js";

/** Finds the source file a span points into; undefined when it is not loaded. */
export type SourceLookup = (path: string) => SourceFile | undefined;

/** Options of the text renderer. */
export interface TextRenderOptions {
  /** Emit ANSI colour and bold; default false. */
  readonly color?: boolean;
  /** Width of a tab stop when expanding tabs in excerpts; default 4. */
  readonly tabWidth?: number;
}

/** A lookup over a fixed set of source files, keyed by their path. */
export function sourceLookup(files: Iterable<SourceFile>): SourceLookup {
  const byPath = new Map<string, SourceFile>();
  for (const file of files) byPath.set(file.path, file);
  return (path) => byPath.get(path);
}

// ---------------------------------------------------------------------------------------------------------
// Colour

const RESET = "\x1b[0m";

type Style = "header" | "message" | "gutter" | "secondary" | "word" | Severity | "ok";

const STYLES: Readonly<Record<Style, string>> = {
  error: "\x1b[1;31m",
  warning: "\x1b[1;33m",
  note: "\x1b[1;36m",
  ok: "\x1b[1;32m",
  header: "\x1b[1m",
  message: "\x1b[1m",
  gutter: "\x1b[1;34m",
  secondary: "\x1b[1;34m",
  word: "\x1b[1m",
};

type Paint = (text: string, style: Style) => string;

function painter(color: boolean): Paint {
  return color ? (text, style) => (text === "" ? "" : STYLES[style] + text + RESET) : (text) => text;
}

// ---------------------------------------------------------------------------------------------------------
// Display columns: what a terminal shows for a source line, and where each offset lands on screen.

interface DisplayLine {
  /** The line as shown: tabs expanded, control characters made visible. */
  readonly text: string;
  /** cols[i] is the display column (0-based) before UTF-16 offset i of the line; cols[length] is its width. */
  readonly cols: readonly number[];
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, direction marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff // byte order mark
  );
}

function displayLine(line: string, tabWidth: number): DisplayLine {
  let text = "";
  const cols: number[] = [];
  let col = 0;
  for (let i = 0; i < line.length;) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < units; k++) cols.push(col);
    if (cp === 9) {
      const w = tabWidth - (col % tabWidth);
      text += " ".repeat(w);
      col += w;
    } else if (cp < 0x20 || cp === 0x7f) {
      // Stray control characters would corrupt the terminal; show the Unicode control picture instead.
      text += String.fromCodePoint(cp === 0x7f ? 0x2421 : 0x2400 + cp);
      col += 1;
    } else if (isZeroWidth(cp)) {
      // Dropped so that columns stay aligned in terminals that do not render it.
    } else {
      text += String.fromCodePoint(cp);
      col += isWide(cp) ? 2 : 1;
    }
    i += units;
  }
  cols.push(col);
  return { text, cols };
}

function colAt(d: DisplayLine, index: number): number {
  const i = Math.max(0, Math.min(index, d.cols.length - 1));
  return d.cols[i]!;
}

function firstNonBlankCol(line: string, d: DisplayLine): number {
  const m = /[^ \t]/.exec(line);
  return m ? colAt(d, m.index) : d.cols[d.cols.length - 1]!;
}

// ---------------------------------------------------------------------------------------------------------
// Layout: which lines each excerpt shows and which marks go under them.

/** An underline under one source line, in display columns [from, to). */
interface Mark {
  readonly line: number;
  readonly from: number;
  readonly to: number;
  readonly primary: boolean;
  readonly message: string | undefined;
}

/** The spans that point into one file, rendered as one excerpt. */
interface Group {
  readonly path: string;
  readonly source: SourceFile | undefined;
  readonly items: { readonly span: Span; readonly primary: boolean; readonly message: string | undefined }[];
}

/** Multi-line spans longer than this show their first and last two lines only. */
const MAX_SPAN_LINES = 5;

function clampSpan(span: Span, source: SourceFile): { start: number; end: number } {
  const len = source.text.length;
  const start = Math.max(0, Math.min(span.start, len));
  const end = Math.max(start, Math.min(span.end, len));
  return { start, end };
}

function layoutSpan(
  source: SourceFile,
  span: Span,
  primary: boolean,
  message: string | undefined,
  tabWidth: number,
  lines: Set<number>,
  marks: Mark[],
): void {
  const { start, end } = clampSpan(span, source);
  const startPos = source.position(start);
  let endPos = source.position(end);
  let endIndex = endPos.column - 1;
  // A span that stops right after a line break ends, for the reader, at the end of the previous line.
  if (end > start && endPos.line > startPos.line && endPos.column === 1) {
    const line = endPos.line - 1;
    endPos = { line, column: source.lineText(line).length + 1 };
    endIndex = source.lineText(line).length;
  }
  const first = startPos.line;
  const last = endPos.line;
  const firstText = source.lineText(first);
  const firstDisplay = displayLine(firstText, tabWidth);
  const from = colAt(firstDisplay, startPos.column - 1);

  if (first === last) {
    const to = Math.max(colAt(firstDisplay, endIndex), from + 1);
    lines.add(first);
    marks.push({ line: first, from, to, primary, message });
    return;
  }

  const count = last - first + 1;
  for (let line = first; line <= last; line++) {
    if (count <= MAX_SPAN_LINES || line <= first + 1 || line >= last - 1) lines.add(line);
  }
  const firstWidth = firstDisplay.cols[firstDisplay.cols.length - 1]!;
  marks.push({ line: first, from, to: Math.max(firstWidth, from + 1), primary, message: undefined });
  const lastText = source.lineText(last);
  const lastDisplay = displayLine(lastText, tabWidth);
  const endCol = colAt(lastDisplay, endIndex);
  const lastFrom = Math.max(0, Math.min(firstNonBlankCol(lastText, lastDisplay), endCol - 1));
  marks.push({ line: last, from: lastFrom, to: Math.max(endCol, lastFrom + 1), primary, message });
}

function groupsOf(d: Diagnostic, lookup: SourceLookup): Group[] {
  const groups: Group[] = [];
  const add = (span: Span, primary: boolean, message: string | undefined): void => {
    let group = groups.find((g) => g.path === span.file);
    if (!group) {
      group = { path: span.file, source: lookup(span.file), items: [] };
      groups.push(group);
    }
    group.items.push({ span, primary, message });
  };
  add(d.span, true, undefined);
  for (const label of d.labels ?? []) add(label.span, false, label.message);
  return groups;
}

function underline(mark: Mark): string {
  return (mark.primary ? "^" : "-").repeat(mark.to - mark.from);
}

/** The underline rows for one source line: one row when the marks fit together, else one row per mark. */
function markRows(marks: readonly Mark[], paint: Paint, severity: Severity): string[] {
  const styleOf = (m: Mark): Style => (m.primary ? severity : "secondary");
  const byColumn = [...marks].sort((a, b) => a.from - b.from || a.to - b.to || Number(b.primary) - Number(a.primary));
  const disjoint = byColumn.every((m, i) => i === 0 || byColumn[i - 1]!.to <= m.from);
  const onlyLastLabelled = byColumn.every((m, i) => i === byColumn.length - 1 || m.message === undefined);
  const rightmost = byColumn[byColumn.length - 1];
  const lastReachesEnd = rightmost !== undefined && byColumn.every((m) => m.to <= rightmost.to);
  if (disjoint && onlyLastLabelled && lastReachesEnd) {
    let row = "";
    let col = 0;
    for (const m of byColumn) {
      row += " ".repeat(m.from - col) + paint(underline(m), styleOf(m));
      col = m.to;
    }
    if (rightmost?.message) row += " " + paint(rightmost.message, styleOf(rightmost));
    return [row];
  }
  const ordered = [...byColumn].sort((a, b) => Number(b.primary) - Number(a.primary));
  return ordered.map((m) => " ".repeat(m.from) + paint(underline(m), styleOf(m)) + (m.message ? " " + paint(m.message, styleOf(m)) : ""));
}

function location(source: SourceFile | undefined, span: Span): string {
  if (!source) return span.file;
  const pos = source.position(span.start);
  return `${span.file}:${pos.line}:${pos.column}`;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

/** Renders one diagnostic as text, without a trailing newline. */
export function renderDiagnostic(d: Diagnostic, lookup: SourceLookup, options: TextRenderOptions = {}): string {
  const paint = painter(options.color ?? false);
  const tabWidth = Math.max(1, Math.floor(options.tabWidth ?? 4));
  const groups = groupsOf(d, lookup);

  const laidOut = groups.map((group) => {
    const lines = new Set<number>();
    const marks: Mark[] = [];
    if (group.source) {
      for (const item of group.items) layoutSpan(group.source, item.span, item.primary, item.message, tabWidth, lines, marks);
    }
    return { group, lines: [...lines].sort((a, b) => a - b), marks };
  });
  const maxLine = Math.max(1, ...laidOut.flatMap((g) => g.lines));
  const width = String(maxLine).length;
  const pad = " ".repeat(width);
  const bar = pad + " " + paint("│", "gutter");

  const out: string[] = [];
  const code = d.code === "" ? d.severity : `${d.severity}[${d.code}]`;
  out.push(paint(code, d.severity) + paint(": " + d.message, "message"));

  for (const { group, lines, marks } of laidOut) {
    // The first excerpt opens at the primary span; the others at their first label.
    const anchor = group.items.find((i) => i.primary)?.span ?? firstInFile(group);
    out.push(pad + paint("┌─", "gutter") + " " + location(group.source, anchor));
    out.push(bar);
    if (!group.source) {
      for (const item of group.items) {
        const what = item.primary ? paint("^", d.severity) : paint("-", "secondary");
        const text = `source not available, offsets ${item.span.start}–${item.span.end}`;
        out.push(bar + " " + what + " " + text + (item.message ? ": " + item.message : ""));
      }
      continue;
    }
    const source = group.source;
    let previous: number | undefined;
    for (const line of lines) {
      if (previous !== undefined && line > previous + 1) {
        // A single hidden line costs as much room as the elision marker, so show it instead.
        if (line === previous + 2) out.push(sourceRow(source, previous + 1, width, tabWidth, paint));
        else out.push(pad + " " + paint("·", "gutter"));
      }
      out.push(sourceRow(source, line, width, tabWidth, paint));
      const here = marks.filter((m) => m.line === line);
      if (here.length > 0) for (const row of markRows(here, paint, d.severity)) out.push(bar + " " + row);
      previous = line;
    }
  }

  const eq = pad + " " + paint("=", "gutter") + " ";
  const footer = (word: string, text: string): void => {
    // Continuation lines of a multi-line note line up under its first line.
    const indent = " ".repeat(width + 3 + word.length + 2);
    out.push(eq + paint(word + ":", "word") + " " + text.split("\n").join("\n" + indent));
  };
  if (d.context && d.context.length > 0) footer("in", d.context.join(" › "));
  for (const note of d.notes ?? []) footer("note", note);
  if (d.hint) footer("hint", d.hint);
  return out.join("\n");
}

function firstInFile(group: Group): Span {
  let best = group.items[0]!.span;
  for (const item of group.items) if (item.span.start < best.start) best = item.span;
  return best;
}

function sourceRow(source: SourceFile, line: number, width: number, tabWidth: number, paint: Paint): string {
  const text = displayLine(source.lineText(line), tabWidth).text;
  const gutter = paint(String(line).padStart(width) + " │", "gutter");
  return text === "" ? gutter : gutter + " " + text;
}

/** Renders diagnostics in the stable order (file, start offset, code), separated by blank lines. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], lookup: SourceLookup, options: TextRenderOptions = {}): string {
  return sortDiagnostics(diagnostics)
    .map((d) => renderDiagnostic(d, lookup, options))
    .join("\n\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The last line of a run, e.g. "error: 3 errors, 1 warning in 2 files" or "ok: 7 files checked, no problems";
 * `filesChecked` counts every file compiled, with or without diagnostics.
 */
export function renderSummary(diagnostics: readonly Diagnostic[], filesChecked: number, options: TextRenderOptions = {}): string {
  const paint = painter(options.color ?? false);
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else notes++;
  }
  const counts = [
    errors > 0 ? plural(errors, "error") : "",
    warnings > 0 ? plural(warnings, "warning") : "",
    notes > 0 ? plural(notes, "note") : "",
  ].filter((s) => s !== "");
  const files = new Set(diagnostics.map((d) => d.span.file)).size;
  if (errors > 0 || warnings > 0) {
    const severity: Severity = errors > 0 ? "error" : "warning";
    return paint(severity, severity) + paint(`: ${counts.join(", ")} in ${plural(files, "file")}`, "message");
  }
  const tail = counts.length > 0 ? counts.join(", ") : "no problems";
  return paint("ok", "ok") + `: ${plural(filesChecked, "file")} checked, ${tail}`;
}
