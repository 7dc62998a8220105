/**
 * A source's total volume is the exact sum of its rows' volumes even when the sum passes 2^53 (each coefficient is
 * at most 2^53 − 1, the sum is not): a volume-weighted mean of the sources' values gives the exact rational.
 */
import { describe, expect, it } from "vitest";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { Index } from "../../../src/runtime/spec.js";

const clause = <T>(value: T) => [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value }];
const method = (name: string) => ({ name, exactHalf: null, trim: null, capPercent: null, weightedBy: null });
const usd = { text: "USD per BTC", dimensions: { "money:USD": 1, "asset:BTC": -1 }, scale: "1", currency: "USD" };
const INDEX = {
  name: "VOL",
  quoted: clause(usd),
  methodology: clause({ version: "1" }),
  sources: ["A", "B"].flatMap((name) =>
    clause({ name, title: null, quoted: clause(usd), models: [], instruments: [], weight: [], blend: [] }),
  ),
  window: clause({ from: "15:00:00", fromBound: "inclusive", to: "16:00:00", toBound: "exclusive", zone: "UTC" }),
  partition: [],
  emptyIntervals: clause("skip"),
  aggregateTrades: clause(method("median")),
  aggregateIntervals: [],
  aggregateSources: clause(method("vwap")),
  excludeDeviation: [],
  excludeStale: [],
  minimumSources: clause(1),
  minimumTrades: [],
  degradation: [],
  extremeMoves: [],
  rounding: clause({ kind: "increment", increment: "0.01", mode: "half-up" }),
  publication: clause({ calendar: null, at: { time: "16:00:00", zone: "UTC" } }),
} as unknown as Index;

describe("computeIndex: total volumes", () => {
  it("sums volumes exactly past 2^53", () => {
    const V = 2n ** 53n - 1n;
    const rows = [`2026-03-27T15:00:00Z,A,10,${V}`, `2026-03-27T15:00:01Z,A,10,${V - 1n}`, "2026-03-27T15:00:02Z,B,40,1"];
    const obs = parseObservations(rows.join("\n"), { file: "v.csv", sources: ["A", "B"] });
    expect(obs.ok).toBe(true);
    if (!obs.ok) return;
    const r = computeIndex(INDEX, obs.value, { date: "2026-03-27" });
    expect(r.ok, r.ok ? "" : r.failure.message).toBe(true);
    if (!r.ok) return;
    // (10 × (2V − 1) + 40 × 1) / 2V = 10 + 15/V, printed to 30 decimals (computed with Python's fractions.Fraction);
    // a total volume off by one unit shows in them: (10 × (2V − 2) + 40) / (2V − 1) = 10.000…0016653345369377350…
    // and (10 × (2V − 1) + 40) / (2V + 1) = 10.000…0011102230246251566….
    expect(r.certificate.unrounded).toBe("10.000000000000001665334536937734…");
    expect(r.value.toString()).toBe("10");
  });
});
