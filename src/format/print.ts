/**
 * The printer of the prettier plugin: turns the formatter's layout tree (layout.ts) into a prettier Doc,
 * dispatching on node kind. A line is printed from its tokens with single spaces; a long line breaks only after
 * commas, continued four columns deeper than its statement so that annotations (two columns deeper) stay distinct.
 * Blank lines: one between declarations, and at most one where the author put one between other entries.
 */
import type { AstPath, Doc, ParserOptions } from "prettier";
import { builders } from "prettier/doc";
import type { CommentNode, EntryNode, LayoutNode, Piece } from "./layout.js";

const { hardline, line, indent, fill, group } = builders;

/** Prints one layout node; prettier calls it for the root and `path.map` for the children. */
export function printNode(path: AstPath<LayoutNode>, options: ParserOptions<LayoutNode>, print: (p: AstPath<LayoutNode>) => Doc): Doc {
  const node = path.node;
  switch (node.kind) {
    case "LayoutFile": {
      if (node.entries.length === 0) return "";
      return [printEntries(path, print, "entries", true), hardline];
    }
    case "Comment":
      return node.text;
    case "Block": {
      const parts: Doc[] = [];
      if (node.entries.length > 0) parts.push(indent([hardline, printEntries(path, print, "entries", false)]));
      parts.push(hardline, "}");
      if (node.closeTrailing) parts.push(" ", node.closeTrailing.text);
      return parts;
    }
    case "Entry":
      return printEntry(path as AstPath<EntryNode>, options, print);
  }
}

/** Prints a list of entries and own-line comments, one per line, with the blank lines the layout asks for. */
function printEntries(
  path: AstPath<LayoutNode>,
  print: (p: AstPath<LayoutNode>) => Doc,
  key: "entries" | "annotations",
  topLevel: boolean,
): Doc {
  const list = (path.node as unknown as Record<string, (EntryNode | CommentNode)[]>)[key]!;
  const docs = path.map(print, key as never) as Doc[];
  const parts: Doc[] = [];
  list.forEach((node, i) => {
    if (i > 0) {
      parts.push(hardline);
      if (blankBefore(list, i, topLevel)) parts.push(hardline);
    }
    parts.push(docs[i]!);
  });
  return parts;
}

function blankBefore(list: readonly (EntryNode | CommentNode)[], i: number, topLevel: boolean): boolean {
  const node = list[i]!;
  const prev = list[i - 1]!;
  if (!topLevel) return node.blankBefore;
  if (node.blankBefore) return true;
  // Declarations are separated by a blank line; a comment directly above a declaration stays attached to it.
  if (prev.kind === "Entry" && prev.role === "declaration") return true;
  if (node.kind === "Entry" && node.role === "declaration" && prev.kind === "Entry") return true;
  return false;
}

function printEntry(path: AstPath<EntryNode>, options: ParserOptions<LayoutNode>, print: (p: AstPath<LayoutNode>) => Doc): Doc {
  const node = path.node;
  if (node.ignored) {
    let end = node.end;
    for (const a of node.annotations) end = Math.max(end, a.end);
    return options.originalText.slice(node.start, end).replace(/[ \t]+$/gm, "");
  }
  const parts: Doc[] = [printHead(node.head)];
  if (node.trailing) parts.push(" ", node.trailing.text);
  if (node.block) parts.push(path.call(print, "block" as never));
  if (node.annotations.length > 0) parts.push(indent([hardline, printEntries(path as AstPath<LayoutNode>, print, "annotations", false)]));
  return parts;
}

/**
 * Prints the pieces of one line. Without comments the line is a `fill` of comma-separated segments, so that it
 * breaks only where it must; comments inside a line keep the line breaks the author put around them.
 */
export function printHead(pieces: readonly Piece[]): Doc {
  const segments: Doc[][] = [[]];
  const hasComment = pieces.some((p) => p.comment !== undefined);
  let forced = false;
  pieces.forEach((p, i) => {
    let seg = segments[segments.length - 1]!;
    const prev = pieces[i - 1];
    if (i > 0) {
      const mustBreak =
        prev!.comment === "line" || (p.newlineBefore && (p.identifier || p.comment !== undefined || prev!.comment !== undefined));
      if (mustBreak) {
        seg.push(hardline);
        forced = true;
      } else if (prev!.text === "," && prev!.comment === undefined && !hasComment) {
        segments.push([]);
        seg = segments[segments.length - 1]!;
      } else if (p.text === "," && p.comment === undefined) {
        // no space before a comma
      } else if (p.text === "{" && p.comment === undefined) {
        seg.push(" ");
      } else if (!p.adjacent || prev!.text === ",") {
        seg.push(" ");
      }
    }
    seg.push(p.text);
  });
  if (segments.length === 1) {
    const only = segments[0]!;
    return forced ? indent(indent(only)) : only;
  }
  const filled: Doc[] = [];
  segments.forEach((s, i) => {
    if (i > 0) filled.push(line);
    filled.push(s);
  });
  return group(indent(indent(fill(filled))));
}
