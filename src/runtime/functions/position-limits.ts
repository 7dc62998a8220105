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
 */
import { parseIsoDate } from "../calendar/index.js";
import { Decimal } from "../numbers/decimal.js";
import { describeScheduleError, type Listed, type Schedule } from "../schedule/index.js";
import type { AnyContract, PositionLimit } from "../spec.js";
import { inForce } from "../versions.js";
import type { ReportError } from "./reports.js";

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
export function scopeWords(scope: PositionLimit["scope"]): string {
  return scope === "spot-month"
    ? "in the spot month"
    : scope === "single-month"
      ? "in any single contract month"
      : "in all contract months combined";
}

/** What a request states about one position: its symbol, its net quantity, and whether its month is the spot month. */
export interface StatedPosition {
  readonly symbol: string;
  readonly quantity: Decimal;
  /** Whether the position's contract month is the spot month on the settlement date. */
  readonly spot: boolean;
  readonly date: string;
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
  for (const l of limits ?? []) {
    const held = l.scope === "all-months" ? net : p.quantity;
    if (l.scope === "spot-month" && !p.spot) continue;
    if (held.abs().lte(Decimal.fromInteger(l.count))) continue;
    const where =
      l.scope === "all-months"
        ? `the net position of ${held.toString()} contracts stated in all contract months combined`
        : `the position of ${held.toString()} contracts in ${p.symbol}${l.scope === "spot-month" ? `, the spot month on ${p.date},` : ""}`;
    return {
      kind: "position-limit",
      message: `position quantity: ${where} exceeds the position limit of ${l.count} contracts ${scopeWords(l.scope)}${
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
  at: { readonly symbol: string; readonly date: string },
  quantity: string,
  net?: Decimal,
): ReportError | undefined {
  if (limits === undefined || limits.length === 0) return undefined;
  const spot = limits.some((l) => l.scope === "spot-month") ? isSpotMonth(schedule, contract, at.symbol, at.date) : false;
  if (typeof spot !== "boolean") return spot;
  const q = Decimal.of(quantity);
  return positionLimitError(limits, { symbol: at.symbol, quantity: q, spot, date: at.date }, net ?? q);
}
