/**
 * Trade qualification (issue 15) on hand-made rows: a volume below the minimum is left out and one equal to it is
 * kept; a jump is measured from the source's previous qualifying trade (not from a trade left out), of its own
 * source only, and exactly 20% is not more than 20%; the volume rule applies before the jump rule; each source and
 * rule that left trades out is one exclusion with the count. The pipeline as a whole: test/cases/settlement/GPUQ_H100
 * (with an oracle).
 */
import { describe, expect, it } from "vitest";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { qualifyTrades, type TradeRules } from "../../../src/runtime/engine/trade-qualification.js";

function observations(rows: readonly [string, string, string][]) {
  const text = [
    "time,source,price,volume",
    ...rows.map(([s, p, v], i) => `2026-03-27T15:${String(i).padStart(2, "0")}:00Z,${s},${p},${v}`),
  ].join("\n");
  const r = parseObservations(text, { file: "t.csv" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const rules = (minVolume?: [bigint, bigint], maxJump?: [bigint, bigint]): TradeRules => ({
  minVolume: minVolume === undefined ? undefined : { num: minVolume[0], den: minVolume[1], text: `${minVolume[0]}/${minVolume[1]}` },
  maxJump: maxJump === undefined ? undefined : { num: maxJump[0], den: maxJump[1], text: "20" },
});

describe("trade qualification", () => {
  it("leaves out volumes below the minimum and keeps one equal to it", () => {
    const obs = observations([
      ["A", "10", "0.5"],
      ["A", "11", "1"],
      ["A", "12", "1.25"],
    ]);
    const q = qualifyTrades(obs, rules([1n, 1n]), ["A"], [[0, 1, 2]]);
    expect(q.rows).toEqual([[1, 2]]);
    expect(q.exclusions).toMatchObject([{ source: "A", reason: "trade-volume", trades: 1 }]);
  });

  it("measures a jump from the previous qualifying trade, after the volume rule", () => {
    // 100 kept; 130 (30%) out; 90 (10% from 100) kept; 50 with volume 0.1 out by volume first; 105 (16.7% from 90) kept.
    const obs = observations([
      ["A", "100", "1"],
      ["A", "130", "1"],
      ["A", "90", "1"],
      ["A", "50", "0.1"],
      ["A", "105", "1"],
    ]);
    const q = qualifyTrades(obs, rules([1n, 1n], [1n, 5n]), ["A"], [[0, 1, 2, 3, 4]]);
    expect(q.rows).toEqual([[0, 2, 4]]);
    expect(q.exclusions).toMatchObject([
      { source: "A", reason: "trade-volume", trades: 1 },
      { source: "A", reason: "trade-jump", trades: 1 },
    ]);
  });

  it("judges each source against its own previous trade", () => {
    // A: 10 to 12 is 20%, not more: kept; 12 to 20 is 66.7%: out. B's 5 is B's first trade, whatever A traded.
    const obs = observations([
      ["A", "10", "1"],
      ["A", "12", "1"],
      ["B", "5", "1"],
      ["A", "20", "1"],
    ]);
    const q = qualifyTrades(obs, rules(undefined, [1n, 5n]), ["A", "B"], [[0, 1, 3], [2]]);
    expect(q.rows).toEqual([[0, 1], [2]]);
    expect(q.exclusions).toEqual([
      {
        source: "A",
        reason: "trade-jump",
        trades: 1,
        detail: "1 trade(s) priced more than 20% from the source's previous qualifying trade",
      },
    ]);
  });
});
