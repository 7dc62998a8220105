/**
 * The tick grid (runtime/engine/tick-grid.ts): a price is valid when it is a whole multiple of the tick of its tier,
 * and the nearest valid prices are the closest on the grid on each side, checked against a brute-force walk over a
 * fine grid; with the rulebook's tiered premium tick and a calendar spread's negative prices.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gridPosition, onGrid } from "../../../src/runtime/engine/tick-grid.js";
import type { TickTable } from "../../../src/runtime/engine/index-computation.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";

const d = (s: string) => Decimal.of(s);

// CME Rulebook Chapter 350A (Options on Bitcoin Futures), Minimum Fluctuations: "$5.00 per bitcoin ... Trades at
// premiums at or below $25.00 per bitcoin: $1.00 per bitcoin".
const BTC_PREMIUM: TickTable = [
  { tick: d("1"), bound: { relation: "at-or-below", price: d("25") } },
  { tick: d("5"), bound: { relation: "above", price: d("25") } },
];

function position(table: TickTable, price: string): { valid: boolean; below?: string; above?: string } {
  const g = gridPosition(table, d(price));
  if (typeof g === "string") throw new Error(g);
  return { valid: g.valid, below: g.below?.toString(), above: g.above?.toString() };
}

describe("the tick grid", () => {
  it("reads tiered premiums as the rulebook does (CME 350A: USD 1 at or below 25, USD 5 above)", () => {
    expect(position(BTC_PREMIUM, "24")).toEqual({ valid: true, below: "23", above: "25" });
    expect(position(BTC_PREMIUM, "25")).toEqual({ valid: true, below: "24", above: "30" });
    expect(position(BTC_PREMIUM, "26")).toEqual({ valid: false, below: "25", above: "30" });
    expect(position(BTC_PREMIUM, "1502")).toEqual({ valid: false, below: "1500", above: "1505" });
    expect(position(BTC_PREMIUM, "24.5")).toEqual({ valid: false, below: "24", above: "25" });
  });

  it("runs through zero for a calendar spread's negative prices (tick 0.0005)", () => {
    const spread: TickTable = [{ tick: d("0.0005"), bound: null }];
    expect(position(spread, "-0.0773")).toEqual({ valid: false, below: "-0.0775", above: "-0.077" });
    expect(position(spread, "0")).toEqual({ valid: true, below: "-0.0005", above: "0.0005" });
  });

  it("continues into the next tier when a multiple of one tier's tick is not on the other's grid", () => {
    const table: TickTable = [
      { tick: d("1"), bound: { relation: "at-or-below", price: d("10") } },
      { tick: d("0.1"), bound: { relation: "above", price: d("10") } },
    ];
    expect(position(table, "9.5")).toEqual({ valid: false, below: "9", above: "10" });
    expect(position(table, "10.05")).toEqual({ valid: false, below: "10", above: "10.1" });
  });

  it("property: below < price < above, both on the grid, and no price on the grid strictly between (brute force)", () => {
    const step = d("0.5");
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 200 }), (n) => {
        const price = d(String(n)).mul(d("0.25"));
        const g = gridPosition(BTC_PREMIUM, price);
        if (typeof g === "string") return false;
        expect(g.valid).toBe(onGrid(BTC_PREMIUM, price));
        expect(g.below !== undefined && g.above !== undefined).toBe(true);
        expect(g.below!.lt(price) && price.lt(g.above!)).toBe(true);
        expect(onGrid(BTC_PREMIUM, g.below!) && onGrid(BTC_PREMIUM, g.above!)).toBe(true);
        for (let x = g.below!.add(step); x.lt(g.above!); x = x.add(step)) {
          if (!x.eq(price)) expect(onGrid(BTC_PREMIUM, x)).toBe(false);
        }
        return true;
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
