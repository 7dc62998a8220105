/**
 * The language service's results, shaped as the Language Server Protocol shapes them (0-based lines and UTF-16
 * characters, the same numeric kinds and severities), so that the LSP adapter (src/lsp) passes them on as they are.
 * Files are named by path, as the compiler names them; the adapter turns paths into URIs and back.
 */

/** A 0-based line and a 0-based UTF-16 character offset in it. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** An end-exclusive range of positions. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A range in a file. */
export interface Location {
  readonly path: string;
  readonly range: Range;
}

/** A replacement of a range of a file's text. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** Edits of several files, by path. */
export interface WorkspaceEdit {
  readonly changes: Readonly<Record<string, readonly TextEdit[]>>;
}

/** LSP DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint. */
export type DiagnosticSeverity = 1 | 2 | 3 | 4;

/** A diagnostic as the protocol carries it: the compiler's code, message, labels (as related information) and hint. */
export interface ServiceDiagnostic {
  readonly range: Range;
  readonly severity: DiagnosticSeverity;
  /** The stable code, e.g. "E2001". */
  readonly code: string;
  readonly source: "termsheet";
  /** The compiler's message, then its context path, notes and hint on lines of their own, as the CLI prints them. */
  readonly message: string;
  /** The compiler's secondary labels ("declared here"), with their locations. */
  readonly relatedInformation: readonly { readonly location: Location; readonly message: string }[];
  /** The parts of the diagnostic, for code actions and tools. */
  readonly data: {
    readonly key: string;
    readonly file: string;
    readonly message: string;
    readonly context: readonly string[];
    readonly notes: readonly string[];
    readonly hint: string | null;
  };
}

/** Hover text (Markdown) over a range. */
export interface Hover {
  readonly contents: string;
  readonly range: Range;
}

/** LSP CompletionItemKind values used here. */
export const CompletionKind = {
  Text: 1,
  Class: 7,
  Module: 9,
  Property: 10,
  Unit: 11,
  Value: 12,
  Enum: 13,
  Keyword: 14,
  Snippet: 15,
  Reference: 18,
  EnumMember: 20,
  Constant: 21,
  Struct: 22,
} as const;

/** A completion proposal. */
export interface CompletionItem {
  readonly label: string;
  readonly kind: number;
  readonly detail?: string;
  readonly documentation?: string;
  /** Text to insert when different from the label; a snippet when `insertTextFormat` is 2. */
  readonly insertText?: string;
  readonly insertTextFormat?: 1 | 2;
  readonly sortText?: string;
  /** The range the proposal replaces (the word being typed). */
  readonly textEdit?: TextEdit;
  /** Further edits, such as the import a standard calendar needs. */
  readonly additionalTextEdits?: readonly TextEdit[];
}

/** LSP SymbolKind values used here. */
export const SymbolKind = {
  Module: 2,
  Namespace: 3,
  Class: 5,
  Property: 7,
  Field: 8,
  Enum: 10,
  Interface: 11,
  Constant: 14,
  Object: 19,
  Struct: 23,
  Event: 24,
} as const;

/** An entry of a file's outline. */
export interface DocumentSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: number;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: readonly DocumentSymbol[];
}

/** A fix for diagnostics. */
export interface CodeAction {
  readonly title: string;
  readonly kind: "quickfix";
  readonly diagnostics: readonly ServiceDiagnostic[];
  readonly edit: WorkspaceEdit;
  readonly isPreferred?: boolean;
}

/** The semantic token types of the legend, in order (their index is the encoded type). */
export const SEMANTIC_TOKEN_TYPES = ["class", "property", "enumMember", "type", "namespace", "keyword"] as const;
/** The semantic token modifiers of the legend, in order (bit i is modifier i). */
export const SEMANTIC_TOKEN_MODIFIERS = ["declaration", "defaultLibrary"] as const;
