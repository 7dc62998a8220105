/**
 * The compiled spec as the runtime reads it: one description of the document `termsheet build` writes and `loadSpec` returns
 * (docs/spec-format.md), as plain readonly types. The loader, the schedule, the settlement engine and functions, the diff and
 * the settlement-module generator all read this description; the model's zod schemas (src/model/), which validate a document
 * and generate its JSON Schema, are checked against it at compile time (src/model/spec-agreement.ts), so a field renamed on
 * either side is a compile error everywhere. Types only: the runtime depends on neither zod nor the compiler.
 *
 * Every rule of a declaration is a list of clauses with effective ranges (runtime/versions.ts chooses among them):
 * `Versions<T>` lists versions of one rule (at most one in force on a date), `Rules<T>` rules that all apply. Decimals are
 * canonical strings (`DecimalString`), dates ISO `YYYY-MM-DD`, times `HH:MM:SS` with an IANA zone.
 */
import type {
  BusinessDayConvention,
  BusinessDayShift,
  DateAnchor,
  HolidayDate,
  JointCalendars,
  NoObservance,
  SubstituteObservance,
} from "./calendar/index.js";
import type { RoundingMode } from "./numbers/decimal.js";
import type { StrikeTier } from "./strikes.js";

export type { BusinessDayConvention, DateAnchor, HolidayDate, JointCalendars, RoundingMode };

// ---------------------------------------------------------------------------------------------------------
// Building blocks.

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

// ---------------------------------------------------------------------------------------------------------
// Calendars (the runtime calendar model with every default explicit).

/** How a holiday falling on a weekend is observed; shifts are explicit. */
export type Observance =
  | NoObservance
  | { readonly kind: "shift"; readonly saturday: "friday" | "monday" | "none"; readonly sunday: "monday" | "friday" | "none" }
  | SubstituteObservance;

/** One named holiday rule. */
export interface HolidayRule {
  readonly name: string;
  readonly date: HolidayDate;
  readonly observance: Observance;
  /** First year (inclusive) the rule applies, by the year of the unobserved date; absent: no first year. */
  readonly fromYear?: number;
  /** Last year (inclusive); absent: no last year. */
  readonly untilYear?: number;
  readonly exceptYears: readonly number[];
  readonly descriptions: readonly string[];
  readonly clauses: readonly string[];
}

/** A business-day calendar, as the runtime engine reads it. */
export interface Calendar extends DeclarationAnnotations {
  readonly kind: "calendar";
  readonly name: string;
  readonly timeZone: string;
  /** ISO weekdays that are never business days, ascending. */
  readonly weekend: readonly number[];
  readonly holidays: readonly HolidayRule[];
  readonly basedOn: readonly string[];
  readonly joint?: JointCalendars;
}

/** A day relative to a contract month: the anchor in the offset month, then the shift, then the convention. */
export interface DateRule {
  readonly anchor: DateAnchor;
  readonly monthOffset: number;
  readonly shift: BusinessDayShift;
  readonly convention: BusinessDayConvention;
  readonly calendar: string;
}

/** A day relative to a contract week. */
export interface WeeklyDateRule {
  readonly weekday: number;
  readonly shift: BusinessDayShift;
  readonly convention: BusinessDayConvention;
  readonly calendar: string;
  /** `not listed when not a business day`: no contract for a week whose weekday is not a business day. */
  readonly whenNotBusinessDay?: "not-listed";
}

// ---------------------------------------------------------------------------------------------------------
// Indices.

/** An aggregation method with every option explicit (null when it does not apply). */
export interface AggregationMethod {
  readonly name: "median" | "mean" | "vwap" | "vtwap" | "volume-weighted-median" | "trimmed-mean" | "capped-median" | "weighted-mean";
  readonly exactHalf: "first-reaching-half" | "mean-of-straddling" | null;
  readonly trim: { readonly highest: number; readonly lowest: number } | null;
  readonly capPercent: DecimalString | null;
  readonly weightedBy: "volume" | "expenditure" | "fixed" | null;
}

/** An aggregation method's name. */
export type AggregationName = AggregationMethod["name"];

/** A constituent source of an index. */
export interface Source {
  readonly name: string;
  readonly title: string | null;
  readonly quoted: Versions<Unit>;
  /** Acceptable models in priority order. */
  readonly models: Versions<readonly string[]>;
  /** Acceptable instruments in priority order. */
  readonly instruments: Versions<readonly string[]>;
  readonly weight: Versions<DecimalString>;
  /** Token-mix weights that normalise the source's prices. */
  readonly blend: Versions<readonly { readonly part: string; readonly weight: DecimalString }[]>;
}

/** With between minSources and maxSources (inclusive; null: no bound) eligible sources, this method. */
export interface Degradation {
  readonly minSources: number;
  readonly maxSources: number | null;
  readonly method: AggregationMethod;
}

/** Whether and when a published value is restated. */
export type Restatement =
  | { readonly kind: "never" }
  | { readonly kind: "same-day"; readonly thresholdPercent: DecimalString }
  | {
      readonly kind: "until";
      /** The last instant a correction is taken ("until 10:00 on the next business day"), in the zone that decides the day. */
      readonly deadline: ZonedTime;
      /** The fixing date, or the next publication day after it. */
      readonly day: "same" | "next-business";
      /** Only a correction that changes the value by more than this is applied; null: any correction. */
      readonly thresholdPercent: DecimalString | null;
    };

/** An index methodology, fully resolved. */
export interface Index extends DeclarationAnnotations {
  readonly kind: "index";
  readonly name: string;
  readonly timeZone: Versions<string>;
  readonly administrator: Versions<string>;
  readonly quoted: Versions<Unit>;
  readonly methodology: Versions<{ readonly version: string }>;
  readonly sources: Rules<Source>;
  readonly window: Versions<IndexWindow>;
  readonly partition: Versions<{ readonly count: number; readonly length: Duration }>;
  readonly emptyIntervals: Versions<"skip" | "fail">;
  readonly aggregateTrades: Versions<AggregationMethod>;
  readonly aggregateIntervals: Versions<AggregationMethod>;
  readonly aggregateSources: Versions<AggregationMethod>;
  readonly excludeDeviation: Versions<{ readonly percent: DecimalString }>;
  readonly excludeStale: Versions<Duration>;
  readonly minimumSources: Versions<number>;
  readonly minimumTrades: Versions<{ readonly count: number; readonly perInterval: boolean }>;
  readonly degradation: Rules<Degradation>;
  readonly extremeMoves: Versions<{ readonly percent: DecimalString; readonly action: "flagged" | "held" }>;
  readonly rounding: Versions<Rounding>;
  readonly publication: Versions<{ readonly calendar: string | null; readonly at: ZonedTime }>;
  readonly restatement: Versions<Restatement>;
  /** Sampling at a fixed interval across the window, each source's latest price held up to `hold` (absent: not sampled). */
  readonly sampling?: Versions<Sampling>;
  /** How the sample values are combined (absent: not sampled). */
  readonly aggregateSamples?: Versions<AggregationMethod>;
  /** A value fixed from fewer eligible sources than this is published flagged (absent: no such rule). */
  readonly flagBelowSources?: Versions<number>;
  /** Trade qualification: a trade with a volume below this does not qualify (absent: no such rule). */
  readonly excludeTradesBelow?: Versions<{ readonly volume: DecimalString }>;
  /** Trade qualification: a jump of more than this from the source's previous qualifying trade (absent: no such rule). */
  readonly excludeTradeJumps?: Versions<{ readonly percent: DecimalString }>;
  /** Trade qualification on named fields of the record: every rule in force applies (absent: no such rule). */
  readonly excludeTradesWhere?: Rules<TradeFilter>;
}

/**
 * A trade qualification rule on a named field of the observation record (runtime/market-data/record.ts): a trade
 * whose `flags` hold the flag, whose `type` is the type, or whose `reversed_at` is at most `within` after its time.
 */
export type TradeFilter =
  | { readonly kind: "flagged"; readonly flag: string }
  | { readonly kind: "type"; readonly type: string }
  | { readonly kind: "reversed-within"; readonly within: Duration };

/** `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`. */
export interface Sampling {
  readonly every: Duration;
  readonly hold: Duration;
  readonly empty: "skip" | "fail";
}

// ---------------------------------------------------------------------------------------------------------
// Contracts.

/** The index or future a contract is written on. */
export interface Underlying {
  readonly kind: "index" | "future";
  readonly name: string;
}

/** The size of one contract: an amount of a unit, or a number of contracts of another contract. */
export type ContractUnit =
  | { readonly kind: "quantity"; readonly quantity: Quantity }
  | { readonly kind: "contracts"; readonly amount: DecimalString; readonly contract: string };

/** One tier of a tick table: the tick and the prices it applies to (null: every price). */
export interface TickTier {
  readonly tick: Quantity;
  readonly bound: { readonly relation: "at-or-below" | "above"; readonly price: DecimalString } | null;
}

/** A tick: one tier, or tiers in ascending price order. */
export type Tick = readonly TickTier[];

/**
 * A part of a listing cycle: `N consecutive months|weeks`; `next-in`, the N nearest months of a set from the front
 * period (`the nearest N months in …`); `additional`, the N months of a set after the latest month the earlier parts
 * list (`N additional months in …`); `listed-at`, when new contracts are listed.
 */
export type ListingPart =
  | { readonly kind: "consecutive"; readonly count: number; readonly period: "months" | "weeks" }
  | { readonly kind: "next-in"; readonly count: number; readonly months: readonly number[] }
  | { readonly kind: "additional"; readonly count: number; readonly months: readonly number[] }
  /**
   * `when the December contract expires, June, December 2 years later`: when the contract of month `expiring` of a year expires,
   * the contracts of `months` of the year `yearsLater` after it are listed (each until it expires).
   */
  | { readonly kind: "on-expiry"; readonly expiring: number; readonly months: readonly number[]; readonly yearsLater: number }
  /**
   * When new contracts are listed (`new contracts listed every Thursday at 18:00 America/New_York`), the last part of a
   * cycle: a period the other parts add on a day is listed from the latest such instant before that day starts.
   */
  | { readonly kind: "listed-at"; readonly weekday: number; readonly at: ZonedTime };

/** A last trading day: a monthly date rule or a weekly one. */
export type ContractDateRule =
  { readonly kind: "monthly"; readonly rule: DateRule } | { readonly kind: "weekly"; readonly rule: WeeklyDateRule };

/** The days a final settlement averages over. */
export type AveragingDays =
  | { readonly kind: "every-business-day"; readonly calendar: string }
  | { readonly kind: "last-business-days"; readonly count: number; readonly calendar: string };

/** What a final settlement pays against. */
export type SettlementValue =
  | { readonly kind: "index-at"; readonly index: string; readonly at: ZonedTime }
  | { readonly kind: "index-average"; readonly index: string; readonly at: ZonedTime; readonly days: AveragingDays }
  | { readonly kind: "underlying-final"; readonly contract: string }
  /** The VWAP of the trades in the future (same contract period) in the window on the last trading day. */
  | { readonly kind: "future-vwap"; readonly contract: string; readonly window: TimeWindow }
  | { readonly kind: "leg-by-leg" };

/** The final settlement of a contract. */
export interface FinalSettlement {
  /**
   * `cash`: paid in cash at the value. `futures`: an option on a future, exercised into a position in the expiring
   * future at the strike (long for a call, short for a put), which settles at the future's final settlement price.
   */
  readonly method: "cash" | "futures";
  readonly value: SettlementValue;
  readonly rounding: Rounding;
}

/** One step of the daily settlement procedure, tried in order. */
export type DailyStep =
  | (StepAnnotations & {
      readonly kind: "vwap";
      readonly window: TimeWindow;
      readonly rounding: Rounding;
      /** `if more than N trades`: the step gives a price only when the window holds more than N trades. */
      readonly moreThanTrades?: number;
    })
  | (StepAnnotations & { readonly kind: "midpoint"; readonly at: ZonedTime; readonly rounding: Rounding })
  | (StepAnnotations & { readonly kind: "period-midpoint"; readonly window: TimeWindow; readonly rounding: Rounding })
  | (StepAnnotations & { readonly kind: "carry-forward" })
  /** A deferred month: its prior settlement plus the preceding month's net change today (settled in a strip). */
  | (StepAnnotations & { readonly kind: "net-change" })
  /**
   * A deferred month: the lead month's settlement plus the VWAP of the calendar spread between the lead month and
   * this month (priced as this month less the lead month) in a window, rounded (settled in a strip).
   */
  | (StepAnnotations & { readonly kind: "lead-spread"; readonly window: TimeWindow; readonly rounding: Rounding })
  /**
   * The carry of a reference rate to expiration: INDEX + (days to expiration / daysInYear) × rate% × INDEX, the
   * index's fixing of the settlement date and the rate's (a percentage a year) from the fixings, rounded.
   */
  | (StepAnnotations & {
      readonly kind: "carry-formula";
      readonly index: string;
      readonly rate: { readonly name: string; readonly source: "fixings" };
      readonly daysInYear: 360 | 365;
      readonly rounding: Rounding;
    });

/** A price limit from the prior settlement. */
export type PriceLimit =
  | {
      readonly kind: "percent";
      readonly percent: DecimalString;
      /**
       * How the limit's width (the percentage of the prior settlement) is rounded before it is added to and taken from
       * the prior (`, rounded to the tick down`); absent when it is not rounded.
       */
      readonly rounding?: Rounding;
    }
  | { readonly kind: "absolute"; readonly amount: Quantity };

/** A kind of disruption. */
export type DisruptionKind = "not-published" | "too-few-sources" | "stale" | "ceased" | "methodology-changed" | "holiday";

/** A declared disruption event. */
export interface Disruption extends StepAnnotations {
  readonly condition: DisruptionKind;
  /** For not-published: the time by which the value must be published. */
  readonly deadline: ZonedTime | null;
  /** For stale: how old the data may be. */
  readonly duration: Duration | null;
}

/** What a fallback step does. */
export type FallbackAction =
  | { readonly kind: "postpone"; readonly businessDays: number; readonly calendar: string }
  | { readonly kind: "alternate-index"; readonly index: string }
  | {
      readonly kind: "carry-forward";
      readonly flagged: boolean;
      readonly withinBusinessDays: number | null;
      /** The calendar counting the look-back (`on CAL`); absent: the publication calendar of the index. */
      readonly calendar?: string;
    }
  | { readonly kind: "determination"; readonly party: "exchange" | "calculation-agent" }
  /** An averaging day without a value is left out of the average while at least `minimumDays` days remain in it. */
  | { readonly kind: "exclude-day"; readonly minimumDays: number };

/** One step of a fallback waterfall. */
export interface FallbackStep extends StepAnnotations {
  readonly action: FallbackAction;
  /** The disruptions this step handles; null: every disruption. */
  readonly only: readonly DisruptionKind[] | null;
}

/** A fallback waterfall: steps tried in order, the first that produces a value wins. */
export interface Fallback {
  readonly disruptions: readonly Disruption[];
  readonly steps: readonly FallbackStep[];
}

/** The most contracts one holder may hold; `aggregatedWith`: the contracts whose positions count toward it too (absent: none). */
export interface PositionLimit {
  readonly count: number;
  readonly scope: "spot-month" | "all-months" | "single-month";
  readonly aggregatedWith?: readonly string[];
}

/** An option's expiry relative to its underlying future. */
export type Expiry =
  { readonly kind: "with-underlying" } | { readonly kind: "before-underlying"; readonly businessDays: number; readonly calendar: string };

/** When the cash of a final settlement is paid: business days after the final settlement day or the last trading day. */
export interface Payment {
  readonly businessDays: number;
  readonly after: "final-settlement-day" | "last-trading-day";
  readonly calendar: string;
}

/** How payment amounts (a position's variation) are rounded: an increment of money and a mode. */
export interface CashRounding {
  readonly increment: DecimalString;
  readonly mode: RoundingMode;
}

/** The licence under which the Exchange lists a contract: the index it may use and who licenses it. */
export interface IndexLicence {
  readonly index: string;
  readonly licensor: string;
}

/** `fixings of INDEX on the tick` (mode null: refused off the grid) or `… rounded to the tick MODE`. */
export interface FixingTick {
  readonly index: string;
  readonly mode: RoundingMode | null;
}

/** A spread leg. */
export interface Leg {
  readonly side: "buy" | "sell";
  readonly ratio: DecimalString;
  readonly contract: string;
  /** Contract months after the spread's contract month: 0 is the same month. */
  readonly monthsLater: number;
  /** The leg's own rounding, or null when the leg settles as its contract. */
  readonly rounding: Rounding | null;
}

/** The clauses every kind of contract states. */
export interface ContractClauses extends DeclarationAnnotations {
  readonly name: string;
  readonly timeZone: Versions<string>;
  readonly contractUnit: Versions<ContractUnit>;
  readonly priceQuotation: Versions<Unit>;
  readonly tick: Versions<Tick>;
  readonly listing: Versions<readonly ListingPart[]>;
  /** Chosen by the first day of the contract period. */
  readonly lastTradingDay: Versions<ContractDateRule>;
  readonly termination: Versions<ZonedTime>;
  readonly finalSettlement: Versions<FinalSettlement>;
  readonly dailySettlement: Versions<readonly DailyStep[]>;
  readonly priceLimits: Versions<readonly PriceLimit[]>;
  readonly positionLimits: Rules<PositionLimit>;
  readonly fallback: Versions<Fallback>;
  /** When the final settlement is paid; absent when the contract does not say. */
  readonly payment?: Versions<Payment>;
  /** How payment amounts are rounded; absent when the contract does not say (amounts are exact). */
  readonly cashRounding?: Versions<CashRounding>;
  /** When the product trades: weekly sessions with a daily break, or around the clock; absent when the contract does not say. */
  readonly tradingHours?: Versions<TradingHours>;
  /** Named days whose session closes early or does not take place; absent when there are none. */
  readonly sessionChanges?: Rules<SessionChange>;
  /**
   * What a daily settlement price beyond the last price limit becomes (`, beyond the last limit clamped|flagged`):
   * `clamp` settles at the limit it crossed, `flag` settles as computed and flags it; absent when not stated.
   */
  readonly priceLimitBreach?: Versions<"clamp" | "flag">;
  /** The fixings of the index the contract settles on lie on its tick grid; absent when the contract does not say. */
  readonly fixingTick?: Versions<FixingTick>;
  /** The licence to use the index the contract settles on; absent when the contract does not state one. */
  readonly indexLicence?: Versions<IndexLicence>;
  /** The index disclaimer, one paragraph per string, in the author's words; absent when the contract states none. */
  readonly indexDisclaimer?: Versions<readonly string[]>;
  /**
   * Which date of a contract period selects the versions of all its rules (`rule versions selected by the contract
   * month`, `… by the last trading day`), whatever the date one asks on; absent: each rule's event date, or the as-of
   * date of the question (runtime/versions.ts's `selectionDate`). One clause, always in force.
   */
  readonly versionsSelectedBy?: Versions<VersionKey>;
}

/** What selects the versions of a contract's rules for one period: its first day, last trading day or listing date. */
export type VersionKey = "contract-month" | "last-trading-day" | "listing-date";

/**
 * Trading hours in a zone: a weekly window from a weekday and time to a weekday and time (`Sunday to Friday 17:00
 * to 16:00`), or around the clock when `week` is absent; a daily break of some minutes beginning at a time.
 */
export interface TradingHours {
  readonly zone: string;
  readonly week?: { readonly opensOn: number; readonly opens: string; readonly closesOn: number; readonly closes: string };
  readonly dailyBreak?: { readonly begins: string; readonly minutes: number };
}

/**
 * A named day whose session (the one that closes on that day, in the trading hours' zone) closes early at `closes`,
 * or does not take place (`closes` null). The day is a holiday rule, shifted by `shiftDays` (the day before or after).
 */
export interface SessionChange {
  readonly day: HolidayRule;
  readonly shiftDays: number;
  readonly closes: string | null;
}

/** A length of time on the clock. */
export interface ClockDuration {
  readonly amount: string;
  readonly unit: "seconds" | "minutes" | "hours";
}

/** Dynamic price limits as a spec states them (`price limits dynamic 3.5% of the prior settlement within 60 minutes, …`). */
export interface DynamicLimit {
  /** The variant as a percentage of the prior settlement (`3.5` is 3.5%). */
  readonly percent: string;
  /** The look-back window. */
  readonly window: ClockDuration;
  /** How long trading pauses after a trigger. */
  readonly halt: ClockDuration;
  /** How the variant is rounded (CME: to the tick, down); `unrounded`: exact. */
  readonly rounding:
    | { readonly kind: "increment"; readonly increment: string; readonly mode: RoundingMode }
    | { readonly kind: "tick"; readonly mode: RoundingMode }
    | { readonly kind: "unrounded" };
}

/** A future. */
export interface Future extends ContractClauses {
  readonly kind: "future";
  readonly underlying: Versions<Underlying>;
  readonly spreadTick: Versions<Tick>;
  /** Whether prices may be zero or negative. */
  readonly negativePrices: Versions<boolean>;
  /** Dynamic circuit breakers (engine/circuit-breakers.ts); absent in older specs. */
  readonly dynamicPriceLimits?: Versions<DynamicLimit>;
}

/** An option. */
export interface Option extends ContractClauses {
  readonly kind: "option";
  readonly underlying: Versions<Underlying>;
  readonly rights: Versions<readonly ("call" | "put")[]>;
  readonly exercise: Versions<"european">;
  /** Exercised automatically when in the money by at least this amount. */
  readonly automaticExercise: Versions<Quantity>;
  /** The strike grid's step. */
  readonly strikes: Versions<Quantity>;
  readonly premiumTick: Versions<Tick>;
  readonly expiry: Versions<Expiry>;
  /** The strike listing schedule's tiers, all in force on their dates (runtime/strikes.ts); absent in older specs. */
  readonly strikeListing?: Rules<StrikeTier>;
}

/** A spread. */
export interface Spread extends ContractClauses {
  readonly kind: "spread";
  readonly legs: Rules<Leg>;
  readonly spreadTick: Versions<Tick>;
  readonly negativePrices: Versions<boolean>;
}

/** Any contract. */
export type Contract = Future | Option | Spread;

/** The fields of a contract of one kind that others lack. */
type OwnFields<C extends Contract> = Omit<C, keyof ContractClauses | "kind">;

/**
 * Any contract seen through every kind's fields at once, those of other kinds absent: how code that reads a field
 * whatever the kind (the settlement functions, the terms in force) sees a contract. Every `Contract` is one.
 */
export type AnyContract = ContractClauses & { readonly kind: Contract["kind"] } & Partial<OwnFields<Future>> &
  Partial<OwnFields<Option>> &
  Partial<OwnFields<Spread>>;

// ---------------------------------------------------------------------------------------------------------
// The document.

/** The declaration a spec is about; it is in `contracts`, `indices` or `calendars` by kind. */
export interface Subject {
  readonly kind: "future" | "option" | "spread" | "index" | "calendar";
  readonly name: string;
}

/** A compiled spec: one declaration with every calendar, index and contract it refers to, by name. */
export interface Spec {
  readonly format: "termsheet-spec";
  /** MAJOR.MINOR of the spec format. */
  readonly schemaVersion: string;
  readonly compiler: { readonly name: "termsheet"; readonly version: string };
  /** `sha256:` and the hash of the canonical JSON of the document without this field. */
  readonly contentHash: string;
  readonly subject: Subject;
  readonly calendars: Readonly<Record<string, Calendar>>;
  readonly indices: Readonly<Record<string, Index>>;
  readonly contracts: Readonly<Record<string, Contract>>;
  /** The declared units the unit texts use; absent when they use built-in units only. */
  readonly units?: Readonly<Record<string, DeclaredUnit>>;
}
