/**
 * Expiries of every contract in specs/, compiled from source, for the contract months of 2024-2028: pinned in
 * golden files (test/cases/expiries/<NAME>.json, the `termsheet expiries --format json` document), with named tests
 * for what a reader computes by hand (holidays, clock-change weeks, rule versions) and fast-check properties: every
 * last trading day is a business day of its calendar in its contract month, and termination instants are the
 * stated wall-clock time in the stated zone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantToLocal, parseIsoDate, toCivil, weekdayOf, type DateRule } from "../../../src/runtime/calendar/index.js";
import { Schedule, expiryToJson, monthPeriod, weekPeriod, type Expiry } from "../../../src/runtime/schedule/index.js";
import { outsideCycle } from "../../../src/runtime/schedule/cycle.js";
import { versionOn } from "../../../src/runtime/versions.js";
import { specsModel } from "./specs.js";

const model = specsModel();
const schedule = new Schedule(model);
const iso = (s: string): number => parseIsoDate(s)!;

function expiry(name: string, year: number, month: number): Expiry {
  const r = schedule.expiry(name, monthPeriod(year, month));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const json = (name: string, year: number, month: number) => expiryToJson(expiry(name, year, month));

describe("golden expiries 2024-2028", () => {
  for (const name of Object.keys(model.contracts).sort()) {
    it(name, async () => {
      const r = schedule.expiries(name, { year: 2024, month: 1 }, { year: 2028, month: 12 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const doc = { contract: name, from: "2024-01", to: "2028-12", expiries: r.value.map(expiryToJson) };
      await expect(JSON.stringify(doc, null, 2) + "\n").toMatchFileSnapshot(`../../cases/expiries/${name}.json`);
    });
  }
});

describe("expiries a reader computes by hand", () => {
  it("FOTI: the last Friday, or the London business day before it", () => {
    expect(json("FOTI", 2026, 3).lastTradingDay).toBe("2026-03-27");
    // Last Friday of December 2026 is Christmas Day: the preceding Thursday.
    expect(json("FOTI", 2026, 12).lastTradingDay).toBe("2026-12-24");
    // Last Friday of April 2025 is 25 April, a normal day; Good Friday 2024 (29 March) is the last Friday of March 2024.
    expect(json("FOTI", 2024, 3).lastTradingDay).toBe("2024-03-28");
  });

  it("BTC: 16:00 London is 16:00 UTC and 12:00 New York in the last week of March 2026 (New York on summer time, London not yet)", () => {
    const e = expiry("BTC", 2026, 3);
    expect(json("BTC", 2026, 3).termination).toEqual({
      time: "16:00:00",
      zone: "Europe/London",
      utc: "2026-03-27T16:00:00Z",
      local: "2026-03-27T16:00:00+00:00",
    });
    const ny = instantToLocal(e.termination!.instant, "America/New_York");
    expect(ny.ok && ny.value.hour).toBe(12);
    // In April both are on summer time: 15:00 UTC, 11:00 New York.
    expect(json("BTC", 2026, 4).termination?.utc).toBe("2026-04-24T15:00:00Z");
    const april = instantToLocal(expiry("BTC", 2026, 4).termination!.instant, "America/New_York");
    expect(april.ok && april.value.hour).toBe(11);
    // October 2026: London leaves BST on 25 October, New York on 1 November; the last Friday is 30 October.
    expect(json("BTC", 2026, 10).termination?.utc).toBe("2026-10-30T16:00:00Z");
    const october = instantToLocal(expiry("BTC", 2026, 10).termination!.instant, "America/New_York");
    expect(october.ok && october.value.hour).toBe(12);
  });

  it("BTC: the rule version in force on the first day of the contract month (CME's wording at launch until 2020, today's from 2021)", () => {
    // CME Bitcoin futures, Termination of Trading: "Trading terminates at 4:00 p.m. London time on the last Friday of
    // the contract month. If this is not both a London and U.S. business day, trading terminates on the prior London
    // or U.S. business day." (today's wording, from 2021 here); at launch "the preceding day that is a business day
    // for both the UK and the US" (until 2020 here).
    // 25 December 2020 was the last Friday: closed in both, so the preceding day open in both, Thursday 24 December.
    expect(json("BTC", 2020, 12).lastTradingDay).toBe("2020-12-24");
    // Boxing Day on the last Friday of December closes London only, so the Friday is not a business day in both and
    // moves under either version: to the prior day open in London or New York, Thursday 25 December being Christmas
    // in both, Wednesday 24 December 2025 (open in both, which the launch wording asked for too).
    // (December 2014, the same case, is before BTC's first trade date, 18 December 2017, so it is no contract month.)
    expect(schedule.expiry("BTC", monthPeriod(2014, 12)).ok).toBe(false);
    expect(json("BTC", 2025, 12).lastTradingDay).toBe("2025-12-24");
    // Christmas 2026 (Friday 25 December) is closed in both: Thursday 24 December under the 2021 version.
    expect(json("BTC", 2026, 12).lastTradingDay).toBe("2026-12-24");
    // Good Friday 2024 (29 March, last Friday of March) is closed in both: Thursday 28 March under either version.
    expect(json("BTC", 2024, 3).lastTradingDay).toBe("2024-03-28");
  });

  it("GPUH: the last NYSE business day, averaging every NYSE business day of the month, 16:00 New York", () => {
    const e = json("GPUH", 2027, 12);
    expect(e.lastTradingDay).toBe("2027-12-31"); // Saturday New Year's Day 2028 is not moved by NYSE
    expect(e.termination?.utc).toBe("2027-12-31T21:00:00Z");
    expect(e.averagingDays?.length).toBe(22);
    expect(e.averagingDays).not.toContain("2027-12-24"); // Christmas (Saturday) observed on Friday 24 December
    expect(e.finalSettlementDate).toBe("2027-12-31");
    expect(json("GPUH", 2026, 3).termination?.utc).toBe("2026-03-31T20:00:00Z");
  });

  it("GPUH5: the last five NYSE business days up to the last trading day", () => {
    expect(json("GPUH5", 2025, 12).averagingDays).toEqual(["2025-12-24", "2025-12-26", "2025-12-29", "2025-12-30", "2025-12-31"]);
  });

  it("FOTI_OPT expires with FOTI and settles on FOTI's final settlement date", () => {
    for (const [y, m] of [
      [2026, 12],
      [2027, 4],
      [2028, 3],
    ] as const) {
      expect(json("FOTI_OPT", y, m).lastTradingDay).toBe(json("FOTI", y, m).lastTradingDay);
      expect(json("FOTI_OPT", y, m).finalSettlementDate).toBe(json("FOTI", y, m).finalSettlementDate);
    }
  });

  it("FOTI_CAL ends with its near leg; its far leg settles a month later", () => {
    const e = json("FOTI_CAL", 2026, 3);
    expect(e.lastTradingDay).toBe("2026-03-27");
    expect(e.legs?.map((l) => [l.side, l.symbol, l.lastTradingDay])).toEqual([
      ["buy", "FOTI-H26", "2026-03-27"],
      ["sell", "FOTI-J26", "2026-04-24"],
    ]);
    expect(e.finalSettlementDate).toBe("2026-04-24");
  });

  it("FOTW: the Friday of each ISO week, Thursday 2 April 2026 before Good Friday", () => {
    const r = schedule.expiry("FOTW", weekPeriod(iso("2026-03-30")));
    expect(r.ok && expiryToJson(r.value).symbol).toBe("FOTW-26W14");
    expect(r.ok && expiryToJson(r.value).lastTradingDay).toBe("2026-04-02");
  });
});

describe("properties", () => {
  const monthly = Object.values(model.contracts).filter((c) => c.lastTradingDay.some((v) => v.value.kind === "monthly"));
  const contract = fc.constantFrom(...monthly.map((c) => c.name));
  const month = fc.record({ year: fc.integer({ min: 2000, max: 2060 }), month: fc.integer({ min: 1, max: 12 }) });

  it("every last trading day is a business day of its rule's calendar, in its contract month", () => {
    fc.assert(
      fc.property(contract, month, (name, { year, month }) => {
        const c = model.contracts[name]!;
        const first = `${year}-${String(month).padStart(2, "0")}-01`;
        const rule = versionOn(c.lastTradingDay, first)?.value;
        if (rule?.kind !== "monthly") return true;
        // A month outside a cycle of month sets alone (FOTQ's quarters) is no contract: its expiry is refused.
        if (outsideCycle(schedule, c, monthPeriod(year, month)) !== undefined) return !schedule.expiry(name, monthPeriod(year, month)).ok;
        // A month whose last trading day is outside the product's trading dates (BTC's before 2017-12-18) is refused too.
        const x = schedule.expiry(name, monthPeriod(year, month));
        if (!x.ok) return x.error.kind === "not-listed";
        const r = rule.rule as DateRule;
        const e = expiry(name, year, month);
        const engine = schedule.engine(r.calendar);
        if (!engine.ok) return false;
        const civil = toCivil(e.lastTradingDay);
        const inMonth = civil.year === year && civil.month === month;
        const business = r.convention === "unadjusted" || engine.value.isBusinessDay(e.lastTradingDay);
        return inMonth && business;
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });

  it("termination instants are the stated wall-clock time in the stated zone, on the last trading day", () => {
    fc.assert(
      fc.property(contract, month, (name, { year, month }) => {
        if (outsideCycle(schedule, model.contracts[name]!, monthPeriod(year, month)) !== undefined) return true;
        const x = schedule.expiry(name, monthPeriod(year, month));
        if (!x.ok) return x.error.kind === "not-listed";
        const e = expiry(name, year, month);
        if (e.termination === undefined) return true;
        const local = instantToLocal(e.termination.instant, e.termination.zone);
        if (!local.ok) return false;
        const [h, m] = e.termination.time.split(":").map(Number);
        return local.value.day === e.lastTradingDay && local.value.hour === h && local.value.minute === m;
      }),
      { seed: 20261124, numRuns: 200 },
    );
  });

  it("weekly last trading days lie in their contract week", () => {
    fc.assert(
      fc.property(fc.integer({ min: iso("2000-01-03"), max: iso("2060-12-27") }), (d) => {
        const p = weekPeriod(d);
        const r = schedule.lastTradingDay("FOTW", p);
        return r.ok && p.kind === "week" && r.value >= p.monday && r.value < p.monday + 7 && weekdayOf(r.value) <= 5;
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
