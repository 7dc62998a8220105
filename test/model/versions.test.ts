/** Choosing versions by date: inclusive bounds, unbounded ends, the BTC future's 2021 change of calendar. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Future } from "../../src/model/contracts.js";
import { loadSpec } from "../../src/model/load.js";
import { inRange, rulesOn, versionOn } from "../../src/model/versions.js";
import { ROOT } from "./compile-helpers.js";

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
    expect(calendarOn("2020-12-31")).toBe("LONDON_OR_NEW_YORK");
    expect(calendarOn("2021-01-01")).toBe("LONDON_AND_NEW_YORK");
    expect(versionOn([], "2021-01-01")).toBeUndefined();
    expect(rulesOn(btc.positionLimits, "2030-01-01").map((r) => r.value.count)).toEqual([4000]);
  });
});
