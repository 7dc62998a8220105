/**
 * When a future's dynamic circuit breakers halt trading on a day, given a price path (engine/circuit-breakers.ts):
 * the rule in force on the date, the variant from the prior settlement rounded as declared (to the contract's tick
 * of that day), then each halt with the limits it crossed. Pure; typed errors for a bad request.
 */
import { dcbVariant, runCircuitBreaker, type DynamicLimit, type PathPoint } from "../engine/circuit-breakers.js";
import { parseInstantMicros } from "../market-data/index.js";
import { versionOn } from "../versions.js";
import { contractTerms, type ContractsOf } from "./terms.js";
import { isError, requestDecimal, tickTable } from "./steps.js";
import type { ReportError } from "./reports.js";

/** The answer: the rule applied, the variant, each halt (instants in UTC) and the points left out while halted. */
export interface HaltsReport {
  readonly contract: string;
  readonly date: string;
  readonly prior: string;
  readonly rule: DynamicLimit;
  readonly variant: string;
  readonly halts: readonly {
    readonly at: string;
    readonly price: string;
    readonly lower: string;
    readonly upper: string;
    readonly resumes: string;
  }[];
  readonly haltedPoints: number;
}

/** The halts of `contract`'s dynamic price limits in force on `date` along `path` (time order, ISO instants with an offset). */
export function circuitBreakerHalts(
  contracts: ContractsOf,
  contract: string,
  q: { readonly date: string; readonly prior: string; readonly path: readonly { readonly time: string; readonly price: string }[] },
): HaltsReport | ReportError {
  const c = contracts(contract);
  if (c === undefined || c.kind !== "future") return { kind: "unknown-contract", message: `${contract} is not a future of this spec` };
  const rule = versionOn(c.dynamicPriceLimits ?? [], q.date)?.value;
  if (rule === undefined) return { kind: "no-rule", message: `${contract} has no dynamic price limits in force on ${q.date}` };
  const prior = requestDecimal("prior", q.prior);
  if (isError(prior)) return prior;
  const path: PathPoint[] = [];
  for (const [i, p] of q.path.entries()) {
    const t = parseInstantMicros(p.time);
    if (typeof t === "string") return { kind: "request", message: `path ${i + 1}: ${t}` };
    if (path.length > 0 && t < path[path.length - 1]!.time) return { kind: "request", message: `path ${i + 1}: out of time order` };
    const price = requestDecimal(`path ${i + 1} price`, p.price);
    if (isError(price)) return price;
    path.push({ time: t, price });
  }
  const tick = contractTerms(contracts, contract, q.date)?.tick ?? null;
  const variant = dcbVariant(rule, prior, tick === null ? undefined : tickTable(tick));
  if (typeof variant === "string") return { kind: "rounding", message: `the variant cannot be rounded as the rule says: ${variant}` };
  const run = runCircuitBreaker(rule, variant, path);
  const iso = (micros: number) => new Date(micros / 1000).toISOString().replace(".000Z", "Z");
  return {
    contract,
    date: q.date,
    prior: prior.toString(),
    rule,
    variant: run.variant,
    halts: run.halts.map((h) => ({ at: iso(h.at), price: h.price, lower: h.lower, upper: h.upper, resumes: iso(h.resumes) })),
    haltedPoints: run.haltedPoints,
  };
}
