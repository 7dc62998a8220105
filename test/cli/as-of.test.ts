/**
 * `--as-of DATE` of `expiries`, `listed`, `settle` and `render`: the answer under the rules as they stood on a date.
 * BTC (specs/contracts/btc-reference-future.terms) has two versions of its Termination of Trading: CME's wording at
 * launch (until 2020), "If that day is not a business day in both the UK and the US, trading terminates on the
 * preceding day that is a business day for both the UK and the US", and today's (from 2021), "If this is not both a
 * London and U.S. business day, trading terminates on the prior London or U.S. business day". Hand-checked: the last
 * Friday of December 2025 is Friday 26 December, Boxing Day in London, so not a business day in both; Thursday 25
 * December is Christmas in both; under either version Wednesday 24 December (the two wordings give the same day in
 * every month, test/oracles/btc_last_trading_day.py). The answers say which date selected the versions. BTCA
 * (btc-amended-future.terms) selects its versions by the contract month: the as-of date leaves it alone.
 */
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/paths.js";
import { runIn } from "../helpers/system.js";

async function run(args: readonly string[]): Promise<string> {
  const r = await runIn([...args], repoRoot);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

describe("--as-of", () => {
  it("expiries: Dec 2025 under the rule in force on 2023-12-07, and on 2020-06-01 (the same day)", async () => {
    const as = async (date: string) =>
      JSON.parse(
        await run(["expiries", "specs", "--contract", "BTC", "--from", "2025-12", "--to", "2025-12", "--as-of", date, "--format", "json"]),
      ) as { asOf: string; expiries: { lastTradingDay: string }[] };
    const now = await as("2023-12-07");
    expect(now.asOf).toBe("2023-12-07");
    expect(now.expiries.map((e) => e.lastTradingDay)).toEqual(["2025-12-24"]);
    expect((await as("2020-06-01")).expiries.map((e) => e.lastTradingDay)).toEqual(["2025-12-24"]);
    const text = await run(["expiries", "specs", "--contract", "BTC", "--from", "2025-12", "--to", "2025-12", "--as-of", "2020-06-01"]);
    expect(text).toContain("BTC: 1 expiry from 2025-12 to 2025-12, under the rules as of 2020-06-01");
    expect(text).toContain("last trading day       2025-12-24");
  });

  it("expiries: a contract whose versions are selected by the contract month keeps them", async () => {
    const text = await run(["expiries", "specs", "--contract", "BTCA", "--from", "2025-12", "--to", "2025-12", "--as-of", "2020-06-01"]);
    expect(text).toContain("last trading day       2025-12-24");
  });

  it("listed: on 2025-12-01 the December 2025 contract lists with the last trading day of the rule as of the date", async () => {
    const out = await run(["listed", "specs", "--contract", "BTC", "--on", "2025-12-01", "--as-of", "2020-06-01"]);
    expect(out.split("\n")[0]).toBe("BTC: 7 listed on 2025-12-01, under the rules as of 2020-06-01");
    expect(out).toContain("BTC-Z25   2025-12  last trading day 2025-12-24");
  });

  it("settle: the certificate says which date selected the rule versions", async () => {
    const dir = "test/cases/settlement/BTC/final-as-of-2020-rule";
    const out = await run(["settle", "specs", "--contract", "BTC-Z25", "--fixings", `${dir}/fixings.csv`, "--as-of", "2020-06-01"]);
    expect(out).toContain("last trading day 2025-12-24");
    expect(out).toContain("rule versions in force on 2020-06-01 (as of)");
  });

  it("render: the contract months from the date, under the rules in force on it (the subtitle says as of which date)", async () => {
    const out = await run(["render", "specs", "--contract", "BTC", "--as-of", "2020-06-01"]);
    expect(out).toMatch(/BTC-Z20 \| December 2020 \| Thursday 24 December 2020/);
  });
});
