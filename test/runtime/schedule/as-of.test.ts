/**
 * Rule versions as of a date, and what a contract declares selects them (runtime/versions.ts's `selectionDate`,
 * through `Schedule.asOf` and `ruleDate`). Expected dates are computed by hand from the calendars and by the oracle
 * test/oracles/btc_last_trading_day.py (England and Wales bank holidays and NYSE holidays, as published):
 * - CME Bitcoin futures, Termination of Trading: at launch "If that day is not a business day in both the UK and the
 *   US, trading terminates on the preceding day that is a business day for both the UK and the US" (until 2020 in
 *   specs/contracts/btc-reference-future.terms); today "If this is not both a London and U.S. business day, trading
 *   terminates on the prior London or U.S. business day" (from 2021).
 * - The two give the same day in every month (the oracle finds none that differs up to 2100): the last Friday of
 *   December 2025, Friday 26 December, is Boxing Day in London, so not a business day in both; Thursday 25 December
 *   is Christmas in both; both versions give Wednesday 24 December.
 * - The tests of how versions are selected need two versions that differ, so they pair the launch version with a
 *   hypothetical one that keeps a Friday open in London or New York (`adjusted preceding on LONDON_OR_NEW_YORK`, the
 *   reading of the amendment this repository had before, which CME's text does not support): under it December 2025
 *   stays on Friday 26 December.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Schedule, isoSchedule, monthPeriod, type ScheduleContract, type ScheduleInput } from "../../../src/runtime/schedule/index.js";
import { selectionDate } from "../../../src/runtime/versions.js";
import { CalendarEngines, formatIsoDate } from "../../../src/runtime/calendar/index.js";
import { selfSelectionGap } from "../../../src/model/invariants.js";
import { specsModel } from "./specs.js";
import { checkSources } from "../../../src/driver.js";
import { lowerProgram } from "../../../src/model/from-checked.js";
import { host } from "../../model/compile-helpers.js";

const model = specsModel();
const ltd = (s: Schedule, name: string, year: number, month: number): string => {
  const r = s.lastTradingDay(name, monthPeriod(year, month));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return formatIsoDate(r.value);
};

describe("selectionDate: the one place that decides which date selects a version", () => {
  const dates = { event: "2025-12-26", contractMonth: "2025-12-01", lastTradingDay: () => "2025-12-24" };
  it("takes the event's date by default, the as-of date when given, and a declared key over both", () => {
    expect(selectionDate(undefined, undefined, dates)).toBe("2025-12-26");
    expect(selectionDate(undefined, "2023-12-07", dates)).toBe("2023-12-07");
    expect(selectionDate("contract-month", "2023-12-07", dates)).toBe("2025-12-01");
    expect(selectionDate("last-trading-day", "2023-12-07", dates)).toBe("2025-12-24");
    // A question not about a contract period (a listing time on a day) keeps its own date under a key.
    expect(selectionDate("contract-month", "2023-12-07", { event: "2025-06-02" })).toBe("2025-06-02");
  });
});

describe("BTC under the rule in force on a date: CME's two wordings give the same days (oracle)", () => {
  const schedule = new Schedule(model);
  const oracle = JSON.parse(readFileSync(new URL("./btc-last-trading-days.oracle.json", import.meta.url), "utf8")) as {
    months: Record<string, { launch: string; current: string; eitherTrigger: string }>;
    differ: Record<string, unknown>;
  };
  const months = Object.keys(oracle.months).filter((m) => m >= "2018-01");
  it("by default, by the first day of the contract month: the launch wording until 2020, today's from 2021", () => {
    for (const k of months) {
      const [year, month] = [Number(k.slice(0, 4)), Number(k.slice(5))];
      const want = year <= 2020 ? oracle.months[k]!.launch : oracle.months[k]!.current;
      expect([k, ltd(schedule, "BTC", year, month)]).toEqual([k, want]);
    }
  });
  it("as of 2020-06-01 every month takes the launch wording, as of 2023-12-07 today's: the same days", () => {
    const launch = schedule.asOf("2020-06-01");
    const current = schedule.asOf("2023-12-07");
    for (const k of months) {
      const [year, month] = [Number(k.slice(0, 4)), Number(k.slice(5))];
      expect([k, ltd(launch, "BTC", year, month)]).toEqual([k, oracle.months[k]!.launch]);
      expect([k, ltd(current, "BTC", year, month)]).toEqual([k, oracle.months[k]!.current]);
    }
    // Where the two wordings could part (a last Friday closed in one place), they do not: Boxing Day 2025.
    expect(ltd(current, "BTC", 2025, 12)).toBe("2025-12-24");
    const differ = oracle.differ as Record<string, { launch: string; current: string }>;
    expect(Object.values(differ).every((d) => d.launch === d.current)).toBe(true);
  });
  it("as of 2020-06-01 through the ISO answers, and a malformed as-of date is an error value", () => {
    const e = isoSchedule(model, "2020-06-01").expiries("BTC", "2025-12", "2025-12");
    expect(e.ok && e.value.map((x) => [x.lastTradingDay, x.finalSettlementDate])).toEqual([["2025-12-24", "2025-12-24"]]);
    const r = isoSchedule(model, "2020-13-01").expiries("BTC", "2025-12", "2025-12");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe("invalid-date");
  });
  it("as-of schedules are derived once per date and share nothing that changes the default answers", () => {
    expect(schedule.asOf("2020-06-01")).toBe(schedule.asOf("2020-06-01"));
    expect(schedule.asOf(undefined)).toBe(schedule);
    expect(ltd(schedule, "BTC", 2025, 12)).toBe("2025-12-24");
  });
});

describe("rule versions selected by the contract month (BTCA)", () => {
  it("ignores the as-of date: each month keeps the version of its first day", () => {
    const schedule = new Schedule(model);
    expect(ltd(schedule.asOf("2020-06-01"), "BTCA", 2025, 12)).toBe("2025-12-24");
    // December 2020 keeps the rule of 2020 as of 2023: the last Friday, 25 December, is Christmas in both; 24 December.
    expect(ltd(schedule.asOf("2023-12-07"), "BTCA", 2020, 12)).toBe("2020-12-24");
  });
  it("under a hypothetical amendment that keeps a Friday open in either place, December 2025 keeps it whatever the as-of date", () => {
    const input = withVersions("contract-month", "2020-12-31", "2021-01-01");
    expect(ltd(new Schedule(input).asOf("2020-06-01"), "BTC", 2025, 12)).toBe("2025-12-26");
    expect(ltd(new Schedule(input).asOf("2023-12-07"), "BTC", 2020, 12)).toBe("2020-12-24");
  });
});

/** BTC's launch version and the hypothetical "either" version, moved to a boundary, and a declared key. */
function withVersions(
  key: "contract-month" | "last-trading-day" | "listing-date",
  boundaryUntil: string,
  boundaryFrom: string,
  swap = false,
): ScheduleInput {
  const btc = model.contracts.BTC!;
  const [both, current] = btc.lastTradingDay;
  // The hypothetical "either" version: today's rule without its trigger (`adjusted preceding on LONDON_OR_NEW_YORK`).
  const rule = current!.value;
  if (rule.kind !== "monthly") throw new Error("BTC's last trading day is monthly");
  const { whenNotBusinessDayOn: _trigger, ...withoutTrigger } = rule.rule;
  const either = { ...current!, value: { kind: "monthly" as const, rule: withoutTrigger } };
  const first = swap ? either : both!;
  const second = swap ? both! : either;
  const contract: ScheduleContract = {
    ...btc,
    lastTradingDay: [
      { ...first, effective: [{ from: null, until: boundaryUntil }] },
      { ...second, effective: [{ from: boundaryFrom, until: null }] },
    ],
    versionsSelectedBy: [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value: key }],
  };
  return { calendars: model.calendars, contracts: { ...model.contracts, BTC: contract } };
}

describe("rule versions selected by the last trading day", () => {
  it("takes the version whose own last trading day it is in force on", () => {
    // "Both" until 10 December 2025, "either" from 11 December: from the first day, "both" gives 24 December, on which
    // "either" is in force; "either" gives 26 December, on which it is still in force: 26 December.
    const input = withVersions("last-trading-day", "2025-12-10", "2025-12-11");
    expect(ltd(new Schedule(input), "BTC", 2025, 12)).toBe("2025-12-26");
    expect(ltd(new Schedule(input).asOf("2020-06-01"), "BTC", 2025, 12)).toBe("2025-12-26");
    // By the contract month, 1 December is under "both": 24 December.
    expect(ltd(new Schedule(withVersions("contract-month", "2025-12-10", "2025-12-11")), "BTC", 2025, 12)).toBe("2025-12-24");
  });
  it("refuses a month for which no version gives a day in its own effective dates", () => {
    // "Either" until 24 December, "both" from 25 December: "either" gives 26 December, under "both"; "both" gives
    // 24 December, under "either": neither day is in force under the version that gives it.
    const input = withVersions("last-trading-day", "2025-12-24", "2025-12-25", true);
    const r = new Schedule(input).lastTradingDay("BTC", monthPeriod(2025, 12));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe("no-rule");
  });
  it("the check's invariant makes the runtime's search and finds the month the runtime refuses (E4270)", () => {
    const engines = new CalendarEngines((n) => model.calendars[n], 2020, 2030);
    const engineOf = (n: string) => {
      const e = engines.get(n);
      return e.ok ? e.value : undefined;
    };
    const horizon = { startYear: 2025, startMonth: 1, years: 2 };
    const versions = (input: ScheduleInput) => input.contracts.BTC!.lastTradingDay.map((v) => ({ effective: v.effective, rule: v.value }));
    const gap = selfSelectionGap(versions(withVersions("last-trading-day", "2025-12-24", "2025-12-25", true)), engineOf, false, horizon);
    expect(gap?.label).toBe("2025-12");
    expect(gap?.trail.map((s) => `${s.asked}→${s.day}`)).toEqual([
      "2025-12-01→2025-12-26",
      "2025-12-26→2025-12-24",
      "2025-12-24→2025-12-26",
    ]);
    // The amendment of 11 December that the runtime resolves (to 26 December) is no gap.
    expect(
      selfSelectionGap(versions(withVersions("last-trading-day", "2025-12-10", "2025-12-11")), engineOf, false, horizon),
    ).toBeUndefined();
  });
});

describe("rule versions selected by the listing date", () => {
  // BTC lists "6 consecutive months plus the nearest 2 months in December". By hand: December 2023's last trading day
  // is Friday 29 December 2023 (a business day in London and New York under either rule), so on Saturday 30 December
  // 2023 the nearest two Decembers become December 2024 and December 2025: December 2025 is first listed that day.
  // June 2026 enters the six consecutive months when December 2025 expires, on Friday 26 December 2025 under the rule
  // in force then ("either": Boxing Day is a holiday in London only): first listed Saturday 27 December 2025.
  const input = withVersions("listing-date", "2023-12-31", "2024-01-01");
  it("is the first day the listing schedule, as it stood that day, lists the period", () => {
    const s = new Schedule(input);
    expect(s.listingDate("BTC", monthPeriod(2025, 12))).toBe("2023-12-30");
    expect(s.listingDate("BTC", monthPeriod(2026, 6))).toBe("2025-12-27");
  });
  it("selects the versions in force that day, whatever the contract month or the as-of date", () => {
    // December 2025 was listed under "both" (until 2023-12-31): Fri 26 Dec is Boxing Day in London, Thu 25 Christmas in
    // both, so Wednesday 24 December; by the contract month (1 December 2025, under "either") it would be the 26th.
    expect(ltd(new Schedule(input), "BTC", 2025, 12)).toBe("2025-12-24");
    expect(ltd(new Schedule(input).asOf("2025-06-01"), "BTC", 2025, 12)).toBe("2025-12-24");
    expect(ltd(new Schedule(withVersions("contract-month", "2023-12-31", "2024-01-01")), "BTC", 2025, 12)).toBe("2025-12-26");
    // June 2026, listed on 27 December 2025 under "either": its last Friday, 26 June 2026, is a business day in both.
    expect(ltd(new Schedule(input), "BTC", 2026, 6)).toBe("2026-06-26");
  });
});

describe("rule versions selected by the listing date, a version change inside a month (compiled from source)", () => {
  // test/cases/diagnostics/versions/selected-by-listing-date.terms: TOKF lists 3 consecutive months; its last Friday
  // version holds until 2027-03-20, the third Friday from 2027-03-21. By hand, month M is first listed the day after
  // month M-3 expires, under the rules of that day: April 2027 on 30 January (after Fri 29 Jan), last Friday: 30 April;
  // May on 27 February, last Friday: 28 May; June on 21 March, when the third-Friday version makes March's last trading
  // day the 19th, already past: third Friday 18 June; July on 17 April (after Fri 16 April): third Friday 16 July.
  // February and March were listed in November and December 2026: last Fridays 26 February and 26 March.
  const path = "test/cases/diagnostics/versions/selected-by-listing-date.terms";
  const checked = checkSources([{ path, text: host.readFile(path)! }], host);
  const lowered = lowerProgram(checked.program);
  it("gives each month the last trading day of the version in force when it was first listed", () => {
    expect(lowered.ok).toBe(true);
    if (!lowered.ok) return;
    const s = new Schedule({
      calendars: Object.fromEntries(lowered.model.calendars),
      contracts: Object.fromEntries(lowered.model.contracts),
    });
    expect([4, 5, 6, 7].map((m) => s.listingDate("TOKF", monthPeriod(2027, m)))).toEqual([
      "2027-01-30",
      "2027-02-27",
      "2027-03-21",
      "2027-04-17",
    ]);
    expect([2, 3, 4, 5, 6, 7].map((m) => ltd(s, "TOKF", 2027, m))).toEqual([
      "2027-02-26",
      "2027-03-26",
      "2027-04-30",
      "2027-05-28",
      "2027-06-18",
      "2027-07-16",
    ]);
  });
});
