/**
 * Property tests (fast-check, fixed seed) of the calendar engine: it agrees with the naive per-query
 * evaluator on random days, for real and randomly generated calendars; conventions obey their laws
 * (modified following never leaves the month); business-day addition and counting are inverse.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUSINESS_DAY_CONVENTIONS,
  buildCalendar,
  fromCivil,
  isBusinessDayNaive,
  resolverFromList,
  toCivil,
  type Calendar,
  type CalendarEngine,
  type HolidayRule,
} from "../../../src/runtime/calendar/index.js";
import { ALL_CALENDARS, NYSE, UK, resolve } from "./fixtures.js";

const SEED = 20260327;
const day = fc.integer({ min: fromCivil(1990, 1, 1), max: fromCivil(2060, 12, 31) });

function engine(cal: Calendar, from = 2020, to = 2025, r = resolve): CalendarEngine {
  const b = buildCalendar(cal, r, from, to);
  if (!b.ok) throw new Error(JSON.stringify(b.error));
  return b.value;
}

describe("engine agrees with the naive evaluator", () => {
  for (const cal of ALL_CALENDARS) {
    it(`on random days for ${cal.name}`, () => {
      const e = engine(cal); // a narrow initial range, so extension is exercised too
      fc.assert(
        fc.property(day, (d) => {
          const naive = isBusinessDayNaive(cal, resolve, d);
          return naive.ok && naive.value === e.isBusinessDay(d);
        }),
        { seed: SEED, numRuns: 400 },
      );
    });
  }

  const weekday = fc.integer({ min: 1, max: 7 });
  const month = fc.integer({ min: 1, max: 12 });
  const observance = fc.oneof(
    fc.constant(undefined),
    fc.constant({ kind: "none" as const }),
    fc.constant({ kind: "substitute" as const }),
    fc.record({
      kind: fc.constant("shift" as const),
      saturday: fc.constantFrom("friday" as const, "monday" as const, "none" as const),
      sunday: fc.constantFrom("friday" as const, "monday" as const, "none" as const),
    }),
  );
  const ruleDate = fc.oneof(
    fc.record({ kind: fc.constant("fixed" as const), month, day: fc.integer({ min: 1, max: 28 }) }),
    fc.record({ kind: fc.constant("nthWeekday" as const), n: fc.integer({ min: 1, max: 5 }), weekday, month }),
    fc.record({ kind: fc.constant("lastWeekday" as const), weekday, month }),
    fc.record({ kind: fc.constant("easter" as const), offsetDays: fc.integer({ min: -50, max: 60 }) }),
    fc.record({
      kind: fc.constant("oneOff" as const),
      dates: fc.array(fc.integer({ min: fromCivil(2018, 1, 1), max: fromCivil(2030, 12, 31) }), { maxLength: 5 }).map((ds) =>
        ds.map((d) => {
          const c = toCivil(d);
          return `${c.year}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
        }),
      ),
    }),
  );
  const rule: fc.Arbitrary<HolidayRule> = fc.record(
    {
      name: fc.constantFrom("A", "B", "C"),
      date: ruleDate,
      observance,
      fromYear: fc.integer({ min: 2015, max: 2025 }),
      untilYear: fc.integer({ min: 2020, max: 2035 }),
      exceptYears: fc.array(fc.integer({ min: 2018, max: 2030 }), { maxLength: 2 }),
    },
    { requiredKeys: ["name", "date"] },
  );
  const calendar = (name: string): fc.Arbitrary<Calendar> =>
    fc.record({
      name: fc.constant(name),
      timeZone: fc.constant("UTC"),
      weekend: fc.subarray([1, 2, 3, 4, 5, 6, 7], { maxLength: 3 }),
      holidays: fc.array(rule, { maxLength: 8 }),
    });

  it("on random calendars, including basedOn and joint combinations", () => {
    fc.assert(
      fc.property(
        calendar("P"),
        calendar("Q"),
        fc.constantFrom("all" as const, "any" as const),
        fc.array(fc.integer({ min: fromCivil(2016, 1, 1), max: fromCivil(2032, 12, 31) }), { minLength: 1, maxLength: 40 }),
        (p, q, mode, days) => {
          const q2: Calendar = { ...q, basedOn: ["P"] };
          const j: Calendar = { name: "J", timeZone: "UTC", weekend: [], holidays: [], joint: { mode, calendars: ["P", "Q"] } };
          const r = resolverFromList([p, q2, j]);
          for (const cal of [p, q2, j]) {
            const built = buildCalendar(cal, r, 2024, 2025);
            if (!built.ok) return built.error.kind === "no-business-days";
            for (const d of days) {
              const naive = isBusinessDayNaive(cal, r, d);
              if (!naive.ok || naive.value !== built.value.isBusinessDay(d)) return false;
            }
          }
          return true;
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("business-day conventions", () => {
  const engines = [engine(NYSE), engine(UK), engine(ALL_CALENDARS.find((c) => c.name === "LondonAndNY")!)];
  const arb = fc.tuple(fc.constantFrom(...engines), day);
  const month = (d: number): string => {
    const c = toCivil(d);
    return `${c.year}-${c.month}`;
  };

  it("modified following and modified preceding never leave the month and land on business days", () => {
    fc.assert(
      fc.property(arb, ([e, d]) => {
        for (const conv of ["modified-following", "modified-preceding"] as const) {
          const a = e.adjust(d, conv);
          if (month(a) !== month(d) || !e.isBusinessDay(a)) return false;
        }
        return true;
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("following and preceding move to the nearest business day in their direction", () => {
    fc.assert(
      fc.property(arb, ([e, d]) => {
        const f = e.adjust(d, "following");
        const p = e.adjust(d, "preceding");
        if (!e.isBusinessDay(f) || !e.isBusinessDay(p) || f < d || p > d) return false;
        for (let x = d; x < f; x++) if (e.isBusinessDay(x)) return false;
        for (let x = p + 1; x <= d; x++) if (e.isBusinessDay(x)) return false;
        return true;
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("leaves business days alone under every convention, and unadjusted leaves every day alone", () => {
    fc.assert(
      fc.property(arb, ([e, d]) => {
        if (e.adjust(d, "unadjusted") !== d) return false;
        if (!e.isBusinessDay(d)) return true;
        return BUSINESS_DAY_CONVENTIONS.every((c) => e.adjust(d, c) === d);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("modified following falls back to preceding at a month end", () => {
    const nyse = engines[0]!;
    // Saturday 2024-03-30: following is Monday 1 April, so modified following is Thursday 28 March (Good Friday is closed).
    expect(nyse.adjust(fromCivil(2024, 3, 30), "modified-following")).toBe(fromCivil(2024, 3, 28));
    expect(nyse.adjust(fromCivil(2024, 3, 30), "following")).toBe(fromCivil(2024, 4, 1));
    // Sunday 2024-09-01 (Labor Day follows): modified preceding goes forward to Tuesday 3 September.
    expect(nyse.adjust(fromCivil(2024, 9, 1), "modified-preceding")).toBe(fromCivil(2024, 9, 3));
  });
});

describe("business-day arithmetic laws", () => {
  const e = engine(NYSE);

  it("count over (d, addBusinessDays(d, n)] is n, and add(-n) undoes add(n) from a business day", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (d, n) => {
        const x = e.addBusinessDays(d, n);
        const counted = n >= 0 ? e.countBusinessDays(d + 1, x + 1) : -e.countBusinessDays(x, d);
        if (counted !== n) return false;
        if (n !== 0 && !e.isBusinessDay(x)) return false;
        return !e.isBusinessDay(d) || e.addBusinessDays(x, -n) === d;
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it("counts agree with a day-by-day scan", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (d, len) => {
        let c = 0;
        for (let x = d; x < d + len; x++) if (e.isBusinessDay(x)) c++;
        expect(e.countBusinessDays(d, d + len)).toBe(c);
        expect(e.businessDaysBetween(d, d + len).length).toBe(c);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
