/**
 * The second stage of an index computation: the prices of the selected rows in the index's unit, and each
 * constituent's value from its own rows. Prices are normalised to integers over one common denominator when every
 * unit factor allows it (the hot path over float64 columns); exact ratios otherwise.
 */
import { gcd, pow10 } from "../numbers/integers.js";
import { Ratio } from "../numbers/ratio.js";
import type { AggregationMethod } from "../spec.js";
import { valueOn } from "../versions.js";
import { type AggregationResult, type Item, aggregate, aggregateScaled, ratioOf } from "./aggregation.js";
import type { Fixing } from "./index-fixing.js";
import { nameAt } from "../market-data/names.js";
import { rowsSlice } from "./selection.js";

/** How the rows of a fixing are read as values in the index's unit. */
export interface Prices {
  /** The total volume of some rows. */
  volumeOf(rows: ArrayLike<number>): Ratio;
  /** The normalised value of row `r` of constituent `k`. */
  valueOfRow(r: number, k: number): Ratio;
  /** The mean of some rows of constituent `k`. */
  meanOfRows(rows: readonly number[], k: number): Ratio;
  /**
   * Aggregates rows by a method, `ks(r)` the constituent of row `r` (may reorder a Uint32Array in place); `end` is
   * the end of the period the rows cover (epoch microseconds), up to which the last price stands under `vtwap`.
   */
  aggregateRows(m: AggregationMethod, rows: number[] | Uint32Array, ks: (r: number) => number, end: number): AggregationResult;
}

/**
 * The volume-time-weighted average price of some rows: Σ(p × v × d) / Σ(v × d), where d is the time from the row's
 * instant to the next later instant among the rows, or to `end` for the rows of the last instant (rows at one instant
 * share it, whatever their order). Exact: prices are integer coefficients `coefficient(r)` over one denominator `den`,
 * volumes integer coefficients over `volumeDen` (which cancels), times whole microseconds.
 */
export function volumeTimeWeighted(
  rows: ArrayLike<number>,
  time: Float64Array,
  volume: Float64Array,
  coefficient: (r: number) => bigint,
  den: bigint,
  end: number,
): AggregationResult {
  const sorted = Array.from(rows).sort((a, b) => time[a]! - time[b]! || a - b);
  let num = 0n,
    weight = 0n;
  let g = 0;
  while (g < sorted.length) {
    const t = time[sorted[g]!]!;
    let h = g;
    while (h < sorted.length && time[sorted[h]!]! === t) h++;
    const until = h < sorted.length ? time[sorted[h]!]! : end;
    const d = BigInt(Math.max(0, until - t));
    for (let k = g; k < h; k++) {
      const r = sorted[k]!;
      const vd = BigInt(volume[r]!) * d;
      num += coefficient(r) * vd;
      weight += vd;
    }
    g = h;
  }
  if (sorted.length === 0) return { ok: false, reason: "no trades to aggregate" };
  if (weight === 0n) return { ok: false, reason: "no price stood for any time with a volume (total volume × time is zero)" };
  return { ok: true, value: Ratio.of(num, weight * den) };
}

/** The rows' prices as exact integers over one denominator (the price scale × the factors' common denominator). */
function normalised(f: Fixing, intFactor: readonly bigint[]): Float64Array | null {
  const obs = f.obs;
  if (!intFactor.some((x) => x !== 1n)) return obs.price;
  const normPrice = new Float64Array(obs.length);
  let exact = true;
  f.constituents.list.forEach((_, k) => {
    const fk = Number(intFactor[k]!);
    for (const r of f.selection.rows[k]!) {
      const v = obs.price[r]! * fk;
      if (v > Number.MAX_SAFE_INTEGER) exact = false;
      normPrice[r] = v;
    }
  });
  return exact ? normPrice : null;
}

/** The prices of a fixing's rows. */
export function pricesOf(f: Fixing): Prices {
  const obs = f.obs;
  const priceDen = pow10(obs.priceScale);
  const volumeDen = pow10(obs.volumeScale);
  let lcm = 1n;
  for (const x of f.constituents.factors) lcm = (lcm * x.den) / gcd(lcm, x.den);
  const intFactor = f.constituents.factors.map((x) => (x.num * lcm) / x.den);
  const normDen = priceDen * lcm; // normalised value = normPrice / normDen
  const normPrice = normalised(f, intFactor);
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
  const aggregateRows = (m: AggregationMethod, rows: number[] | Uint32Array, ks: (r: number) => number, end: number): AggregationResult => {
    if (m.name === "vtwap")
      return volumeTimeWeighted(rows, obs.time, obs.volume, (r) => BigInt(obs.price[r]!) * intFactor[ks(r)]!, normDen, end);
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
  return { volumeOf, valueOfRow, meanOfRows, aggregateRows };
}

/**
 * Each constituent's value from its own rows (null: none): a blend's weighted parts; without a window its latest
 * observation; sampled, its latest price in the window; else its trades aggregated by `aggregate trades` (a single
 * trade without one).
 */
export function sourceValues(f: Fixing, prices: Prices): (Ratio | null)[] {
  const { obs, window, sampling } = f;
  const tradesMethod = valueOn(f.index.aggregateTrades, f.date);
  return f.constituents.list.map((_, k) => {
    const rows = f.selection.rows[k]!;
    if (rows.length === 0) return null;
    const parts = f.constituents.blends[k];
    if (parts !== undefined) {
      // Σ weight × (the part's price; the mean of its observations at the same latest time) / Σ weight.
      let num = Ratio.ZERO,
        den = Ratio.ZERO;
      for (const p of parts) {
        const partRows = Array.from(rows).filter((r) => nameAt(obs.part, r) === p.part);
        if (partRows.length === 0) continue;
        const w = ratioOf(p.weight);
        num = num.add(prices.meanOfRows(partRows, k).mul(w));
        den = den.add(w);
      }
      return den.sign() === 0 ? null : num.div(den);
    }
    // Without a window: the latest observation (the mean of several at the same instant, in any order).
    if (window === undefined) return prices.meanOfRows(Array.from(rows), k);
    // Sampled: the latest price in the window (several at the same instant averaged).
    if (sampling !== undefined) {
      let s = rows.length - 1;
      while (s > 0 && obs.time[rows[s - 1]!] === obs.time[rows[rows.length - 1]!]) s--;
      return prices.meanOfRows(rowsSlice(rows, s, rows.length), k);
    }
    if (tradesMethod === undefined) return rows.length === 1 ? prices.valueOfRow(rows[0]!, k) : null;
    const r = prices.aggregateRows(tradesMethod, Uint32Array.from(rows), () => k, f.windowEnd);
    return r.ok ? r.value : null;
  });
}
