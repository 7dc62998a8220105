/**
 * A spread position converted into its legs (issue 16, "Spreads": "the near leg is priced at its reference price, the
 * far leg at near − spread"; CME Group, AIR TRF Calendar Spreads FAQ, Q2: "sets the nearby-expiring futures anchor leg
 * ... to the prior day's settlement price"), beyond the data-driven cases FOTI_CAL_FB/spread-converted-into-legs and
 * legs-at-near-expiry: the far leg as the anchor, a short spread position, the requests refused, and the legs' variations
 * adding up to the spread's own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFixings } from "../../../src/runtime/market-data/index.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { settlementFunctions, type SettlementSpec } from "../../../src/runtime/functions/index.js";
import { ROOT } from "../../model/compile-helpers.js";

const load = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts", `${name}.json`), "utf8")) as SettlementSpec;
const parsed = parseFixings(
  ["time,index,value", "2026-03-27T16:30:00Z,AITOK_OUT,10.123", "2026-04-24T15:30:00Z,AITOK_OUT,10.2"].join("\n"),
  { file: "f.csv" },
);
if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
const fixings = parsed.value;
const request = { period: "2026-03", fixings, position: { quantity: "2", price: "-0.0775" }, reference: "10.1" };

/** FOTI_CAL_FB with its leg prices anchored on another leg. */
function anchoredOn(anchor: { kind: "near" | "far" } | { kind: "leg"; leg: number }): SettlementSpec {
  const spec = structuredClone(load("FOTI_CAL_FB")) as unknown as {
    contracts: Record<string, { legPricing: { value: { anchor: unknown } }[] }>;
  };
  spec.contracts.FOTI_CAL_FB!.legPricing[0]!.value.anchor = anchor;
  return spec as unknown as SettlementSpec;
}

describe("a spread position converted into its legs", () => {
  it("prices the near leg at the reference and the far leg at near − spread", () => {
    const r = settlementFunctions(load("FOTI_CAL_FB")).legs!(request);
    expect(r.ok).toBe(true);
    // 10.1 − (−0.0775) = 10.1775; long 2 near, short 2 far.
    expect(r.legs.map((l) => [l.symbol, l.quantity, l.price])).toEqual([
      ["FOTI-H26", "2", "10.1"],
      ["FOTI-J26", "-2", "10.1775"],
    ]);
    // (10.123 − 10.1) × 1000 × 2 = 46; (10.2 − 10.1775) × 1000 × −2 = −45.
    expect(r.legs.map((l) => l.position?.variation)).toEqual(["46", "-45"]);
    expect(r.variation).toBe("1");
  });

  it("prices the far leg at the reference and the near leg at spread + far when the far leg is the anchor", () => {
    const r = settlementFunctions(anchoredOn({ kind: "far" })).legs!({ ...request, reference: "10.2" });
    // −0.0775 + 10.2 = 10.1225.
    expect(r.legs.map((l) => l.price)).toEqual(["10.1225", "10.2"]);
    expect(r.anchor).toBe("FOTI-J26");
    expect(r.legs[0]!.priceFrom).toBe("-0.0775 + 10.2 = 10.1225, so that FOTI-H26 − FOTI-J26 is the spread price -0.0775");
    const byNumber = settlementFunctions(anchoredOn({ kind: "leg", leg: 2 })).legs!({ ...request, reference: "10.2" });
    expect(byNumber.legs.map((l) => l.price)).toEqual(["10.1225", "10.2"]);
  });

  it("opens a short spread position as short the near leg and long the far leg", () => {
    const r = settlementFunctions(load("FOTI_CAL_FB")).legs!({ ...request, position: { quantity: "-3", price: "0.05" } });
    // 10.1 − 0.05 = 10.05.
    expect(r.legs.map((l) => [l.quantity, l.price])).toEqual([
      ["-3", "10.1"],
      ["3", "10.05"],
    ]);
  });

  it("adds up to the spread's own variation for the same position", () => {
    const fns = settlementFunctions(load("FOTI_CAL_FB"));
    for (const [price, reference] of [
      ["-0.0775", "10.1"],
      ["0.5", "9.999"],
      ["-1.2345", "12"],
    ] as const) {
      const position = { quantity: "7", price };
      const legs = fns.legs!({ ...request, position, reference });
      const spread = fns.final({ period: "2026-03", fixings, position });
      expect(Decimal.of(legs.variation!).eq(Decimal.of(spread.position!.variation!)), `${price} @ ${reference}`).toBe(true);
    }
  });

  it("refuses a spread without leg prices, a price off its tick and a malformed date", () => {
    expect(settlementFunctions(load("FOTI_CAL")).legs!(request).error?.kind).toBe("no-rule");
    const fns = settlementFunctions(load("FOTI_CAL_FB"));
    // −0.0773 / 0.0005 = −154.6 spread ticks; 10.1005 / 0.001 = 10100.5 outright ticks.
    expect(fns.legs!({ ...request, position: { quantity: "2", price: "-0.0773" } }).error).toMatchObject({ kind: "off-tick" });
    expect(fns.legs!({ ...request, reference: "10.1005" }).error).toMatchObject({ kind: "off-tick" });
    expect(fns.legs!({ ...request, date: "2026-13-01" }).error).toMatchObject({ kind: "request" });
  });

  it("refuses a leg price the leg's contract cannot have", () => {
    // 0.01 − 0.5 = −0.49: FOTI's prices are above zero.
    const r = settlementFunctions(load("FOTI_CAL_FB")).legs!({ ...request, position: { quantity: "1", price: "0.5" }, reference: "0.01" });
    expect(r.error).toMatchObject({ kind: "price-domain" });
  });
});
