/**
 * Windows that cross midnight and windows that end at 24:00 (runtime/engine/windows.ts), on the compiled GAS_DAY
 * (specs/indices/uk-gas-day.terms): "Gas Day means the period from 05:00 hours on one Day until 05:00 hours on the
 * following Day" (Uniform Network Code, General Terms, Section A). The gas day of a clock change is compared with the
 * independent Python oracle (test/oracles/gas_day.py, zoneinfo); then the power day "from 23:00 to 23:00 UK time"
 * (the EFA day, which starts at 23:00 on the previous day) with hourly intervals, which refuses a day of 23 hours
 * rather than stretch an interval, and an evening window `to 24:00`. The checks: E4006 with the hint, E4060, E2007,
 * and `to 24:00` no longer E4011.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Index as ModelIndex } from "../../../src/model/indices.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { AggregationMethod, Index } from "../../../src/runtime/spec.js";
import { ROOT, compileFiles } from "../../model/compile-helpers.js";
import { check as checkText, located } from "../../helpers/check.js";

function compiledIndex(path: string, name: string): Index {
  const r = compileFiles([path]);
  const file = r.files.find((f) => f.path === `indices/${name}.json`);
  if (file === undefined) throw new Error(`no compiled ${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return (JSON.parse(file.text) as { indices: Record<string, ModelIndex> }).indices[name]!;
}

const GAS = compiledIndex("specs/indices/uk-gas-day.terms", "GAS_DAY");
const CASE = join(ROOT, "test/cases/settlement/GAS_DAY/index-gas-day-clock-change");
const clause = <T>(value: T) => [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value }];
const mean: AggregationMethod = { name: "mean", exactHalf: null, trim: null, capPercent: null, weightedBy: null };

function obs(text: string) {
  const r = parseObservations(text, { file: "t.csv" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe("a window across midnight (the UK gas day)", () => {
  it("gives the oracle's window, trades and value on the day the clocks go forward (23 hours)", () => {
    const oracle = JSON.parse(readFileSync(join(CASE, "oracle.json"), "utf8")) as {
      unrounded: string;
      value: string;
      window: [string, string];
      trades: string[];
    };
    const r = computeIndex(GAS, obs(readFileSync(join(CASE, "observations.csv"), "utf8")), { date: "2026-03-29" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.toString()).toBe(oracle.value);
    expect(r.certificate.unrounded).toBe(oracle.unrounded);
    expect([r.certificate.window?.from, r.certificate.window?.to]).toEqual(oracle.window);
    expect(r.certificate.sources.reduce((n, s) => n + s.observations, 0)).toBe(oracle.trades.length);
  });
});

describe("the power day from 23:00 to 23:00 UK time, hourly", () => {
  const power: Index = {
    ...GAS,
    window: clause({
      from: "23:00:00",
      fromBound: "inclusive",
      to: "23:00:00",
      toBound: "exclusive",
      zone: "Europe/London",
      fromDay: "previous",
    }),
    partition: clause({ count: 24, length: { amount: "1", unit: "hours" } }),
    emptyIntervals: clause("skip" as const),
    aggregateIntervals: clause(mean),
    publication: clause({ calendar: null, at: { time: "23:30:00", zone: "Europe/London" } }),
    minimumTrades: [],
  } as Index;
  const rows = (day: string, prev: string) =>
    obs(`time,source,price,volume,instrument
${prev}T23:00:00Z,EEX,60,1,NBP-WD
${day}T12:00:00Z,EEX,70,1,NBP-WD
${day}T21:59:59Z,ICE_ENDEX,80,1,NBP-WD
${day}T22:00:00Z,ICE_ENDEX,1000,1,NBP-WD
`);

  it("runs from 23:00 on the previous day to 23:00 on the fixing date, across midnight (BST: 22:00Z to 22:00Z)", () => {
    // 1 June 2026 (BST): the hour from 23:00 on 31 May is 22:00Z-23:00Z, so the 23:00Z trade of 31 May (00:00 BST) is in hour 2
    // and the one at 22:00Z on 1 June (23:00 BST) is after the window. Hours 2, 15 (12:00Z) and 24 (21:59:59Z).
    const r = computeIndex(power, rows("2026-06-01", "2026-05-31"), { date: "2026-06-01" });
    expect(r.ok && r.certificate.window).toEqual({
      from: "2026-05-31T22:00:00+00:00",
      to: "2026-06-01T22:00:00+00:00",
      fromBound: "inclusive",
      toBound: "exclusive",
    });
    expect(r.ok && r.certificate.partitions.filter((p) => p.value !== null).map((p) => p.value)).toEqual(["60", "70", "80"]);
    expect(r.ok && r.value.toString()).toBe("70");
  });

  it("refuses the 23-hour day of a clock change rather than stretch the intervals", () => {
    const r = computeIndex(power, rows("2026-03-29", "2026-03-28"), { date: "2026-03-29" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.failure.kind).toBe("time");
  });
});

describe("a window that ends at 24:00", () => {
  it("ends at 00:00 of the next day (off-peak evening from 19:00 to 24:00)", () => {
    const evening: Index = {
      ...GAS,
      window: clause({ from: "19:00:00", fromBound: "inclusive", to: "24:00:00", toBound: "exclusive", zone: "Europe/London" }),
      publication: clause({ calendar: null, at: { time: "23:59:59", zone: "Europe/London" } }),
    } as Index;
    const data = obs(`time,source,price,volume,instrument
2026-01-15T18:59:59Z,EEX,1,1,NBP-WD
2026-01-15T19:00:00Z,EEX,50,1,NBP-WD
2026-01-15T23:59:59Z,EEX,60,3,NBP-WD
2026-01-16T00:00:00Z,EEX,1000,1,NBP-WD
`);
    const r = computeIndex(evening, data, { date: "2026-01-15", at: Date.UTC(2026, 0, 16) * 1000 });
    expect(r.ok && r.certificate.window?.to).toBe("2026-01-16T00:00:00+00:00");
    expect(r.ok && r.value.toString()).toBe("57.5"); // (50 + 3 x 60) / 4
  });
});

describe("checks", () => {
  const index = (window: string) =>
    located(
      checkText(`index P {
  quoted in GBP per MWh
  source A { quoted in GBP per MWh }
  round to 0.01 half-up
  publish every calendar day at 23:30 Europe/London
  aggregate trades by vwap
  ${window}
}
`),
    );
  it("accepts the previous day and 24:00, and says what is wrong otherwise", () => {
    expect(index("window from 23:00 on the previous day inclusive to 23:00 exclusive Europe/London")).toEqual([]);
    expect(index("window from 05:00 on the previous day inclusive to 05:00 exclusive Europe/London")).toEqual([]);
    expect(index("window from 19:00 inclusive to 24:00 exclusive Europe/London")).toEqual([]);
    expect(index("window from 23:00 inclusive to 23:00 exclusive Europe/London")).toEqual(["E4006 7:10-7:63"]);
    expect(index("window from 23:00 on the previous day inclusive to 23:01 exclusive Europe/London")).toEqual(["E4060 7:10-7:83"]);
    expect(index("window from 23:00 on the following day inclusive to 23:00 exclusive Europe/London")).toEqual(["E2007 7:28-7:37"]);
    expect(index("window from 24:00 inclusive to 24:00 exclusive Europe/London")).toContain("E4011 7:15-7:20");
  });
});
