/**
 * Choosing rule versions by date in a compiled spec. Every rule of a contract or index is a list of clauses with
 * effective ranges (both bounds inclusive, null unbounded): in a field that holds versions of one rule, at most
 * one clause is in force on a date; in a field that holds rules that all apply (index sources, degradation rules,
 * spread legs, position limits), every clause in force applies. Which date to ask about is the date of the event
 * the rule governs (docs/spec-format.md has the table). Dates are ISO strings, which compare correctly as strings.
 */
import type { Clause, EffectiveRange } from "./common.js";

/** Whether a date (YYYY-MM-DD) lies in an effective range. */
export function inRange(range: EffectiveRange, date: string): boolean {
  return (range.from === null || range.from <= date) && (range.until === null || date <= range.until);
}

/** Whether a clause is in force on a date: the date lies in one of its ranges. */
export function inForce(clause: { readonly effective: readonly EffectiveRange[] }, date: string): boolean {
  return clause.effective.some((r) => inRange(r, date));
}

/** The version of a rule in force on a date, or undefined when none is (or the spec does not state the rule). */
export function versionOn<T>(versions: readonly Clause<T>[], date: string): Clause<T> | undefined {
  return versions.find((c) => inForce(c, date));
}

/** The rules in force on a date, in order. */
export function rulesOn<T>(rules: readonly Clause<T>[], date: string): Clause<T>[] {
  return rules.filter((c) => inForce(c, date));
}
