/**
 * Incremental parsing for the language service: a file is cut into segments at its top-level declarations, each
 * segment is parsed on its own (syntax/parse.ts on the segment's text, preceded by as many line breaks as lines
 * before it, so that line numbers in messages are the file's), and a segment whose text is unchanged since the
 * last parse is reused with its offsets shifted. A keystroke in a 2,000-line file re-parses one declaration.
 *
 * The result must equal `parse` of the whole file (test/service/incremental.test.ts checks it on mutated specs).
 * So a file is cut only where a declaration keyword starts a line at brace depth 0 right after a declaration that
 * closed its one block, never after an `import` that follows a declaration, and never inside a comment; anything
 * else stays in one segment, and a file with no safe cut is parsed whole.
 */
import { SourceFile } from "../base/source.js";
import type { Diagnostic } from "../diagnostics/index.js";
import type { Declaration, FileNode, ImportDecl, UnitDecl } from "../syntax/ast.js";
import { parse, type Comment, type ParseResult } from "../syntax/parse.js";
import { scan, type ScannedToken } from "../syntax/scan.js";

/** A segment's parse, with offsets relative to the segment's start. */
interface SegmentParse {
  readonly imports: readonly ImportDecl[];
  readonly declarations: readonly Declaration[];
  /** Unit declarations (`unit point "index point"`) in the segment; they go with the declaration before them. */
  readonly units: readonly UnitDecl[];
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The segment placed at its last two starts in the file (its parse with offsets shifted there): a keystroke moves
   * the segments after it, and undoing it, or the next edit before them, finds them where they were.
   */
  placed?: Placed[];
}

/** A segment's parse with its offsets shifted to where it starts in the file. */
interface Placed {
  readonly start: number;
  readonly path: string;
  readonly imports: readonly ImportDecl[];
  readonly declarations: readonly Declaration[];
  readonly units: readonly UnitDecl[];
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A segment's parse at `start` of the file `path`: the last placement there, or a new one. */
function place(seg: SegmentParse, start: number, path: string): Placed {
  const known = seg.placed?.find((p) => p.start === start && p.path === path);
  if (known !== undefined) return known;
  const at = <T>(v: T): T => (start === 0 ? v : shifted(v, start, path));
  const placed: Placed = {
    start,
    path,
    imports: seg.imports.map(at),
    declarations: seg.declarations.map(at),
    units: seg.units.map(at),
    comments: seg.comments.map(at),
    diagnostics: seg.diagnostics.map(at),
  };
  seg.placed = [placed, ...(seg.placed ?? []).slice(0, 1)];
  return placed;
}

const DECLARATION_WORDS = new Set(["calendar", "index", "future", "option", "spread"]);

/** Start offsets of the segments of a text (the first is 0), from its tokens. */
export function segmentStarts(text: string, tokens: readonly ScannedToken[]): number[] {
  return segmentScan(text, tokens).starts;
}

/**
 * The segments of a text, and the state its tokens end in: `closed` when the last top-level item is a declaration
 * whose one block was closed by the last token (a declaration that follows on a new line may start a segment).
 * `starts` is [0] alone when the text cannot be cut (an `import` after a declaration).
 */
function segmentScan(text: string, tokens: readonly ScannedToken[]): { starts: number[]; closed: boolean; cuttable: boolean } {
  const starts = [0];
  let depth = 0;
  // Where the top-level item being read stands: its header (`future NAME "title"`), its block, or just after the
  // `}` that closed its one block; "none" for anything else, after which no cut is made.
  let state: "none" | "header" | "body" | "closed" = "none";
  let seenDeclaration = false;
  for (const t of tokens) {
    const brace = t.class === "punctuation" ? t.image : "";
    if (depth > 0) {
      if (brace === "{") depth++;
      else if (brace === "}" && --depth === 0) state = state === "body" ? "closed" : "none";
      continue;
    }
    if (brace === "{") {
      depth = 1;
      state = state === "header" ? "body" : "none";
    } else if (t.class === "keyword" && t.image === "import") {
      if (seenDeclaration) return { starts: [0], closed: false, cuttable: false };
      state = "none";
    } else if (t.class === "keyword" && DECLARATION_WORDS.has(t.image)) {
      if (state === "closed" && startsLine(text, t.start)) starts.push(t.start);
      state = "header";
      seenDeclaration = true;
    } else {
      state = state === "header" && (t.class === "identifier" || t.class === "string") ? "header" : "none";
    }
  }
  return { starts, closed: depth === 0 && state === "closed", cuttable: true };
}

/**
 * The segment starts of `text` from those of `old`, the previous text of the file, lexing only the part between
 * the last segment before the edit and the first one after it; undefined when that part cannot be cut off safely
 * (then the whole text is lexed).
 */
function editedSegmentStarts(old: string, oldStarts: readonly number[], text: string): { starts: number[]; lexed: number } | undefined {
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const editEnd = old.length - s;
  // A segment stays when its keyword and the character after it are unchanged; one after the edit stays when the
  // line break before it is unchanged too.
  let k = 0;
  for (let i = 0; i < oldStarts.length; i++) if (oldStarts[i]! + 9 <= p) k = i;
  let m = oldStarts.length;
  for (let i = k + 1; i < oldStarts.length; i++) {
    const lineBreak = Math.max(old.lastIndexOf("\n", oldStarts[i]! - 1), old.lastIndexOf("\r", oldStarts[i]! - 1));
    if (lineBreak >= editEnd) {
      m = i;
      break;
    }
  }
  const delta = text.length - old.length;
  const from = oldStarts[k]!;
  const to = m < oldStarts.length ? oldStarts[m]! + delta : text.length;
  const region = text.slice(from, to);
  const lexed = scan(region);
  if (lexed.comments.some((c) => c.image.startsWith("/*") && !c.image.endsWith("*/"))) return undefined;
  const r = segmentScan(region, lexed.tokens);
  if (!r.cuttable || (m < oldStarts.length && !r.closed)) return undefined;
  return {
    starts: [...oldStarts.slice(0, k), ...r.starts.map((x) => x + from), ...oldStarts.slice(m).map((x) => x + delta)],
    lexed: region.length,
  };
}

/** True when only spaces and tabs stand between the previous line break (or the start) and `offset`. */
function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Copies a value of plain data with every span moved by `delta` and renamed to `file` (a tight loop: it runs on every keystroke). */
function shifted<T>(value: T, delta: number, file: string): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = shifted(value[i] as unknown, delta, file);
    return out as T;
  }
  const rec = value as Record<string, unknown>;
  const start = rec.start;
  if (typeof start === "number" && typeof rec.file === "string" && typeof rec.end === "number") {
    return { file, start: start + delta, end: rec.end + delta } as T;
  }
  const out: Record<string, unknown> = {};
  for (const key in rec) {
    const v = rec[key];
    out[key] = v !== null && typeof v === "object" ? shifted(v, delta, file) : v;
  }
  return out as T;
}

/** Parses files, reusing what did not change since the previous parse of the same path. */
export class IncrementalParser {
  /** By path: the segment parses of its last parse, keyed by segment text (clean ones) or line and text. */
  private readonly segments = new Map<string, Map<string, SegmentParse>>();
  /** By path: the segment parses of the parse before the last. */
  private readonly older = new Map<string, Map<string, SegmentParse>>();
  /** By path: the text of its last parse and where its segments started. */
  private readonly cuts = new Map<string, { readonly text: string; readonly starts: readonly number[] }>();
  /** Statistics of the last parse, for tests and benchmarks: segments, segments parsed, characters lexed. */
  lastStats = { segments: 0, parsed: 0, lexed: 0 };

  /** Parses a file; equal to `parse(new SourceFile(path, text))`. Never throws. */
  parse(source: SourceFile): ParseResult {
    const { path, text } = source;
    let starts: number[] | undefined;
    let lexed = 0;
    try {
      const before = this.cuts.get(path);
      const edited = before !== undefined && before.starts.length > 1 ? editedSegmentStarts(before.text, before.starts, text) : undefined;
      if (edited !== undefined) ({ starts, lexed } = edited);
      else {
        starts = segmentStarts(text, scan(text).tokens);
        lexed = text.length;
      }
    } catch {
      starts = [0];
    }
    this.cuts.set(path, { text, starts });
    if (starts.length <= 1) return this.whole(source);
    // The segments of the last two parses: undoing an edit finds the segment it had before.
    const previous = this.segments.get(path) ?? new Map<string, SegmentParse>();
    const older = this.older.get(path);
    const next = new Map<string, SegmentParse>();
    const imports: ImportDecl[] = [];
    const declarations: Declaration[] = [];
    const units: UnitDecl[] = [];
    const comments: Comment[] = [];
    const diagnostics: Diagnostic[] = [];
    let parsed = 0;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i]!;
      const end = starts[i + 1] ?? text.length;
      const body = text.slice(start, end);
      const line = i === 0 ? 1 : source.position(start).line;
      const exactKey = `${line}\u0000${body}`;
      const cleanKey = `\u0001${body}`;
      let seg =
        previous.get(cleanKey) ??
        previous.get(exactKey) ??
        next.get(cleanKey) ??
        next.get(exactKey) ??
        older?.get(cleanKey) ??
        older?.get(exactKey);
      if (seg === undefined) {
        seg = parseSegment(path, body, line);
        parsed++;
      }
      // Every segment holds a declaration; one the parser gave up on entirely (its tree is empty) is a failure of
      // the whole file's parse, which loses every declaration: only the whole parse can say so.
      if (seg.declarations.length === 0) return this.whole(source);
      next.set(seg.diagnostics.length === 0 ? cleanKey : exactKey, seg);
      const at = place(seg, start, path);
      imports.push(...at.imports);
      declarations.push(...at.declarations);
      units.push(...at.units);
      comments.push(...at.comments);
      diagnostics.push(...at.diagnostics);
    }
    this.older.set(path, previous);
    this.segments.set(path, next);
    this.lastStats = { segments: starts.length, parsed, lexed };
    const ast: FileNode = {
      kind: "File",
      imports,
      declarations,
      ...(units.length > 0 ? { units } : {}),
      span: { file: path, start: 0, end: text.length },
    };
    return { ast, comments, diagnostics };
  }

  private whole(source: SourceFile): ParseResult {
    this.segments.delete(source.path);
    this.older.delete(source.path);
    this.lastStats = { segments: 1, parsed: 1, lexed: source.text.length };
    return parse(source);
  }

  /** Forgets a file. */
  forget(path: string): void {
    this.segments.delete(path);
    this.older.delete(path);
    this.cuts.delete(path);
  }
}

/** Parses one segment standing at `line` of its file; offsets in the result are relative to the segment. */
function parseSegment(path: string, body: string, line: number): SegmentParse {
  const pad = line - 1;
  const result = parse(new SourceFile(path, "\n".repeat(pad) + body));
  const back = <T>(v: T): T => (pad === 0 ? v : shifted(v, -pad, path));
  return {
    imports: result.ast.imports.map(back),
    declarations: result.ast.declarations.map(back),
    units: (result.ast.units ?? []).map(back),
    comments: result.comments.map(back),
    diagnostics: result.diagnostics.map(back),
  };
}
