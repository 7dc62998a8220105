/**
 * Tests of epoch-day civil dates: conversions checked against JS Date over 1900–2100, ISO parsing,
 * weekdays, month arithmetic, Easter (known years plus an independent computus over 1583–4099),
 * and nth/last weekday of a month.
 */
import { describe, expect, it } from "vitest";
import {
  addMonths,
  daysInMonth,
  easterSunday,
  formatIsoDate,
  fromCivil,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  parseIsoDate,
  shiftMonth,
  toCivil,
  weekdayOf,
} from "../../../src/runtime/calendar/index.js";

const iso = (s: string): number => {
  const d = parseIsoDate(s);
  if (d === undefined) throw new Error(`bad date in test: ${s}`);
  return d;
};

describe("epoch days", () => {
  it("anchors 1970-01-01 at day 0, a Thursday", () => {
    expect(fromCivil(1970, 1, 1)).toBe(0);
    expect(weekdayOf(0)).toBe(4);
    expect(toCivil(-1)).toEqual({ year: 1969, month: 12, day: 31 });
  });

  it("round-trips every day of 1900-2100 and agrees with Date", () => {
    const first = fromCivil(1900, 1, 1);
    const last = fromCivil(2100, 12, 31);
    for (let d = first; d <= last; d++) {
      const c = toCivil(d);
      const js = new Date(d * 86_400_000);
      if (c.year !== js.getUTCFullYear() || c.month !== js.getUTCMonth() + 1 || c.day !== js.getUTCDate()) {
        throw new Error(`toCivil(${d}) = ${JSON.stringify(c)}, Date says ${js.toISOString()}`);
      }
      if (fromCivil(c.year, c.month, c.day) !== d) throw new Error(`fromCivil round trip failed at ${d}`);
      const s = formatIsoDate(d);
      if (s !== js.toISOString().slice(0, 10) || parseIsoDate(s) !== d) throw new Error(`ISO round trip failed at ${s}`);
      if (weekdayOf(d) !== (js.getUTCDay() || 7)) throw new Error(`weekday wrong at ${s}`);
    }
  });

  it("round-trips far years, including before 0 and after 9999", () => {
    for (const [y, m, d] of [
      [1583, 10, 15],
      [1, 1, 1],
      [0, 2, 29],
      [-400, 3, 1],
      [4099, 12, 31],
      [10000, 1, 1],
    ] as const) {
      expect(toCivil(fromCivil(y, m, d))).toEqual({ year: y, month: m, day: d });
    }
    expect(formatIsoDate(fromCivil(10000, 1, 1))).toBe("+010000-01-01");
  });
});

describe("parseIsoDate", () => {
  it("accepts real dates", () => {
    expect(parseIsoDate("2024-02-29")).toBe(fromCivil(2024, 2, 29));
    expect(parseIsoDate("2026-12-31")).toBe(fromCivil(2026, 12, 31));
  });

  it.each([
    "2026-02-30",
    "2025-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-1-01",
    "20260101",
    " 2026-01-01",
    "2026-01-01T00:00",
    "",
  ])("rejects %j", (s) => {
    expect(parseIsoDate(s)).toBeUndefined();
  });
});

describe("months", () => {
  it("knows month lengths and leap years", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 13)).toBe(0);
  });

  it("adds months clamping to the month end", () => {
    expect(formatIsoDate(addMonths(iso("2024-01-31"), 1))).toBe("2024-02-29");
    expect(formatIsoDate(addMonths(iso("2023-01-31"), 1))).toBe("2023-02-28");
    expect(formatIsoDate(addMonths(iso("2024-03-31"), -1))).toBe("2024-02-29");
    expect(formatIsoDate(addMonths(iso("2024-11-15"), 14))).toBe("2026-01-15");
    expect(formatIsoDate(addMonths(iso("2024-01-15"), -13))).toBe("2022-12-15");
  });

  it("shifts year-months across year ends", () => {
    expect(shiftMonth(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
    expect(shiftMonth(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth(2026, 3, -27)).toEqual({ year: 2023, month: 12 });
  });
});

/** Knuth's Algorithm E (TAOCP 1.3.2 ex. 14), independent of the Meeus/Jones/Butcher formula under test. */
function knuthEaster(y: number): number {
  const g = (y % 19) + 1;
  const c = Math.floor(y / 100) + 1;
  const x = Math.floor((3 * c) / 4) - 12;
  const z = Math.floor((8 * c + 5) / 25) - 5;
  const d = Math.floor((5 * y) / 4) - x - 10;
  let e = (11 * g + 20 + z - x) % 30;
  if (e < 0) e += 30;
  if ((e === 25 && g > 11) || e === 24) e += 1;
  let n = 44 - e;
  if (n < 21) n += 30;
  n = n + 7 - ((d + n) % 7);
  return n > 31 ? fromCivil(y, 4, n - 31) : fromCivil(y, 3, n);
}

describe("easterSunday", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2038, "2038-04-25"],
    [2000, "2000-04-23"],
    [2026, "2026-04-05"],
    [1818, "1818-03-22"],
    [2285, "2285-03-22"],
    [1943, "1943-04-25"],
    [1583, "1583-04-10"],
  ])("Easter %i is %s", (year, date) => {
    expect(formatIsoDate(easterSunday(year))).toBe(date);
  });

  it("agrees with an independent computus for 1583-4099 and is always a Sunday in 22 Mar-25 Apr", () => {
    for (let y = 1583; y <= 4099; y++) {
      const e = easterSunday(y);
      if (e !== knuthEaster(y)) throw new Error(`Easter ${y}: ${formatIsoDate(e)} vs ${formatIsoDate(knuthEaster(y))}`);
      if (weekdayOf(e) !== 7 || e < fromCivil(y, 3, 22) || e > fromCivil(y, 4, 25)) throw new Error(`Easter ${y} out of bounds`);
    }
  });
});

describe("nth and last weekday of a month", () => {
  it("finds nth weekdays", () => {
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 1, 3, 1)!)).toBe("2026-01-19"); // MLK Day
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 11, 4, 4)!)).toBe("2026-11-26"); // Thanksgiving
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 3, 3, 5)!)).toBe("2026-03-20"); // third Friday
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 1, 5, 5)!)).toBe("2026-01-30");
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 5, 1, 5)!)).toBe("2026-05-01"); // the 1st is itself a Friday
  });

  it("returns undefined when the month has no such day", () => {
    expect(nthWeekdayOfMonth(2026, 2, 5, 5)).toBeUndefined();
    expect(nthWeekdayOfMonth(2026, 2, 0, 5)).toBeUndefined();
  });

  it("finds last weekdays", () => {
    expect(formatIsoDate(lastWeekdayOfMonth(2024, 5, 1))).toBe("2024-05-27");
    expect(formatIsoDate(lastWeekdayOfMonth(2024, 3, 5))).toBe("2024-03-29");
    expect(formatIsoDate(lastWeekdayOfMonth(2026, 1, 6))).toBe("2026-01-31"); // the last day itself
  });

  it("agrees with a brute-force scan for every month of 1990-2040", () => {
    for (let y = 1990; y <= 2040; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let w = 1; w <= 7; w++) {
          const days: number[] = [];
          for (let d = 1; d <= daysInMonth(y, m); d++) if (weekdayOf(fromCivil(y, m, d)) === w) days.push(fromCivil(y, m, d));
          for (let n = 1; n <= 5; n++) expect(nthWeekdayOfMonth(y, m, n, w)).toBe(days[n - 1]);
          expect(lastWeekdayOfMonth(y, m, w)).toBe(days[days.length - 1]);
        }
      }
    }
  });
});
