/**
 * The sampled pipeline of an index that declares `sample every 4 seconds, prices held for up to 3 minutes, empty
 * samples skip`: at each sample instant of the window (its start, then every interval; each end sampled when the
 * window's bound includes it), each used source's price is its latest observation at or before the instant (several
 * at that same instant averaged), held for at most the holding time; the sources with a price are combined
 * (`aggregate sources by …`, or the degradation rule for their number), and the sample values are combined
 * (`aggregate samples by mean`: the time-weighted average of the index, the samples being evenly spaced). This is
 * the Deribit expiry price ("the time-weighted average of the Deribit index over the last 30 min before the expiry.
 * The Deribit index gets calculated every 4 seconds"). Exact {@link Ratio}s; linear in rows plus samples × sources.
 */
import { Ratio } from "../numbers/ratio.js";
import type { AggregationMethod } from "../spec.js";
import { type Item, aggregate } from "./aggregation.js";
import { type RowList, isoMicros, rowsSlice } from "./selection.js";

/** Twice runtime/bounds.ts's bound on intervals (1,000,000), written out: the settlement runtime's declarations stay as they were. */
const MAX_STEPS = 2_000_000;

/** One source's held price at one sample (null: none held; `note` says why). */
export interface SampleSourcePrice {
  readonly source: string;
  readonly value: string | null;
  /** When the held price was observed, or null when none is held. */
  readonly observed: string | null;
  readonly note: string | null;
}

/** One sample of a sampled index, as its certificate shows it. */
export interface SampleValue {
  readonly at: string;
  /** The number of sources holding a price at the sample. */
  readonly sources: number;
  readonly value: string | null;
  readonly note: string | null;
  readonly prices: readonly SampleSourcePrice[];
}

/** What the sampled pipeline reads. */
export interface SamplingInput {
  /** The window's start and end in epoch microseconds, and whether each end is itself sampled. */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly fromInclusive: boolean;
  readonly toInclusive: boolean;
  /** The sampling interval and the holding time in microseconds. */
  readonly every: number;
  readonly hold: number;
  readonly time: Float64Array;
  /** Constituent positions of the used sources, ascending. */
  readonly used: readonly number[];
  readonly names: readonly string[];
  /** Each constituent's rows from the holding time before the window's start to its end, ascending. */
  readonly rowsBySource: readonly RowList[];
  /** A sample needs at least this many source prices (the index's minimum number of sources). */
  readonly minSources: number;
  readonly empty: "skip" | "fail";
  readonly samplesMethod: AggregationMethod;
  /** The method combining `n` source prices: the degradation rule for `n` sources, else `aggregate sources`. */
  readonly sourcesMethodFor: (n: number) => AggregationMethod;
  /** The price of rows observed at the same instant by one source (their mean). */
  readonly priceOf: (rows: readonly number[], k: number) => Ratio;
  readonly weightOf: (k: number) => Ratio;
}

/** The index value before rounding, or the failure; the samples as far as they were computed either way. */
export type SamplingResult =
  | { readonly ok: true; readonly value: Ratio; readonly samples: readonly SampleValue[] }
  | {
      readonly ok: false;
      readonly kind: "empty-interval" | "aggregation" | "time";
      readonly message: string;
      readonly samples: readonly SampleValue[];
    };

/** Runs the sampled pipeline: at each sample, each source's held price, then across sources; then across samples. */
export function sampledIndex(input: SamplingInput): SamplingResult {
  const { used, time, every } = input;
  const samples: SampleValue[] = [];
  const span = input.windowEnd - input.windowStart;
  if (every <= 0 || span % every !== 0)
    return {
      ok: false,
      kind: "time",
      message: `the window is ${span / 1_000_000} seconds long on this date (a clock change?), not a whole number of ${every / 1_000_000}-second samples`,
      samples,
    };
  const steps = span / every;
  // The checker and the loader bound a sole window's samples by the count bound; a window with versions, or 25 hours
  // long on a day the clocks change, is bounded here (twice the bound), so a fixing's work stays bounded.
  if (steps > MAX_STEPS)
    return { ok: false, kind: "time", message: `the window would hold ${steps} samples, more than the bound`, samples };
  // Per source: the next row not yet passed, and the held price of the group of rows at the latest instant.
  const next = used.map(() => 0);
  const held = used.map((): { end: number; value: Ratio } | null => null);
  const values: Item[] = [];
  const needed = Math.max(1, input.minSources);
  for (let i = input.fromInclusive ? 0 : 1; i <= steps - (input.toInclusive ? 0 : 1); i++) {
    const t = input.windowStart + i * every;
    const at = isoMicros(t);
    const prices: SampleSourcePrice[] = [];
    const items: Item[] = [];
    used.forEach((k, j) => {
      const rows = input.rowsBySource[k]!;
      let p = next[j]!;
      while (p < rows.length && time[rows[p]!]! <= t) p++;
      next[j] = p;
      const name = input.names[k]!;
      if (p === 0) {
        prices.push({ source: name, value: null, observed: null, note: "no price within the holding time" });
        return;
      }
      const last = time[rows[p - 1]!]!;
      if (t - last > input.hold) {
        prices.push({ source: name, value: null, observed: isoMicros(last), note: "held price older than the holding time" });
        return;
      }
      let h = held[j]!;
      if (h === null || h.end !== p) {
        let s = p - 1;
        while (s > 0 && time[rows[s - 1]!]! === last) s--;
        h = { end: p, value: input.priceOf(rowsSlice(rows, s, p), k) };
        held[j] = h;
      }
      prices.push({ source: name, value: h.value.toString(), observed: isoMicros(last), note: null });
      items.push({ value: h.value, volume: Ratio.ZERO, weight: input.weightOf(k) });
    });
    let value: Ratio | undefined;
    let note: string;
    if (items.length < needed)
      note = items.length === 0 ? "no source price" : `${items.length} source price(s), fewer than the minimum of ${needed}`;
    else {
      const r = aggregate(input.sourcesMethodFor(items.length), items);
      if (r.ok) value = r.value;
      note = r.ok ? "" : r.reason;
    }
    if (value === undefined) {
      samples.push({ at, sources: items.length, value: null, note, prices });
      if (input.empty === "fail")
        return { ok: false, kind: "empty-interval", message: `sample ${samples.length} (${at}): ${note}`, samples };
      continue;
    }
    values.push({ value, volume: Ratio.ZERO, weight: Ratio.of(1n) });
    samples.push({ at, sources: items.length, value: value.toString(), note: null, prices });
  }
  if (values.length === 0) return { ok: false, kind: "empty-interval", message: "every sample is empty", samples };
  const r = aggregate(input.samplesMethod, values);
  return r.ok ? { ok: true, value: r.value, samples } : { ok: false, kind: "aggregation", message: r.reason, samples };
}

/** The certificate lines of the samples: one line each, a run of samples without a price folded into one. */
export function sampleLines(samples: readonly SampleValue[]): string[] {
  const lines: string[] = [];
  const empty = (s: SampleValue): boolean => s.value === null && s.sources === 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    let j = i;
    while (empty(s) && j + 1 < samples.length && empty(samples[j + 1]!) && samples[j + 1]!.note === s.note) j++;
    if (j > i) {
      lines.push(`  samples ${i + 1} to ${j + 1} ${s.at} to ${samples[j]!.at}: skipped (${s.note ?? "no value"})`);
      i = j;
      continue;
    }
    const prices = s.prices.map((p) => `${p.source} ${p.value ?? `none (${p.note ?? "no price"})`}`).join(", ");
    lines.push(`  sample ${i + 1} ${s.at}: ${s.value ?? `skipped (${s.note ?? "no value"})`} from ${prices}`);
  }
  return lines;
}
