/**
 * `termsheet price` in process: whether a price is on a contract's tick grid, the tick value and the nearest valid
 * prices, for an outright future, a future's calendar spreads, a spread contract (negative prices) and an option's
 * tiered premium tick; exit 0 when valid, 1 when not, 2 for an unknown contract.
 */
import { describe, expect, it } from "vitest";
import { repoRoot, runIn } from "./helpers.js";

const price = (...args: string[]) => runIn(["price", "specs", ...args], repoRoot);

describe("termsheet price", () => {
  it("names the nearest valid prices of an off-tick outright price, with the tick value (Rule 1102.C: 0.001, USD 1.00 per contract)", async () => {
    const r = await price("--contract", "FOTI", "--price", "10.1234");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("10.1234 USD per 1M tokens is not a valid price");
    expect(r.stdout).toContain("tick value 1 USD per contract");
    expect(r.stdout).toContain("nearest valid prices: 10.123 below, 10.124 above");
  });

  it("accepts a price on the grid (exit 0) and refuses zero where prices must be positive", async () => {
    expect((await price("--contract", "FOTI", "--price", "10.123")).code).toBe(0);
    const zero = await price("--contract", "FOTI", "--price", "0");
    expect(zero.code).toBe(1);
    expect(zero.stdout).toContain("may not be zero");
    expect(zero.stdout).toContain("none below, 0.001 above");
  });

  it("checks calendar spread prices on the spread tick, negative ones included (Rule 1104.B: USD 0.0005)", async () => {
    const r = await price("--contract", "FOTI_CAL", "--price", "-0.0773", "--format", "json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ valid: false, tick: "0.0005", below: "-0.0775", above: "-0.077", tickValue: "0.5", currency: "USD" });
    const spread = await price("--contract", "FOTI", "--grid", "spread", "--price", "10.1235");
    expect(spread.code).toBe(0);
  });

  it("reads an option's premium on its tiered tick (CME 350A: USD 1 per bitcoin at or below 25, USD 5 above; USD 5 and 25 per contract)", async () => {
    const low = await price("--contract", "BTC_OPT", "--price", "25", "--format", "json");
    expect(JSON.parse(low.stdout)).toMatchObject({ valid: true, grid: "premium", tick: "1", tickValue: "5", below: "24", above: "30" });
    const high = await price("--contract", "BTC_OPT", "--price", "26", "--format", "json");
    expect(high.code).toBe(1);
    expect(JSON.parse(high.stdout)).toMatchObject({ valid: false, tick: "5", tickValue: "25", below: "25", above: "30" });
  });

  it("says when the contract has no such tick, and refuses an unknown contract", async () => {
    const none = await price("--contract", "BTC", "--grid", "premium", "--price", "5");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("BTC states no premium tick");
    expect((await price("--contract", "FOTX", "--price", "1")).code).toBe(2);
  });
});
