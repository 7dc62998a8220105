/** The contracts of the compiled spec (runtime/spec.ts): futures, options and spreads, each rule as versioned clauses. */
import type { RoundingMode } from "../numbers/decimal.js";
import type { StrikeTier } from "../strikes.js";
import type { DateRule, HolidayRule, WeeklyDateRule } from "./calendars.js";
import type {
  DecimalString,
  DeclarationAnnotations,
  Duration,
  Quantity,
  Rounding,
  Rules,
  StepAnnotations,
  TimeWindow,
  Unit,
  Versions,
  ZonedTime,
} from "./common.js";

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
  | {
      readonly kind: "future-vwap";
      readonly contract: string;
      readonly window: TimeWindow;
      /** `, or at the final settlement price of FUTURE on its last trading day`: the future's own final price that day. */
      readonly finalOnItsLastTradingDay?: true;
    }
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
export type DisruptionKind = "not-published" | "too-few-sources" | "stale" | "ceased" | "methodology-changed" | "holiday" | "flagged";

/** A declared disruption event. */
export interface Disruption extends StepAnnotations {
  readonly condition: DisruptionKind;
  /** For not-published: the time by which the value must be published. */
  readonly deadline: ZonedTime | null;
  /** For stale: how old the data may be. */
  readonly duration: Duration | null;
}

/** By when a fallback step's value must be given: the `businessDays`-th business day of `calendar` after the day. */
export interface FallbackDeadline {
  readonly businessDays: number;
  readonly calendar: string;
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
  | {
      readonly kind: "determination";
      readonly party: "exchange" | "calculation-agent";
      /** By when the party must determine the value; absent: no deadline. */
      readonly deadline?: FallbackDeadline;
    }
  /**
   * Fallback Reference Dealers (2005 ISDA Commodity Definitions §7.5(c)(i)): the mean of the quotes the dealers give
   * by the deadline, less the `dropHighest` highest and `dropLowest` lowest, rounded; fails below `minimumQuotes`.
   */
  | {
      readonly kind: "dealer-poll";
      readonly dealers: number;
      readonly minimumQuotes: number;
      readonly dropHighest: number;
      readonly dropLowest: number;
      readonly rounding: Rounding;
      readonly deadline: FallbackDeadline;
    }
  /** Negotiated Fallback (§7.5(c)(iii)): the value the parties agree by the deadline; fails when they agree none. */
  | { readonly kind: "negotiated"; readonly deadline: FallbackDeadline }
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

/**
 * How a spread trade's price becomes the prices of its two legs (`leg prices from the prior daily settlement price of
 * the near leg`): the anchor leg takes its prior daily settlement price, the other leg the price that makes the legs'
 * prices add up to the spread price.
 */
export interface LegPricing {
  /** The anchor leg's price: its prior daily settlement price. */
  readonly reference: "prior-daily-settlement";
  /** The anchor leg: the near or far leg (the fewer or more months after the spread's), or leg N (1 for the first). */
  readonly anchor: { readonly kind: "near" | "far" } | { readonly kind: "leg"; readonly leg: number };
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
  /** How a spread trade's price becomes its legs' prices; absent when the spread does not say. */
  readonly legPricing?: Versions<LegPricing>;
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
