/**
 * The strikes an option lists for a contract month on a date around a reference price (`termsheet strikes`): the
 * month's rank among the months listed that day (for tiers of the nearest N months), then each tier in force that
 * day (runtime/strikes.ts). Pure; the CLI prints it.
 */
import { Decimal, parseInputDecimal } from "../numbers/decimal.js";
import { describeScheduleError, isoSchedule, type ScheduleInput } from "../schedule/index.js";
import type { AnyContract } from "../spec.js";
import { listStrikes, type ListedTier } from "../strikes.js";
import { inForce } from "../versions.js";

/** The answer of `termsheet strikes`. */
export interface StrikesReport {
  readonly contract: string;
  readonly period: string;
  readonly symbol: string;
  readonly on: string;
  readonly reference: string;
  /** The month's place among the months listed on `on`, nearest first (1 = the nearest), of `listed`. */
  readonly rank: number;
  readonly listed: number;
  readonly tiers: readonly ListedTier[];
  readonly strikes: readonly string[];
  /** The clause references of the tiers in force. */
  readonly clauses: readonly string[];
}

/** The strikes of `contract`'s month `period` listed on `on` around `reference`, or why there are none. */
export function strikesListed(
  spec: ScheduleInput & { readonly contracts: Readonly<Record<string, AnyContract>> },
  contract: string,
  q: { readonly period: string; readonly reference: string; readonly on: string; readonly asOf?: string | undefined },
): StrikesReport | { readonly error: string } {
  const c = spec.contracts[contract];
  if (c === undefined || c.kind !== "option") return { error: `${contract} is not an option of this spec` };
  const tiers = (c.strikeListing ?? []).filter((t) => inForce(t, q.on));
  if (tiers.length === 0)
    return { error: `${contract} states no strike listing schedule in force on ${q.on} (\`strikes listed every …\`)` };
  const ref = parseInputDecimal(q.reference);
  if (ref === undefined || !ref.ok) return { error: `--reference: ${JSON.stringify(q.reference)} is not a decimal price` };
  const listed = isoSchedule(spec, q.asOf).listed(contract, q.on);
  if (!listed.ok)
    return { error: listed.error.kind === "invalid-date" ? `not a date: ${listed.error.text}` : describeScheduleError(listed.error) };
  const i = listed.value.findIndex((l) => l.period === q.period);
  if (i < 0)
    return {
      error: `${contract} ${q.period} is not listed on ${q.on}: the listed months are ${listed.value.map((l) => l.period).join(", ")}`,
    };
  const r = listStrikes(
    tiers.map((t) => t.value),
    Decimal.of(ref.value.toString()),
    i + 1,
  );
  if (typeof r === "string") return { error: r };
  return {
    contract,
    period: q.period,
    symbol: listed.value[i]!.symbol,
    on: q.on,
    reference: ref.value.toString(),
    rank: i + 1,
    listed: listed.value.length,
    tiers: r.tiers,
    strikes: r.strikes,
    clauses: tiers.flatMap((t) => t.clauses),
  };
}
