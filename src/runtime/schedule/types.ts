/**
 * The shapes of the schedule's questions and answers (`schedule.ts`): the contract fields it reads, its input, its
 * errors and results, and the expiries and listed periods it gives. The listing-time helpers (`listing-time.ts`)
 * read them too, without the class.
 */
import type { CalendarError, Calendar, EpochDay } from "../calendar/index.js";
import type { AnyContract, EffectiveRange } from "../spec.js";
import type { ContractPeriod } from "./symbols.js";

/** The fields of a compiled contract the schedule reads; the generated settlement modules embed just these. */
export const SCHEDULE_FIELDS = [
  "kind",
  "name",
  "listing",
  "lastTradingDay",
  "termination",
  "finalSettlement",
  "underlying",
  "expiry",
  "legs",
  "versionsSelectedBy",
] as const satisfies readonly (keyof AnyContract)[];

/** A contract as the schedule reads it: those fields of a compiled contract (runtime/spec.ts); every `Contract` is one. */
export type ScheduleContract = Pick<AnyContract, (typeof SCHEDULE_FIELDS)[number]> & {
  /**
   * The product's own trading dates (the declaration's `effective` ranges: its first trade date and its end); absent
   * or `[{from: null, until: null}]`, always. The generated modules embed it only when it is not always.
   */
  readonly effective?: readonly EffectiveRange[];
};

/**
 * Calendars and contracts by name: a compiled spec (`loadSpec`'s result) is one, and so is a lowered program, whose
 * calendars are the engine's model with its defaults (runtime/calendar/model.ts).
 */
export interface ScheduleInput {
  readonly calendars: Readonly<Record<string, Calendar>>;
  readonly contracts: Readonly<Record<string, ScheduleContract>>;
}

/** Why a schedule question has no answer. */
export type ScheduleError =
  | CalendarError
  | { readonly kind: "unknown-contract"; readonly name: string }
  | { readonly kind: "no-rule"; readonly contract: string; readonly rule: string; readonly date: string }
  | { readonly kind: "period-mismatch"; readonly contract: string; readonly message: string }
  | { readonly kind: "recursion"; readonly contract: string }
  /** The period is not one the contract can list: outside its listing cycle's months (or its trading dates). */
  | { readonly kind: "not-listed"; readonly contract: string; readonly period: string; readonly reason: string }
  /** The day lies outside the product's own trading dates (its first trade date and end). */
  | { readonly kind: "not-traded"; readonly contract: string; readonly date: string; readonly dates: string };

/** Success with a value, or failure with a {@link ScheduleError}. */
export type ScheduleResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ScheduleError };

/** A termination instant: the rule's wall-clock time and zone, and the UTC instant it resolves to on the day. */
export interface Termination {
  readonly time: string;
  readonly zone: string;
  /** Epoch milliseconds. */
  readonly instant: number;
  /** Local minus UTC, seconds. */
  readonly offsetSeconds: number;
  /** "exact", or how a time in a clock-change gap or overlap was resolved. */
  readonly status: "exact" | "gap" | "ambiguous";
}

/** One leg of a spread's expiry. */
export interface LegExpiry {
  readonly side: "buy" | "sell";
  readonly contract: string;
  readonly period: ContractPeriod;
  readonly symbol: string;
  readonly lastTradingDay: EpochDay;
  readonly finalSettlementDate: EpochDay | undefined;
}

/** Everything about the end of one contract period. */
export interface Expiry {
  readonly contract: string;
  readonly period: ContractPeriod;
  readonly symbol: string;
  readonly lastTradingDay: EpochDay;
  /** Undefined when neither the contract nor what it inherits from states a termination time. */
  readonly termination: Termination | undefined;
  /** Undefined when the contract states no final settlement. */
  readonly finalSettlementDate: EpochDay | undefined;
  /** The averaging days of an average-price settlement, in date order; undefined for other settlements. */
  readonly averagingDays: readonly EpochDay[] | undefined;
  /** For a spread settled leg by leg: its legs; otherwise undefined. */
  readonly legs: readonly LegExpiry[] | undefined;
}

/** A listed period of a contract. */
export interface Listed {
  readonly contract: string;
  readonly period: ContractPeriod;
  readonly symbol: string;
  readonly lastTradingDay: EpochDay;
}

/** A successful result, and a failed one. */
export const ok = <T>(value: T): ScheduleResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: ScheduleError): ScheduleResult<T> => ({ ok: false, error });

/** How many contracts deep a question may go (an option on a future, a spread of futures) before it is refused. */
export const MAX_DEPTH = 8;
