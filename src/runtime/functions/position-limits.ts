/**
 * Position limits: a settlement request that states a position larger than a limit the contract states is refused
 * with a `position-limit` error naming the limit, its scope and its clause, never settled as if the position were
 * allowed ("Any positions in excess of those permitted under the rules of the Exchange shall be deemed position limit
 * violations", CME Rulebook Rule 562; the limits of a product are those of its chapter's position-limit rule, e.g.
 * CME Chapter 350 Rule 35002.D, set out in the position limit table of Chapter 5).
 *
 * A limit counts contracts of a net position, long or short (the CME table states limits "in net futures
 * equivalents"). `in any month` bounds each contract month's position; `in the spot month` bounds the position in
 * the contract month that is the spot month on the settlement date, the listed month whose Last Trading Day is the
 * earliest on or after that date (on its Last Trading Day an expiring month is the spot month); `in all months`
 * bounds the net of the positions in every month a request states (one month for a final or daily settlement, the
 * months of a strip together).
 *
 * A limit `aggregated with` other contracts counts the holder's positions in them too ("Position Limits are
 * calculated on a net futures-equivalent basis by contract and include contracts that aggregate into one or more
 * base contracts according to the aggregation ratio(s) as set forth in the Position Limit Tables"; "If the
 * portfolio also includes position in Options on futures, it would be aggregated into the underlying futures
 * contracts in accordance with the Table on a delta equivalent value", CME Group Market Regulation, Position Limits:
 * Aggregation of Contracts and Table, on CME Rulebook Chapter 5 Rule 559). The request states each such position by contract and contract period beside its
 * own (`position.aggregated`); an option's quantity is its futures-equivalent (delta-weighted) position as the
 * Exchange computes it, which the engine takes as given. Each position counts in the limit's scope as its own
 * contract places it: in the spot month, when its period is that contract's spot period on the date; in any single
 * month, when its period is the same contract period; in all months, always.
 */
import { parseIsoDate } from "../calendar/index.js";
import { Decimal } from "../numbers/decimal.js";
import { describeScheduleError, type Listed, type Schedule } from "../schedule/index.js";
import type { AnyContract, PositionLimit } from "../spec.js";
import { inForce } from "../versions.js";
import type { AggregatedPositionReq, ReportError } from "./reports.js";
import { isError, requestDecimal, resolvePeriod } from "./steps.js";

/** A position limit in force, with the rulebook clauses that state it. */
export interface PositionLimitTerm extends PositionLimit {
  readonly clauses: readonly string[];
}

/** The position limits of a contract in force on a date (every clause in force applies), as a {@link ContractTerms} field. */
export function positionLimitsOf(c: AnyContract, date: string): { positionLimits?: readonly PositionLimitTerm[] } {
  const limits = c.positionLimits.filter((l) => inForce(l, date)).map((l) => ({ ...l.value, clauses: l.clauses }));
  return limits.length === 0 ? {} : { positionLimits: limits };
}

/** The words of a scope, as the readable contract says them. */
export function scopeWords(scope: PositionLimit["scope"], aggregatedWith?: readonly string[]): string {
  const words =
    scope === "spot-month"
      ? "in the spot month"
      : scope === "single-month"
        ? "in any single contract month"
        : "in all contract months combined";
  return aggregatedWith === undefined ? words : `${words}, aggregated with ${aggregatedWith.join(", ")}`;
}

/** What a request states about one position: its symbol, its net quantity, and whether its month is the spot month. */
export interface StatedPosition {
  readonly symbol: string;
  readonly quantity: Decimal;
  /** Whether the position's contract month is the spot month on the settlement date. */
  readonly spot: boolean;
  readonly date: string;
  /** The positions in other contracts each aggregated limit counts, by limit (index into the limits); absent: none. */
  readonly aggregated?: ReadonlyMap<number, Decimal>;
}

/**
 * The `position-limit` error of the first limit a position exceeds (the single-month and spot-month limits), or
 * undefined. `net` is the net position of every month the request states, checked against `in all months`.
 */
export function positionLimitError(
  limits: readonly PositionLimitTerm[] | undefined,
  p: StatedPosition,
  net: Decimal = p.quantity,
): ReportError | undefined {
  for (const [i, l] of (limits ?? []).entries()) {
    const own = l.scope === "all-months" ? net : l.scope === "spot-month" && !p.spot ? Decimal.ZERO : p.quantity;
    const others = p.aggregated?.get(i);
    const held = others === undefined ? own : own.add(others);
    if (l.scope === "spot-month" && !p.spot && others === undefined) continue;
    if (held.abs().lte(Decimal.fromInteger(l.count))) continue;
    const where =
      l.scope === "all-months"
        ? `the net position of ${own.toString()} contracts stated in all contract months combined`
        : `the position of ${own.toString()} contracts in ${p.symbol}${l.scope === "spot-month" ? `, the spot month on ${p.date},` : ""}`;
    const withOthers =
      others === undefined ? "" : ` together with ${others.toString()} contracts (futures-equivalent) in ${l.aggregatedWith!.join(", ")}`;
    return {
      kind: "position-limit",
      message: `position quantity: ${where}${withOthers} exceeds the position limit of ${l.count} contracts ${scopeWords(l.scope, l.aggregatedWith)}${
        l.clauses.length === 0 ? "" : ` (${l.clauses.join("; ")})`
      }`,
    };
  }
  return undefined;
}

/**
 * Whether a contract period is the spot month on a date: of the periods listed that day, the one whose Last Trading
 * Day is the earliest (on or after the day, since a period is listed until trading in it terminates).
 */
export function isSpotMonth(schedule: Schedule, contract: string, symbol: string, date: string): boolean | ReportError {
  const day = parseIsoDate(date);
  if (day === undefined) return { kind: "request", message: `date: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)` };
  const listed = schedule.listedOn(contract, day);
  if (!listed.ok) return { kind: "schedule", message: describeScheduleError(listed.error) };
  let front: Listed | undefined;
  for (const l of listed.value) if (front === undefined || l.lastTradingDay < front.lastTradingDay) front = l;
  return front?.symbol === symbol;
}

/**
 * The position limits a settlement checks for a position in one contract period on a date (the spot month found
 * only when a spot-month limit is in force); `net` is the net position of the request's months for `in all months`.
 */
export function checkPositionLimits(
  schedule: Schedule,
  contract: string,
  limits: readonly PositionLimitTerm[] | undefined,
  at: { readonly symbol: string; readonly period: string; readonly date: string },
  quantity: string,
  net?: Decimal,
  stated?: readonly AggregatedPositionReq[],
): ReportError | undefined {
  const aggregated = aggregatedPositions(schedule, contract, limits, at, stated, net !== undefined);
  if (aggregated !== undefined && !(aggregated instanceof Map)) return aggregated;
  if (limits === undefined || limits.length === 0) return undefined;
  const spot = limits.some((l) => l.scope === "spot-month") ? isSpotMonth(schedule, contract, at.symbol, at.date) : false;
  if (typeof spot !== "boolean") return spot;
  const q = Decimal.of(quantity);
  return positionLimitError(
    limits,
    { symbol: at.symbol, quantity: q, spot, date: at.date, ...(aggregated === undefined ? {} : { aggregated }) },
    net ?? q,
  );
}

/**
 * The positions stated in other contracts that each aggregated limit counts, by limit (each in the scope as its own
 * contract places it), or the request error of a position no limit in force aggregates or that does not resolve.
 * `inStrip`: the `in all months` limits are the strip's to check (over every month's positions, {@link aggregatedNet}).
 */
function aggregatedPositions(
  schedule: Schedule,
  contract: string,
  limits: readonly PositionLimitTerm[] | undefined,
  at: { readonly period: string; readonly date: string },
  stated: readonly AggregatedPositionReq[] | undefined,
  inStrip: boolean,
): Map<number, Decimal> | ReportError | undefined {
  if (stated === undefined || stated.length === 0) return undefined;
  const out = new Map<number, Decimal>();
  // The position's own period as the schedule writes it (a weekly's expiry date "2026-03-27" is "2026-W13").
  const own = resolvePeriod(schedule, contract, at.period);
  const period = isError(own) ? at.period : own.period;
  for (const [n, p] of stated.entries()) {
    const field = `position aggregated ${n + 1} (${String(p.contract)})`;
    const by = (limits ?? []).filter((l) => l.aggregatedWith?.includes(p.contract) === true);
    if (by.length === 0)
      return { kind: "request", message: `${field}: no position limit of ${contract} in force on ${at.date} is aggregated with it` };
    const q = requestDecimal(`${field} quantity`, p.quantity);
    if (isError(q)) return q;
    const rp = resolvePeriod(schedule, p.contract, p.period);
    if (isError(rp)) return { kind: rp.kind, message: `${field} period: ${rp.message}` };
    const spot = by.some((l) => l.scope === "spot-month") ? isSpotMonth(schedule, p.contract, rp.symbol, at.date) : false;
    if (typeof spot !== "boolean") return spot;
    (limits ?? []).forEach((l, i) => {
      if (l.aggregatedWith?.includes(p.contract) !== true) return;
      const counts = l.scope === "all-months" ? !inStrip : l.scope === "spot-month" ? spot : rp.period === period;
      if (counts) out.set(i, (out.get(i) ?? Decimal.ZERO).add(q));
    });
  }
  return out;
}

/**
 * The positions in other contracts that an `in all months` limit aggregated with them counts in a strip: every
 * month's stated positions in the contracts it names (each already validated by its month's own check).
 */
export function aggregatedNet(
  l: PositionLimitTerm,
  stated: readonly (readonly AggregatedPositionReq[] | undefined)[],
): Decimal | undefined {
  if (l.aggregatedWith === undefined) return undefined;
  let sum: Decimal | undefined;
  for (const p of stated.flatMap((s) => s ?? [])) {
    if (!l.aggregatedWith.includes(p.contract)) continue;
    const q = requestDecimal("position quantity", p.quantity);
    if (isError(q)) return undefined;
    sum = (sum ?? Decimal.ZERO).add(q);
  }
  return sum;
}
