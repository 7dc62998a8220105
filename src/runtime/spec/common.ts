/** Building blocks of the compiled spec (runtime/spec.ts): decimals, clauses and their effective ranges, annotations, units, quantities, durations, roundings, times and windows. */
import type { RoundingMode } from "../numbers/decimal.js";

/** An exact decimal as a canonical string ("0.01", "-2.5", "1000"); never a JS number. */
export type DecimalString = string;

/** Inclusive effective bounds, ISO dates; null is unbounded. */
export interface EffectiveRange {
  readonly from: string | null;
  readonly until: string | null;
}

/** A rule with its effective ranges (never empty in a compiled spec) and its annotations. */
export interface Clause<T> {
  readonly effective: readonly EffectiveRange[];
  readonly descriptions: readonly string[];
  /** References to rulebook clauses, e.g. "NYSE Rule 7.2". */
  readonly clauses: readonly string[];
  readonly value: T;
}

/** Versions of one rule, ordered by start date: at most one is in force on a date; empty when the rule is not stated. */
export type Versions<T> = readonly Clause<T>[];

/** Rules that all apply, each on the dates it is in force, in source order. */
export type Rules<T> = readonly Clause<T>[];

/** The annotations of a step inside a clause (a daily settlement step, a disruption, a fallback step). */
export interface StepAnnotations {
  /** When the step applies. */
  readonly effective: readonly EffectiveRange[];
  readonly descriptions: readonly string[];
  readonly clauses: readonly string[];
}

/** The annotations of a declaration. */
export interface DeclarationAnnotations extends StepAnnotations {
  readonly title: string | null;
}

/** A normalised unit: canonical text, dimensions with exponents, exact scale against the base units. */
export interface Unit {
  readonly text: string;
  readonly dimensions: Readonly<Record<string, number>>;
  readonly scale: DecimalString;
  /** The currency when exactly one occurs in the unit, else null. */
  readonly currency: string | null;
}

/** A unit the source declares: its word, its name in words and whether it is an asset. */
export interface DeclaredUnit {
  readonly name: string;
  readonly title: string;
  readonly kind: "asset" | "unit";
}

/** An exact amount in a unit. */
export interface Quantity {
  readonly amount: DecimalString;
  readonly unit: Unit;
}

/** A length of time; `business-days` count business days of the calendar in context. */
export interface Duration {
  readonly amount: DecimalString;
  readonly unit: "seconds" | "minutes" | "hours" | "days" | "business-days";
}

/** An explicit rounding: to an increment, to the contract's tick, or not at all. */
export type Rounding =
  | { readonly kind: "increment"; readonly increment: DecimalString; readonly mode: RoundingMode }
  | { readonly kind: "tick"; readonly mode: RoundingMode }
  | { readonly kind: "unrounded" };

/** A wall-clock time (HH:MM:SS) in an IANA zone. */
export interface ZonedTime {
  readonly time: string;
  readonly zone: string;
}

/** A window of wall-clock time ending on the fixing date in a zone, each bound inclusive or exclusive; `to` may be `24:00:00`. */
export interface TimeWindow {
  readonly from: string;
  readonly fromBound: "inclusive" | "exclusive";
  readonly to: string;
  readonly toBound: "inclusive" | "exclusive";
  readonly zone: string;
  /** The window starts on the day before the fixing date. */
  readonly fromDay?: "previous";
}

/** A further piece of an index window of several: a window in the zone of the first piece. */
export type WindowPiece = Omit<TimeWindow, "zone">;

/** An index's window: a window and, with `also`, further disjoint pieces in time order (off-peak hours: "HE 0100-0700 and 2400"). */
export interface IndexWindow extends TimeWindow {
  readonly also?: readonly WindowPiece[];
}
