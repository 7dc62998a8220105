/**
 * The formatter's tree: built from the parser's AST, the token stream and the comments of one source file.
 * The AST says where statements, steps and nested blocks are; the tokens say what to print, exactly as written
 * (numbers keep their `raw` spelling because they are printed from their tokens). Every comment is attached here:
 * inside a line (inline), at the end of a line (trailing), on its own line before an entry (an own-line comment
 * entry, which leads the next entry) or before a closing brace (dangling). Depends on syntax/ only.
 */
import type { IToken } from "chevrotain";
import type { Declaration, FileNode, Statement } from "../syntax/ast.js";
import * as T from "../syntax/tokens.js";

/** A token or a comment printed inside a line, with what separated it from the previous piece in the source. */
export interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly comment: "line" | "block" | undefined;
  /** The source had a line break between the previous piece and this one. */
  readonly newlineBefore: boolean;
  /** The source had no whitespace between the previous piece and this one. */
  readonly adjacent: boolean;
  /** An identifier: one that the source put on a new line must stay there (a unit never spans lines). */
  readonly identifier: boolean;
}

/** A comment printed on its own line or at the end of a line. */
export interface CommentNode {
  readonly kind: "Comment";
  readonly text: string;
  readonly block: boolean;
  readonly start: number;
  readonly end: number;
  blankBefore: boolean;
}

/** What an entry is, which decides its indentation and the blank lines around it. */
export type EntryRole = "import" | "declaration" | "statement" | "annotation";

/** One line of the layout (and what hangs below it): an import, a declaration, a statement, a step or an annotation. */
export interface EntryNode {
  readonly kind: "Entry";
  readonly role: EntryRole;
  /** The pieces of the first line, ending with `{` when the entry opens a block. */
  readonly head: Piece[];
  trailing: CommentNode | undefined;
  /** Entries inside the braces, when the entry opens a block. */
  block: BlockNode | undefined;
  /** Annotations (and own-line comments between them) under a statement. */
  readonly annotations: (EntryNode | CommentNode)[];
  blankBefore: boolean;
  /** A `prettier-ignore` comment leads the entry: print its source text as it is. */
  ignored: boolean;
  /** The AST kind of a statement entry. */
  astKind: string | undefined;
  start: number;
  end: number;
}

/** The inside of `{ … }`: entries, and the closing brace with its trailing comment. */
export interface BlockNode {
  readonly kind: "Block";
  readonly entries: (EntryNode | CommentNode)[];
  closeTrailing: CommentNode | undefined;
  start: number;
  end: number;
}

/** The root of the layout. */
export interface LayoutFile {
  readonly kind: "LayoutFile";
  readonly entries: (EntryNode | CommentNode)[];
  start: number;
  end: number;
}

/** Any node of the layout; the printer dispatches on `kind`. */
export type LayoutNode = LayoutFile | EntryNode | BlockNode | CommentNode;

/** A structural child found in the AST: its span and, when it opens a block, the children of that block. */
interface Structural {
  readonly role: EntryRole;
  /** The AST kind of a statement: a methodology version keeps its `effective` range on its own line. */
  readonly astKind?: string;
  readonly start: number;
  readonly end: number;
  readonly children: readonly Structural[] | undefined;
}

const annotationWords = new Set(["description", "clause", "effective"]);

function nestedChildren(s: Statement): readonly Structural[] | undefined {
  const stmt = (x: { span: { start: number; end: number } }): Structural => ({
    role: "statement",
    start: x.span.start,
    end: x.span.end,
    children: undefined,
  });
  switch (s.kind) {
    case "Source":
      return s.statements.map((c) => ({ role: "statement", start: c.span.start, end: c.span.end, children: nestedChildren(c) }));
    case "DailySettlement":
      return s.steps.map(stmt);
    case "Fallback":
      return [...s.disruptions.map(stmt), ...s.steps.map(stmt)].sort((a, b) => a.start - b.start);
    default:
      return undefined;
  }
}

function declarationStructure(d: Declaration): Structural {
  return {
    role: "declaration",
    start: d.span.start,
    end: d.span.end,
    children: d.statements.map((s) => ({
      role: "statement",
      astKind: s.kind,
      start: s.span.start,
      end: s.span.end,
      children: nestedChildren(s),
    })),
  };
}

/** A token or a comment in source order. */
interface Item {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly comment: "line" | "block" | undefined;
  readonly identifier: boolean;
  readonly keyword: string | undefined;
}

/** Builds the layout of a file that parsed without errors. */
export function buildLayout(text: string, ast: FileNode): LayoutFile {
  const lexed = T.lexer.tokenize(text);
  const items: Item[] = [];
  const toItem = (t: IToken, comment: Item["comment"]): Item => ({
    text: t.image,
    start: t.startOffset,
    end: t.startOffset + t.image.length,
    comment,
    identifier: t.tokenType === T.Identifier,
    keyword: comment === undefined && t.tokenType !== T.Identifier ? t.image : undefined,
  });
  for (const t of lexed.tokens) items.push(toItem(t, undefined));
  for (const t of lexed.groups["comments"] ?? []) items.push(toItem(t, t.image.startsWith("//") ? "line" : "block"));
  items.sort((a, b) => a.start - b.start);

  const newlinesBetween = (a: number, b: number): number => {
    let n = 0;
    for (let i = a; i < b; i++) if (text.charCodeAt(i) === 10) n++;
    return n;
  };
  const commentNode = (it: Item, prevEnd: number): CommentNode => ({
    kind: "Comment",
    text: it.text.replace(/[ \t\r]+$/, ""),
    block: it.comment === "block",
    start: it.start,
    end: it.end,
    blankBefore: prevEnd >= 0 && newlinesBetween(prevEnd, it.start) >= 2,
  });

  let pos = 0;
  /** The end of the last item consumed, for blank-line and same-line decisions. */
  let lastEnd = -1;
  const peek = (): Item | undefined => items[pos];
  const take = (): Item => {
    const it = items[pos++]!;
    lastEnd = it.end;
    return it;
  };
  const sameLine = (it: Item): boolean => lastEnd >= 0 && newlinesBetween(lastEnd, it.start) === 0;

  const newEntry = (role: EntryRole, blankBefore: boolean): EntryNode => ({
    kind: "Entry",
    role,
    head: [],
    trailing: undefined,
    block: undefined,
    annotations: [],
    blankBefore,
    ignored: false,
    astKind: undefined,
    start: peek()?.start ?? text.length,
    end: peek()?.start ?? text.length,
  });
  const addPiece = (entry: EntryNode, it: Item): void => {
    const prev = entry.head[entry.head.length - 1];
    entry.head.push({
      text: it.comment ? it.text.replace(/[ \t\r]+$/, "") : it.text,
      start: it.start,
      end: it.end,
      comment: it.comment,
      newlineBefore: prev !== undefined && newlinesBetween(prev.end, it.start) > 0,
      adjacent: prev !== undefined && prev.end === it.start,
      identifier: it.identifier,
    });
    entry.end = it.end;
  };
  /** Consumes the items up to `end` (exclusive) into the head of `entry`, stopping after `{` when `stopAtBrace`. */
  const fillHead = (entry: EntryNode, end: number, stopAtBrace: boolean): void => {
    while (pos < items.length && items[pos]!.start < end) {
      const it = items[pos]!;
      // A comment after the last token of the line, on the same line, is a trailing comment: let the caller take it.
      if (it.comment && entry.head.length > 0 && !hasTokenBefore(end, pos)) break;
      take();
      addPiece(entry, it);
      if (stopAtBrace && it.comment === undefined && it.text === "{") break;
    }
  };
  /** Whether a token (not a comment) comes after index `from` and before offset `end`. */
  const hasTokenBefore = (end: number, from: number): boolean => {
    for (let i = from; i < items.length && items[i]!.start < end; i++) if (items[i]!.comment === undefined) return true;
    return false;
  };
  /** Takes the comments on the same line as the last item as the trailing comment of an entry. */
  const takeTrailing = (): CommentNode | undefined => {
    let trailing: CommentNode | undefined;
    // Every comment on the same line, e.g. `/* a */ // b`, trails the line; they are printed as one.
    for (let it = peek(); it?.comment && sameLine(it); it = peek()) {
      const prevEnd = lastEnd;
      take();
      const c = commentNode(it, prevEnd);
      trailing = trailing === undefined ? c : { ...trailing, text: `${trailing.text} ${c.text}`, end: c.end };
    }
    return trailing;
  };

  const isIgnore = (c: CommentNode): boolean => /^(\/\/|\/\*)\s*prettier-ignore\s*(\*\/)?$/.test(c.text);

  /**
   * Builds the entries between offsets [from, to): structural children (with their nested blocks), annotation lines
   * (under the preceding statement, or at block level before any), and own-line comments.
   */
  const buildEntries = (children: readonly Structural[], to: number, topLevel: boolean): (EntryNode | CommentNode)[] => {
    const out: (EntryNode | CommentNode)[] = [];
    let child = 0;
    let current: EntryNode | undefined;
    let pendingIgnore = false;
    while (pos < items.length && items[pos]!.start < to) {
      const it = items[pos]!;
      const blank = lastEnd >= 0 && newlinesBetween(lastEnd, it.start) >= 2;
      if (it.comment) {
        const prevEnd = lastEnd;
        take();
        const c = commentNode(it, prevEnd);
        if (isIgnore(c)) pendingIgnore = true;
        // A comment before an annotation of the current statement stays with the annotations.
        const next = nextToken(pos, to);
        const nextIsAnnotation = next !== undefined && next.keyword !== undefined && annotationWords.has(next.keyword);
        const nextIsChild = next !== undefined && children[child] !== undefined && next.start >= children[child]!.start;
        if (current && nextIsAnnotation && !nextIsChild) current.annotations.push(c);
        else out.push(c);
        continue;
      }
      const s = children[child];
      if (s && it.start >= s.start) {
        child++;
        const entry = newEntry(s.role, blank);
        entry.astKind = s.astKind;
        entry.ignored = pendingIgnore;
        pendingIgnore = false;
        if (s.children !== undefined || s.role === "declaration") {
          fillHead(entry, s.end, true);
          const opened = entry.head[entry.head.length - 1]?.text === "{";
          if (opened) {
            entry.trailing = takeTrailing();
            const block: BlockNode = { kind: "Block", entries: [], closeTrailing: undefined, start: lastEnd, end: lastEnd };
            const closeIndex = findClose(s.end);
            const inner = closeIndex === undefined ? s.end : items[closeIndex]!.start;
            block.entries.push(...buildEntries(s.children ?? [], inner, false));
            if (closeIndex !== undefined && pos === closeIndex) {
              take();
              block.closeTrailing = takeTrailing();
            }
            block.end = lastEnd;
            entry.block = block;
          } else {
            entry.trailing = takeTrailing();
          }
        } else {
          fillHead(entry, s.end, false);
          entry.trailing = takeTrailing();
        }
        entry.end = lastEnd;
        out.push(entry);
        current = s.role === "statement" ? entry : undefined;
        continue;
      }
      // Tokens outside any structural child: an annotation line (or, in a broken tree, whatever is left).
      const nextChildStart = s?.start ?? to;
      const entry = newEntry(topLevel ? "import" : "annotation", blank);
      entry.ignored = pendingIgnore;
      pendingIgnore = false;
      const first = take();
      addPiece(entry, first);
      while (pos < items.length && items[pos]!.start < Math.min(to, nextChildStart)) {
        const n = items[pos]!;
        if (n.comment === undefined && n.keyword !== undefined && annotationWords.has(n.keyword)) break;
        if (n.comment && !continuesLine(pos, Math.min(to, nextChildStart), topLevel)) break;
        if (n.comment === undefined && topLevel && (n.keyword === "import" || n.keyword === "unit")) break;
        take();
        addPiece(entry, n);
      }
      entry.trailing = takeTrailing();
      entry.end = lastEnd;
      const inlineEffective =
        current?.astKind === "Methodology" && current.annotations.length === 0 && current.trailing === undefined && !entry.ignored;
      if (current && inlineEffective && entry.head[0]?.text === "effective" && !entry.head.some((p) => p.comment)) {
        // House style: `methodology version "1.1" effective from 2026-01-01` is one line.
        current.head.push(...entry.head.map((p, i) => (i === 0 ? { ...p, newlineBefore: false, adjacent: false } : p)));
        current.trailing = entry.trailing;
        current.end = entry.end;
      } else if (current && entry.role === "annotation") current.annotations.push(entry);
      else out.push(entry);
    }
    return out;
  };
  /** The first token (not a comment) at or after index `from` and before offset `end`. */
  const nextToken = (from: number, end: number): Item | undefined => {
    for (let i = from; i < items.length && items[i]!.start < end; i++) if (items[i]!.comment === undefined) return items[i];
    return undefined;
  };
  /** Whether the first token after the comments at `from` (and before `end`) continues the current line. */
  const continuesLine = (from: number, end: number, topLevel: boolean): boolean => {
    for (let i = from; i < items.length && items[i]!.start < end; i++) {
      const n = items[i]!;
      if (n.comment) continue;
      if (n.keyword !== undefined && annotationWords.has(n.keyword)) return false;
      return !(topLevel && (n.keyword === "import" || n.keyword === "unit"));
    }
    return false;
  };
  /** The index of the closing brace that ends a structural child at `end`, if it has one. */
  const findClose = (end: number): number | undefined => {
    // Items are sorted by start: find the last one that starts before `end`, then step back over comments.
    let lo = pos;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= pos; i--) {
      const it = items[i]!;
      if (it.comment) continue;
      return it.text === "}" ? i : undefined;
    }
    return undefined;
  };

  const top: Structural[] = [
    ...ast.imports.map((i): Structural => ({ role: "import", start: i.span.start, end: i.span.end, children: undefined })),
    ...ast.declarations.map(declarationStructure),
    // A unit declaration is one line, laid out as an import is.
    ...(ast.units ?? []).map((u): Structural => ({ role: "import", start: u.span.start, end: u.span.end, children: undefined })),
  ].sort((a, b) => a.start - b.start);
  const entries = buildEntries(top, text.length, true);
  return { kind: "LayoutFile", entries, start: 0, end: text.length };
}

/** Whether a comment is a `prettier-ignore` directive. */
export function isPrettierIgnore(text: string): boolean {
  return /^(\/\/|\/\*)\s*prettier-ignore\s*(\*\/)?$/.test(text);
}
