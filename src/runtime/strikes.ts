/**
 * Strike listing schedules: the strikes an exchange lists for a contract month around a reference price, tier by
 * tier, as CME writes them for options on Bitcoin futures ("Nearest four contract months: 500 point strike
 * increments from 50% below to 50% above the ATM strike price. Nearest three contract months: 100 point strike
 * increments from 30% below to 30% above the ATM strike price."). Exact; pure.
 */
import { Decimal } from "./numbers/decimal.js";
import { Ratio } from "./numbers/ratio.js";

/** One tier: strikes every `interval` from `below`% below to `above`% above the at-the-money strike. */
export interface StrikeTier {
  /** The interval between strikes, in the contract's price unit (a canonical decimal). */
  readonly interval: string;
  /** Percentages of the at-the-money strike (canonical decimals: `50` is 50%). */
  readonly below: string;
  readonly above: string;
  /** The tier lists strikes only in the nearest N listed months; null: in every listed month. */
  readonly nearestMonths: number | null;
}

/** What one tier lists for a month: its at-the-money strike, range and strikes, or why it lists none. */
export interface ListedTier {
  readonly tier: number;
  readonly interval: string;
  readonly below: string;
  readonly above: string;
  readonly nearestMonths: number | null;
  /** False when the month is not among the tier's nearest months: the tier lists nothing for it. */
  readonly applies: boolean;
  readonly atTheMoney: string | null;
  readonly low: string | null;
  readonly high: string | null;
  readonly strikes: readonly string[];
}

/** At most this many strikes a listing computes (a tier of a tiny interval over a wide range is refused). */
export const MAX_LISTED_STRIKES = 100_000;

/**
 * The strikes listed for a contract month that is the `rank`-th nearest of the months listed (1: the nearest),
 * around `reference` (the underlying's prior settlement). A tier's at-the-money strike is the reference rounded to
 * the nearest multiple of its interval (half up); its range runs from that strike less `below`% of it to that strike
 * plus `above`% of it, both ends included; it lists every positive multiple of its interval in the range. The month's
 * strikes are the union of its tiers', in ascending order. A string: why the listing is refused.
 */
export function listStrikes(
  tiers: readonly StrikeTier[],
  reference: Decimal,
  rank: number,
): { readonly tiers: readonly ListedTier[]; readonly strikes: readonly string[] } | string {
  if (!reference.isPositive()) return `the reference price ${reference.toString()} is not above zero`;
  const listed: ListedTier[] = [];
  const all = new Map<string, Decimal>();
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    const head = { tier: i + 1, interval: t.interval, below: t.below, above: t.above, nearestMonths: t.nearestMonths };
    if (t.nearestMonths !== null && rank > t.nearestMonths) {
      listed.push({ ...head, applies: false, atTheMoney: null, low: null, high: null, strikes: [] });
      continue;
    }
    const step = Decimal.of(t.interval);
    const atm = Ratio.fromDecimal(reference).roundToIncrement(step, "half-up");
    const a = Ratio.fromDecimal(atm);
    const low = a.sub(a.mul(Ratio.fromDecimal(Decimal.of(t.below))).div(Ratio.of(100n)));
    const high = a.add(a.mul(Ratio.fromDecimal(Decimal.of(t.above))).div(Ratio.of(100n)));
    const s = Ratio.fromDecimal(step);
    // The multiples k × step with low ≤ k × step ≤ high and k ≥ 1.
    const first = ceilDiv(low.div(s));
    const last = floorDiv(high.div(s));
    const from = first < 1n ? 1n : first;
    if (last - from + 1n > BigInt(MAX_LISTED_STRIKES))
      return `tier ${i + 1} would list ${(last - from + 1n).toString()} strikes, more than ${MAX_LISTED_STRIKES}`;
    const strikes: string[] = [];
    for (let k = from; k <= last; k++) {
      const d = step.mul(Decimal.fromBigInt(k));
      strikes.push(d.toString());
      all.set(d.toString(), d);
    }
    if (all.size > MAX_LISTED_STRIKES) return `the tiers would list more than ${MAX_LISTED_STRIKES} strikes`;
    listed.push({ ...head, applies: true, atTheMoney: atm.toString(), low: low.toString(), high: high.toString(), strikes });
  }
  const strikes = [...all.values()].sort((x, y) => x.cmp(y)).map((d) => d.toString());
  return { tiers: listed, strikes };
}

function floorDiv(r: Ratio): bigint {
  const q = r.num / r.den;
  return r.num < 0n && q * r.den !== r.num ? q - 1n : q;
}

function ceilDiv(r: Ratio): bigint {
  return -floorDiv(r.neg());
}
