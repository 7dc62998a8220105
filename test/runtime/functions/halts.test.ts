/**
 * Dynamic circuit breakers (runtime/functions/halts.ts) on TKX_Q (specs/contracts/index-points-future.terms: CME's
 * dynamic circuit breakers, 3.5% of the prior settlement rounded down to the 0.25 tick, a 60-minute look-back
 * window, a two-minute halt), along the March month's trades of test/cases/settlement/TKX_Q/dynamic-circuit-breakers
 * (which the settlement suite runs through both backends and the CLI), against test/oracles/cme_dynamic_circuit_breakers.py;
 * and the engine's window rules on small paths, by hand.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circuitBreakerHalts } from "../../../src/runtime/functions/halts.js";
import { runCircuitBreaker, type DynamicLimit } from "../../../src/runtime/engine/circuit-breakers.js";
import { Decimal } from "../../../src/runtime/numbers/decimal.js";
import type { AnyContract } from "../../../src/runtime/spec.js";
import { contractTerms } from "../../../src/runtime/functions/terms.js";
import { settlementFunctions, type SettlementSpec } from "../../../src/runtime/functions/index.js";
import { repoRoot as ROOT } from "../../helpers/paths.js";

const spec = JSON.parse(readFileSync(join(ROOT, "test/cases/compiled/contracts/TKX_Q.json"), "utf8")) as {
  contracts: Record<string, AnyContract>;
};
const contracts = (n: string, date: string) => contractTerms((c) => spec.contracts[c], n, date);
const CASE = join(ROOT, "test/cases/settlement/TKX_Q/dynamic-circuit-breakers");
const path = readFileSync(join(CASE, "trades.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(","))
  .filter((f) => f[4] === "TKX_Q-H26" && f[5] === "")
  .map((f) => ({ time: f[0]!, price: f[2]! }));
const {
  ok: _ok,
  points: _points,
  ...oracle
} = JSON.parse(readFileSync(join(CASE, "report-oracle.json"), "utf8")) as Record<string, unknown>;

describe("dynamic circuit breakers", () => {
  it("halts TKX_Q where the oracle does: a variant of 179.25 (5123.4 × 3.5% = 179.319 down to the tick), three halts", () => {
    const r = circuitBreakerHalts(contracts, "TKX_Q", { date: "2026-03-02", prior: "5123.4", path });
    expect("halts" in r).toBe(true);
    if (!("halts" in r)) return;
    expect(r.clause.rule).toBe("dynamic price limits");
    expect({ variant: r.variant, halts: r.halts, haltedPoints: r.haltedPoints }).toEqual(oracle);
    expect(r.rule).toEqual({
      percent: "3.5",
      window: { amount: "60", unit: "minutes" },
      halt: { amount: "2", unit: "minutes" },
      rounding: { kind: "tick", mode: "down" },
    });
  });

  it("refuses a contract without dynamic limits, a bad instant and a path out of time order", () => {
    expect(circuitBreakerHalts(contracts, "TKX_Q", { date: "2026-03-02", prior: "x", path })).toMatchObject({ kind: "request" });
    const back = [path[1]!, path[0]!];
    expect(circuitBreakerHalts(contracts, "TKX_Q", { date: "2026-03-02", prior: "5000", path: back })).toMatchObject({
      kind: "request",
      message: "path 2: out of time order",
    });
    expect(
      circuitBreakerHalts(contracts, "TKX_Q", { date: "2026-03-02", prior: "5000", path: [{ time: "noon", price: "1" }] }),
    ).toMatchObject({
      kind: "request",
    });
    expect(circuitBreakerHalts(contracts, "TKX", { date: "2026-03-02", prior: "5000", path })).toMatchObject({ kind: "unknown-contract" });
  });

  it("counts the window from the point's time less its length, and restarts it after a halt", () => {
    const rule: DynamicLimit = {
      percent: "10",
      window: { amount: "10", unit: "seconds" },
      halt: { amount: "5", unit: "seconds" },
      rounding: { kind: "unrounded" },
    };
    const s = 1_000_000;
    const p = (t: number, price: string) => ({ time: t * s, price: Decimal.of(price) });
    // variant 10: at 10 s the window [0, 10) holds 100, so 111 is beyond 110 and halts until 15 s; 112 at 12 s is
    // left out; 130 at 15 s is the first point after the restart (no limits); at 30 s the window [20, 30) is empty.
    const r = runCircuitBreaker(rule, Decimal.of("10"), [p(0, "100"), p(10, "111"), p(12, "112"), p(15, "130"), p(30, "100")]);
    expect(r.halts.map((h) => [h.at / s, h.price, h.lower, h.upper, h.resumes / s])).toEqual([[10, "111", "90", "110", 15]]);
    expect(r.haltedPoints).toBe(1);
  });

  it("through the settlement functions: refuses a month past its last trading day and a missing path", () => {
    const fns = settlementFunctions(spec as unknown as SettlementSpec);
    const late = fns.halts!({ date: "2026-03-23", prior: "5123.4", period: "2026-03" });
    expect(late).toMatchObject({ ok: false, error: { kind: "expired" } });
    expect(late.error?.message).toBe("TKX_Q-H26 stopped trading on 2026-03-20; it has no price path on 2026-03-23");
    expect(fns.halts!({ date: "2026-03-02", prior: "5123.4" })).toMatchObject({ ok: false, error: { kind: "no-observations" } });
  });
});
