/**
 * The runtime's own view of a compiled spec's contracts, defined structurally: only the fields the schedule
 * functions read, in exactly the JSON shape of the compiled model (docs/spec-format.md), so a spec loaded with
 * `loadSpec` or a lowered program can be passed as is while the runtime imports nothing from the compiler. A
 * type-level test (test/runtime/schedule/types.test.ts) asserts that the model's types are assignable to these.
 */
import type { Calendar, DateRule, WeeklyDateRule } from "../calendar/index.js";

/** Inclusive effective bounds, ISO dates; null is unbounded. */
export interface EffectiveRangeInput {
  readonly from: string | null;
  readonly until: string | null;
}

/** A rule version: in force on any date inside one of its ranges. */
export interface ClauseInput<T> {
  readonly effective: readonly EffectiveRangeInput[];
  readonly value: T;
}

/** A part of a listing cycle. */
export type ListingPartInput =
  | { readonly kind: "consecutive"; readonly count: number; readonly period: "months" | "weeks" }
  | { readonly kind: "next-in"; readonly count: number; readonly months: readonly number[] };

/** A last trading day: a monthly date rule or a weekly one. */
export type ContractDateRuleInput =
  { readonly kind: "monthly"; readonly rule: DateRule } | { readonly kind: "weekly"; readonly rule: WeeklyDateRule };

/** A wall-clock time (HH:MM:SS) in an IANA zone. */
export interface ZonedTimeInput {
  readonly time: string;
  readonly zone: string;
}

/** The days a final settlement averages over. */
export type AveragingDaysInput =
  | { readonly kind: "every-business-day"; readonly calendar: string }
  | { readonly kind: "last-business-days"; readonly count: number; readonly calendar: string };

/** What a final settlement pays against. */
export type SettlementValueInput =
  | { readonly kind: "index-at"; readonly index: string; readonly at: ZonedTimeInput }
  | { readonly kind: "index-average"; readonly index: string; readonly at: ZonedTimeInput; readonly days: AveragingDaysInput }
  | { readonly kind: "underlying-final"; readonly contract: string }
  | { readonly kind: "leg-by-leg" };

/** A final settlement (only its value matters to schedules). */
export interface FinalSettlementInput {
  readonly value: SettlementValueInput;
}

/** An option's expiry relative to its underlying future. */
export type ExpiryInput =
  { readonly kind: "with-underlying" } | { readonly kind: "before-underlying"; readonly businessDays: number; readonly calendar: string };

/** A spread leg. */
export interface LegInput {
  readonly side: "buy" | "sell";
  readonly contract: string;
  readonly monthsLater: number;
}

/** A future, option or spread as the schedule functions read it. */
export interface ScheduleContract {
  readonly kind: "future" | "option" | "spread";
  readonly name: string;
  readonly listing: readonly ClauseInput<readonly ListingPartInput[]>[];
  readonly lastTradingDay: readonly ClauseInput<ContractDateRuleInput>[];
  readonly termination: readonly ClauseInput<ZonedTimeInput>[];
  readonly finalSettlement: readonly ClauseInput<FinalSettlementInput>[];
  readonly underlying?: readonly ClauseInput<{ readonly kind: "index" | "future"; readonly name: string }>[];
  readonly expiry?: readonly ClauseInput<ExpiryInput>[];
  readonly legs?: readonly ClauseInput<LegInput>[];
}

/** Calendars and contracts by name: a compiled spec (`loadSpec`'s result) has exactly this shape. */
export interface ScheduleInput {
  readonly calendars: Readonly<Record<string, Calendar>>;
  readonly contracts: Readonly<Record<string, ScheduleContract>>;
}
