/**
 * Trade qualification (issue 15), part of the first stage of an index computation: after each source's rows are
 * selected, the trades the methodology does not qualify are left out of every later stage (values, exclusions,
 * intervals, samples), and the certificate says per source how many were left out and why. In order: a trade with a
 * volume below `exclude trades with volume below N`; then a trade whose price deviates by more than X% from the
 * source's previous qualifying trade in its rows (`exclude trades deviating more than X% from the previous trade`,
 * |p − q| > X% × |q|; a source's first qualifying trade has nothing to deviate from). Exact: integer coefficients
 * compared as bigints. A source's staleness is still judged on all its observations (its feed is live).
 */
import type { Observations } from "../market-data/index.js";
import { pow10 } from "../numbers/integers.js";
import type { Index } from "../spec.js";
import { valueOn } from "../versions.js";
import { ratioOf } from "./aggregation.js";
import type { Exclusion } from "./index-types.js";
import type { RowList } from "./selection.js";

/** The qualification rules in force on a date (either may be absent). */
export interface TradeRules {
  /** Volume coefficients below `num / den` at the observations' volume scale do not qualify. */
  readonly minVolume: { readonly num: bigint; readonly den: bigint; readonly text: string } | undefined;
  /** A deviation above `num / den` (a fraction, not a percentage) from the previous qualifying price does not qualify. */
  readonly maxJump: { readonly num: bigint; readonly den: bigint; readonly text: string } | undefined;
}

/** The rules of an index in force on a date, or undefined when it states none. */
export function tradeRulesOn(index: Index, date: string): TradeRules | undefined {
  const below = valueOn(index.excludeTradesBelow ?? [], date);
  const jump = valueOn(index.excludeTradeJumps ?? [], date);
  if (below === undefined && jump === undefined) return undefined;
  const v = below === undefined ? undefined : ratioOf(below.volume);
  const j = jump === undefined ? undefined : ratioOf(jump.percent).div(ratioOf("100"));
  return {
    minVolume: v === undefined ? undefined : { num: v.num, den: v.den, text: below!.volume },
    maxJump: j === undefined ? undefined : { num: j.num, den: j.den, text: jump!.percent },
  };
}

/**
 * The qualifying rows of each source (in their order) and one exclusion per source and rule that left any out.
 * `names[k]` is the name of constituent k, `rows[k]` its selected rows in time order.
 */
export function qualifyTrades(
  obs: Observations,
  rules: TradeRules,
  names: readonly string[],
  rows: readonly RowList[],
): { readonly rows: number[][]; readonly exclusions: Exclusion[] } {
  const exclusions: Exclusion[] = [];
  const scale = pow10(obs.volumeScale);
  const kept = rows.map((all, k) => {
    let out = [...all];
    const min = rules.minVolume;
    if (min !== undefined) {
      // volume / 10^scale < num / den  ⇔  volume × den < num × 10^scale
      const bound = min.num * scale;
      const before = out.length;
      out = out.filter((r) => BigInt(obs.volume[r]!) * min.den >= bound);
      if (out.length < before)
        exclusions.push({
          source: names[k]!,
          reason: "trade-volume",
          trades: before - out.length,
          detail: `${before - out.length} trade(s) with a volume below ${min.text}`,
        });
    }
    const jump = rules.maxJump;
    if (jump !== undefined && out.length > 1) {
      const before = out.length;
      const qualified: number[] = [out[0]!];
      let previous = BigInt(obs.price[out[0]!]!);
      for (let i = 1; i < out.length; i++) {
        const p = BigInt(obs.price[out[i]!]!);
        const change = p > previous ? p - previous : previous - p;
        const base = previous < 0n ? -previous : previous;
        // |p − q| / |q| > num / den  ⇔  |p − q| × den > num × |q|
        if (change * jump.den > jump.num * base) continue;
        qualified.push(out[i]!);
        previous = p;
      }
      out = qualified;
      if (out.length < before)
        exclusions.push({
          source: names[k]!,
          reason: "trade-jump",
          trades: before - out.length,
          detail: `${before - out.length} trade(s) priced more than ${jump.text}% from the source's previous qualifying trade`,
        });
    }
    return out;
  });
  return { rows: kept, exclusions };
}
