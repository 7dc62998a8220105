/**
 * Choosing versions by date (src/runtime/versions.ts, the one rule for the runtime and the compiler): inclusive
 * bounds, unbounded ends, no ranges meaning always, the first version in force winning, the BTC future's 2021
 * change of calendar.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Future } from "../../src/model/contracts.js";
import { loadSpec } from "../../src/model/load.js";
import { inForce, inRange, rulesOn, valueOn, valuesOn, versionIndexOn, versionOn } from "../../src/runtime/versions.js";
import { ROOT } from "../model/compile-helpers.js";

describe("versions by date", () => {
  it("treats both bounds as inclusive and null as unbounded", () => {
    expect(inRange({ from: "2021-01-01", until: "2021-12-31" }, "2021-01-01")).toBe(true);
    expect(inRange({ from: "2021-01-01", until: "2021-12-31" }, "2021-12-31")).toBe(true);
    expect(inRange({ from: "2021-01-01", until: "2021-12-31" }, "2022-01-01")).toBe(false);
    expect(inRange({ from: null, until: "2020-12-31" }, "1999-01-01")).toBe(true);
    expect(inRange({ from: "2021-01-01", until: null }, "2020-12-31")).toBe(false);
  });

  it("picks the BTC future's last-trading-day calendar in force on a date", () => {
    const spec = loadSpec(readFileSync(join(ROOT, "test/cases/compiled/contracts/BTC.json"), "utf8"));
    const btc = spec.contracts.BTC as Future;
    const calendarOn = (date: string) => {
      const v = versionOn(btc.lastTradingDay, date)?.value;
      return v?.kind === "monthly" ? v.rule.calendar : undefined;
    };
    expect(calendarOn("2020-12-31")).toBe("LONDON_AND_NEW_YORK");
    expect(calendarOn("2021-01-01")).toBe("LONDON_OR_NEW_YORK");
    expect(versionOn([], "2021-01-01")).toBeUndefined();
    expect(rulesOn(btc.positionLimits, "2030-01-01").map((r) => r.value.count)).toEqual([4000]);
  });

  it("reads no ranges as always, and takes the first version in force", () => {
    const always = { effective: [] };
    expect(inForce(always, "1900-01-01")).toBe(true);
    expect(inForce({ effective: [{ from: "2021-01-01", until: null }] }, "2020-12-31")).toBe(false);
    const versions = [
      { effective: [{ from: null, until: "2020-12-31" }], value: "old" },
      { effective: [{ from: "2021-01-01", until: null }], value: "new" },
      { effective: [], value: "fallback" },
    ];
    expect(valueOn(versions, "2020-12-31")).toBe("old");
    expect(valueOn(versions, "2021-01-01")).toBe("new");
    expect(versionIndexOn(versions, "2021-01-01")).toBe(1);
    expect(valuesOn(versions, "2021-01-01")).toEqual(["new", "fallback"]);
    expect(versionIndexOn([{ effective: [{ from: "2030-01-01", until: null }] }], "2021-01-01")).toBe(-1);
  });

  it("agrees with the definition: the first clause with a range holding the date (property)", () => {
    const date = fc
      .integer({ min: 2018, max: 2024 })
      .chain((y) => fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, "0")}-15`));
    const bound = fc.option(date, { nil: null });
    const clause = fc.record({
      effective: fc.array(fc.record({ from: bound, until: bound }), { minLength: 1, maxLength: 2 }),
      value: fc.nat(),
    });
    // ISO dates compare as strings; a null bound is open.
    const holds = (r: { from: string | null; until: string | null }, d: string) =>
      !(r.from !== null && d < r.from) && !(r.until !== null && d > r.until);
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 4 }), date, (versions, d) => {
        const expected = versions.find((c) => c.effective.some((r) => holds(r, d)));
        return versionOn(versions, d) === expected;
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });
});
