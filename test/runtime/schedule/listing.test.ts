/**
 * Listing cycles, symbols and rule versions of the runtime schedule: which contract months are listed on a date
 * for the specs' cycles (consecutive months plus extra Decembers, consecutive months only, weeklies, options and
 * spreads without a cycle of their own), month codes and symbol round trips.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../src/runtime/calendar/index.js";
import {
  MONTH_CODES,
  Schedule,
  contractSymbol,
  monthCode,
  monthOfCode,
  monthPeriod,
  parseContractSymbol,
  weekPeriod,
} from "../../../src/runtime/schedule/index.js";
import { specsModel } from "./specs.js";

const schedule = new Schedule(specsModel());
const iso = (s: string): number => parseIsoDate(s)!;
const symbols = (name: string, date: string): string[] => {
  const r = schedule.listedOn(name, iso(date));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.map((l) => l.symbol);
};

describe("listing cycles", () => {
  it("6 consecutive months plus the next 2 in December: two extra Decembers when the six have none", () => {
    expect(symbols("FOTI", "2026-03-02")).toEqual([
      "FOTI-H26",
      "FOTI-J26",
      "FOTI-K26",
      "FOTI-M26",
      "FOTI-N26",
      "FOTI-Q26",
      "FOTI-Z26",
      "FOTI-Z27",
    ]);
  });

  it("one extra December when the six months include one", () => {
    expect(symbols("FOTI", "2026-08-03")).toEqual(["FOTI-Q26", "FOTI-U26", "FOTI-V26", "FOTI-X26", "FOTI-Z26", "FOTI-F27", "FOTI-Z27"]);
  });

  it("a month stays listed through its last trading day and the cycle rolls the next day", () => {
    expect(symbols("FOTI", "2026-03-27")[0]).toBe("FOTI-H26");
    expect(symbols("FOTI", "2026-03-28")[0]).toBe("FOTI-J26");
    // 2026-03-30: FOTI-H26 expired on the 27th, six months from April.
    expect(symbols("FOTI", "2026-03-30")).toEqual([
      "FOTI-J26",
      "FOTI-K26",
      "FOTI-M26",
      "FOTI-N26",
      "FOTI-Q26",
      "FOTI-U26",
      "FOTI-Z26",
      "FOTI-Z27",
    ]);
  });

  it("12 consecutive months", () => {
    expect(symbols("GPUH", "2026-12-31")).toEqual([
      "GPUH-Z26",
      "GPUH-F27",
      "GPUH-G27",
      "GPUH-H27",
      "GPUH-J27",
      "GPUH-K27",
      "GPUH-M27",
      "GPUH-N27",
      "GPUH-Q27",
      "GPUH-U27",
      "GPUH-V27",
      "GPUH-X27",
    ]);
  });

  it("4 consecutive weeks, with ISO week symbols", () => {
    expect(symbols("FOTW", "2026-12-30")).toEqual(["FOTW-26W53", "FOTW-27W01", "FOTW-27W02", "FOTW-27W03"]);
  });

  it("an option is listed with its underlying's months; a calendar spread for consecutive pairs both listed", () => {
    expect(symbols("FOTI_OPT", "2026-03-02")).toEqual(symbols("FOTI", "2026-03-02").map((s) => s.replace("FOTI-", "FOTI_OPT-")));
    expect(symbols("FOTI_CAL", "2026-03-02")).toEqual(["FOTI_CAL-H26", "FOTI_CAL-J26", "FOTI_CAL-K26", "FOTI_CAL-M26", "FOTI_CAL-N26"]);
    expect(symbols("FOTI_FOTB", "2026-03-02")).toHaveLength(8);
  });

  it("every listed month has not expired and the front month is the nearest unexpired one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: iso("2001-01-01"), max: iso("2059-12-31") }),
        fc.constantFrom("FOTI", "BTC", "GPUH", "GPUH5", "FOTW"),
        (day, name) => {
          const r = schedule.listedOn(name, day);
          // BTC trades from 2017-12-18: before it the day is refused as outside the product's trading dates.
          if (name === "BTC" && day < iso("2017-12-18")) return !r.ok && r.error.kind === "not-traded";
          if (!r.ok || r.value.length === 0) return false;
          return (
            r.value.every((l) => l.lastTradingDay >= day) &&
            r.value.every((l, i) => i === 0 || l.lastTradingDay > r.value[i - 1]!.lastTradingDay)
          );
        },
      ),
      { seed: 20261124, numRuns: 200 },
    );
  });
});

describe("symbols", () => {
  it("month codes F G H J K M N Q U V X Z", () => {
    expect(MONTH_CODES.join(" ")).toBe("F G H J K M N Q U V X Z");
    for (let m = 1; m <= 12; m++) expect(monthOfCode(monthCode(m))).toBe(m);
    expect(monthOfCode("A")).toBeUndefined();
  });

  it("monthly and weekly symbols round trip", () => {
    expect(contractSymbol("FOTI", monthPeriod(2026, 12))).toBe("FOTI-Z26");
    expect(contractSymbol("FOTW", weekPeriod(iso("2026-03-27")))).toBe("FOTW-26W13");
    expect(contractSymbol("FOTW", weekPeriod(iso("2027-01-01")))).toBe("FOTW-26W53");
    expect(parseContractSymbol("FOTI-Z26")).toEqual({ contract: "FOTI", period: monthPeriod(2026, 12) });
    expect(parseContractSymbol("FOTW-26W13")?.period).toEqual(weekPeriod(iso("2026-03-23")));
    expect(parseContractSymbol("FOTW-25W53")).toBeUndefined(); // 2025 has 52 ISO weeks
    expect(parseContractSymbol("FOTI-A26")).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: iso("2000-01-03"), max: iso("2099-12-28") }), (d) => {
        const w = weekPeriod(d);
        const m = monthPeriod(2000 + (Math.abs(d) % 100), (Math.abs(d) % 12) + 1);
        return (
          JSON.stringify(parseContractSymbol(contractSymbol("X", w))?.period) === JSON.stringify(w) &&
          JSON.stringify(parseContractSymbol(contractSymbol("X", m))?.period) === JSON.stringify(m)
        );
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
