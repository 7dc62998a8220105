/**
 * The contract months of the diff: the next contract months whose dates (last trading day, termination, final
 * settlement date) or settlement terms change between two specs.
 */
import type { Spec } from "../../model/types.js";
import type * as S from "../../runtime/spec.js";
import { rulesOn, versionOn } from "../../runtime/versions.js";
import { formatIsoDate, parseIsoDate, toCivil } from "../../runtime/calendar/index.js";
import { Schedule, type Expiry } from "../../runtime/schedule/index.js";
import { formatUtc } from "../../runtime/schedule/json.js";
import { longDate } from "../legal/words.js";
import { RULE_LISTS, isClauseList, strip } from "./values.js";

/** A contract month whose dates or settlement terms change. */
export interface MonthChange {
  readonly symbol: string;
  readonly changes: readonly string[];
}

/** The settlement terms in force on a day: every rule version and index and calendar rule the settlement depends on. */
function settlementTerms(spec: Spec, contract: string, day: string): string {
  const c: S.AnyContract | undefined = spec.contracts[contract];
  if (c === undefined) return "";
  const rules: readonly S.Versions<unknown>[] = [
    c.finalSettlement,
    c.fallback,
    c.dailySettlement,
    c.contractUnit,
    c.priceQuotation,
    c.tick,
  ];
  const terms: unknown[] = rules.map((v) => strip(versionOn(v, day)?.value));
  for (const i of Object.values(spec.indices).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const fields: [string, unknown][] = Object.entries(i);
    for (const [k, v] of fields) {
      if (!isClauseList(v) || k === "descriptions" || k === "clauses" || k === "effective") continue;
      terms.push(k, strip(RULE_LISTS.has(k) ? rulesOn(v, day).map((x) => x.value) : versionOn(v, day)?.value));
    }
  }
  return JSON.stringify(terms);
}

function expiriesFrom(spec: Spec, contract: string, asOf: string, n: number): Map<string, Expiry> | undefined {
  if (!Object.hasOwn(spec.contracts, contract)) return undefined;
  const day = parseIsoDate(asOf)!;
  const s = toCivil(day);
  const end = s.year * 12 + s.month - 1 + n + 2;
  const r = new Schedule(spec).expiries(contract, { year: s.year, month: s.month }, { year: Math.floor(end / 12), month: (end % 12) + 1 });
  if (!r.ok) return undefined;
  return new Map(
    r.value
      .filter((e) => e.lastTradingDay >= day)
      .slice(0, n)
      .map((e) => [e.symbol, e]),
  );
}

export function monthChanges(oldSpec: Spec, newSpec: Spec, contract: string, asOf: string, n: number): MonthChange[] {
  const a = expiriesFrom(oldSpec, contract, asOf, n);
  const b = expiriesFrom(newSpec, contract, asOf, n);
  if (a === undefined || b === undefined) return [];
  const out: MonthChange[] = [];
  const symbols = [...new Set([...b.keys(), ...a.keys()])];
  for (const sym of symbols) {
    const o = a.get(sym);
    const x = b.get(sym);
    const changes: string[] = [];
    if (o === undefined) changes.push("newly among the next contract months");
    else if (x === undefined) changes.push("no longer among the next contract months");
    else {
      if (o.lastTradingDay !== x.lastTradingDay)
        changes.push(
          `last trading day changes from ${longDate(formatIsoDate(o.lastTradingDay))} to ${longDate(formatIsoDate(x.lastTradingDay))}`,
        );
      if (o.termination?.instant !== x.termination?.instant) {
        const f = (e: Expiry) =>
          e.termination === undefined ? "not stated" : formatUtc(e.termination.instant).replace("T", " ").replace("Z", " UTC");
        changes.push(`termination changes from ${f(o)} to ${f(x)}`);
      }
      if (o.finalSettlementDate !== x.finalSettlementDate) {
        const f = (d: number | undefined) => (d === undefined ? "not stated" : longDate(formatIsoDate(d)));
        changes.push(`final settlement date changes from ${f(o.finalSettlementDate)} to ${f(x.finalSettlementDate)}`);
      }
      if (
        settlementTerms(oldSpec, contract, formatIsoDate(o.lastTradingDay)) !==
        settlementTerms(newSpec, contract, formatIsoDate(x.lastTradingDay))
      ) {
        changes.push("the terms of its settlement change");
      }
    }
    if (changes.length > 0) out.push({ symbol: sym, changes });
  }
  return out;
}
