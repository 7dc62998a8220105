/**
 * `termsheet halts` in process: TKX_Q's dynamic circuit breakers (specs/contracts/index-points-future.terms, CME's
 * Dynamic Circuit Breakers: "Previous Days settle * DCB percentage Value = DCB variant (rounded down to nearest
 * tradable tick)", a 60-minute look-back window, "a two minute pre-open state") along the trades of the case
 * test/cases/settlement/TKX_Q/dynamic-circuit-breakers, whose goldens the settlement suite compares byte for byte;
 * here the default date, a malformed prices file (an error naming the file, line and field), several instruments
 * without a month, and a future without dynamic limits.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runIn } from "./helpers.js";

const CASE = join(repoRoot, "test/cases/settlement/TKX_Q/dynamic-circuit-breakers");
const SPEC = join(repoRoot, "test/cases/compiled/contracts/TKX_Q.json");
const halts = (...args: string[]) => runIn(["halts", SPEC, ...args], CASE);

/** A prices file in a fresh folder. */
function pricesFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "termsheet-halts-"));
  writeFileSync(join(dir, "p.csv"), text);
  return join(dir, "p.csv");
}

describe("termsheet halts", () => {
  it("without --date, runs the path on the UTC date of its first price (the case's answer)", async () => {
    const r = await halts("--contract", "TKX_Q", "--prices", "trades.csv", "--prior", "5123.4", "--month", "2026-03");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("TKX_Q-H26 dynamic circuit breakers on 2026-03-02: 3 halt(s) along 14 price(s)");
    expect(r.stdout).toContain("variant 179.25: 3.5% of the prior settlement 5123.4");
  });

  it("refuses a malformed row with the file, line and field", async () => {
    const file = pricesFile("time,source,price,volume\n2026-03-02T01:00:00Z,CME,5120,1\n2026-03-02T01:10:00Z,CME,51x0,1\n");
    const r = await halts("--contract", "TKX_Q", "--prices", file, "--prior", "5123.4");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/p\.csv:3: price: /);
  });

  it("refuses prices of several instruments without a month, and names them", async () => {
    const r = await halts("--contract", "TKX_Q", "--prices", "trades.csv", "--prior", "5123.4", "--format", "json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { ok: boolean; error: { kind: string; message: string } };
    expect(j.ok).toBe(false);
    expect(j.error.message).toContain("2 instruments (TKX_Q-H26, TKX_Q-M26)");
  });

  it("refuses a path out of time order and a future without dynamic price limits", async () => {
    const back = pricesFile("time,source,price,volume\n2026-03-02T01:10:00Z,CME,5120,1\n2026-03-02T01:00:00Z,CME,5200,1\n");
    const r = await halts("--contract", "TKX_Q", "--prices", back, "--prior", "5123.4");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/p\.csv:3: time: /);
    const fut = pricesFile("time,source,price,volume\n2026-03-02T01:00:00Z,CME,5120,1\n");
    const none = await runIn(
      ["halts", join(repoRoot, "test/cases/compiled/contracts/BTC_DS.json"), "--contract", "BTC_DS", "--prices", fut, "--prior", "60000"],
      CASE,
    );
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("no answer (no-rule): BTC_DS has no dynamic price limits in force on 2026-03-02");
  });

  it("names the futures of the spec for an unknown contract (a usage error)", async () => {
    const r = await halts("--contract", "TKX", "--prices", "trades.csv", "--prior", "5123.4");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("TKX_Q");
  });
});
