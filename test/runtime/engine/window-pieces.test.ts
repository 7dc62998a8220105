/**
 * Windows of several disjoint pieces (runtime/engine/windows.ts `placePieces`, `intervalsOf`), on the compiled
 * UK_OFFPEAK (specs/indices/uk-off-peak.terms): the UK peak hours are "07:00 - 19:00 LLT Monday - Friday" (ICE Futures
 * Europe, UK Peak Electricity Futures), so the off-peak hours of a weekday's EFA day are from 23:00 on the previous
 * day to 07:00 and from 19:00 to 23:00 UK time. Trades between the pieces are not observed, the hourly intervals run
 * piece by piece, a piece's own end bound decides the row at its end, the per-source pipeline runs over the pieces,
 * the day of a clock change is refused rather than stretched, and the SQL plan refuses the construct (E6170).
 */
import { describe, expect, it } from "vitest";
import type { Index as ModelIndex } from "../../../src/model/indices.js";
import { planOn } from "../../../src/backends/sql/plan.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { AggregationMethod, Index } from "../../../src/runtime/spec.js";
import { compileFiles } from "../../model/compile-helpers.js";

function compiledIndex(path: string, name: string): Index {
  const r = compileFiles([path]);
  const file = r.files.find((f) => f.path === `indices/${name}.json`);
  if (file === undefined) throw new Error(`no compiled ${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return (JSON.parse(file.text) as { indices: Record<string, ModelIndex> }).indices[name]!;
}

const OFFPEAK = compiledIndex("specs/indices/uk-off-peak.terms", "UK_OFFPEAK");
const clause = <T>(value: T) => [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value }];
const median: AggregationMethod = { name: "median", exactHalf: null, trim: null, capPercent: null, weightedBy: null };

function obs(text: string) {
  const r = parseObservations(`time,source,price,volume,instrument\n${text}`, { file: "t.csv" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe("a window of two pieces (UK off-peak hours)", () => {
  it("observes only the trades inside a piece, and places the twelve hours piece by piece", () => {
    const r = computeIndex(
      OFFPEAK,
      obs(`2026-01-15T06:59:59Z,EPEX,40,1,UK-OFFPEAK-H
2026-01-15T07:00:00Z,EPEX,1000,1,UK-OFFPEAK-H
2026-01-15T18:59:59Z,EPEX,1000,1,UK-OFFPEAK-H
2026-01-15T19:00:00Z,ICE_ENDEX,50,1,UK-OFFPEAK-H
`),
      { date: "2026-01-15" },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Hour 8 (06:00-07:00) holds 40, hour 9 (19:00-20:00) holds 50; the peak trades are outside the window.
    expect(r.certificate.partitions.map((p) => p.from.slice(11, 16))).toEqual([
      "23:00",
      "00:00",
      "01:00",
      "02:00",
      "03:00",
      "04:00",
      "05:00",
      "06:00",
      "19:00",
      "20:00",
      "21:00",
      "22:00",
    ]);
    expect(r.certificate.partitions.filter((p) => p.value !== null).map((p) => p.value)).toEqual(["40", "50"]);
    expect(r.certificate.sources.map((s) => s.observations)).toEqual([1, 1]);
    expect(r.value.toString()).toBe("45");
  });

  it("puts the row at a piece's inclusive end into the piece's last interval, not the next piece's first", () => {
    const w = OFFPEAK.window[0]!.value;
    const inclusive: Index = { ...OFFPEAK, window: clause({ ...w, toBound: "inclusive" as const }) };
    const r = computeIndex(
      inclusive,
      obs(`2026-01-15T06:30:00Z,EPEX,40,1,UK-OFFPEAK-H
2026-01-15T07:00:00Z,EPEX,44,1,UK-OFFPEAK-H
2026-01-15T19:00:00Z,ICE_ENDEX,50,1,UK-OFFPEAK-H
`),
      { date: "2026-01-15" },
    );
    expect(r.ok && r.certificate.partitions[7]).toMatchObject({ trades: 2, value: "42" });
    expect(r.ok && r.certificate.partitions[8]).toMatchObject({ trades: 1, value: "50" });
  });

  it("runs the per-source pipeline over the pieces (each hour: each venue's VWAP, then their median)", () => {
    const perSource: Index = { ...OFFPEAK, aggregateSources: clause(median) };
    const r = computeIndex(
      perSource,
      obs(`2026-01-14T23:10:00Z,ICE_ENDEX,30,1,UK-OFFPEAK-H
2026-01-14T23:20:00Z,EPEX,34,1,UK-OFFPEAK-H
2026-01-15T12:00:00Z,EPEX,90,1,UK-OFFPEAK-H
2026-01-15T22:59:59Z,EPEX,20,1,UK-OFFPEAK-H
`),
      { date: "2026-01-15" },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.certificate.partitions[0]).toMatchObject({ value: "32" });
    expect(r.certificate.partitions[11]).toMatchObject({ value: "20" });
    expect(r.value.toString()).toBe("26"); // (32 + 20) / 2; EPEX's 90 at noon is in the peak hours
  });

  it("refuses the night piece of 9 hours on the day the clocks go back rather than stretch an hour", () => {
    const r = computeIndex(OFFPEAK, obs("2026-10-26T01:00:00Z,EPEX,40,1,UK-OFFPEAK-H\n"), { date: "2026-10-26" });
    expect(r.ok).toBe(true); // 26 October: 23:00 GMT on the 25th to 07:00 GMT, 8 hours
    const back = computeIndex(OFFPEAK, obs("2026-10-25T19:30:00Z,EPEX,40,1,UK-OFFPEAK-H\n"), { date: "2026-10-25" });
    expect(back.ok).toBe(false);
    expect(!back.ok && back.failure.kind).toBe("time");
  });

  it("is a construct the SQL plan names and refuses (E6170)", () => {
    const p = planOn(OFFPEAK, "2026-01-15");
    expect("code" in p && [p.code, p.construct]).toEqual(["E6170", "window from … and from …"]);
  });
});
