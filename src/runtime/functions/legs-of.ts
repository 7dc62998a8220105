/**
 * A spread position converted into outright positions in its legs, as an exchange clears a calendar spread trade:
 * the spread's leg prices (`leg prices from the prior daily settlement price of the near leg`) give the anchor leg its
 * prior daily settlement price and the other leg the price that makes the legs' prices add up to the spread price
 * (CME Group: "sets the nearby-expiring futures anchor leg to the prior day's settlement price"; the deferred leg is
 * "the traded calendar spread difference plus the nearby-expiring futures prior-day settlement price"). Each leg is
 * then an outright position of the spread quantity × its ratio, long for a bought leg and short for a sold one, that
 * settles at its own final settlement price on its own last trading day, under the spread's leg rounding and fallback
 * (the same as `final` settles the legs); a leg whose last trading day is after the valuation day stays open.
 */
import { parseIsoDate } from "../calendar/index.js";
import { Decimal } from "../numbers/decimal.js";
import type { Leg } from "../spec.js";
import { scheduleAsOf, versionsDate, type SettleEnv } from "./env.js";
import { finalOf, legOverride } from "./final-of.js";
import { legAnchorIndex } from "./leg-anchor.js";
import type { LegPositionReport, LegsReport, LegsReq, ReportError } from "./reports.js";
import { isError, offTick, priceDomain, positionReport, requestDecimal, resolvePeriod, type ResolvedPeriod } from "./steps.js";
import type { ContractTerms } from "./terms.js";

type Parts = Partial<Omit<LegsReport, "ok" | "error" | "kind" | "contract" | "specHash" | "period">>;

/** A spread position converted into its legs, each settled on its own expiry (or open on the valuation day). */
export function legsOf(env: SettleEnv, contract: string, req: LegsReq): LegsReport {
  const empty: LegsReport = {
    ok: false,
    error: null,
    kind: "legs",
    contract,
    symbol: null,
    period: req.period,
    specHash: env.specHash,
    date: req.date ?? null,
    quantity: null,
    spreadPrice: null,
    anchor: null,
    reference: null,
    legs: [],
    variation: null,
    currency: null,
    rules: [],
  };
  const fail = (error: ReportError, parts: Parts = {}): LegsReport => ({ ...empty, ...parts, ok: false, error });
  if (req.date !== undefined && (typeof req.date !== "string" || parseIsoDate(req.date) === undefined))
    return fail({ kind: "request", message: `date: ${JSON.stringify(req.date)} is not a date (YYYY-MM-DD)` });
  const schedule = scheduleAsOf(env, req.asOf);
  if (isError(schedule)) return fail(schedule);
  const rp = resolvePeriod(schedule, contract, req.period);
  if (isError(rp)) return fail(rp);
  const terms = env.terms(contract, versionsDate(schedule, contract, rp, rp.lastTradingDay).date);
  if (terms === undefined) return fail({ kind: "unknown-contract", message: `${contract} is not a contract of this spec` });
  const head: Parts = { symbol: rp.symbol, rules: terms.rules };
  const shape = legShape(terms, rp);
  if (typeof shape === "string") return fail({ kind: "no-rule", message: shape }, head);
  const inputs = spreadInputs(terms, req);
  if (isError(inputs)) return fail(inputs, head);
  const { quantity, spread, reference } = inputs;
  const position = { ...head, quantity: quantity.toString(), spreadPrice: spread.toString(), reference: reference.toString() };
  const legs = shape.legs.map((l) => ({ ...l, resolved: resolvePeriod(schedule, l.contract, l.period) }));
  const anchor = legs[shape.anchor]!;
  const parts = { ...position, anchor: anchor.symbol };
  if (isError(anchor.resolved)) return fail(anchor.resolved, parts);
  const anchorTerms = env.terms(
    anchor.contract,
    versionsDate(schedule, anchor.contract, anchor.resolved, anchor.resolved.lastTradingDay).date,
  );
  const refBad =
    priceDomain("the reference price", reference, anchorTerms?.negativePrices) ??
    (anchorTerms?.tick == null ? undefined : offTick("the reference price", reference, anchorTerms.tick));
  if (refBad !== undefined) return fail(refBad, parts);
  const prices = legPrices(shape, spread, reference, terms.legPricing!.anchor.kind);
  const { position: _p, reference: _r, date: _d, ...market } = req;
  const out: LegPositionReport[] = [];
  for (const [i, l] of legs.entries()) {
    const lrp = l.resolved;
    if (isError(lrp)) return fail({ kind: lrp.kind, message: `leg ${l.symbol}: ${lrp.message}` }, { ...parts, legs: out });
    const legTerms = env.terms(l.contract, versionsDate(schedule, l.contract, lrp, lrp.lastTradingDay).date);
    const price = prices[i]!;
    const bad = priceDomain(`the leg price of ${l.symbol}`, price.value, legTerms?.negativePrices);
    if (bad !== undefined) return fail(bad, { ...parts, legs: out });
    const base = {
      contract: l.contract,
      symbol: l.symbol,
      side: l.side,
      ratio: l.ratio,
      quantity: quantity
        .mul(Decimal.of(l.ratio))
        .mul(l.side === "buy" ? Decimal.ONE : Decimal.ONE.neg())
        .toString(),
      price: price.value.toString(),
      priceFrom: price.from,
      lastTradingDay: lrp.lastTradingDay,
    };
    if (req.date !== undefined && lrp.lastTradingDay > req.date) {
      out.push({ ...base, settlement: null, position: null });
      continue;
    }
    const settlement = finalOf(env, l.contract, { ...market, period: l.period }, legOverride(terms, l.declared));
    if (!settlement.ok || settlement.price === null) {
      out.push({ ...base, settlement, position: null });
      const e = settlement.error ?? { kind: "leg", message: "no price" };
      return fail({ kind: e.kind, message: `leg ${l.symbol}: ${e.message}` }, { ...parts, legs: out });
    }
    const p = positionReport(
      settlement.price,
      { quantity: base.quantity, price: base.price },
      legTerms?.multiplier ?? null,
      null,
      null,
      legTerms?.cashRounding,
    );
    if (isError(p)) return fail(p, { ...parts, legs: out });
    out.push({ ...base, settlement, position: p });
  }
  return { ...empty, ...parts, ok: true, error: null, legs: out, ...totalVariation(out) };
}

/** A leg of the spread position with its declared terms. */
interface ShapedLeg {
  readonly side: "buy" | "sell";
  readonly contract: string;
  readonly period: string;
  readonly symbol: string;
  readonly ratio: string;
  readonly declared: Leg;
}

/** The spread's two legs in force and which one is the anchor, or why the position cannot be converted. */
function legShape(terms: ContractTerms, rp: ResolvedPeriod): { readonly legs: readonly ShapedLeg[]; readonly anchor: number } | string {
  if (terms.kind !== "spread" || terms.legPricing === undefined)
    return `${terms.name} states no leg prices (\`leg prices from the prior daily settlement price of …\`): a position in it cannot be converted into its legs`;
  const declared = terms.legs ?? [];
  const legs = rp.legs ?? [];
  if (legs.length !== 2 || declared.length !== 2 || declared.some((d) => !Decimal.of(d.ratio).eq(Decimal.ONE)))
    return `${terms.name} has no two legs of ratio 1 in force for ${rp.period}`;
  const anchor = legAnchorIndex(
    declared.map((d) => d.monthsLater),
    terms.legPricing.anchor,
  );
  if (anchor === undefined) return `${terms.name}: the anchor leg of its leg prices is not one of its legs in force for ${rp.period}`;
  return { legs: legs.map((l, i) => ({ ...l, ratio: declared[i]!.ratio, declared: declared[i]! })), anchor };
}

/** The request's spread quantity, spread price (in the spread's price domain and on its tick) and reference price. */
function spreadInputs(
  terms: ContractTerms,
  req: LegsReq,
): { readonly quantity: Decimal; readonly spread: Decimal; readonly reference: Decimal } | ReportError {
  if (req.position === undefined || req.reference === undefined)
    return {
      kind: "request",
      message: "give the spread position (quantity and spread price) and the anchor leg's prior daily settlement price",
    };
  const quantity = requestDecimal("position quantity", req.position.quantity);
  if (isError(quantity)) return quantity;
  const spread = requestDecimal("position price", req.position.price);
  if (isError(spread)) return spread;
  const reference = requestDecimal("reference price", req.reference);
  if (isError(reference)) return reference;
  const bad =
    priceDomain("the spread price", spread, terms.negativePrices) ??
    (terms.tick === null ? undefined : offTick("the spread price", spread, terms.tick));
  return bad ?? { quantity, spread, reference };
}

/**
 * Each leg's price and how it was found: the anchor at the reference; the other at the price that makes
 * Σ (buy +, sell −) leg price the spread price, i.e. side × (spread − anchor side × reference).
 */
function legPrices(
  shape: { readonly legs: readonly ShapedLeg[]; readonly anchor: number },
  spread: Decimal,
  reference: Decimal,
  anchorKind: "near" | "far" | "leg",
): { readonly value: Decimal; readonly from: string }[] {
  const a = shape.legs[shape.anchor]!;
  const sign = (s: "buy" | "sell") => (s === "buy" ? Decimal.ONE : Decimal.ONE.neg());
  const anchorName = anchorKind === "leg" ? `leg ${shape.anchor + 1}` : `the ${anchorKind} leg`;
  const paren = (d: Decimal) => (d.isNegative() ? `(${d.toString()})` : d.toString());
  return shape.legs.map((l, i) => {
    if (i === shape.anchor)
      return { value: reference, from: `the prior daily settlement price of ${l.symbol} (${anchorName}, the anchor)` };
    const value = sign(l.side).mul(spread.sub(sign(a.side).mul(reference)));
    const formula =
      a.side === "buy" && l.side === "sell"
        ? `${reference.toString()} − ${paren(spread)}`
        : a.side === "sell" && l.side === "buy"
          ? `${spread.toString()} + ${reference.toString()}`
          : `${l.side === "buy" ? "" : "−"}(${spread.toString()} ${a.side === "buy" ? "−" : "+"} ${reference.toString()})`;
    const buy = shape.legs.filter((x) => x.side === "buy").map((x) => x.symbol);
    const sell = shape.legs.filter((x) => x.side === "sell").map((x) => x.symbol);
    return {
      value,
      from: `${formula} = ${value.toString()}, so that ${[...buy, ...sell.map((s) => `− ${s}`)].join(" ")} is the spread price ${spread.toString()}`,
    };
  });
}

/** Σ of the settled legs' variations when they share one currency. */
function totalVariation(legs: readonly LegPositionReport[]): { variation: string | null; currency: string | null } {
  const settled = legs.flatMap((l) => (l.position === null ? [] : [l.position]));
  if (settled.length === 0 || settled.some((p) => p.variation === null || p.currency !== settled[0]!.currency))
    return { variation: null, currency: null };
  let sum = Decimal.ZERO;
  for (const p of settled) sum = sum.add(Decimal.of(p.variation!));
  return { variation: sum.toString(), currency: settled[0]!.currency };
}
