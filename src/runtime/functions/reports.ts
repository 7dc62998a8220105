/**
 * The requests and reports of the settlement functions of a compiled spec (the spec itself is runtime/spec.ts's;
 * `SettlementSpec` is the part of it they read). Reports are plain data — strings, booleans, integer counts and
 * levels, arrays and objects — never a `Decimal` and never a JS number for money, so two backends that build them
 * print byte-identical JSON.
 */
import type { DealerQuote, Fixing, Observations } from "../market-data/index.js";
import type { IndexCertificate } from "../engine/index.js";
import type { LimitBreach } from "../engine/price-limits.js";
import type { AnyContract, DynamicLimit, Spec } from "../spec.js";

/** Price × multiplier = money per contract, in a currency. */
export interface Multiplier {
  readonly value: string;
  readonly currency: string;
}

/**
 * A tick table as decimal strings: tiers in order, each with the prices it applies to (`null`: every price).
 * Rounding "to the tick" uses the first tier whose bound admits the unrounded price.
 */
export type TickTiers = readonly {
  readonly tick: string;
  readonly bound: { readonly relation: "at-or-below" | "above"; readonly price: string } | null;
}[];

/** A compiled spec as the settlement functions read it: `loadSpec`'s result is one. */
export interface SettlementSpec extends Pick<Spec, "contentHash" | "subject" | "calendars" | "indices"> {
  readonly contracts: Readonly<Record<string, AnyContract>>;
}

/** Market data a request may carry: observations (trades or quotes) and published fixings. */
export interface MarketData {
  readonly observations?: Observations;
  readonly fixings?: readonly Fixing[];
  /** Reference dealers' quotes, for a fallback step that polls dealers. */
  readonly dealerQuotes?: readonly DealerQuote[];
}

/** A position: quantity (negative for short) at a trade price, decimal strings. */
export interface PositionReq {
  readonly quantity: string;
  readonly price: string;
  /**
   * The holder's positions in the contracts a position limit of this contract is `aggregated with`, which count
   * toward that limit; absent: none stated.
   */
  readonly aggregated?: readonly AggregatedPositionReq[];
}

/**
 * A position in another contract that counts toward an aggregated position limit: the contract, its contract
 * period ("2026-03", "2026-W13") and its net quantity, negative for short. For an option, the quantity is the
 * futures-equivalent (delta-weighted) position as the Exchange computes it; the engine takes it as given.
 */
export interface AggregatedPositionReq {
  readonly contract: string;
  readonly period: string;
  readonly quantity: string;
}

/** One index value at an instant. */
export interface IndexReq extends MarketData {
  readonly index: string;
  /** An ISO 8601 instant with an offset, or YYYY-MM-DD for the index's publication time that day. */
  readonly at: string;
}

/** A final settlement. */
export interface FinalReq extends MarketData {
  /** "2026-12", "2026-W13", or a weekly contract's expiry date "2026-03-27". */
  readonly period: string;
  /** A value determined by the exchange or calculation agent, used when the waterfall reaches determination. */
  readonly determined?: string;
  /** The day the value was determined (YYYY-MM-DD), which a determination step with a deadline needs. */
  readonly determinedOn?: string;
  /** The value the parties agreed in a negotiated fallback (decimal string) and the day they agreed it. */
  readonly negotiated?: { readonly value: string; readonly date: string };
  readonly position?: PositionReq;
  /** Required for an option contract. */
  readonly option?: { readonly right: "call" | "put"; readonly strike: string };
  /**
   * Settle under the rules as they stood on this date (YYYY-MM-DD): every rule version in force on it, unless the
   * contract declares what selects its versions (`rule versions selected by …`). Absent: each rule's own date.
   */
  readonly asOf?: string;
}

/** A daily settlement. */
export interface DailyReq extends MarketData {
  readonly period: string;
  /** The settlement date, YYYY-MM-DD. */
  readonly date: string;
  /** The prior daily settlement price. */
  readonly prior?: string;
  /** The best bid and offer standing at the midpoint step's time. */
  readonly bidAsk?: { readonly bid: string; readonly ask: string };
  readonly position?: PositionReq;
  /** The rules as they stood on this date, as {@link FinalReq}'s `asOf`. */
  readonly asOf?: string;
}

/** Why a report has no value. */
export interface ReportError {
  readonly kind: string;
  readonly message: string;
}

/** One level of a fallback waterfall tried. */
export interface AttemptReport {
  readonly level: number;
  readonly action: string;
  readonly outcome: string;
  readonly reason: string;
}

/** One day of a final settlement (one day for a fixing, every averaging day for an average). */
export interface DayReport {
  readonly date: string;
  readonly value: string;
  readonly index: string;
  readonly valueDate: string | null;
  readonly level: number;
  readonly flagged: boolean;
  readonly attempts: readonly AttemptReport[];
}

/** An averaging day the waterfall left out of the average (`exclude the day from the average`), with why. */
export interface ExcludedDayReport {
  readonly date: string;
  readonly level: number;
  readonly attempts: readonly AttemptReport[];
}

/** A rule version used, with its rulebook clauses and effective range. */
export interface RuleReport {
  readonly contract: string;
  readonly rule: string;
  readonly clauses: readonly string[];
  /** "always", "from 2021-01-01", "until 2020-12-31" or "from … until …", ranges joined by "; ". */
  readonly effective: string;
}

/**
 * A correction of a published fixing (a later row of the same index and fixing day) and what the index's
 * restatement rule made of it: applied (the corrected value is the fixing) or not (the published value stands).
 */
export interface RestatementReport {
  readonly index: string;
  readonly date: string;
  /** The time of the correction row. */
  readonly at: string;
  /** The value it would correct, and the corrected value. */
  readonly published: string;
  readonly corrected: string;
  readonly applied: boolean;
  readonly reason: string;
}

/** The methodology version of an index used. */
export interface MethodologyReport {
  readonly index: string;
  readonly version: string | null;
}

/** The variation of a position against the settlement price. */
export interface PositionReport {
  readonly quantity: string;
  readonly price: string;
  /** Money per unit of price per contract, or null when the units do not give money. */
  readonly multiplier: string | null;
  readonly currency: string | null;
  /** (settlement − price) × multiplier × quantity, or null without a multiplier; rounded when the contract says so. */
  readonly variation: string | null;
  /** The exact variation and its rounding, present only when the contract rounds payment amounts. */
  readonly variationUnrounded?: string;
  readonly variationRounding?: string;
}

/** An option's exercise and payoff at expiry. */
export interface OptionReport {
  readonly right: "call" | "put";
  readonly strike: string;
  readonly underlying: string;
  readonly underlyingPrice: string;
  readonly intrinsic: string;
  readonly threshold: string | null;
  readonly exercised: boolean;
  readonly reason: string;
  readonly multiplier: string | null;
  readonly currency: string | null;
  /** intrinsic × multiplier per contract when exercised, else 0 (intrinsic alone without a multiplier). */
  readonly payoff: string;
  /**
   * For an option settled `in futures`: the position in the expiring future its exercise opens, per option contract,
   * or null when it is not exercised. Absent for an option settled in cash.
   */
  readonly futures?: FuturesExercise | null;
}

/** The futures position an exercised option opens at the strike, and its settlement at the future's final price. */
export interface FuturesExercise {
  /** The expiring future's symbol, e.g. "BTC-H26". */
  readonly symbol: string;
  /** Long for a call, short for a put. */
  readonly side: "long" | "short";
  /** Futures contracts per option contract (the option's multiplier over the future's). */
  readonly quantity: string;
  /** The futures position's trade price: the strike. */
  readonly price: string;
  /** The future's final settlement price, at which the position settles. */
  readonly settlementPrice: string;
  /** (settlement − strike) × the future's multiplier × quantity, signed by the side; null without a multiplier. */
  readonly variation: string | null;
  readonly currency: string | null;
}

/** One leg of a spread, settled as its own contract period. */
export interface LegReport {
  readonly contract: string;
  readonly symbol: string;
  readonly side: "buy" | "sell";
  readonly ratio: string;
  readonly price: string | null;
  /** The leg's own final settlement report. */
  readonly settlement: SettlementReport;
}

/** A spread settled leg by leg. */
export interface SpreadReport {
  readonly legs: readonly LegReport[];
  /** Σ (buy +1, sell −1) × ratio × leg price, or null when a leg has no price. */
  readonly value: string | null;
}

/** The daily procedure's outcome. */
export interface DailySection {
  readonly date: string;
  readonly step: number | null;
  readonly stepKind: string | null;
  readonly prior: string | null;
  readonly attempts: readonly string[];
  /** Successive price limit bands around the prior settlement. */
  readonly bands: readonly { readonly lower: string; readonly upper: string }[];
  /** The price was beyond the last limit, and clamped to it or flagged as the limits say; absent otherwise. */
  readonly breach?: LimitBreach;
}

/** A final or daily settlement with its certificate. */
export interface SettlementReport {
  readonly ok: boolean;
  readonly error: ReportError | null;
  readonly kind: "final" | "daily";
  readonly contract: string;
  readonly contractKind: string;
  readonly symbol: string | null;
  readonly period: string;
  readonly specHash: string;
  readonly lastTradingDay: string | null;
  /** The termination instant, ISO 8601 local time with offset in the rule's zone, then the zone. */
  readonly termination: string | null;
  readonly settlementDate: string | null;
  readonly price: string | null;
  readonly unrounded: string | null;
  readonly rounding: string | null;
  readonly flagged: boolean;
  readonly method: string | null;
  readonly days: readonly DayReport[];
  /** Averaging days left out of the average; present only when there were any. */
  readonly excludedDays?: readonly ExcludedDayReport[];
  /** Without a price: the waterfall levels tried and why each failed. */
  readonly attempts: readonly AttemptReport[];
  readonly indexCertificates: readonly IndexCertificate[];
  readonly rules: readonly RuleReport[];
  /**
   * Which date selected the rule versions, when it is not each rule's own date: "in force on 2023-12-07 (as of)",
   * "selected by the contract month (2025-12-01)", "selected by the last trading day (2025-12-26)". Present only then.
   */
  readonly ruleVersions?: string;
  readonly methodology: readonly MethodologyReport[];
  /** Corrections of the fixings used, and whether each was applied; present only when there were any. */
  readonly restatements?: readonly RestatementReport[];
  readonly position: PositionReport | null;
  readonly option: OptionReport | null;
  readonly spread: SpreadReport | null;
  readonly daily: DailySection | null;
  /** When the final settlement is paid; present only when the contract states a payment clause. */
  readonly payment?: PaymentReport;
}

/** The payment day of a final settlement, with the day it is counted from and the rule in words. */
export interface PaymentReport {
  readonly date: string;
  readonly from: string;
  readonly rule: string;
}

/** One index value with its certificate. */
export interface IndexReport {
  readonly ok: boolean;
  readonly error: ReportError | null;
  readonly kind: "index";
  readonly index: string;
  readonly at: string;
  readonly date: string | null;
  readonly value: string | null;
  readonly status: string | null;
  readonly specHash: string;
  readonly methodology: MethodologyReport | null;
  readonly certificate: IndexCertificate | null;
  /** Corrections of the fixing used (or of the previous value), with their outcomes; present only when there were any. */
  readonly restatements?: readonly RestatementReport[];
}

/** The settlement functions of one compiled spec. */
export interface SpecFunctions {
  readonly subject: { readonly kind: string; readonly name: string };
  readonly specHash: string;
  index(req: IndexReq): IndexReport;
  final(req: FinalReq): SettlementReport;
  daily(req: DailyReq): SettlementReport;
  /** The daily settlement of a strip of contract months in dependency order (a future's; absent in a module without deferred steps). */
  strip?(req: StripReq): StripReport;
  /** Where a future's dynamic circuit breakers halt trading along a price path (absent in a module without them). */
  halts?(req: HaltsReq): HaltsReport;
}

/** One contract month of a strip request: its period, prior settlement, bid and offer and position. */
export interface StripMonthReq {
  readonly period: string;
  readonly prior?: string;
  readonly bidAsk?: { readonly bid: string; readonly ask: string };
  readonly position?: PositionReq;
}

/**
 * The daily settlement of a strip of contract months on a date: the lead month (by default the nearest listed)
 * first, then each later month after the one before it, so that a deferred month's steps can use the months it
 * depends on. A calendar spread's trades are the observations whose instrument is `LEAD:MONTH` (symbols).
 */
export interface StripReq extends MarketData {
  readonly date: string;
  readonly months: readonly StripMonthReq[];
  /** The rules as they stood on this date, as {@link FinalReq}'s `asOf`. */
  readonly asOf?: string;
  /** The lead month's period; by default the nearest month of the strip. */
  readonly lead?: string;
}

/** The daily settlements of a strip, in the order they were settled (the lead month first). */
export interface StripReport {
  readonly ok: boolean;
  readonly error: ReportError | null;
  readonly kind: "strip";
  readonly contract: string;
  readonly date: string;
  readonly specHash: string;
  /** The lead month's symbol, when the strip could be ordered. */
  readonly lead: string | null;
  /** Each month's daily settlement report, in dependency order. */
  readonly months: readonly SettlementReport[];
}

/**
 * Where a future's dynamic circuit breakers halt trading on a date along a price path: the trades of the
 * observations in time order (of the period's symbol when a period is given; without one, of a single instrument),
 * from the prior daily settlement price.
 */
export interface HaltsReq extends MarketData {
  readonly date: string;
  readonly prior: string;
  /** The contract month whose trades are the path (YYYY-MM, as `daily`'s); optional when the trades name one instrument. */
  readonly period?: string;
}

/** One halt: the price that triggered it, the limits it crossed, and when trading resumes (UTC instants). */
export interface HaltReportItem {
  readonly at: string;
  readonly price: string;
  readonly lower: string;
  readonly upper: string;
  readonly resumes: string;
}

/** The halts of a price path under the dynamic price limits in force, or why there is no answer. */
export interface HaltsReport {
  readonly ok: boolean;
  readonly error: ReportError | null;
  readonly kind: "halts";
  readonly contract: string;
  /** The period's symbol, when the request named a period. */
  readonly symbol?: string;
  readonly date: string;
  readonly prior: string;
  readonly specHash: string;
  /** The dynamic price limits applied. */
  readonly rule: DynamicLimit | null;
  /** The prior settlement × the percentage, rounded as the rule says: what the window's extremes are widened by. */
  readonly variant: string | null;
  /** The prices of the path. */
  readonly points: number;
  readonly halts: readonly HaltReportItem[];
  /** The prices of the path left out because trading was halted at their time. */
  readonly haltedPoints: number;
  /** The clause of the rule applied. */
  readonly rules: readonly RuleReport[];
}
