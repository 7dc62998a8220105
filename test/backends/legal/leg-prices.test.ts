/**
 * The readable contract's Leg prices clause, beyond FOTI_CAL_FB's near leg (render golden): the far leg or a numbered
 * leg as the anchor, whose other leg is at the anchor's price plus the traded price (a spread priced near − far, the
 * far leg sold: CME Group's calendar spread model prices the deferred leg "the traded calendar spread difference plus"
 * the anchor's prior-day settlement price when the spread is priced deferred − nearby).
 */
import { describe, expect, it } from "vitest";
import { legPricesWords } from "../../../src/backends/legal/leg-prices.js";
import type { Clause, Leg } from "../../../src/runtime/spec.js";

const always = [{ from: null, until: null }];
const leg = (side: "buy" | "sell", monthsLater: number): Clause<Leg> => ({
  effective: always,
  descriptions: [],
  clauses: [],
  value: { side, ratio: "1", contract: "FOTI", monthsLater, rounding: null },
});
const legs = [leg("buy", 0), leg("sell", 1)];

describe("the Leg prices clause", () => {
  it("prices the near leg from the far anchor plus the traded price", () => {
    const [, anchor] = legPricesWords({ reference: "prior-daily-settlement", anchor: { kind: "far" } }, legs);
    expect(anchor).toBe(
      "The anchor, leg 2 (the far leg, FOTI, 1 month later), is priced at its prior daily settlement price; leg 1 (FOTI, the spread's contract month) is priced at the anchor's price plus the traded price, so that the price of leg 1 less the price of leg 2 is the traded price. A leg price so derived is not rounded to the tick.",
    );
  });

  it("names a numbered anchor by its place only", () => {
    const [, anchor] = legPricesWords({ reference: "prior-daily-settlement", anchor: { kind: "leg", leg: 1 } }, legs);
    expect(anchor).toMatch(
      /^The anchor, leg 1 \(FOTI, the spread's contract month\), is priced at its prior daily settlement price; leg 2 \(FOTI, 1 month later\) is priced at the anchor's price less the traded price/,
    );
  });
});
