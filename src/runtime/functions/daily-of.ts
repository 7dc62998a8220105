/** The daily settlement of a contract period on a date: the procedure's steps in force, then the position's variation. */
import { fixingsOnTick } from "./fixing-tick.js";
import { parseIsoDate } from "../calendar/index.js";
import { Decimal } from "../numbers/decimal.js";
import { tradedOn } from "../schedule/index.js";
import { reportHead, scheduleAsOf, versionsDate, type SettleEnv } from "./env.js";
import { checkPositionLimits } from "./position-limits.js";
import type { DailyReq, SettlementReport } from "./reports.js";
import { isError, positionReport, resolvePeriod, roundingText, settleDaily, settlementReport, type StripInput } from "./steps.js";

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
  const fixings = fixingsOnTick(req.fixings, terms.fixingTick, terms.tick);
  if (isError(fixings)) return settlementReport({ ...head, error: fixings });
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
    fixings,
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
    const at = { symbol: rp.symbol, period: rp.period, date: req.date };
    const over = checkPositionLimits(
      env.schedule,
      contract,
      terms.positionLimits,
      at,
      p.quantity,
      strip === undefined ? undefined : Decimal.ZERO,
      req.position.aggregated,
    );
    if (over !== undefined) return settlementReport({ ...parts, error: over });
    return settlementReport({ ...parts, position: p });
  }
  return settlementReport(parts);
}
