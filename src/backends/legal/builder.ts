/**
 * The pieces every chapter of the readable contract is built from: the Builder that numbers sections and clauses
 * and says defined terms in their defined form, and the sentences of versions, annotations and windows.
 */
import { clauseOf, type StatementKind } from "../../syntax/statements.js";
import type { Clause, Contract, Spec } from "../../model/types.js";
import type { Block, DocClause, DocSection, Figure } from "./document.js";
import { conflictNote, restates } from "./descriptions.js";
import { calendarLabel, capitalise, effectiveWords, clockTime, zoneTimeName } from "./words.js";

export type Para = string;

/** What a clause is built from: blocks, and the rulebook references of its rules (printed once per clause). */
export type Piece = Block | { readonly kind: "refs"; readonly refs: readonly string[]; readonly inline?: boolean };

export const p = (text: string): Block => ({ kind: "paragraph", text });

export const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

/** Every version of a rule as paragraphs: the value in words, when each version is in force, descriptions, references. */
export function versions<T>(vs: readonly Clause<T>[], say: (value: T) => Para | Para[], none?: string): Piece[] {
  if (vs.length === 0) return none === undefined ? [] : [p(none)];
  const out: Piece[] = [];
  for (const v of vs) {
    const when = effectiveWords(v.effective);
    const said = say(v.value);
    const lines = Array.isArray(said) ? said : [said];
    lines.forEach((line, i) => out.push(p(i === 0 && when !== "" ? `${capitalise(when)}: ${line}` : line)));
    out.push(...annotations(v));
  }
  return out;
}

/** {@link versions}, with a day on which each version is in force given to `say` (for values that depend on other rules). */
export function versionsOn<T>(vs: readonly Clause<T>[], say: (value: T, day: string) => Para | Para[]): Piece[] {
  return vs.flatMap((v) => versions([v], (x) => say(x, dayIn(v.effective))));
}

/** A day within the first of some effective ranges (its first day, or its last when open to the past). */
export function dayIn(ranges: Clause<unknown>["effective"]): string {
  const r = ranges[0];
  return r?.from ?? r?.until ?? "2000-01-01";
}

/** An annotated rule's descriptions (quoted as the author wrote them) and its rulebook references. */
export function annotations(a: { readonly descriptions: readonly string[]; readonly clauses: readonly string[] }): Piece[] {
  const out: Piece[] = a.descriptions.map((d) => ({ kind: "paragraph", text: sentence(d), authored: true }));
  if (a.clauses.length > 0) out.push({ kind: "refs", refs: a.clauses });
  return out;
}

/**
 * The generated sentence of a step (a list item) followed by the step's descriptions, each with a note when it states
 * a figure the sentence contradicts, and the step's references.
 */
export function stepItem(said: string, a: { readonly descriptions: readonly string[]; readonly clauses: readonly string[] }): string {
  const parts = [said];
  for (const d of a.descriptions) {
    const note = conflictNote(d, said);
    if (note === undefined && restates(d, said)) continue;
    parts.push(sentence(d));
    if (note !== undefined) parts.push(note);
  }
  if (a.clauses.length > 0) parts.push(`Rulebook reference: ${a.clauses.join("; ")}.`);
  return parts.join(" ");
}

export function stepWhen(e: Clause<unknown>["effective"]): string {
  const w = effectiveWords(e);
  return w === "" ? "" : ` (${w})`;
}

export class Builder {
  private readonly sections: DocSection[] = [];
  private clauses: DocClause[] = [];
  private section = 0;

  constructor(
    readonly spec: Spec,
    private readonly sources: ReadonlyMap<string, string>,
  ) {}

  /** The defined terms of several words ("Last Trading Day"), said in their defined form in generated text. */
  private terms: readonly { readonly term: string; readonly re: RegExp }[] = [];

  /** Sets the defined terms once the definitions are written: later clauses say them as defined. */
  define(terms: readonly string[]): void {
    this.terms = terms
      .filter((t) => /^[A-Z][a-z]+(?: (?:the|of) [A-Z][a-z]+| [A-Z][a-z]+)+$/.test(t))
      .map((term) => ({ term, re: new RegExp(`(?<![\\w-])${term.replace(/ /g, " ")}(s?)(?![\\w-])`, "gi") }));
  }

  /** A generated text with each defined term in its defined form ("the last trading day" → "the Last Trading Day"). */
  definedForm(text: string): string {
    let out = text;
    for (const { term, re } of this.terms) out = out.replace(re, (_, plural: string) => `${term}${plural}`);
    return out;
  }

  /** A generated block in defined form; an author's paragraph is quoted as written. */
  private recase(b: Block): Block {
    if (this.terms.length === 0) return b;
    if (b.kind === "paragraph") return b.authored === true || b.heading === true ? b : { ...b, text: this.definedForm(b.text) };
    if (b.kind === "list") return { ...b, items: b.items.map((x) => this.definedForm(x)) };
    return { ...b, rows: b.rows.map((r) => r.map((x) => this.definedForm(x))) };
  }

  cal = (name: string): string => calendarLabel(Object.hasOwn(this.spec.calendars, name) ? this.spec.calendars[name] : undefined, name);

  index = (name: string): string => {
    const i = Object.hasOwn(this.spec.indices, name) ? this.spec.indices[name] : undefined;
    return i?.title ? `the ${i.title} (${name})` : `the ${name} index`;
  };

  open(): void {
    this.section += 1;
    this.clauses = [];
  }

  close(title: string): void {
    if (this.clauses.length > 0) this.sections.push({ number: String(this.section), title, clauses: this.clauses });
    else this.section -= 1;
  }

  /**
   * Adds a clause. Its references are gathered and said once; an author's description that only restates the
   * clause's generated sentences is left out (the rule is stated once), and one that states a figure the generated
   * sentences contradict is followed by a note saying both.
   */
  add(title: string, pieces: readonly Piece[], key?: string): void {
    const refs: string[] = [];
    const cites: string[] = [];
    const blocks: Block[] = [];
    for (const x of pieces) {
      if (x.kind === "refs") {
        const into = x.inline === true ? cites : refs;
        for (const r of x.refs) if (!into.includes(r)) into.push(r);
      } else blocks.push(this.recase(x));
    }
    if (blocks.length === 0) return;
    const generated = blocks
      .filter((b) => !(b.kind === "paragraph" && b.authored === true))
      .map((b) => (b.kind === "paragraph" ? b.text : b.kind === "list" ? b.items.join(" ") : b.rows.map((r) => r.join(" ")).join(" ")))
      .join(" ");
    const kept: Block[] = [];
    const restated: string[] = [];
    for (const b of blocks) {
      if (b.kind !== "paragraph" || b.authored !== true) {
        kept.push(b);
        continue;
      }
      const note = conflictNote(b.text, generated);
      if (note === undefined && restates(b.text, generated)) {
        restated.push(b.text);
        continue;
      }
      kept.push(b);
      if (note !== undefined) kept.push(p(note));
    }
    const source = key === undefined ? undefined : this.sources.get(key);
    const number = `${this.section}.${this.clauses.length + 1}`;
    this.clauses.push({
      number,
      title,
      blocks: kept,
      ...(source === undefined ? {} : { source }),
      ...(refs.length === 0 ? {} : { references: refs }),
      ...(restated.length === 0 ? {} : { restated }),
      ...(cites.length === 0 ? {} : { cites }),
    });
  }

  done(): DocSection[] {
    return this.sections;
  }

  /** The clauses of the open section so far. */
  current(): readonly DocClause[] {
    return this.clauses;
  }

  /** Gives the open section's clause of this title a picture (figures.ts). */
  attach(title: string, figure: Figure | undefined): void {
    const i = this.clauses.findIndex((c) => c.title === title);
    if (figure !== undefined && i >= 0) this.clauses[i] = { ...this.clauses[i]!, figure };
  }

  /** How many sections are closed so far. */
  closed(): number {
    return this.sections.length;
  }
}

/** A window of the day: "from 15:58 (included) to 16:00 (excluded) London time". */
export function windowWords(w: { from: string; fromBound: string; to: string; toBound: string; zone: string; fromDay?: string }): string {
  // `to 24:00` is the end of the fixing day; `fromDay` starts the window on the previous day, across midnight.
  const start = `${clockTime(w.from, w.zone)}${w.fromDay === "previous" ? " on the day before the fixing date" : ""}`;
  const end =
    w.to === "24:00:00"
      ? "the end of the fixing date (24:00)"
      : `${clockTime(w.to, w.zone)}${w.fromDay === "previous" ? " on the fixing date" : ""}`;
  return `from ${start} (${w.fromBound === "inclusive" ? "included" : "excluded"}) to ${end} (${w.toBound === "inclusive" ? "included" : "excluded"}) ${zoneTimeName(w.zone)}`;
}

/** Words joined as a list: "June", "June and December", "March, June and December". */
export function andList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** How a contract's clauses are keyed: as source-lines.ts keys the statements they state, by the statement registry's clause. */
export interface ClauseKeys {
  readonly key: (rule: string | undefined) => string | undefined;
  readonly clause: (kind: StatementKind) => string | undefined;
}

/** The clause keys of a contract's chapters. */
export function contractClauseKeys(c: Contract): ClauseKeys {
  const key = (rule: string | undefined) => (rule === undefined ? undefined : `contract ${c.name} ${rule}`);
  const clause = (kind: StatementKind) => key(clauseOf(kind, "contract"));
  return { key, clause };
}
