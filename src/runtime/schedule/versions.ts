/**
 * Choosing rule versions by date, as the compiled spec format defines it (docs/spec-format.md): a clause is in
 * force on a date inside one of its inclusive effective ranges, and in a list of versions the first clause in force
 * wins. The same semantics as the model's `versionOn`/`rulesOn` (a test checks they agree), restated here because
 * the runtime imports nothing from the compiler. Dates are ISO strings, which compare correctly as strings.
 */
import type { ClauseInput, EffectiveRangeInput } from "./types.js";

/** Whether an ISO date lies in an effective range. */
export function inEffectiveRange(range: EffectiveRangeInput, date: string): boolean {
  return (range.from === null || range.from <= date) && (range.until === null || date <= range.until);
}

/** The version of a rule in force on an ISO date, or undefined when none is. */
export function versionOn<C extends ClauseInput<unknown>>(versions: readonly C[], date: string): C | undefined {
  return versions.find((c) => c.effective.some((r) => inEffectiveRange(r, date)));
}

/** The rules in force on an ISO date, in order. */
export function rulesOn<C extends ClauseInput<unknown>>(rules: readonly C[], date: string): C[] {
  return rules.filter((c) => c.effective.some((r) => inEffectiveRange(r, date)));
}
