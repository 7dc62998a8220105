/**
 * The statements of contracts: futures, options, spreads (the syntax tree: ../ast.ts).
 */
import type { Span } from "../../base/source.js";
import type {
  Annotations,
  Duration,
  Ident,
  NodeBase,
  NumberLit,
  PercentLit,
  Quantity,
  Rounding,
  StatementBase,
  StringLit,
  TimeLit,
  ZoneRef,
  ZonedTime,
} from "./nodes.js";
import type { HolidayDate, Observance } from "./calendar.js";
import type { QuotedStmt, TimeWindow } from "./indices.js";

/** `underlying AITOK_OUT`, `underlying future FOTI`, `underlying index AITOK_OUT`. */
export interface UnderlyingStmt extends StatementBase {
  readonly kind: "Underlying";
  readonly declared: "future" | "index" | undefined;
  readonly target: Ident | undefined;
}
/** `contract unit 1000 million tokens`. */
export interface ContractUnitStmt extends StatementBase {
  readonly kind: "ContractUnit";
  readonly quantity: Quantity | undefined;
}
export interface TickTier extends NodeBase {
  readonly kind: "TickTier";
  readonly tick: Quantity | undefined;
  /** `at or below 25` or `above 25`. */
  readonly bound: { readonly relation: "at-or-below" | "above"; readonly price: NumberLit | undefined; readonly span: Span } | undefined;
}
/** `tick 0.01 USD per 1M tokens`, `spread tick …`, `premium tick 1 USD per BTC at or below 25, 5 USD per BTC above 25`. */
export interface TickStmt extends StatementBase {
  readonly kind: "Tick";
  readonly variant: "outright" | "spread" | "premium";
  readonly tiers: readonly TickTier[];
}
/**
 * A listing cycle part: `6 consecutive months`, `the nearest 2 months in December`, `4 additional months in March, …`,
 * or the older `plus the next 2 in December` (read as `the nearest`, with a warning). `word` is the word the parser
 * took for `nearest` or `additional` (any identifier; the checker validates it).
 */
export type ListingPart =
  | { readonly kind: "Consecutive"; readonly span: Span; readonly count: NumberLit | undefined; readonly period: "months" | "weeks" }
  | { readonly kind: "NextIn"; readonly span: Span; readonly count: NumberLit | undefined; readonly months: readonly Ident[] }
  | {
      readonly kind: "Nearest" | "Additional";
      readonly span: Span;
      readonly word: Ident;
      readonly count: NumberLit | undefined;
      readonly months: readonly Ident[];
    }
  /** `when the December contract expires, June, December 2 years later`: listed when that contract expires. */
  | {
      readonly kind: "OnExpiry";
      readonly span: Span;
      readonly expiring: Ident | undefined;
      readonly months: readonly Ident[];
      readonly years: NumberLit | undefined;
    };
/**
 * `, new contracts listed every Thursday at 18:00 America/New_York` after a listing cycle: the contract the cycle adds
 * next is listed at the latest such instant before the day the cycle adds it. The words are identifiers to the parser.
 */
export interface ListingTime extends NodeBase {
  readonly kind: "ListingTime";
  /** `new`, `contracts`, `listed`, as written. */
  readonly words: readonly Ident[];
  readonly weekday: Ident | undefined;
  readonly at: ZonedTime | undefined;
}
/** `listing 6 consecutive months plus the next 2 in December`. */
export interface ListingStmt extends StatementBase {
  readonly kind: "Listing";
  readonly parts: readonly ListingPart[];
  /** `, new contracts listed every WEEKDAY at TIME ZONE`; absent when the cycle says no time. */
  readonly time?: ListingTime;
}
/** The month a date rule is anchored in. */
export type MonthRef =
  | { readonly kind: "ContractMonth"; readonly span: Span }
  | { readonly kind: "ContractWeek"; readonly span: Span }
  | { readonly kind: "MonthBefore"; readonly span: Span };
export type DateAnchor =
  | {
      readonly kind: "WeekdayOfMonth";
      readonly span: Span;
      readonly ordinal: Ident;
      readonly weekday: Ident | undefined;
      readonly month: MonthRef | undefined;
    }
  | { readonly kind: "BusinessDayOfMonth"; readonly span: Span; readonly ordinal: Ident; readonly month: MonthRef | undefined }
  | { readonly kind: "DayOfMonth"; readonly span: Span; readonly day: NumberLit | undefined; readonly month: MonthRef | undefined }
  | { readonly kind: "WeekdayOfWeek"; readonly span: Span; readonly weekday: Ident | undefined };
/** `2 business days before the third Friday of the contract month, adjusted preceding on NYSE`. */
export interface DateRule extends NodeBase {
  readonly kind: "DateRule";
  readonly shift: { readonly days: NumberLit | undefined; readonly direction: "before" | "after"; readonly span: Span } | undefined;
  readonly anchor: DateAnchor | undefined;
  readonly convention: Ident | undefined;
  /**
   * `, not listed when not a business day` in place of `, adjusted CONVENTION`: the words `not`, `listed`, `not`, `a`
   * as the parser took them (identifiers, checked later), and the phrase's span.
   */
  readonly notListed?: { readonly words: readonly Ident[]; readonly span: Span };
  readonly calendar: Ident | undefined;
  /**
   * `when not a business day on CALENDAR` after the rule's calendar: the anchor moves (by the convention, strictly
   * away from it) only when it is not a business day of this calendar. `words` are `not`, `a` as parsed.
   */
  readonly when?: { readonly words: readonly Ident[]; readonly calendar: Ident | undefined; readonly span: Span };
}
/** `last trading day is the last Friday of the contract month, adjusted preceding on NYSE`. */
export interface LastTradingDayStmt extends StatementBase {
  readonly kind: "LastTradingDay";
  readonly rule: DateRule | undefined;
}
/** `expiry with the underlying` or `expiry 1 business day before the underlying on NYSE` (options). */
export interface ExpiryStmt extends StatementBase {
  readonly kind: "Expiry";
  readonly businessDaysBefore: NumberLit | undefined;
  readonly calendar: Ident | undefined;
}
/** `trading terminates at 16:00 Europe/London`. */
export interface TerminationStmt extends StatementBase {
  readonly kind: "Termination";
  readonly at: ZonedTime | undefined;
}
/** What a final settlement pays against. */
export type SettlementValue =
  | { readonly kind: "IndexAt"; readonly span: Span; readonly index: Ident | undefined; readonly at: ZonedTime | undefined }
  | {
      readonly kind: "IndexAverage";
      readonly span: Span;
      readonly index: Ident | undefined;
      readonly at: ZonedTime | undefined;
      readonly days: AveragingDays | undefined;
    }
  | { readonly kind: "UnderlyingFinal"; readonly span: Span; readonly target: Ident | undefined }
  /** `at the vwap of FUTURE trades from … to … ZONE on the last trading day`: the underlying future's VWAP in a window. */
  | { readonly kind: "FutureVwap"; readonly span: Span; readonly target: Ident | undefined; readonly window: TimeWindow | undefined }
  | { readonly kind: "LegByLeg"; readonly span: Span };
export type AveragingDays =
  | { readonly kind: "EveryBusinessDay"; readonly span: Span; readonly calendar: Ident | undefined }
  | { readonly kind: "LastBusinessDays"; readonly span: Span; readonly count: NumberLit | undefined; readonly calendar: Ident | undefined };
/**
 * `final settlement in cash at AITOK_OUT at 16:00 Europe/London on the last trading day, rounded to 0.01 half-even`,
 * `final settlement in cash at the average of GPUX at 16:00 America/New_York over every business day of the
 * contract month on NYSE, unrounded`, `final settlement in cash at the final settlement price of FOTI, unrounded`.
 */
export interface FinalSettlementStmt extends StatementBase {
  readonly kind: "FinalSettlement";
  /** `cash` or, later, `physical` (validated by the checker). */
  readonly method: Ident | undefined;
  readonly value: SettlementValue | undefined;
  /**
   * `, or at the final settlement price of FUTURE on its last trading day` after `at the vwap of FUTURE trades …`: on
   * the future's own last trading day the option takes the future's final settlement price instead.
   */
  readonly orFinal?: { readonly target: Ident | undefined; readonly span: Span };
  readonly rounding: Rounding | undefined;
}
export type DailyStep =
  | {
      readonly kind: "DailyVwap";
      readonly span: Span;
      readonly number: NumberLit | undefined;
      readonly window: TimeWindow | undefined;
      readonly rounding: Rounding | undefined;
      readonly annotations: Annotations;
      /** `, if more than N trades`: the step gives a price only when more than N trades are in the window. */
      readonly moreThan?: NumberLit | undefined;
    }
  | {
      readonly kind: "DailyMidpoint";
      readonly span: Span;
      readonly number: NumberLit | undefined;
      readonly at: ZonedTime | undefined;
      readonly rounding: Rounding | undefined;
      readonly annotations: Annotations;
    }
  /** `midpoint of bid and offer from … to … ZONE, ROUNDING`: the time-weighted midpoint over a settlement period. */
  | {
      readonly kind: "DailyMidpointPeriod";
      readonly span: Span;
      readonly number: NumberLit | undefined;
      readonly window: TimeWindow | undefined;
      readonly rounding: Rounding | undefined;
      readonly annotations: Annotations;
    }
  | { readonly kind: "DailyCarry"; readonly span: Span; readonly number: NumberLit | undefined; readonly annotations: Annotations }
  /** `net change of the preceding month`: this month's prior settlement plus the preceding month's change today. */
  | {
      readonly kind: "DailyNetChange";
      readonly span: Span;
      readonly number: NumberLit | undefined;
      /** `preceding` (validated by the checker; `preceding` is also a business-day convention word). */
      readonly which: Ident | undefined;
      readonly annotations: Annotations;
    }
  /**
   * `carry of INDEX with interest RATE per N days, ROUNDING`: the index's fixing of the day plus its carry to
   * expiration, INDEX + (days to expiration / N) × RATE% × INDEX (CME's Bitcoin futures, lead month, tier 3).
   */
  | {
      readonly kind: "DailyCarryFormula";
      readonly span: Span;
      readonly number: NumberLit | undefined;
      readonly index: Ident | undefined;
      /** The interest rate's series in the fixings (a percentage a year). */
      readonly rate: Ident | undefined;
      /** The days of the year the days to expiration are divided by. */
      readonly basis: NumberLit | undefined;
      readonly rounding: Rounding | undefined;
      readonly annotations: Annotations;
    }
  /** `lead month settlement plus vwap of spread trades from … to … ZONE, ROUNDING`. */
  | {
      readonly kind: "DailyLeadSpread";
      readonly span: Span;
      readonly number: NumberLit | undefined;
      readonly window: TimeWindow | undefined;
      readonly rounding: Rounding | undefined;
      readonly annotations: Annotations;
    };
/** `daily settlement { 1. vwap of trades from … 2. midpoint of bid and offer at … 3. carry forward the prior settlement }`. */
export interface DailySettlementStmt extends StatementBase {
  readonly kind: "DailySettlement";
  readonly steps: readonly DailyStep[];
}
/** `price limits 7%, 13%, 20% of the prior settlement` (or absolute quantities). */
export interface PriceLimitsStmt extends StatementBase {
  readonly kind: "PriceLimits";
  readonly limits: readonly (PercentLit | Quantity)[];
  /** `, rounded to the tick down`: how each percentage limit's width is rounded; absent when it is not. */
  readonly rounding?: Rounding;
  /** `, beyond the last limit clamped|flagged`: what a daily settlement price beyond the last limit becomes. */
  readonly breach?: Ident | undefined;
}
/**
 * `price limits dynamic 3.5% of the prior settlement within 60 minutes, halting 2 minutes, rounded to the tick down`:
 * CME's dynamic circuit breakers (a variant of the prior settlement, a rolling look-back window, a pause).
 */
export interface DynamicPriceLimitsStmt extends StatementBase {
  readonly kind: "DynamicPriceLimits";
  /** `dynamic` and `halting` (validated by the checker). */
  readonly dynamic: Ident | undefined;
  readonly percent: PercentLit | undefined;
  /** The look-back window. */
  readonly window: Duration | undefined;
  readonly halting: Ident | undefined;
  /** How long trading pauses. */
  readonly halt: Duration | undefined;
  readonly rounding?: Rounding;
}
/** `position limit 1000 contracts in the spot month` / `in all months`. */
export interface PositionLimitStmt extends StatementBase {
  readonly kind: "PositionLimit";
  readonly count: NumberLit | undefined;
  readonly scope: "spot-month" | "all-months" | "single-month";
  /** `aggregated with FOTI, FOTI_OPT`: the contracts whose positions count toward the limit; absent when none. */
  readonly aggregatedWith?: readonly Ident[];
}
/** `disruption if not-published by 17:00 Europe/London`, `disruption if stale for more than 30 minutes`. */
export interface DisruptionDecl extends NodeBase {
  readonly kind: "Disruption";
  readonly condition: Ident | undefined;
  readonly deadline: ZonedTime | undefined;
  readonly duration: Duration | undefined;
  readonly annotations: Annotations;
}
export type FallbackAction =
  | { readonly kind: "Postpone"; readonly span: Span; readonly days: NumberLit | undefined; readonly calendar: Ident | undefined }
  | { readonly kind: "AlternateIndex"; readonly span: Span; readonly index: Ident | undefined }
  | {
      readonly kind: "CarryForward";
      readonly span: Span;
      readonly flagged: boolean;
      readonly withinDays: NumberLit | undefined;
      /** `on CAL` after the look-back: the calendar that counts its business days. */
      readonly calendar: Ident | undefined;
    }
  | {
      readonly kind: "Determination";
      readonly span: Span;
      readonly party: Ident | undefined;
      /** `, within N business days [on CAL]`: by when the party must determine the value. */
      readonly deadline: FallbackDeadline | undefined;
    }
  /**
   * `poll 5 dealers, minimum 3 quotes, dropping 1 highest and 1 lowest, ROUNDING, within N business days`: the
   * mean of reference dealers' quotes (2005 ISDA Commodity Definitions §7.5(c)(i) Fallback Reference Dealers).
   */
  | {
      readonly kind: "DealerPoll";
      readonly span: Span;
      readonly dealers: NumberLit | undefined;
      readonly minimumQuotes: NumberLit | undefined;
      readonly dropHighest: NumberLit | undefined;
      readonly dropLowest: NumberLit | undefined;
      readonly rounding: Rounding | undefined;
      readonly deadline: FallbackDeadline | undefined;
    }
  /** `negotiated fallback, within N business days [on CAL]` (§7.5(c)(iii) Negotiated Fallback). */
  | { readonly kind: "NegotiatedFallback"; readonly span: Span; readonly deadline: FallbackDeadline | undefined }
  /** `exclude the day from the average, minimum N days`. */
  | { readonly kind: "ExcludeDay"; readonly span: Span; readonly minimumDays: NumberLit | undefined };
/** `within N business days [on CAL]` after a fallback step: the last day on which its value may be given. */
export interface FallbackDeadline {
  readonly kind: "FallbackDeadline";
  readonly span: Span;
  readonly days: NumberLit | undefined;
  readonly calendar: Ident | undefined;
}
/** `2. use index AITOK_OUT_ALT for cessation, not-published`. */
export interface FallbackStep extends NodeBase {
  readonly kind: "FallbackStep";
  readonly number: NumberLit | undefined;
  readonly action: FallbackAction | undefined;
  /** Disruptions this step handles; empty means all. */
  readonly only: readonly Ident[];
  readonly annotations: Annotations;
}
/** `fallback { disruption if … 1. postpone … 2. … }`. */
export interface FallbackStmt extends StatementBase {
  readonly kind: "Fallback";
  readonly disruptions: readonly DisruptionDecl[];
  readonly steps: readonly FallbackStep[];
}
/** `type call, put` (options). */
export interface OptionTypeStmt extends StatementBase {
  readonly kind: "OptionType";
  readonly rights: readonly Ident[];
}
/** `exercise european`. */
export interface ExerciseStmt extends StatementBase {
  readonly kind: "Exercise";
  readonly style: Ident | undefined;
}
/** `automatic exercise when in the money by at least 0.01 USD per 1M tokens`. */
export interface AutoExerciseStmt extends StatementBase {
  readonly kind: "AutoExercise";
  readonly threshold: Quantity | undefined;
}
/** `strikes every 0.05 USD per 1M tokens`. */
export interface StrikesStmt extends StatementBase {
  readonly kind: "Strikes";
  readonly step: Quantity | undefined;
}
/**
 * `strikes listed every 500 USD per BTC from 50% below to 50% above the prior settlement in the nearest 4 months`:
 * one tier of the strike listing schedule (CME's "500 point strike increments from 50% below to 50% above the ATM
 * strike price" for the "nearest four contract months").
 */
export interface StrikeListingStmt extends StatementBase {
  readonly kind: "StrikeListing";
  /** `listed` (validated by the checker). */
  readonly listed: Ident | undefined;
  readonly step: Quantity | undefined;
  readonly below: PercentLit | undefined;
  readonly above: PercentLit | undefined;
  /** `in the nearest N months`: `nearest` (validated by the checker) and N; absent, every listed month. */
  readonly nearest?: { readonly word: Ident | undefined; readonly months: NumberLit | undefined };
}
/** `leg buy 1 FOTI`, `leg sell 1 FOTI 1 month later, rounded to 0.01 half-even`. */
export interface LegStmt extends StatementBase {
  readonly kind: "Leg";
  readonly side: Ident | undefined;
  readonly ratio: NumberLit | undefined;
  readonly contract: Ident | undefined;
  readonly monthsLater: NumberLit | undefined;
  readonly rounding: Rounding | undefined;
}
/**
 * `leg prices from the prior daily settlement price of the near leg` (or `of the far leg`, `of leg N`): how a spread
 * trade's price becomes the prices of its legs. The anchor leg takes its prior daily settlement price; the other leg
 * the price that makes the legs' prices add up to the spread price (CME Globex: "sets the nearby-expiring futures
 * anchor leg to the prior day's settlement price").
 */
export interface LegPricingStmt extends StatementBase {
  readonly kind: "LegPricing";
  /** `the near leg` or `the far leg`: `near` or `far` (validated by the checker); absent for `leg N`. */
  readonly anchorWord: Ident | undefined;
  /** `leg N`: the anchor leg's place among the spread's legs, 1 for the first; absent for `the near|far leg`. */
  readonly anchorLeg: NumberLit | undefined;
}
/** `negative prices allowed`. */
export interface NegativePricesStmt extends StatementBase {
  readonly kind: "NegativePrices";
}
/** What a payment lag counts from. */
export type PaymentAnchor = "final-settlement-day" | "last-trading-day";
/** `payment 1 business day after the final settlement day on EUREX` (or `after the last trading day`). */
export interface PaymentStmt extends StatementBase {
  readonly kind: "Payment";
  readonly businessDays: NumberLit | undefined;
  readonly anchor: PaymentAnchor | undefined;
  readonly calendar: Ident | undefined;
}
/** `payment amounts rounded to 0.01 half-up`: the money a position pays or receives, rounded once. */
export interface PaymentAmountsStmt extends StatementBase {
  readonly kind: "PaymentAmounts";
  readonly rounding: Rounding | undefined;
}
/** A fixed word of a trading-hours phrase, read as an identifier and checked by the checker (`hours`, `break`, …). */
export interface FixedWord {
  readonly word: Ident;
  readonly expected: string;
}
/**
 * `trading hours Sunday to Friday 17:00 to 16:00 America/Chicago, with a break of 60 minutes each day beginning at
 * 16:00`, or `trading hours 24 hours a day, 7 days a week in America/Chicago` (then `days` is undefined).
 */
export interface TradingHoursStmt extends StatementBase {
  readonly kind: "TradingHours";
  readonly words: readonly FixedWord[];
  readonly days: { readonly from: Ident | undefined; readonly to: Ident | undefined } | undefined;
  readonly opens: TimeLit | undefined;
  readonly closes: TimeLit | undefined;
  /** The `24` and `7` of `24 hours a day, 7 days a week`. */
  readonly always: { readonly hours: NumberLit | undefined; readonly days: NumberLit | undefined } | undefined;
  readonly zone: ZoneRef | undefined;
  readonly breakMinutes: NumberLit | undefined;
  readonly breakBegins: TimeLit | undefined;
}
/**
 * A named day whose session closes early or does not take place: `early close "Christmas Eve" at 12:15 on 24
 * December`, `trading closed "Christmas Day" on 25 December, observed Saturday as Friday, Sunday as Monday`,
 * `early close "Day after Thanksgiving" at 12:45 on the day after the fourth Thursday of November`. The day is a
 * holiday date (the calendar's rule, with its years and observance); `closes` is undefined for a closed day.
 */
export interface SessionChangeStmt extends StatementBase {
  readonly kind: "SessionChange";
  readonly words: readonly FixedWord[];
  readonly name: StringLit | undefined;
  readonly closes: TimeLit | undefined;
  readonly shift: "before" | "after" | undefined;
  readonly date: HolidayDate | undefined;
  readonly fromYear: NumberLit | undefined;
  readonly untilYear: NumberLit | undefined;
  readonly exceptYears: readonly NumberLit[];
  readonly observance: Observance | undefined;
}
/** `index licence BTC_REF from "CF Benchmarks Ltd."`: the Exchange lists the contract under a licence to use the index. */
export interface IndexLicenceStmt extends StatementBase {
  readonly kind: "IndexLicence";
  readonly index: Ident | undefined;
  readonly licensor: StringLit | undefined;
}
/** `index disclaimer "…", "…"`: the index disclaimer of the chapter, one paragraph per string, in the author's words. */
export interface IndexDisclaimerStmt extends StatementBase {
  readonly kind: "IndexDisclaimer";
  readonly paragraphs: readonly StringLit[];
}
/**
 * `rule versions selected by the contract month` (or `by the last trading day`): which date of a contract period
 * selects the versions of all the contract's rules, whatever the date one asks on.
 */
export interface VersionsSelectedStmt extends StatementBase {
  readonly kind: "VersionsSelected";
  readonly key: "contract-month" | "last-trading-day" | "listing-date" | undefined;
}
/**
 * `fixings of INDEX on the tick` (a fixing off the contract's tick grid is refused) or `fixings of INDEX rounded to the
 * tick MODE` (each fixing is rounded to the tick before it is used): the index's fixings are prices of the contract.
 */
export interface FixingTickStmt extends StatementBase {
  readonly kind: "FixingTick";
  readonly index: Ident | undefined;
  /** Absent: on the tick (refused off it). */
  readonly rounding: Rounding | undefined;
}
export type ContractStatement =
  | UnderlyingStmt
  | ContractUnitStmt
  | QuotedStmt
  | TickStmt
  | ListingStmt
  | LastTradingDayStmt
  | ExpiryStmt
  | TerminationStmt
  | FinalSettlementStmt
  | DailySettlementStmt
  | PriceLimitsStmt
  | DynamicPriceLimitsStmt
  | PositionLimitStmt
  | FallbackStmt
  | OptionTypeStmt
  | ExerciseStmt
  | AutoExerciseStmt
  | StrikesStmt
  | StrikeListingStmt
  | LegStmt
  | LegPricingStmt
  | NegativePricesStmt
  | PaymentStmt
  | PaymentAmountsStmt
  | TradingHoursStmt
  | SessionChangeStmt
  | IndexLicenceStmt
  | IndexDisclaimerStmt
  | VersionsSelectedStmt
  | FixingTickStmt;
