/**
 * The abstract syntax tree of a .terms file: what the parser produces and the checker, the formatter and the
 * model lowering consume. Every node has a `kind` and an end-exclusive `span`. Trees produced from broken input
 * are partial: any child may be missing (undefined) after error recovery, and later stages must cope.
 * Literals keep their source text (`raw`) so the formatter can print them as the author wrote them.
 */
import type { Span } from "../base/source.js";

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

// ---------------------------------------------------------------------------------------------------------
// Files and declarations.

export interface FileNode extends NodeBase {
  readonly kind: "File";
  readonly imports: readonly ImportDecl[];
  readonly declarations: readonly Declaration[];
  /** Unit declarations (`unit point "index point"`), in source order; absent when the file declares none. */
  readonly units?: readonly UnitDecl[];
}

/**
 * `unit point "index point"` or `unit SOL "Solana" is an asset`: a unit word the file's units may use. `kind`
 * holds the words after `is` as written (`an asset`); the checker accepts only those.
 */
export interface UnitDecl extends NodeBase {
  readonly kind: "UnitDecl";
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly title: StringLit | undefined;
  /** The words after `is`, when present. */
  readonly is: readonly Ident[] | undefined;
}

/** `import "calendars/nyse.terms"` or `import NYSE, TARGET from "calendars/std.terms"`. */
export interface ImportDecl extends NodeBase {
  readonly kind: "Import";
  readonly names: readonly Ident[];
  readonly path: StringLit | undefined;
}

export type DeclarationKind = "calendar" | "index" | "future" | "option" | "spread";

interface DeclBase<K extends string, S> extends NodeBase {
  readonly kind: K;
  readonly keyword: Span;
  readonly name: Ident | undefined;
  readonly title: StringLit | undefined;
  readonly annotations: Annotations;
  readonly statements: readonly S[];
  /** Span of the closing brace, if present. */
  readonly close: Span | undefined;
}

/** Statements are parsed with one grammar everywhere; which ones a declaration allows is the checker's concern. */
export type CalendarDecl = DeclBase<"Calendar", Statement>;
export type IndexDecl = DeclBase<"Index", Statement>;
export type FutureDecl = DeclBase<"Future", Statement>;
export type OptionDecl = DeclBase<"Option", Statement>;
export type SpreadDecl = DeclBase<"Spread", Statement>;
export type Declaration = CalendarDecl | IndexDecl | FutureDecl | OptionDecl | SpreadDecl;

/** Common shape of every statement: its own annotations follow it in the source. */
export interface StatementBase extends NodeBase {
  readonly annotations: Annotations;
}

// ---------------------------------------------------------------------------------------------------------
// Calendar statements.

/** `time zone America/New_York` (calendars, and anywhere a default zone is useful). */
export interface TimeZoneStmt extends StatementBase {
  readonly kind: "TimeZone";
  readonly zone: ZoneRef | undefined;
}
/** `weekend Saturday, Sunday`. */
export interface WeekendStmt extends StatementBase {
  readonly kind: "Weekend";
  readonly days: readonly Ident[];
}
/** `holiday "Good Friday" on 2 days before Easter from 1990 except in 2001, observed Saturday as Friday`. */
export interface HolidayStmt extends StatementBase {
  readonly kind: "Holiday";
  readonly name: StringLit | undefined;
  readonly date: HolidayDate | undefined;
  readonly fromYear: NumberLit | undefined;
  readonly untilYear: NumberLit | undefined;
  readonly exceptYears: readonly NumberLit[];
  readonly observance: Observance | undefined;
}
export type HolidayDate =
  | { readonly kind: "FixedDate"; readonly span: Span; readonly day: NumberLit | undefined; readonly month: Ident | undefined }
  | {
      readonly kind: "NthWeekday";
      readonly span: Span;
      /** An ordinal word (first..fifth) or `last`. */
      readonly ordinal: Ident;
      readonly weekday: Ident | undefined;
      readonly month: Ident | undefined;
    }
  | {
      readonly kind: "EasterRelative";
      readonly span: Span;
      /** Signed days relative to Easter Sunday: `2 days before Easter` is -2. */
      readonly offset: NumberLit | undefined;
      readonly direction: "before" | "after" | "on";
    }
  | { readonly kind: "OneOff"; readonly span: Span; readonly dates: readonly DateLit[] };
/** `observed Saturday as Friday, Sunday as Monday`, or `observed on the next weekday` (a substitute day). */
export type Observance =
  | {
      readonly kind: "ShiftObservance";
      readonly span: Span;
      readonly shifts: readonly { readonly from: Ident | undefined; readonly to: Ident | undefined; readonly span: Span }[];
    }
  | { readonly kind: "SubstituteObservance"; readonly span: Span };
/** `business day in all of NYSE, ENGLAND_WALES` or `in any of`. */
export interface JointStmt extends StatementBase {
  readonly kind: "Joint";
  readonly mode: "all" | "any";
  readonly calendars: readonly Ident[];
}
/** `based on US_FEDERAL`: includes every holiday of the named calendars. */
export interface BasedOnStmt extends StatementBase {
  readonly kind: "BasedOn";
  readonly calendars: readonly Ident[];
}
export type CalendarStatement = TimeZoneStmt | WeekendStmt | HolidayStmt | JointStmt | BasedOnStmt;

// ---------------------------------------------------------------------------------------------------------
// Index statements.

export interface AdministratorStmt extends StatementBase {
  readonly kind: "Administrator";
  readonly name: StringLit | undefined;
}
/** `quoted in USD per 1M tokens` (index), `price quoted in …` (contracts), or inside a source (its own unit). */
export interface QuotedStmt extends StatementBase {
  readonly kind: "Quoted";
  readonly unit: UnitExpr | undefined;
}
/** `methodology version "2.1"`, versioned by its `effective` annotation. */
export interface MethodologyStmt extends StatementBase {
  readonly kind: "Methodology";
  readonly version: StringLit | undefined;
}
/** `source OPENAI "OpenAI API list price" { models "gpt-5", "gpt-4.1" … }`. */
export interface SourceStmt extends StatementBase {
  readonly kind: "Source";
  readonly name: Ident | undefined;
  readonly title: StringLit | undefined;
  readonly statements: readonly Statement[];
}
/** `models "a", "b"` or `instruments "BTC-USD"`: acceptable products in priority order. */
export interface PriorityListStmt extends StatementBase {
  readonly kind: "PriorityList";
  readonly list: "models" | "instruments";
  readonly items: readonly StringLit[];
}
export interface WeightStmt extends StatementBase {
  readonly kind: "Weight";
  readonly weight: NumberLit | undefined;
}
/** `blend input 1, output 3`: token-mix weights for normalisation. */
export interface BlendStmt extends StatementBase {
  readonly kind: "Blend";
  readonly parts: readonly { readonly name: Ident | undefined; readonly weight: NumberLit | undefined; readonly span: Span }[];
}
export type SourceStatement = QuotedStmt | PriorityListStmt | WeightStmt | BlendStmt;

/** `from 15:00 inclusive to 16:00 exclusive Europe/London`. */
export interface TimeWindow extends NodeBase {
  readonly kind: "TimeWindow";
  readonly from: TimeLit | undefined;
  readonly fromBound: "inclusive" | "exclusive" | undefined;
  readonly to: TimeLit | undefined;
  readonly toBound: "inclusive" | "exclusive" | undefined;
  readonly zone: ZoneRef | undefined;
  /** `from 23:00 on the previous day …`: the word before `day` (the checker accepts `previous`); absent otherwise. */
  readonly fromDay?: Ident | undefined;
}
/** `window from 15:00 inclusive to 16:00 exclusive Europe/London` (optionally `and from …` further pieces). */
export interface WindowStmt extends StatementBase {
  readonly kind: "Window";
  readonly window: TimeWindow | undefined;
  /** `… and from 23:00 inclusive to 24:00 exclusive ZONE`: the further pieces of a window of several (absent: one). */
  readonly also?: readonly TimeWindow[];
}
/** `partition into 12 intervals of 5 minutes`. */
export interface PartitionStmt extends StatementBase {
  readonly kind: "Partition";
  readonly count: NumberLit | undefined;
  readonly length: Duration | undefined;
}
/** `empty intervals skip` / `empty intervals fail`. */
export interface EmptyIntervalsStmt extends StatementBase {
  readonly kind: "EmptyIntervals";
  readonly policy: Ident | undefined;
}
/**
 * `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`: the index is sampled at a fixed
 * interval across its window; each source's latest price is held for up to the holding time.
 */
export interface SampleStmt extends StatementBase {
  readonly kind: "Sample";
  readonly every: Duration | undefined;
  /** The word `held` (an identifier to the parser, checked by the checker). */
  readonly held: Ident | undefined;
  readonly hold: Duration | undefined;
  readonly policy: Ident | undefined;
}
/** An aggregation method with its options: `volume-weighted-median, exact half first-reaching`. */
export interface Method extends NodeBase {
  readonly kind: "Method";
  readonly name: Ident | undefined;
  readonly options: readonly MethodOption[];
}
export type MethodOption =
  | { readonly kind: "ExactHalf"; readonly span: Span; readonly convention: Ident | undefined }
  | { readonly kind: "Trim"; readonly span: Span; readonly highest: NumberLit | undefined; readonly lowest: NumberLit | undefined }
  | { readonly kind: "Cap"; readonly span: Span; readonly percent: PercentLit | undefined }
  | { readonly kind: "WeightedBy"; readonly span: Span; readonly basis: Ident | undefined };
/** `aggregate trades by vwap`, `aggregate intervals by mean`, `aggregate sources by median`. */
export interface AggregateStmt extends StatementBase {
  readonly kind: "Aggregate";
  readonly level: "trades" | "intervals" | "sources" | "samples";
  readonly method: Method | undefined;
}
/** `exclude sources deviating more than 5% from the median of the others`. */
export interface ExcludeDeviationStmt extends StatementBase {
  readonly kind: "ExcludeDeviation";
  readonly percent: PercentLit | undefined;
}
/** `exclude sources stale for more than 30 minutes`. */
export interface ExcludeStaleStmt extends StatementBase {
  readonly kind: "ExcludeStale";
  readonly duration: Duration | undefined;
}
/** `minimum sources 3`, `minimum trades 1 per interval`. */
export interface MinimumStmt extends StatementBase {
  readonly kind: "Minimum";
  readonly what: "sources" | "trades";
  readonly count: NumberLit | undefined;
  readonly perInterval: boolean;
}
/** `with 5 or more sources use trimmed-mean, dropping 1 highest and 1 lowest` / `with 3 to 4 sources use mean`. */
export interface DegradationStmt extends StatementBase {
  readonly kind: "Degradation";
  readonly min: NumberLit | undefined;
  /** Undefined with `or more`; equal to min when a single count is given. */
  readonly max: NumberLit | undefined;
  readonly orMore: boolean;
  readonly method: Method | undefined;
}
/** `extreme moves above 20% from the prior value held` — the action is `flagged` or `held` (for review). */
export interface ExtremeMovesStmt extends StatementBase {
  readonly kind: "ExtremeMoves";
  readonly percent: PercentLit | undefined;
  readonly action: Ident | undefined;
}
/** `round to 0.01 half-even` or `unrounded`. */
export interface RoundStmt extends StatementBase {
  readonly kind: "Round";
  readonly rounding: Rounding | undefined;
}
/** `publish every calendar day at 16:00 Europe/London` or `publish on business days of NYSE at …`. */
export interface PublishStmt extends StatementBase {
  readonly kind: "Publish";
  /** Undefined for every calendar day. */
  readonly calendar: Ident | undefined;
  readonly everyDay: boolean;
  readonly at: ZonedTime | undefined;
}
/**
 * `restate never`, `restate same day if change exceeds 0.10%`, or a restatement window: `restate until 10:00
 * Europe/London on the next business day [if change exceeds 0.10%]` (`on the same day` for the fixing date).
 */
export interface RestateStmt extends StatementBase {
  readonly kind: "Restate";
  readonly never: boolean;
  readonly threshold: PercentLit | undefined;
  /** The deadline of a restatement window and the day it falls on (absent for `never` and `same day`). */
  readonly until?: { readonly at: ZonedTime | undefined; readonly day: "same" | "next-business"; readonly span: Span };
}
export type IndexStatement =
  | AdministratorStmt
  | QuotedStmt
  | MethodologyStmt
  | SourceStmt
  | WindowStmt
  | PartitionStmt
  | EmptyIntervalsStmt
  | AggregateStmt
  | ExcludeDeviationStmt
  | ExcludeStaleStmt
  | MinimumStmt
  | DegradationStmt
  | ExtremeMovesStmt
  | RoundStmt
  | PublishStmt
  | RestateStmt
  | SampleStmt;

// ---------------------------------------------------------------------------------------------------------
// Contract statements (future, option, spread); which ones a declaration allows is the checker's concern.

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
  readonly calendar: Ident | undefined;
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
/** `position limit 1000 contracts in the spot month` / `in all months`. */
export interface PositionLimitStmt extends StatementBase {
  readonly kind: "PositionLimit";
  readonly count: NumberLit | undefined;
  readonly scope: "spot-month" | "all-months" | "single-month";
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
  | { readonly kind: "Determination"; readonly span: Span; readonly party: Ident | undefined }
  /** `exclude the day from the average, minimum N days`. */
  | { readonly kind: "ExcludeDay"; readonly span: Span; readonly minimumDays: NumberLit | undefined };
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
/** `leg buy 1 FOTI`, `leg sell 1 FOTI 1 month later, rounded to 0.01 half-even`. */
export interface LegStmt extends StatementBase {
  readonly kind: "Leg";
  readonly side: Ident | undefined;
  readonly ratio: NumberLit | undefined;
  readonly contract: Ident | undefined;
  readonly monthsLater: NumberLit | undefined;
  readonly rounding: Rounding | undefined;
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
  | PositionLimitStmt
  | FallbackStmt
  | OptionTypeStmt
  | ExerciseStmt
  | AutoExerciseStmt
  | StrikesStmt
  | LegStmt
  | NegativePricesStmt
  | PaymentStmt
  | PaymentAmountsStmt
  | TradingHoursStmt
  | SessionChangeStmt
  | IndexLicenceStmt
  | IndexDisclaimerStmt;

export type Statement = CalendarStatement | IndexStatement | ContractStatement | SourceStatement;
