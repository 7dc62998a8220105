/**
 * Which rule version is in force on a date: the one rule, read by the runtime (schedules, index computation,
 * settlement steps, contract terms) and by the compiler (the checker's invariants, the diff, the legal backend).
 *
 * Every rule of a compiled spec is a list of clauses, each with inclusive effective ranges (a null bound is
 * unbounded; dates are ISO `YYYY-MM-DD` strings, which compare correctly as strings). A clause is in force on a
 * date inside one of its ranges. **An empty list of ranges means always**: a compiled spec never has one (its
 * schema requires a range per clause and per step), but a statement of the checker's tree without an `effective`
 * annotation has none, and is in force on every date. In a list of versions of one rule (`Versions<T>`) the first clause in
 * force wins and at most one is in force in a valid spec; in a list of rules that all apply (`Rules<T>`: index
 * sources, degradation rules, spread legs, position limits) every clause in force applies. Which date to ask
 * about is the date of the event the rule governs (docs/spec-format.md has the table).
 */
import type { EffectiveRange, VersionKey } from "./spec.js";

/** Whatever carries effective ranges: a clause, a step, a checker statement's ranges. */
export interface Effective {
  readonly effective: readonly EffectiveRange[];
}

/** Whether an ISO date lies in an effective range (both bounds inclusive, null unbounded). */
export function inRange(range: EffectiveRange, date: string): boolean {
  return (range.from === null || range.from <= date) && (range.until === null || date <= range.until);
}

/** Whether a clause (or step) is in force on a date: the date lies in one of its ranges; no ranges means always. */
export function inForce(clause: Effective, date: string): boolean {
  const ranges = clause.effective;
  if (ranges.length === 0) return true;
  for (const r of ranges) if (inRange(r, date)) return true;
  return false;
}

/** The version of a rule in force on a date (the first in force), or undefined when none is or the rule is not stated. */
export function versionOn<C extends Effective>(versions: readonly C[], date: string): C | undefined {
  for (const c of versions) if (inForce(c, date)) return c;
  return undefined;
}

/** The index of the version in force on a date, or -1. */
export function versionIndexOn(versions: readonly Effective[], date: string): number {
  return versions.findIndex((c) => inForce(c, date));
}

/** The rules in force on a date, in order. */
export function rulesOn<C extends Effective>(rules: readonly C[], date: string): C[] {
  return rules.filter((c) => inForce(c, date));
}

/** The value of the version of a rule in force on a date, or undefined. */
export function valueOn<T>(versions: readonly (Effective & { readonly value: T })[], date: string): T | undefined {
  return versionOn(versions, date)?.value;
}

/** The values of the rules in force on a date, in order. */
export function valuesOn<T>(rules: readonly (Effective & { readonly value: T })[], date: string): T[] {
  return rulesOn(rules, date).map((c) => c.value);
}

/** The dates a selection may use for one question about a contract: its own event date and the period's dates. */
export interface SelectionDates {
  /** The date of the event the rule governs (docs/spec-format.md's table): the default. */
  readonly event: string;
  /** The first day of the contract period, when the question is about one. */
  readonly contractMonth?: string;
  /** The period's last trading day, computed only when the key asks for it. */
  readonly lastTradingDay?: () => string | undefined;
  /** The day the period was first listed, computed only when the key asks for it. */
  readonly listingDate?: () => string | undefined;
}

/**
 * The date whose versions are in force for a question: the one place that decides it. A key the contract declares
 * wins (its rulebook says which contracts a version governs, whatever the date one asks on); otherwise an as-of date
 * (`--as-of`, a request's `asOf`: the rules as they stood that day); otherwise the event's own date.
 */
export function selectionDate(key: VersionKey | undefined, asOf: string | undefined, dates: SelectionDates): string {
  if (key === "contract-month" && dates.contractMonth !== undefined) return dates.contractMonth;
  if (key === "last-trading-day" && dates.lastTradingDay !== undefined) return dates.lastTradingDay() ?? dates.event;
  if (key === "listing-date" && dates.listingDate !== undefined) return dates.listingDate() ?? dates.contractMonth ?? dates.event;
  if (key !== undefined) return dates.event;
  return asOf ?? dates.event;
}

/** A bound on the steps of {@link selfSelectedDay}, far above any real number of versions of one rule. */
const SELF_SELECTION_STEPS = 64;

/**
 * `rule versions selected by the last trading day`: the day that the version in force on it gives, found from a
 * period's first day by following the versions (each step asks the version in force on the day the last one gave).
 * The one statement of that search, for the runtime's schedules and for the checker's and loader's invariant.
 * `dayOn` answers a date with a result, `dateOf` reads the day a result gives (undefined for a failure, returned as
 * it is). A version's day does not depend on the date it is asked on, so the days repeat within as many steps as
 * there are versions: a repeat that is not a fixed point means that no version reached gives a day inside its own
 * effective dates, and the answer is undefined.
 */
export function selfSelectedDay<R>(start: string, dayOn: (date: string) => R, dateOf: (result: R) => string | undefined): R | undefined {
  const seen = new Set<string>();
  let date = start;
  for (let i = 0; i < SELF_SELECTION_STEPS; i++) {
    const r = dayOn(date);
    const day = dateOf(r);
    if (day === undefined || day === date) return r;
    seen.add(date);
    if (seen.has(day)) return undefined;
    date = day;
  }
  return undefined;
}
