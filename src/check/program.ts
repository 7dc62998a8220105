/**
 * The program: every parsed file (the ones asked for plus everything they import) and the symbol table
 * that the checks share. Built by the driver; read by every check in check/.
 */
import type { SourceFile } from "../base/source.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Comment } from "../syntax/parse.js";
import type { Declaration, DeclarationKind, FileNode, Ident } from "../syntax/ast.js";

/** One parsed file. */
export interface ProgramFile {
  readonly source: SourceFile;
  readonly ast: FileNode;
  readonly comments: readonly Comment[];
  /** True for files named on the command line (or found in a folder), false for files loaded only by import. */
  readonly root: boolean;
}

/** A declared name. */
export interface Symbol {
  readonly name: string;
  readonly kind: DeclarationKind;
  readonly decl: Declaration;
  /** Path of the declaring file. */
  readonly file: string;
}

/** All files and the names each one can see. */
export interface Program {
  readonly files: readonly ProgramFile[];
  /** Every declaration by name (the first one wins when a name is declared twice; that is reported). */
  readonly symbols: ReadonlyMap<string, Symbol>;
  /** The names visible from a file: its own declarations and what it imports. */
  visible(file: string): ReadonlyMap<string, Symbol>;
  /**
   * The standard-library module that declares a name and the kind it declares, for the hint of an unknown name
   * (`import NYSE from "std:calendars"`); read from the host's library on the first question, once.
   */
  standardName?(name: string): { readonly kind: DeclarationKind; readonly module: string } | undefined;
}

/** Collects diagnostics; checks call it and never throw. */
export type Report = (d: Diagnostic) => void;

/** The declaration kind of an AST declaration node. */
export function declarationKind(d: Declaration): DeclarationKind {
  switch (d.kind) {
    case "Calendar":
      return "calendar";
    case "Index":
      return "index";
    case "Future":
      return "future";
    case "Option":
      return "option";
    case "Spread":
      return "spread";
  }
}

/**
 * Resolves a reference from a file, reporting unknown names (with did-you-mean) and wrong kinds.
 * Returns undefined when the name does not resolve to one of the wanted kinds.
 */
export type Resolver = (from: string, ref: Ident | undefined, wanted: readonly DeclarationKind[], what: string) => Symbol | undefined;
