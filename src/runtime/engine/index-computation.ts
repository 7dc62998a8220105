/**
 * Index computation exactly as a compiled index declares it. The runtime defines its own structural input types
 * ({@link Index} and friends; the compiled model's `Index` is assignable to them, checked by a type
 * test) so it imports nothing from the compiler. For a fixing date it takes the rules in force, then: selects the
 * observations (trades inside the window with its inclusive or exclusive bounds, or each source's latest value at
 * the fixing time, several at the same instant averaged whatever their order), keeps each source's instrument of
 * highest priority that traded, normalises prices by each source's unit (source scale ÷ index scale, exact),
 * excludes stale sources and sources deviating from the median
 * of the others, checks the minimum number of sources, aggregates (pooled trades per partition then partitions;
 * with `aggregate sources` beside a partition, per interval each source's trades then the sources, then the
 * intervals (`per-interval.ts`); or source values with the degradation rule for the number of sources), applies the extreme-move rule and
 * rounds once. Intermediate values are exact {@link Ratio}s. The result carries a certificate: the inputs used,
 * every exclusion with its reason, partition values, the methods chosen and the methodology version.
 */
import { Decimal } from "../numbers/decimal.js";
import { localToInstant, parseIsoDate } from "../calendar/index.js";
import type { Observations } from "../market-data/index.js";
import type { AggregationMethod, Duration, Index, Rounding } from "../spec.js";
import { valueOn, valuesOn } from "../versions.js";
import { type Item, aggregate, aggregateScaled, describeMethod, ratioOf } from "./aggregation.js";
import { Ratio } from "../numbers/ratio.js";
import { gcd, pow10 } from "../numbers/integers.js";
import { type Selection, type SourcePlan, isoMicros, selectLatest, selectWindow } from "./selection.js";
import { type CappedMedianCertificate, cappedMedianCertificate } from "./capped-median.js";
import { type IntervalSourceValue, perIntervalSources } from "./per-interval.js";
import { type IntervalBounds, type PlacedPiece, intervalsOf, placePieces } from "./windows.js";
import { type SampleValue, sampledIndex } from "./sampling.js";

/**
 * A contract's tick table: tiers in order, each with the prices it applies to (`null`: every price). Rounding "to
 * the tick" uses the first tier whose bound admits the unrounded value, as the rulebook reads: with "0.0005 at or
 * below 0.1, 0.001 above 0.1", 0.0996 rounds on 0.0005 and 0.1234 on 0.001.
 */
export type TickTable = readonly {
  readonly tick: Decimal;
  readonly bound: { readonly relation: "at-or-below" | "above"; readonly price: Decimal } | null;
}[];

/** A tick table of one tier for every price. */
export function singleTick(tick: Decimal): TickTable {
  return [{ tick, bound: null }];
}

/** The tick a value rounds on: the first tier whose bound admits it, or why there is none. */
export function tickAt(table: TickTable, value: Ratio): Decimal | string {
  for (const t of table) {
    if (t.bound === null) return t.tick;
    const c = value.cmp(Ratio.fromDecimal(t.bound.price));
    if (t.bound.relation === "at-or-below" ? c <= 0 : c > 0) return t.tick;
  }
  return table.length === 0 ? "the tick table is empty" : `no tier of the tick table applies to ${value.toString()}`;
}

/** What to compute: the fixing date, optionally an explicit fixing instant, the previous value and the tick. */
export interface IndexRequest {
  /** The fixing date, YYYY-MM-DD. */
  readonly date: string;
  /** The fixing instant in epoch microseconds; by default the publication time on the date. */
  readonly at?: number;
  /** The previous published value, for extreme moves and ties toward the prior value. */
  readonly previous?: Decimal;
  /** The contract's tick table, when the index rounds to the tick. */
  readonly tick?: TickTable;
}

/** Why a source or data was excluded. */
export interface Exclusion {
  readonly source: string;
  readonly reason:
    "no-data" | "stale" | "deviation" | "model" | "instrument" | "part" | "not-a-constituent" | "too-few-trades" | "monitored";
  readonly detail: string;
}

/** One partition of the window. */
export interface PartitionValue {
  readonly from: string;
  readonly to: string;
  readonly trades: number;
  readonly value: string | null;
  readonly note: string | null;
  /** Each source's value in the interval, when sources are aggregated per interval (omitted otherwise). */
  readonly sources?: readonly IntervalSourceValue[];
}

/** A window (or a piece of one) placed on the fixing date, as the certificate shows it. */
export interface CertificateWindow {
  readonly from: string;
  readonly to: string;
  readonly fromBound: string;
  readonly toBound: string;
}

/** The explanation of an index value: everything needed to recompute and audit it. */
export interface IndexCertificate {
  readonly index: string;
  readonly date: string;
  readonly fixingTime: string;
  readonly methodologyVersion: string | null;
  /** The window placed on the fixing date; a window of several pieces lists the further ones in `also`. */
  readonly window: (CertificateWindow & { readonly also?: readonly CertificateWindow[] }) | null;
  readonly sources: readonly {
    readonly name: string;
    /** The model whose observations give the source's value (the first available of its `models`), or null. */
    readonly model: string | null;
    /** The instrument whose observations give the source's value (the first available of its `instruments`), or null. */
    readonly instrument: string | null;
    readonly observations: number;
    readonly value: string | null;
    readonly used: boolean;
  }[];
  readonly exclusions: readonly Exclusion[];
  readonly partitions: readonly PartitionValue[];
  readonly method: string;
  readonly unrounded: string | null;
  readonly rounding: string;
  readonly status: "published" | "flagged" | "held" | "failed";
  readonly notes: readonly string[];
  /** The steps of a capped median (present only when the value is one): median, band, capped values, weights. */
  readonly cappedMedian?: CappedMedianCertificate;
  /** The samples of a sampled index (present only when the index is sampled): each source's held price and the value. */
  readonly samples?: readonly SampleValue[];
}

/** Why no value could be fixed. */
export type IndexFailureKind =
  "unsupported" | "no-methodology" | "insufficient-sources" | "empty-interval" | "no-data" | "aggregation" | "rounding" | "time";

/** An index value with its certificate, or the failure with the certificate so far. */
export type IndexResult =
  | {
      readonly ok: true;
      readonly value: Decimal;
      readonly status: "published" | "flagged" | "held";
      readonly certificate: IndexCertificate;
    }
  | {
      readonly ok: false;
      readonly failure: { readonly kind: IndexFailureKind; readonly message: string };
      readonly certificate: IndexCertificate;
    };

const MICROS: Record<Exclude<Duration["unit"], "business-days">, bigint> = {
  seconds: 1_000_000n,
  minutes: 60_000_000n,
  hours: 3_600_000_000n,
  days: 86_400_000_000n,
};

/** A clock duration in microseconds (exact; fractional microseconds round down); business days are not clock time. */
export function durationMicros(d: Duration): number | undefined {
  if (d.unit === "business-days") return undefined;
  const r = ratioOf(d.amount).mul(Ratio.of(MICROS[d.unit]));
  return Number(r.num / r.den);
}

const iso = isoMicros;

/** First row of a sorted time column with time >= t (inclusive) or > t (exclusive). */
export function lowerBound(time: Float64Array, t: number, inclusive: boolean): number {
  let lo = 0,
    hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? time[mid]! < t : time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function roundingText(r: Rounding | undefined): string {
  if (r === undefined) return "none stated";
  return r.kind === "increment" ? `to ${r.increment} ${r.mode}` : r.kind === "tick" ? `to the tick ${r.mode}` : "unrounded";
}

/** Computes an index value from observations for a fixing date, exactly as the methodology in force declares. */
export function computeIndex(index: Index, obs: Observations, request: IndexRequest): IndexResult {
  const date = request.date;
  const exclusions: Exclusion[] = [];
  const notes: string[] = [];
  const partitions: PartitionValue[] = [];
  let method = "";
  const sourceRows: IndexCertificate["sources"][number][] = [];
  let windowCert: IndexCertificate["window"] = null;
  let capped: CappedMedianCertificate | undefined;
  let samples: readonly SampleValue[] | undefined;
  let fixingTime = "";
  const version = valueOn(index.methodology, date)?.version ?? null;
  const rounding = valueOn(index.rounding, date);
  const cert = (status: IndexCertificate["status"], unrounded: string | null): IndexCertificate => ({
    index: index.name,
    date,
    fixingTime,
    methodologyVersion: version,
    window: windowCert,
    sources: sourceRows,
    exclusions,
    partitions,
    method,
    unrounded,
    rounding: roundingText(rounding),
    status,
    notes,
    ...(capped === undefined ? {} : { cappedMedian: capped }),
    ...(samples === undefined ? {} : { samples }),
  });
  const fail = (kind: IndexFailureKind, message: string): IndexResult => ({
    ok: false,
    failure: { kind, message },
    certificate: cert("failed", null),
  });

  const day = parseIsoDate(date);
  if (day === undefined) return fail("time", `invalid date ${date}`);
  const publication = valueOn(index.publication, date);
  let at = request.at;
  if (at === undefined) {
    if (publication === undefined) return fail("time", "no fixing time: the index states no publication time and none was given");
    const r = localToInstant(day, publication.at.time, publication.at.zone);
    if (!r.ok) return fail("time", `fixing time ${publication.at.time} ${publication.at.zone}: ${r.error.kind}`);
    at = r.value * 1000;
  }
  fixingTime = iso(at);
  const indexUnit = valueOn(index.quoted, date);
  if (indexUnit === undefined) return fail("no-methodology", `${index.name} states no quote unit on ${date}`);
  const indexScale = ratioOf(indexUnit.scale);

  // Constituents in force, mapped to observation source indices.
  const constituents = valuesOn(index.sources, date);
  const byObsIndex = new Map<number, number>(); // obs source index -> constituent position
  const obsIndexOf = new Map(obs.sources.map((n, i) => [n, i]));
  const factors: Ratio[] = [];
  for (let k = 0; k < constituents.length; k++) {
    const s = constituents[k]!;
    const u = valueOn(s.quoted, date) ?? indexUnit;
    factors.push(ratioOf(u.scale).div(indexScale));
    const oi = obsIndexOf.get(s.name);
    if (oi !== undefined) byObsIndex.set(oi, k);
  }
  const priceDen = pow10(obs.priceScale);
  const volumeDen = pow10(obs.volumeScale);

  // Select rows: each source's chosen model (or instrument) by priority, inside the window or as of the fixing instant.
  const window = valueOn(index.window, date);
  const blends = constituents.map((s) => valueOn(s.blend, date));
  if (window !== undefined && blends.some((b) => b !== undefined))
    return fail("unsupported", "token-mix blends are supported for sources observed at the fixing time, not inside a trade window");
  const plans: SourcePlan[] = [];
  for (const s of constituents) {
    const models = valueOn(s.models ?? [], date);
    const instruments = valueOn(s.instruments, date);
    if (models !== undefined && instruments !== undefined)
      return fail(
        "unsupported",
        `source ${s.name} lists both models and instruments; an observation names one of them, in its instrument column`,
      );
    plans.push({
      name: s.name,
      obsIndex: obsIndexOf.get(s.name),
      list:
        models !== undefined
          ? { kind: "model", names: models }
          : instruments !== undefined
            ? { kind: "instrument", names: instruments }
            : null,
      parts: blends[constituents.indexOf(s)]?.map((p) => p.part) ?? null,
    });
  }
  const staleRule = valueOn(index.excludeStale, date);
  const staleLimit = staleRule === undefined ? undefined : durationMicros(staleRule);
  const staleness = staleLimit === undefined ? undefined : { limit: staleLimit, text: `${staleRule!.amount} ${staleRule!.unit}` };
  // A sampled index holds a price observed up to the holding time before the window's first sample.
  const sampling = valueOn(index.sampling ?? [], date);
  const hold = sampling === undefined ? 0 : (durationMicros(sampling.hold) ?? 0);
  let windowStart = 0,
    windowEnd = 0;
  let pieces: readonly PlacedPiece[] = [];
  let selection: Selection;
  if (window !== undefined) {
    const placed = placePieces(day, window);
    if (!placed.ok) return fail("time", `window ${window.from}–${window.to} ${window.zone} cannot be placed on ${date}`);
    pieces = placed.pieces;
    windowStart = pieces[0]!.start * 1000;
    windowEnd = pieces[pieces.length - 1]!.end * 1000;
    const placedCert = (p: PlacedPiece): CertificateWindow => ({
      from: iso(p.start * 1000),
      to: iso(p.end * 1000),
      fromBound: p.fromInclusive ? "inclusive" : "exclusive",
      toBound: p.toInclusive ? "inclusive" : "exclusive",
    });
    windowCert = pieces.length === 1 ? placedCert(pieces[0]!) : { ...placedCert(pieces[0]!), also: pieces.slice(1).map(placedCert) };
    if (pieces.length > 1) {
      if (sampling !== undefined) return fail("unsupported", "a sampled index samples one window, not a window of several pieces");
    }
    // As of the fixing instant: a window that has not closed by then would need observations after it.
    if (windowEnd > at)
      return fail(
        "time",
        `the window closes at ${iso(windowEnd)}, after the fixing instant ${iso(at)}: the value as of that instant would use observations after it`,
      );
    // The rows of each piece (of the one window, unless it has several pieces), in time order.
    const ranges = pieces.map((p, j): [number, number] => [
      sampling !== undefined && j === 0
        ? lowerBound(obs.time, windowStart - hold, true)
        : lowerBound(obs.time, p.start * 1000, p.fromInclusive),
      lowerBound(obs.time, p.end * 1000, !p.toInclusive),
    ]);
    const w = selectWindow(obs, plans, ranges, at, staleness);
    for (const [name, count] of [...w.foreign].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      exclusions.push({
        source: name,
        reason: "not-a-constituent",
        detail: `${count} observation(s) from a source that is not a constituent on ${date}`,
      });
    }
    selection = w;
  } else {
    // Each source's latest observation at or before the fixing time (for a blended source, the latest of each part).
    selection = selectLatest(obs, plans, lowerBound(obs.time, at, false), at, staleness);
  }
  const rowsBySource = selection.rows;
  const lastTime = selection.lastTime;
  exclusions.push(...selection.exclusions);
  constituents.forEach((s, k) => {
    const missing = selection.missingParts[k];
    if (missing != null && missing.length > 0)
      exclusions.push({ source: s.name, reason: "no-data", detail: `no ${missing.join(", ")} price at or before the fixing time` });
  });

  // Normalised integer prices when every factor allows it (hot path); exact ratios otherwise.
  let lcm = 1n;
  for (const f of factors) lcm = (lcm * f.den) / gcd(lcm, f.den);
  const intFactor = factors.map((f) => (f.num * lcm) / f.den);
  const normDen = priceDen * lcm; // normalised value = normPrice / normDen
  let normPrice: Float64Array | null = obs.price;
  if (intFactor.some((f) => f !== 1n)) {
    normPrice = new Float64Array(obs.length);
    let exact = true;
    constituents.forEach((_, k) => {
      const fk = Number(intFactor[k]!);
      for (const r of rowsBySource[k]!) {
        const v = obs.price[r]! * fk;
        if (v > Number.MAX_SAFE_INTEGER) exact = false;
        normPrice![r] = v;
      }
    });
    if (!exact) normPrice = null;
  }
  /** The total volume of some rows: the integer coefficients summed exactly, divided once (not a reduced fraction per row). */
  const volumeOf = (rows: ArrayLike<number>): Ratio => {
    let small = 0;
    let big = 0n;
    for (let i = 0; i < rows.length; i++) {
      const v = obs.volume[rows[i]!]!;
      // Every coefficient is an exact integer of at most 2^53 − 1; the running sum is flushed before it could round.
      if (small > Number.MAX_SAFE_INTEGER - v) {
        big += BigInt(small);
        small = 0;
      }
      small += v;
    }
    return Ratio.of(big + BigInt(small), volumeDen);
  };
  const valueOfRow = (r: number, k: number): Ratio => Ratio.of(BigInt(obs.price[r]!) * intFactor[k]!, normDen);
  const tradesMethod = valueOn(index.aggregateTrades, date);

  const aggregateRows = (
    m: AggregationMethod,
    rows: number[] | Uint32Array,
    ks: (r: number) => number,
  ): { ok: true; value: Ratio } | { ok: false; reason: string } => {
    if (normPrice !== null) {
      const res = aggregateScaled(m, normPrice, obs.volume, rows instanceof Uint32Array ? rows : Uint32Array.from(rows), volumeDen);
      return res.ok ? { ok: true, value: res.value.div(Ratio.of(normDen)) } : res;
    }
    const items: Item[] = [];
    for (const r of rows)
      items.push({ value: valueOfRow(r, ks(r)), volume: Ratio.of(BigInt(obs.volume[r]!), volumeDen), weight: Ratio.of(1n) });
    return aggregate(m, items);
  };

  const meanOfRows = (rows: readonly number[], k: number): Ratio => {
    let sum = Ratio.ZERO;
    for (const r of rows) sum = sum.add(valueOfRow(r, k));
    return rows.length === 1 ? sum : sum.div(Ratio.of(BigInt(rows.length)));
  };

  // Per-source values.
  const sourceValues: (Ratio | null)[] = constituents.map((s, k) => {
    const rows = rowsBySource[k]!;
    if (rows.length === 0) return null;
    const parts = blends[k];
    if (parts !== undefined) {
      // Σ weight × (the part's price; the mean of its observations at the same latest time) / Σ weight.
      let num = Ratio.ZERO,
        den = Ratio.ZERO;
      for (const p of parts) {
        const partRows = rows.filter((r) => (obs.part?.[r] ?? null) === p.part);
        if (partRows.length === 0) continue;
        const w = ratioOf(p.weight);
        num = num.add(meanOfRows(partRows, k).mul(w));
        den = den.add(w);
      }
      return den.sign() === 0 ? null : num.div(den);
    }
    // Without a window: the latest observation (the mean of several at the same instant, in any order).
    if (window === undefined) return meanOfRows(rows, k);
    // Sampled: the latest price in the window (several at the same instant averaged).
    if (sampling !== undefined) {
      let s = rows.length - 1;
      while (s > 0 && obs.time[rows[s - 1]!] === obs.time[rows[rows.length - 1]!]) s--;
      return meanOfRows(rows.slice(s), k);
    }
    if (tradesMethod === undefined) return rows.length === 1 ? valueOfRow(rows[0]!, k) : null;
    const r = aggregateRows(tradesMethod, rows, () => k);
    return r.ok ? r.value : null;
  });
  const eligible = new Array<boolean>(constituents.length).fill(true);
  constituents.forEach((s, k) => {
    if (rowsBySource[k]!.length === 0) {
      eligible[k] = false;
      exclusions.push({
        source: s.name,
        reason: "no-data",
        detail: window !== undefined ? "no observations in the window" : "no observation at or before the fixing time",
      });
    }
  });

  // A source whose fixed weight in force is 0 is kept for monitoring: observed and reported, never used.
  constituents.forEach((s, k) => {
    if (eligible[k] && valueOn(s.weight, date) !== undefined && ratioOf(valueOn(s.weight, date)!).sign() === 0) {
      eligible[k] = false;
      exclusions.push({ source: s.name, reason: "monitored", detail: "weight 0: observed for monitoring, not used" });
    }
  });

  // Minimum trades per source (when not per interval).
  const minTradesPerSource = valueOn(index.minimumTrades, date);
  if (minTradesPerSource !== undefined && !minTradesPerSource.perInterval) {
    constituents.forEach((s, k) => {
      const n = rowsBySource[k]!.length;
      if (eligible[k] && n < minTradesPerSource.count) {
        eligible[k] = false;
        exclusions.push({
          source: s.name,
          reason: "too-few-trades",
          detail: `${n} trade(s), fewer than the minimum of ${minTradesPerSource.count}`,
        });
      }
    });
  }

  // Staleness.
  const stale = valueOn(index.excludeStale, date);
  if (stale !== undefined) {
    const limit = durationMicros(stale);
    if (limit !== undefined) {
      constituents.forEach((s, k) => {
        if (eligible[k] && at! - lastTime[k]! > limit) {
          eligible[k] = false;
          exclusions.push({
            source: s.name,
            reason: "stale",
            detail: `last observation ${iso(lastTime[k]!)} is more than ${stale.amount} ${stale.unit} before the fixing time`,
          });
        }
      });
    } else notes.push("staleness in business days is not applied to intraday data");
  }

  // Deviation from the median of the others, applied once to every source simultaneously.
  const deviation = valueOn(index.excludeDeviation, date);
  if (deviation !== undefined) {
    const limit = ratioOf(deviation.percent).div(Ratio.of(100n));
    const candidates = constituents.map((_, k) => k).filter((k) => eligible[k] && sourceValues[k] !== null);
    const drop: number[] = [];
    for (const k of candidates) {
      const others = candidates.filter((j) => j !== k).map((j) => sourceValues[j]!);
      if (others.length === 0) continue;
      const sorted = others.sort((a, b) => a.cmp(b));
      const n = sorted.length;
      const med = n % 2 === 1 ? sorted[(n - 1) / 2]! : sorted[n / 2 - 1]!.add(sorted[n / 2]!).div(Ratio.of(2n));
      if (med.sign() === 0) continue;
      const dev = sourceValues[k]!.sub(med).abs().div(med.abs());
      if (dev.cmp(limit) > 0) drop.push(k);
    }
    for (const k of drop) {
      eligible[k] = false;
      exclusions.push({
        source: constituents[k]!.name,
        reason: "deviation",
        detail: `value ${sourceValues[k]!.toString()} deviates more than ${deviation.percent}% from the median of the others`,
      });
    }
  }
  constituents.forEach((s, k) =>
    sourceRows.push({
      name: s.name,
      model: plans[k]!.list?.kind === "model" ? selection.chosen[k]! : null,
      instrument: plans[k]!.list?.kind === "instrument" ? selection.chosen[k]! : null,
      observations: rowsBySource[k]!.length,
      value: sourceValues[k]?.toString() ?? null,
      used: eligible[k]!,
    }),
  );
  const used = constituents.map((_, k) => k).filter((k) => eligible[k]);

  const minimum = valueOn(index.minimumSources, date);
  if (minimum !== undefined && used.length < minimum)
    return fail("insufficient-sources", `${used.length} eligible source(s), fewer than the minimum of ${minimum}`);
  if (used.length === 0) return fail("no-data", "no eligible source");

  // Aggregate.
  let unrounded: Ratio;
  const partition = valueOn(index.partition, date);
  // A partition covers the window's nominal length; on a day the clocks change a window across the change is an
  // hour shorter or longer, and its intervals would not be the declared ones.
  const partitionLength = partition === undefined ? undefined : durationMicros(partition.length);
  let intervals: IntervalBounds[] = [];
  if (window !== undefined && partition !== undefined && partitionLength !== undefined) {
    const covered = partition.count * partitionLength;
    const length = pieces.reduce((t, p) => t + (p.end - p.start) * 1000, 0);
    const placedIntervals = intervalsOf(pieces, partition.count, partitionLength);
    if (placedIntervals === undefined)
      return fail(
        "time",
        `the window is ${length / 3_600_000_000} hours long on ${date} (a clock change), but its ${partition.count} intervals cover ${covered / 3_600_000_000} hours${pieces.length > 1 ? ", a whole number in each piece" : ""}`,
      );
    intervals = placedIntervals;
  }
  const sourcesMethod = valueOn(index.aggregateSources, date);
  const degradations = valuesOn(index.degradation, date);
  const degradationFor = (n: number) => degradations.find((d) => n >= d.minSources && (d.maxSources === null || n <= d.maxSources));
  const samplesMethod = valueOn(index.aggregateSamples ?? [], date);
  if (window !== undefined && sampling !== undefined) {
    // Sampled: at each sample each source's held price, then across sources; then across samples (sampling.ts).
    const every = durationMicros(sampling.every);
    if (every === undefined || sourcesMethod === undefined || samplesMethod === undefined)
      return fail("no-methodology", "a sampled index needs a sampling interval in clock time and methods for the sources and the samples");
    method = `at each sample every ${sampling.every.amount} ${sampling.every.unit} (prices held for up to ${sampling.hold.amount} ${sampling.hold.unit}), ${describeMethod(sourcesMethod)}${degradations.length > 0 ? " (or the degradation rule for the number of source prices)" : ""} of the sources, then ${describeMethod(samplesMethod)} of the samples`;
    const r = sampledIndex({
      windowStart,
      windowEnd,
      fromInclusive: window.fromBound === "inclusive",
      toInclusive: window.toBound === "inclusive",
      every,
      hold,
      time: obs.time,
      used,
      names: constituents.map((s) => s.name),
      rowsBySource,
      minSources: minimum ?? 1,
      empty: sampling.empty,
      samplesMethod,
      sourcesMethodFor: (n) => degradationFor(n)?.method ?? sourcesMethod,
      priceOf: meanOfRows,
      weightOf: (k) => ratioOf(valueOn(constituents[k]!.weight, date) ?? "1"),
    });
    samples = r.samples;
    if (!r.ok) return fail(r.kind, r.message);
    unrounded = r.value;
  } else if (window !== undefined && partition !== undefined && sourcesMethod !== undefined) {
    // Per interval: each source's value from its own trades, then across sources; then across intervals.
    if (tradesMethod === undefined) return fail("no-methodology", "the index states no trade aggregation");
    const len = durationMicros(partition.length);
    if (len === undefined) return fail("no-methodology", "a partition length in business days is meaningless inside a window");
    const intervalsMethod = valueOn(index.aggregateIntervals, date);
    if (intervalsMethod === undefined) return fail("no-methodology", "the index states no interval aggregation");
    const minTrades = valueOn(index.minimumTrades, date);
    method = `${describeMethod(tradesMethod)} of each source per interval, then ${describeMethod(sourcesMethod)}${degradations.length > 0 ? " (or the degradation rule for the number of source values)" : ""} of the sources, then ${describeMethod(intervalsMethod)} of ${partition.count} intervals`;
    const r = perIntervalSources({
      intervals,
      time: obs.time,
      used,
      names: constituents.map((s) => s.name),
      rowsBySource,
      minTrades: minTrades !== undefined && minTrades.perInterval ? minTrades.count : 1,
      minSources: minimum ?? 1,
      empty: valueOn(index.emptyIntervals, date) ?? "fail",
      tradesMethod,
      intervalsMethod,
      sourcesMethodFor: (n) => degradationFor(n)?.method ?? sourcesMethod,
      aggregateRows: (m, rows, k) => aggregateRows(m, rows, () => k),
      volumeOf,
      weightOf: (k) => ratioOf(valueOn(constituents[k]!.weight, date) ?? "1"),
    });
    partitions.push(...r.intervals);
    if (!r.ok) return fail(r.kind, r.message);
    unrounded = r.value;
  } else if (window !== undefined && (partition !== undefined || sourcesMethod === undefined)) {
    if (tradesMethod === undefined) return fail("no-methodology", "the index states no trade aggregation");
    // Rows of the used sources in time order (row numbers are in time order; a native typed-array sort).
    let total = 0;
    for (const k of used) total += rowsBySource[k]!.length;
    const pooled = new Uint32Array(total);
    {
      let w = 0;
      for (const k of used) for (const r of rowsBySource[k]!) pooled[w++] = r;
      pooled.sort();
    }
    const sourceOf = (r: number): number => byObsIndex.get(obs.source[r]!)!;
    const minTrades = valueOn(index.minimumTrades, date);
    if (partition === undefined) {
      method = describeMethod(tradesMethod);
      const r = aggregateRows(tradesMethod, pooled, sourceOf);
      if (!r.ok) return fail("aggregation", r.reason);
      unrounded = r.value;
    } else {
      const len = durationMicros(partition.length);
      if (len === undefined) return fail("no-methodology", "a partition length in business days is meaningless inside a window");
      const intervalsMethod = valueOn(index.aggregateIntervals, date);
      if (intervalsMethod === undefined) return fail("no-methodology", "the index states no interval aggregation");
      method = `${describeMethod(tradesMethod)} per interval, then ${describeMethod(intervalsMethod)} of ${partition.count} intervals`;
      const empty = valueOn(index.emptyIntervals, date) ?? "fail";
      const items: Item[] = [];
      let p = 0;
      for (let i = 0; i < partition.count; i++) {
        const { from: a, to: b, cut } = intervals[i]!;
        // Inner boundaries are half-open [a, b); the window's own bounds apply at its ends (rows are already inside).
        // Each interval is a disjoint slice of `pooled`, which aggregation may reorder in place.
        const start = p;
        while (p < pooled.length && obs.time[pooled[p]!]! < cut) p++;
        const rows = pooled.subarray(start, p);
        const needed = minTrades !== undefined && minTrades.perInterval ? minTrades.count : 1;
        if (rows.length < needed) {
          partitions.push({
            from: iso(a),
            to: iso(b),
            trades: rows.length,
            value: null,
            note: rows.length === 0 ? "no trades" : `fewer than ${needed} trades`,
          });
          if (empty === "fail") return fail("empty-interval", `interval ${i + 1} (${iso(a)} to ${iso(b)}) has ${rows.length} trade(s)`);
          continue;
        }
        const r = aggregateRows(tradesMethod, rows, sourceOf);
        if (!r.ok) {
          partitions.push({ from: iso(a), to: iso(b), trades: rows.length, value: null, note: r.reason });
          if (empty === "fail") return fail("empty-interval", `interval ${i + 1}: ${r.reason}`);
          continue;
        }
        items.push({ value: r.value, volume: volumeOf(rows), weight: Ratio.of(1n) });
        partitions.push({ from: iso(a), to: iso(b), trades: rows.length, value: r.value.toString(), note: null });
      }
      if (items.length === 0) return fail("empty-interval", "every interval is empty");
      capped = cappedMedianCertificate(
        intervalsMethod,
        items,
        partitions.flatMap((p, i) => (p.value === null ? [] : [`interval ${i + 1}`])),
      );
      const r = aggregate(intervalsMethod, items);
      if (!r.ok) return fail("aggregation", r.reason);
      unrounded = r.value;
    }
  } else {
    const chosen = degradationFor(used.length);
    const m = chosen?.method ?? sourcesMethod;
    if (m === undefined) return fail("no-methodology", "the index states no source aggregation");
    method =
      chosen !== undefined
        ? `${describeMethod(m)} (degradation rule for ${chosen.minSources}${chosen.maxSources === null ? " or more" : chosen.maxSources === chosen.minSources ? "" : ` to ${chosen.maxSources}`} sources; ${used.length} eligible)`
        : describeMethod(m);
    const items: Item[] = used.map((k) => {
      const s = constituents[k]!;
      return { value: sourceValues[k]!, volume: volumeOf(rowsBySource[k]!), weight: ratioOf(valueOn(s.weight, date) ?? "1") };
    });
    if (items.some((i) => i.value === null)) return fail("aggregation", "a source has no value");
    capped = cappedMedianCertificate(
      m,
      items,
      used.map((k) => constituents[k]!.name),
    );
    const r = aggregate(m, items);
    if (!r.ok) return fail("aggregation", r.reason);
    unrounded = r.value;
  }

  // Extreme moves.
  let status: "published" | "flagged" | "held" = "published";
  const extreme = valueOn(index.extremeMoves, date);
  if (extreme !== undefined && request.previous !== undefined && !request.previous.isZero()) {
    const prev = Ratio.fromDecimal(request.previous);
    const move = unrounded.sub(prev).abs().div(prev.abs());
    if (move.cmp(ratioOf(extreme.percent).div(Ratio.of(100n))) > 0) {
      status = extreme.action;
      notes.push(`moved more than ${extreme.percent}% from the previous value ${request.previous.toString()}: ${extreme.action}`);
    }
  }

  // Rounding.
  let value: Decimal | undefined;
  try {
    if (rounding === undefined || rounding.kind === "unrounded") {
      value = unrounded.toDecimal();
      if (value === undefined)
        return {
          ok: false,
          failure: {
            kind: "rounding",
            message: `the unrounded value ${unrounded.toString()} is not a terminating decimal and the index states no rounding`,
          },
          certificate: cert("failed", unrounded.toString()),
        };
    } else {
      const inc =
        rounding.kind === "increment"
          ? Decimal.of(rounding.increment)
          : request.tick === undefined
            ? "the index rounds to the contract's tick and no tick was given"
            : tickAt(request.tick, unrounded);
      if (typeof inc === "string")
        return { ok: false, failure: { kind: "rounding", message: inc }, certificate: cert("failed", unrounded.toString()) };
      value = unrounded.roundToIncrement(
        inc,
        rounding.mode,
        request.previous === undefined ? undefined : Ratio.fromDecimal(request.previous),
      );
    }
  } catch (e) {
    return {
      ok: false,
      failure: { kind: "rounding", message: e instanceof Error ? e.message : String(e) },
      certificate: cert("failed", unrounded.toString()),
    };
  }
  return { ok: true, value, status, certificate: cert(status, unrounded.toString()) };
}
