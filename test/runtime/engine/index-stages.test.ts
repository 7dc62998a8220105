/**
 * The stages of the index computation (runtime/engine/index-*.ts), each on its own with values computed by hand:
 * the deviation rule (the median of the others, decided for every source on the same values), the extreme-move
 * rule and the one rounding, to an increment or to the tier of a tick table. computeIndex composes them; its own
 * tests (index-computation.test.ts and the settlement suite) run them on compiled methodologies.
 */
import { describe, expect, it } from "vitest";
import { deviatingSources } from "../../../src/runtime/engine/index-eligibility.js";
import { extremeMove, roundIndex, tickAt } from "../../../src/runtime/engine/index-publication.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { Ratio } from "../../../src/runtime/numbers/ratio.js";

const r = (text: string): Ratio => Ratio.parse(text);
const always = { effective: [{ from: null, until: null }], descriptions: [], clauses: [] };

describe("deviation from the median of the others", () => {
  it("drops a source more than the limit from the median of the others, each judged on the same values", () => {
    // 150 against the median of 100, 102 and 99 (100): 50% > 10%. 100 against 99, 102, 150 (102): 2/102 < 10%.
    // 102 against 99, 100, 150 (100): 2%. 99 against 100, 102, 150 (102): 3/102 < 10%.
    expect(deviatingSources([r("100"), r("102"), r("150"), r("99")], [0, 1, 2, 3], "10")).toEqual([2]);
  });

  it("takes the mean of the two middle values of an even number of others, and judges only the candidates", () => {
    // 130 against 100 and 110 (median 105): 25/105 > 20%; 100 against 110 and 130 (120): 20/120 < 20%;
    // 110 against 100 and 130 (115): 5/115. The fourth source (1000) is no candidate (not eligible).
    expect(deviatingSources([r("100"), r("110"), r("130"), r("1000")], [0, 1, 2], "20")).toEqual([2]);
  });

  it("excludes no one against a zero median, nor a lone source", () => {
    expect(deviatingSources([r("0"), r("0")], [0, 1], "10")).toEqual([]);
    expect(deviatingSources([r("5"), null], [0], "10")).toEqual([]);
  });
});

describe("extreme moves", () => {
  const index = { extremeMoves: [{ ...always, value: { percent: "10", action: "held" as const } }] };

  it("holds a value more than 10% from the previous one, with the note", () => {
    // 111 against 100: 11% > 10%.
    expect(extremeMove(index, "2026-03-27", r("111"), Decimal.of("100"))).toEqual({
      status: "held",
      note: "moved more than 10% from the previous value 100: held",
    });
  });

  it("publishes a value exactly 10% away, and any value without a previous one or with a zero previous one", () => {
    expect(extremeMove(index, "2026-03-27", r("110"), Decimal.of("100"))).toEqual({ status: "published" });
    expect(extremeMove(index, "2026-03-27", r("500"), undefined)).toEqual({ status: "published" });
    expect(extremeMove(index, "2026-03-27", r("500"), Decimal.of("0"))).toEqual({ status: "published" });
  });
});

describe("rounding once", () => {
  const tick = [
    { tick: Decimal.of("0.0005"), bound: { relation: "at-or-below" as const, price: Decimal.of("0.1") } },
    { tick: Decimal.of("0.001"), bound: { relation: "above" as const, price: Decimal.of("0.1") } },
  ];

  it("rounds on the tick of the tier that admits the unrounded value", () => {
    // 0.0996 is at or below 0.1: tick 0.0005; 0.1234 is above: tick 0.001.
    expect(tickAt(tick, r("0.0996"))).toEqual(Decimal.of("0.0005"));
    expect(tickAt(tick, r("0.1234"))).toEqual(Decimal.of("0.001"));
    const rounded = roundIndex({ kind: "tick", mode: "half-up" }, r("0.12345"), { date: "2026-03-27", tick });
    expect(rounded.ok && rounded.value.toString()).toBe("0.123");
  });

  it("refuses a value that is no terminating decimal without a rounding, and tick rounding without a tick", () => {
    expect(roundIndex(undefined, Ratio.of(1n, 3n), { date: "2026-03-27" })).toEqual({
      ok: false,
      failure: {
        kind: "rounding",
        message: "the unrounded value 0.(3) is not a terminating decimal and the index states no rounding",
      },
    });
    expect(roundIndex({ kind: "tick", mode: "half-up" }, r("1"), { date: "2026-03-27" })).toEqual({
      ok: false,
      failure: { kind: "rounding", message: "the index rounds to the contract's tick and no tick was given" },
    });
  });

  it("rounds to an increment", () => {
    // 2/3 = 0.666… to 0.01 half-even: 0.67.
    const v = roundIndex({ kind: "increment", increment: "0.01", mode: "half-even" }, Ratio.of(2n, 3n), { date: "2026-03-27" });
    expect(v.ok && v.value.toString()).toBe("0.67");
  });
});
