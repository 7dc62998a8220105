/**
 * The environment the settlement functions read ({@link SettleEnv}: the spec's schedule, calendar engines, index
 * methodologies and the contract terms in force on a date), built from a compiled spec by `specEnv` or from literal
 * constants by a generated module, and the parts every final and daily report shares.
 */
import type { CalendarEngine } from "../calendar/index.js";
import { Schedule } from "../schedule/index.js";
import type { Index } from "../spec.js";
import type { MethodologyReport, SettlementSpec } from "./reports.js";
import type { ResolvedPeriod } from "./steps.js";
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

/** The methodology versions of several reports, each once, in order of first appearance. */
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
