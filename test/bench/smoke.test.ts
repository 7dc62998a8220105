/**
 * The benchmarks that build market data (bench/settlement.mjs, bench/sql-engine.mjs) still run: each once, on a few
 * thousand rows (`node bench/run.mjs --quick`), so that a change of the observation columns cannot break them
 * unnoticed again (the settlement benchmark failed in `new Classifier` once the instrument column became a table of
 * names). Only that they run and agree with themselves is checked, never a time. CI runs every benchmark so
 * (`.ci/run`).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("bench/run.mjs --quick", () => {
  it("runs the settlement and SQL backfill benchmarks on small inputs", () => {
    const r = spawnSync(process.execPath, ["bench/run.mjs", "--quick", "--only", "settlement,sql-engine"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // Every implementation of the index gave the same value, in process and through the CLI.
    expect(r.stdout).toMatch(/2000: exact index 86999\.36 .* as exact: true\)/);
    expect(r.stdout).toContain("price 86999.36, the same as in-process: true");
    expect(r.stdout).toContain("the engines' values identical to the runtime's on 30 dates");
  }, 120_000);
});
