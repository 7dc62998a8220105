/**
 * Tests of the runtime's exact decimal type: parsing and canonical rendering, exact arithmetic, division
 * with an explicit scale, and every rounding mode (DOMAIN.md §7 examples, negative values, references),
 * with fast-check properties checked against independent reference implementations on scaled integers.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  Decimal,
  DecimalError,
  ROUNDING_MODES,
  isMultipleOf,
  isRoundingMode,
  roundToIncrement,
  tryRoundToIncrement,
  type RoundingMode,
} from "../../../src/runtime/numbers/decimal.js";

const D = (s: string) => Decimal.of(s);
const round = (x: string, inc: string, mode: RoundingMode, ref?: string) =>
  roundToIncrement(D(x), D(inc), mode, ref === undefined ? undefined : D(ref)).toString();

fc.configureGlobal({ seed: 20260101, numRuns: 500 });
// The test files of a worker share their modules (vitest.config.ts: isolate false): the configuration is this file's.
afterAll(() => fc.resetConfigureGlobal());

/** Arbitrary decimals with up to 6 places and coefficients well beyond 2^53. */
const arbDecimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 6 }))
  .map(([c, s]) => Decimal.fromParts(c, s));
/** Small decimals, so that ties are frequent. */
const arbSmall = fc
  .tuple(fc.bigInt({ min: -100_000n, max: 100_000n }), fc.integer({ min: 0, max: 4 }))
  .map(([c, s]) => Decimal.fromParts(c, s));
/** Positive increments: 0.001, 0.005, 0.01, 0.25, 1, 5, 12.5, and random ones. */
const arbIncrement = fc.oneof(
  fc.constantFrom("0.001", "0.005", "0.01", "0.25", "0.5", "1", "5", "12.5", "0.0001").map(D),
  fc.tuple(fc.bigInt({ min: 1n, max: 10_000n }), fc.integer({ min: 0, max: 5 })).map(([c, s]) => Decimal.fromParts(c, s)),
);
const arbMode = fc.constantFrom(...ROUNDING_MODES);

describe("parse", () => {
  it("accepts plain decimals and strips trailing fractional zeros", () => {
    const cases: [string, string, bigint, number][] = [
      ["0", "0", 0n, 0],
      ["-0", "0", 0n, 0],
      ["-0.000", "0", 0n, 0],
      ["7.3125", "7.3125", 73125n, 4],
      ["1.50", "1.5", 15n, 1],
      ["1000", "1000", 1000n, 0],
      ["1000.000", "1000", 1000n, 0],
      ["-0.5", "-0.5", -5n, 1],
      ["007.50", "7.5", 75n, 1],
      ["123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789", 123456789012345678901234567890123456789n, 9],
    ];
    for (const [text, canonical, coefficient, scale] of cases) {
      const r = Decimal.parse(text);
      expect(r.ok, text).toBe(true);
      if (!r.ok) continue;
      expect(r.value.toString()).toBe(canonical);
      expect(r.value.coefficient).toBe(coefficient);
      expect(r.value.scale).toBe(scale);
    }
  });

  it("accepts underscores between digits only when allowed", () => {
    expect(Decimal.of("1_000.50", { allowUnderscores: true }).toString()).toBe("1000.5");
    expect(Decimal.of("-1_000_000", { allowUnderscores: true }).toString()).toBe("-1000000");
    expect(Decimal.of("0.000_001", { allowUnderscores: true }).toString()).toBe("0.000001");
    const r = Decimal.parse("1_000");
    expect(r.ok ? undefined : r.error).toEqual({ kind: "invalid-decimal", reason: "underscore-not-allowed", index: 1, input: "1_000" });
  });

  it("rejects malformed input with a reason and an offset, never throwing", () => {
    const cases: [string, string, number, boolean?][] = [
      ["", "empty", 0],
      ["-", "missing-digits", 1],
      ["+1", "plus-sign", 0],
      [".5", "missing-integer-digits", 0],
      ["-.5", "missing-integer-digits", 1],
      ["5.", "missing-fraction-digits", 2],
      ["1.2.3", "unexpected-character", 3],
      ["1e5", "exponent", 1],
      ["1.5E-3", "exponent", 3],
      ["e5", "unexpected-character", 0],
      [" 1", "unexpected-character", 0],
      ["1 ", "unexpected-character", 1],
      ["--1", "unexpected-character", 1],
      ["1,000", "unexpected-character", 1],
      ["NaN", "unexpected-character", 0],
      ["Infinity", "unexpected-character", 0],
      ["0x10", "unexpected-character", 1],
      ["１", "unexpected-character", 0],
      ["_1", "misplaced-underscore", 0, true],
      ["1_", "misplaced-underscore", 1, true],
      ["1__0", "misplaced-underscore", 1, true],
      ["1_.5", "misplaced-underscore", 1, true],
      ["1._5", "misplaced-underscore", 2, true],
      ["-_1", "misplaced-underscore", 1, true],
    ];
    for (const [text, reason, index, allowUnderscores] of cases) {
      const r = Decimal.parse(text, { allowUnderscores: allowUnderscores === true });
      expect(r.ok, text).toBe(false);
      if (r.ok) continue;
      expect([r.error.reason, r.error.index], text).toEqual([reason, index]);
    }
  });

  it("never throws on arbitrary strings, and accepts exactly the decimal grammar", () => {
    const grammar = /^-?\d+(\.\d+)?$/;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789-+._eE x") }), (s) => {
        const r = Decimal.parse(s);
        expect(r.ok).toBe(grammar.test(s));
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => void Decimal.parse(s, { allowUnderscores: true })));
  });

  it("Decimal.of throws a DecimalError for malformed constants", () => {
    expect(() => D("1e3")).toThrow(DecimalError);
    expect(() => D("abc")).toThrow(/invalid decimal "abc"/);
  });

  it("parse(toString(x)) == x", () => {
    fc.assert(
      fc.property(arbDecimal, (x) => {
        const r = Decimal.parse(x.toString());
        expect(r.ok && r.value.eq(x)).toBe(true);
      }),
    );
  });
});

describe("rendering", () => {
  it("canonical strings have no exponent, no trailing zeros and no -0", () => {
    expect(Decimal.fromParts(0n, 5).toString()).toBe("0");
    expect(Decimal.fromParts(-50n, 2).toString()).toBe("-0.5");
    expect(Decimal.fromParts(73125000n, 7).toString()).toBe("7.3125");
    expect(Decimal.fromParts(1n, 30).toString()).toBe("0." + "0".repeat(29) + "1");
    expect(Decimal.fromParts(10n ** 30n, 0).toString()).toBe("1" + "0".repeat(30));
    expect(D("-0").neg().toString()).toBe("0");
  });

  it("canonical strings match the canonical grammar", () => {
    const canonical = /^(0|-?(0|[1-9]\d*)(\.\d*[1-9])?)$/;
    fc.assert(
      fc.property(arbDecimal, (x) => {
        const s = x.toString();
        expect(s).toMatch(canonical);
        expect(s === "-0").toBe(false);
      }),
    );
  });

  it("toFixed renders exactly N places and rounds only with a mode", () => {
    expect(D("7.31").toFixed(3)).toBe("7.310");
    expect(D("-0.5").toFixed(2)).toBe("-0.50");
    expect(D("3").toFixed(0)).toBe("3");
    expect(D("0.001").toFixed(4)).toBe("0.0010");
    expect(D("7.3125").toFixed(3, "half-up")).toBe("7.313");
    expect(D("7.3125").toFixed(3, "half-even")).toBe("7.312");
    expect(D("-0.0004").toFixed(3, "half-up")).toBe("0.000");
    expect(D("-1.5").toFixed(0, "half-up")).toBe("-2");
    expect(() => D("7.3125").toFixed(3)).toThrow(DecimalError);
    expect(() => D("1").toFixed(-1)).toThrow(DecimalError);
  });

  it("serialises to JSON as a string and refuses numeric coercion", () => {
    expect(JSON.stringify({ p: D("1.50") })).toBe('{"p":"1.5"}');
    expect(`${D("2.50")}`).toBe("2.5");
    expect(String(D("-3"))).toBe("-3");
    const a = D("1") as unknown as number;
    const b = D("2") as unknown as number;
    expect(() => a < b).toThrow(TypeError);
    expect(() => a + b).toThrow(TypeError);
  });
});

describe("arithmetic", () => {
  it("adds, subtracts and multiplies exactly", () => {
    expect(D("0.1").add(D("0.2")).toString()).toBe("0.3");
    expect(D("1.005").sub(D("2")).toString()).toBe("-0.995");
    expect(D("0.01").mul(D("1000")).toString()).toBe("10");
    expect(D("-1.5").mul(D("-1.5")).toString()).toBe("2.25");
    expect(D("99999999999999999999.99").add(D("0.01")).toString()).toBe("100000000000000000000");
    expect(Decimal.sum([D("1.1"), D("2.2"), D("-0.3")]).toString()).toBe("3");
    expect(Decimal.sum([]).toString()).toBe("0");
  });

  it("neg, abs, sign, isZero, min, max, comparisons", () => {
    expect(D("-2.5").abs().toString()).toBe("2.5");
    expect(D("2.5").neg().toString()).toBe("-2.5");
    expect([D("-0.001").sign(), D("0").sign(), D("0.001").sign()]).toEqual([-1, 0, 1]);
    expect(Decimal.fromParts(0n, 3).isZero()).toBe(true);
    expect(D("1.5").min(D("1.49")).toString()).toBe("1.49");
    expect(D("-1.5").max(D("-1.49")).toString()).toBe("-1.49");
    expect(D("1.50").eq(D("1.5"))).toBe(true);
    expect(D("1.5").cmp(D("1.05"))).toBe(1);
    expect(D("-1.5").lt(D("-1.05"))).toBe(true);
    expect(D("2").lte(D("2.0")) && D("2").gte(D("2.00")) && !D("2").gt(D("2"))).toBe(true);
    const sorted = ["3", "-1", "2.5", "0", "-1.01"].map(D).sort(Decimal.compare).map(String);
    expect(sorted).toEqual(["-1.01", "-1", "0", "2.5", "3"]);
  });

  it("add/sub are inverse, add and mul commute, mul distributes", () => {
    fc.assert(
      fc.property(arbDecimal, arbDecimal, arbDecimal, (a, b, c) => {
        expect(a.add(b).sub(b).eq(a)).toBe(true);
        expect(a.sub(b).add(b).eq(a)).toBe(true);
        expect(a.add(b).eq(b.add(a))).toBe(true);
        expect(a.mul(b).eq(b.mul(a))).toBe(true);
        expect(a.mul(b.add(c)).eq(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.sub(b).eq(a.add(b.neg()))).toBe(true);
      }),
    );
  });

  it("cmp agrees with subtraction and with scaled integers", () => {
    fc.assert(
      fc.property(arbDecimal, arbDecimal, (a, b) => {
        expect(a.cmp(b)).toBe(a.sub(b).sign());
        const s = Math.max(a.scale, b.scale);
        const x = a.toScaled(s)!;
        const y = b.toScaled(s)!;
        expect(a.cmp(b)).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
    );
  });

  it("toScaled, rescale and normalize", () => {
    expect(D("1.25").toScaled(4)).toBe(12500n);
    expect(D("1.25").toScaled(1)).toBeUndefined();
    expect(Decimal.fromParts(12500n, 4).toScaled(2)).toBe(125n);
    expect(D("1.25").rescale(3)?.coefficient).toBe(1250n);
    expect(Decimal.fromParts(12500n, 4).normalize()).toEqual(Decimal.fromParts(125n, 2));
    expect(Decimal.fromParts(0n, 4).normalize()).toEqual(Decimal.ZERO);
    expect(D("1000").normalize().scale).toBe(0);
    expect(D("2.000").isInteger() && Decimal.fromParts(200n, 2).isInteger() && !D("2.5").isInteger()).toBe(true);
    expect(D("1.5").scaleByPowerOfTen(6).toString()).toBe("1500000");
    expect(D("1.5").scaleByPowerOfTen(-6).toString()).toBe("0.0000015");
    expect(D("0.000001").scaleByPowerOfTen(6).toString()).toBe("1");
  });

  it("fromParts and fromInteger validate their inputs", () => {
    expect(() => Decimal.fromParts(1n, -1)).toThrow(DecimalError);
    expect(() => Decimal.fromParts(1n, 1.5)).toThrow(DecimalError);
    expect(Decimal.fromInteger(12).toString()).toBe("12");
    expect(() => Decimal.fromInteger(0.1)).toThrow(DecimalError);
    expect(() => Decimal.fromInteger(2 ** 53)).toThrow(DecimalError);
  });
});

describe("division", () => {
  it("divides to an explicit scale with an explicit mode", () => {
    expect(D("1").div(D("3"), 4, "half-up").toString()).toBe("0.3333");
    expect(D("2").div(D("3"), 4, "half-up").toString()).toBe("0.6667");
    expect(D("2").div(D("3"), 4, "down").toString()).toBe("0.6666");
    expect(D("-2").div(D("3"), 4, "down").toString()).toBe("-0.6666");
    expect(D("-2").div(D("3"), 4, "floor").toString()).toBe("-0.6667");
    expect(D("1").div(D("-8"), 2, "half-even").toString()).toBe("-0.12");
    expect(D("1").div(D("-8"), 2, "half-up").toString()).toBe("-0.13");
    expect(D("100").div(D("0.3"), 0, "half-up").toString()).toBe("333");
    expect(D("0.125").div(D("1000"), 2, "half-up").toString()).toBe("0");
    expect(D("1250").div(D("1000"), 0, "half-even").toString()).toBe("1");
    expect(D("1").div(D("8"), 2, "half-toward-reference", D("0.13")).toString()).toBe("0.13");
    expect(D("1").div(D("8"), 2, "half-toward-reference", D("0.12")).toString()).toBe("0.12");
    expect(() => D("1").div(D("8"), 2, "half-toward-reference")).toThrow(DecimalError);
    expect(() => D("1").div(D("0"), 2, "half-up")).toThrow(/zero/);
  });

  it("division agrees with rounding the exact quotient when it terminates", () => {
    fc.assert(
      fc.property(arbDecimal, arbSmall, fc.integer({ min: 0, max: 8 }), arbMode, (a, b, scale, mode) => {
        fc.pre(!b.isZero());
        const exact = a.divExact(b);
        fc.pre(exact !== undefined);
        const ref = D("1234.5");
        expect(a.div(b, scale, mode, ref).eq(roundToIncrement(exact!, Decimal.fromParts(1n, scale), mode, ref))).toBe(true);
      }),
    );
  });

  it("division with floor brackets the exact quotient", () => {
    fc.assert(
      fc.property(arbDecimal, arbSmall, fc.integer({ min: 0, max: 8 }), (a, b, scale) => {
        fc.pre(!b.isZero());
        const ulp = Decimal.fromParts(1n, scale);
        const q = a.div(b, scale, "floor");
        // q·b ≤ a < (q + ulp)·b for b > 0, reversed for b < 0.
        const lo = q.mul(b);
        const hi = q.add(ulp).mul(b);
        if (b.isPositive()) expect(lo.lte(a) && a.lt(hi)).toBe(true);
        else expect(hi.lt(a) && a.lte(lo)).toBe(true);
      }),
    );
  });

  it("divExact returns terminating quotients only", () => {
    expect(D("1").divExact(D("8"))?.toString()).toBe("0.125");
    expect(D("1").divExact(D("3"))).toBeUndefined();
    expect(D("3").divExact(D("0.3"))?.toString()).toBe("10");
    expect(D("1").divExact(D("0.000001"))?.toString()).toBe("1000000");
    expect(D("-1").divExact(D("2.5"))?.toString()).toBe("-0.4");
    fc.assert(
      fc.property(arbDecimal, arbSmall, (a, b) => {
        fc.pre(!b.isZero());
        const q = a.divExact(b);
        if (q !== undefined) expect(q.mul(b).eq(a)).toBe(true);
      }),
    );
  });
});

describe("rounding: DOMAIN.md §7 and named modes", () => {
  it("DOMAIN.md examples", () => {
    expect(round("7.3125", "0.001", "half-up")).toBe("7.313");
    expect(round("7.3125", "0.001", "half-even")).toBe("7.312");
    expect(round("3.4445", "0.001", "half-up")).toBe("3.445");
    expect(round("3.4445", "0.001", "half-even")).toBe("3.444");
  });

  it("negative values: half-up is away from zero, down toward zero, floor toward −∞", () => {
    expect(round("-7.3125", "0.001", "half-up")).toBe("-7.313");
    expect(round("-7.3125", "0.001", "half-down")).toBe("-7.312");
    expect(round("-7.3125", "0.001", "half-even")).toBe("-7.312");
    expect(round("-3.4445", "0.001", "half-even")).toBe("-3.444");
    expect(round("-7.3121", "0.001", "up")).toBe("-7.313");
    expect(round("-7.3129", "0.001", "down")).toBe("-7.312");
    expect(round("-7.3121", "0.001", "floor")).toBe("-7.313");
    expect(round("-7.3129", "0.001", "ceiling")).toBe("-7.312");
    expect(round("-0.0004", "0.001", "half-up")).toBe("0");
    expect(round("-0.0005", "0.001", "half-up")).toBe("-0.001");
  });

  it("every mode on the classic table (increment 1)", () => {
    const table: [string, Record<Exclude<RoundingMode, "half-toward-reference">, string>][] = [
      ["5.5", { "half-up": "6", "half-down": "5", "half-even": "6", down: "5", up: "6", floor: "5", ceiling: "6" }],
      ["2.5", { "half-up": "3", "half-down": "2", "half-even": "2", down: "2", up: "3", floor: "2", ceiling: "3" }],
      ["1.6", { "half-up": "2", "half-down": "2", "half-even": "2", down: "1", up: "2", floor: "1", ceiling: "2" }],
      ["1.1", { "half-up": "1", "half-down": "1", "half-even": "1", down: "1", up: "2", floor: "1", ceiling: "2" }],
      ["1.0", { "half-up": "1", "half-down": "1", "half-even": "1", down: "1", up: "1", floor: "1", ceiling: "1" }],
      ["-1.0", { "half-up": "-1", "half-down": "-1", "half-even": "-1", down: "-1", up: "-1", floor: "-1", ceiling: "-1" }],
      ["-1.1", { "half-up": "-1", "half-down": "-1", "half-even": "-1", down: "-1", up: "-2", floor: "-2", ceiling: "-1" }],
      ["-1.6", { "half-up": "-2", "half-down": "-2", "half-even": "-2", down: "-1", up: "-2", floor: "-2", ceiling: "-1" }],
      ["-2.5", { "half-up": "-3", "half-down": "-2", "half-even": "-2", down: "-2", up: "-3", floor: "-3", ceiling: "-2" }],
      ["-5.5", { "half-up": "-6", "half-down": "-5", "half-even": "-6", down: "-5", up: "-6", floor: "-6", ceiling: "-5" }],
    ];
    for (const [x, byMode] of table) {
      for (const [mode, expected] of Object.entries(byMode)) {
        expect(round(x, "1", mode as RoundingMode), `${x} ${mode}`).toBe(expected);
      }
    }
  });

  it("non-decimal increments: 0.005, 0.25, 5, 12.5", () => {
    expect(round("7.3125", "0.005", "half-up")).toBe("7.315");
    expect(round("7.3125", "0.005", "half-even")).toBe("7.31");
    expect(round("7.3125", "0.005", "down")).toBe("7.31");
    expect(round("10.125", "0.25", "half-even")).toBe("10");
    expect(round("10.375", "0.25", "half-even")).toBe("10.5");
    expect(round("-10.125", "0.25", "half-up")).toBe("-10.25");
    expect(round("27.5", "5", "half-up")).toBe("30");
    expect(round("27.5", "5", "half-even")).toBe("30"); // 5 × 6: 6 is even
    expect(round("22.5", "5", "half-even")).toBe("20"); // 5 × 4
    expect(round("-22.5", "5", "half-even")).toBe("-20");
    expect(round("18.75", "12.5", "half-even")).toBe("25"); // 12.5 × 2
    expect(round("31.25", "12.5", "half-even")).toBe("25"); // 12.5 × 2
    expect(round("7.3", "0.01", "up")).toBe("7.3");
  });

  it("the result carries the increment's scale and is a multiple of it", () => {
    const r = roundToIncrement(D("7.3125"), D("0.010"), "half-up");
    expect(r.scale).toBe(2);
    expect(r.coefficient).toBe(731n);
    expect(isMultipleOf(r, D("0.01"))).toBe(true);
  });

  it("half-toward-reference: ties go toward the reference, others round to nearest", () => {
    expect(round("7.3125", "0.001", "half-toward-reference", "7.40")).toBe("7.313");
    expect(round("7.3125", "0.001", "half-toward-reference", "7.00")).toBe("7.312");
    expect(round("7.3125", "0.001", "half-toward-reference", "7.313")).toBe("7.313");
    expect(round("7.3125", "0.001", "half-toward-reference", "7.312")).toBe("7.312");
    expect(round("-7.3125", "0.001", "half-toward-reference", "0")).toBe("-7.312");
    expect(round("-7.3125", "0.001", "half-toward-reference", "-8")).toBe("-7.313");
    // Not a tie: the reference is ignored, and is not needed.
    expect(round("7.3126", "0.001", "half-toward-reference", "7.00")).toBe("7.313");
    expect(round("7.3124", "0.001", "half-toward-reference")).toBe("7.312");
    expect(round("7.313", "0.001", "half-toward-reference")).toBe("7.313");
  });

  it("half-toward-reference ties without a usable reference are errors", () => {
    expect(() => round("7.3125", "0.001", "half-toward-reference")).toThrow(DecimalError);
    try {
      round("7.3125", "0.001", "half-toward-reference");
    } catch (e) {
      expect((e as DecimalError).kind).toBe("tie-without-reference");
    }
    expect(tryRoundToIncrement(D("7.3125"), D("0.001"), "half-toward-reference")).toEqual({
      ok: false,
      error: { kind: "tie-without-reference", value: "7.3125", increment: "0.001" },
    });
    expect(tryRoundToIncrement(D("7.3125"), D("0.001"), "half-toward-reference", D("7.3125"))).toEqual({
      ok: false,
      error: { kind: "reference-at-tie", value: "7.3125", increment: "0.001" },
    });
    const ok = tryRoundToIncrement(D("7.3125"), D("0.001"), "half-toward-reference", D("8"));
    expect(ok.ok && ok.value.toString()).toBe("7.313");
  });

  it("rejects non-positive increments and unknown modes", () => {
    expect(() => round("1", "0", "half-up")).toThrow(DecimalError);
    expect(() => round("1", "-0.01", "half-up")).toThrow(DecimalError);
    expect(() => isMultipleOf(D("1"), D("0"))).toThrow(DecimalError);
    expect(() => round("1.5", "1", "nearest" as RoundingMode)).toThrow(/unknown rounding mode/);
    expect(isRoundingMode("half-even")).toBe(true);
    expect(isRoundingMode("half_even")).toBe(false);
  });

  it("roundToScale and isMultipleOf", () => {
    expect(D("7.3125").roundToScale(3, "half-even").toString()).toBe("7.312");
    expect(D("7.3").roundToScale(3, "half-even").toString()).toBe("7.3");
    expect(isMultipleOf(D("7.315"), D("0.005"))).toBe(true);
    expect(isMultipleOf(D("7.3125"), D("0.005"))).toBe(false);
    expect(isMultipleOf(D("-25"), D("12.5"))).toBe(true);
    expect(isMultipleOf(D("0"), D("0.25"))).toBe(true);
    expect(D("1000").isMultipleOf(D("0.001"))).toBe(true);
  });
});

/** floor(a / b) for bigints with b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/**
 * Reference rounding by candidates: the two neighbouring multiples lo·inc ≤ x < (lo+1)·inc on a common
 * scale, then the mode's rule stated in words (nearest; ties by magnitude, parity or reference).
 */
function referenceRound(x: Decimal, inc: Decimal, mode: RoundingMode, ref: Decimal | undefined): string {
  const s = Math.max(x.scale, inc.scale, ref?.scale ?? 0);
  const X = x.toScaled(s)!;
  const I = inc.toScaled(s)!;
  const lo = floorDiv(X, I);
  const hi = lo + 1n;
  const pick = (n: bigint) => Decimal.fromParts(n * I, s).toString();
  if (lo * I === X) return pick(lo);
  const abs = (n: bigint) => (n < 0n ? -n : n);
  const towardZero = abs(lo) < abs(hi) ? lo : hi;
  const awayFromZero = towardZero === lo ? hi : lo;
  switch (mode) {
    case "floor":
      return pick(lo);
    case "ceiling":
      return pick(hi);
    case "down":
      return pick(towardZero);
    case "up":
      return pick(awayFromZero);
  }
  const dLo = X - lo * I;
  const dHi = hi * I - X;
  if (dLo < dHi) return pick(lo);
  if (dHi < dLo) return pick(hi);
  switch (mode) {
    case "half-up":
      return pick(awayFromZero);
    case "half-down":
      return pick(towardZero);
    case "half-even":
      return pick(lo % 2n === 0n ? lo : hi);
    case "half-toward-reference": {
      const R = ref!.toScaled(s)!;
      return pick(R > X ? hi : lo);
    }
  }
}

/** Reference half-even to k places on the digit string, the way it is done by hand. */
function handHalfEven(x: Decimal, k: number): string {
  const negative = x.isNegative();
  const s = x.abs().toFixed(Math.max(x.scale, k) + 1);
  const [intPart, frac = ""] = s.split(".");
  const kept = intPart! + frac.slice(0, k);
  const dropped = frac.slice(k);
  let n = BigInt(kept);
  const first = dropped.charCodeAt(0) - 48;
  const restNonZero = /[1-9]/.test(dropped.slice(1));
  if (first > 5 || (first === 5 && (restNonZero || n % 2n === 1n))) n += 1n;
  return Decimal.fromParts(negative ? -n : n, k).toString();
}

describe("rounding properties", () => {
  it("the result is a multiple of the increment", () => {
    fc.assert(
      fc.property(arbDecimal, arbIncrement, (x, inc) => {
        for (const mode of ROUNDING_MODES) {
          const r = roundToIncrement(x, inc, mode, x.add(inc));
          expect(isMultipleOf(r, inc)).toBe(true);
        }
      }),
    );
  });

  it("|x − round(x)| ≤ increment/2 for half modes, < increment for directed modes, and directions hold", () => {
    fc.assert(
      fc.property(arbSmall, arbIncrement, (x, inc) => {
        const half = inc.div(D("2"), inc.scale + 1, "down");
        for (const mode of ROUNDING_MODES) {
          const r = roundToIncrement(x, inc, mode, D("0"));
          const err = x.sub(r).abs();
          if (mode.startsWith("half-")) expect(err.lte(half)).toBe(true);
          else expect(err.lt(inc)).toBe(true);
          if (mode === "floor") expect(r.lte(x)).toBe(true);
          if (mode === "ceiling") expect(r.gte(x)).toBe(true);
          if (mode === "down") expect(r.abs().lte(x.abs()) && r.sign() * x.sign() >= 0).toBe(true);
          if (mode === "up") expect(r.abs().gte(x.abs())).toBe(true);
        }
      }),
    );
  });

  it("rounding is idempotent and symmetric where the mode is", () => {
    fc.assert(
      fc.property(arbSmall, arbIncrement, arbMode, (x, inc, mode) => {
        const ref = x.add(inc);
        const r = roundToIncrement(x, inc, mode, ref);
        expect(roundToIncrement(r, inc, mode).eq(r)).toBe(true);
        const mirrored: Partial<Record<RoundingMode, RoundingMode>> = {
          "half-up": "half-up",
          "half-down": "half-down",
          "half-even": "half-even",
          down: "down",
          up: "up",
          floor: "ceiling",
          ceiling: "floor",
          "half-toward-reference": "half-toward-reference",
        };
        const m = mirrored[mode]!;
        expect(roundToIncrement(x.neg(), inc, m, ref.neg()).eq(r.neg())).toBe(true);
      }),
    );
  });

  it("all modes agree with the candidate-based reference implementation", () => {
    fc.assert(
      fc.property(arbSmall, arbIncrement, arbSmall, (x, inc, ref) => {
        for (const mode of ROUNDING_MODES) {
          const t = tryRoundToIncrement(x, inc, mode, ref);
          if (!t.ok) {
            expect(t.error.kind).toBe("reference-at-tie");
            expect(ref.eq(x)).toBe(true);
            continue;
          }
          expect(t.value.toString(), `${x} to ${inc} ${mode} ref ${ref}`).toBe(referenceRound(x, inc, mode, ref));
        }
      }),
    );
  });

  it("half-even agrees with rounding by hand on the digit string", () => {
    fc.assert(
      fc.property(arbDecimal, fc.integer({ min: 0, max: 6 }), (x, k) => {
        expect(roundToIncrement(x, Decimal.fromParts(1n, k), "half-even").toString()).toBe(handHalfEven(x, k));
        expect(x.roundToScale(k, "half-even").toString()).toBe(handHalfEven(x, k));
      }),
    );
  });

  it("half-even on scaled integers: n/10 rounds to the even neighbour on ties", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (n) => {
        // n tenths to an integer: the reference works on the integer and its last digit alone.
        const q = n / 10n;
        const last = n % 10n; // same sign as n
        const d = last < 0n ? -last : last;
        const away = n < 0n ? q - 1n : q + 1n;
        const expected = d > 5n || (d === 5n && q % 2n !== 0n) ? away : q;
        expect(roundToIncrement(Decimal.fromParts(n, 1), Decimal.ONE, "half-even").coefficient).toBe(expected);
      }),
    );
  });

  it("isMultipleOf agrees with rounding", () => {
    fc.assert(
      fc.property(arbSmall, arbIncrement, (x, inc) => {
        expect(isMultipleOf(x, inc)).toBe(roundToIncrement(x, inc, "down").eq(x));
      }),
    );
  });
});
