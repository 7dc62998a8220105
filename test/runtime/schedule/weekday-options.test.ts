/**
 * Weekday options (issues #14 and #16): BFF_MON … BFF_THU (specs/contracts/btc-weekday-options.terms), each with its
 * last trading day `the WEEKDAY of the contract week, not listed when not a business day on CME_GLOBEX_CRYPTO`,
 * against the clause they write:
 *
 *   "Options on Bitcoin Friday futures (BFF) will be available beginning February 24, 2025. These financially
 *   settled options represent 1/50 of a bitcoin and have expiries available Monday through Friday."
 *   — CME Group, "Frequently Asked Questions: Options on Cryptocurrency Futures".
 *
 * Expected values worked by hand from a calendar of January 2026: 1 January 2026 is a Thursday, so ISO week 1 of
 * 2026 is Monday 29 December 2025 - Sunday 4 January 2026, week 2 is 5-11 January, week 3 12-18, week 4 19-25 and
 * week 5 26 January - 1 February (the weeks whose Thursday is in January). CME Globex crypto holidays in them:
 * New Year's Day, Thursday 1 January 2026, and Martin Luther King, Jr. Day, the third Monday of January 2026
 * (Mondays 5, 12, 19: Monday 19 January). So week 4 has no Monday option and week 1 no Thursday option; every other
 * week has each weekday's option expiring on that weekday, at 16:00 New York time (EST, UTC-5: 21:00Z).
 */
import { describe, expect, it } from "vitest";
import { formatIsoDate, parseIsoDate } from "../../../src/runtime/calendar/index.js";
import { Schedule, describeScheduleError, weekPeriod } from "../../../src/runtime/schedule/index.js";
import { specsModel } from "./specs.js";

const schedule = new Schedule(specsModel());
const january = (name: string): string[] => {
  const r = schedule.expiries(name, { year: 2026, month: 1 }, { year: 2026, month: 1 });
  if (!r.ok) throw new Error(describeScheduleError(r.error));
  return r.value.map((e) => `${e.symbol} ${formatIsoDate(e.lastTradingDay)}`);
};

describe("weekday options on BFF: one series per weekday, none in a week whose weekday is not a business day", () => {
  it("Monday options: none in week 4, whose Monday 19 January 2026 is Martin Luther King, Jr. Day", () => {
    expect(january("BFF_MON")).toEqual([
      "BFF_MON-26W01 2025-12-29",
      "BFF_MON-26W02 2026-01-05",
      "BFF_MON-26W03 2026-01-12",
      "BFF_MON-26W05 2026-01-26",
    ]);
  });

  it("Tuesday and Wednesday options: every week (the Tuesday after the holiday is not moved to)", () => {
    expect(january("BFF_TUE")).toEqual([
      "BFF_TUE-26W01 2025-12-30",
      "BFF_TUE-26W02 2026-01-06",
      "BFF_TUE-26W03 2026-01-13",
      "BFF_TUE-26W04 2026-01-20",
      "BFF_TUE-26W05 2026-01-27",
    ]);
    expect(january("BFF_WED")).toEqual([
      "BFF_WED-26W01 2025-12-31",
      "BFF_WED-26W02 2026-01-07",
      "BFF_WED-26W03 2026-01-14",
      "BFF_WED-26W04 2026-01-21",
      "BFF_WED-26W05 2026-01-28",
    ]);
  });

  it("Thursday options: none in week 1, whose Thursday 1 January 2026 is New Year's Day", () => {
    expect(january("BFF_THU")).toEqual([
      "BFF_THU-26W02 2026-01-08",
      "BFF_THU-26W03 2026-01-15",
      "BFF_THU-26W04 2026-01-22",
      "BFF_THU-26W05 2026-01-29",
    ]);
  });

  it("the Wednesday option of the week of 12 January 2026 terminates at 16:00 New York time and settles that day", () => {
    const e = schedule.expiry("BFF_WED", weekPeriod(parseIsoDate("2026-01-12")!));
    expect(e.ok).toBe(true);
    if (!e.ok) return;
    expect(formatIsoDate(e.value.lastTradingDay)).toBe("2026-01-14");
    expect(new Date(e.value.termination!.instant).toISOString()).toBe("2026-01-14T21:00:00.000Z");
    expect(formatIsoDate(e.value.finalSettlementDate!)).toBe("2026-01-14");
  });

  it("asked for the Monday option of week 4, the schedule says it is not listed and why", () => {
    const e = schedule.expiry("BFF_MON", weekPeriod(parseIsoDate("2026-01-19")!));
    expect(e.ok).toBe(false);
    if (e.ok) return;
    expect(e.error.kind).toBe("not-listed");
    expect(describeScheduleError(e.error)).toBe(
      "BFF_MON has no contract 2026-W04: 2026-01-19 is not a business day of CME_GLOBEX_CRYPTO, and the rule lists no contract for a week whose day is not one",
    );
  });

  it("lists no Monday option on Tuesday 13 January: week 3's expired on Monday 12 January and week 4 has none", () => {
    // BFF lists weeks 3 and 4 on 13 January; the Monday option of week 3 expired on 12 January and week 4 has none.
    const r = schedule.listedByCycle("BFF_MON", parseIsoDate("2026-01-13")!);
    expect(r.ok && r.value.map((l) => l.symbol)).toEqual([]);
    const t = schedule.listedByCycle("BFF_TUE", parseIsoDate("2026-01-13")!);
    expect(t.ok && t.value.map((l) => l.symbol)).toEqual(["BFF_TUE-26W03", "BFF_TUE-26W04"]);
  });

  it("lists at an instant with BFF's own listing time: week 5's options from Thursday 15 January, 18:00 EST (23:00Z)", () => {
    const at = (name: string, instant: string): string[] => {
      const r = schedule.listedAt(name, Date.parse(instant));
      if (!r.ok) throw new Error(describeScheduleError(r.error));
      return r.value.map((l) => l.symbol);
    };
    // Monday 12 January, 16:00 EST = 21:00Z: week 3's Monday option terminates; week 4 has none to follow it.
    expect(at("BFF_MON", "2026-01-12T20:59:59Z")).toEqual(["BFF_MON-26W03"]);
    expect(at("BFF_MON", "2026-01-12T21:00:00Z")).toEqual([]);
    // BFF lists week 5 (Friday 30 January) at 18:00 EST on Thursday 15 January; its Monday option with it.
    expect(at("BFF_MON", "2026-01-15T22:59:00Z")).toEqual([]);
    expect(at("BFF_MON", "2026-01-15T23:00:00Z")).toEqual(["BFF_MON-26W05"]);
    expect(at("BFF_TUE", "2026-01-15T23:00:00Z")).toEqual(["BFF_TUE-26W04", "BFF_TUE-26W05"]);
    // Tuesday 20 January, 16:00 EST = 21:00Z: week 4's Tuesday option terminates on its own day.
    expect(at("BFF_TUE", "2026-01-20T20:59:59Z")).toEqual(["BFF_TUE-26W04", "BFF_TUE-26W05"]);
    expect(at("BFF_TUE", "2026-01-20T21:00:00Z")).toEqual(["BFF_TUE-26W05"]);
  });
});
