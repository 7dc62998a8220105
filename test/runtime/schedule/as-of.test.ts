/**
 * Rule versions as of a date, and what a contract declares selects them (runtime/versions.ts's `selectionDate`,
 * through `Schedule.asOf` and `ruleDate`). Expected dates are computed by hand from the calendars:
 * - CME Bitcoin futures, Termination of Trading, until 2020: "Trading terminates at 4:00 p.m. London time on the last
 *   Friday of the contract month. If this is not both a London and U.S. business day, trading terminates on the
 *   prior London and the U.S. business day"; from 2021 a business day in either (specs/contracts/btc-reference-future.terms).
 * - The last Friday of December 2025 is Friday 26 December: Boxing Day in London, a business day in New York. Under
 *   "both" it moves to Wednesday 24 December (Thursday 25 December is Christmas in both); under "either" it stays.
 */
import { describe, expect, it } from "vitest";
import { Schedule, isoSchedule, monthPeriod, type ScheduleContract, type ScheduleInput } from "../../../src/runtime/schedule/index.js";
import { selectionDate } from "../../../src/runtime/versions.js";
import { CalendarEngines, formatIsoDate } from "../../../src/runtime/calendar/index.js";
import { selfSelectionGap } from "../../../src/model/invariants.js";
import { specsModel } from "./specs.js";

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

describe("Dec 2025 under the rule in force on a date (BTC)", () => {
  const schedule = new Schedule(model);
  it("by default, by the first day of the contract month: the 2021 rule, 26 December", () => {
    expect(ltd(schedule, "BTC", 2025, 12)).toBe("2025-12-26");
  });
  it("as of 2023-12-07: the rule in force then (from 2021, either), 26 December", () => {
    expect(ltd(schedule.asOf("2023-12-07"), "BTC", 2025, 12)).toBe("2025-12-26");
  });
  it("as of 2020-06-01: the rule of 2020 (both London and New York), 24 December", () => {
    expect(ltd(schedule.asOf("2020-06-01"), "BTC", 2025, 12)).toBe("2025-12-24");
    const e = isoSchedule(model, "2020-06-01").expiries("BTC", "2025-12", "2025-12");
    expect(e.ok && e.value.map((x) => [x.lastTradingDay, x.finalSettlementDate])).toEqual([["2025-12-24", "2025-12-24"]]);
  });
  it("a malformed as-of date is an error value of every ISO answer", () => {
    const r = isoSchedule(model, "2020-13-01").expiries("BTC", "2025-12", "2025-12");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.kind).toBe("invalid-date");
  });
  it("as-of schedules are derived once per date and share nothing that changes the default answers", () => {
    expect(schedule.asOf("2020-06-01")).toBe(schedule.asOf("2020-06-01"));
    expect(schedule.asOf(undefined)).toBe(schedule);
    expect(ltd(schedule, "BTC", 2025, 12)).toBe("2025-12-26");
  });
});

describe("rule versions selected by the contract month (BTCA)", () => {
  it("ignores the as-of date: December 2025 keeps the rule of 1 December 2025", () => {
    const schedule = new Schedule(model);
    expect(ltd(schedule.asOf("2020-06-01"), "BTCA", 2025, 12)).toBe("2025-12-26");
    // December 2020 keeps the rule of 2020 as of 2023: the last Friday, 25 December, is Christmas in both; 24 December.
    expect(ltd(schedule.asOf("2023-12-07"), "BTCA", 2020, 12)).toBe("2020-12-24");
  });
});

/** BTC with its two termination versions moved to a boundary inside December 2025, and a declared key. */
function withVersions(
  key: "contract-month" | "last-trading-day",
  boundaryUntil: string,
  boundaryFrom: string,
  swap = false,
): ScheduleInput {
  const btc = model.contracts.BTC!;
  const [both, either] = btc.lastTradingDay;
  const first = swap ? either! : both!;
  const second = swap ? both! : either!;
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
