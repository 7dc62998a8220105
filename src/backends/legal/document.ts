/**
 * The readable contract as a neutral document tree: numbered sections holding numbered clauses, each a list of
 * paragraphs, lists and tables of plain text. The legal backend builds it from the compiled model
 * (from-model.ts); the Markdown and HTML printers (to-markdown.ts, to-html.ts) only lay it out, so both formats
 * say exactly the same words.
 */

/** A block of text inside a clause. */
export type Block =
  /** `authored`: an author's description quoted from the source, not a sentence generated from the terms. */
  | {
      readonly kind: "paragraph";
      readonly text: string;
      readonly authored?: boolean;
      /** A run-in subheading inside a clause (the rulebook layout's clauses that share one rule). */
      readonly heading?: boolean;
    }
  | { readonly kind: "list"; readonly ordered: boolean; readonly items: readonly string[] }
  | { readonly kind: "table"; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** A numbered clause: "2.3 Minimum price fluctuation". */
export interface DocClause {
  readonly number: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  /** Where the clause comes from, e.g. "specs/contracts/foti.terms:12", when known. */
  readonly source?: string;
  /** The author's rulebook references of the clause's rules, each once, in order of appearance. */
  readonly references?: readonly string[];
  /** References said inline, in the clause's list items (a daily settlement step, a fallback level). */
  readonly cites?: readonly string[];
  /** Authors' descriptions left out because they only restate the clause's generated sentences. */
  readonly restated?: readonly string[];
  /** A picture of the clause (inline SVG, figures.ts), printed in HTML after the clause's blocks. */
  readonly figure?: Figure;
}

/** A picture: an accessible inline SVG with its title and description (what a reader without the picture is told). */
export interface Figure {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly svg: string;
}

/** A numbered section: "2 Contract specifications". */
export interface DocSection {
  readonly number: string;
  readonly title: string;
  readonly clauses: readonly DocClause[];
}

/** A defined term of the glossary. */
export interface DefinedTerm {
  readonly term: string;
  readonly definition: string;
}

/** The whole readable contract. */
export interface LegalDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly preamble: readonly string[];
  readonly sections: readonly DocSection[];
}

/** The line that gives a clause's rulebook references: "Rulebook reference: 1102.C Price Increments." */
export function referenceLine(refs: readonly string[]): string {
  return `Rulebook reference${refs.length === 1 ? "" : "s"}: ${refs.join("; ")}.`;
}
