/**
 * `termsheet strikes` in process: the strikes of BTC_OPT_S (specs/contracts/btc-options-strikes.terms, CME's
 * Strike Price Listing Procedures for options on Bitcoin futures) for June 2026 around 87012 on 27 March 2026,
 * against test/oracles/cme_btc_option_strikes.py; the refusals (no schedule, a month not listed, a future).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runIn } from "./helpers.js";

const strikes = (...args: string[]) => runIn(["strikes", "specs", ...args], repoRoot);
const oracle = JSON.parse(readFileSync(join(repoRoot, "test/cases/strikes/BTC_OPT_S-M26.json"), "utf8")) as {
  rank: number;
  listed: number;
  tiers: { applies: boolean; atTheMoney?: string; low?: string; high?: string; count?: number }[];
  strikes: string[];
};

describe("termsheet strikes", () => {
  it("lists June 2026's strikes tier by tier as the oracle computes them (the 100-point tier is for the nearest 3 months only)", async () => {
    const r = await strikes(
      "--contract",
      "BTC_OPT_S",
      "--month",
      "2026-06",
      "--reference",
      "87012",
      "--on",
      "2026-03-27",
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      rank: number;
      listed: number;
      tiers: { applies: boolean; atTheMoney: string | null; low: string | null; high: string | null; strikes: string[] }[];
      strikes: string[];
    };
    expect([j.rank, j.listed]).toEqual([oracle.rank, oracle.listed]);
    expect(
      j.tiers.map((t) =>
        t.applies ? { applies: true, atTheMoney: t.atTheMoney, low: t.low, high: t.high, count: t.strikes.length } : { applies: false },
      ),
    ).toEqual(oracle.tiers);
    expect(j.strikes).toEqual(oracle.strikes);
  });

  it("prints the tiers in text, and lists the 100-point tier for the nearest month", async () => {
    const r = await strikes("--contract", "BTC_OPT_S", "--month", "2026-04", "--reference", "87012", "--on", "2026-03-27");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("BTC_OPT_S-J26 strikes listed on 2026-03-27 around 87012: month 2 of 8 listed");
    // 87012 to the nearest 100 is 87000; 30% of it is 26100: 60900 to 113100, (113100 - 60900) / 100 + 1 = 523 strikes
    expect(r.stdout).toContain(
      "tier 4: every 100 from 30% below to 30% above, nearest 3 month(s): at the money 87000, 60900 to 113100, 523 strike(s)",
    );
  });

  it("refuses a month not listed on the date and an option without a schedule", async () => {
    const late = await strikes("--contract", "BTC_OPT_S", "--month", "2026-10", "--reference", "87012", "--on", "2026-03-27");
    expect(late.code).toBe(1);
    expect(late.stderr).toContain("BTC_OPT_S 2026-10 is not listed on 2026-03-27");
    const none = await strikes("--contract", "BTC_OPT", "--month", "2026-06", "--reference", "87012", "--on", "2026-03-27");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("states no strike listing schedule");
  });
});
