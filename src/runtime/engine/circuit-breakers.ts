/**
 * Dynamic circuit breakers, as CME Globex runs them ("Dynamic Circuit Breakers", CME Group Client Systems Wiki): a
 * variant, "Previous Days settle * DCB percentage Value = DCB variant (rounded down to nearest tradable tick)"; limits
 * from "a rolling 60-minute look-back window … The high and low prices within the window plus or minus the variant
 * determine the DCB high bid and low ask limits"; a trigger moves the market into "a two minute pre-open state", and
 * "When trading resumes, the 60-minute look-back window restarts". Given a price path, when trading halts and which
 * limits applied. Exact; pure.
 */
import { Decimal } from "../numbers/decimal.js";
import { Ratio } from "../numbers/ratio.js";
import { applyRounding } from "./settlement.js";
import type { TickTable } from "./index-types.js";
import type { ClockDuration, DynamicLimit } from "../spec.js";

export type { ClockDuration, DynamicLimit } from "../spec.js";

/** One point of a price path: an instant (epoch microseconds) and a price. */
export interface PathPoint {
  readonly time: number;
  readonly price: Decimal;
}

/** A halt: the point that triggered it, the limits it crossed, and when trading resumes. */
export interface Halt {
  readonly at: number;
  readonly price: string;
  readonly lower: string;
  readonly upper: string;
  readonly resumes: number;
}

/** What the path met: the variant, each halt, and the points left out because trading was halted at their time. */
export interface CircuitBreakerRun {
  readonly variant: string;
  readonly halts: readonly Halt[];
  readonly haltedPoints: number;
}

const MICROS: Record<ClockDuration["unit"], bigint> = { seconds: 1_000_000n, minutes: 60_000_000n, hours: 3_600_000_000n };

/** A duration in microseconds (whole: the checker holds lengths to whole microseconds of the unit's multiples). */
export function micros(d: ClockDuration): number {
  const r = Ratio.fromDecimal(Decimal.of(d.amount)).mul(Ratio.of(MICROS[d.unit]));
  return Number(r.num / r.den);
}

/** The variant: the prior settlement × percent / 100, rounded as declared (a string: why it cannot be). */
export function dcbVariant(limit: DynamicLimit, prior: Decimal, tick: TickTable | undefined): Decimal | string {
  const exact = Ratio.fromDecimal(prior.abs())
    .mul(Ratio.fromDecimal(Decimal.of(limit.percent)))
    .div(Ratio.of(100n));
  return applyRounding(exact, limit.rounding, tick, undefined);
}

/**
 * Runs a price path (in time order) through the dynamic limits: at each point, the limits are the lowest price of
 * the look-back window plus the variant and its highest price less the variant, over the points at or after both the
 * window's start (the point's time less the window) and the last resumption, before the point; with no such point
 * (the first one, or the first after a halt), none apply. A point beyond a limit triggers a halt from its time for the
 * halt's length; points during a halt are left out (counted); the window restarts when trading resumes.
 */
export function runCircuitBreaker(limit: DynamicLimit, variant: Decimal, path: readonly PathPoint[]): CircuitBreakerRun {
  const window = micros(limit.window);
  const pause = micros(limit.halt);
  const halts: Halt[] = [];
  let restart = -Infinity;
  let haltedUntil = -Infinity;
  let haltedPoints = 0;
  for (let i = 0; i < path.length; i++) {
    const p = path[i]!;
    if (p.time < haltedUntil) {
      haltedPoints++;
      continue;
    }
    const from = Math.max(restart, p.time - window);
    let low: Decimal | undefined;
    let high: Decimal | undefined;
    for (let j = i - 1; j >= 0 && path[j]!.time >= from; j--) {
      const q = path[j]!;
      if (q.time >= p.time || q.time < restart) continue;
      if (low === undefined || q.price.cmp(low) < 0) low = q.price;
      if (high === undefined || q.price.cmp(high) > 0) high = q.price;
    }
    if (low === undefined || high === undefined) continue;
    const upper = low.add(variant);
    const lower = high.sub(variant);
    if (p.price.cmp(upper) <= 0 && p.price.cmp(lower) >= 0) continue;
    haltedUntil = p.time + pause;
    restart = haltedUntil;
    halts.push({ at: p.time, price: p.price.toString(), lower: lower.toString(), upper: upper.toString(), resumes: haltedUntil });
  }
  return { variant: variant.toString(), halts, haltedPoints };
}
