/**
 * The best bid and offer over a settlement period, for the daily step `midpoint of bid and offer from … to …`: a
 * tape of quote updates (each sets one side's best price from its time on, or withdraws it) and the time-weighted
 * average of the midpoint over the part of the period in which both a bid and an offer stood. Exact: durations in
 * whole microseconds, the average a ratio.
 */
import type { Decimal } from "../numbers/decimal.js";
import { Ratio } from "../numbers/ratio.js";

/** One quote update: from `time` on, the best price of `side` is `price` (null: no bid, or no offer, stands). */
export interface QuoteUpdate {
  /** Epoch microseconds; the tape is in time order, updates at the same time applied in order. */
  readonly time: number;
  readonly side: "bid" | "offer";
  readonly price: Decimal | null;
}

/** The time-weighted midpoint of a period, or a crossed market found in it. */
export type PeriodMidpoint =
  | {
      readonly ok: true;
      /** Updates strictly inside the period (the quotes standing at its start count as well). */
      readonly updates: number;
      /** Microseconds of the period in which both sides stood, and of the whole period. */
      readonly twoSided: bigint;
      readonly period: bigint;
      /** Σ midpoint × duration / Σ duration over the two-sided time; undefined when there was none. */
      readonly midpoint: Ratio | undefined;
    }
  | { readonly ok: false; readonly time: number; readonly bid: Decimal; readonly offer: Decimal };

/**
 * The time-weighted midpoint of the best bid and offer from `start` to `end` (epoch microseconds): the quotes
 * standing at the start are those of the last updates at or before it; each later update inside the period ends
 * one stretch and starts the next; a stretch without both sides counts for nothing. A stretch in which the bid is
 * above the offer (a crossed market) stops the computation: there is no midpoint to weigh.
 */
export function periodMidpoint(tape: readonly QuoteUpdate[], start: number, end: number): PeriodMidpoint {
  let bid: Decimal | null = null;
  let offer: Decimal | null = null;
  let i = 0;
  for (; i < tape.length && tape[i]!.time <= start; i++) [bid, offer] = applied(tape[i]!, bid, offer);
  let sum = Ratio.ZERO;
  let twoSided = 0n;
  let cursor = start;
  let updates = 0;
  const stretch = (to: number): PeriodMidpoint | undefined => {
    if (bid === null || offer === null || to <= cursor) return undefined;
    if (bid.cmp(offer) > 0) return { ok: false, time: cursor, bid, offer };
    const d = BigInt(to - cursor);
    sum = sum.add(Ratio.fromDecimal(bid.add(offer)).mul(Ratio.of(d, 2n)));
    twoSided += d;
    return undefined;
  };
  for (; i < tape.length && tape[i]!.time < end; i++) {
    const crossed = stretch(tape[i]!.time);
    if (crossed !== undefined) return crossed;
    cursor = tape[i]!.time;
    [bid, offer] = applied(tape[i]!, bid, offer);
    updates++;
  }
  const crossed = stretch(end);
  if (crossed !== undefined) return crossed;
  return {
    ok: true,
    updates,
    twoSided,
    period: BigInt(end - start),
    midpoint: twoSided === 0n ? undefined : sum.div(Ratio.of(twoSided)),
  };
}

function applied(u: QuoteUpdate, bid: Decimal | null, offer: Decimal | null): [Decimal | null, Decimal | null] {
  return u.side === "bid" ? [u.price, offer] : [bid, u.price];
}

/** Microseconds as seconds, for the certificate: `45`, `0.5`. */
export function seconds(micros: bigint): string {
  return Ratio.of(micros, 1_000_000n).toString();
}
