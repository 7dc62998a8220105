/**
 * Listings triggered by an expiry (`when the December contract expires, MONTHS N years later`), against hand counts.
 * - GPUY (specs/contracts/gpu-hour-calendar-years.terms), after the Dubai Mercantile Exchange: "The current year and
 *   the next five years will be listed. A new calendar year will be added following the termination of trading in the
 *   December contract of the current year." (DME Contracts, Month Codes). Its last trading day is the last NYSE
 *   business day of the month: 30 June 2026, 31 December 2026 (a Thursday), 29 January 2027.
 * - The CME-style pattern of issue 14: "when a nearby December expires, a June and a second December are listed",
 *   `6 consecutive months plus when the December contract expires, June, December 2 years later`, on GPUY's dates.
 */
import { describe, expect, it } from "vitest";
import { isoSchedule, type ScheduleContract, type ScheduleInput } from "../../../src/runtime/schedule/index.js";
import { specsModel } from "./specs.js";

const model = specsModel();
const listed = (input: ScheduleInput, name: string, on: string): string[] => {
  const r = isoSchedule(input).listed(name, on);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.map((l) => l.period);
};

describe("GPUY: the current year and the next five years, a new year after the December contract terminates", () => {
  it("on 15 June 2026: June to December 2026 (7) and 2027-2031 (60)", () => {
    const p = listed(model, "GPUY", "2026-06-15");
    expect(p.length).toBe(67);
    expect([p[0], p[p.length - 1]]).toEqual(["2026-06", "2031-12"]);
  });
  it("on 31 December 2026, the December contract's last trading day: it still trades, 2032 is not yet listed (61)", () => {
    const p = listed(model, "GPUY", "2026-12-31");
    expect(p.length).toBe(61);
    expect([p[0], p[p.length - 1]]).toEqual(["2026-12", "2031-12"]);
  });
  it("on 4 January 2027, after it terminated: 2027 to 2032, twelve months each (72)", () => {
    const p = listed(model, "GPUY", "2027-01-04");
    expect(p.length).toBe(72);
    expect([p[0], p[p.length - 1]]).toEqual(["2027-01", "2032-12"]);
  });
  it("has every calendar month as a contract month (the expiries are the months of the set)", () => {
    const r = isoSchedule(model).expiries("GPUY", "2026-01", "2026-12");
    expect(r.ok && r.value.length).toBe(12);
  });
});

describe("when a nearby December expires, a June and a second December are listed", () => {
  const gpuy = model.contracts.GPUY!;
  const contract: ScheduleContract = {
    ...gpuy,
    name: "GPUS",
    listing: [
      {
        effective: [{ from: null, until: null }],
        descriptions: [],
        clauses: [],
        value: [
          { kind: "consecutive", count: 6, period: "months" },
          { kind: "on-expiry", expiring: 12, months: [6, 12], yearsLater: 2 },
        ],
      },
    ],
  };
  const input: ScheduleInput = { calendars: model.calendars, contracts: { ...model.contracts, GPUS: contract } };
  it("on 15 June 2026: June-November 2026, then December 2026, June and December 2027 (December 2025 expired)", () => {
    expect(listed(input, "GPUS", "2026-06-15")).toEqual([
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-06",
      "2027-12",
    ]);
  });
  it("on 4 January 2027, after December 2026 expired: June 2028 and a second December, December 2028, are listed", () => {
    expect(listed(input, "GPUS", "2027-01-04")).toEqual([
      "2027-01",
      "2027-02",
      "2027-03",
      "2027-04",
      "2027-05",
      "2027-06",
      "2027-12",
      "2028-06",
      "2028-12",
    ]);
  });
});
