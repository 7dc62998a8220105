/**
 * The statements of indices and of their sources (the syntax tree: ../ast.ts).
 */
import type { Span } from "../../base/source.js";
import type {
  Duration,
  Ident,
  NodeBase,
  NumberLit,
  PercentLit,
  Rounding,
  StatementBase,
  StringLit,
  TimeLit,
  UnitExpr,
  ZoneRef,
  ZonedTime,
} from "./nodes.js";

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
/** `models "a", "b"` or `instruments "BTC-USD"`: acceptable products in priority order. */
export interface PriorityListStmt extends StatementBase {
  readonly kind: "PriorityList";
  readonly list: "models" | "instruments";
  readonly items: readonly StringLit[];
  /**
   * `chosen per day` (issue 15): the first of the list present on each day of the window is used for that day, rather
   * than one choice over the whole window. `word` is the word `chosen` (checked as a word).
   */
  readonly perDay: { readonly word: Ident; readonly span: Span } | undefined;
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
/** `window from 15:00 inclusive to 16:00 exclusive Europe/London`. */
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
  /** `, flagged "*"` (issue 15): the flag of a value fixed with an interval left out. */
  readonly flag?: StringLit | undefined;
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
/** `exclude trades with volume below 0.01` (issue 15): a trade smaller than the amount does not qualify. */
export interface ExcludeTradesBelowStmt extends StatementBase {
  readonly kind: "ExcludeTradesBelow";
  /** The field compared, `volume` (checked as a word). */
  readonly field: Ident | undefined;
  readonly amount: NumberLit | undefined;
}
/** `exclude trades deviating more than 10% from the previous trade` (issue 15): a jump from the source's last qualifying trade. */
export interface ExcludeTradeJumpsStmt extends StatementBase {
  readonly kind: "ExcludeTradeJumps";
  readonly percent: PercentLit | undefined;
  /** The words `previous trade` (checked as words). */
  readonly previous: Ident | undefined;
  readonly trade: Ident | undefined;
}
/**
 * A trade qualification rule on a named field of the observation record (issue 15): `exclude trades flagged
 * "affiliate"` (a word of the record's flags), `exclude trades of type "spread-leg"` (its trade type), `exclude trades
 * reversed within 5 minutes` (a trade whose reversal came at most that long after it), `exclude trades on the buy side`
 * (its side), `exclude trades with counterparty "MM-01"` (its counterparty).
 */
export interface ExcludeTradesWhereStmt extends StatementBase {
  readonly kind: "ExcludeTradesWhere";
  readonly test: "flagged" | "type" | "reversed" | "side" | "counterparty";
  /** The flag, the trade type or the counterparty. */
  readonly value: StringLit | undefined;
  /** The word `reversed`, `side` or `counterparty` (checked as a word). */
  readonly word: Ident | undefined;
  /** `on the buy side`: the side, `buy` or `sell` (checked). */
  readonly side: Ident | undefined;
  readonly within: Duration | undefined;
}
/** `flagged below 3 sources` (issue 15): a value fixed from fewer eligible sources is published with a flag. */
export interface FlagBelowStmt extends StatementBase {
  readonly kind: "FlagBelow";
  readonly count: NumberLit | undefined;
}
/** `carry forward the last published value, flagged "C"` (issue 15): with no value fixed, the last one, flagged. */
export interface IndexCarryForwardStmt extends StatementBase {
  readonly kind: "IndexCarryForward";
  readonly flag: StringLit | undefined;
}
/** `minimum sources 3`, `minimum trades 1 per interval`. */
export interface MinimumStmt extends StatementBase {
  readonly kind: "Minimum";
  readonly what: "sources" | "trades" | "counterparties";
  /** `minimum counterparties N` (issue 15): the word `counterparties` (checked as a word). */
  readonly word?: Ident;
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
/** `restate never` or `restate same day if change exceeds 0.10%`. */
export interface RestateStmt extends StatementBase {
  readonly kind: "Restate";
  readonly never: boolean;
  readonly threshold: PercentLit | undefined;
  /** The deadline of a restatement window and the day it falls on (absent for `never` and `same day`). */
  readonly until?: { readonly at: ZonedTime | undefined; readonly day: "same" | "next-business"; readonly span: Span };
}
