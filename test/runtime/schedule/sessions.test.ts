/**
 * The rules of runtime/schedule/sessions.ts that the example specs do not reach, on small hand-made contracts: an
 * early close at or before a session's opening removes the session, of two early closes on a day the earlier applies,
 * a closed day wins over an early close, and around the clock with a daily break ("Sunday - Friday 5:00 p.m. - 4:00
 * p.m. CT with a 60-minute break each day beginning at 4:00 p.m." carried over to every day of the week).
 */
import { describe, expect, it } from "vitest";
import { tradingSessions, type SessionContract } from "../../../src/runtime/schedule/index.js";
import type { HolidayRule, SessionChange, TradingHours } from "../../../src/runtime/spec.js";

const always = [{ from: null, until: null }];
const day = (name: string, month: number, d: number): HolidayRule => ({
  name,
  date: { kind: "fixed", month, day: d },
  observance: { kind: "none" },
  exceptYears: [],
  descriptions: [],
  clauses: [],
});
const change = (c: SessionChange) => ({ value: c, effective: always, descriptions: [], clauses: [] });
const hours = (h: TradingHours) => [{ value: h, effective: always, descriptions: [], clauses: [] }];
const CME: TradingHours = {
  zone: "America/Chicago",
  week: { opensOn: 7, opens: "17:00:00", closesOn: 5, closes: "16:00:00" },
  dailyBreak: { begins: "16:00:00", minutes: 60 },
};

function run(c: SessionContract, from: string, to: string) {
  const r = tradingSessions(c, from, to);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("trading sessions", () => {
  it("leaves a session unchanged by an early close later than its usual close", () => {
    // note: the session of Tuesday 23 December 2025 closes at 16:00 CST (22:00 UTC); a close at 16:30 is not earlier.
    const c: SessionContract = {
      name: "X",
      tradingHours: hours({ ...CME, week: { opensOn: 7, opens: "17:00:00", closesOn: 5, closes: "16:00:00" } }),
      sessionChanges: [change({ day: day("Odd day", 12, 23), shiftDays: 0, closes: "16:30:00" })],
    };
    expect(run(c, "2025-12-23", "2025-12-23").sessions[0]?.closes).toBe("2025-12-23T22:00:00Z");
  });

  it("takes the earlier of two early closes and lets a closed day win", () => {
    const c: SessionContract = {
      name: "X",
      tradingHours: hours(CME),
      sessionChanges: [
        change({ day: day("Late", 12, 24), shiftDays: 0, closes: "13:00:00" }),
        change({ day: day("Early", 12, 24), shiftDays: 0, closes: "12:15:00" }),
        change({ day: day("Shut", 12, 23), shiftDays: 0, closes: "12:00:00" }),
        change({ day: day("Shut", 12, 23), shiftDays: 0, closes: null }),
      ],
    };
    const got = run(c, "2025-12-23", "2025-12-24");
    // note: 12:15 CST on 24 December 2025 is 18:15 UTC.
    expect(got.sessions).toEqual([
      expect.objectContaining({ day: "2025-12-24", closes: "2025-12-24T18:15:00Z", earlyClose: { name: "Early", time: "12:15:00" } }),
    ]);
    expect(got.closed).toEqual([{ day: "2025-12-23", name: "Shut" }]);
  });

  it("removes the session when the early close is at or before its opening", () => {
    // note: Monday to Friday 09:30 to 16:00 with a break from 16:00 to 09:30 (1050 minutes) is one session a weekday
    // from 09:30; an early close at 09:00 on Tuesday 23 December 2025 (the day after a rule on the 22nd) is before it.
    const c: SessionContract = {
      name: "X",
      tradingHours: hours({
        zone: "America/New_York",
        week: { opensOn: 1, opens: "09:30:00", closesOn: 5, closes: "16:00:00" },
        dailyBreak: { begins: "16:00:00", minutes: 1050 },
      }),
      sessionChanges: [change({ day: day("Morning", 12, 22), shiftDays: 1, closes: "09:00:00" })],
    };
    const got = run(c, "2025-12-23", "2025-12-23");
    expect(got.sessions).toEqual([]);
    expect(got.closed).toEqual([{ day: "2025-12-23", name: "Morning" }]);
  });

  it("trades every day of the week around the clock with a daily break", () => {
    // note: Saturday 27 and Sunday 28 December 2025 have sessions too: 17:00 CST the day before (23:00 UTC) to 16:00
    // CST (22:00 UTC).
    const c: SessionContract = {
      name: "X",
      tradingHours: hours({ zone: "America/Chicago", dailyBreak: { begins: "16:00:00", minutes: 60 } }),
    };
    expect(run(c, "2025-12-27", "2025-12-28").sessions.map((s) => [s.day, s.opens, s.closes])).toEqual([
      ["2025-12-27", "2025-12-26T23:00:00Z", "2025-12-27T22:00:00Z"],
      ["2025-12-28", "2025-12-27T23:00:00Z", "2025-12-28T22:00:00Z"],
    ]);
  });
});
