/**
 * The time-weighted midpoint of the best bid and offer over a settlement period (engine/quotes.ts): the quotes
 * standing at the start, updates inside the period, one-sided stretches left out, updates at the end ignored, a
 * crossed market refused. Values by hand in each test.
 */
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { periodMidpoint, seconds, type QuoteUpdate } from "../../../src/runtime/engine/quotes.js";

const S = 1_000_000; // a second in microseconds
const q = (t: number, side: "bid" | "offer", price: string | null): QuoteUpdate => ({
  time: t * S,
  side,
  price: price === null ? null : Decimal.of(price),
});

describe("periodMidpoint", () => {
  it("weighs each midpoint by the time it stood, from the quotes standing at the start", () => {
    // bid 100 / offer 102 before the period (mid 101) for 30 s, then offer 104 (mid 102) for 10 s: (101 × 30 + 102 × 10) / 40
    const m = periodMidpoint([q(-5, "bid", "100"), q(-1, "offer", "102"), q(30, "offer", "104")], 0, 40 * S);
    expect(m.ok && m.midpoint?.toString()).toBe("101.25");
    expect(m.ok && [m.updates, seconds(m.twoSided), seconds(m.period)]).toEqual([1, "40", "40"]);
  });

  it("leaves a one-sided stretch out and ignores an update at the end of the period", () => {
    // mid 101 for 10 s, offer withdrawn 10 s, offer 106 (mid 103) for 20 s; the bid at 40 s is at the excluded end
    const tape = [q(0, "bid", "100"), q(0, "offer", "102"), q(10, "offer", null), q(20, "offer", "106"), q(40, "bid", "1")];
    const m = periodMidpoint(tape, 0, 40 * S);
    // (101 × 10 + 103 × 20) / 30 = 3070 / 30 = 102.(3)
    expect(m.ok && m.midpoint?.toString()).toBe("102.(3)");
    expect(m.ok && seconds(m.twoSided)).toBe("30");
  });

  it("gives no midpoint without a two-sided market, and none without quotes", () => {
    const m = periodMidpoint([q(0, "bid", "100"), q(5, "bid", "101")], 0, 60 * S);
    expect(m.ok && m.midpoint).toBeUndefined();
    expect(m.ok && seconds(m.twoSided)).toBe("0");
    const none = periodMidpoint([], 0, 60 * S);
    expect(none.ok && none.midpoint).toBeUndefined();
  });

  it("applies updates at the same time in order, the last one standing", () => {
    // at 0 s the bid is 99 then 100: mid (100 + 102) / 2 for the whole period
    const m = periodMidpoint([q(0, "bid", "99"), q(0, "bid", "100"), q(0, "offer", "102")], 0, 60 * S);
    expect(m.ok && m.midpoint?.toString()).toBe("101");
  });

  it("stops at a crossed market inside the period", () => {
    const m = periodMidpoint([q(0, "bid", "100"), q(0, "offer", "102"), q(30, "bid", "103")], 0, 60 * S);
    expect(m.ok).toBe(false);
    expect(!m.ok && [m.time, m.bid.toString(), m.offer.toString()]).toEqual([30 * S, "103", "102"]);
  });

  it("takes a locked market (bid = offer) at its price", () => {
    const m = periodMidpoint([q(0, "bid", "101"), q(0, "offer", "101")], 0, 60 * S);
    expect(m.ok && m.midpoint?.toString()).toBe("101");
  });
});
