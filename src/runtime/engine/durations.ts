/** Clock durations in microseconds, for the stages of an index computation (its own module: index-fixing.ts and trade-qualification.ts both read it). */
import { Ratio } from "../numbers/ratio.js";
import type { Duration } from "../spec.js";
import { ratioOf } from "./aggregation.js";

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
