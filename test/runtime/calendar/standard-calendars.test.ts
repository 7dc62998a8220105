/**
 * The standard calendars of specs/calendars, compiled from source: each one's non-business weekdays from 2000 to
 * 2040 are pinned in a golden file (test/cases/calendars/<NAME>.txt, in the `termsheet calendar` text format,
 * reviewed by hand against the published rules), and the tricky dates of DOMAIN.md have named tests.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calendarText } from "../../../src/cli/calendar-cmd.js";
import { parseIsoDate, type CalendarEngine } from "../../../src/runtime/calendar/index.js";
import { Schedule, holidaysToJson } from "../../../src/runtime/schedule/index.js";
import { specsModel } from "../schedule/specs.js";

const schedule = new Schedule(specsModel());
const engine = (name: string): CalendarEngine => {
  const r = schedule.engine(name);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const iso = (s: string): number => parseIsoDate(s)!;
const open = (cal: string, date: string): boolean => engine(cal).isBusinessDay(iso(date));
const names = (cal: string, date: string): readonly string[] => engine(cal).holidayNames(iso(date));

describe("golden holiday lists 2000-2040", () => {
  for (const name of ["NYSE", "US_FEDERAL", "ENGLAND_WALES", "TARGET", "CME_GLOBEX_CRYPTO"]) {
    it(name, async () => {
      const e = engine(name);
      const text = calendarText(name, e.timeZone, "2000-01-01", "2040-12-31", holidaysToJson(e, iso("2000-01-01"), iso("2040-12-31")));
      await expect(text).toMatchFileSnapshot(`../../cases/calendars/${name}.txt`);
    });
  }
});

describe("tricky dates", () => {
  it("Saturday New Year's Day 2022: NYSE stays open on Friday 31 Dec 2021, US federal closes", () => {
    expect(open("NYSE", "2021-12-31")).toBe(true);
    expect(open("US_FEDERAL", "2021-12-31")).toBe(false);
    expect(names("US_FEDERAL", "2021-12-31")).toEqual(["New Year's Day"]);
  });

  it("2027-12-31 is an NYSE business day (Saturday New Year's Day 2028) but a US federal holiday", () => {
    expect(open("NYSE", "2027-12-31")).toBe(true);
    expect(open("US_FEDERAL", "2027-12-31")).toBe(false);
  });

  it("Juneteenth: US federal observed Friday 18 June 2021, NYSE open; both closed Monday 20 June 2022", () => {
    expect(open("US_FEDERAL", "2021-06-18")).toBe(false);
    expect(open("NYSE", "2021-06-18")).toBe(true);
    expect(open("NYSE", "2022-06-20")).toBe(false);
    expect(open("US_FEDERAL", "2022-06-20")).toBe(false);
    expect(open("NYSE", "2020-06-19")).toBe(true);
  });

  it("Good Friday closes NYSE, England and Wales and TARGET, not US federal", () => {
    for (const d of ["2024-03-29", "2025-04-18", "2026-04-03"]) {
      expect(open("NYSE", d), d).toBe(false);
      expect(open("ENGLAND_WALES", d), d).toBe(false);
      expect(open("TARGET", d), d).toBe(false);
      expect(open("US_FEDERAL", d), d).toBe(true);
    }
  });

  it("jubilee years move the spring bank holiday and add a day", () => {
    // 2002: Mon 3 Jun (Golden Jubilee) and Tue 4 Jun (spring); last Monday of May (27th) is a working day.
    expect(open("ENGLAND_WALES", "2002-05-27")).toBe(true);
    expect(open("ENGLAND_WALES", "2002-06-03")).toBe(false);
    expect(open("ENGLAND_WALES", "2002-06-04")).toBe(false);
    // 2012: Mon 4 Jun (spring) and Tue 5 Jun (Diamond Jubilee); 28 May open.
    expect(open("ENGLAND_WALES", "2012-05-28")).toBe(true);
    expect(open("ENGLAND_WALES", "2012-06-04")).toBe(false);
    expect(open("ENGLAND_WALES", "2012-06-05")).toBe(false);
    // 2022: Thu 2 Jun (spring) and Fri 3 Jun (Platinum Jubilee); 30 May open.
    expect(open("ENGLAND_WALES", "2022-05-30")).toBe(true);
    expect(open("ENGLAND_WALES", "2022-06-02")).toBe(false);
    expect(open("ENGLAND_WALES", "2022-06-03")).toBe(false);
  });

  it("Boxing Day on a Saturday: 2020 substitute Mon 28 Dec; 2021 Christmas Sat and Boxing Day Sun give Mon 27 and Tue 28", () => {
    expect(open("ENGLAND_WALES", "2020-12-25")).toBe(false);
    expect(open("ENGLAND_WALES", "2020-12-28")).toBe(false);
    expect(names("ENGLAND_WALES", "2020-12-28")).toEqual(["Boxing Day"]);
    expect(open("ENGLAND_WALES", "2020-12-29")).toBe(true);
    expect(open("ENGLAND_WALES", "2021-12-27")).toBe(false);
    expect(open("ENGLAND_WALES", "2021-12-28")).toBe(false);
    expect(open("ENGLAND_WALES", "2021-12-29")).toBe(true);
    // TARGET has no substitute days: 26 Dec 2020 on a Saturday is simply a weekend day.
    expect(open("TARGET", "2020-12-28")).toBe(true);
  });

  it("England and Wales one-offs: VE Day 2020 instead of the first Monday of May, royal wedding, state funeral, coronation", () => {
    expect(open("ENGLAND_WALES", "2020-05-04")).toBe(true);
    expect(open("ENGLAND_WALES", "2020-05-08")).toBe(false);
    for (const d of ["2011-04-29", "2022-09-19", "2023-05-08"]) expect(open("ENGLAND_WALES", d), d).toBe(false);
  });

  it("NYSE one-off closures", () => {
    for (const d of [
      "2001-09-11",
      "2001-09-12",
      "2001-09-13",
      "2001-09-14",
      "2004-06-11",
      "2007-01-02",
      "2012-10-29",
      "2012-10-30",
      "2018-12-05",
      "2025-01-09",
    ]) {
      expect(open("NYSE", d), d).toBe(false);
    }
    expect(open("NYSE", "2001-09-17")).toBe(true);
  });

  it("joint calendars: all of London and New York is not any of them", () => {
    // Good Friday is closed in both; 4 July only in New York; the summer bank holiday only in London.
    expect(open("LONDON_AND_NEW_YORK", "2025-07-04")).toBe(false);
    expect(open("LONDON_OR_NEW_YORK", "2025-07-04")).toBe(true);
    expect(open("LONDON_AND_NEW_YORK", "2025-08-25")).toBe(false);
    expect(open("LONDON_OR_NEW_YORK", "2025-08-25")).toBe(true);
    expect(open("LONDON_OR_NEW_YORK", "2025-04-18")).toBe(false);
  });
});

describe("CME_GLOBEX_CRYPTO against CME Group's published holiday schedules", () => {
  // "CME Group observes U.S.-recognized holidays. On these holidays, trading hours may vary depending on markets
  // traded." Source: CME Group Holiday Calendar, https://www.cmegroup.com/tools-information/holiday-calendar.html
  // (2023 CME Globex Trading Schedule); the 2024 schedule as republished by help.metrotrade.com/kb/holiday-trading-hours;
  // the 2026 schedule as republished by edgeclear.com/exchange-holiday-hours ("Crypto ... Monday, January 19 Trading
  // Halt @ 16:00 CT ... Trade Day: Tuesday, January 20": a holiday is no trade date).
  const published: Record<string, readonly string[]> = {
    // 2023: MLK 13-17 Jan, President's Day 17-21 Feb, Good Friday 6-10 Apr, Memorial Day 26-30 May, Juneteenth 16-20 Jun,
    // Independence Day 3-5 Jul, Labor Day 1-5 Sep, Thanksgiving 22-24 Nov, Christmas 22-26 Dec; New Year's Monday 2 Jan.
    2023: [
      "2023-01-02",
      "2023-01-16",
      "2023-02-20",
      "2023-04-07",
      "2023-05-29",
      "2023-06-19",
      "2023-07-04",
      "2023-09-04",
      "2023-11-23",
      "2023-12-25",
    ],
    2024: [
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
    ],
    // 2026: Independence Day 3-5 July: Saturday 4 July observed on Friday 3 July.
    2026: [
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-04-03",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-11-26",
      "2026-12-25",
    ],
  };
  for (const [year, days] of Object.entries(published)) {
    it(`the ten holidays of ${year} and no other weekday`, () => {
      const e = engine("CME_GLOBEX_CRYPTO");
      expect(holidaysToJson(e, iso(`${year}-01-01`), iso(`${year}-12-31`)).map((h) => h.date)).toEqual(days);
    });
  }

  it("Saturday and Sunday observance: 24 Dec 2021, 26 Dec 2022, 2 Jan 2023 closed; Friday 31 Dec 2021 a trade date", () => {
    for (const d of ["2021-12-24", "2022-12-26", "2023-01-02"]) expect(open("CME_GLOBEX_CRYPTO", d), d).toBe(false);
    expect(open("CME_GLOBEX_CRYPTO", "2021-12-31")).toBe(true);
  });

  it("early halts (the day after Thanksgiving, Christmas Eve) leave a trade date", () => {
    for (const d of ["2024-11-29", "2024-12-24", "2025-11-28", "2025-12-24"]) expect(open("CME_GLOBEX_CRYPTO", d), d).toBe(true);
  });

  it("Juneteenth from 2022 only: Friday 18 June 2021 a trade date, Monday 20 June 2022 not", () => {
    expect(open("CME_GLOBEX_CRYPTO", "2021-06-18")).toBe(true);
    expect(open("CME_GLOBEX_CRYPTO", "2022-06-20")).toBe(false);
  });

  it("agrees day by day, 2018-2040, with the independent oracle test/oracles/cme_globex_crypto.py", () => {
    const oracle = JSON.parse(readFileSync(new URL("../../cases/calendars/CME_GLOBEX_CRYPTO.oracle.json", import.meta.url), "utf8")) as {
      holidays: { date: string; name: string }[];
    };
    const e = engine("CME_GLOBEX_CRYPTO");
    const ours = holidaysToJson(e, iso("2018-01-01"), iso("2040-12-31")).map((h) => ({ date: h.date, name: h.names.join("; ") }));
    expect(ours).toEqual(oracle.holidays);
  });
});
