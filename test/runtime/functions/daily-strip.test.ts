/**
 * Issue 16's daily settlement constructs beyond the shared cases (test/cases/settlement/BTC_DS/): the price-limit
 * breach rule (clamped, flagged, a limit off the tick refused), deferred-month steps settled alone, the strip's order
 * and its request errors, and the readable contract's sentences for them.
 *
 * Sources: CME Group, CME Bitcoin Futures Daily Settlement Procedure ("the spread VWAP is calculated, rounded to the
 * spread's nearest tradable tick and then applied to the lead month settle to derive the second month settle"); CME
 * daily settlement procedures, Tier 3 ("applying the net change from the preceding contract month to the given
 * contract month's prior daily settlement price"); issue 16 ("a settlement beyond the hard limit is flagged or
 * clamped as the spec says"; "the procedure settles a whole strip in dependency order").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyHardLimit } from "../../../src/runtime/engine/price-limits.js";
import { dailySettlement } from "../../../src/runtime/engine/daily.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { singleTick } from "../../../src/runtime/engine/index.js";
import { reportText, settlementFunctions, type SettlementSpec } from "../../../src/runtime/functions/index.js";
import { renderContract } from "../../../src/backends/legal/index.js";
import type { Spec } from "../../../src/model/types.js";
import { ROOT } from "../../model/compile-helpers.js";

const spec = JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts/BTC_DS.json"), "utf8")) as SettlementSpec & Spec;
const bands = [
  { lower: "55800", upper: "64200" },
  { lower: "48000", upper: "72000" },
];

describe("a daily settlement price beyond the last limit", () => {
  it("clamped: settles at the limit it crossed, upper or lower", () => {
    const up = applyHardLimit(Decimal.of("73005"), bands, "clamp", singleTick(Decimal.of("5")));
    expect(up.ok && up.price.toString()).toBe("72000");
    const down = applyHardLimit(Decimal.of("47000"), bands, "clamp", singleTick(Decimal.of("5")));
    expect(down.ok && down.breach).toMatchObject({ limit: 2, computed: "47000", action: "clamped", price: "48000" });
  });
  it("flagged: settles as computed, flagged", () => {
    const r = applyHardLimit(Decimal.of("73005"), bands, "flag", singleTick(Decimal.of("5")));
    expect(r.ok && r.price.toString()).toBe("73005");
    expect(r.ok && r.breach?.action).toBe("flagged");
  });
  it("inside the last limit (beyond an earlier one) or without a rule: unchanged, no breach", () => {
    const inside = applyHardLimit(Decimal.of("70000"), bands, "clamp", undefined);
    expect(inside.ok && inside.breach).toBeNull();
    const noRule = applyHardLimit(Decimal.of("99000"), bands, undefined, undefined);
    expect(noRule.ok && noRule.price.toString()).toBe("99000");
  });
  it("a limit off the tick grid is never clamped to: the settlement is refused", () => {
    const r = applyHardLimit(Decimal.of("73005"), [{ lower: "48001", upper: "72001" }], "clamp", singleTick(Decimal.of("5")));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/not on the tick grid/);
  });
});

describe("deferred-month steps", () => {
  const steps = [
    { kind: "net-change", effective: [{ from: null, until: null }], descriptions: [], clauses: [] },
    { kind: "carry-forward", effective: [{ from: null, until: null }], descriptions: [], clauses: [] },
  ] as const;
  it("settled alone, give no price, and the next step applies", () => {
    const r = dailySettlement(steps, { date: "2026-03-27", prior: Decimal.of("100") });
    expect(r.ok && r.step).toBe(2);
    expect(r.attempts[0]).toMatch(/settled only along a strip/);
  });
  it("net change: this month's prior plus the preceding month's settlement less its prior", () => {
    const r = dailySettlement(steps, {
      date: "2026-03-27",
      prior: Decimal.of("100"),
      strip: {
        lead: { symbol: "L", price: Decimal.of("90"), prior: Decimal.of("95") },
        preceding: { symbol: "P", price: Decimal.of("107.5"), prior: Decimal.of("105") },
      },
    });
    expect(r.ok && [r.step, r.price.toString()]).toEqual([1, "102.5"]);
  });
  it("are not for the lead month", () => {
    const r = dailySettlement(steps, { date: "2026-03-27", prior: Decimal.of("100"), strip: { lead: null, preceding: null } });
    expect(r.attempts[0]).toMatch(/not for the lead month/);
  });
});

describe("the strip", () => {
  const fns = settlementFunctions(spec);
  const months = [
    { period: "2026-05", prior: "60200" },
    { period: "2026-04", prior: "60000" },
  ];
  it("settles the lead month first whatever the order of the request, then each later month", () => {
    const r = fns.strip!({ date: "2026-03-27", months });
    expect(r.months.map((m) => m.symbol)).toEqual(["BTC_DS-J26", "BTC_DS-K26"]);
    // Without data, the lead carries forward and the second month takes the lead's net change of zero.
    expect(r.months.map((m) => [m.price, m.daily?.step])).toEqual([
      ["60000", 5],
      ["60200", 4],
    ]);
    expect(reportText(r)).toMatch(/^BTC_DS strip on 2026-03-27: 2 month\(s\), lead month BTC_DS-J26, settled lead first\n/);
  });
  it("refuses a lead month that is not the nearest, a month listed twice and an empty strip", () => {
    expect(fns.strip!({ date: "2026-03-27", months, lead: "2026-05" }).error?.message).toMatch(/not the nearest month/);
    expect(fns.strip!({ date: "2026-03-27", months: [...months, { period: "2026-04" }] }).error?.message).toMatch(/listed twice/);
    expect(fns.strip!({ date: "2026-03-27", months: [] }).error?.kind).toBe("request");
  });
});

describe("the readable contract", () => {
  it("states what a price beyond the last limit becomes, clamped or flagged", () => {
    expect(renderContract(spec, "md", { asOf: "2026-03-01" })).toContain(
      "A daily settlement price beyond the last limit is replaced by that limit: the price at the limit it crossed.",
    );
    const flagged = {
      ...spec,
      contracts: {
        BTC_DS: {
          ...spec.contracts.BTC_DS!,
          priceLimitBreach: [{ ...spec.contracts.BTC_DS!.priceLimitBreach![0]!, value: "flag" as const }],
        },
      },
    };
    expect(renderContract(flagged as Spec, "md", { asOf: "2026-03-01" })).toContain(
      "A daily settlement price beyond the last limit stands as determined and is flagged as beyond the limit.",
    );
  });
});
