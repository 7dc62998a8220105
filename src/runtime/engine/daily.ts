/**
 * Daily settlement and price limits. The daily procedure tries its declared steps in order: the VWAP of the
 * contract's trades in a window (bounds inclusive or exclusive as declared), rounded with ties toward the prior
 * settlement when the rule says so; then the midpoint of the best bid and offer at a time; then the prior
 * settlement carried forward. The result names the step that produced the price and why earlier steps did not.
 * Price limits give the bands around the prior settlement; spreads settle leg by leg. Exact throughout.
 */
import { Decimal } from "../numbers/decimal.js";
import { parseIsoDate } from "../calendar/index.js";
import { placeWindow } from "./windows.js";
import type { Observations } from "../market-data/index.js";
import { Ratio } from "../numbers/ratio.js";
import { pow10 } from "../numbers/integers.js";
import { lowerBound, tickAt, type TickTable } from "./index-computation.js";
import type { DailyStep, PriceLimit, Rounding, TimeWindow } from "../spec.js";
import { inForce } from "../versions.js";
import { applyRounding, type FixingLookup } from "./settlement.js";
import { periodMidpoint, seconds, type QuoteUpdate } from "./quotes.js";

/** What the daily procedure may use. */
export interface DailyInput {
  /** The settlement date. */
  readonly date: string;
  /** The contract month's outright trades (any source). */
  readonly trades?: Observations;
  /** The best bid and offer standing at the midpoint step's time, when there was a two-sided market. */
  readonly bidAsk?: { readonly bid: Decimal; readonly ask: Decimal };
  /** The contract month's quote updates in time order, for a midpoint over a settlement period. */
  readonly quotes?: readonly QuoteUpdate[];
  /** The prior daily settlement price. */
  readonly prior?: Decimal;
  /** The contract's tick table, for rounding to the tick. */
  readonly tick?: TickTable;
  /** Settled in a strip: the months this one is settled from; absent when settled alone (deferred steps give no price). */
  readonly strip?: StripContext;
  /** The published fixings (the carry step's reference rate and interest rate); absent when none were given. */
  readonly fixings?: FixingLookup;
  /** Calendar days from the settlement date to the last trading day (the carry step's days to expiration). */
  readonly daysToExpiration?: number;
}

/** A month of the strip another one is settled from: its symbol, today's settlement and its prior settlement. */
export interface StripNeighbour {
  readonly symbol: string;
  readonly price: Decimal | undefined;
  readonly prior: Decimal | undefined;
}

/** Where a month stands in its strip. */
export interface StripContext {
  /** The lead month, settled first; null for the lead month itself. */
  readonly lead: StripNeighbour | null;
  /** The month before this one in the strip, settled before it; null for the lead month. */
  readonly preceding: StripNeighbour | null;
  /** The trades of the calendar spread between the lead month and this month (this month less the lead month). */
  readonly spreadTrades?: Observations;
  /** The spread's instrument name, for the certificate. */
  readonly spreadSymbol?: string;
}

/** The daily settlement price with the step that produced it. */
export type DailyResult =
  | {
      readonly ok: true;
      readonly price: Decimal;
      readonly step: number;
      readonly kind: DailyStep["kind"];
      readonly unrounded: string;
      readonly attempts: readonly string[];
    }
  | {
      readonly ok: false;
      readonly attempts: readonly string[];
      /**
       * Set when a step had a price it could not round as its rule says (a `half-toward-prior` tie without a prior
       * settlement, or with the prior at the tie): an error of the settlement, never resolved by a later step.
       */
      readonly error?: { readonly kind: "rounding" | "quotes"; readonly message: string };
    };

/** The error of a step whose unrounded price cannot be rounded as declared (`reason` is the rounding's own). */
function roundingError(n: number, kind: string, unrounded: Ratio, reason: string, rounding: Rounding, prior: Decimal | undefined) {
  const tie = rounding.kind !== "unrounded" && rounding.mode === "half-toward-reference" && /tie/.test(reason);
  const detail = !tie
    ? reason
    : prior === undefined
      ? "it lies exactly halfway between two ticks and no prior settlement was given to round toward"
      : `it lies exactly halfway between two ticks and the prior settlement ${prior.toString()} is that halfway value`;
  return {
    kind: "rounding" as const,
    message: `step ${n} (${kind}): the price ${unrounded.toString()} cannot be rounded as the rule says: ${detail}; no later step settles a price the rule could not decide`,
  };
}

/** Runs the daily settlement steps in order. */
export function dailySettlement(steps: readonly DailyStep[], input: DailyInput): DailyResult {
  const attempts: string[] = [];
  const day = parseIsoDate(input.date);
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const n = i + 1;
    if (!inForce(s, input.date)) {
      attempts.push(`step ${n} (${s.kind}): not in force on ${input.date}`);
      continue;
    }
    if (s.kind === "vwap") {
      const t = input.trades;
      const placed = day === undefined ? undefined : placeWindow(day, s.window);
      if (t === undefined || placed === undefined || !placed.ok) {
        attempts.push(`step ${n} (vwap): no trades given or the window cannot be placed`);
        continue;
      }
      const lo = lowerBound(t.time, placed.start * 1000, s.window.fromBound === "inclusive");
      const hi = lowerBound(t.time, placed.end * 1000, s.window.toBound === "exclusive");
      let pv = 0n,
        vol = 0n,
        count = 0;
      for (let r = lo; r < hi; r++) {
        pv += BigInt(t.price[r]!) * BigInt(t.volume[r]!);
        vol += BigInt(t.volume[r]!);
        if (t.volume[r]! > 0) count++;
      }
      if (vol === 0n) {
        attempts.push(`step ${n} (vwap): no trades with volume in the window`);
        continue;
      }
      if (s.moreThanTrades !== undefined && count <= s.moreThanTrades) {
        attempts.push(`step ${n} (vwap): ${count} trade(s) in the window, not more than ${s.moreThanTrades}`);
        continue;
      }
      const vwap = Ratio.of(pv, vol * pow10(t.priceScale));
      const price = applyRounding(vwap, s.rounding, input.tick, input.prior);
      if (typeof price === "string") {
        attempts.push(`step ${n} (vwap): ${hi - lo} trade(s), VWAP ${vwap.toString()}, which cannot be rounded: ${price}`);
        return { ok: false, attempts, error: roundingError(n, "vwap", vwap, price, s.rounding, input.prior) };
      }
      attempts.push(`step ${n} (vwap): ${hi - lo} trade(s), VWAP ${vwap.toString()}`);
      return { ok: true, price, step: n, kind: "vwap", unrounded: vwap.toString(), attempts };
    }
    if (s.kind === "net-change" || s.kind === "lead-spread") {
      const r = deferredStep(n, s, input, day);
      if (typeof r === "string") {
        attempts.push(r);
        continue;
      }
      attempts.push(r.attempt);
      if (r.error !== undefined) return { ok: false, attempts, error: r.error };
      return { ok: true, price: r.price!, step: n, kind: s.kind, unrounded: r.unrounded!, attempts };
    }
    if (s.kind === "carry-formula") {
      const r = carryStep(n, s, input);
      if (typeof r === "string") {
        attempts.push(r);
        continue;
      }
      attempts.push(r.attempt);
      if (typeof r.price === "string")
        return { ok: false, attempts, error: roundingError(n, s.kind, r.unrounded, r.price, s.rounding, input.prior) };
      return { ok: true, price: r.price, step: n, kind: s.kind, unrounded: r.unrounded.toString(), attempts };
    }
    if (s.kind === "period-midpoint") {
      const r = periodMidpointStep(n, s, input, day);
      if (typeof r === "string") {
        attempts.push(r);
        continue;
      }
      attempts.push(r.attempt);
      if (r.error !== undefined) return { ok: false, attempts, error: r.error };
      return { ok: true, price: r.price!, step: n, kind: s.kind, unrounded: r.unrounded!, attempts };
    }
    if (s.kind === "midpoint") {
      if (input.bidAsk === undefined) {
        attempts.push(`step ${n} (midpoint): no two-sided market`);
        continue;
      }
      const mid = Ratio.fromDecimal(input.bidAsk.bid).add(Ratio.fromDecimal(input.bidAsk.ask)).div(Ratio.of(2n));
      const price = applyRounding(mid, s.rounding, input.tick, input.prior);
      if (typeof price === "string") {
        attempts.push(
          `step ${n} (midpoint): bid ${input.bidAsk.bid.toString()}, offer ${input.bidAsk.ask.toString()}, midpoint ${mid.toString()}, which cannot be rounded: ${price}`,
        );
        return { ok: false, attempts, error: roundingError(n, "midpoint", mid, price, s.rounding, input.prior) };
      }
      attempts.push(`step ${n} (midpoint): bid ${input.bidAsk.bid.toString()}, offer ${input.bidAsk.ask.toString()}`);
      return { ok: true, price, step: n, kind: "midpoint", unrounded: mid.toString(), attempts };
    }
    if (input.prior === undefined) {
      attempts.push(`step ${n} (carry-forward): no prior settlement`);
      continue;
    }
    attempts.push(`step ${n} (carry-forward): prior settlement ${input.prior.toString()}`);
    return { ok: true, price: input.prior, step: n, kind: "carry-forward", unrounded: input.prior.toString(), attempts };
  }
  return { ok: false, attempts };
}

/**
 * The successive price bands around the prior settlement. A percentage limit's width is exact unless the limit says
 * how it is rounded (`, rounded to the tick down`): then the width is rounded by that mode to the increment, or to the
 * tick of the prior's tier, before it is taken from and added to the prior; an amount limit is whole ticks already.
 */
export function priceLimitBands(
  limits: readonly PriceLimit[],
  prior: Decimal,
  tick?: TickTable,
): { readonly lower: string; readonly upper: string }[] {
  const p = Ratio.fromDecimal(prior);
  return limits.map((l) => {
    let width =
      l.kind === "percent"
        ? p
            .abs()
            .mul(Ratio.fromDecimal(Decimal.of(l.percent)))
            .div(Ratio.of(100n))
        : Ratio.fromDecimal(Decimal.of(l.amount.amount));
    if (l.kind === "percent" && l.rounding !== undefined) width = roundedWidth(width, l.rounding, p, tick);
    return { lower: p.sub(width).toString(), upper: p.add(width).toString() };
  });
}

/** A limit's width rounded as declared; the tick is the one of the prior's tier. Unchanged when it cannot be rounded. */
function roundedWidth(width: Ratio, rounding: Rounding, prior: Ratio, tick: TickTable | undefined): Ratio {
  if (rounding.kind === "unrounded") return width;
  const inc = rounding.kind === "increment" ? Decimal.of(rounding.increment) : tick === undefined ? undefined : tickAt(tick, prior);
  if (inc === undefined || typeof inc === "string") return width;
  const r = applyRounding(width, { kind: "increment", increment: inc.toString(), mode: rounding.mode }, undefined);
  return typeof r === "string" ? width : Ratio.fromDecimal(r);
}

/** A spread leg's settled price with its side and ratio. */
export interface SettledLeg {
  readonly side: "buy" | "sell";
  readonly ratio: Decimal;
  readonly price: Decimal;
}

/** The spread's value from legs settled (and rounded) on their own: Σ ±ratio × price, buy legs positive; may be negative. */
export function spreadValue(legs: readonly SettledLeg[]): Decimal {
  let total = Decimal.ZERO;
  for (const l of legs) total = total.add(l.price.mul(l.ratio).mul(l.side === "buy" ? Decimal.ONE : Decimal.of("-1")));
  return total;
}

/** The VWAP of the rows of a window on a day: the number of trades with a volume and the exact VWAP (none without volume). */
export function windowVwap(
  t: Observations,
  window: TimeWindow,
  day: number,
): { readonly count: number; readonly vwap: Ratio | undefined } | undefined {
  const placed = placeWindow(day, window);
  if (!placed.ok) return undefined;
  const lo = lowerBound(t.time, placed.start * 1000, window.fromBound === "inclusive");
  const hi = lowerBound(t.time, placed.end * 1000, window.toBound === "exclusive");
  let pv = 0n,
    vol = 0n,
    count = 0;
  for (let r = lo; r < hi; r++) {
    pv += BigInt(t.price[r]!) * BigInt(t.volume[r]!);
    vol += BigInt(t.volume[r]!);
    if (t.volume[r]! > 0) count++;
  }
  return { count, vwap: vol === 0n ? undefined : Ratio.of(pv, vol * pow10(t.priceScale)) };
}

type DeferredStep = Extract<DailyStep, { kind: "net-change" | "lead-spread" }>;

/**
 * A deferred month's step: `net change of the preceding month` (prior + the preceding month's settlement − its prior)
 * or `lead month settlement plus vwap of spread trades` (the lead's settlement + the spread VWAP rounded as declared,
 * a tie toward the prior spread, this month's prior less the lead's). A string: the step gives no price, and why.
 */
function deferredStep(
  n: number,
  s: DeferredStep,
  input: DailyInput,
  day: number | undefined,
): string | { attempt: string; price?: Decimal; unrounded?: string; error?: { kind: "rounding"; message: string } } {
  const strip = input.strip;
  const head = `step ${n} (${s.kind})`;
  if (strip === undefined) return `${head}: settled only along a strip of months (no strip given)`;
  if (strip.lead === null) return `${head}: not for the lead month`;
  if (s.kind === "net-change") {
    const p = strip.preceding;
    if (p === null) return `${head}: no preceding month in the strip`;
    if (p.price === undefined) return `${head}: the preceding month ${p.symbol} has no settlement price today`;
    if (p.prior === undefined) return `${head}: the preceding month ${p.symbol} has no prior settlement`;
    if (input.prior === undefined) return `${head}: no prior settlement`;
    const change = p.price.sub(p.prior);
    const price = input.prior.add(change);
    return {
      attempt: `${head}: ${p.symbol} ${p.price.toString()} − prior ${p.prior.toString()} = ${change.toString()}, applied to the prior settlement ${input.prior.toString()}`,
      price,
      unrounded: price.toString(),
    };
  }
  const lead = strip.lead;
  if (lead.price === undefined) return `${head}: the lead month ${lead.symbol} has no settlement price today`;
  const t = strip.spreadTrades;
  const w = t === undefined || day === undefined ? undefined : windowVwap(t, s.window, day);
  if (w === undefined || w.vwap === undefined)
    return `${head}: no trades with volume of the spread ${strip.spreadSymbol ?? "with the lead month"} in the window`;
  const priorSpread = input.prior !== undefined && lead.prior !== undefined ? input.prior.sub(lead.prior) : undefined;
  const spread = applyRounding(w.vwap, s.rounding, input.tick, priorSpread);
  const trades = `${w.count} trade(s) of the spread ${strip.spreadSymbol ?? ""}`.replace(/ $/, "");
  if (typeof spread === "string")
    return {
      attempt: `${head}: ${trades}, VWAP ${w.vwap.toString()}, which cannot be rounded: ${spread}`,
      error: roundingError(n, s.kind, w.vwap, spread, s.rounding, priorSpread),
    };
  const price = lead.price.add(spread);
  return {
    attempt: `${head}: ${trades}, VWAP ${w.vwap.toString()} rounded to ${spread.toString()}, added to the lead month ${lead.symbol} ${lead.price.toString()}`,
    price,
    unrounded: Ratio.fromDecimal(lead.price).add(w.vwap).toString(),
  };
}

/**
 * The carry step: the reference rate R of the settlement date carried to expiration at the interest rate r (a
 * percentage a year), R + (d / B) × (r / 100) × R, with d the calendar days to the last trading day and B the
 * declared days in the year; exact, then rounded as declared. A string: the step gives no price, and why.
 */
function carryStep(
  n: number,
  s: Extract<DailyStep, { kind: "carry-formula" }>,
  input: DailyInput,
): string | { attempt: string; unrounded: Ratio; price: Decimal | string } {
  const head = `step ${n} (carry-formula)`;
  if (input.fixings === undefined) return `${head}: no fixings given`;
  if (input.daysToExpiration === undefined || input.daysToExpiration < 0) return `${head}: no days to expiration`;
  const ref = input.fixings.value(s.index, input.date);
  if (!ref.ok) return `${head}: no reference rate: ${ref.message}`;
  const rate = input.fixings.value(s.rate.name, input.date);
  if (!rate.ok) return `${head}: no interest rate: ${rate.message}`;
  const d = BigInt(input.daysToExpiration);
  const r = Ratio.fromDecimal(ref.value);
  const carry = r
    .mul(Ratio.fromDecimal(rate.value))
    .mul(Ratio.of(d))
    .div(Ratio.of(BigInt(s.daysInYear) * 100n));
  const value = r.add(carry);
  const formula = `${s.index} ${ref.value.toString()} + (${d} / ${s.daysInYear}) × ${rate.value.toString()}% × ${ref.value.toString()} = ${value.toString()}`;
  const price = applyRounding(value, s.rounding, input.tick, input.prior);
  return {
    attempt: typeof price === "string" ? `${head}: ${formula}, which cannot be rounded: ${price}` : `${head}: ${formula}`,
    unrounded: value,
    price,
  };
}

/**
 * The midpoint over a settlement period: the time-weighted average of (best bid + best offer) / 2 over the time both
 * stood in the window (quotes.ts), rounded as declared. A string: the step gives no price, and why.
 */
function periodMidpointStep(
  n: number,
  s: Extract<DailyStep, { kind: "period-midpoint" }>,
  input: DailyInput,
  day: number | undefined,
): string | { attempt: string; price?: Decimal; unrounded?: string; error?: { kind: "rounding" | "quotes"; message: string } } {
  const head = `step ${n} (period-midpoint)`;
  const placed = day === undefined ? undefined : placeWindow(day, s.window);
  if (placed === undefined || !placed.ok) return `${head}: the settlement period cannot be placed`;
  if (input.quotes === undefined || input.quotes.length === 0) return `${head}: no quotes given`;
  const m = periodMidpoint(input.quotes, placed.start * 1000, placed.end * 1000);
  if (!m.ok) {
    const at = new Date(m.time / 1000).toISOString();
    const message = `${head}: the market is crossed from ${at}, bid ${m.bid.toString()} above offer ${m.offer.toString()}; a crossed market has no midpoint to weigh`;
    return { attempt: message, error: { kind: "quotes", message } };
  }
  const seen = `${m.updates} quote update(s) in the period, two-sided for ${seconds(m.twoSided)} s of ${seconds(m.period)} s`;
  if (m.midpoint === undefined) return `${head}: ${seen}: no two-sided market in the settlement period`;
  const price = applyRounding(m.midpoint, s.rounding, input.tick, input.prior);
  if (typeof price === "string")
    return {
      attempt: `${head}: ${seen}, time-weighted midpoint ${m.midpoint.toString()}, which cannot be rounded: ${price}`,
      error: roundingError(n, s.kind, m.midpoint, price, s.rounding, input.prior),
    };
  return { attempt: `${head}: ${seen}, time-weighted midpoint ${m.midpoint.toString()}`, price, unrounded: m.midpoint.toString() };
}
