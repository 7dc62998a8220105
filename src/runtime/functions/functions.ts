/**
 * The settlement functions of a compiled spec: `settlementFunctions(spec)` returns `index`, `final` and `daily`,
 * each a pure function from a request with market data to a plain-data report. They are a generic composition of
 * the steps in `steps.ts` over a {@link SettleEnv} — the spec's schedule, calendar engines, index methodologies and
 * the contract terms in force on a date. `specEnv` builds the environment from a spec; the generated backend builds
 * the same environment from literal constants and calls `functionsOf`, `finalOf` and `dailyOf` (or the steps),
 * so both backends print identical reports. A final settlement dispatches on the rule in force on the last trading
 * day: an index at a time or averaged over days (through the fallback waterfall), the underlying contract's final
 * price for the same period (an option on a future), or leg by leg (a spread: each leg settled as its own contract
 * period); an option then adds its exercise and payoff. Never throws for a valid spec.
 */
import { stripOf } from "./strip.js";
import type { CalendarEngine } from "../calendar/index.js";
import { parseIsoDate } from "../calendar/index.js";
import { Decimal } from "../numbers/decimal.js";
import { Schedule, tradedOn } from "../schedule/index.js";
import type { Fallback, Index, Rounding } from "../spec.js";
import { type ContractTerms, type Multiplier, contractTerms } from "./terms.js";
import { paymentOf } from "./payment.js";
import { settleFutureVwap } from "./future-vwap.js";
import { checkPositionLimits } from "./position-limits.js";
import {
  type ResolvedPeriod,
  indexReport,
  isError,
  marketLookup,
  parsePeriod,
  positionReport,
  priceDomain,
  resolvePeriod,
  roundingText,
  settleDaily,
  type StripInput,
  settleFinalIndex,
  settleOption,
  settleSpread,
  settlementReport,
} from "./steps.js";
import type {
  DailyReq,
  FinalReq,
  FuturesExercise,
  IndexReport,
  IndexReq,
  LegReport,
  MethodologyReport,
  OptionReport,
  ReportError,
  SettlementReport,
  SettlementSpec,
  SpecFunctions,
} from "./reports.js";

/** What the composition reads: the spec's schedule, engines, methodologies and contract terms by date. */
export interface SettleEnv {
  readonly subject: { readonly kind: string; readonly name: string };
  readonly specHash: string;
  /** Expiries of the spec's contracts (built from its calendars and contracts). */
  readonly schedule: Schedule;
  engine(name: string): CalendarEngine | undefined;
  index(name: string): Index | undefined;
  /** The terms of a contract in force on a date, or undefined for an unknown contract. */
  terms(contract: string, date: string): ContractTerms | undefined;
}

/** The environment of a compiled spec. */
export function specEnv(spec: SettlementSpec): SettleEnv {
  const schedule = new Schedule(spec);
  const contracts = (n: string) => (Object.hasOwn(spec.contracts, n) ? spec.contracts[n] : undefined);
  return {
    subject: { kind: spec.subject.kind, name: spec.subject.name },
    specHash: spec.contentHash,
    schedule,
    engine(name) {
      const e = schedule.engine(name);
      return e.ok ? e.value : undefined;
    },
    index: (n) => (Object.hasOwn(spec.indices, n) ? spec.indices[n] : undefined),
    terms: (c, date) => contractTerms(contracts, c, date),
  };
}

/** The schedule of a request's as-of date (the environment's without one), or a request error for a malformed date. */
export function scheduleAsOf(env: SettleEnv, asOf: string | undefined): Schedule | ReportError {
  if (asOf === undefined) return env.schedule;
  if (typeof asOf !== "string" || parseIsoDate(asOf) === undefined)
    return { kind: "request", message: `asOf: ${JSON.stringify(asOf)} is not a date (YYYY-MM-DD)` };
  return env.schedule.asOf(asOf);
}

/**
 * The date whose rule versions govern a settlement of a period (runtime/versions.ts's `selectionDate`, through the
 * schedule), with the certificate's words for it when it is not the event's own date.
 */
function versionsDate(schedule: Schedule, contract: string, rp: ResolvedPeriod, event: string): { date: string; note?: string } {
  const c = schedule.contract(contract);
  const period = parsePeriod(rp.period, rp.period.includes("W") ? "week" : "month");
  if (!c.ok || isError(period)) return { date: event };
  const date = schedule.ruleDate(c.value, event, period);
  const key = c.value.versionsSelectedBy?.[0]?.value;
  if (key !== undefined)
    return { date, note: `selected by the ${key === "contract-month" ? "contract month" : "last trading day"} (${date})` };
  return schedule.asOfDay === undefined ? { date } : { date, note: `in force on ${date} (as of)` };
}

const isContract = (kind: string): boolean => kind === "future" || kind === "option" || kind === "spread";

function mergeMethodology(...lists: (readonly MethodologyReport[])[]): MethodologyReport[] {
  const out: MethodologyReport[] = [];
  for (const l of lists) for (const m of l) if (!out.some((o) => o.index === m.index && o.version === m.version)) out.push(m);
  return out;
}

/** The part of a final or daily report every outcome after the period and the terms are known shares: the period, its dates and the rules reported. */
function reportHead<B extends { readonly kind: "final" | "daily" }>(
  base: B,
  rp: ResolvedPeriod,
  terms: ContractTerms,
  settlementDate: string | null,
  reported: (rule: string) => boolean,
) {
  return {
    ...base,
    period: rp.period,
    contractKind: terms.kind,
    symbol: rp.symbol,
    lastTradingDay: rp.lastTradingDay,
    termination: rp.termination,
    settlementDate,
    rules: terms.rules.filter((x) => reported(x.rule)),
  };
}

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
  let priced: SettlementReport;
  let underlying: string;
  let into: IntoFutures | null = null;
  const v = rule.value;
  if (v.kind === "index-at" || v.kind === "index-average") {
    underlying = v.index;
    const market = marketLookup(
      req,
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
      negativePrices: terms.negativePrices,
    });
    const restatements = market.restatements();
    const inputs = {
      indexCertificates: market.certificates(),
      methodology: market.methodologies(),
      ...(restatements.length > 0 ? { restatements } : {}),
    };
    if (!sec.ok) return settlementReport({ ...head, ...inputs, error: sec.error, attempts: sec.attempts });
    priced = settlementReport({
      ...head,
      ...inputs,
      price: sec.price,
      unrounded: sec.unrounded,
      rounding: sec.rounding,
      flagged: sec.flagged,
      method: sec.method,
      days: sec.days,
      ...(sec.excludedDays.length > 0 ? { excludedDays: sec.excludedDays } : {}),
    });
  } else if (v.kind === "future-vwap") {
    const fut = resolvePeriod(env.schedule, v.contract, rp.period);
    if (isError(fut)) return settlementReport({ ...head, error: fut });
    underlying = fut.symbol;
    const r = settleFutureVwap({
      window: v.window,
      rounding: override.rounding ?? rule.rounding,
      futureSymbol: fut.symbol,
      tick: env.terms(v.contract, fut.lastTradingDay)?.tick ?? null,
      lastTradingDay: rp.lastTradingDay,
      observations: req.observations,
    });
    if (!r.ok) return settlementReport({ ...head, error: r.error });
    priced = settlementReport({ ...head, price: r.price, unrounded: r.unrounded, rounding: r.rounding, method: r.method });
  } else if (v.kind === "underlying-final") {
    const u = finalOf(env, v.contract, { ...withoutPosition(req), period: rp.period });
    underlying = u.symbol ?? v.contract;
    if (rule.method === "futures")
      into = {
        symbol: underlying,
        multiplier:
          env.terms(v.contract, versionsDate(schedule, v.contract, rp, u.lastTradingDay ?? rp.lastTradingDay).date)?.multiplier ?? null,
      };
    const parts = {
      ...head,
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
      method: u.method === null ? null : `the final settlement price of ${u.symbol ?? v.contract}: ${u.method}`,
    };
    if (!u.ok)
      return settlementReport({
        ...parts,
        error: {
          kind: u.error?.kind ?? "underlying",
          message: `${u.symbol ?? v.contract}: ${u.error?.message ?? "no final settlement price"}`,
        },
      });
    priced = settlementReport(parts);
  } else {
    underlying = rp.symbol;
    const legs = spreadLegs(env, terms, rp, req);
    if (isError(legs)) return settlementReport({ ...head, error: legs });
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
      return settlementReport({
        ...parts,
        error: {
          kind: failed.settlement.error?.kind ?? "leg",
          message: `leg ${failed.symbol}: ${failed.settlement.error?.message ?? "no price"}`,
        },
      });
    if (outside !== undefined) return settlementReport({ ...parts, error: outside });
    priced = settlementReport(parts);
  }
  return withOptionAndPosition(env, priced, terms, req, underlying, into);
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

function spreadLegs(env: SettleEnv, terms: ContractTerms, rp: ResolvedPeriod, req: FinalReq): LegReport[] | ReportError {
  const declared = terms.legs ?? [];
  const legs = rp.legs ?? [];
  if (legs.length === 0 || legs.length !== declared.length)
    return { kind: "no-rule", message: `${terms.name} has no legs in force for ${rp.period}` };
  return legs.map((l, i) => {
    const d = declared[i]!;
    const settlement = finalOf(
      env,
      l.contract,
      { ...withoutPosition(req), period: l.period },
      { rounding: d.rounding, fallback: terms.fallback === null ? null : { spread: terms.name, fallback: terms.fallback } },
    );
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
    const at = { symbol: r.symbol ?? r.period, date: r.lastTradingDay ?? "" };
    const over = checkPositionLimits(env.schedule, terms.name, terms.positionLimits, at, p.quantity);
    if (over !== undefined) return { ...out, ok: false, error: over };
    out = { ...out, position: p };
  }
  return out;
}

/** The daily settlement of a contract period on a date. */
export function dailyOf(env: SettleEnv, contract: string, req: DailyReq, strip?: StripInput): SettlementReport {
  const base = { kind: "daily" as const, contract, specHash: env.specHash, period: req.period };
  const schedule = scheduleAsOf(env, req.asOf);
  if (isError(schedule)) return settlementReport({ ...base, error: schedule });
  const rp = resolvePeriod(schedule, contract, req.period);
  if (isError(rp)) return settlementReport({ ...base, error: rp });
  if (parseIsoDate(req.date) === undefined)
    return settlementReport({
      ...base,
      error: { kind: "request", message: `date: ${JSON.stringify(req.date)} is not a date (YYYY-MM-DD)` },
    });
  const product = env.schedule.contract(contract);
  if (product.ok && !tradedOn(product.value, req.date))
    return settlementReport({
      ...base,
      error: { kind: "schedule", message: `${contract} does not trade on ${req.date}: it is outside the product's trading dates` },
    });
  const on = versionsDate(schedule, contract, rp, req.date);
  const terms = env.terms(contract, on.date);
  if (terms === undefined)
    return settlementReport({ ...base, error: { kind: "unknown-contract", message: `${contract} is not a contract of this spec` } });
  const head = {
    ...reportHead(
      base,
      rp,
      terms,
      req.date,
      (rule) => rule === "daily settlement" || rule === "price limits" || rule === "tick" || rule === "contract unit",
    ),
    ...(on.note === undefined ? {} : { ruleVersions: on.note }),
  };
  if (req.date > rp.lastTradingDay)
    return settlementReport({
      ...head,
      error: { kind: "expired", message: `${rp.symbol} stopped trading on ${rp.lastTradingDay}; ${req.date} has no daily settlement` },
    });
  const steps = terms.dailySettlement;
  if (steps === null)
    return settlementReport({
      ...head,
      error: { kind: "no-rule", message: `${contract} has no daily settlement procedure in force on ${req.date}` },
    });
  const d = settleDaily({
    steps,
    limits: terms.priceLimits,
    tick: terms.tick,
    date: req.date,
    symbol: rp.symbol,
    observations: req.observations,
    bidAsk: req.bidAsk,
    prior: req.prior,
    negativePrices: terms.negativePrices,
    breach: terms.priceLimitBreach,
    strip,
    fixings: req.fixings,
    indices: (n) => env.index(n),
    engines: (n) => env.engine(n),
    lastTradingDay: rp.lastTradingDay,
  });
  if (isError(d)) return settlementReport({ ...head, error: d });
  const step = d.section.step === null ? undefined : steps[d.section.step - 1];
  const parts = {
    ...head,
    daily: d.section,
    price: d.price,
    unrounded: d.unrounded,
    rounding:
      step === undefined || step.kind === "carry-forward" || step.kind === "net-change" ? null : roundingText(step.rounding, terms.tick),
    flagged: step?.kind === "carry-forward" || d.section.breach?.action === "flagged",
    method: step === undefined ? null : `daily settlement step ${d.section.step} (${step.kind})`,
  };
  if (d.error !== undefined) return settlementReport({ ...parts, error: d.error });
  if (d.price === null)
    return settlementReport({
      ...parts,
      error: { kind: "no-daily-price", message: "no step of the daily settlement procedure produced a price" },
    });
  if (req.position !== undefined) {
    const p = positionReport(d.price, req.position, terms.multiplier, terms.negativePrices, terms.tick, terms.cashRounding);
    if (isError(p)) return settlementReport({ ...parts, error: p });
    // In a strip, the net of all its months is checked against `in all months` by the strip (strip.ts).
    const at = { symbol: rp.symbol, date: req.date };
    const over = checkPositionLimits(
      env.schedule,
      contract,
      terms.positionLimits,
      at,
      p.quantity,
      strip === undefined ? undefined : Decimal.ZERO,
    );
    if (over !== undefined) return settlementReport({ ...parts, error: over });
    return settlementReport({ ...parts, position: p });
  }
  return settlementReport(parts);
}

/** One index value of the spec. */
export function indexOf(env: SettleEnv, req: IndexReq): IndexReport {
  return indexReport({
    specHash: env.specHash,
    index: req.index,
    methodology: env.index(req.index),
    at: req.at,
    engines: (n) => env.engine(n),
    ...(req.observations !== undefined ? { observations: req.observations } : {}),
    ...(req.fixings !== undefined ? { fixings: req.fixings } : {}),
  });
}

/** The settlement functions over an environment: the subject contract's final and daily settlement, any index. */
export function functionsOf(env: SettleEnv): SpecFunctions {
  const subject = env.subject;
  const notAContract = (kind: "final" | "daily", period: string): SettlementReport =>
    settlementReport({
      kind,
      contract: subject.name,
      specHash: env.specHash,
      period,
      contractKind: subject.kind,
      error: {
        kind: "not-a-contract",
        message: `${subject.name} is ${subject.kind === "index" ? "an index" : `a ${subject.kind}`}, not a contract`,
      },
    });
  return {
    subject,
    specHash: env.specHash,
    index: (req) => indexOf(env, req),
    final: (req) => (isContract(subject.kind) ? finalOf(env, subject.name, req) : notAContract("final", req.period)),
    daily: (req) => (isContract(subject.kind) ? dailyOf(env, subject.name, req) : notAContract("daily", req.period)),
    strip: (req) =>
      isContract(subject.kind)
        ? stripOf(env, subject.name, req)
        : {
            ok: false,
            error: { kind: "not-a-contract", message: `${subject.name} is an index, not a contract` },
            kind: "strip",
            contract: subject.name,
            date: req.date,
            specHash: env.specHash,
            lead: null,
            months: [],
          },
  };
}

/** The settlement functions of a compiled spec (as `loadSpec` returns it). Never throws for a valid spec. */
export function settlementFunctions(spec: SettlementSpec): SpecFunctions {
  return functionsOf(specEnv(spec));
}
