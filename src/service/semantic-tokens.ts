/**
 * Semantic tokens, so that editors colour what the TextMate grammar cannot tell apart (it sees identifiers only):
 * names of declarations and references to them (`class`; `defaultLibrary` for the standard library's), sources
 * (`property`), the words of the closed vocabularies such as weekdays, rounding modes and conventions
 * (`enumMember`), unit words (`type`) and time zones (`namespace`). Encoded as the protocol encodes them: five
 * integers per token, relative to the previous token.
 */
import type { SourceFile } from "../base/source.js";
import type { Program } from "../check/program.js";
import type { FileNode } from "../syntax/ast.js";
import { occurrencesOf } from "./names.js";
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from "./types.js";

type TokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

interface Token {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
  readonly modifiers: number;
}

const DECLARATION = 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf("declaration");
const DEFAULT_LIBRARY = 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf("defaultLibrary");

/** Collects every identifier, unit term and zone of a tree, with what the field holding it says it is. */
function collect(node: unknown, out: Token[], parentKind: string | undefined): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const x of node) collect(x, out, parentKind);
    return;
  }
  const rec = node as { kind?: string; span?: { start: number; end: number } };
  if (rec.kind === "Zone" && rec.span) {
    out.push({ start: rec.span.start, end: rec.span.end, type: "namespace", modifiers: 0 });
    return;
  }
  if (rec.kind === "Ident" && rec.span) {
    out.push({ start: rec.span.start, end: rec.span.end, type: parentKind === "UnitTerm" ? "type" : "enumMember", modifiers: 0 });
    return;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === "span") continue;
    collect(v, out, rec.kind ?? parentKind);
  }
}

/** The encoded semantic tokens of a parsed file of a program. */
export function semanticTokensOf(
  ast: FileNode,
  source: SourceFile,
  program: Program,
  std: ReadonlyMap<string, { readonly file: string }>,
): number[] {
  const words: Token[] = [];
  collect(ast.declarations, words, undefined);
  const byStart = new Map<number, Token>();
  for (const t of words) byStart.set(t.start, t);
  // Names override what the walk guessed: declarations, references, imports and sources.
  for (const o of occurrencesOf(ast)) {
    const sym = o.role === "source" ? undefined : (program.visible(source.path).get(o.name) ?? program.symbols.get(o.name));
    const library = sym !== undefined && std.get(sym.name)?.file === sym.file ? DEFAULT_LIBRARY : 0;
    const type: TokenType = o.role === "source" ? "property" : "class";
    const modifiers = (o.role === "declaration" || o.role === "source" ? DECLARATION : 0) | library;
    byStart.set(o.span.start, { start: o.span.start, end: o.span.end, type, modifiers });
  }
  const tokens = [...byStart.values()].filter((t) => t.end > t.start).sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    const p = source.position(t.start);
    const e = source.position(t.end);
    if (e.line !== p.line) continue;
    const l = p.line - 1;
    const c = p.column - 1;
    data.push(l - line, l === line ? c - char : c, t.end - t.start, SEMANTIC_TOKEN_TYPES.indexOf(t.type), t.modifiers);
    line = l;
    char = c;
  }
  return data;
}
