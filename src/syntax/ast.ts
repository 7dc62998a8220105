/**
 * The abstract syntax tree of a .terms file: what the parser produces and the checker, the formatter and the
 * model lowering consume. Every node has a `kind` and an end-exclusive `span`. Trees produced from broken input
 * are partial: any child may be missing (undefined) after error recovery, and later stages must cope.
 * Literals keep their source text (`raw`) so the formatter can print them as the author wrote them.
 *
 * The nodes are in ast/, by part of the language (nodes.ts for literals and shared pieces, calendar.ts, indices.ts,
 * contract.ts); this file holds the file and its declarations, an index's sources (whose statements nest), and the
 * union of all statements.
 */
import type { Span } from "../base/source.js";
import type { Annotations, Ident, NodeBase, StatementBase, StringLit } from "./ast/nodes.js";
import type { CalendarStatement } from "./ast/calendar.js";
import type {
  AdministratorStmt,
  AggregateStmt,
  DegradationStmt,
  EmptyIntervalsStmt,
  ExcludeDeviationStmt,
  ExcludeStaleStmt,
  ExcludeTradeJumpsStmt,
  ExcludeTradesBelowStmt,
  ExcludeTradesWhereStmt,
  FlagBelowStmt,
  IndexCarryForwardStmt,
  ExtremeMovesStmt,
  MethodologyStmt,
  MinimumStmt,
  PartitionStmt,
  PublishStmt,
  QuotedStmt,
  RestateStmt,
  RoundStmt,
  SampleStmt,
  SourceStatement,
  WindowStmt,
} from "./ast/indices.js";
import type { ContractStatement } from "./ast/contract.js";

export type * from "./ast/nodes.js";
export type * from "./ast/calendar.js";
export type * from "./ast/indices.js";
export type * from "./ast/contract.js";

export interface FileNode extends NodeBase {
  readonly kind: "File";
  readonly imports: readonly ImportDecl[];
  readonly declarations: readonly Declaration[];
  /** Unit declarations (`unit point "index point"`), in source order; absent when the file declares none. */
  readonly units?: readonly UnitDecl[];
}

/**
 * `unit point "index point"` or `unit SOL "Solana" is an asset`: a unit word the file's units may use. `kind`
 * holds the words after `is` as written (`an asset`); the checker accepts only those.
 */
export interface UnitDecl extends NodeBase {
  readonly kind: "UnitDecl";
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly title: StringLit | undefined;
  /** The words after `is`, when present. */
  readonly is: readonly Ident[] | undefined;
}

/** `import "calendars/nyse.terms"` or `import NYSE, TARGET from "calendars/std.terms"`. */
export interface ImportDecl extends NodeBase {
  readonly kind: "Import";
  readonly names: readonly Ident[];
  readonly path: StringLit | undefined;
}

export type DeclarationKind = "calendar" | "index" | "future" | "option" | "spread";

interface DeclBase<K extends string, S> extends NodeBase {
  readonly kind: K;
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly title: StringLit | undefined;
  readonly annotations: Annotations;
  readonly statements: readonly S[];
  /** Span of the closing brace, if present. */
  readonly close: Span | undefined;
}

/** Statements are parsed with one grammar everywhere; which ones a declaration allows is the checker's concern. */
export type CalendarDecl = DeclBase<"Calendar", Statement>;
export type IndexDecl = DeclBase<"Index", Statement>;
export type FutureDecl = DeclBase<"Future", Statement>;
export type OptionDecl = DeclBase<"Option", Statement>;
export type SpreadDecl = DeclBase<"Spread", Statement>;
export type Declaration = CalendarDecl | IndexDecl | FutureDecl | OptionDecl | SpreadDecl;

// A source nests statements, so it and the union of index statements are stated here, beside the union of all.

/** `source OPENAI "OpenAI API list price" { models "gpt-5", "gpt-4.1" … }`. */
export interface SourceStmt extends StatementBase {
  readonly kind: "Source";
  readonly name: Ident | undefined;
  readonly title: StringLit | undefined;
  readonly statements: readonly Statement[];
}

export type IndexStatement =
  | AdministratorStmt
  | QuotedStmt
  | MethodologyStmt
  | SourceStmt
  | WindowStmt
  | PartitionStmt
  | EmptyIntervalsStmt
  | AggregateStmt
  | ExcludeDeviationStmt
  | ExcludeStaleStmt
  | ExcludeTradesBelowStmt
  | ExcludeTradeJumpsStmt
  | ExcludeTradesWhereStmt
  | FlagBelowStmt
  | IndexCarryForwardStmt
  | MinimumStmt
  | DegradationStmt
  | ExtremeMovesStmt
  | RoundStmt
  | PublishStmt
  | RestateStmt
  | SampleStmt;

export type Statement = CalendarStatement | IndexStatement | ContractStatement | SourceStatement;
