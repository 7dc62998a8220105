/**
 * The nodes every part of the syntax tree uses: literals, names, units, quantities, durations, times, roundings,
 * annotations, and the common shape of statements (the tree: ../ast.ts).
 */
import type { Span } from "../../base/source.js";

export interface NodeBase {
  readonly span: Span;
}

/** A name: a declaration name, a reference, or an enumerated word such as `Monday` or `half-even`. */
export interface Ident extends NodeBase {
  readonly kind: "Ident";
  readonly name: string;
}
export interface StringLit extends NodeBase {
  readonly kind: "String";
  /** The unescaped value. */
  readonly value: string;
  readonly raw: string;
}
/** A decimal number; `value` is canonical (no `_`, no trailing zeros) or undefined when malformed. */
export interface NumberLit extends NodeBase {
  readonly kind: "Number";
  readonly raw: string;
  readonly value: string | undefined;
}
/** A percentage such as `5%` or `0.10%`; `value` is the canonical number of percent (e.g. "0.1"). */
export interface PercentLit extends NodeBase {
  readonly kind: "Percent";
  readonly raw: string;
  readonly value: string | undefined;
}
/** An ISO date; `value` is undefined when the date does not exist (e.g. 2026-02-30). */
export interface DateLit extends NodeBase {
  readonly kind: "Date";
  readonly raw: string;
  readonly value: string | undefined;
}
/** A time of day such as `16:00` or `14:59:30`; `value` is normalised to HH:MM:SS or undefined when invalid. */
export interface TimeLit extends NodeBase {
  readonly kind: "Time";
  readonly raw: string;
  readonly value: string | undefined;
}
/** A time zone name as written; validity is the checker's concern. */
export interface ZoneRef extends NodeBase {
  readonly kind: "Zone";
  readonly name: string;
}

export type Literal = Ident | StringLit | NumberLit | PercentLit | DateLit | TimeLit | ZoneRef;

/** A time of day in a zone: `16:00 Europe/London`. */
export interface ZonedTime extends NodeBase {
  readonly kind: "ZonedTime";
  readonly time: TimeLit | undefined;
  readonly zone: ZoneRef | undefined;
}

/** One side of a unit: an optional scale (`1M`, `1000`, `million`) and unit words (`tokens`, `GPU-hour`). */
export interface UnitTerm extends NodeBase {
  readonly kind: "UnitTerm";
  /** The numeric scale as written (`1M`, `1000`), if any. */
  readonly scale: NumberLit | undefined;
  /** The words, e.g. [million, tokens] or [USD]. */
  readonly words: readonly Ident[];
}
/** A unit such as `USD per 1M tokens`. */
export interface UnitExpr extends NodeBase {
  readonly kind: "UnitExpr";
  readonly numerator: UnitTerm | undefined;
  readonly denominator: UnitTerm | undefined;
}
/** A number with a unit: `0.01 USD per 1M tokens`, `1000 million tokens`. */
export interface Quantity extends NodeBase {
  readonly kind: "Quantity";
  readonly amount: NumberLit | undefined;
  readonly unit: UnitExpr | undefined;
}
/** A length of time: `5 minutes`, `2 business days`. */
export interface Duration extends NodeBase {
  readonly kind: "Duration";
  readonly amount: NumberLit | undefined;
  /** Present when the duration counts business days. */
  readonly business: boolean;
  /** The unit word: seconds, minutes, hours, days (validated by the checker). */
  readonly unit: Ident | undefined;
}

/** `rounded to 0.01 half-even`, `rounded to the tick half-toward-prior`, or `unrounded`. */
export interface Rounding extends NodeBase {
  readonly kind: "Rounding";
  /** Undefined for `unrounded`. */
  readonly increment: NumberLit | "tick" | undefined;
  readonly mode: Ident | undefined;
  readonly unrounded: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Annotations: description, clause reference and effective dates, allowed on every declaration and statement.

export interface Annotations {
  readonly descriptions: readonly StringLit[];
  readonly clauses: readonly StringLit[];
  readonly effective: readonly EffectiveRange[];
}
/** `effective from 2021-07-01 until 2022-06-30` (both bounds inclusive, either optional). */
export interface EffectiveRange extends NodeBase {
  readonly kind: "Effective";
  readonly from: DateLit | undefined;
  readonly until: DateLit | undefined;
}

/** Common shape of every statement: its own annotations follow it in the source. */
export interface StatementBase extends NodeBase {
  readonly annotations: Annotations;
}
