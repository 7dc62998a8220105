/**
 * When a future's dynamic circuit breakers halt trading on a day, given a price path (engine/circuit-breakers.ts):
 * the rule in force on the date, the variant from the prior settlement rounded as declared (to the contract's tick
 * of that day), then each halt with the limits it crossed. `haltsOf` reads the path from the trades of the
 * observations (the market-data file `settle` reads too) and is what both backends call: the in-process settlement
 * functions and a generated module's `halts` export. Pure; typed errors for a bad request.
 */
import { parseIsoDate } from "../calendar/index.js";
import { dcbVariant, runCircuitBreaker, type DynamicLimit, type PathPoint } from "../engine/circuit-breakers.js";
import { nameAt, parseInstantMicros, type Observations } from "../market-data/index.js";
import { Decimal } from "../numbers/decimal.js";
import type { SettleEnv } from "./env.js";
import { isQuoteRow } from "./quotes.js";
import type { ContractTerms } from "./terms.js";
import { isError, requestDecimal, resolvePeriod, tickTable, tradesOf } from "./steps.js";
import type { HaltReportItem, HaltsReport, HaltsReq, ReportError, RuleReport } from "./reports.js";

/** The terms of a contract on a date (a settlement environment's `terms`, or a generated module's `termsOn`). */
export type TermsOn = (contract: string, date: string) => ContractTerms | undefined;

/** What a path met under the rule: the variant, each halt and the prices left out while halted. */
export interface HaltsAlong {
  readonly rule: DynamicLimit;
  readonly clause: RuleReport;
  readonly variant: string;
  readonly halts: readonly HaltReportItem[];
  readonly haltedPoints: number;
}

const iso = (micros: number): string => new Date(micros / 1000).toISOString().replace(".000Z", "Z");

/**
 * The halts of `contract`'s dynamic price limits in force on `date` along `path` (time order, ISO instants with an
 * offset and decimal prices): the core that {@link haltsOf} calls once it has read the path from the observations.
 */
export function circuitBreakerHalts(
  terms: TermsOn,
  contract: string,
  q: { readonly date: string; readonly prior: string; readonly path: readonly { readonly time: string; readonly price: string }[] },
): HaltsAlong | ReportError {
  const path: PathPoint[] = [];
  for (const [i, p] of q.path.entries()) {
    const t = parseInstantMicros(p.time);
    if (typeof t === "string") return { kind: "request", message: `path ${i + 1}: ${t}` };
    const price = requestDecimal(`path ${i + 1} price`, p.price);
    if (isError(price)) return price;
    path.push({ time: t, price });
  }
  return haltsAlongPath(terms, contract, q.date, q.prior, path);
}

/** The rule in force, the variant and the run of a path already read (time order checked here). */
function haltsAlongPath(
  terms: TermsOn,
  contract: string,
  date: string,
  priorText: string,
  path: readonly PathPoint[],
): HaltsAlong | ReportError {
  if (parseIsoDate(date) === undefined) return { kind: "request", message: `date: ${JSON.stringify(date)} is not a date (YYYY-MM-DD)` };
  const t = terms(contract, date);
  if (t === undefined || t.kind !== "future") return { kind: "unknown-contract", message: `${contract} is not a future of this spec` };
  const dyn = t.dynamicPriceLimits;
  if (dyn === undefined) return { kind: "no-rule", message: `${contract} has no dynamic price limits in force on ${date}` };
  const prior = requestDecimal("prior", priorText);
  if (isError(prior)) return prior;
  if (!prior.isPositive()) return { kind: "request", message: `prior: ${prior.toString()} is not above zero` };
  for (let i = 1; i < path.length; i++)
    if (path[i]!.time < path[i - 1]!.time) return { kind: "request", message: `path ${i + 1}: out of time order` };
  const variant = dcbVariant(dyn.limit, prior, t.tick === null ? undefined : tickTable(t.tick));
  if (typeof variant === "string") return { kind: "rounding", message: `the variant cannot be rounded as the rule says: ${variant}` };
  const run = runCircuitBreaker(dyn.limit, variant, path);
  return {
    rule: dyn.limit,
    clause: dyn.rule,
    variant: run.variant,
    halts: run.halts.map((h) => ({ at: iso(h.at), price: h.price, lower: h.lower, upper: h.upper, resumes: iso(h.resumes) })),
    haltedPoints: run.haltedPoints,
  };
}

/**
 * The price path of the observations: their trades (never a quote row), of the period's symbol when a period is
 * given (or naming no instrument); without a period, the trades must be of one instrument.
 */
function pathOf(obs: Observations, symbol: string | null): PathPoint[] | ReportError {
  const rows = symbol === null ? allTrades(obs) : tradesOf(obs, symbol);
  if (isError(rows)) return rows;
  const path: PathPoint[] = [];
  for (let r = 0; r < rows.length; r++)
    path.push({ time: rows.time[r]!, price: Decimal.fromParts(BigInt(rows.price[r]!), rows.priceScale) });
  return path;
}

/** Every trade row, refused when they name more than one instrument (whose path would it be?). */
function allTrades(obs: Observations): Observations | ReportError {
  const names = new Set<string>();
  for (let r = 0; r < obs.length; r++) {
    if (isQuoteRow(obs, r)) continue;
    const i = nameAt(obs.instrument, r);
    if (i !== null && i !== "") names.add(i);
  }
  if (names.size > 1)
    return {
      kind: "request",
      message: `the prices are of ${names.size} instruments (${[...names].sort().join(", ")}): name the contract month (period) whose path it is`,
    };
  const only = [...names][0];
  return tradesOf(obs, only ?? "");
}

/** Where `contract`'s dynamic circuit breakers halt trading on the request's date along the trades of its observations. */
export function haltsOf(env: SettleEnv, contract: string, req: HaltsReq): HaltsReport {
  const base = { kind: "halts" as const, contract, date: req.date, specHash: env.specHash, prior: req.prior };
  const fail = (e: ReportError): HaltsReport => ({
    ...base,
    ok: false,
    error: e,
    rule: null,
    variant: null,
    points: 0,
    halts: [],
    haltedPoints: 0,
    rules: [],
  });
  let symbol: string | null = null;
  if (req.period !== undefined) {
    const rp = resolvePeriod(env.schedule, contract, req.period);
    if (isError(rp)) return fail(rp);
    if (req.date > rp.lastTradingDay)
      return fail({
        kind: "expired",
        message: `${rp.symbol} stopped trading on ${rp.lastTradingDay}; it has no price path on ${req.date}`,
      });
    symbol = rp.symbol;
  }
  if (req.observations === undefined)
    return fail({ kind: "no-observations", message: "the price path is needed: give observations (trades)" });
  const path = pathOf(req.observations, symbol);
  if (isError(path)) return fail(path);
  const r = haltsAlongPath(env.terms, contract, req.date, req.prior, path);
  if (isError(r)) return fail(r);
  return {
    ...base,
    ok: true,
    error: null,
    ...(symbol === null ? {} : { symbol }),
    rule: r.rule,
    variant: r.variant,
    points: path.length,
    halts: r.halts,
    haltedPoints: r.haltedPoints,
    rules: [r.clause],
  };
}
