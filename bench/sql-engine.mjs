// Benchmark (issue 21): a backfill of BTC_REF (one-hour window, six exchanges, per-source volume-weighted medians for
// the 10% deviation rule, twelve 5-minute partitions, exact-half rule, mean, rounded half-up) over generated
// observations spread over 30 fixing dates (April 2026), stored as Parquet (DuckDB writes it: about 10 bytes a row),
// by the TypeScript runtime (the baseline, in process: the file read row group by row group into the push parser,
// then computeIndex per date), by `termsheet backfill --engine duckdb` (embedded DuckDB, 2 threads) and by
// `termsheet backfill --engine spark` (spark-submit in local mode, local[2]; when scripts/install-spark.sh has made
// .spark/ or TERMSHEET_SPARK_SUBMIT names one), in the same run; the engines' 30 values must be the runtime's.
// Reported: wall time of each (the engines' from the command's start, JVM and all) and rows per second.
// `TERMSHEET_BENCH_SQL_ROWS` is a comma-separated list of row counts (default 10,000,000; the figures in
// bench/README.md also ran 100,000,000); the runtime is skipped above `TERMSHEET_BENCH_SQL_RUNTIME_MAX` rows (default
// 100,000,000: it holds every row in memory) and Spark when `TERMSHEET_BENCH_SPARK=0`. The Parquet files stay in
// bench/out/ (gitignored) for the next run; delete them after.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundle, median, outDir, root, summary, timeSpawn } from "./lib.mjs";

const bin = join(root, "bin", "termsheet.js");
const spec = join(root, "test/cases/compiled/indices/BTC_REF.json");

/** The values of a backfill's fixings.csv (a failure as `failed KIND`, as the runtime's list has it). */
function fixingValues(dir) {
  return readFileSync(join(dir, "fixings.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => {
      const [, , value, , failure] = l.split(",");
      return value === "" ? `failed ${failure}` : value;
    });
}

const TIME = "/usr/bin/time";

/**
 * One `termsheet backfill --engine ENGINE` over the file: wall time, CPU time (user + system of the command and its
 * children: DuckDB's threads, the JVM) and peak resident memory by /usr/bin/time where it exists; its values,
 * checked against the runtime's.
 */
function engineRun(engine, file, dates, want) {
  const out = join(outDir, `sql-engine-${engine}-out`);
  rmSync(out, { recursive: true, force: true });
  const env = engine === "spark" ? { TERMSHEET_SPARK_PARTITIONS: "8" } : {};
  const args = [bin, "backfill", spec, "--from", dates[0], "--to", dates.at(-1), "--observations", file, "--engine", engine, "--out", out];
  const timed = existsSync(TIME);
  const r = timed
    ? timeSpawn(TIME, ["-f", "TERMSHEET-TIME %U %S %M", process.execPath, ...args], env)
    : timeSpawn(process.execPath, args, env);
  if (r.status !== 0) throw new Error(`${engine}: exit ${r.status}: ${r.stderr.slice(-2000)}`);
  const got = fixingValues(out);
  rmSync(out, { recursive: true, force: true });
  if (want !== undefined && JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(`${engine} disagrees with the runtime: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  const t = /TERMSHEET-TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return {
    ms: r.ms,
    cpuMs: t ? (Number(t[1]) + Number(t[2])) * 1000 : undefined,
    rssMiB: t ? Math.round(Number(t[3]) / 1024) : undefined,
    values: got,
  };
}

export default {
  name: "sql-engine",
  title: "BTC_REF backfill over 10M (and 100M) generated Parquet rows: TypeScript runtime, DuckDB and Spark local",
  /** `quick`: a smoke run on 30,000 rows, without Spark. */
  async run({ runs = 1, quick = false } = {}) {
    const counts = quick ? [30_000] : (process.env.TERMSHEET_BENCH_SQL_ROWS ?? "10000000").split(",").map(Number);
    const runtimeMax = Number(process.env.TERMSHEET_BENCH_SQL_RUNTIME_MAX ?? 100_000_000);
    const submit = process.env.TERMSHEET_SPARK_SUBMIT ?? join(root, ".spark/spark-submit");
    const spark = !quick && process.env.TERMSHEET_BENCH_SPARK !== "0" && existsSync(submit);
    const m = await import(pathToFileURL(await bundle("sql-engine.ts", { external: ["@duckdb/node-api"] })).href);
    const index = m.loadIndex(spec, "BTC_REF");
    const dates = Array.from({ length: 30 }, (_, i) => `2026-04-${String(i + 1).padStart(2, "0")}`);
    mkdirSync(outDir, { recursive: true });
    const rows = [],
      targets = [],
      notes = [];
    for (const count of counts) {
      const file = join(outDir, `sql-engine-${count}.parquet`);
      // Written under a temporary name first: a run stopped half-way must not leave a short file to be reused.
      if (!existsSync(file)) {
        await m.generateParquet(`${file}.${process.pid}.tmp`, index, dates, count);
        renameSync(`${file}.${process.pid}.tmp`, file);
      }
      const perDay = Math.floor(count / dates.length) * dates.length;
      const times = { runtime: [], duckdb: [], spark: [] };
      const cpu = { runtime: [], duckdb: [], spark: [] };
      const rss = { runtime: [], duckdb: [], spark: [] };
      let want;
      for (let r = 0; r < runs; r++) {
        if (count <= runtimeMax) {
          const t = process.hrtime.bigint(),
            c = process.cpuUsage();
          want = m.runtimeBackfillParquet(file, index, dates);
          times.runtime.push(Number(process.hrtime.bigint() - t) / 1e6);
          const used = process.cpuUsage(c);
          cpu.runtime.push((used.user + used.system) / 1000);
          rss.runtime.push(Math.round(process.resourceUsage().maxRSS / 1024));
        }
        for (const engine of spark ? ["duckdb", "spark"] : ["duckdb"]) {
          const e = engineRun(engine, file, dates, want);
          times[engine].push(e.ms);
          if (e.cpuMs !== undefined) cpu[engine].push(e.cpuMs);
          if (e.rssMiB !== undefined) rss[engine].push(e.rssMiB);
          want ??= e.values;
        }
      }
      const rate = (ms) => Math.round(perDay / (ms / 1000));
      for (const [engine, label] of [
        ["runtime", "runtime (TypeScript, in process)"],
        ["duckdb", "backfill --engine duckdb"],
        ["spark", "backfill --engine spark (local[2])"],
      ]) {
        if (times[engine].length === 0) continue;
        const s = summary(`${label}, ${perDay} rows`, times[engine]);
        rows.push(s);
        targets.push({ what: `${engine} rows per second (wall), ${perDay} rows`, value: rate(s.median_ms), unit: "" });
        if (cpu[engine].length > 0) {
          rows.push(summary(`${label}, ${perDay} rows: CPU time`, cpu[engine]));
          targets.push({ what: `${engine} rows per CPU second, ${perDay} rows`, value: rate(median(cpu[engine])), unit: "" });
          targets.push({ what: `${engine} peak resident memory, ${perDay} rows`, value: Math.max(...rss[engine]), unit: "MiB" });
        }
      }
      notes.push(
        `${perDay} rows: the engines' values identical to ${times.runtime.length > 0 ? "the runtime's" : "DuckDB's"} on ${dates.length} dates`,
      );
    }
    return { rows, targets, notes };
  },
};
