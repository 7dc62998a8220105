/**
 * The prettier plugin for .terms files, after prettier-java's structure: `languages`, a `parsers` entry that reuses
 * syntax/parse.ts (refusing a file with syntax errors, so it is never rewritten) with `locStart`/`locEnd`, and a
 * printer dispatched by node kind. Comments are attached by layout.ts rather than by prettier's generic algorithm,
 * because the parser already returns them with spans and the layout knows which line each belongs to.
 */
import type { Parser, Plugin, Printer, SupportLanguage } from "prettier";
import { SourceFile } from "../base/source.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { parse } from "../syntax/parse.js";
import { buildLayout, type LayoutNode } from "./layout.js";
import { printNode } from "./print.js";

/** Thrown by the parser when a file has syntax errors; carries the same diagnostics as `check`. */
export class TermsSyntaxError extends Error {
  /** The syntax diagnostics of the file. */
  readonly diagnostics: readonly Diagnostic[];
  /** Where the first error starts, in the shape prettier's CLI uses to show a code frame. */
  readonly loc: { readonly start: { readonly line: number; readonly column: number } } | undefined;
  constructor(diagnostics: readonly Diagnostic[], source?: SourceFile) {
    const first = diagnostics[0];
    super(first ? `${first.code}: ${first.message}` : "syntax error");
    this.name = "TermsSyntaxError";
    this.diagnostics = diagnostics;
    const at = first && source ? source.position(first.span.start) : undefined;
    this.loc = at ? { start: { line: at.line, column: at.column } } : undefined;
  }
}

/** The languages the plugin formats. */
export const languages: SupportLanguage[] = [
  { name: "Termsheet", parsers: ["terms"], extensions: [".terms"], vscodeLanguageIds: ["termsheet"] },
];

/** Parses a file into the formatter's layout tree, or throws `TermsSyntaxError`. */
export function parseLayout(text: string, path = "<input>"): LayoutNode {
  const source = new SourceFile(path, text);
  const result = parse(source);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new TermsSyntaxError(errors, source);
  return buildLayout(text, result.ast);
}

const termsParser: Parser<LayoutNode> = {
  parse: (text, options) => parseLayout(text, (options as { filepath?: string }).filepath ?? "<input>"),
  astFormat: "terms-layout",
  locStart: (node) => node.start,
  locEnd: (node) => node.end,
};

/** The parsers the plugin provides. */
export const parsers: Record<string, Parser<LayoutNode>> = { terms: termsParser };

const printer: Printer<LayoutNode> = {
  print: printNode,
};

/** The printers the plugin provides. */
export const printers: Record<string, Printer<LayoutNode>> = { "terms-layout": printer };

/** The house style's line width; a prettier configuration may set another. */
export const defaultOptions = { printWidth: 120, tabWidth: 2 };

/** The plugin object, for `prettier.format(text, { parser: "terms", plugins: [termsPlugin] })`. */
export const termsPlugin: Plugin<LayoutNode> = { languages, parsers, printers, defaultOptions };

export default termsPlugin;
