/**
 * Every aggregation method of the language over exact values: median (an even count takes the mean of the two
 * middle values), volume-weighted median (with both conventions at an exact half of the cumulative volume),
 * VWAP Σ(p·v)/Σv, mean, trimmed mean, capped median (averaged equally or by fixed weights), and weighted mean by
 * volume, expenditure or fixed weights. VTWAP needs the trades' instants: `volumeTimeWeighted` in index-prices.ts.
 * The general path works on {@link Ratio}s and is used for source and interval values. {@link aggregateScaled}
 * is the hot path for trades: prices and volumes are exact integer coefficients held in float64 arrays, sorted and
 * summed as such (sums are checked to stay below 2^53 and redone with bigints otherwise), so it is exact too.
 * A method that cannot produce a value (no items, zero total volume, too few items to trim) says why.
 */
import type { Ratio as RatioT } from "../numbers/ratio.js";
import { Ratio } from "../numbers/ratio.js";
import type { AggregationMethod } from "../spec.js";

/** One value to aggregate with its volume and fixed weight (1 when not stated). */
export interface Item {
  readonly value: RatioT;
  readonly volume: RatioT;
  readonly weight: RatioT;
}

/** A value, or why the method has none. */
export type AggregationResult = { readonly ok: true; readonly value: RatioT } | { readonly ok: false; readonly reason: string };

const ONE = Ratio.of(1n);
const TWO = Ratio.of(2n);
const HUNDRED = Ratio.of(100n);

/** A canonical decimal string (from the spec) as a ratio. */
export const ratioOf = (text: string): RatioT => Ratio.parse(text);

function sortedByValue(items: readonly Item[]): Item[] {
  return [...items].sort((a, b) => a.value.cmp(b.value));
}

function medianOf(values: readonly RatioT[]): RatioT {
  const s = [...values].sort((a, b) => a.cmp(b));
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : s[n / 2 - 1]!.add(s[n / 2]!).div(TWO);
}

function sum(values: readonly RatioT[]): RatioT {
  let t = Ratio.ZERO;
  for (const v of values) t = t.add(v);
  return t;
}

/** A short description of a method, for certificates (`volume-weighted-median, exact half mean-of-straddling`). */
export function describeMethod(m: AggregationMethod): string {
  switch (m.name) {
    case "volume-weighted-median":
      return `volume-weighted-median, exact half ${m.exactHalf ?? "first-reaching-half"}`;
    case "trimmed-mean":
      return `trimmed-mean, dropping ${m.trim?.highest ?? 1} highest and ${m.trim?.lowest ?? 1} lowest`;
    case "capped-median":
      return `capped-median, cap ${m.capPercent ?? "?"}%${m.weightedBy === "fixed" ? ", weighted by fixed weights" : ""}`;
    case "weighted-mean":
      return `weighted-mean by ${m.weightedBy ?? "volume"}`;
    default:
      return m.name;
  }
}

/** Aggregates exact items with a method; the result does not depend on the order of the items. */
export function aggregate(method: AggregationMethod, items: readonly Item[]): AggregationResult {
  const n = items.length;
  if (n === 0) return { ok: false, reason: "no values to aggregate" };
  switch (method.name) {
    case "median":
      return { ok: true, value: medianOf(items.map((i) => i.value)) };
    case "mean":
      return { ok: true, value: sum(items.map((i) => i.value)).div(Ratio.of(BigInt(n))) };
    case "vwap":
      return weightedMean(items, (i) => i.volume, "total volume is zero");
    case "vtwap":
      // Trades only (model/invariants.ts timeWeightedBeyondTrades): index-prices.ts weighs them by their instants.
      return { ok: false, reason: "vtwap weighs trades by the time each price stood; these values have no instant" };
    case "weighted-mean": {
      const by = method.weightedBy ?? "volume";
      if (by === "volume") return weightedMean(items, (i) => i.volume, "total volume is zero");
      if (by === "expenditure") return weightedMean(items, (i) => i.value.mul(i.volume), "total expenditure is zero");
      return weightedMean(items, (i) => i.weight, "total fixed weight is zero");
    }
    case "volume-weighted-median": {
      const s = sortedByValue(items).filter((i) => i.volume.sign() > 0);
      const total = sum(s.map((i) => i.volume));
      if (total.sign() <= 0) return { ok: false, reason: "total volume is zero" };
      let cum = Ratio.ZERO;
      for (let k = 0; k < s.length; k++) {
        cum = cum.add(s[k]!.volume);
        const c = cum.mul(TWO).cmp(total);
        if (c < 0) continue;
        if (c === 0 && (method.exactHalf ?? "first-reaching-half") === "mean-of-straddling" && k + 1 < s.length) {
          return { ok: true, value: s[k]!.value.add(s[k + 1]!.value).div(TWO) };
        }
        return { ok: true, value: s[k]!.value };
      }
      return { ok: true, value: s[s.length - 1]!.value };
    }
    case "trimmed-mean": {
      const hi = method.trim?.highest ?? 1,
        lo = method.trim?.lowest ?? 1;
      if (n <= hi + lo) return { ok: false, reason: `${n} values leave none after dropping ${hi} highest and ${lo} lowest` };
      const s = sortedByValue(items).slice(lo, n - hi);
      return { ok: true, value: sum(s.map((i) => i.value)).div(Ratio.of(BigInt(s.length))) };
    }
    case "capped-median": {
      const steps = cappedMedianSteps(method, items);
      if (method.weightedBy === "fixed") {
        const capped = items.map((i, k) => ({ ...i, value: steps.capped[k]! }));
        return weightedMean(capped, (i) => i.weight, "total fixed weight is zero");
      }
      return { ok: true, value: sum(steps.capped).div(Ratio.of(BigInt(n))) };
    }
  }
}

/** The intermediate values of a capped median, for its certificate: the median, the band and each capped value. */
export interface CappedMedianSteps {
  readonly median: RatioT;
  readonly lower: RatioT;
  readonly upper: RatioT;
  /** Each item's value clamped into [lower, upper], in the order of the items. */
  readonly capped: readonly RatioT[];
}

/**
 * The steps of a capped median (Deribit's "Step 1: median … Step 2: capped median"): the median m of the values,
 * the band m ∓ |m| × cap, and each value clamped into it. Items must not be empty.
 */
export function cappedMedianSteps(method: AggregationMethod, items: readonly Item[]): CappedMedianSteps {
  const cap = ratioOf(method.capPercent ?? "0").div(HUNDRED);
  const median = medianOf(items.map((i) => i.value));
  const width = median.abs().mul(cap);
  const lower = median.sub(width),
    upper = median.add(width);
  return { median, lower, upper, capped: items.map((i) => i.value.max(lower).min(upper)) };
}

function weightedMean(items: readonly Item[], w: (i: Item) => RatioT, zero: string): AggregationResult {
  let tw = Ratio.ZERO,
    tv = Ratio.ZERO;
  for (const i of items) {
    const wi = w(i);
    tw = tw.add(wi);
    tv = tv.add(i.value.mul(wi));
  }
  if (tw.sign() === 0) return { ok: false, reason: zero };
  return { ok: true, value: tv.div(tw) };
}

// ---------------------------------------------------------------------------------------------------------
// Hot path: trades as exact integer coefficients in float64 arrays.

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Aggregates trades `rows` (indices into `price`/`volume`, integer coefficients) with a method; the result is in
 * coefficient units (divide by the price denominator to get the value). Median, volume-weighted median, mean and
 * VWAP run on the integers directly; the other methods go through {@link aggregate}. `rows` is reordered.
 */
export function aggregateScaled(
  method: AggregationMethod,
  price: Float64Array,
  volume: Float64Array,
  rows: Uint32Array,
  volumeDenominator: bigint,
): AggregationResult {
  const n = rows.length;
  if (n === 0) return { ok: false, reason: "no trades to aggregate" };
  switch (method.name) {
    case "median": {
      const p = new Float64Array(n);
      for (let k = 0; k < n; k++) p[k] = price[rows[k]!]!;
      p.sort();
      if (n % 2 === 1) return { ok: true, value: Ratio.of(BigInt(p[(n - 1) / 2]!)) };
      return { ok: true, value: Ratio.of(BigInt(p[n / 2 - 1]!) + BigInt(p[n / 2]!), 2n) };
    }
    case "volume-weighted-median": {
      let total = 0,
        min = Infinity,
        max = 0;
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        total += volume[r]!;
        const p = price[r]!;
        if (p < min) min = p;
        if (p > max) max = p;
      }
      if (total === 0) return { ok: false, reason: "total volume is zero" };
      if (total * 2 > SAFE) return aggregate(method, itemsOf(price, volume, rows, volumeDenominator));
      const straddle = (method.exactHalf ?? "first-reaching-half") === "mean-of-straddling";
      if (max - min < BUCKETS_PER_ROW * n + MIN_BUCKETS) return volumeWeightedMedianByPrice(price, volume, rows, min, max, total, straddle);
      sortRowsByPrice(price, rows);
      let cum = 0;
      for (let k = 0; k < n; k++) {
        const r = rows[k]!;
        const v = volume[r]!;
        if (v === 0) continue;
        cum += v;
        const twice = cum * 2;
        if (twice < total) continue;
        if (twice === total && straddle) {
          let j = k + 1;
          while (j < n && volume[rows[j]!]! === 0) j++;
          if (j < n) return { ok: true, value: Ratio.of(BigInt(price[r]!) + BigInt(price[rows[j]!]!), 2n) };
        }
        return { ok: true, value: Ratio.of(BigInt(price[r]!)) };
      }
      return { ok: false, reason: "total volume is zero" };
    }
    case "mean": {
      let s = 0;
      for (let k = 0; k < n; k++) s += price[rows[k]!]!;
      if (s > SAFE) {
        let b = 0n;
        for (let k = 0; k < n; k++) b += BigInt(price[rows[k]!]!);
        return { ok: true, value: Ratio.of(b, BigInt(n)) };
      }
      return { ok: true, value: Ratio.of(BigInt(s), BigInt(n)) };
    }
    case "vwap":
    case "weighted-mean":
      if (method.name === "vwap" || (method.weightedBy ?? "volume") === "volume") {
        let pv = 0n,
          tv = 0;
        for (let k = 0; k < n; k++) {
          const r = rows[k]!;
          pv += BigInt(price[r]!) * BigInt(volume[r]!);
          tv += volume[r]!;
        }
        const tvb = tv > SAFE ? rows.reduce((a, r) => a + BigInt(volume[r]!), 0n) : BigInt(tv);
        if (tvb === 0n) return { ok: false, reason: "total volume is zero" };
        return { ok: true, value: Ratio.of(pv, tvb) };
      }
      return aggregate(method, itemsOf(price, volume, rows, volumeDenominator));
    default:
      return aggregate(method, itemsOf(price, volume, rows, volumeDenominator));
  }
}

/** Volume is summed per price, without a sort, when the prices span at most this many steps per row (plus a few). */
const BUCKETS_PER_ROW = 2;
const MIN_BUCKETS = 4096;

/**
 * The volume-weighted median of rows whose prices span few steps: the volume summed per price (one bucket per step
 * from `min` to `max`: exact, since every partial sum is at most `total`, itself at most 2^53 − 1 here), then the
 * running sum over the prices in order. This is the sorted rows' walk with the rows of one price taken together:
 * half the volume reached inside a price's rows has a next row of the same price (its straddling mean is that price),
 * and reached at a price's last row it straddles the next price with volume.
 */
function volumeWeightedMedianByPrice(
  price: Float64Array,
  volume: Float64Array,
  rows: Uint32Array,
  min: number,
  max: number,
  total: number,
  straddle: boolean,
): AggregationResult {
  const buckets = new Float64Array(max - min + 1);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    buckets[price[r]! - min]! += volume[r]!;
  }
  let cum = 0;
  for (let b = 0; b < buckets.length; b++) {
    const v = buckets[b]!;
    if (v === 0) continue;
    cum += v;
    const twice = cum * 2;
    if (twice < total) continue;
    if (twice === total && straddle) {
      let j = b + 1;
      while (j < buckets.length && buckets[j] === 0) j++;
      if (j < buckets.length) return { ok: true, value: Ratio.of(BigInt(min + b) + BigInt(min + j), 2n) };
    }
    return { ok: true, value: Ratio.of(BigInt(min + b)) };
  }
  return { ok: false, reason: "total volume is zero" };
}

/**
 * Sorts rows by price. When price × 2^k (2^k > the number of rows) stays below 2^53, each row becomes one exact
 * float64 key price·2^k + position and a native numeric sort does the work (no comparator calls); otherwise a
 * comparator sort. Ties keep no particular order, which no method depends on.
 */
function sortRowsByPrice(price: Float64Array, rows: Uint32Array): void {
  const n = rows.length;
  let max = 0;
  for (let k = 0; k < n; k++) {
    const p = price[rows[k]!]!;
    if (p > max) max = p;
  }
  let shift = 1;
  while (shift <= n) shift *= 2;
  if (max * shift + shift > SAFE) {
    rows.sort((a, b) => price[a]! - price[b]!);
    return;
  }
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[k] = price[rows[k]!]! * shift + k;
  keys.sort();
  const copy = rows.slice();
  for (let k = 0; k < n; k++) {
    const key = keys[k]!;
    rows[k] = copy[key % shift]!;
  }
}

function itemsOf(price: Float64Array, volume: Float64Array, rows: Uint32Array, volumeDenominator: bigint): Item[] {
  const out: Item[] = [];
  for (const r of rows)
    out.push({ value: Ratio.of(BigInt(price[r]!)), volume: Ratio.of(BigInt(volume[r]!), volumeDenominator), weight: ONE });
  return out;
}
