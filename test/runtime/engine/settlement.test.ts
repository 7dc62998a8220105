/**
 * Final settlement of the compiled FOTI and GPU-hour average futures through fixings: the value at the last
 * trading day, the mean over the declared days (counted with the runtime calendar), every level of the FOTI
 * fallback waterfall with why the levels above failed; option payoffs with automatic exercise and their
 * properties (never negative; call − put = (S − K) × multiplier); variation margin.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Spec } from "../../../src/model/spec.js";
import { CalendarEngines, resolverFromList, type CalendarEngine } from "../../../src/runtime/calendar/index.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { finalSettlement, fixingLookup, intrinsicValue, optionPayoff, variationMargin } from "../../../src/runtime/engine/settlement.js";
import type { Fallback, FinalSettlement } from "../../../src/runtime/spec.js";
import { compileFiles } from "../../model/compile-helpers.js";

function compiled(path: string, name: string) {
  const r = compileFiles([path]);
  const file = r.files.find((f) => f.path === `contracts/${name}.json`);
  if (file === undefined) throw new Error(`no ${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  const spec = JSON.parse(file.text) as Spec;
  const contract = spec.contracts[name]!;
  const engines = new CalendarEngines(resolverFromList(Object.values(spec.calendars)), 2020, 2035);
  const engineOf = (n: string): CalendarEngine | undefined => {
    const e = engines.get(n);
    return e.ok ? e.value : undefined;
  };
  const rule: FinalSettlement = contract.finalSettlement[0]!.value;
  const fallback: Fallback | undefined = contract.fallback[0]?.value;
  const indices = (n: string) => (Object.hasOwn(spec.indices, n) ? spec.indices[n] : undefined);
  return { rule, fallback, engines: engineOf, indices };
}

const D = Decimal.of;
const fix = (index: string, date: string, value: string, status: string | null = null) => ({ index, date, value: D(value), status });

describe("FOTI final settlement and its waterfall", () => {
  const foti = compiled("specs/contracts/foti.terms", "FOTI");
  const settle = (rows: ReturnType<typeof fix>[], determined?: Decimal) =>
    finalSettlement(foti.rule, "2026-03-27", fixingLookup(rows), foti.fallback, {
      engines: foti.engines,
      indices: foti.indices,
      ...(determined ? { determined } : {}),
    });

  it("level 0: the index on the last trading day, rounded to 0.001 half-even", () => {
    const r = settle([fix("AITOK_OUT", "2026-03-27", "10.1235")]);
    expect(r.ok && [r.price.toString(), r.days[0]!.level]).toEqual(["10.124", 0]);
  });
  it("level 1: postponed to the next London business day", () => {
    const r = settle([fix("AITOK_OUT", "2026-03-27", "10.5", "held"), fix("AITOK_OUT", "2026-03-30", "10.2")]);
    expect(r.ok && [r.price.toString(), r.days[0]!.level, r.days[0]!.attempts.map((a) => a.outcome)]).toEqual([
      "10.2",
      1,
      ["failed", "value"],
    ]);
  });
  it("level 2: the alternate index for the last day of postponement", () => {
    const r = settle([fix("AITOK_OUT_ALT", "2026-03-31", "9.87654")]);
    expect(r.ok && [r.price.toString(), r.days[0]!.index, r.days[0]!.level]).toEqual(["9.877", "AITOK_OUT_ALT", 2]);
  });
  it("level 3: the last value carried forward and flagged, within 5 business days", () => {
    const r = settle([fix("AITOK_OUT", "2026-03-23", "11")]);
    expect(r.ok && [r.price.toString(), r.flagged, r.days[0]!.level]).toEqual(["11", true, 3]);
    if (r.ok)
      expect(r.days[0]!.attempts.map((a) => a.reason)).toEqual([
        "not-published: no fixing of AITOK_OUT on 2026-03-27",
        "2026-03-30: not-published; 2026-03-31: not-published",
        "AITOK_OUT_ALT on 2026-03-31: not-published: no fixing of AITOK_OUT_ALT on 2026-03-31",
        "carried forward from 2026-03-23 (flagged)",
      ]);
  });
  it("level 4: determination by the exchange when the last value is too old", () => {
    const r = settle([fix("AITOK_OUT", "2026-03-13", "11")]);
    expect(!r.ok && r.kind).toBe("determination-required");
    const d = settle([fix("AITOK_OUT", "2026-03-13", "11")], D("10.5"));
    expect(d.ok && [d.price.toString(), d.days[0]!.level]).toEqual(["10.5", 4]);
  });
});

describe("carrying a value forward within N business days (on CAL, else the index's publication calendar)", () => {
  // CME Rulebook Chapter 1 / ISDA 2021 Definitions §7.5 "Fallback Reference Price": the last value published within a
  // stated number of business days. The grammar reference: without `on CAL`, the business days are those of the
  // index's publication calendar (every calendar day for an index published every day).
  const g = compiled("specs/contracts/gpu-hour-average.terms", "GPUH");
  const step = (calendar?: string): Fallback => ({
    disruptions: [],
    steps: [
      {
        action: { kind: "carry-forward", flagged: true, withinBusinessDays: 1, ...(calendar ? { calendar } : {}) },
        only: null,
        effective: [],
        descriptions: [],
        clauses: [],
      },
      { action: { kind: "determination", party: "exchange" }, only: null, effective: [], descriptions: [], clauses: [] },
    ],
  });
  const indexAt: FinalSettlement = {
    method: "cash",
    value: { kind: "index-at", index: "GPUX_H100", at: { time: "16:00:00", zone: "America/New_York" } },
    rounding: { kind: "unrounded" },
  };
  const settle = (fb: Fallback, rows: ReturnType<typeof fix>[], day: string) =>
    finalSettlement(indexAt, day, fixingLookup(rows), fb, { engines: g.engines, indices: g.indices });
  it("counts NYSE business days with `on NYSE`: Friday 27 March to Monday 30 March 2026 is one", () => {
    const r = settle(step("NYSE"), [fix("GPUX_H100", "2026-03-27", "2.5")], "2026-03-30");
    expect(r.ok && [r.price.toString(), r.flagged, r.days[0]!.level]).toEqual(["2.5", true, 1]);
  });
  it("counts the publication days of an index published every calendar day without `on`: three days, more than one", () => {
    const r = settle(step(), [fix("GPUX_H100", "2026-03-27", "2.5")], "2026-03-30");
    expect(!r.ok && r.kind).toBe("determination-required");
    if (!r.ok) expect(r.attempts[1]!.reason).toBe("the last value was published on 2026-03-27, 3 business day(s) before 2026-03-30");
    const y = settle(step(), [fix("GPUX_H100", "2026-03-29", "2.5")], "2026-03-30");
    expect(y.ok && y.price.toString()).toBe("2.5");
  });
  it("needs no postponement step to know the calendar (before, it failed after one missing day)", () => {
    expect(step().steps.some((s) => s.action.kind === "postpone")).toBe(false);
    const r = settle(step(), [fix("GPUX_H100", "2026-03-29", "2.5")], "2026-03-30");
    expect(r.ok && r.days[0]!.attempts.map((a) => a.outcome)).toEqual(["failed", "value"]);
  });
});

describe("average-price final settlement", () => {
  const g = compiled("specs/contracts/gpu-hour-average.terms", "GPUH");
  it("averages every NYSE business day of the month (Good Friday excluded) and rounds once", () => {
    // April 2026: 21 NYSE business days (Good Friday 3 April is a holiday).
    const days: string[] = [];
    for (let d = 1; d <= 30; d++) days.push(`2026-04-${String(d).padStart(2, "0")}`);
    const rows = days.map((d, i) => fix("GPUX_H100", d, (2 + i / 1000).toFixed(3)));
    const r = finalSettlement(g.rule, "2026-04-30", fixingLookup(rows), g.fallback, { engines: g.engines });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.days.length).toBe(21);
    expect(r.days.some((d) => d.date === "2026-04-03")).toBe(false);
    expect(r.price.isMultipleOf(D("0.0001"))).toBe(true);
  });
});

describe("options and variation margin", () => {
  const price = fc.integer({ min: 0, max: 10_000_000 }).map((n) => Decimal.fromParts(BigInt(n), 3));
  const mult = fc.integer({ min: 1, max: 10_000 }).map((n) => Decimal.fromInteger(n));
  it("payoffs are never negative and call − put = (S − K) × multiplier", () => {
    fc.assert(
      fc.property(price, price, mult, (s, k, m) => {
        const c = optionPayoff("call", s, k, m);
        const p = optionPayoff("put", s, k, m);
        expect(c.payoff.isNegative() || p.payoff.isNegative()).toBe(false);
        expect(c.payoff.sub(p.payoff).eq(s.sub(k).mul(m))).toBe(true);
      }),
      { seed: 5, numRuns: 500 },
    );
  });
  it("automatic exercise needs the threshold", () => {
    const r = optionPayoff("call", D("10.0005"), D("10"), D("1000"), { threshold: D("0.001") });
    expect([r.exercised, r.payoff.toString(), intrinsicValue("call", D("10.0005"), D("10")).toString()]).toEqual([false, "0", "0.0005"]);
    const e = optionPayoff("put", D("9.5"), D("10"), D("1000"), { threshold: D("0.001"), quantity: D("3") });
    expect([e.exercised, e.payoff.toString()]).toEqual([true, "1500"]);
  });
  it("variation margin is (settlement − previous) × multiplier × quantity", () => {
    expect(variationMargin(D("10.125"), D("10.1"), D("1000"), D("-4")).toString()).toBe("-100");
  });
});

describe("final settlement from observations (computedLookup)", () => {
  it("BTC reference future: the index computed from trades on the last trading day", async () => {
    const { computedLookup } = await import("../../../src/runtime/engine/settlement.js");
    const { parseObservations } = await import("../../../src/runtime/market-data/index.js");
    const r = compileFiles(["specs/contracts/btc-reference-future.terms"]);
    const file = r.files.find((f) => f.path.startsWith("contracts/"))!;
    const spec = JSON.parse(file.text) as Spec;
    const [name, contract] = Object.entries(spec.contracts)[0]!;
    expect(name).toBeTruthy();
    const text = [
      "2026-03-27T15:00:00Z,BITSTAMP,100,1,BTC/USD",
      "2026-03-27T15:04:59Z,COINBASE,102,1,BTC-USD",
      "2026-03-27T15:05:00Z,KRAKEN,103,3,XBT/USD",
      "2026-03-27T15:06:00Z,GEMINI,99,1,BTCUSD",
    ].join("\n");
    const obs = parseObservations(text, { file: "o.csv" });
    if (!obs.ok) throw new Error("parse");
    const engines = new CalendarEngines(resolverFromList(Object.values(spec.calendars)), 2020, 2035);
    const lookup = computedLookup(
      (n) => spec.indices[n],
      (_i, d) => (d === "2026-03-27" ? obs.value : undefined),
    );
    const res = finalSettlement(contract.finalSettlement[0]!.value, "2026-03-27", lookup, contract.fallback[0]?.value, {
      engines: (n) => {
        const e = engines.get(n);
        return e.ok ? e.value : undefined;
      },
    });
    // partition 1: VWM 101 (exact half, mean of straddling 100 and 102); partition 2: 103; mean 102 (0.01 half-up)
    expect(res.ok && [res.price.toString(), res.days[0]!.level]).toEqual(["102", 0]);
  });
});
