/**
 * `termsheet sql`, `termsheet backfill` and `termsheet index --engine duckdb` (issue 21) through the built CLI: the
 * engine's fixing is the runtime's (`termsheet index` without an engine) on every date, backfill writes both files
 * or none, and a methodology the SQL cannot state is E6170 naming the construct with nothing written.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Index } from "../../src/runtime/spec.js";
import { generate } from "../backends/sql/generate.js";
import { ensureBuilt, fixture, repoRoot, termsheet } from "./helpers.js";

const BTC = (
  JSON.parse(readFileSync(join(repoRoot, "test/cases/compiled/indices/BTC_REF.json"), "utf8")) as { indices: Record<string, Index> }
).indices["BTC_REF"]!;
const DATES = ["2026-03-01", "2026-03-02", "2026-03-03"];
// The compiled spec: loading it is faster than compiling the sources for each of the runs.
const spec = join(repoRoot, "test/cases/compiled/indices/BTC_REF.json");
let f: ReturnType<typeof fixture>;

beforeAll(() => {
  ensureBuilt();
  f = fixture({
    "obs.csv": generate(BTC, DATES, 1, 300, 30000, 2).csv,
    "bad.csv": "time,source,price,volume\n2026-03-01T15:00:00,BITSTAMP,1,1\n",
  });
});
afterAll(() => f.cleanup());

describe("termsheet sql, backfill and index --engine duckdb", () => {
  it("computes on DuckDB the fixing the runtime computes, date by date", () => {
    const bf = termsheet(["backfill", spec, "--from", DATES[0]!, "--to", DATES[2]!, "--observations", "obs.csv", "--out", "out"], f.dir);
    expect(bf.code).toBe(0);
    const rows = readFileSync(join(f.dir, "out/fixings.csv"), "utf8").trim().split("\n").slice(1);
    expect(rows).toHaveLength(3);
    for (const [k, date] of DATES.entries()) {
      const ts = termsheet(["index", spec, "--at", date, "--observations", "obs.csv", "--format", "json"], f.dir);
      const report = JSON.parse(ts.stdout) as { ok: boolean; value: string | null; error: { kind: string } | null };
      const engine = termsheet(["index", spec, "--at", date, "--observations", "obs.csv", "--engine", "duckdb"], f.dir);
      const [, , value, status] = rows[k]!.split(",");
      if (report.ok) {
        expect(value).toBe(report.value);
        expect(engine.stdout).toContain(`(engine duckdb): ${report.value}\n`);
        expect(engine.code).toBe(0);
      } else {
        expect(status).toBe("failed");
        expect(engine.code).toBe(1);
      }
    }
    expect(readFileSync(join(f.dir, "out/certificates.csv"), "utf8")).toMatch(/^date,source,observations,value,used,excluded\n/);
  }, 120_000);

  it("refuses a methodology it cannot state with E6170 naming the construct, and writes nothing", () => {
    const r = termsheet(
      [
        "backfill",
        join(repoRoot, "specs/indices/btc-expiry.terms"),
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-01",
        "--observations",
        "obs.csv",
        "--out",
        "exp",
      ],
      f.dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[E6170]: `aggregate sources by capped-median`");
    expect(existsSync(join(f.dir, "exp"))).toBe(false);
    const s = termsheet(["sql", join(repoRoot, "specs/indices/aitok-out.terms"), "--from", "2026-03-01", "--to", "2026-03-01"], f.dir);
    expect(s.code).toBe(1);
    expect(s.stdout).toBe("");
  });

  it("names file, line and field of bad observations, and writes nothing", () => {
    const r = termsheet(
      ["backfill", spec, "--from", "2026-03-01", "--to", "2026-03-01", "--observations", "bad.csv", "--out", "bad"],
      f.dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.csv:2: time: expected an ISO 8601 time with seconds and an offset/);
    expect(existsSync(join(f.dir, "bad"))).toBe(false);
  });

  it("gives the README's backfill of the gas-day sample: 82.037 on the 23-hour gas day of 29 March 2026", () => {
    const obs = join(repoRoot, "test/cases/settlement/GAS_DAY/index-gas-day-clock-change/observations.csv");
    const r = termsheet(
      [
        "backfill",
        join(repoRoot, "specs/indices/uk-gas-day.terms"),
        "--from",
        "2026-03-28",
        "--to",
        "2026-03-30",
        "--observations",
        obs,
        "--out",
        "gas",
      ],
      f.dir,
    );
    expect(r.code).toBe(0);
    // The case's note and test/oracles/gas_day.py: (8000 + 16500 + 4068.55 + 12450) / 500 = 82.0371, half-up: 82.037.
    expect(readFileSync(join(f.dir, "gas/fixings.csv"), "utf8")).toContain("2026-03-29,GAS_DAY,82.037,published,\n");
  });

  it("prints the SQL of a date range", () => {
    const r = termsheet(["sql", spec, "--from", "2020-12-31", "--to", "2021-01-01"], f.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("CREATE OR REPLACE TEMP TABLE ts_fixings AS");
    // Two versions of the methodology: two segments.
    expect(r.stdout).toContain("ts_days_1");
  });
});
