/**
 * Daily settlement of the compiled FOTI contract (VWAP of 15:58–16:00 London with ties toward the prior
 * settlement, then the bid/offer midpoint, then carry forward), its price-limit bands, and spread legs.
 */
import { describe, expect, it } from "vitest";
import type { Spec } from "../../../src/model/spec.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { dailySettlement, priceLimitBands, spreadValue } from "../../../src/runtime/engine/daily.js";
import type { DailyStep, PriceLimit } from "../../../src/runtime/spec.js";
import { singleTick } from "../../../src/runtime/engine/index-computation.js";
import { compileFiles } from "../../model/compile-helpers.js";

const r = compileFiles(["specs/contracts/foti.terms"]);
const spec = JSON.parse(r.files.find((f) => f.path === "contracts/FOTI.json")!.text) as Spec;
const foti = spec.contracts.FOTI!;
const steps: readonly DailyStep[] = foti.dailySettlement[0]!.value;
const limits: readonly PriceLimit[] = foti.priceLimits[0]!.value;
const D = Decimal.of;
const TICK = singleTick(D("0.001"));

function trades(rows: string[]) {
  const p = parseObservations(rows.join("\n"), { file: "trades.csv" });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.value;
}

describe("FOTI daily settlement", () => {
  const base = ["2026-03-27T15:57:59Z,X,50,1", "2026-03-27T15:58:00Z,X,10.1,1"];
  it("step 1: VWAP in the window, bounds as declared", () => {
    const d = dailySettlement(steps, {
      date: "2026-03-27",
      trades: trades([...base, "2026-03-27T15:59:00Z,X,10.102,1", "2026-03-27T16:00:00Z,X,99,5"]),
      prior: D("10"),
      tick: TICK,
    });
    expect(d.ok && [d.price.toString(), d.step, d.unrounded]).toEqual(["10.101", 1, "10.101"]);
  });
  it("step 1: a tie goes toward the prior settlement", () => {
    const t = trades([...base, "2026-03-27T15:59:00Z,X,10.101,1"]);
    const up = dailySettlement(steps, { date: "2026-03-27", trades: t, prior: D("10.2"), tick: TICK });
    const down = dailySettlement(steps, { date: "2026-03-27", trades: t, prior: D("10"), tick: TICK });
    expect([up.ok && up.price.toString(), down.ok && down.price.toString()]).toEqual(["10.101", "10.1"]);
  });
  it("step 2: the midpoint when no trade is in the window; step 3: carry forward", () => {
    const none = trades(["2026-03-27T15:00:00Z,X,10,1"]);
    const m = dailySettlement(steps, {
      date: "2026-03-27",
      trades: none,
      bidAsk: { bid: D("10.1"), ask: D("10.103") },
      prior: D("10.2"),
      tick: TICK,
    });
    expect(m.ok && [m.price.toString(), m.step, m.attempts[0]]).toEqual([
      "10.102",
      2,
      "step 1 (vwap): no trades with volume in the window",
    ]);
    const c = dailySettlement(steps, { date: "2026-03-27", trades: none, prior: D("10.2"), tick: TICK });
    expect(c.ok && [c.price.toString(), c.step]).toEqual(["10.2", 3]);
  });
  it("price-limit bands of 10%, 20%, 30%", () => {
    expect(priceLimitBands(limits, D("10.125"))).toEqual([
      { lower: "9.1125", upper: "11.1375" },
      { lower: "8.1", upper: "12.15" },
      { lower: "7.0875", upper: "13.1625" },
    ]);
  });
  it("a spread settles leg by leg and may be negative", () => {
    expect(
      spreadValue([
        { side: "buy", ratio: D("1"), price: D("10.1") },
        { side: "sell", ratio: D("1"), price: D("10.25") },
      ]).toString(),
    ).toBe("-0.15");
  });
});

describe("the carry step (CME Bitcoin futures, lead month, tier 3)", () => {
  // "Reference Rate + [(Days to expiration/ 365) x Interest rate x Reference Rate)]" (CME Bitcoin Futures Daily
  // Settlement Procedure, Lead Month, Tier 3).
  const carry: DailyStep = {
    kind: "carry-formula",
    index: "BTC_REF",
    rate: { name: "USD_RATE", source: "fixings" },
    daysInYear: 365,
    rounding: { kind: "increment", increment: "0.01", mode: "half-up" },
    effective: [{ from: null, until: null }],
    descriptions: [],
    clauses: [],
  };
  const forward: DailyStep = { kind: "carry-forward", effective: [{ from: null, until: null }], descriptions: [], clauses: [] };
  const fixings = (values: Record<string, string>) => ({
    value: (index: string, date: string) =>
      values[index] === undefined
        ? { ok: false as const, disruption: "not-published" as const, message: `no fixing of ${index} on ${date}` }
        : { ok: true as const, value: D(values[index]!), date },
    lastBefore: () => undefined,
  });
  it("carries the reference rate to expiration exactly, then rounds: 100 + (73 / 365) × 5% × 100 = 101", () => {
    const d = dailySettlement([carry, forward], {
      date: "2026-03-27",
      fixings: fixings({ BTC_REF: "100", USD_RATE: "5" }),
      daysToExpiration: 73,
      prior: D("99"),
    });
    expect(d.ok && [d.price.toString(), d.step, d.unrounded]).toEqual(["101", 1, "101"]);
  });
  it("gives no price without the interest rate, and the next step applies", () => {
    const d = dailySettlement([carry, forward], {
      date: "2026-03-27",
      fixings: fixings({ BTC_REF: "100" }),
      daysToExpiration: 73,
      prior: D("99"),
    });
    expect(d.ok && [d.price.toString(), d.step]).toEqual(["99", 2]);
    expect(d.attempts[0]).toBe("step 1 (carry-formula): no interest rate: no fixing of USD_RATE on 2026-03-27");
  });
  it("gives no price without fixings", () => {
    const d = dailySettlement([carry], { date: "2026-03-27", daysToExpiration: 73 });
    expect(d.ok).toBe(false);
    expect(d.attempts).toEqual(["step 1 (carry-formula): no fixings given"]);
  });
});
