/**
 * Tests of IANA time-zone conversions: London fixings across the UK clock change, London vs Chicago
 * in the weeks when only the US has changed clocks, DST gaps and overlaps, offsets with minutes,
 * ISO formatting with offsets, invalid input, and a round-trip property.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatInstant,
  formatIsoDate,
  instantToLocal,
  isValidTimeZone,
  localToInstant,
  parseIsoDate,
  parseLocalTime,
  resolveLocalTime,
  timeZoneOffsetSeconds,
  canonicalTimeZone,
} from "../../../src/runtime/calendar/index.js";

const iso = (s: string): number => {
  const d = parseIsoDate(s);
  if (d === undefined) throw new Error(`bad date in test: ${s}`);
  return d;
};

function instant(date: string, time: string, zone: string): number {
  const r = localToInstant(iso(date), time, zone);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const utc = (s: string): number => Date.parse(s);

describe("local time to instant", () => {
  it("16:00 London is 16:00Z before the UK clock change and 15:00Z after it", () => {
    expect(instant("2026-03-27", "16:00", "Europe/London")).toBe(utc("2026-03-27T16:00:00Z"));
    expect(instant("2026-03-30", "16:00", "Europe/London")).toBe(utc("2026-03-30T15:00:00Z"));
  });

  it("16:00 London is 11:00 Chicago from 2026-03-09 to 2026-03-27, and 10:00 either side", () => {
    for (let d = iso("2026-03-09"); d <= iso("2026-03-27"); d++) {
      const date = formatIsoDate(d);
      expect(instant(date, "16:00", "Europe/London"), date).toBe(instant(date, "11:00", "America/Chicago"));
    }
    for (const date of ["2026-03-06", "2026-03-30", "2026-07-01"]) {
      expect(instant(date, "16:00", "Europe/London"), date).toBe(instant(date, "10:00", "America/Chicago"));
    }
  });

  it("moves a nonexistent time forward by the gap: 02:30 New York on 2026-03-08 is 03:30 EDT", () => {
    const r = resolveLocalTime(iso("2026-03-08"), "02:30", "America/New_York");
    expect(r).toEqual({ ok: true, value: { instant: utc("2026-03-08T07:30:00Z"), offsetSeconds: -4 * 3600, status: "gap" } });
    expect(formatInstant(utc("2026-03-08T07:30:00Z"), "America/New_York")).toEqual({ ok: true, value: "2026-03-08T03:30:00-04:00" });
    expect(instant("2026-03-29", "01:30", "Europe/London")).toBe(utc("2026-03-29T01:30:00Z"));
  });

  it("takes the earlier instant of an ambiguous time: 01:30 New York on 2026-11-01 is EDT", () => {
    const r = resolveLocalTime(iso("2026-11-01"), "01:30", "America/New_York");
    expect(r).toEqual({ ok: true, value: { instant: utc("2026-11-01T05:30:00Z"), offsetSeconds: -4 * 3600, status: "ambiguous" } });
    expect(resolveLocalTime(iso("2026-11-01"), "02:30", "America/New_York")).toMatchObject({
      value: { instant: utc("2026-11-01T07:30:00Z"), status: "exact" },
    });
  });

  it("has 23- and 25-hour days at the clock changes", () => {
    const hours = (a: string, b: string) => (instant(b, "00:00", "Europe/London") - instant(a, "00:00", "Europe/London")) / 3_600_000;
    expect(hours("2026-03-29", "2026-03-30")).toBe(23);
    expect(hours("2026-10-25", "2026-10-26")).toBe(25);
    expect(hours("2026-06-01", "2026-06-02")).toBe(24);
  });

  it("handles seconds and zones with non-hour offsets", () => {
    expect(instant("2026-01-15", "16:00:30", "Asia/Kolkata")).toBe(utc("2026-01-15T10:30:30Z"));
    expect(instant("2026-01-15", "12:00", "Asia/Kathmandu")).toBe(utc("2026-01-15T06:15:00Z"));
    expect(instant("2026-06-15", "00:00", "Australia/Lord_Howe")).toBe(utc("2026-06-14T13:30:00Z"));
  });
});

describe("instant to local time and formatting", () => {
  it("formats instants as ISO 8601 with the zone's offset", () => {
    expect(formatInstant(utc("2026-03-27T16:00:00Z"), "Europe/London")).toEqual({ ok: true, value: "2026-03-27T16:00:00+00:00" });
    expect(formatInstant(utc("2026-03-30T15:00:00Z"), "Europe/London")).toEqual({ ok: true, value: "2026-03-30T16:00:00+01:00" });
    expect(formatInstant(utc("2026-03-30T15:00:00Z"), "America/Chicago")).toEqual({ ok: true, value: "2026-03-30T10:00:00-05:00" });
    expect(formatInstant(utc("2026-01-15T06:15:00.250Z"), "Asia/Kathmandu")).toEqual({ ok: true, value: "2026-01-15T12:00:00.250+05:45" });
    expect(formatInstant(utc("2026-01-01T00:00:00Z"), "UTC")).toEqual({ ok: true, value: "2026-01-01T00:00:00+00:00" });
  });

  it("gives wall-clock fields and offsets", () => {
    expect(instantToLocal(utc("2026-12-31T23:30:00Z"), "Asia/Tokyo")).toEqual({
      ok: true,
      value: { day: iso("2027-01-01"), hour: 8, minute: 30, second: 0, millisecond: 0, offsetSeconds: 9 * 3600 },
    });
    expect(timeZoneOffsetSeconds(utc("2026-07-01T12:00:00Z"), "America/New_York")).toEqual({ ok: true, value: -4 * 3600 });
  });

  it("round-trips instants through local time (earlier instant in overlaps)", () => {
    const zones = ["Europe/London", "America/New_York", "America/Chicago", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "UTC"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2060, 0, 1) / 1000 }),
        (zone, seconds) => {
          const t = seconds * 1000;
          const l = instantToLocal(t, zone);
          if (!l.ok) return false;
          const p = (n: number) => String(n).padStart(2, "0");
          const back = resolveLocalTime(l.value.day, `${p(l.value.hour)}:${p(l.value.minute)}:${p(l.value.second)}`, zone);
          if (!back.ok) return false;
          return back.value.status === "ambiguous"
            ? back.value.instant <= t && t - back.value.instant <= 3_600_000
            : back.value.instant === t;
        },
      ),
      { seed: 20260327, numRuns: 2000 },
    );
  });
});

describe("validation", () => {
  it("accepts IANA names and rejects others", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("America/Chicago")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("+01:00")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(canonicalTimeZone("europe/london")).toBe("Europe/London");
  });

  it("returns error values for bad zones and times", () => {
    expect(localToInstant(iso("2026-01-01"), "16:00", "Mars/Olympus")).toEqual({
      ok: false,
      error: { kind: "invalid-time-zone", zone: "Mars/Olympus" },
    });
    for (const t of ["24:00", "9:00", "16:60", "16:00:60", "16", "16:00:00.5"]) {
      expect(localToInstant(iso("2026-01-01"), t, "UTC"), t).toEqual({ ok: false, error: { kind: "invalid-time", time: t } });
    }
    expect(formatInstant(Number.NaN, "UTC")).toMatchObject({ ok: false, error: { kind: "invalid-time" } });
    expect(parseLocalTime("23:59:59")).toBe(86_399);
  });
});
