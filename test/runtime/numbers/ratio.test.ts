/**
 * How a ratio prints: a terminating decimal as itself, any other as a decimal with its repeating digits in
 * parentheses, or its first decimals and `…` when the repetition starts later — never a fraction such as
 * `202300/3` (issue 15: a certificate is read by people who do not read fractions of integers).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_SHOWN_DECIMALS, Ratio } from "../../../src/runtime/numbers/ratio.js";

/** The exact value of `I.F(R)` or `I.F` as a ratio (the inverse of the printing, by the textbook formula). */
function parseRepeating(text: string): Ratio {
  const m = /^(-?)(\d+)\.(\d*)\((\d+)\)$/.exec(text);
  if (m === null) return Ratio.parse(text);
  const [, sign, whole, fixed, rep] = m as unknown as [string, string, string, string, string];
  const base = Ratio.parse(`${whole}.${fixed}0`);
  const ten = 10n ** BigInt(fixed.length);
  const repeat = Ratio.of(BigInt(rep), (10n ** BigInt(rep.length) - 1n) * ten);
  const v = base.add(repeat);
  return sign === "-" ? v.neg() : v;
}

describe("Ratio.toString", () => {
  it.each([
    [202300n, 3n, "67433.(3)"],
    [4n, 3n, "1.(3)"],
    [1n, 6n, "0.1(6)"],
    [-1n, 7n, "-0.(142857)"],
    [22n, 7n, "3.(142857)"],
    [1n, 3072n, "0.0003255208(3)"],
    [304001n, 3000n, "101.333(6)"],
    [7n, 8n, "0.875"],
  ])("%s/%s is %s", (n, d, text) => expect(Ratio.of(n, d).toString()).toBe(text));

  it("shows the first decimals and an ellipsis when the repetition starts too late to show", () => {
    // 1/97 repeats with a period of 96 digits.
    const t = Ratio.of(1n, 97n).toString();
    expect(t).toBe("0.010309278350515463917525773195…");
    expect(t.length).toBe("0.".length + MAX_SHOWN_DECIMALS + 1);
  });

  it("never prints a fraction, and a repeating decimal it prints is the exact value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const r = Ratio.of(n, d);
        const t = r.toString();
        expect(t).not.toContain("/");
        if (!t.endsWith("…")) expect(parseRepeating(t).eq(r)).toBe(true);
      }),
      { seed: 15, numRuns: 2000 },
    );
  });
});
