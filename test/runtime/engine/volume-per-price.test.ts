/**
 * The volume-weighted median with the volume summed per price before the running sum (issue 20; taken when the prices
 * span few steps) gives what the general path gives on exact ratios, sorted trade by trade: many trades at one price,
 * zero volumes, and exact halves reached inside a price's trades or at its last one, with either exact-half rule.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregate, aggregateScaled } from "../../../src/runtime/engine/aggregation.js";
import { Ratio } from "../../../src/runtime/numbers/ratio.js";
import type { AggregationMethod } from "../../../src/runtime/spec.js";

const vwm = (exactHalf: "first-reaching-half" | "mean-of-straddling"): AggregationMethod => ({
  name: "volume-weighted-median",
  exactHalf,
  trim: null,
  capPercent: null,
  weightedBy: null,
});

describe("volume-weighted median summed per price", () => {
  it("agrees with the general path on trades of few prices", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 60 }),
        fc.constantFrom("first-reaching-half" as const, "mean-of-straddling" as const),
        (base, trades, rule) => {
          const price = Float64Array.from(trades.map((t) => base + t[0]));
          const volume = Float64Array.from(trades.map((t) => t[1]));
          const rows = Uint32Array.from(trades.map((_, i) => i));
          const fast = aggregateScaled(vwm(rule), price, volume, rows, 100n);
          const slow = aggregate(
            vwm(rule),
            trades.map(([p, v]) => ({ value: Ratio.of(BigInt(base + p)), volume: Ratio.of(BigInt(v), 100n), weight: Ratio.of(1n) })),
          );
          expect(fast.ok ? fast.value.toString() : `error: ${fast.reason}`).toBe(slow.ok ? slow.value.toString() : `error: ${slow.reason}`);
        },
      ),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it("takes the mean of a price and the next price with volume when half is reached at a price's last trade", () => {
    // Prices 10 (volumes 1 and 2), 11 (volume 0), 13 (volume 3): half of 6 is reached at 10's last trade.
    const price = Float64Array.from([13, 10, 11, 10]);
    const volume = Float64Array.from([3, 1, 0, 2]);
    const r = aggregateScaled(vwm("mean-of-straddling"), price, volume, Uint32Array.from([0, 1, 2, 3]), 1n);
    expect(r.ok && r.value.toString()).toBe("11.5");
  });
});
