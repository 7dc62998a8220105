/**
 * The index part of the compiled model as zod schemas: an index methodology fully resolved, with its sources,
 * observation window and partitions, aggregation at each level, data-quality exclusions, degradation rules,
 * extreme-move handling, rounding, publication calendar and restatement policy. Every rule is a list of
 * `Clause`s (src/model/common.ts) carrying its effective ranges, so methodology versions are explicit; units
 * are normalised and every number is a canonical decimal string or a small JSON integer (counts only).
 */
import { z } from "zod";
import {
  DurationSchema,
  LocalTime,
  WindowEnd,
  Name,
  NonNegativeDecimal,
  Percent,
  PositiveDecimal,
  RoundingSchema,
  Text,
  TimeZone,
  UnitSchema,
  ZonedTime,
  declarationAnnotations,
  rulesOf,
  versionsOf,
  countSchema,
} from "./common.js";
import { COUNT_BOUNDS } from "../runtime/bounds.js";

/** Aggregation methods (the language's words). */
export const AGGREGATION_METHODS = [
  "median",
  "mean",
  "vwap",
  "vtwap",
  "volume-weighted-median",
  "trimmed-mean",
  "capped-median",
  "weighted-mean",
] as const;

/** An aggregation method with every option explicit (null when it does not apply). */
export const MethodSchema = z
  .strictObject({
    name: z.enum(AGGREGATION_METHODS),
    exactHalf: z
      .enum(["first-reaching-half", "mean-of-straddling"])
      .nullable()
      .describe("For volume-weighted-median: the value when cumulative volume is exactly half at a price."),
    trim: z
      .strictObject({ highest: countSchema(COUNT_BOUNDS.trimmed), lowest: countSchema(COUNT_BOUNDS.trimmed) })
      .nullable()
      .describe("For trimmed-mean: how many of the highest and lowest values are dropped."),
    capPercent: Percent.nullable().describe(
      "For capped-median: each value is clamped to within this percentage of the median, then averaged.",
    ),
    weightedBy: z
      .enum(["volume", "expenditure", "fixed"])
      .nullable()
      .describe(
        "For weighted-mean: the weights (fixed: each source's declared weight). For capped-median: fixed (the capped values are averaged by the sources' weights) or null (averaged equally).",
      ),
  })
  .meta({
    id: "AggregationMethod",
    description: "How a set of values is reduced to one; options that do not apply to the method are null.",
  });

/** A window of the day with explicit bounds. */
export const TimeWindowSchema = z
  .strictObject({
    from: LocalTime,
    fromBound: z.enum(["inclusive", "exclusive"]),
    to: WindowEnd,
    toBound: z.enum(["inclusive", "exclusive"]),
    zone: TimeZone,
    fromDay: z
      .literal("previous")
      .optional()
      .describe("Present when the window starts on the day before its fixing date (it runs across midnight); omitted otherwise."),
  })
  .meta({
    id: "TimeWindow",
    description:
      "A window of wall-clock time ending on the fixing date in a zone, each bound explicitly inclusive or exclusive; it starts on the previous day with fromDay.",
  });

/** A further piece of an index window of several, in the zone of the window's first piece. */
export const WindowPieceSchema = TimeWindowSchema.omit({ zone: true }).meta({
  id: "WindowPiece",
  description:
    "A further piece of a window of several, in the first piece's zone, after the previous piece and sharing no instant with it.",
});

/** An index's observation window: one window, or several disjoint pieces (off-peak hours). */
export const IndexWindowSchema = TimeWindowSchema.extend({
  also: z
    .array(WindowPieceSchema)
    .min(1)
    .optional()
    .describe(
      'The further pieces of a window of several ("hours ending 0100-0700 and HE 2400"), in time order: the window is the union of the first piece and these; omitted for one window.',
    ),
}).meta({
  id: "IndexWindow",
  description: "The observation window of an index: a window of wall-clock time, or several disjoint pieces of one day in one zone.",
});

/** One constituent of an index. */
export const SourceSchema = z
  .strictObject({
    name: Name,
    title: Text.nullable(),
    quoted: versionsOf(UnitSchema).describe("The unit the source publishes in; its prices are converted to the index's unit exactly."),
    models: versionsOf(z.array(Text).min(1)).describe("Acceptable models in priority order: the first one available is used."),
    instruments: versionsOf(z.array(Text).min(1)).describe("Acceptable instruments in priority order."),
    priorityPerDay: versionsOf(z.literal(true))
      .optional()
      .describe(
        "`chosen per day`: while in force, the priority list is decided on each calendar day of the window (in the window's zone): the first model or instrument present that day is used for that day's observations; omitted when the list is decided once over the window.",
      ),
    weight: versionsOf(NonNegativeDecimal).describe(
      "Fixed weight for weighted-mean or capped-median by fixed weights; 1 when the source does not state one; 0 keeps the source for monitoring only (observed and reported, not used).",
    ),
    blend: versionsOf(z.array(z.strictObject({ part: Text, weight: NonNegativeDecimal })).min(1)).describe(
      "Token-mix weights used to normalise the source's prices, e.g. input 1, output 3.",
    ),
  })
  .meta({ id: "Source", description: "A constituent source of an index: a venue or provider." });

/** A word a record's `type` or `flags` column can hold (model/invariants.ts isRecordWord). */
const RecordWordSchema = z.string().min(1);

/** A trade qualification rule on a named field of the observation record. */
const TradeFilterSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("flagged"),
      flag: RecordWordSchema.describe("A trade whose `flags` hold this word does not qualify."),
    }),
    z.strictObject({ kind: z.literal("type"), type: RecordWordSchema.describe("A trade whose `type` is this does not qualify.") }),
    z.strictObject({
      kind: z.literal("reversed-within"),
      within: DurationSchema.describe("A trade whose `reversed_at` is at most this long after its time does not qualify."),
    }),
    z.strictObject({
      kind: z.literal("side"),
      side: z.enum(["buy", "sell"]).describe("A trade whose `side` is this does not qualify."),
    }),
    z.strictObject({
      kind: z.literal("counterparty"),
      counterparty: RecordWordSchema.describe("A trade whose `counterparty` is this does not qualify."),
    }),
  ])
  .meta({ id: "TradeFilter", description: "A trade qualification rule on a named field of the observation record (issue 15)." });

/** A degradation rule: the method to use for a range of source counts. */
export const DegradationSchema = z
  .strictObject({
    minSources: countSchema(COUNT_BOUNDS.sources),
    maxSources: countSchema(COUNT_BOUNDS.sources).nullable().describe("Inclusive; null means no upper bound (`or more`)."),
    method: MethodSchema,
  })
  .meta({
    id: "Degradation",
    description: "With between minSources and maxSources eligible sources, aggregate sources with this method instead.",
  });

/** The complete methodology of an index. */
export const IndexSchema = z
  .strictObject({
    kind: z.literal("index"),
    name: Name,
    ...declarationAnnotations,
    timeZone: versionsOf(TimeZone).describe("A default time zone stated by the index, if any."),
    administrator: versionsOf(Text),
    quoted: versionsOf(UnitSchema).describe("The unit the index is published in."),
    methodology: versionsOf(z.strictObject({ version: Text })).describe("Methodology versions with their effective ranges."),
    sources: rulesOf(SourceSchema).describe("Constituents; a source is a constituent on the dates its clause is in force."),
    window: versionsOf(IndexWindowSchema).describe("The observation window for trades."),
    partition: versionsOf(z.strictObject({ count: countSchema(COUNT_BOUNDS.intervals), length: DurationSchema })).describe(
      "Splits the window into equal intervals.",
    ),
    emptyIntervals: versionsOf(z.enum(["skip", "fail"])).describe("What happens to an interval without trades."),
    aggregateTrades: versionsOf(MethodSchema).describe("How trades in an interval (or the window) are reduced to a value."),
    aggregateIntervals: versionsOf(MethodSchema).describe("How interval values are reduced to a value."),
    aggregateSources: versionsOf(MethodSchema).describe("How source values are reduced to the index value."),
    excludeDeviation: versionsOf(z.strictObject({ percent: Percent })).describe(
      "A source deviating more than this from the median of the others is excluded.",
    ),
    excludeStale: versionsOf(DurationSchema).describe("A source whose data is older than this at the fixing time is excluded."),
    minimumSources: versionsOf(countSchema(COUNT_BOUNDS.sources)).describe("No value is fixed with fewer eligible sources."),
    minimumTrades: versionsOf(z.strictObject({ count: countSchema(COUNT_BOUNDS.trades), perInterval: z.boolean() })),
    minimumCounterparties: versionsOf(countSchema(COUNT_BOUNDS.counterparties))
      .optional()
      .describe(
        "A source whose qualifying trades in the window name fewer distinct counterparties (the record's `counterparty`) is excluded; omitted when there is no such rule.",
      ),
    degradation: rulesOf(DegradationSchema).describe(
      "Methods by number of eligible sources; they replace aggregateSources where they apply.",
    ),
    extremeMoves: versionsOf(z.strictObject({ percent: Percent, action: z.enum(["flagged", "held"]) })).describe(
      "A value moving more than this from the previous published value is published and flagged, or held for review.",
    ),
    rounding: versionsOf(RoundingSchema).describe("Rounding of the published value."),
    publication: versionsOf(
      z.strictObject({
        calendar: Name.nullable().describe("Publication days: business days of this calendar, or every calendar day when null."),
        at: ZonedTime,
      }),
    ),
    restatement: versionsOf(
      z.discriminatedUnion("kind", [
        z.strictObject({ kind: z.literal("never") }),
        z.strictObject({ kind: z.literal("same-day"), thresholdPercent: Percent }),
        z.strictObject({
          kind: z.literal("until"),
          deadline: ZonedTime.describe("The last instant a correction is taken, a wall-clock time in the zone that decides the day."),
          day: z
            .enum(["same", "next-business"])
            .describe(
              "The day of the deadline: the fixing date, or the next publication day after it (the next calendar day for an index published every day).",
            ),
          thresholdPercent: Percent.nullable().describe(
            "A correction is applied only if it changes the value by more than this; null: any correction.",
          ),
        }),
      ]),
    ).describe(
      "never: a published value is never restated; same-day: restated only on the publication day and only if it changes by more than the threshold; until: restated by a deadline on the fixing date or the next publication day, optionally only above a threshold.",
    ),
    sampling: versionsOf(
      z.strictObject({
        every: DurationSchema.describe("The sampling interval: samples are taken at the window's start and every interval after it."),
        hold: DurationSchema.describe("A source's latest price is held for at most this long after it was observed."),
        empty: z.enum(["skip", "fail"]).describe("What happens to a sample at which too few sources hold a price."),
      }),
    )
      .optional()
      .describe("Present when the index samples its window at a fixed interval (a time average of sampled values); omitted otherwise."),
    aggregateSamples: versionsOf(MethodSchema)
      .optional()
      .describe("How the sample values are reduced to the index value (mean: the time-weighted average); omitted when not sampled."),
    excludeTradesBelow: versionsOf(z.strictObject({ volume: PositiveDecimal }))
      .optional()
      .describe(
        "A trade with a volume below this does not qualify and is left out of every computation; omitted when there is no such rule.",
      ),
    emptyIntervalsFlag: versionsOf(Text)
      .optional()
      .describe(
        'The flag a value is published with when an interval without trades was left out of it (`empty intervals skip, flagged "*"`); omitted when there is no such rule.',
      ),
    carryForward: versionsOf(z.strictObject({ flag: Text }))
      .optional()
      .describe(
        'When no value can be fixed, the last published value is published again with this flag (`carry forward the last published value, flagged "C"`); omitted when there is no such rule.',
      ),
    flagBelowSources: versionsOf(countSchema(COUNT_BOUNDS.sources))
      .optional()
      .describe(
        "A value fixed from fewer eligible sources than this is published with the status flagged; omitted when there is no such rule.",
      ),
    excludeTradeJumps: versionsOf(z.strictObject({ percent: Percent }))
      .optional()
      .describe(
        "A trade whose price deviates by more than this from its source's previous qualifying trade in the window does not qualify; omitted when there is no such rule.",
      ),
    excludeTradesWhere: rulesOf(TradeFilterSchema)
      .optional()
      .describe(
        "Trade qualification on named fields of the observation record: every rule in force on a date leaves out the trades it names; omitted when there is none.",
      ),
  })
  .meta({ id: "Index", description: "An index methodology, fully resolved." });

/** A compiled index. */
export type Index = z.infer<typeof IndexSchema>;
/** An index's restatement rule. */
export type Restatement = Index["restatement"][number]["value"];
/** A compiled index source. */
export type Source = z.infer<typeof SourceSchema>;
/** A trade qualification rule on a named field of the record. */
export type TradeFilter = z.infer<typeof TradeFilterSchema>;
/** An aggregation method with its options. */
export type Method = z.infer<typeof MethodSchema>;
/** A window of the day. */
export type TimeWindow = z.infer<typeof TimeWindowSchema>;
/** An index window: one window or several pieces. */
export type IndexWindow = z.infer<typeof IndexWindowSchema>;
