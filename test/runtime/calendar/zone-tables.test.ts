/**
 * The zone offsets the runtime reads from its per-year tables of clock changes agree with ICU asked directly
 * (Intl.DateTimeFormat), on random instants from 1900 to 2100 in zones with unusual rules: half-hour summer time,
 * negative summer time, two-hour summer time, Ramadan suspensions, a skipped day, 45-minute offsets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeZoneOffsetSeconds } from "../../../src/runtime/calendar/index.js";

const ZONES = [
  "Europe/London",
  "America/New_York",
  "America/Chicago",
  "Europe/Berlin",
  "Europe/Dublin",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Africa/Casablanca",
  "Pacific/Apia",
  "America/Sao_Paulo",
  "Antarctica/Troll",
  "Asia/Tehran",
];

const formatters = new Map<string, Intl.DateTimeFormat>();

function icuOffsetSeconds(instant: number, zone: string): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return (wall - Math.floor(instant / 1000) * 1000) / 1000;
}

describe("zone offset tables", () => {
  it("agree with ICU on random instants", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }),
        (zone, seconds) => {
          const r = timeZoneOffsetSeconds(seconds * 1000, zone);
          return r.ok && r.value === icuOffsetSeconds(seconds * 1000, zone);
        },
      ),
      { seed: 20261124, numRuns: 3000 },
    );
  });

  it("agree with ICU on both sides of the clock changes of London and New York (every 25 hours), 2000-2060", () => {
    for (const zone of ["Europe/London", "America/New_York"]) {
      for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2061, 0, 1); t += 3_600_000 * 25) {
        const r = timeZoneOffsetSeconds(t, zone);
        if (!r.ok || r.value !== icuOffsetSeconds(t, zone)) expect({ zone, t: new Date(t).toISOString(), got: r }).toBe("the ICU offset");
      }
    }
  });
});
