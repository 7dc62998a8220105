/**
 * The evaluation of a listing cycle: the periods a contract's cycle lists on a day (the date rule of schedule.ts's
 * module comment), an option's or spread's periods from its underlying's or legs' when it has no cycle of its own,
 * and whether a period is a contract period of a cycle made only of month sets.
 */
import { toCivil, type EpochDay, formatIsoDate } from "../calendar/index.js";
import { formatPeriod, monthPeriod, periodStart, weekPeriod, type ContractPeriod } from "./symbols.js";
import type { ListingPart } from "../spec.js";
import { versionOn } from "../versions.js";
import { MAX_DEPTH, fail, ok, type ScheduleContract, type ScheduleError, type ScheduleResult } from "./types.js";
import { fromIndex, monthIndex, shiftPeriod, sortPeriods } from "./symbols.js";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** What this module asks of a `Schedule`. */
export interface CycleScheduleView {
  contract(name: string): ScheduleResult<ScheduleContract>;
  /** Whether a contract's periods are months or weeks on a date. */
  periodKind(name: string, date: EpochDay): ScheduleResult<"month" | "week">;
  /** The date whose rule versions govern a question about a contract (Schedule.ruleDate). */
  ruleDate(c: ScheduleContract, event: string, period?: ContractPeriod): string;
  /** The last trading day of a period, `depth` contracts deep. */
  ltd(name: string, period: ContractPeriod, depth: number): ScheduleResult<EpochDay>;
  /** The future an option stands on, by the version in force on a date. */
  underlyingFuture(c: ScheduleContract, iso: string): string | undefined;
  /** A spread's legs in force on a date. */
  legsOn(c: ScheduleContract, iso: string): { side: "buy" | "sell"; contract: string; monthsLater: number }[];
}

/**
 * Why a period is not a contract period of a contract, or undefined when it is: a month outside the months of a
 * listing cycle made only of month sets (`the nearest 4 months in March, June, September, December`), by the
 * cycle in force on the period's first day. A cycle with a `consecutive` part lists every period.
 */
export function outsideCycle(s: CycleScheduleView, c: ScheduleContract, period: ContractPeriod): ScheduleError | undefined {
  if (period.kind !== "month") return undefined;
  const cycle = versionOn(c.listing, s.ruleDate(c, formatIsoDate(periodStart(period)), period))?.value;
  if (cycle === undefined || cycle.some((p) => p.kind === "consecutive")) return undefined;
  const months = new Set(cycle.flatMap((p) => (p.kind === "next-in" || p.kind === "additional" || p.kind === "on-expiry" ? p.months : [])));
  if (months.has(period.month)) return undefined;
  return {
    kind: "not-listed",
    contract: c.name,
    period: formatPeriod(period),
    reason: `its listing cycle lists only ${[...months]
      .sort((a, b) => a - b)
      .map((m) => MONTH_NAMES[m - 1])
      .join(", ")}`,
  };
}

/**
 * The periods a contract lists on a day, in order: by its own cycle (each period by the cycle version that governs
 * it), else by its underlying future's or its legs' listed periods whose last trading day has not passed.
 */
export function listedPeriods(s: CycleScheduleView, name: string, day: EpochDay, depth: number): ScheduleResult<ContractPeriod[]> {
  if (depth > MAX_DEPTH) return fail({ kind: "recursion", contract: name });
  const c = s.contract(name);
  if (!c.ok) return c;
  const kind = s.periodKind(name, day);
  if (!kind.ok) return kind;
  const iso = formatIsoDate(day);
  if (c.value.listing.length > 0) {
    // Each candidate period is listed by the cycle version in force on its first day (docs/spec-format.md), or
    // on the date that selects its versions (an as-of date, the contract's declared key).
    const versions = new Set(c.value.listing);
    const chosen: ContractPeriod[] = [];
    for (const v of versions) {
      const set = cycle(s, name, v.value, kind.value, day);
      if (!set.ok) return set;
      for (const p of set.value)
        if (versionOn(c.value.listing, s.ruleDate(c.value, formatIsoDate(periodStart(p)), p)) === v) chosen.push(p);
    }
    return ok(sortPeriods(chosen));
  }
  const under = s.underlyingFuture(c.value, s.ruleDate(c.value, iso));
  const legs = s.legsOn(c.value, s.ruleDate(c.value, iso));
  if (under !== undefined || legs.length > 0) {
    const base = under ?? legs[0]!.contract;
    const offset = under !== undefined ? 0 : legs[0]!.monthsLater;
    const listed = listedPeriods(s, base, day, depth + 1);
    if (!listed.ok) return listed;
    const keys = new Map<string, Set<string>>();
    const keyOf = (p: ContractPeriod): string => (p.kind === "month" ? `${p.year}-${p.month}` : `w${p.monday}`);
    const out: ContractPeriod[] = [];
    for (const bp of listed.value) {
      const p = shiftPeriod(bp, -offset);
      let all = true;
      for (const leg of under !== undefined ? [] : legs) {
        let set = keys.get(leg.contract);
        if (set === undefined) {
          const l = listedPeriods(s, leg.contract, day, depth + 1);
          if (!l.ok) return l;
          set = new Set(l.value.map(keyOf));
          keys.set(leg.contract, set);
        }
        if (!set.has(keyOf(shiftPeriod(p, leg.monthsLater)))) all = false;
      }
      if (!all) continue;
      const l = s.ltd(name, p, depth);
      if (!l.ok && l.error.kind === "not-listed") continue;
      if (!l.ok) return l;
      if (l.value >= day) out.push(p);
    }
    return ok(out);
  }
  return fail({ kind: "no-rule", contract: name, rule: "listing", date: iso });
}

/**
 * `when the December contract expires, June, December 2 years later`: the periods of those months whose December
 * of `yearsLater` years before has expired by the day (its last trading day is before it), and that have not.
 */
function listedOnExpiry(
  s: CycleScheduleView,
  name: string,
  part: { readonly expiring: number; readonly months: readonly number[]; readonly yearsLater: number },
  day: EpochDay,
  add: (p: ContractPeriod) => void,
): ScheduleResult<undefined> {
  const year = toCivil(day).year;
  for (let y = year - 1; y <= year + part.yearsLater + 1; y++) {
    const trigger = s.ltd(name, monthPeriod(y - part.yearsLater, part.expiring), 0);
    if (!trigger.ok) return trigger;
    if (trigger.value >= day) continue;
    for (const m of [...part.months].sort((a, b) => a - b)) {
      const p = monthPeriod(y, m);
      const l = s.ltd(name, p, 0);
      if (!l.ok) return l;
      if (l.value >= day) add(p);
    }
  }
  return ok(undefined);
}

/** The periods one listing cycle lists on a day. */
function cycle(
  s: CycleScheduleView,
  name: string,
  parts: readonly ListingPart[],
  kind: "month" | "week",
  day: EpochDay,
): ScheduleResult<ContractPeriod[]> {
  // The front period: the first whose last trading day is on or after the day. A last trading day lies at most a
  // few months before its contract month's start (monthOffset), so the search starts well before the day's month.
  let front: ContractPeriod | undefined;
  if (kind === "week") {
    const start = weekPeriod(day - 7 * 6);
    for (let i = 0; i < 60 && front === undefined; i++) {
      const p = weekPeriod((start as { monday: number }).monday + 7 * i);
      const l = s.ltd(name, p, 0);
      if (!l.ok && l.error.kind === "not-listed") continue;
      if (!l.ok) return l;
      if (l.value >= day) front = p;
    }
  } else {
    const c = toCivil(day);
    const base = monthIndex(c.year, c.month) - 13;
    for (let i = 0; i < 400 && front === undefined; i++) {
      const p = fromIndex(base + i);
      const l = s.ltd(name, p, 0);
      if (!l.ok) return l;
      if (l.value >= day) front = p;
    }
  }
  if (front === undefined) return ok([]);
  const out: ContractPeriod[] = [];
  const seen = new Set<string>();
  const add = (p: ContractPeriod): void => {
    const k = p.kind === "month" ? `${p.year}-${p.month}` : `w${p.monday}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(p);
    }
  };
  for (const part of parts) {
    if (part.kind === "listed-at") continue;
    if (part.kind === "consecutive") {
      if ((part.period === "weeks") !== (kind === "week")) continue;
      for (let i = 0; i < part.count; i++) add(shiftPeriod(front, i));
    } else if (part.kind === "on-expiry") {
      if (kind !== "month") continue;
      const r = listedOnExpiry(s, name, part, day, add);
      if (!r.ok) return r;
    } else if (kind === "month" && front.kind === "month") {
      // `the nearest N months in …` counts from the front period, listed or not; `N additional months in …` from
      // the month after the latest one the earlier parts list (from the front period when they list none).
      let from: ContractPeriod = front;
      if (part.kind === "additional") for (const q of out) if (periodStart(q) >= periodStart(from)) from = shiftPeriod(q, 1);
      let found = 0;
      for (let i = 0; found < part.count && i < 12 * part.count + 12; i++) {
        const p = shiftPeriod(from, i);
        if (p.kind === "month" && part.months.includes(p.month)) {
          add(p);
          found++;
        }
      }
    }
  }
  return ok(sortPeriods(out));
}
