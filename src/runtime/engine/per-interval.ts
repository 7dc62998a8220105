/**
 * The per-interval pipeline of a partitioned window whose methodology also aggregates sources: for each interval,
 * first each source's value from its own trades in that interval (`aggregate trades by …`), then the cross-source
 * value of the interval (`aggregate sources by …`, or the degradation rule for the number of sources with a value
 * in it), then the index value from the interval values (`aggregate intervals by …`). This is the order of the
 * Deribit and FTSE crypto index methodologies ("the median of the constituent exchanges' prices … the index value
 * is the average of these values over the window"), as opposed to pooling every venue's trades per interval (the
 * CME CF reference rates), which a partitioned window without `aggregate sources` does. Exact {@link Ratio}s.
 */
import { Ratio } from "../numbers/ratio.js";
import type { AggregationMethod } from "../spec.js";
import { type AggregationResult, type Item, aggregate } from "./aggregation.js";
import { type RowList, isoMicros } from "./selection.js";
import type { IntervalBounds } from "./windows.js";

/** One source's value in one interval (null: too few trades, or its method had no value; `note` says which). */
export interface IntervalSourceValue {
  readonly source: string;
  readonly trades: number;
  readonly value: string | null;
  readonly note: string | null;
}

/** One interval of the per-interval pipeline, as its certificate shows it. */
export interface IntervalWithSources {
  readonly from: string;
  readonly to: string;
  readonly trades: number;
  readonly value: string | null;
  readonly note: string | null;
  /** Each used source's value in this interval, in the order of the constituents. */
  readonly sources: readonly IntervalSourceValue[];
}

/** What the pipeline reads: the partition, the eligible sources' rows and the methods. */
export interface PerIntervalInput {
  /** The intervals of the partition, in time order (runtime/engine/windows.ts `intervalsOf`). */
  readonly intervals: readonly IntervalBounds[];
  readonly time: Float64Array;
  /** Constituent positions of the eligible sources, ascending. */
  readonly used: readonly number[];
  readonly names: readonly string[];
  /** Each constituent's rows inside the window, ascending (row numbers are in time order). */
  readonly rowsBySource: readonly RowList[];
  /** A source needs at least this many trades in an interval to have a value there. */
  readonly minTrades: number;
  /** An interval needs at least this many source values (the index's minimum number of sources). */
  readonly minSources: number;
  readonly empty: "skip" | "fail";
  readonly tradesMethod: AggregationMethod;
  readonly intervalsMethod: AggregationMethod;
  /** The method combining `n` source values: the degradation rule for `n` sources, else `aggregate sources`. */
  readonly sourcesMethodFor: (n: number) => AggregationMethod;
  /** Aggregates rows of one source (may reorder them in place); `end` is the end of their interval. */
  readonly aggregateRows: (m: AggregationMethod, rows: Uint32Array, k: number, end: number) => AggregationResult;
  readonly volumeOf: (rows: ArrayLike<number>) => Ratio;
  readonly weightOf: (k: number) => Ratio;
}

/** The index value before rounding, or the failure; the intervals as far as they were computed either way. */
export type PerIntervalResult =
  | { readonly ok: true; readonly value: Ratio; readonly intervals: readonly IntervalWithSources[] }
  | {
      readonly ok: false;
      readonly kind: "empty-interval" | "aggregation";
      readonly message: string;
      readonly intervals: readonly IntervalWithSources[];
    };

/** Runs the per-interval pipeline: per source, then across sources, in each interval; then across intervals. */
export function perIntervalSources(input: PerIntervalInput): PerIntervalResult {
  const { used, time } = input;
  const rows = used.map((k) => Uint32Array.from(input.rowsBySource[k]!));
  const next = used.map(() => 0);
  const intervals: IntervalWithSources[] = [];
  const values: Item[] = [];
  for (let i = 0; i < input.intervals.length; i++) {
    const { from: a, to: b, cut } = input.intervals[i]!;
    const perSource: IntervalSourceValue[] = [];
    const items: Item[] = [];
    let trades = 0;
    used.forEach((k, j) => {
      const all = rows[j]!;
      // Inner boundaries are half-open [a, b); the window's own bounds apply at its ends (rows are already inside).
      const start = next[j]!;
      let p = start;
      while (p < all.length && time[all[p]!]! < cut) p++;
      next[j] = p;
      const slice = all.subarray(start, p);
      trades += slice.length;
      const name = input.names[k]!;
      if (slice.length < input.minTrades) {
        if (slice.length > 0)
          perSource.push({ source: name, trades: slice.length, value: null, note: `fewer than ${input.minTrades} trades` });
        return;
      }
      const volume = input.volumeOf(slice);
      const r = input.aggregateRows(input.tradesMethod, slice, k, b);
      if (!r.ok) {
        perSource.push({ source: name, trades: slice.length, value: null, note: r.reason });
        return;
      }
      perSource.push({ source: name, trades: slice.length, value: r.value.toString(), note: null });
      items.push({ value: r.value, volume, weight: input.weightOf(k) });
    });
    const from = isoMicros(a),
      to = isoMicros(b);
    const needed = Math.max(1, input.minSources);
    let value: Ratio | undefined;
    let note: string;
    if (items.length < needed)
      note =
        trades === 0
          ? "no trades"
          : items.length === 0
            ? "no source value"
            : `${items.length} source value(s), fewer than the minimum of ${needed}`;
    else {
      const r = aggregate(input.sourcesMethodFor(items.length), items);
      if (r.ok) value = r.value;
      note = r.ok ? "" : r.reason;
    }
    if (value === undefined) {
      intervals.push({ from, to, trades, value: null, note, sources: perSource });
      if (input.empty === "fail")
        return { ok: false, kind: "empty-interval", message: `interval ${i + 1} (${from} to ${to}): ${note}`, intervals };
      continue;
    }
    let volume = Ratio.ZERO;
    for (const it of items) volume = volume.add(it.volume);
    values.push({ value, volume, weight: Ratio.of(1n) });
    intervals.push({ from, to, trades, value: value.toString(), note: null, sources: perSource });
  }
  if (values.length === 0) return { ok: false, kind: "empty-interval", message: "every interval is empty", intervals };
  const r = aggregate(input.intervalsMethod, values);
  return r.ok ? { ok: true, value: r.value, intervals } : { ok: false, kind: "aggregation", message: r.reason, intervals };
}
