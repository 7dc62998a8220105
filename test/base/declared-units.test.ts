/**
 * Declared units beside the registry's (base/units.ts), as rulebooks state them:
 * - CME E-mini S&P 500 (CME Rulebook Chapter 358, cmegroup.com contract specifications): "Contract Unit $50 x S&P 500
 *   Index"; "Minimum Price Fluctuation 0.25 index points = $12.50".
 * - Eurex FDAX (DAX Futures product specification, eurex.com): "Contract value EUR 25 per index point of the underlying".
 * - Coinbase Derivatives Nano Solana futures (coinbase.com contract specifications): a contract of 5 SOL; "500 SOL"
 *   written as a quantity of a declared asset.
 */
import { describe, expect, it } from "vitest";
import {
  conversionFactor,
  format,
  isBuiltInUnitWord,
  isMoney,
  multiply,
  resolveUnitText,
  type Unit,
  type UnitVocabulary,
} from "../../src/base/units.js";

const vocabulary: UnitVocabulary = [
  { name: "point", kind: "unit" },
  { name: "SOL", kind: "asset" },
];

function unit(text: string, v: UnitVocabulary = vocabulary): Unit {
  const r = resolveUnitText(text, v);
  if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.error)}`);
  return r.value;
}

describe("declared units", () => {
  it("reads an index point as a dimension of its own, singular or plural", () => {
    expect(unit("point").dims).toEqual({ "unit:point": 1 });
    expect(unit("points")).toEqual(unit("point"));
    expect(format(unit("points"))).toBe("point");
  });

  it("makes USD 50 per index point times a price in points an amount of USD (CME: $50 x the index)", () => {
    const contractValue = unit("USD per point");
    expect(contractValue.dims).toEqual({ "money:USD": 1, "unit:point": -1 });
    expect(format(contractValue)).toBe("USD per point");
    expect(isMoney(multiply(unit("point"), contractValue))).toBe(true);
    // EUR 25 per index point (Eurex FDAX) is not convertible to USD per point: currencies are dimensions.
    expect(conversionFactor(unit("EUR per point"), contractValue).ok).toBe(false);
  });

  it("reads a declared asset like BTC: 500 SOL, USD per SOL, plural the name", () => {
    expect(unit("SOL").dims).toEqual({ "asset:SOL": 1 });
    expect(format(unit("1000 SOL"))).toBe("1K SOL");
    expect(format(unit("USD per SOL"))).toBe("USD per SOL");
    expect(isMoney(multiply(unit("USD per SOL"), unit("SOL")))).toBe(true);
  });

  it("keeps an undeclared word unknown, with did-you-mean candidates over built-in and declared words", () => {
    const r = resolveUnitText("pionts", vocabulary);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === "unknown-unit") {
      expect(r.error.candidates).toContain("points");
      expect(r.error.candidates).toContain("USD");
    }
    expect(resolveUnitText("point").ok).toBe(false);
  });

  it("knows the built-in unit and scale words a declaration may not take", () => {
    expect(isBuiltInUnitWord("BTC")).toBe(true);
    expect(isBuiltInUnitWord("million")).toBe(true);
    expect(isBuiltInUnitWord("point")).toBe(false);
  });
});
