/**
 * The fourth stage of an index computation: the value before rounding, from the sources used, by the shape of the
 * methodology in force. A sampled index (`sampling.ts`): at each sample each source's held price, then the sources,
 * then the samples. Sources aggregated per interval (`per-interval.ts`): each source in each interval, then the
 * sources, then the intervals. Trades pooled across the sources: aggregated over the window, or per interval of the
 * partition and then across the intervals. Otherwise the sources' values, by the degradation rule for their number
 * or by `aggregate sources`. The method in words, the partitions, samples and capped-median steps go to the draft.
 */
import { type IntervalBounds, intervalsOf } from "./windows.js";
import { Ratio } from "../numbers/ratio.js";
import type { AggregationMethod, Degradation } from "../spec.js";
import { valueOn, valuesOn } from "../versions.js";
import { type Item, aggregate, describeMethod, ratioOf } from "./aggregation.js";
import { cappedMedianCertificate } from "./capped-median.js";
import { durationMicros, type Fixing } from "./index-fixing.js";
import type { Prices } from "./index-prices.js";
import { type CertificateDraft, type Stage, stop } from "./index-types.js";
import { perIntervalSources } from "./per-interval.js";
import { sampledIndex } from "./sampling.js";
import { isoMicros as iso } from "./selection.js";

/** What the aggregation reads besides the fixing: the prices, the sources' values and the sources used. */
export interface Eligible {
  readonly prices: Prices;
  readonly values: readonly (Ratio | null)[];
  /** Constituent positions of the sources used, ascending. */
  readonly used: readonly number[];
  /** The index's minimum number of sources, when it states one. */
  readonly minimum: number | undefined;
}

/** The methods of the sources in force: the degradation rules, and the method for `n` sources. */
interface SourceMethods {
  readonly sources: AggregationMethod | undefined;
  readonly degradations: readonly Degradation[];
  readonly degradationFor: (n: number) => Degradation | undefined;
}

function sourceMethods(f: Fixing): SourceMethods {
  const degradations = valuesOn(f.index.degradation, f.date);
  return {
    sources: valueOn(f.index.aggregateSources, f.date),
    degradations,
    degradationFor: (n) => degradations.find((d) => n >= d.minSources && (d.maxSources === null || n <= d.maxSources)),
  };
}

const weightOf = (f: Fixing) => (k: number) => ratioOf(valueOn(f.constituents.list[k]!.weight, f.date) ?? "1");

/** Sampled: at each sample each source's held price, then across sources; then across samples (sampling.ts). */
function sampledValue(f: Fixing, e: Eligible, methods: SourceMethods, draft: CertificateDraft): Stage<Ratio> {
  const { window, sampling } = f;
  const every = durationMicros(sampling!.every);
  const samplesMethod = valueOn(f.index.aggregateSamples ?? [], f.date);
  const sourcesMethod = methods.sources;
  if (every === undefined || sourcesMethod === undefined || samplesMethod === undefined)
    return stop("no-methodology", "a sampled index needs a sampling interval in clock time and methods for the sources and the samples");
  const { every: e1, hold } = sampling!;
  draft.method = `at each sample every ${e1.amount} ${e1.unit} (prices held for up to ${hold.amount} ${hold.unit}), ${describeMethod(sourcesMethod)}${methods.degradations.length > 0 ? " (or the degradation rule for the number of source prices)" : ""} of the sources, then ${describeMethod(samplesMethod)} of the samples`;
  const r = sampledIndex({
    windowStart: f.windowStart,
    windowEnd: f.windowEnd,
    fromInclusive: window!.fromBound === "inclusive",
    toInclusive: window!.toBound === "inclusive",
    every,
    hold: f.hold,
    time: f.obs.time,
    used: e.used,
    names: f.constituents.list.map((s) => s.name),
    rowsBySource: f.selection.rows,
    minSources: e.minimum ?? 1,
    empty: sampling!.empty,
    samplesMethod,
    sourcesMethodFor: (n) => methods.degradationFor(n)?.method ?? sourcesMethod,
    priceOf: e.prices.meanOfRows,
    weightOf: weightOf(f),
  });
  draft.samples = r.samples;
  return r.ok ? { ok: true, value: r.value } : stop(r.kind, r.message);
}

/** The partition's interval length and the interval method, or why the methodology lacks them. */
function intervalRules(f: Fixing, length: number | undefined): Stage<{ length: number; method: AggregationMethod }> {
  if (length === undefined) return stop("no-methodology", "a partition length in business days is meaningless inside a window");
  const method = valueOn(f.index.aggregateIntervals, f.date);
  if (method === undefined) return stop("no-methodology", "the index states no interval aggregation");
  return { ok: true, value: { length, method } };
}

/** Per interval: each source's value from its own trades, then across sources; then across intervals. */
function perIntervalValue(
  f: Fixing,
  e: Eligible,
  methods: SourceMethods,
  intervals: readonly IntervalBounds[],
  draft: CertificateDraft,
): Stage<Ratio> {
  const tradesMethod = valueOn(f.index.aggregateTrades, f.date);
  if (tradesMethod === undefined) return stop("no-methodology", "the index states no trade aggregation");
  const partition = valueOn(f.index.partition, f.date)!;
  const rules = intervalRules(f, durationMicros(partition.length));
  if (!rules.ok) return rules;
  const sourcesMethod = methods.sources!;
  const minTrades = valueOn(f.index.minimumTrades, f.date);
  draft.method = `${describeMethod(tradesMethod)} of each source per interval, then ${describeMethod(sourcesMethod)}${methods.degradations.length > 0 ? " (or the degradation rule for the number of source values)" : ""} of the sources, then ${describeMethod(rules.value.method)} of ${partition.count} intervals`;
  const r = perIntervalSources({
    intervals,
    time: f.obs.time,
    used: e.used,
    names: f.constituents.list.map((s) => s.name),
    rowsBySource: f.selection.rows,
    minTrades: minTrades !== undefined && minTrades.perInterval ? minTrades.count : 1,
    minSources: e.minimum ?? 1,
    empty: valueOn(f.index.emptyIntervals, f.date) ?? "fail",
    tradesMethod,
    intervalsMethod: rules.value.method,
    sourcesMethodFor: (n) => methods.degradationFor(n)?.method ?? sourcesMethod,
    aggregateRows: (m, rows, k, end) => e.prices.aggregateRows(m, rows, () => k, end),
    volumeOf: e.prices.volumeOf,
    weightOf: weightOf(f),
  });
  draft.partitions.push(...r.intervals);
  return r.ok ? { ok: true, value: r.value } : stop(r.kind, r.message);
}

/** Rows of the used sources in time order (row numbers are in time order; a native typed-array sort). */
function pooledRows(f: Fixing, used: readonly number[]): Uint32Array {
  let total = 0;
  for (const k of used) total += f.selection.rows[k]!.length;
  const pooled = new Uint32Array(total);
  let w = 0;
  for (const k of used) for (const r of f.selection.rows[k]!) pooled[w++] = r;
  pooled.sort();
  return pooled;
}

/** Pooled trades per interval of the partition, then across the intervals. */
function partitionedValue(
  f: Fixing,
  e: Eligible,
  pooled: Uint32Array,
  sourceOf: (r: number) => number,
  intervals: readonly IntervalBounds[],
  draft: CertificateDraft,
): Stage<Ratio> {
  const tradesMethod = valueOn(f.index.aggregateTrades, f.date)!;
  const partition = valueOn(f.index.partition, f.date)!;
  const rules = intervalRules(f, durationMicros(partition.length));
  if (!rules.ok) return rules;
  const { method: intervalsMethod } = rules.value;
  draft.method = `${describeMethod(tradesMethod)} per interval, then ${describeMethod(intervalsMethod)} of ${partition.count} intervals`;
  const empty = valueOn(f.index.emptyIntervals, f.date) ?? "fail";
  const minTrades = valueOn(f.index.minimumTrades, f.date);
  const needed = minTrades !== undefined && minTrades.perInterval ? minTrades.count : 1;
  const items: Item[] = [];
  const partitions = draft.partitions;
  let p = 0;
  for (let i = 0; i < partition.count; i++) {
    const { from: a, to: b, cut } = intervals[i]!;
    // Inner boundaries are half-open [a, b); the window's own bounds apply at its ends (rows are already inside).
    // Each interval is a disjoint slice of `pooled`, which aggregation may reorder in place.
    const start = p;
    while (p < pooled.length && f.obs.time[pooled[p]!]! < cut) p++;
    const rows = pooled.subarray(start, p);
    if (rows.length < needed) {
      const note = rows.length === 0 ? "no trades" : `fewer than ${needed} trades`;
      partitions.push({ from: iso(a), to: iso(b), trades: rows.length, value: null, note });
      if (empty === "fail") return stop("empty-interval", `interval ${i + 1} (${iso(a)} to ${iso(b)}) has ${rows.length} trade(s)`);
      continue;
    }
    const r = e.prices.aggregateRows(tradesMethod, rows, sourceOf, b);
    if (!r.ok) {
      partitions.push({ from: iso(a), to: iso(b), trades: rows.length, value: null, note: r.reason });
      if (empty === "fail") return stop("empty-interval", `interval ${i + 1}: ${r.reason}`);
      continue;
    }
    items.push({ value: r.value, volume: e.prices.volumeOf(rows), weight: Ratio.of(1n) });
    partitions.push({ from: iso(a), to: iso(b), trades: rows.length, value: r.value.toString(), note: null });
  }
  if (items.length === 0) return stop("empty-interval", "every interval is empty");
  draft.cappedMedian = cappedMedianCertificate(
    intervalsMethod,
    items,
    partitions.flatMap((q, i) => (q.value === null ? [] : [`interval ${i + 1}`])),
  );
  const r = aggregate(intervalsMethod, items);
  return r.ok ? { ok: true, value: r.value } : stop("aggregation", r.reason);
}

/** Trades pooled across the used sources: over the whole window, or per interval of the partition. */
function pooledValue(f: Fixing, e: Eligible, intervals: readonly IntervalBounds[], draft: CertificateDraft): Stage<Ratio> {
  const tradesMethod = valueOn(f.index.aggregateTrades, f.date);
  if (tradesMethod === undefined) return stop("no-methodology", "the index states no trade aggregation");
  const pooled = pooledRows(f, e.used);
  const byObsIndex = f.constituents.byObsIndex;
  const sourceOf = (r: number): number => byObsIndex.get(f.obs.source[r]!)!;
  if (valueOn(f.index.partition, f.date) !== undefined) return partitionedValue(f, e, pooled, sourceOf, intervals, draft);
  draft.method = describeMethod(tradesMethod);
  const r = e.prices.aggregateRows(tradesMethod, pooled, sourceOf, f.windowEnd);
  return r.ok ? { ok: true, value: r.value } : stop("aggregation", r.reason);
}

/** The sources' values, by the degradation rule for their number or by `aggregate sources`. */
function acrossSources(f: Fixing, e: Eligible, methods: SourceMethods, draft: CertificateDraft): Stage<Ratio> {
  const { used } = e;
  const chosen = methods.degradationFor(used.length);
  const m = chosen?.method ?? methods.sources;
  if (m === undefined) return stop("no-methodology", "the index states no source aggregation");
  draft.method =
    chosen !== undefined
      ? `${describeMethod(m)} (degradation rule for ${chosen.minSources}${chosen.maxSources === null ? " or more" : chosen.maxSources === chosen.minSources ? "" : ` to ${chosen.maxSources}`} sources; ${used.length} eligible)`
      : describeMethod(m);
  const items: Item[] = used.map((k) => {
    const s = f.constituents.list[k]!;
    return {
      value: e.values[k]!,
      volume: e.prices.volumeOf(f.selection.rows[k]!),
      weight: ratioOf(valueOn(s.weight, f.date) ?? "1"),
    };
  });
  if (items.some((i) => i.value === null)) return stop("aggregation", "a source has no value");
  draft.cappedMedian = cappedMedianCertificate(
    m,
    items,
    used.map((k) => f.constituents.list[k]!.name),
  );
  const r = aggregate(m, items);
  return r.ok ? { ok: true, value: r.value } : stop("aggregation", r.reason);
}

/** The index value before rounding, by the shape of the methodology in force. */
export function aggregateIndex(f: Fixing, e: Eligible, draft: CertificateDraft): Stage<Ratio> {
  const { window, pieces, date } = f;
  const partition = valueOn(f.index.partition, date);
  // A partition covers the window's nominal length; on a day the clocks change a window across the change is an
  // hour shorter or longer, and its intervals would not be the declared ones.
  const partitionLength = partition === undefined ? undefined : durationMicros(partition.length);
  let intervals: readonly IntervalBounds[] = [];
  if (window !== undefined && partition !== undefined && partitionLength !== undefined) {
    const covered = partition.count * partitionLength;
    const length = pieces.reduce((t, p) => t + (p.end - p.start) * 1000, 0);
    const placed = intervalsOf(pieces, partition.count, partitionLength);
    if (placed === undefined)
      return stop(
        "time",
        `the window is ${length / 3_600_000_000} hours long on ${date} (a clock change), but its ${partition.count} intervals cover ${covered / 3_600_000_000} hours${pieces.length > 1 ? ", a whole number in each piece" : ""}`,
      );
    intervals = placed;
  }
  const methods = sourceMethods(f);
  if (window !== undefined && f.sampling !== undefined) return sampledValue(f, e, methods, draft);
  if (window !== undefined && partition !== undefined && methods.sources !== undefined)
    return perIntervalValue(f, e, methods, intervals, draft);
  if (window !== undefined && (partition !== undefined || methods.sources === undefined)) return pooledValue(f, e, intervals, draft);
  return acrossSources(f, e, methods, draft);
}
