/**
 * `isoSchedule`: the schedule questions with ISO 8601 dates in and out answer what `Schedule` answers in epoch
 * days, as the CLI's JSON documents; a malformed date or month is an error value naming what was expected.
 */
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../src/runtime/calendar/index.js";
import { Schedule, expiryToJson, holidaysToJson, isoSchedule, listedToJson } from "../../../src/runtime/schedule/index.js";
import { specsModel } from "./specs.js";

describe("isoSchedule", () => {
  const model = specsModel();
  const iso = isoSchedule(model);
  const schedule = new Schedule(model);

  it("answers as Schedule does, with ISO dates", () => {
    const expiries = schedule.expiries("FOTI", { year: 2026, month: 1 }, { year: 2026, month: 12 });
    expect(iso.expiries("FOTI", "2026-01", "2026-12")).toEqual({ ok: true, value: expiries.ok ? expiries.value.map(expiryToJson) : [] });
    const listed = schedule.listedOn("FOTW", parseIsoDate("2026-12-30")!);
    expect(iso.listed("FOTW", "2026-12-30")).toEqual({ ok: true, value: listed.ok ? listed.value.map(listedToJson) : [] });
    const engine = schedule.engine("NYSE");
    expect(engine.ok && iso.holidays("NYSE", "2027-11-01", "2028-01-31")).toEqual({
      ok: true,
      value: engine.ok ? holidaysToJson(engine.value, parseIsoDate("2027-11-01")!, parseIsoDate("2028-01-31")!) : [],
    });
  });

  it("gives the README's NYSE holidays of November 2027 to January 2028", () => {
    const r = iso.holidays("NYSE", "2027-11-01", "2028-01-31");
    expect(r.ok && r.value.map((h) => h.date)).toEqual(["2027-11-25", "2027-12-24", "2028-01-17"]);
  });

  it("refuses a malformed date or month with an error value", () => {
    expect(iso.expiries("FOTI", "2026-13", "2026-12")).toEqual({
      ok: false,
      error: { kind: "invalid-date", text: "2026-13", expected: "YYYY-MM" },
    });
    expect(iso.listed("FOTI", "2026-02-30")).toEqual({
      ok: false,
      error: { kind: "invalid-date", text: "2026-02-30", expected: "YYYY-MM-DD" },
    });
    expect(iso.expiries("NOPE", "2026-01", "2026-02")).toMatchObject({ ok: false, error: { kind: "unknown-contract" } });
  });
});
