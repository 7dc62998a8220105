/**
 * The two month-set forms of a listing cycle, `the nearest N months in …` and `N additional months in …`, and a cycle
 * made of month sets alone, each against the public clause it writes. Expected symbols are worked out by hand from
 * the third Fridays of 2026-2030 (the FOTQ rule: the third Friday of the month, adjusted preceding on London
 * business days; 16 January, 20 March, 19 June, 18 September, 18 December 2026; 19 March 2027).
 */
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../src/runtime/calendar/index.js";
import { Schedule, describeScheduleError, monthPeriod, type ScheduleInput } from "../../../src/runtime/schedule/index.js";
import type { ListingPart } from "../../../src/runtime/spec.js";
import { checkSources } from "../../../src/driver.js";
import { readFileSync } from "node:fs";
import { host } from "../../model/compile-helpers.js";
import { specsModel } from "./specs.js";

const iso = (s: string): number => parseIsoDate(s)!;

/** specs/ with FOTQ's cycle replaced by another (every other clause of FOTQ kept). */
function withCycle(parts: ListingPart[]): Schedule {
  const model = specsModel();
  const fotq = model.contracts.FOTQ!;
  const input: ScheduleInput = {
    calendars: model.calendars,
    contracts: { ...model.contracts, FOTQ: { ...fotq, listing: [{ effective: [{ from: null, until: null }], value: parts }] } as never },
  };
  return new Schedule(input);
}

const symbols = (schedule: Schedule, date: string): string[] => {
  const r = schedule.listedOn("FOTQ", iso(date));
  if (!r.ok) throw new Error(describeScheduleError(r.error));
  return r.value.map((l) => l.symbol);
};

const QUARTERS = [3, 6, 9, 12];

describe("a quarterly-only cycle (specs/contracts/foti-quarterly.terms)", () => {
  // CME E-mini S&P 500 futures, contract specifications, "Listed Contracts": "Quarterly contracts (Mar, Jun, Sep,
  // Dec) listed for 5 consecutive quarters." Written `listing the nearest 5 months in March, June, September, December`.
  const schedule = new Schedule(specsModel());

  it("lists the five nearest quarterly months and no serial month", () => {
    expect(symbols(schedule, "2026-01-15")).toEqual(["FOTQ-H26", "FOTQ-M26", "FOTQ-U26", "FOTQ-Z26", "FOTQ-H27"]);
    // 20 March 2026 is H26's last trading day: still listed; the next business day the cycle rolls to M27.
    expect(symbols(schedule, "2026-03-20")).toEqual(["FOTQ-H26", "FOTQ-M26", "FOTQ-U26", "FOTQ-Z26", "FOTQ-H27"]);
    expect(symbols(schedule, "2026-03-23")).toEqual(["FOTQ-M26", "FOTQ-U26", "FOTQ-Z26", "FOTQ-H27", "FOTQ-M27"]);
  });

  it("has expiries in the quarterly months only, and refuses a serial month", () => {
    const r = schedule.expiries("FOTQ", { year: 2026, month: 1 }, { year: 2026, month: 12 });
    expect(r.ok && r.value.map((e) => e.symbol)).toEqual(["FOTQ-H26", "FOTQ-M26", "FOTQ-U26", "FOTQ-Z26"]);
    const feb = schedule.expiry("FOTQ", monthPeriod(2026, 2));
    expect(feb.ok).toBe(false);
    if (!feb.ok)
      expect(describeScheduleError(feb.error)).toBe(
        "FOTQ has no contract 2026-02: its listing cycle lists only March, June, September, December",
      );
  });
});

describe("`the nearest N months in …` and `N additional months in …`", () => {
  it('nearest: CME Bitcoin futures\' "2 additional Dec contract months" are the two nearest Decembers', () => {
    // CME Bitcoin futures, contract specifications, "Listed Contracts": "Monthly contracts listed for 6 consecutive
    // months and 2 additional Dec contract months. If the 6 consecutive months includes Dec, list only 1 additional
    // Dec contract month." So CME's "additional" here is the nearest two: `plus the nearest 2 months in December`.
    const s = withCycle([
      { kind: "consecutive", count: 6, period: "months" },
      { kind: "next-in", count: 2, months: [12] },
    ]);
    // From January: Jan-Jun 2026 plus Z26, Z27 (8 months); from August: Aug 2026-Jan 2027 include Z26, plus Z27 (7).
    expect(symbols(s, "2026-01-15")).toEqual([
      "FOTQ-F26",
      "FOTQ-G26",
      "FOTQ-H26",
      "FOTQ-J26",
      "FOTQ-K26",
      "FOTQ-M26",
      "FOTQ-Z26",
      "FOTQ-Z27",
    ]);
    expect(symbols(s, "2026-08-03")).toEqual(["FOTQ-Q26", "FOTQ-U26", "FOTQ-V26", "FOTQ-X26", "FOTQ-Z26", "FOTQ-F27", "FOTQ-Z27"]);
  });

  it("additional: months after the latest one listed, never counting those already listed", () => {
    // "Quarterly contracts (Mar, Jun, Sep, Dec) listed for 9 consecutive quarters and 3 additional Dec contract
    // months" (CME E-mini S&P 500's former listing schedule): three Decembers beyond the ninth quarter.
    const s = withCycle([
      { kind: "next-in", count: 9, months: QUARTERS },
      { kind: "additional", count: 3, months: [12] },
    ]);
    expect(symbols(s, "2026-01-15")).toEqual([
      "FOTQ-H26",
      "FOTQ-M26",
      "FOTQ-U26",
      "FOTQ-Z26",
      "FOTQ-H27",
      "FOTQ-M27",
      "FOTQ-U27",
      "FOTQ-Z27",
      "FOTQ-H28",
      "FOTQ-Z28",
      "FOTQ-Z29",
      "FOTQ-Z30",
    ]);
  });

  it("the two forms differ exactly when an earlier part already lists a month of the set", () => {
    // 3 consecutive months from January 2026 are F26, G26, H26; H26 is quarterly.
    const nearest = withCycle([
      { kind: "consecutive", count: 3, period: "months" },
      { kind: "next-in", count: 4, months: QUARTERS },
    ]);
    const additional = withCycle([
      { kind: "consecutive", count: 3, period: "months" },
      { kind: "additional", count: 4, months: QUARTERS },
    ]);
    expect(symbols(nearest, "2026-01-15")).toEqual(["FOTQ-F26", "FOTQ-G26", "FOTQ-H26", "FOTQ-M26", "FOTQ-U26", "FOTQ-Z26"]);
    expect(symbols(additional, "2026-01-15")).toEqual(["FOTQ-F26", "FOTQ-G26", "FOTQ-H26", "FOTQ-M26", "FOTQ-U26", "FOTQ-Z26", "FOTQ-H27"]);
  });
});

describe("the source spelling", () => {
  it("lowers `the nearest` to next-in and `additional` to additional, and the older `the next` to next-in", () => {
    const fotq = readFileSync("specs/contracts/foti-quarterly.terms", "utf8");
    const text = fotq.replace(
      "listing the nearest 5 months in March, June, September, December",
      "listing the nearest 9 months in March, June, September, December plus 3 additional months in December plus the next 1 in June",
    );
    const checked = checkSources([{ path: "specs/contracts/foti-quarterly.terms", text }], host);
    expect(checked.diagnostics.map((d) => d.code)).toEqual(["W5030"]);
    const listing = checked.model?.contracts.get("FOTQ")?.listing;
    expect(listing?.[0]?.value).toEqual([
      { kind: "next-in", count: 9, months: [3, 6, 9, 12] },
      { kind: "additional", count: 3, months: [12] },
      { kind: "next-in", count: 1, months: [6] },
    ]);
  });
});
