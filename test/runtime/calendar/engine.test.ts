/**
 * Tests of the business-day engine on real calendars written as model objects: NYSE vs US federal
 * observance, UK substitute days, joint all/any calendars, basedOn, reference errors, range extension,
 * business-day arithmetic, and agreement with the naive per-query evaluator.
 */
import { describe, expect, it } from "vitest";
import {
  CalendarRangeError,
  buildCalendar,
  formatIsoDate,
  isBusinessDayNaive,
  parseIsoDate,
  resolverFromList,
  type Calendar,
  type CalendarEngine,
} from "../../../src/runtime/calendar/index.js";
import { LONDON_AND_NY, LONDON_OR_NY, NYSE, NYSE_PLUS, TARGET, UK, US_FEDERAL, resolve } from "./fixtures.js";

const iso = (s: string): number => {
  const d = parseIsoDate(s);
  if (d === undefined) throw new Error(`bad date in test: ${s}`);
  return d;
};

function engine(cal: Calendar, from = 2000, to = 2030): CalendarEngine {
  const r = buildCalendar(cal, resolve, from, to);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const holidaysOf = (e: CalendarEngine, year: number): string[] =>
  e.holidaysBetween(iso(`${year}-01-01`), iso(`${year + 1}-01-01`)).map((h) => formatIsoDate(h.day));

describe("NYSE-style calendar", () => {
  const nyse = engine(NYSE);

  it("lists the 2024 holidays", () => {
    expect(holidaysOf(nyse, 2024)).toEqual([
      "2024-01-01",
      "2024-01-15",
      "2024-02-19",
      "2024-03-29",
      "2024-05-27",
      "2024-06-19",
      "2024-07-04",
      "2024-09-02",
      "2024-11-28",
      "2024-12-25",
    ]);
  });

  it("does not move a Saturday New Year's Day to 31 December", () => {
    expect(nyse.isBusinessDay(iso("2021-12-31"))).toBe(true);
    expect(nyse.isBusinessDay(iso("2027-12-31"))).toBe(true);
    expect(nyse.holidayNames(iso("2022-01-01"))).toEqual(["New Year's Day"]);
    expect(nyse.isWeekend(iso("2022-01-01"))).toBe(true);
  });

  it("moves a Sunday New Year's Day to Monday and Saturday Christmas to Friday", () => {
    expect(nyse.isBusinessDay(iso("2023-01-02"))).toBe(false);
    expect(nyse.holidayNames(iso("2023-01-02"))).toEqual(["New Year's Day"]);
    expect(nyse.isBusinessDay(iso("2021-12-24"))).toBe(false);
    expect(nyse.holidayNames(iso("2021-12-24"))).toEqual(["Christmas Day"]);
  });

  it("applies Juneteenth from 2022 only, observed on Monday 2022-06-20", () => {
    expect(nyse.isBusinessDay(iso("2021-06-18"))).toBe(true);
    expect(nyse.isBusinessDay(iso("2022-06-20"))).toBe(false);
    expect(nyse.isBusinessDay(iso("2023-06-19"))).toBe(false);
  });

  it("closes on one-off dates", () => {
    for (const d of ["2001-09-11", "2001-09-14", "2004-06-11", "2007-01-02", "2012-10-29", "2012-10-30", "2018-12-05", "2025-01-09"]) {
      expect(nyse.isBusinessDay(iso(d)), d).toBe(false);
      expect(nyse.holidayNames(iso(d)), d).toEqual(["Unscheduled closure"]);
    }
  });
});

describe("US federal calendar", () => {
  const fed = engine(US_FEDERAL);

  it("observes New Year's Day 2022 (a Saturday) on Friday 2021-12-31", () => {
    expect(fed.isBusinessDay(iso("2021-12-31"))).toBe(false);
    expect(fed.holidayNames(iso("2021-12-31"))).toEqual(["New Year's Day"]);
    expect(fed.isBusinessDay(iso("2027-12-31"))).toBe(false);
  });

  it("observed Juneteenth on 2021-06-18", () => {
    expect(fed.isBusinessDay(iso("2021-06-18"))).toBe(false);
  });

  it("has Columbus and Veterans Day but no Good Friday", () => {
    expect(holidaysOf(fed, 2023)).toEqual([
      "2023-01-02",
      "2023-01-16",
      "2023-02-20",
      "2023-05-29",
      "2023-06-19",
      "2023-07-04",
      "2023-09-04",
      "2023-10-09",
      "2023-11-10",
      "2023-11-23",
      "2023-12-25",
    ]);
    expect(fed.isBusinessDay(iso("2024-03-29"))).toBe(true);
  });
});

describe("England and Wales substitute days", () => {
  const uk = engine(UK);

  it("2021: Christmas on Saturday -> Mon 27, Boxing Day on Sunday -> Tue 28", () => {
    expect(uk.holidayNames(iso("2021-12-27"))).toEqual(["Christmas Day"]);
    expect(uk.holidayNames(iso("2021-12-28"))).toEqual(["Boxing Day"]);
    expect(uk.isBusinessDay(iso("2021-12-24"))).toBe(true);
    expect(uk.isBusinessDay(iso("2021-12-29"))).toBe(true);
  });

  it("2022: Christmas on Sunday -> Tue 27 because Mon 26 is Boxing Day", () => {
    expect(uk.holidayNames(iso("2022-12-26"))).toEqual(["Boxing Day"]);
    expect(uk.holidayNames(iso("2022-12-27"))).toEqual(["Christmas Day"]);
    expect(uk.isBusinessDay(iso("2022-12-28"))).toBe(true);
  });

  it("2010: Christmas on Saturday and Boxing Day on Sunday -> 27 and 28", () => {
    expect(uk.isBusinessDay(iso("2010-12-27"))).toBe(false);
    expect(uk.isBusinessDay(iso("2010-12-28"))).toBe(false);
    expect(uk.isBusinessDay(iso("2010-12-29"))).toBe(true);
  });

  it("lists the real 2020 and 2022 bank holidays", () => {
    expect(holidaysOf(uk, 2020)).toEqual([
      "2020-01-01",
      "2020-04-10",
      "2020-04-13",
      "2020-05-08",
      "2020-05-25",
      "2020-08-31",
      "2020-12-25",
      "2020-12-28",
    ]);
    expect(holidaysOf(uk, 2022)).toEqual([
      "2022-01-03",
      "2022-04-15",
      "2022-04-18",
      "2022-05-02",
      "2022-06-02",
      "2022-06-03",
      "2022-08-29",
      "2022-09-19",
      "2022-12-26",
      "2022-12-27",
    ]);
  });
});

describe("joint calendars", () => {
  const all = engine(LONDON_AND_NY);
  const any = engine(LONDON_OR_NY);

  it.each([
    ["2024-07-04", false, true], // US only
    ["2024-08-26", false, true], // UK only
    ["2024-05-27", false, false], // Memorial Day and spring bank holiday
    ["2024-07-05", true, true],
    ["2024-07-06", false, false], // Saturday
  ])("%s: all=%s any=%s", (d, inAll, inAny) => {
    expect(all.isBusinessDay(iso(d))).toBe(inAll);
    expect(any.isBusinessDay(iso(d))).toBe(inAny);
  });

  it("reports members' holiday names and the combined holidays", () => {
    expect(all.holidayNames(iso("2024-05-27"))).toEqual(["Spring bank holiday", "Memorial Day"]);
    expect(all.holidaysBetween(iso("2024-05-20"), iso("2024-09-01")).map((h) => formatIsoDate(h.day))).toEqual([
      "2024-05-27",
      "2024-06-19",
      "2024-07-04",
      "2024-08-26",
    ]);
    expect(any.holidaysBetween(iso("2024-05-20"), iso("2024-09-01")).map((h) => formatIsoDate(h.day))).toEqual(["2024-05-27"]);
  });

  it("combines weekends: a Friday-Saturday weekend joined with Saturday-Sunday", () => {
    const gulf: Calendar = { name: "Gulf", timeZone: "Asia/Riyadh", weekend: [5, 6], holidays: [] };
    const plain: Calendar = { name: "Plain", timeZone: "UTC", weekend: [6, 7], holidays: [] };
    const both: Calendar = {
      name: "Both",
      timeZone: "UTC",
      weekend: [],
      holidays: [],
      joint: { mode: "all", calendars: ["Gulf", "Plain"] },
    };
    const either: Calendar = {
      name: "Either",
      timeZone: "UTC",
      weekend: [],
      holidays: [],
      joint: { mode: "any", calendars: ["Gulf", "Plain"] },
    };
    const r = resolverFromList([gulf, plain, both, either]);
    const b = buildCalendar(both, r, 2026, 2026);
    const e = buildCalendar(either, r, 2026, 2026);
    if (!b.ok || !e.ok) throw new Error("build failed");
    const fri = iso("2026-03-27");
    expect([b.value.isBusinessDay(fri), b.value.isWeekend(fri)]).toEqual([false, true]);
    expect([e.value.isBusinessDay(fri), e.value.isWeekend(fri)]).toEqual([true, false]);
    expect(e.value.isWeekend(fri + 1)).toBe(true);
    expect(e.value.isBusinessDay(fri + 2)).toBe(true);
  });
});

describe("basedOn", () => {
  it("adds another calendar's holidays to its own", () => {
    const plus = engine(NYSE_PLUS);
    expect(plus.isBusinessDay(iso("2024-05-17"))).toBe(false);
    expect(plus.isBusinessDay(iso("2024-03-29"))).toBe(false);
    expect(plus.holidayNames(iso("2025-05-16"))).toEqual(["Exchange anniversary"]);
  });
});

describe("reference and model errors", () => {
  const base = { timeZone: "UTC", weekend: [6, 7], holidays: [] };

  it("detects cycles without throwing", () => {
    const a: Calendar = { ...base, name: "A", basedOn: ["B"] };
    const b: Calendar = { ...base, name: "B", joint: { mode: "all", calendars: ["A"] } };
    const r = resolverFromList([a, b]);
    expect(buildCalendar(a, r, 2020, 2021)).toEqual({ ok: false, error: { kind: "calendar-cycle", cycle: ["A", "B", "A"] } });
    expect(isBusinessDayNaive(a, r, iso("2020-01-01"))).toMatchObject({ ok: false, error: { kind: "calendar-cycle" } });
    const self: Calendar = { ...base, name: "S", basedOn: ["S"] };
    expect(buildCalendar(self, resolverFromList([]), 2020, 2021)).toEqual({
      ok: false,
      error: { kind: "calendar-cycle", cycle: ["S", "S"] },
    });
  });

  it("reports unknown calendars", () => {
    const a: Calendar = { ...base, name: "A", basedOn: ["Nowhere"] };
    expect(buildCalendar(a, resolverFromList([a]), 2020, 2021)).toEqual({
      ok: false,
      error: { kind: "unknown-calendar", name: "Nowhere", referencedBy: "A" },
    });
  });

  it("rejects basedOn a joint calendar", () => {
    const a: Calendar = { ...base, name: "A", basedOn: ["LondonAndNY"] };
    expect(buildCalendar(a, resolve, 2020, 2021)).toMatchObject({ ok: false, error: { kind: "invalid-calendar", path: "basedOn[0]" } });
  });

  it("validates rules, weekends and zones", () => {
    const bad = (cal: Partial<Calendar>) => buildCalendar({ ...base, name: "X", ...cal }, resolve, 2020, 2021);
    expect(bad({ holidays: [{ name: "H", date: { kind: "fixed", month: 13, day: 1 } }] })).toMatchObject({
      error: { kind: "invalid-calendar", path: "holidays[0].date.month" },
    });
    expect(bad({ holidays: [{ name: "H", date: { kind: "fixed", month: 4, day: 31 } }] })).toMatchObject({
      error: { path: "holidays[0].date.day" },
    });
    expect(bad({ holidays: [{ name: "H", date: { kind: "nthWeekday", n: 6, weekday: 1, month: 1 } }] })).toMatchObject({
      error: { path: "holidays[0].date.n" },
    });
    expect(bad({ holidays: [{ name: "H", date: { kind: "oneOff", dates: ["2026-02-30"] } }] })).toMatchObject({
      error: { path: "holidays[0].date.dates[0]" },
    });
    expect(bad({ weekend: [1, 2, 3, 4, 5, 6, 7] })).toMatchObject({ error: { path: "weekend" } });
    expect(bad({ weekend: [0] })).toMatchObject({ error: { path: "weekend[0]" } });
    expect(bad({ timeZone: "Mars/Olympus" })).toMatchObject({ error: { path: "timeZone" } });
    expect(bad({ holidays: [{ name: "Leap", date: { kind: "fixed", month: 2, day: 29 } }] }).ok).toBe(true);
  });

  it("rejects unsupported years and calendars without business days", () => {
    expect(buildCalendar(NYSE, resolve, 1500, 2020)).toMatchObject({ ok: false, error: { kind: "out-of-range", year: 1500 } });
    const early: Calendar = { ...base, name: "Early", weekend: [1, 2, 3] };
    const late: Calendar = { ...base, name: "Late", weekend: [4, 5, 6, 7] };
    const never: Calendar = { ...base, name: "Never", weekend: [], joint: { mode: "all", calendars: ["Early", "Late"] } };
    expect(buildCalendar(never, resolverFromList([early, late]), 2026, 2026)).toEqual({
      ok: false,
      error: { kind: "no-business-days", calendar: "Never" },
    });
  });
});

describe("range policy", () => {
  it("extends the table on demand and gives the same answers", () => {
    const small = engine(NYSE, 2024, 2024);
    expect([small.fromYear, small.toYear]).toEqual([2024, 2024]);
    expect(small.isBusinessDay(iso("2045-12-25"))).toBe(false);
    expect(small.toYear).toBeGreaterThanOrEqual(2045);
    expect(small.isBusinessDay(iso("1999-12-31"))).toBe(true);
    expect(small.fromYear).toBeLessThanOrEqual(1999);
    expect(small.holidayNames(iso("2001-09-11"))).toEqual(["Unscheduled closure"]);
  });

  it("throws a typed CalendarRangeError outside the supported years, and RangeError for non-integers", () => {
    const e = engine(NYSE);
    expect(e.supports(iso("1599-12-31"))).toBe(false);
    expect(() => e.isBusinessDay(iso("1599-12-31"))).toThrow(CalendarRangeError);
    let caught: unknown;
    try {
      e.isBusinessDay(iso("4001-01-01"));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CalendarRangeError);
    expect((caught as CalendarRangeError).error).toEqual({ kind: "out-of-range", year: 4001, minYear: 1600, maxYear: 4000 });
    expect(() => e.isBusinessDay(iso("2024-01-01") + 0.5)).toThrow(RangeError);
    expect(() => e.addBusinessDays(iso("2024-01-01"), 1.5)).toThrow(RangeError);
    expect(isBusinessDayNaive(NYSE, resolve, 0.5)).toEqual({ ok: false, error: { kind: "invalid-day", day: 0.5 } });
    expect(isBusinessDayNaive(NYSE, resolve, iso("1599-12-31"))).toMatchObject({ ok: false, error: { kind: "out-of-range" } });
  });
});

describe("business-day arithmetic", () => {
  const nyse = engine(NYSE, 2024, 2024);

  it("adds business days around Good Friday", () => {
    expect(formatIsoDate(nyse.addBusinessDays(iso("2024-03-28"), 1))).toBe("2024-04-01");
    expect(formatIsoDate(nyse.addBusinessDays(iso("2024-03-30"), -1))).toBe("2024-03-28");
    expect(formatIsoDate(nyse.addBusinessDays(iso("2024-03-30"), 1))).toBe("2024-04-01");
    expect(formatIsoDate(nyse.addBusinessDays(iso("2024-04-01"), -1))).toBe("2024-03-28");
    expect(formatIsoDate(nyse.addBusinessDays(iso("2024-03-30"), 0))).toBe("2024-03-30");
  });

  it("counts business days in half-open intervals", () => {
    expect(nyse.countBusinessDays(iso("2024-03-01"), iso("2024-04-01"))).toBe(20);
    expect(nyse.countBusinessDays(iso("2024-04-01"), iso("2024-03-01"))).toBe(-20);
    expect(nyse.countBusinessDays(iso("2024-03-01"), iso("2024-03-01"))).toBe(0);
    expect(nyse.businessDaysBetween(iso("2024-03-27"), iso("2024-04-03")).map(formatIsoDate)).toEqual([
      "2024-03-27",
      "2024-03-28",
      "2024-04-01",
      "2024-04-02",
    ]);
  });

  it("crosses the tabulated range in both directions, matching a step-by-step walk", () => {
    const start = iso("2024-06-14");
    for (const n of [600, -600, 3000, -3000]) {
      const fresh = engine(NYSE, 2024, 2024);
      let d = start;
      for (let left = Math.abs(n); left > 0;) {
        d += Math.sign(n);
        if (nyse.isBusinessDay(d)) left--;
      }
      expect(formatIsoDate(fresh.addBusinessDays(start, n))).toBe(formatIsoDate(d));
    }
  });
});

describe("a few business days at the table's edges", () => {
  // Up to 10 business days are stepped over the day flags, more through the prefix sums: both give the n-th business
  // day after (before) the day, wherever the table ends, and the same range error at the supported years' ends.
  it("agrees with a wide table for every n in -12..12 from the days around each end of a one-year table", () => {
    const wide = engine(NYSE, 2000, 2050);
    for (const from of ["2023-12-27", "2024-01-01", "2024-01-03", "2024-12-24", "2024-12-31"]) {
      for (let n = -12; n <= 12; n++) {
        const fresh = engine(NYSE, 2024, 2024);
        expect(formatIsoDate(fresh.addBusinessDays(iso(from), n)), `${from} ${n}`).toBe(formatIsoDate(wide.addBusinessDays(iso(from), n)));
      }
    }
  });

  it("throws the out-of-range error past the last and before the first supported year", () => {
    for (const [from, n, year] of [
      ["4000-12-29", 3, 4001],
      ["4000-12-29", 30, 4001],
      ["1600-01-04", -3, 1599],
      ["1600-01-04", -30, 1599],
    ] as const) {
      let caught: unknown;
      try {
        engine(NYSE, 2024, 2024).addBusinessDays(iso(from), n);
      } catch (err) {
        caught = err;
      }
      expect(caught, `${from} ${n}`).toBeInstanceOf(CalendarRangeError);
      expect((caught as CalendarRangeError).error).toEqual({ kind: "out-of-range", year, minYear: 1600, maxYear: 4000 });
    }
  });
});

describe("naive evaluator", () => {
  it("agrees with the engine on known days", () => {
    for (const cal of [NYSE, US_FEDERAL, UK, TARGET, LONDON_AND_NY, LONDON_OR_NY, NYSE_PLUS]) {
      const e = engine(cal);
      for (const d of ["2021-12-31", "2022-12-27", "2024-03-29", "2024-07-04", "2024-08-26", "2025-01-09", "2024-05-17"]) {
        expect(isBusinessDayNaive(cal, resolve, iso(d)), `${cal.name} ${d}`).toEqual({ ok: true, value: e.isBusinessDay(iso(d)) });
      }
    }
  });
});
