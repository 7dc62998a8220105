/**
 * The daily settlement of a whole strip of contract months in dependency order, as exchanges run their daily
 * procedures ("the lead month is the anchor leg for settlements"; "the spread VWAP is ... applied to the lead month
 * settle to derive the second month settle"; "applying the net change from the preceding contract month to the given
 * contract month's prior daily settlement price": CME Group daily settlement procedures). The lead month settles
 * first, then each later month in order, each with the months it may be settled from (`dailyOf` with a strip input).
 */
import { Decimal } from "../numbers/decimal.js";
import { isError, requestDecimal, resolvePeriod, type StripInput, type StripMonth } from "./steps.js";
import type { ReportError, SettlementReport, StripReport, StripReq } from "./reports.js";
import { aggregatedNet, positionLimitError } from "./position-limits.js";
import { dailyOf } from "./daily-of.js";
import { scheduleAsOf, type SettleEnv } from "./env.js";

/** The strip's daily settlements; a request that cannot be ordered is an error of the whole strip. */
export function stripOf(env: SettleEnv, contract: string, req: StripReq): StripReport {
  const base = { kind: "strip" as const, contract, date: req.date, specHash: env.specHash };
  const fail = (kind: string, message: string): StripReport => ({ ...base, ok: false, error: { kind, message }, lead: null, months: [] });
  if (!Array.isArray(req.months) || req.months.length === 0) return fail("request", "months: the strip lists no contract month");
  const schedule = scheduleAsOf(env, req.asOf);
  if (isError(schedule)) return fail(schedule.kind, schedule.message);
  const resolved = [];
  for (const m of req.months) {
    const rp = resolvePeriod(schedule, contract, m.period);
    if (isError(rp)) return fail(rp.kind, `months: ${rp.message}`);
    resolved.push({ m, rp });
  }
  resolved.sort((a, b) => (a.rp.lastTradingDay < b.rp.lastTradingDay ? -1 : a.rp.lastTradingDay > b.rp.lastTradingDay ? 1 : 0));
  for (let i = 1; i < resolved.length; i++)
    if (resolved[i]!.rp.symbol === resolved[i - 1]!.rp.symbol) return fail("request", `months: ${resolved[i]!.rp.symbol} is listed twice`);
  const leadAt = req.lead === undefined ? 0 : resolved.findIndex((r) => r.m.period === req.lead);
  if (leadAt < 0) return fail("request", `lead: ${JSON.stringify(req.lead)} is not a month of the strip`);
  if (leadAt > 0)
    return fail(
      "request",
      `lead: ${resolved[leadAt]!.rp.symbol} is not the nearest month of the strip (${resolved[0]!.rp.symbol}); months before the lead month are not settled from it`,
    );
  const over = stripNetOverLimit(env, contract, req, resolved[0]!.rp.symbol);
  if (over !== undefined) return fail(over.kind, over.message);
  const reports: SettlementReport[] = [];
  let lead: StripMonth | null = null;
  let preceding: StripMonth | null = null;
  for (const { m, rp } of resolved) {
    const strip: StripInput = { lead, preceding, spreadSymbol: lead === null ? null : `${lead.symbol}:${rp.symbol}` };
    const report = dailyOf(
      env,
      contract,
      {
        period: m.period,
        date: req.date,
        ...(m.prior !== undefined ? { prior: m.prior } : {}),
        ...(m.bidAsk !== undefined ? { bidAsk: m.bidAsk } : {}),
        ...(m.position !== undefined ? { position: m.position } : {}),
        ...(req.observations !== undefined ? { observations: req.observations } : {}),
        ...(req.asOf !== undefined ? { asOf: req.asOf } : {}),
      },
      strip,
    );
    reports.push(report);
    const settled: StripMonth = { symbol: rp.symbol, price: report.ok ? report.price : null, prior: m.prior };
    if (lead === null) lead = settled;
    preceding = settled;
  }
  const failed = reports.find((r) => !r.ok);
  return {
    ...base,
    ok: failed === undefined,
    error: failed === undefined ? null : { kind: "month", message: `${failed.symbol ?? failed.period} has no daily settlement price` },
    lead: lead?.symbol ?? null,
    months: reports,
  };
}

/**
 * The `in all months` limits against the net of the positions the strip states (its months together); a quantity
 * that is not a decimal is left to its month's report.
 */
function stripNetOverLimit(env: SettleEnv, contract: string, req: StripReq, symbol: string): ReportError | undefined {
  const limits = env.terms(contract, req.date)?.positionLimits?.filter((l) => l.scope === "all-months");
  if (limits === undefined || limits.length === 0) return undefined;
  let net = Decimal.ZERO;
  for (const m of req.months) {
    if (m.position === undefined) continue;
    const q = requestDecimal("position quantity", m.position.quantity);
    if (isError(q)) return undefined;
    net = net.add(q);
  }
  // A limit aggregated with other contracts counts every month's positions stated in them too.
  const aggregated = new Map<number, Decimal>();
  limits.forEach((l, i) => {
    const others = aggregatedNet(
      l,
      req.months.map((m) => m.position?.aggregated),
    );
    if (others !== undefined) aggregated.set(i, others);
  });
  return positionLimitError(limits, { symbol, quantity: net, spot: false, date: req.date, aggregated }, net);
}
