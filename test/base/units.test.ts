/**
 * Tests of unit resolution and dimensional algebra: the contract checks of DOMAIN.md §5 (tick × contract unit
 * is money per tick; a tick must be in the price's unit), exact conversion factors, canonical names, and
 * error values for unknown words and unusable scales.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DIMENSIONLESS,
  KNOWN_UNIT_WORDS,
  baseUnit,
  conversionFactor,
  convertAmount,
  divide,
  equalDimension,
  format,
  isCurrency,
  isDimensionless,
  isMoney,
  multiply,
  resolveUnit,
  resolveUnitText,
  sameUnit,
  type Unit,
  type UnitDescription,
  type UnitResult,
} from "../../src/base/units.js";
import { Decimal } from "../../src/runtime/numbers/decimal.js";

function must<T>(r: UnitResult<T>): T {
  if (!r.ok) throw new Error(`unexpected unit error: ${JSON.stringify(r.error)}`);
  return r.value;
}
const U = (text: string): Unit => must(resolveUnitText(text));
const D = (s: string) => Decimal.of(s);

describe("resolveUnit", () => {
  it("resolves the units of DOMAIN.md §5", () => {
    expect(must(resolveUnit({ numerator: { name: "USD" }, denominator: { name: "tokens", scale: "1000000" } }))).toEqual({
      money: "USD",
      dims: { "money:USD": 1, tokens: -1 },
      factor: "0.000001",
    });
    expect(must(resolveUnit({ numerator: { name: "million tokens", scale: "1000" } }))).toEqual({
      dims: { tokens: 1 },
      factor: "1000000000",
    });
    expect(must(resolveUnit({ numerator: { name: "USD" }, denominator: { name: "GPU-hour" } }))).toEqual({
      money: "USD",
      dims: { "money:USD": 1, "gpu-time": -1 },
      factor: "1",
    });
    expect(must(resolveUnit({ numerator: { name: "USD" }, denominator: { name: "BTC" } })).dims).toEqual({
      "money:USD": 1,
      "asset:BTC": -1,
    });
    expect(must(resolveUnit({ numerator: { name: "BTC", scale: "5" } }))).toEqual({ dims: { "asset:BTC": 1 }, factor: "5" });
    expect(must(resolveUnit({ numerator: { name: "GPU-hours", scale: "1000" } }))).toEqual({ dims: { "gpu-time": 1 }, factor: "1000" });
    expect(must(resolveUnit({ numerator: { name: "EUR" }, denominator: { name: "MWh" } })).dims).toEqual({ "money:EUR": 1, energy: -1 });
    expect(must(resolveUnit({ numerator: { name: "contracts" } })).dims).toEqual({ contracts: 1 });
  });

  it("singular and plural, scale words and compact scales are interchangeable", () => {
    const forms: UnitDescription[] = [
      { numerator: { name: "USD" }, denominator: { name: "tokens", scale: "1000000" } },
      { numerator: { name: "USD" }, denominator: { name: "token", scale: "1000000" } },
      { numerator: { name: "USD" }, denominator: { name: "tokens", scale: "1M" } },
      { numerator: { name: "USD" }, denominator: { name: "million tokens" } },
      { numerator: { name: "USD" }, denominator: { name: "million  token" } },
      { numerator: { name: "USD" }, denominator: { name: "thousand tokens", scale: "1000" } },
      { numerator: { name: "USD" }, denominator: { name: "thousand thousand tokens" } },
      { numerator: { name: "USD" }, denominator: { name: "tokens", scale: "1_000_000" } },
    ];
    const first = must(resolveUnit(forms[0]!));
    for (const f of forms) expect(must(resolveUnit(f)), JSON.stringify(f)).toEqual(first);
    expect(must(resolveUnit({ numerator: { name: "billion tokens" } })).factor).toBe("1000000000");
    expect(must(resolveUnit({ numerator: { name: "tokens", scale: "1B" } })).factor).toBe("1000000000");
    expect(must(resolveUnit({ numerator: { name: "tokens", scale: "1K" } })).factor).toBe("1000");
  });

  it("registers the required currencies", () => {
    for (const code of ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "CNY", "HKD", "SGD", "KRW", "INR"]) {
      expect(isCurrency(code), code).toBe(true);
      expect(isMoney(baseUnit(code))).toBe(true);
      expect(baseUnit(code).money).toBe(code);
    }
    expect(isCurrency("BTC")).toBe(false);
    expect(isCurrency("XYZ")).toBe(false);
  });

  it("unknown words fail with the word, its position and the known words as candidates", () => {
    const r = resolveUnit({ numerator: { name: "USD" }, denominator: { name: "tokenz", scale: "1000000" } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: "unknown-unit", word: "tokenz", side: "denominator", wordIndex: 0 });
    const candidates = r.error.kind === "unknown-unit" ? r.error.candidates : [];
    expect(candidates).toContain("tokens");
    expect(candidates).toContain("token");
    expect(candidates).toContain("GPU-hour");
    expect(candidates).toContain("USD");
    expect(candidates).toContain("million");
    expect(candidates).toEqual(KNOWN_UNIT_WORDS);
    expect([...candidates]).toEqual([...candidates].sort());

    const lower = resolveUnit({ numerator: { name: "usd" } });
    expect(!lower.ok && lower.error).toMatchObject({ kind: "unknown-unit", word: "usd", side: "numerator" });
    const second = resolveUnit({ numerator: { name: "USD" }, denominator: { name: "million output tokens" } });
    expect(!second.ok && second.error).toMatchObject({ kind: "unknown-unit", word: "output", wordIndex: 1 });
  });

  it("rejects extra words, missing names and unusable scales", () => {
    const cases: [UnitDescription, object][] = [
      [{ numerator: { name: "USD tokens" } }, { kind: "unexpected-word", word: "tokens", side: "numerator", wordIndex: 1 }],
      [{ numerator: { name: "tokens million" } }, { kind: "unexpected-word", word: "million", wordIndex: 1 }],
      [{ numerator: { name: "million" } }, { kind: "missing-unit-name", side: "numerator" }],
      [{ numerator: { name: "  " } }, { kind: "missing-unit-name", side: "numerator" }],
      [
        { numerator: { name: "USD" }, denominator: { name: "tokens", scale: "0" } },
        { kind: "invalid-scale", side: "denominator", reason: "not-positive" },
      ],
      [
        { numerator: { name: "USD" }, denominator: { name: "tokens", scale: "-5" } },
        { kind: "invalid-scale", reason: "not-positive" },
      ],
      [
        { numerator: { name: "USD" }, denominator: { name: "tokens", scale: "1e6" } },
        { kind: "invalid-scale", reason: "malformed" },
      ],
      [
        { numerator: { name: "USD" }, denominator: { name: "tokens", scale: "3" } },
        { kind: "invalid-scale", reason: "not-invertible" },
      ],
      [{ numerator: { name: "GPU-hours", scale: "1.2" } }, { kind: "invalid-scale", reason: "not-invertible" }],
    ];
    for (const [d, error] of cases) {
      const r = resolveUnit(d);
      expect(r.ok, JSON.stringify(d)).toBe(false);
      if (!r.ok) expect(r.error, JSON.stringify(d)).toMatchObject(error);
    }
    // Powers of 2 and 5 are fine: their reciprocals terminate.
    expect(must(resolveUnit({ numerator: { name: "USD" }, denominator: { name: "tokens", scale: "250" } })).factor).toBe("0.004");
    expect(must(resolveUnit({ numerator: { name: "tokens", scale: "0.5" } })).factor).toBe("0.5");
  });
});

describe("contract checks (DOMAIN.md §5)", () => {
  it("tick 0.01 USD per 1M tokens × contract unit 1000 million tokens = 10 USD per tick", () => {
    const tickUnit = must(resolveUnit({ numerator: { name: "USD" }, denominator: { name: "tokens", scale: "1000000" } }));
    const contractUnit = must(resolveUnit({ numerator: { name: "million tokens" } }));
    const product = multiply(tickUnit, contractUnit);
    expect(product).toEqual({ money: "USD", dims: { "money:USD": 1 }, factor: "1" });
    expect(isMoney(product)).toBe(true);
    const tickValue = must(convertAmount(D("0.01").mul(D("1000")), product, baseUnit("USD")));
    expect(tickValue.toString()).toBe("10");
    // One contract at an index of 7.3125 is worth 7312.5 USD.
    expect(must(convertAmount(D("7.3125").mul(D("1000")), product, baseUnit("USD"))).toString()).toBe("7312.5");
  });

  it("5 BTC quoted in USD per BTC: tick 5 USD per BTC is worth 25 USD", () => {
    const price = U("USD per BTC");
    const product = multiply(price, U("BTC"));
    expect(isMoney(product) && product.money).toBe("USD");
    expect(must(convertAmount(D("5").mul(D("5")), product, baseUnit("USD"))).toString()).toBe("25");
  });

  it("1000 GPU-hours quoted in USD per GPU-hour", () => {
    const product = multiply(U("USD per GPU-hour"), U("GPU-hours"));
    expect(must(convertAmount(D("0.005").mul(D("1000")), product, baseUnit("USD"))).toString()).toBe("5");
  });

  it("a tick in USD per GPU-hour against a price in USD per 1M tokens is a dimension mismatch", () => {
    const tick = U("USD per GPU-hour");
    const price = U("USD per 1M tokens");
    expect(equalDimension(tick, price)).toBe(false);
    expect(conversionFactor(tick, price)).toEqual({
      ok: false,
      error: { kind: "dimension-mismatch", from: "USD per GPU-hour", to: "USD per 1M tokens" },
    });
    expect(isMoney(multiply(tick, U("million tokens")))).toBe(false);
  });

  it("different currencies are different dimensions", () => {
    expect(equalDimension(U("USD per 1M tokens"), U("EUR per 1M tokens"))).toBe(false);
    const fx = U("USD per EUR");
    expect(fx.money).toBeUndefined();
    expect(fx.dims).toEqual({ "money:EUR": -1, "money:USD": 1 });
  });

  it("a tick in the price's dimension but another scale converts exactly", () => {
    const tick = U("USD per token");
    const price = U("USD per 1M tokens");
    expect(equalDimension(tick, price)).toBe(true);
    expect(sameUnit(tick, price)).toBe(false);
    expect(conversionFactor(tick, price)).toEqual({ ok: true, value: "1000000" });
    expect(conversionFactor(price, tick)).toEqual({ ok: true, value: "0.000001" });
    expect(conversionFactor(U("USD per 1K tokens"), price)).toEqual({ ok: true, value: "1000" });
    expect(must(convertAmount(D("0.00000125"), tick, price)).toString()).toBe("1.25");
    expect(sameUnit(U("USD per 1000000 tokens"), price)).toBe(true);
    expect(sameUnit(U("USD per million tokens"), price)).toBe(true);
  });
});

describe("algebra", () => {
  it("divide is the inverse of multiply, and u / u is dimensionless", () => {
    const a = U("USD per 1M tokens");
    const b = U("1000 million tokens");
    expect(sameUnit(divide(multiply(a, b), b), a)).toBe(true);
    expect(divide(a, a)).toEqual(DIMENSIONLESS);
    expect(isDimensionless(divide(U("tokens"), U("1M tokens")))).toBe(true);
    expect(divide(U("tokens"), U("1M tokens")).factor).toBe("0.000001");
  });

  it("multiply and divide keep factors exact and dimensions sorted", () => {
    const arbText = fc.constantFrom(
      "USD",
      "USD per 1M tokens",
      "USD per token",
      "USD per 250K tokens",
      "EUR per MWh",
      "1000 million tokens",
      "5 BTC",
      "USD per GPU-hour",
      "0.5 ETH",
      "2.5 contracts",
      "tokens per GPU-hour",
    );
    fc.assert(
      fc.property(arbText, arbText, arbText, (x, y, z) => {
        const a = U(x);
        const b = U(y);
        const c = U(z);
        expect(sameUnit(multiply(a, b), multiply(b, a))).toBe(true);
        expect(sameUnit(multiply(multiply(a, b), c), multiply(a, multiply(b, c)))).toBe(true);
        expect(sameUnit(divide(multiply(a, b), b), a)).toBe(true);
        const ab = divide(a, b);
        expect(D(ab.factor).isPositive()).toBe(true);
        expect(Object.values(ab.dims).every((e) => e !== 0)).toBe(true);
        // Conversions between units of equal dimension are exact and compose.
        const f = conversionFactor(a, c);
        expect(f.ok).toBe(equalDimension(a, c));
        if (f.ok) expect(D(f.value).mul(D(c.factor)).eq(D(a.factor))).toBe(true);
      }),
    );
  });
});

describe("format", () => {
  it("gives canonical readable names", () => {
    const cases: [string, string][] = [
      ["USD", "USD"],
      ["USD per 1M tokens", "USD per 1M tokens"],
      ["USD per million tokens", "USD per 1M tokens"],
      ["USD per 1000000 token", "USD per 1M tokens"],
      ["USD per token", "USD per token"],
      ["USD per tokens", "USD per token"],
      ["USD per 1K tokens", "USD per 1K tokens"],
      ["USD per 250000 tokens", "USD per 250K tokens"],
      ["USD per GPU-hours", "USD per GPU-hour"],
      ["USD per BTC", "USD per BTC"],
      ["EUR per MWh", "EUR per MWh"],
      ["1000 million tokens", "1B tokens"],
      ["million tokens", "1M tokens"],
      ["5 BTC", "5 BTC"],
      ["1000 GPU-hours", "1K GPU-hours"],
      ["1250 GPU-hours", "1250 GPU-hours"],
      ["contract", "contract"],
      ["10 contracts", "10 contracts"],
    ];
    for (const [text, expected] of cases) expect(format(U(text)), text).toBe(expected);
    expect(format(DIMENSIONLESS)).toBe("1");
    expect(format(divide(U("tokens"), U("1M tokens")))).toBe("0.000001");
    expect(format(multiply(U("USD per GPU-hour"), U("USD per token")))).toBe("USD^2 per token × GPU-hour");
  });

  it("format output resolves back to the same unit", () => {
    const texts = [
      "USD per 1M tokens",
      "USD per 250K tokens",
      "1000 million tokens",
      "5 BTC",
      "0.5 ETH",
      "USD per 0.5 GPU-hours",
      "JPY per 1B tokens",
    ];
    for (const t of texts) {
      const u = U(t);
      expect(sameUnit(U(format(u)), u), `${t} → ${format(u)}`).toBe(true);
    }
  });
});
