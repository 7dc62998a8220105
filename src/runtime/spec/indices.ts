/** The indices of the compiled spec (runtime/spec.ts): an index's methodology, each rule as versioned clauses. */
import type { DecimalString, DeclarationAnnotations, Duration, IndexWindow, Rounding, Rules, Unit, Versions, ZonedTime } from "./common.js";

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
  /** `chosen per day`: while in force, the list is decided on each day of the window (absent: once over the window). */
  readonly priorityPerDay?: Versions<true>;
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
  /** A source whose qualifying trades name fewer distinct counterparties is excluded (absent: no such rule). */
  readonly minimumCounterparties?: Versions<number>;
  readonly degradation: Rules<Degradation>;
  readonly extremeMoves: Versions<{ readonly percent: DecimalString; readonly action: "flagged" | "held" }>;
  readonly rounding: Versions<Rounding>;
  readonly publication: Versions<{ readonly calendar: string | null; readonly at: ZonedTime }>;
  readonly restatement: Versions<Restatement>;
  /** Sampling at a fixed interval across the window, each source's latest price held up to `hold` (absent: not sampled). */
  readonly sampling?: Versions<Sampling>;
  /** How the sample values are combined (absent: not sampled). */
  readonly aggregateSamples?: Versions<AggregationMethod>;
  /** The flag of a value fixed with an interval without trades left out (absent: no flag). */
  readonly emptyIntervalsFlag?: Versions<string>;
  /** With no value fixed, the last published value is published again with this flag (absent: no such rule). */
  readonly carryForward?: Versions<{ readonly flag: string }>;
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
 * whose `flags` hold the flag, whose `type` is the type, whose `reversed_at` is at most `within` after its time, whose
 * `side` is the side, or whose `counterparty` is the counterparty.
 */
export type TradeFilter =
  | { readonly kind: "flagged"; readonly flag: string }
  | { readonly kind: "type"; readonly type: string }
  | { readonly kind: "reversed-within"; readonly within: Duration }
  | { readonly kind: "side"; readonly side: "buy" | "sell" }
  | { readonly kind: "counterparty"; readonly counterparty: string };

/** `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`. */
export interface Sampling {
  readonly every: Duration;
  readonly hold: Duration;
  readonly empty: "skip" | "fail";
}
