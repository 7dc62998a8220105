/**
 * The text renderer: formats Diagnostic values for people, in the rustc/codespan style, with the source
 * excerpt, carets under the exact span, labelled secondary spans, the context path, notes and a hint.
 * It is pure: sources come from a lookup function and colour is an option, so the CLI alone decides
 * whether a terminal is attached; the summary line for the end of a run lives here too.
 */
import { escapeUnprintable, isForbiddenCodePoint } from "../base/characters.js";
import type { SourceFile, Span } from "../base/source.js";
import type { Diagnostic, Severity } from "./diagnostic.js";
import { codeInfo } from "./codes.js";
import { sortDiagnostics } from "./sort.js";

/** Finds the source file a span points into; undefined when it is not loaded. */
export type SourceLookup = (path: string) => SourceFile | undefined;

/** Options of the text renderer. */
export interface TextRenderOptions {
  /** Emit ANSI colour and bold; default false. */
  readonly color?: boolean;
  /** Width of a tab stop when expanding tabs in excerpts; default 4. */
  readonly tabWidth?: number;
  /**
   * How many diagnostics of one code in one file `renderDiagnostics` shows at most (MAX_SHOWN_PER_CODE by default);
   * the others are counted in one line per code and file. Syntax errors (E1xxx) are not limited here: the parser
   * limits them itself (100 of each kind per file, see the language reference).
   */
  readonly maxPerCode?: number;
}

/** The default of {@link TextRenderOptions.maxPerCode}: what a person reads of one mistake repeated in a file. */
export const MAX_SHOWN_PER_CODE = 100;

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
  /**
   * cols[i] is the display column (0-based) before UTF-16 offset i of the line; cols[length] is its width.
   * Undefined for a line of printable ASCII, whose columns are its offsets.
   */
  readonly cols: readonly number[] | undefined;
  /** The width of the shown line in display columns. */
  readonly width: number;
}

/** A line that shows as itself, one column per UTF-16 unit: printable ASCII, no tab. */
const PLAIN = /^[\x20-\x7e]*$/;

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
  // Most lines are plain: no column table to build.
  if (PLAIN.test(line)) return { text: line, cols: undefined, width: line.length };
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
    } else if (isForbiddenCodePoint(cp) || cp === 0x2028 || cp === 0x2029) {
      // C1 controls, bidirectional formatting characters (which would reorder the excerpt as it is displayed),
      // line separators and lone surrogates: shown as escapes.
      const shown = escapeUnprintable(String.fromCodePoint(cp));
      text += shown;
      col += shown.length;
    } else if (isZeroWidth(cp)) {
      // Dropped so that columns stay aligned in terminals that do not render it.
    } else {
      text += String.fromCodePoint(cp);
      col += isWide(cp) ? 2 : 1;
    }
    i += units;
  }
  cols.push(col);
  return { text, cols, width: col };
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

/**
 * An underline before display: UTF-16 indices [start, end) into its line. `toEnd` marks the first line of a
 * multi-line span (underlined to the end of the shown line), `fromText` its last line (underlined from the first
 * character that is not blank).
 */
interface RawMark {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly primary: boolean;
  readonly message: string | undefined;
  readonly toEnd?: boolean;
  readonly fromText?: boolean;
}

/** The spans that point into one file, rendered as one excerpt. */
interface Group {
  readonly path: string;
  readonly source: SourceFile | undefined;
  readonly items: { readonly span: Span; readonly primary: boolean; readonly message: string | undefined }[];
}

/** Multi-line spans longer than this show their first and last two lines only. */
const MAX_SPAN_LINES = 5;

/**
 * Lines longer than this (in UTF-16 code units) are shown as a window of this many units around their marks, with
 * `…` where text is left out, so that a diagnostic on a line of a megabyte prints a line of two hundred columns.
 */
export const MAX_EXCERPT_WIDTH = 200;
/** How much of a long line the window shows before its first mark. */
const EXCERPT_LEAD = 60;

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
  lines: Set<number>,
  marks: RawMark[],
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
  if (first === last) {
    lines.add(first);
    marks.push({ line: first, start: startPos.column - 1, end: endIndex, primary, message });
    return;
  }
  const count = last - first + 1;
  for (let line = first; line <= last; line++) {
    if (count <= MAX_SPAN_LINES || line <= first + 1 || line >= last - 1) lines.add(line);
  }
  marks.push({ line: first, start: startPos.column - 1, end: startPos.column - 1, primary, message: undefined, toEnd: true });
  marks.push({ line: last, start: 0, end: endIndex, primary, message, fromText: true });
}

/** A source line as shown: the whole line, or a window of a long one; display columns of its UTF-16 indices. */
interface LineView {
  /** The text shown, with `…` where a long line was cut. */
  readonly text: string;
  /** The display column before UTF-16 index `i` of the line (clamped to the window). */
  col(i: number): number;
  /** The width of the shown text. */
  readonly width: number;
  /** The display column of the first character that is not blank. */
  readonly firstText: number;
}

function lineView(line: string, anchor: number, tabWidth: number): LineView {
  let from = 0;
  let to = line.length;
  if (line.length > MAX_EXCERPT_WIDTH) {
    from = Math.max(0, Math.min(anchor - EXCERPT_LEAD, line.length - MAX_EXCERPT_WIDTH));
    to = Math.min(line.length, from + MAX_EXCERPT_WIDTH);
    // Never cut a surrogate pair.
    if (from > 0 && isLowSurrogate(line.charCodeAt(from))) from--;
    if (to < line.length && isLowSurrogate(line.charCodeAt(to))) to++;
  }
  const lead = from > 0 ? "…" : "";
  const tail = to < line.length ? "…" : "";
  const shown = displayLine(from === 0 && to === line.length ? line : line.slice(from, to), tabWidth);
  const width = lead.length + shown.width + tail.length;
  const cols = shown.cols;
  const col = (i: number): number => {
    if (i < from) return 0;
    if (i > to) return width;
    return lead.length + (cols === undefined ? i - from : cols[i - from]!);
  };
  let text = from;
  while (text < to && (line.charCodeAt(text) === 32 || line.charCodeAt(text) === 9)) text++;
  const firstText = text < to ? col(text) : width;
  return { text: lead + shown.text + tail, col, width, firstText };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The views of the lines an excerpt shows, each anchored at its first mark. */
function lineViews(source: SourceFile, lines: readonly number[], marks: readonly RawMark[], tabWidth: number): Map<number, LineView> {
  // A long line's window starts before its leftmost mark, or before the primary mark when both do not fit.
  const leftmost = new Map<number, number>();
  const primary = new Map<number, number>();
  for (const m of marks) {
    const at = m.fromText ? m.end : m.start;
    leftmost.set(m.line, Math.min(leftmost.get(m.line) ?? Infinity, at));
    if (m.primary) primary.set(m.line, Math.min(primary.get(m.line) ?? Infinity, at));
  }
  const anchors = new Map<number, number>();
  for (const [line, left] of leftmost) {
    const main = primary.get(line);
    anchors.set(line, main !== undefined && main - left > MAX_EXCERPT_WIDTH - 2 * EXCERPT_LEAD ? main : left);
  }
  const views = new Map<number, LineView>();
  for (const line of lines) views.set(line, lineView(source.lineText(line), anchors.get(line) ?? 0, tabWidth));
  return views;
}

/** A raw mark in display columns of its line's view, its message escaped. */
function placeMark(raw: RawMark, view: LineView): Mark {
  const m = { ...raw, message: raw.message === undefined ? undefined : escapeUnprintable(raw.message) };
  if (m.toEnd) {
    const from = view.col(m.start);
    return { line: m.line, from, to: Math.max(view.width, from + 1), primary: m.primary, message: m.message };
  }
  if (m.fromText) {
    const endCol = view.col(m.end);
    const from = Math.max(0, Math.min(view.firstText, endCol - 1));
    return { line: m.line, from, to: Math.max(endCol, from + 1), primary: m.primary, message: m.message };
  }
  const from = view.col(m.start);
  return { line: m.line, from, to: Math.max(view.col(m.end), from + 1), primary: m.primary, message: m.message };
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
    const lineSet = new Set<number>();
    const raw: RawMark[] = [];
    const source = group.source;
    if (source) for (const item of group.items) layoutSpan(source, item.span, item.primary, item.message, lineSet, raw);
    const lines = [...lineSet].sort((a, b) => a - b);
    // A single hidden line between two shown ones is shown too (it costs as much room as the elision marker).
    const shown = new Set(lines);
    lines.forEach((line, i) => i > 0 && line === lines[i - 1]! + 2 && shown.add(line - 1));
    const views = source ? lineViews(source, [...shown], raw, tabWidth) : new Map<number, LineView>();
    const marks = raw.map((m) => placeMark(m, views.get(m.line)!));
    return { group, lines, marks, views };
  });
  const maxLine = Math.max(1, ...laidOut.flatMap((g) => g.lines));
  const width = String(maxLine).length;
  const pad = " ".repeat(width);
  const bar = pad + " " + paint("│", "gutter");

  const out: string[] = [];
  const code = d.code === "" ? d.severity : `${d.severity}[${d.code}]`;
  out.push(paint(code, d.severity) + paint(": " + escapeUnprintable(d.message), "message"));

  for (const { group, lines, marks, views } of laidOut) {
    // The first excerpt opens at the primary span; the others at their first label.
    const anchor = group.items.find((i) => i.primary)?.span ?? firstInFile(group);
    out.push(pad + paint("┌─", "gutter") + " " + escapeUnprintable(location(group.source, anchor)));
    out.push(bar);
    if (!group.source) {
      for (const item of group.items) {
        const what = item.primary ? paint("^", d.severity) : paint("-", "secondary");
        const text = `source not available, offsets ${item.span.start}–${item.span.end}`;
        out.push(bar + " " + what + " " + text + (item.message ? ": " + escapeUnprintable(item.message) : ""));
      }
      continue;
    }
    let previous: number | undefined;
    for (const line of lines) {
      if (previous !== undefined && line > previous + 1) {
        // A single hidden line costs as much room as the elision marker, so show it instead.
        if (line === previous + 2) out.push(sourceRow(views.get(previous + 1)!, previous + 1, width, paint));
        else out.push(pad + " " + paint("·", "gutter"));
      }
      out.push(sourceRow(views.get(line)!, line, width, paint));
      const here = marks.filter((m) => m.line === line);
      if (here.length > 0) for (const row of markRows(here, paint, d.severity)) out.push(bar + " " + row);
      previous = line;
    }
  }

  const eq = pad + " " + paint("=", "gutter") + " ";
  const footer = (word: string, text: string): void => {
    // Continuation lines of a multi-line note line up under its first line.
    out.push(
      eq +
        paint(word + ":", "word") +
        " " +
        (text.includes("\n") ? text.split("\n").join("\n" + " ".repeat(width + 3 + word.length + 2)) : text),
    );
  };
  if (d.context && d.context.length > 0) footer("in", escapeUnprintable(d.context.join(" › ")));
  for (const note of d.notes ?? []) footer("note", escapeUnprintable(note));
  if (d.hint) footer("hint", escapeUnprintable(d.hint));
  return out.join("\n");
}

function firstInFile(group: Group): Span {
  let best = group.items[0]!.span;
  for (const item of group.items) if (item.span.start < best.start) best = item.span;
  return best;
}

function sourceRow(view: LineView, line: number, width: number, paint: Paint): string {
  const text = view.text;
  const gutter = paint(String(line).padStart(width) + " │", "gutter");
  return text === "" ? gutter : gutter + " " + text;
}

/**
 * Renders diagnostics in the stable order (file, start offset, code), separated by blank lines: of each code in a
 * file, the first `maxPerCode` (syntax errors all), and after a file's diagnostics one line for each code with more.
 */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], lookup: SourceLookup, options: TextRenderOptions = {}): string {
  const max = options.maxPerCode ?? MAX_SHOWN_PER_CODE;
  const paint = painter(options.color ?? false);
  const blocks: string[] = [];
  let file: string | undefined;
  const shown = new Map<string, number>();
  const hidden = new Map<string, { count: number; severity: Severity }>();
  const flush = (): void => {
    for (const [code, { count, severity }] of [...hidden].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      blocks.push(
        paint("note", "note") +
          paint(`: ${count} more ${severity}${count === 1 ? "" : "s"} ${code} in ${escapeUnprintable(file ?? "")} not shown`, "message") +
          ` (the first ${max} of each code in a file are)`,
      );
    shown.clear();
    hidden.clear();
  };
  for (const d of sortDiagnostics(diagnostics)) {
    if (d.span.file !== file) {
      flush();
      file = d.span.file;
    }
    const n = (shown.get(d.code) ?? 0) + 1;
    if (n > max && codeInfo(d.code)?.phase !== "syntax") {
      const h = hidden.get(d.code);
      hidden.set(d.code, { count: (h?.count ?? 0) + 1, severity: d.severity });
      continue;
    }
    shown.set(d.code, n);
    blocks.push(renderDiagnostic(d, lookup, options));
  }
  flush();
  return blocks.join("\n\n");
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
