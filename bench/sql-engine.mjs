// Benchmark (issue 21): a backfill of BTC_REF (one-hour window, six exchanges, per-source volume-weighted medians for
// the 10% deviation rule, twelve 5-minute partitions, exact-half rule, mean, rounded half-up) over 10,000,000
// generated observations spread over 30 fixing dates, by the TypeScript runtime (the baseline: the CSV streamed
// through the push parser, then computeIndex per date) and by the methodology compiled to SQL on embedded DuckDB
// (2 threads), in the same run; both read the same CSV from disk, and their 30 values must be identical.
// Reported: wall time of each and rows per second. `TERMSHEET_BENCH_SQL_ROWS` changes the row count.
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundle, outDir, root, summary } from "./lib.mjs";

export default {
  name: "sql-engine",
  title: "BTC_REF backfill over 10M generated rows: TypeScript runtime vs DuckDB (SQL backend)",
  /** `quick`: a smoke run on 30,000 rows. */
  async run({ runs = 1, quick = false } = {}) {
    const rows = quick ? 30_000 : Number(process.env.TERMSHEET_BENCH_SQL_ROWS ?? 10_000_000);
    const m = await import(pathToFileURL(await bundle("sql-engine.ts", { external: ["@duckdb/node-api"] })).href);
    const index = m.loadIndex(join(root, "test/cases/compiled/indices/BTC_REF.json"), "BTC_REF");
    const dates = Array.from({ length: 30 }, (_, i) => `2026-04-${String(i + 1).padStart(2, "0")}`);
    mkdirSync(outDir, { recursive: true });
    const csv = join(outDir, `sql-engine-${rows}.csv`);
    // Written under a temporary name first: a run stopped half-way must not leave a short file to be reused.
    if (!existsSync(csv)) {
      m.generateCsv(`${csv}.${process.pid}.tmp`, index, dates, rows);
      renameSync(`${csv}.${process.pid}.tmp`, csv);
    }
    const ts = [],
      duck = [];
    let a, b;
    for (let r = 0; r < runs; r++) {
      let t = process.hrtime.bigint();
      a = m.runtimeBackfill(csv, index, dates);
      ts.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      b = await m.duckdbBackfill(csv, index, dates);
      duck.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the engines disagree: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    const rate = (ms) => Math.round(rows / (ms / 1000));
    const tsMs = summary(`runtime (TypeScript), ${rows} rows`, ts);
    const duckMs = summary(`DuckDB (SQL backend), ${rows} rows`, duck);
    return {
      rows: [tsMs, duckMs],
      targets: [
        { what: "runtime rows per second", value: rate(tsMs.median_ms), unit: "" },
        { what: "DuckDB rows per second", value: rate(duckMs.median_ms), unit: "" },
        { what: "DuckDB time / runtime time", value: Math.round((duckMs.median_ms / tsMs.median_ms) * 100) / 100, unit: "x" },
      ],
      notes: [`values identical on ${dates.length} dates`],
    };
  },
};
