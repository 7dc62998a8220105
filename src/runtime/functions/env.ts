/**
 * The environment the settlement functions read ({@link SettleEnv}: the spec's schedule, calendar engines, index
 * methodologies and the contract terms in force on a date), built from a compiled spec by `specEnv` or from literal
 * constants by a generated module, and the parts every final and daily report shares.
 */
import type { CalendarEngine } from "../calendar/index.js";
import { parseIsoDate } from "../calendar/index.js";
import { Schedule } from "../schedule/index.js";
import type { Index, VersionKey } from "../spec.js";
import type { MethodologyReport, ReportError, SettlementSpec } from "./reports.js";
import { isError, parsePeriod, type ResolvedPeriod } from "./steps.js";
import { type ContractTerms, contractTerms } from "./terms.js";

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

export const isContract = (kind: string): boolean => kind === "future" || kind === "option" || kind === "spread";

/** A version key as a certificate words it. */
const VERSION_KEY_WORDS: Readonly<Record<VersionKey, string>> = {
  "contract-month": "contract month",
  "last-trading-day": "last trading day",
  "listing-date": "listing date",
};

/** The methodology versions of several reports, each once, in order of first appearance. */
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
export function versionsDate(schedule: Schedule, contract: string, rp: ResolvedPeriod, event: string): { date: string; note?: string } {
  const c = schedule.contract(contract);
  const period = parsePeriod(rp.period, rp.period.includes("W") ? "week" : "month");
  if (!c.ok || isError(period)) return { date: event };
  const date = schedule.ruleDate(c.value, event, period);
  const key = c.value.versionsSelectedBy?.[0]?.value;
  if (key !== undefined) return { date, note: `selected by the ${VERSION_KEY_WORDS[key]} (${date})` };
  return schedule.asOfDay === undefined ? { date } : { date, note: `in force on ${date} (as of)` };
}

export function mergeMethodology(...lists: (readonly MethodologyReport[])[]): MethodologyReport[] {
  const out: MethodologyReport[] = [];
  for (const l of lists) for (const m of l) if (!out.some((o) => o.index === m.index && o.version === m.version)) out.push(m);
  return out;
}

/** The part of a final or daily report every outcome after the period and the terms are known shares: the period, its dates and the rules reported. */
export function reportHead<B extends { readonly kind: "final" | "daily" }>(
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
