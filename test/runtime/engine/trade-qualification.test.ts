/**
 * Trade qualification (issue 15) on hand-made rows: a volume below the minimum is left out and one equal to it is
 * kept; a jump is measured from the source's previous qualifying trade (not from a trade left out), of its own
 * source only, and exactly 20% is not more than 20%; the volume rule applies before the jump rule; each source and
 * rule that left trades out is one exclusion with the count. The pipeline as a whole: test/cases/settlement/GPUQ_H100
 * (with an oracle).
 */
import { describe, expect, it } from "vitest";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { qualifyTrades, recordFieldsOf, type TradeRules } from "../../../src/runtime/engine/trade-qualification.js";
import type { Index } from "../../../src/runtime/spec.js";

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
  where: [],
});

function ok<T extends { ok: boolean }>(q: T): Extract<T, { ok: true }> {
  if (!q.ok) throw new Error(JSON.stringify(q));
  return q as Extract<T, { ok: true }>;
}

describe("trade qualification", () => {
  it("leaves out volumes below the minimum and keeps one equal to it", () => {
    const obs = observations([
      ["A", "10", "0.5"],
      ["A", "11", "1"],
      ["A", "12", "1.25"],
    ]);
    const q = ok(qualifyTrades(obs, rules([1n, 1n]), ["A"], [[0, 1, 2]]));
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
    const q = ok(qualifyTrades(obs, rules([1n, 1n], [1n, 5n]), ["A"], [[0, 1, 2, 3, 4]]));
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
    const q = ok(qualifyTrades(obs, rules(undefined, [1n, 5n]), ["A", "B"], [[0, 1, 3], [2]]));
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

  describe("rules on named fields of the record", () => {
    // Trades A 15:00..15:04; reversed_at as written (T2 at 15:06:00 is exactly 5 minutes after 15:01:00).
    const text = [
      "time,source,price,volume,trade_id,type,flags,reversed_at",
      "2026-03-27T15:00:00Z,A,100,1,T1,outright,,",
      "2026-03-27T15:01:00Z,A,101,1,T2,outright,,2026-03-27T15:06:00Z",
      "2026-03-27T15:02:00Z,A,300,1,T3,outright,affiliate;block,",
      "2026-03-27T15:03:00Z,A,102,1,T4,spread-leg,,",
      "2026-03-27T15:04:00Z,A,103,1,T5,outright,,2026-03-27T15:09:00.000001Z",
    ].join("\n");
    const parsed = parseObservations(text, { file: "t.csv" });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const obs = parsed.value;
    const where = (...w: TradeRules["where"]): TradeRules => ({ minVolume: undefined, maxJump: undefined, where: w });

    it("leaves out a flagged trade, a trade of a type, and a trade reversed within the window (at most, not beyond)", () => {
      const q = ok(
        qualifyTrades(
          obs,
          where(
            { kind: "flagged", flag: "affiliate" },
            { kind: "type", type: "spread-leg" },
            { kind: "reversed-within", within: { amount: "5", unit: "minutes" } },
          ),
          ["A"],
          [[0, 1, 2, 3, 4]],
        ),
      );
      // T5 was reversed 5 minutes and 1 microsecond after it: not within 5 minutes, so it qualifies.
      expect(q.rows).toEqual([[0, 4]]);
      expect(q.exclusions).toEqual([
        { source: "A", reason: "trade-record", trades: 1, detail: '1 trade(s) flagged "affiliate" (trade T3)' },
        { source: "A", reason: "trade-record", trades: 1, detail: '1 trade(s) of type "spread-leg" (trade T4)' },
        { source: "A", reason: "trade-record", trades: 1, detail: "1 trade(s) reversed within 5 minutes (trade T2)" },
      ]);
    });

    it("applies them before the jump rule, so a flagged trade is never the previous trade", () => {
      // Without the affiliate rule 300 would be left out as a jump from 101 and 102 measured from 101.
      const q = ok(
        qualifyTrades(
          obs,
          { ...where({ kind: "flagged", flag: "block" }), maxJump: { num: 1n, den: 10n, text: "10" } },
          ["A"],
          [[0, 1, 2, 3, 4]],
        ),
      );
      expect(q.rows).toEqual([[0, 1, 3, 4]]);
      expect(q.exclusions.map((e) => e.reason)).toEqual(["trade-record"]);
    });

    it("refuses a rule whose column the observations lack, rather than not apply it", () => {
      const bare = observations([["A", "1", "1"]]);
      const q = qualifyTrades(bare, where({ kind: "type", type: "option" }), ["A"], [[0]]);
      expect(q).toEqual({
        ok: false,
        message:
          'the observations have no type column, which the rule `exclude trades of type "option"` reads (market-data record columns: a CSV header naming it, or an NDJSON key)',
      });
    });

    it("leaves out the trades of one side and of one counterparty; a record stating neither is kept", () => {
      // FERC Policy Statement on Natural Gas and Electric Price Indices (2003): "each bilateral, arm's-length
      // transaction between non-affiliated companies"; a trade reported by both sides is counted once, by one side.
      const sided = parseObservations(
        [
          "time,source,price,volume,side,trade_id,counterparty",
          "2026-03-27T15:00:00Z,A,100,1,sell,S1,C1",
          "2026-03-27T15:00:00Z,A,100,1,buy,B1,C2",
          "2026-03-27T15:01:00Z,A,101,1,sell,S2,TSB-MM",
          "2026-03-27T15:02:00Z,A,102,1,,N1,",
          "2026-03-27T15:03:00Z,A,103,1,sell,S3,TSB-MM2",
        ].join("\n"),
        { file: "t.csv" },
      );
      if (!sided.ok) throw new Error(JSON.stringify(sided.errors));
      const q = ok(
        qualifyTrades(
          sided.value,
          where({ kind: "side", side: "buy" }, { kind: "counterparty", counterparty: "TSB-MM" }),
          ["A"],
          [[0, 1, 2, 3, 4]],
        ),
      );
      // N1 states no side and no counterparty: kept; TSB-MM2 is another counterparty than TSB-MM: kept.
      expect(q.rows).toEqual([[0, 3, 4]]);
      expect(q.exclusions).toEqual([
        { source: "A", reason: "trade-record", trades: 1, detail: "1 trade(s) on the buy side (trade B1)" },
        { source: "A", reason: "trade-record", trades: 1, detail: '1 trade(s) with counterparty "TSB-MM" (trade S2)' },
      ]);
    });

    it("refuses a side rule on observations without a side column", () => {
      const q = qualifyTrades(obs, where({ kind: "side", side: "sell" }), ["A"], [[0]]);
      expect(q).toMatchObject({ ok: false, message: expect.stringContaining("no side column") });
    });

    it("names the columns an index's rules read, for the reader", () => {
      const index = {
        excludeTradesWhere: [
          { effective: [{ from: null, until: null }], descriptions: [], clauses: [], value: { kind: "type", type: "option" } },
          { effective: [{ from: "2027-01-01", until: null }], descriptions: [], clauses: [], value: { kind: "flagged", flag: "x" } },
        ],
      } as unknown as Index;
      expect(recordFieldsOf(index)).toEqual(["flags", "type"]);
    });
  });
});
