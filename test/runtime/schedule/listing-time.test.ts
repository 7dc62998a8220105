/**
 * Listing at a time of day on a weekday, and the listed set at an instant (runtime/schedule/listing-time.ts), against
 * the clause it writes:
 *
 *   "A new BFF contract will be listed every Thursday at 6:00 p.m. New York time for a Friday trade date, with market
 *   participants able to trade the nearest two Fridays at any given point."
 *   — CME Group press release, 27 August 2024, "CME Group to Launch Bitcoin Friday Futures".
 *
 * specs/contracts/btc-friday-future.terms writes it `listing 2 consecutive weeks, new contracts listed every Thursday
 * at 18:00 America/New_York`, last trading day the Friday of the week (adjusted preceding on CME_GLOBEX_CRYPTO),
 * trading terminating at 16:00 New York time, first trade date 2024-09-30.
 *
 * Expected values worked by hand: New York is on EDT (UTC-4) from 10 March to 3 November 2024 and from 9 March 2025,
 * EST (UTC-5) in between, so Thursday 18:00 is 22:00Z in October 2024 and 23:00Z in November 2024; Friday 16:00 is
 * 20:00Z (EDT) or 21:00Z (EST). ISO week 40 of 2024 is Monday 30 September - Sunday 6 October (Friday 4 October).
 * Good Friday 18 April 2025 is no CME Globex crypto trade date, so week 16 of 2025 ends Thursday 17 April.
 */
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../src/runtime/calendar/index.js";
import { Schedule, describeScheduleError, isoSchedule } from "../../../src/runtime/schedule/index.js";
import { specsModel } from "./specs.js";

const schedule = new Schedule(specsModel());
const at = (instant: string): string[] => {
  const r = schedule.listedAt("BFF", Date.parse(instant));
  if (!r.ok) throw new Error(describeScheduleError(r.error));
  return r.value.map((l) => l.symbol);
};
const on = (date: string): string[] => {
  const r = schedule.listedOn("BFF", parseIsoDate(date)!);
  if (!r.ok) throw new Error(describeScheduleError(r.error));
  return r.value.map((l) => l.symbol);
};

describe("new contracts listed every Thursday at 18:00 New York time (BFF)", () => {
  it("lists the two nearest Fridays on the first trade date, Monday 30 September 2024", () => {
    // The cycle on 30 September: the front week is W40 (Friday 4 October), then W41 (11 October).
    expect(on("2024-09-30")).toEqual(["BFF-24W40", "BFF-24W41"]);
  });

  it("lists the third Friday from Thursday 18:00 until the front Friday terminates at 16:00", () => {
    // Thursday 3 October 2024, 17:59:59 EDT: W42 (18 October) joins the two nearest Fridays only after the weekend, so
    // it is listed at the latest Thursday 18:00 before Saturday 5 October begins: 3 October, 18:00 EDT = 22:00Z.
    expect(at("2024-10-03T21:59:59Z")).toEqual(["BFF-24W40", "BFF-24W41"]);
    expect(at("2024-10-03T22:00:00Z")).toEqual(["BFF-24W40", "BFF-24W41", "BFF-24W42"]);
    // Friday 4 October, 16:00 EDT = 20:00Z: W40 terminates; the nearest two Fridays remain.
    expect(at("2024-10-04T19:59:59Z")).toEqual(["BFF-24W40", "BFF-24W41", "BFF-24W42"]);
    expect(at("2024-10-04T20:00:00Z")).toEqual(["BFF-24W41", "BFF-24W42"]);
    expect(at("2024-10-07T12:00:00Z")).toEqual(["BFF-24W41", "BFF-24W42"]);
  });

  it("reads a date as its start in New York: Thursday lists two, Friday three", () => {
    expect(on("2024-10-03")).toEqual(["BFF-24W40", "BFF-24W41"]);
    expect(on("2024-10-04")).toEqual(["BFF-24W40", "BFF-24W41", "BFF-24W42"]);
    expect(on("2024-10-05")).toEqual(["BFF-24W41", "BFF-24W42"]);
  });

  it("follows the clock change: after 3 November 2024, Thursday 18:00 EST is 23:00Z", () => {
    // Thursday 7 November 2024: 22:30Z is 17:30 EST, before the listing; 23:00Z is 18:00 EST.
    expect(at("2024-11-07T22:30:00Z")).toEqual(["BFF-24W45", "BFF-24W46"]);
    expect(at("2024-11-07T23:00:00Z")).toEqual(["BFF-24W45", "BFF-24W46", "BFF-24W47"]);
    // Friday 8 November, 16:00 EST = 21:00Z.
    expect(at("2024-11-08T20:59:59Z")).toEqual(["BFF-24W45", "BFF-24W46", "BFF-24W47"]);
    expect(at("2024-11-08T21:00:00Z")).toEqual(["BFF-24W46", "BFF-24W47"]);
  });

  it("ends a week on its last trading day when Friday is a holiday (Good Friday 2025)", () => {
    // W16 of 2025 ends Thursday 17 April at 16:00 EDT (20:00Z); W18 (2 May) is listed at 18:00 EDT (22:00Z) that day,
    // the latest Thursday 18:00 before Friday 18 April, when the cycle adds it. Between the two, one Friday trades.
    expect(at("2025-04-17T19:59:59Z")).toEqual(["BFF-25W16", "BFF-25W17"]);
    expect(at("2025-04-17T20:00:00Z")).toEqual(["BFF-25W17"]);
    expect(at("2025-04-17T22:00:00Z")).toEqual(["BFF-25W17", "BFF-25W18"]);
  });

  it("refuses an instant before the first trade date", () => {
    const r = schedule.listedAt("BFF", Date.parse("2024-09-29T23:00:00Z"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("not-traded");
  });
});

describe("the listed set at an instant without a listing time", () => {
  it("drops a period once its trading terminates (BTC: 16:00 London on the last Friday)", () => {
    // BTC's October 2024 contract: last Friday 25 October 2024, 16:00 BST = 15:00Z. November becomes the front month.
    const symbols = (instant: string): string[] => {
      const r = schedule.listedAt("BTC", Date.parse(instant));
      if (!r.ok) throw new Error(describeScheduleError(r.error));
      return r.value.map((l) => l.symbol);
    };
    expect(symbols("2024-10-25T14:59:59Z")[0]).toBe("BTC-V24");
    expect(symbols("2024-10-25T15:00:00Z")[0]).toBe("BTC-X24");
    // On the date, the contract expiring that day is listed, as before.
    const r = schedule.listedOn("BTC", parseIsoDate("2024-10-25")!);
    expect(r.ok && r.value[0]!.symbol).toBe("BTC-V24");
  });
});

describe("isoSchedule(spec).listed takes a date or an instant", () => {
  const api = isoSchedule(specsModel());
  it("answers at an instant with an offset", () => {
    const r = api.listed("BFF", "2024-10-03T18:00:00-04:00");
    expect(r.ok && r.value.map((l) => l.symbol)).toEqual(["BFF-24W40", "BFF-24W41", "BFF-24W42"]);
  });
  it("refuses an instant without an offset, as a typed error", () => {
    const r = api.listed("BFF", "2024-10-03T18:00:00");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("invalid-date");
  });
});
