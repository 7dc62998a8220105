/**
 * The aggregation methods on small hand-computed tables (both exact-half conventions, even-count median, trims,
 * caps, every weighting), the scaled-integer hot path agreeing with the general path, and Ratio rounding agreeing
 * with decimal.ts's roundToIncrement on decimals for every mode.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, ROUNDING_MODES } from "../../../src/runtime/numbers/decimal.js";
import { type Item, aggregate, aggregateScaled, cappedMedianSteps, ratioOf } from "../../../src/runtime/engine/aggregation.js";
import type { AggregationMethod } from "../../../src/runtime/spec.js";
import { Ratio } from "../../../src/runtime/numbers/ratio.js";

const M = (name: AggregationMethod["name"], o: Partial<AggregationMethod> = {}): AggregationMethod => ({
  name,
  exactHalf: null,
  trim: null,
  capPercent: null,
  weightedBy: null,
  ...o,
});
const items = (rows: [string, string, string?][]): Item[] =>
  rows.map(([v, vol, w]) => ({ value: ratioOf(v), volume: ratioOf(vol), weight: ratioOf(w ?? "1") }));
const run = (m: AggregationMethod, rows: [string, string, string?][]) => {
  const r = aggregate(m, items(rows));
  return r.ok ? r.value.toString() : `error: ${r.reason}`;
};

const CASES: [string, AggregationMethod, [string, string, string?][], string][] = [
  [
    "median odd",
    M("median"),
    [
      ["3", "1"],
      ["1", "1"],
      ["2", "1"],
    ],
    "2",
  ],
  [
    "median even: mean of the middle two",
    M("median"),
    [
      ["4", "1"],
      ["1", "1"],
      ["2", "1"],
      ["3", "1"],
    ],
    "2.5",
  ],
  [
    "mean",
    M("mean"),
    [
      ["1", "1"],
      ["1", "1"],
      ["2", "1"],
    ],
    "1.(3)",
  ],
  [
    "vwap",
    M("vwap"),
    [
      ["10", "1"],
      ["20", "3"],
    ],
    "17.5",
  ],
  ["vwap zero volume", M("vwap"), [["10", "0"]], "error: total volume is zero"],
  [
    "vwm first reaching half",
    M("volume-weighted-median", { exactHalf: "first-reaching-half" }),
    [
      ["100", "1"],
      ["102", "1"],
    ],
    "100",
  ],
  [
    "vwm mean of straddling",
    M("volume-weighted-median", { exactHalf: "mean-of-straddling" }),
    [
      ["102", "1"],
      ["100", "1"],
    ],
    "101",
  ],
  [
    "vwm no exact half",
    M("volume-weighted-median", { exactHalf: "mean-of-straddling" }),
    [
      ["99", "1"],
      ["103", "3"],
    ],
    "103",
  ],
  [
    "trimmed mean",
    M("trimmed-mean", { trim: { highest: 1, lowest: 1 } }),
    [
      ["8", "0"],
      ["10", "0"],
      ["10", "0"],
      ["11", "0"],
      ["12", "0"],
      ["12", "0"],
    ],
    "10.75",
  ],
  [
    "trimmed mean too few",
    M("trimmed-mean", { trim: { highest: 1, lowest: 1 } }),
    [
      ["8", "0"],
      ["10", "0"],
    ],
    "error: 2 values leave none after dropping 1 highest and 1 lowest",
  ],
  [
    "capped median",
    M("capped-median", { capPercent: "10" }),
    [
      ["100", "0"],
      ["100", "0"],
      ["200", "0"],
    ],
    "103.(3)",
  ],
  [
    // Deribit, Index Prices (support.deribit.com/hc/en-us/articles/25944739377309), the worked example: "Source A:
    // 100, weight 25%; Source B: 101, weight 50%; Source C: 120, weight 25%. The initial median of this set is 101",
    // capped at 0.5% to 100.495, 101 and 101.505; by hand 0.25 × 100.495 + 0.5 × 101 + 0.25 × 101.505 = 101.
    "weighted capped median (Deribit's worked example)",
    M("capped-median", { capPercent: "0.5", weightedBy: "fixed" }),
    [
      ["100", "0", "0.25"],
      ["101", "0", "0.5"],
      ["120", "0", "0.25"],
    ],
    "101",
  ],
  [
    // By hand: median 101, band 100.495 to 101.505, capped 100.495, 101, 101.505, weights 1, 1, 2:
    // (100.495 + 101 + 2 × 101.505) / 4 = 404.505 / 4 = 101.12625.
    "weighted capped median, unequal weights",
    M("capped-median", { capPercent: "0.5", weightedBy: "fixed" }),
    [
      ["100", "0", "1"],
      ["101", "0", "1"],
      ["102.5", "0", "2"],
    ],
    "101.12625",
  ],
  [
    "weighted by volume",
    M("weighted-mean", { weightedBy: "volume" }),
    [
      ["10", "1"],
      ["20", "3"],
    ],
    "17.5",
  ],
  [
    "weighted by expenditure",
    M("weighted-mean", { weightedBy: "expenditure" }),
    [
      ["10", "1"],
      ["20", "1"],
    ],
    "16.(6)",
  ],
  [
    "weighted by fixed weights",
    M("weighted-mean", { weightedBy: "fixed" }),
    [
      ["10", "0", "1"],
      ["20", "0", "3"],
    ],
    "17.5",
  ],
];

describe("aggregate", () => {
  it.each(CASES)("%s", (_n, m, rows, expected) => expect(run(m, rows)).toBe(expected));
});

describe("aggregateScaled agrees with aggregate", () => {
  const methods = [
    M("median"),
    M("mean"),
    M("vwap"),
    M("volume-weighted-median", { exactHalf: "first-reaching-half" }),
    M("volume-weighted-median", { exactHalf: "mean-of-straddling" }),
    M("trimmed-mean", { trim: { highest: 1, lowest: 2 } }),
    M("capped-median", { capPercent: "5" }),
    M("weighted-mean", { weightedBy: "expenditure" }),
  ];
  it("on random trades", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...methods),
        (trades, m) => {
          const price = Float64Array.from(trades.map((t) => t[0]));
          const volume = Float64Array.from(trades.map((t) => t[1]));
          const rows = Uint32Array.from(trades.map((_, i) => i));
          const fast = aggregateScaled(m, price, volume, rows, 100n);
          const slow = aggregate(
            m,
            trades.map(([p, v]) => ({ value: Ratio.of(BigInt(p)), volume: Ratio.of(BigInt(v), 100n), weight: Ratio.of(1n) })),
          );
          expect(fast.ok ? fast.value.toString() : "error").toBe(slow.ok ? slow.value.toString() : "error");
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe("Ratio.roundToIncrement", () => {
  it("agrees with decimal.ts on decimals in every mode", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -100000n, max: 100000n }),
        fc.constantFrom("0.01", "0.05", "0.25", "1", "0.001"),
        fc.constantFrom(...ROUNDING_MODES),
        (c, inc, mode) => {
          const x = Decimal.fromParts(c, 3);
          const ref = Decimal.of("7.777");
          const a = x.roundToIncrement(Decimal.of(inc), mode, ref).toString();
          const b = Ratio.fromDecimal(x).roundToIncrement(Decimal.of(inc), mode, Ratio.fromDecimal(ref)).toString();
          expect(b).toBe(a);
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  });
  it("rounds a non-terminating value to a multiple of its increment", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 999n }),
        fc.constantFrom("0.01", "0.0001", "0.25", "5"),
        fc.constantFrom(...ROUNDING_MODES.filter((m) => m !== "half-toward-reference")),
        (n, d, inc, mode) => {
          const v = Ratio.of(n, d).roundToIncrement(Decimal.of(inc), mode);
          expect(v.isMultipleOf(Decimal.of(inc))).toBe(true);
          expect(
            Ratio.fromDecimal(v)
              .sub(Ratio.of(n, d))
              .abs()
              .cmp(Ratio.fromDecimal(Decimal.of(inc))),
          ).toBeLessThan(0);
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });
  it("7.3125 and 3.4445 to 0.001 (DOMAIN.md)", () => {
    const r = (s: string, m: "half-up" | "half-even") =>
      Ratio.fromDecimal(Decimal.of(s)).roundToIncrement(Decimal.of("0.001"), m).toString();
    expect([r("7.3125", "half-up"), r("7.3125", "half-even"), r("3.4445", "half-up"), r("3.4445", "half-even")]).toEqual([
      "7.313",
      "7.312",
      "3.445",
      "3.444",
    ]);
  });
});

describe("weighted capped median", () => {
  it("lies in the band of ± the cap around the median, as every capped value does", () => {
    const price = fc.integer({ min: 1, max: 10_000_000 }).map((c) => Ratio.of(BigInt(c), 100n));
    const weight = fc.integer({ min: 0, max: 100 }).map((w) => Ratio.of(BigInt(w), 4n));
    fc.assert(
      fc.property(fc.array(fc.tuple(price, weight), { minLength: 1, maxLength: 9 }), (rows) => {
        fc.pre(rows.some(([, w]) => w.sign() > 0));
        const m = M("capped-median", { capPercent: "0.5", weightedBy: "fixed" });
        const its: Item[] = rows.map(([value, w]) => ({ value, volume: Ratio.ZERO, weight: w }));
        const r = aggregate(m, its);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const s = cappedMedianSteps(m, its);
        expect(r.value.cmp(s.lower) >= 0 && r.value.cmp(s.upper) <= 0).toBe(true);
        // The band is median ± 0.5% of it, and every capped value is in it.
        expect(s.upper.sub(s.median).eq(s.median.mul(Ratio.of(5n, 1000n)))).toBe(true);
        for (const c of s.capped) expect(c.cmp(s.lower) >= 0 && c.cmp(s.upper) <= 0).toBe(true);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
