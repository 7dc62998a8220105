/**
 * The final settlement of a contract period. It dispatches on the rule in force on the last trading day: an index
 * at a time or averaged over days (through the fallback waterfall), the underlying contract's final price for the
 * same period (an option on a future), or leg by leg (a spread: each leg settled as its own contract period); an
 * option then adds its exercise and payoff, and a position its variation.
 */
import { Decimal } from "../numbers/decimal.js";
import type { Fallback, FinalSettlement, Leg, Rounding } from "../spec.js";
import { mergeMethodology, reportHead, scheduleAsOf, versionsDate, type SettleEnv } from "./env.js";
import { fixingsOnTick } from "./fixing-tick.js";
import { settleFutureVwap } from "./future-vwap.js";
import { paymentOf } from "./payment.js";
import { checkPositionLimits } from "./position-limits.js";
import type { FinalReq, FuturesExercise, LegReport, OptionReport, ReportError, SettlementReport } from "./reports.js";
import {
  type ReportParts,
  type ResolvedPeriod,
  isError,
  marketLookup,
  positionReport,
  priceDomain,
  resolvePeriod,
  settleFinalIndex,
  settleOption,
  settleSpread,
  settlementReport,
} from "./steps.js";
import type { ContractTerms, Multiplier } from "./terms.js";

/**
 * What a spread imposes on the settlement of one of its legs: the leg's own rounding (replacing the final
 * settlement's), and the spread's own fallback waterfall (replacing the leg contract's), each null when not stated.
 */
export interface LegOverride {
  readonly rounding: Rounding | null;
  /** The spread's fallback in force and the spread's name, which the leg's certificate cites instead of its own. */
  readonly fallback: { readonly spread: string; readonly fallback: Fallback } | null;
}

/**
 * The final settlement of a contract period; `leg` is what a spread imposes on it when it is settled as a spread's leg
 * ({@link LegOverride}: the leg's own rounding, the spread's fallback waterfall).
 */
export function finalOf(env: SettleEnv, contract: string, req: FinalReq, leg: LegOverride | null = null): SettlementReport {
  const override: LegOverride = leg ?? { rounding: null, fallback: null };
  const base = { kind: "final" as const, contract, specHash: env.specHash, period: req.period };
  const schedule = scheduleAsOf(env, req.asOf);
  if (isError(schedule)) return settlementReport({ ...base, error: schedule });
  const rp = resolvePeriod(schedule, contract, req.period);
  if (isError(rp)) return settlementReport({ ...base, error: rp });
  const on = versionsDate(schedule, contract, rp, rp.lastTradingDay);
  const terms = env.terms(contract, on.date);
  if (terms === undefined)
    return settlementReport({ ...base, error: { kind: "unknown-contract", message: `${contract} is not a contract of this spec` } });
  const pay = paymentOf(terms.payment, rp, (n) => env.engine(n));
  if (typeof pay === "string") return settlementReport({ ...base, error: { kind: "payment", message: pay } });
  const head = {
    ...reportHead(
      base,
      rp,
      terms,
      rp.settlementDate,
      (rule) => rule !== "daily settlement" && rule !== "price limits" && (override.fallback === null || rule !== "fallback"),
    ),
    ...(on.note === undefined ? {} : { ruleVersions: on.note }),
    ...(pay === undefined ? {} : { payment: pay }),
  };
  const rule = terms.finalSettlement;
  if (rule === null)
    return settlementReport({
      ...head,
      error: { kind: "no-rule", message: `${contract} has no final settlement rule in force on ${rp.lastTradingDay}` },
    });
  const v = rule.value;
  const ctx: FinalContext = { env, schedule, terms, rp, req, override, head };
  const priced =
    v.kind === "index-at" || v.kind === "index-average"
      ? indexFinal(ctx, rule, v.index)
      : v.kind === "future-vwap"
        ? futureVwapFinal(ctx, rule, v)
        : v.kind === "underlying-final"
          ? underlyingFinal(ctx, rule, v.contract)
          : spreadFinal(ctx);
  if (priced.done) return priced.report;
  return withOptionAndPosition(env, priced.report, terms, req, priced.underlying, priced.into);
}

/** What each kind of final settlement reads: the period resolved, the terms in force, the report's head. */
interface FinalContext {
  readonly env: SettleEnv;
  /** The schedule of the request's as-of date (the environment's without one). */
  readonly schedule: SettleEnv["schedule"];
  readonly terms: ContractTerms;
  readonly rp: ResolvedPeriod;
  readonly req: FinalReq;
  readonly override: LegOverride;
  readonly head: ReportParts;
}

/** The price of a final settlement before the option and the position, or a report that is final as it is. */
type Priced =
  | { readonly done: true; readonly report: SettlementReport }
  | { readonly done: false; readonly report: SettlementReport; readonly underlying: string; readonly into: IntoFutures | null };

const done = (report: SettlementReport): Priced => ({ done: true, report });

/** An index at a time or averaged over days, through the fallback waterfall. */
function indexFinal(ctx: FinalContext, rule: FinalSettlement, index: string): Priced {
  const { env, terms, rp, req, override, head } = ctx;
  const fixings = fixingsOnTick(req.fixings, terms.fixingTick, terms.tick);
  if (isError(fixings)) return done(settlementReport({ ...head, error: fixings }));
  const market = marketLookup(
    { ...req, fixings },
    (n) => env.index(n),
    terms.tick,
    (n) => env.engine(n),
  );
  const sec = settleFinalIndex({
    rule: override.rounding === null ? rule : { ...rule, rounding: override.rounding },
    fallback: override.fallback === null ? terms.fallback : override.fallback.fallback,
    tick: terms.tick,
    lastTradingDay: rp.lastTradingDay,
    lookup: market.lookup,
    engines: (n) => env.engine(n),
    indices: (n) => env.index(n),
    determined: req.determined,
    determinedOn: req.determinedOn,
    negotiated: req.negotiated,
    dealerQuotes: req.dealerQuotes,
    negativePrices: terms.negativePrices,
  });
  const restatements = market.restatements();
  const inputs = {
    indexCertificates: market.certificates(),
    methodology: market.methodologies(),
    ...(restatements.length > 0 ? { restatements } : {}),
  };
  if (!sec.ok) return done(settlementReport({ ...head, ...inputs, error: sec.error, attempts: sec.attempts }));
  const moved = postponedDates(ctx, override.fallback === null ? terms.fallback : override.fallback.fallback, sec.days);
  if (isError(moved)) return done(settlementReport({ ...head, ...inputs, error: moved }));
  const report = settlementReport({
    ...head,
    ...moved,
    ...inputs,
    price: sec.price,
    unrounded: sec.unrounded,
    rounding: sec.rounding,
    flagged: sec.flagged,
    method: sec.method,
    days: sec.days,
    ...(sec.excludedDays.length > 0 ? { excludedDays: sec.excludedDays } : {}),
  });
  return { done: false, report, underlying: index, into: null };
}

/**
 * The settlement and payment dates after a postponement: when a value of the final settlement is known only on a
 * later day — published on a day a `postpone` step waited for, agreed by the parties (`negotiated`), or the day the
 * last quote of a dealer poll in time was given — the final settlement day is the latest such day (if later than the
 * scheduled one) and a payment counted from the final settlement day is counted from it; nothing changes otherwise.
 */
function postponedDates(
  ctx: FinalContext,
  fallback: Fallback | null,
  days: readonly { readonly level: number; readonly valueDate: string | null }[],
): Pick<ReportParts, "settlementDate" | "payment"> | ReportError {
  let latest = ctx.rp.settlementDate;
  for (const d of days) {
    const step = d.level > 0 ? fallback?.steps[d.level - 1] : undefined;
    const waits = step?.action.kind === "postpone" || step?.action.kind === "negotiated" || step?.action.kind === "dealer-poll";
    if (waits && d.valueDate !== null && (latest === null || d.valueDate > latest)) latest = d.valueDate;
  }
  return movedTo(ctx, latest);
}

/** The settlement date moved to `latest` when it is later than the scheduled one, with the payment counted from it. */
function movedTo(ctx: FinalContext, latest: string | null): Pick<ReportParts, "settlementDate" | "payment"> | ReportError {
  const { env, terms, rp } = ctx;
  if (latest === null || latest === rp.settlementDate || (rp.settlementDate !== null && latest < rp.settlementDate)) return {};
  const pay = paymentOf(terms.payment, { lastTradingDay: rp.lastTradingDay, settlementDate: latest }, (n) => env.engine(n));
  if (typeof pay === "string") return { kind: "payment", message: pay };
  return { settlementDate: latest, ...(pay === undefined ? {} : { payment: pay }) };
}

/** The VWAP of the underlying future's trades in a window on the option's last trading day. */
function futureVwapFinal(ctx: FinalContext, rule: FinalSettlement, v: Extract<FinalSettlement["value"], { kind: "future-vwap" }>): Priced {
  const { env, rp, req, override, head } = ctx;
  const fut = resolvePeriod(env.schedule, v.contract, rp.period);
  if (isError(fut)) return done(settlementReport({ ...head, error: fut }));
  // `, or at the final settlement price of FUTURE on its last trading day`: the future's own final price that day.
  if (v.finalOnItsLastTradingDay === true && fut.lastTradingDay === rp.lastTradingDay) return underlyingFinal(ctx, rule, v.contract);
  const r = settleFutureVwap({
    window: v.window,
    rounding: override.rounding ?? rule.rounding,
    futureSymbol: fut.symbol,
    tick: env.terms(v.contract, fut.lastTradingDay)?.tick ?? null,
    lastTradingDay: rp.lastTradingDay,
    observations: req.observations,
  });
  if (!r.ok) return done(settlementReport({ ...head, error: r.error }));
  const report = settlementReport({ ...head, price: r.price, unrounded: r.unrounded, rounding: r.rounding, method: r.method });
  return { done: false, report, underlying: fut.symbol, into: null };
}

/** The underlying contract's final price for the same period (an option on a future). */
function underlyingFinal(ctx: FinalContext, rule: FinalSettlement, contract: string): Priced {
  const { env, schedule, terms, rp, req, head } = ctx;
  const u = finalOf(env, contract, { ...withoutPosition(req), period: rp.period });
  const underlying = u.symbol ?? contract;
  const into =
    rule.method === "futures"
      ? {
          symbol: underlying,
          multiplier:
            env.terms(contract, versionsDate(schedule, contract, rp, u.lastTradingDay ?? rp.lastTradingDay).date)?.multiplier ?? null,
        }
      : null;
  // The option settles on its future's final settlement day, postponed with it.
  const moved = movedTo(ctx, u.settlementDate);
  if (isError(moved)) return done(settlementReport({ ...head, error: moved }));
  const parts = {
    ...head,
    ...moved,
    rules: [...terms.rules, ...u.rules],
    days: u.days,
    ...(u.excludedDays !== undefined ? { excludedDays: u.excludedDays } : {}),
    attempts: u.attempts,
    indexCertificates: u.indexCertificates,
    methodology: u.methodology,
    ...(u.restatements !== undefined ? { restatements: u.restatements } : {}),
    flagged: u.flagged,
    price: u.price,
    unrounded: u.unrounded,
    rounding: u.rounding,
    method: u.method === null ? null : `the final settlement price of ${u.symbol ?? contract}: ${u.method}`,
  };
  if (!u.ok)
    return done(
      settlementReport({
        ...parts,
        error: {
          kind: u.error?.kind ?? "underlying",
          message: `${u.symbol ?? contract}: ${u.error?.message ?? "no final settlement price"}`,
        },
      }),
    );
  return { done: false, report: settlementReport(parts), underlying, into };
}

/** Leg by leg: each leg settled as its own contract period, under the spread's own rounding and fallback. */
function spreadFinal(ctx: FinalContext): Priced {
  const { env, terms, rp, req, head } = ctx;
  const legs = spreadLegs(env, terms, rp, req);
  if (isError(legs)) return done(settlementReport({ ...head, error: legs }));
  const spread = settleSpread(legs);
  const failed = legs.find((l) => !l.settlement.ok);
  const outside = spread.value === null ? undefined : priceDomain("the spread's price", Decimal.of(spread.value), terms.negativePrices);
  const parts = {
    ...head,
    spread,
    methodology: mergeMethodology(...legs.map((l) => l.settlement.methodology)),
    flagged: legs.some((l) => l.settlement.flagged),
    price: spread.value,
    unrounded: spread.value,
    rounding: "each leg as its contract",
    method: `leg by leg: ${legs.map((l) => `${l.side} ${l.ratio} × ${l.symbol}`).join(", ")}`,
  };
  if (failed !== undefined)
    return done(
      settlementReport({
        ...parts,
        error: {
          kind: failed.settlement.error?.kind ?? "leg",
          message: `leg ${failed.symbol}: ${failed.settlement.error?.message ?? "no price"}`,
        },
      }),
    );
  if (outside !== undefined) return done(settlementReport({ ...parts, error: outside }));
  return { done: false, report: settlementReport(parts), underlying: rp.symbol, into: null };
}

/** The expiring future an option settled `in futures` is exercised into: its symbol and multiplier. */
interface IntoFutures {
  readonly symbol: string;
  readonly multiplier: Multiplier | null;
}

/**
 * The futures position an exercised option opens: long (call) or short (put) at the strike, as many futures per option
 * as the option's multiplier holds the future's, settled at the future's final settlement price; its variation is the
 * option's payoff. Null when the option is not exercised.
 */
function futuresExercise(o: OptionReport, into: IntoFutures, optionMultiplier: Multiplier | null): FuturesExercise | null {
  if (!o.exercised) return null;
  const side = o.right === "call" ? "long" : "short";
  const fm = into.multiplier;
  const perOption =
    fm === null || optionMultiplier === null ? Decimal.ONE : (Decimal.of(optionMultiplier.value).divExact(Decimal.of(fm.value)) ?? null);
  const diff = Decimal.of(o.underlyingPrice).sub(Decimal.of(o.strike));
  const variation =
    fm === null || perOption === null
      ? null
      : diff
          .mul(Decimal.of(fm.value))
          .mul(perOption)
          .mul(side === "long" ? Decimal.ONE : Decimal.ONE.neg());
  return {
    symbol: into.symbol,
    side,
    quantity: perOption === null ? "n/a" : perOption.toString(),
    price: o.strike,
    settlementPrice: o.underlyingPrice,
    variation: variation === null ? null : variation.toString(),
    currency: fm?.currency ?? null,
  };
}

function withoutPosition(req: FinalReq): FinalReq {
  const { position: _p, option: _o, ...rest } = req;
  return rest;
}

/** What a spread imposes on the settlement of one of its legs: the leg's own rounding and the spread's fallback. */
export function legOverride(terms: ContractTerms, leg: Leg): LegOverride {
  return { rounding: leg.rounding, fallback: terms.fallback === null ? null : { spread: terms.name, fallback: terms.fallback } };
}

function spreadLegs(env: SettleEnv, terms: ContractTerms, rp: ResolvedPeriod, req: FinalReq): LegReport[] | ReportError {
  const declared = terms.legs ?? [];
  const legs = rp.legs ?? [];
  if (legs.length === 0 || legs.length !== declared.length)
    return { kind: "no-rule", message: `${terms.name} has no legs in force for ${rp.period}` };
  return legs.map((l, i) => {
    const d = declared[i]!;
    const settlement = finalOf(env, l.contract, { ...withoutPosition(req), period: l.period }, legOverride(terms, d));
    return { contract: l.contract, symbol: l.symbol, side: l.side, ratio: d.ratio, price: settlement.price, settlement };
  });
}

function withOptionAndPosition(
  env: SettleEnv,
  r: SettlementReport,
  terms: ContractTerms,
  req: FinalReq,
  underlying: string,
  into: IntoFutures | null,
): SettlementReport {
  let out = r;
  let value = r.price;
  if (terms.kind === "option") {
    if (req.option === undefined)
      return {
        ...out,
        ok: false,
        error: { kind: "option-required", message: `${terms.name} is an option: give the right (call or put) and the strike` },
      };
    const o = settleOption({
      right: req.option.right,
      strike: req.option.strike,
      underlying,
      underlyingPrice: r.price!,
      multiplier: terms.multiplier,
      threshold: terms.automaticExercise,
      strikeSteps: terms.strikeSteps,
      contract: terms.name,
    });
    if (isError(o)) return { ...out, ok: false, error: o };
    out = { ...out, option: into === null ? o : { ...o, futures: futuresExercise(o, into, terms.multiplier) } };
    value = o.exercised ? o.intrinsic : "0";
  }
  if (req.position !== undefined && value !== null) {
    const grid = terms.kind === "option" ? (terms.premiumTick ?? null) : terms.tick;
    const p = positionReport(
      value,
      req.position,
      terms.multiplier,
      terms.kind === "option" ? null : terms.negativePrices,
      grid,
      terms.cashRounding,
    );
    if (isError(p)) return { ...out, ok: false, error: p };
    // The expiring month is the spot month on its Last Trading Day.
    const at = { symbol: r.symbol ?? r.period, period: r.period, date: r.lastTradingDay ?? "" };
    const over = checkPositionLimits(env.schedule, terms.name, terms.positionLimits, at, p.quantity, undefined, req.position.aggregated);
    if (over !== undefined) return { ...out, ok: false, error: over };
    out = { ...out, position: p };
  }
  return out;
}
