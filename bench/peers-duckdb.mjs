// DuckDB's side of bench/peers.mjs, run in a fresh process: `read FILE` loads the CSV (or Parquet) into a table (every
// column parsed), `parquet CSV OUT` writes the CSV as Parquet, `index FILE` computes the BTC_REF-style index value with the best query (volume summed per price before
// the running sum) and prints it in cents. @duckdb/node-api is installed by bench/peers.mjs into bench/out/peers/.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { outDir } from "./lib.mjs";

const require = createRequire(join(outDir, "peers", "package.json"));
const { DuckDBInstance } = await import(pathToFileURL(require.resolve("@duckdb/node-api")).href);

const [mode, file, start, instruments] = process.argv.slice(2);
const quoted = `'${file.replace(/'/g, "''")}'`;
const readCsv = `read_csv(${quoted}, header = true, auto_detect = false, columns = {'time': 'TIMESTAMP', 'source': 'VARCHAR', 'price': 'DECIMAL(18,2)', 'volume': 'DECIMAL(18,8)', 'instrument': 'VARCHAR'})`;
// A Parquet file (written by `parquet` below) has its time as a TIMESTAMP adjusted to UTC (TIMESTAMPTZ), read back as
// a plain TIMESTAMP in UTC from its epoch microseconds, whatever the session's time zone.
const csv = file.endsWith(".parquet")
  ? `(SELECT make_timestamp(epoch_us(time)) AS time, source, price, volume, instrument FROM read_parquet(${quoted}))`
  : readCsv;

/**
 * The methodology in SQL, exact: prices as DECIMAL(18,2), volumes as DECIMAL(18,8) (sums are exact DECIMAL(38,8)),
 * values in thousandths of a dollar as BIGINT (a mean of two straddling prices is a half cent). The window is one
 * hour from `start` (UTC), each source's rows of its first instrument (`instruments`: source=instrument pairs); each
 * source's volume-weighted median over the hour, the deviation exclusion against the median of the others
 * (10 |2x − 2m| > 2m, exact), twelve 5-minute partitions of the kept sources' rows, the volume-weighted median of
 * each (exact half: the mean of that price and the next higher), the mean of the non-empty partitions rounded
 * half-up to the cent: (S + 5k) div 10k cents for a sum S of k values in thousandths.
 */
function indexQuery() {
  const pairs = instruments
    .split(",")
    .map((p) => p.split("="))
    .map(([s, i]) => `('${s}', '${i}')`)
    .join(", ");
  const vwm = (key) => `
    SELECT ${key}, arg_min(CASE WHEN 2 * cum = tot AND nxt IS NOT NULL THEN CAST((price + nxt) * 500 AS BIGINT) ELSE CAST(price * 1000 AS BIGINT) END, price) AS val
    FROM (
      SELECT ${key}, price, sum(v) OVER (PARTITION BY ${key} ORDER BY price) AS cum, sum(v) OVER (PARTITION BY ${key}) AS tot,
             lead(price) OVER (PARTITION BY ${key} ORDER BY price) AS nxt
      FROM per_price_${key}
    ) WHERE 2 * cum >= tot GROUP BY ${key}`;
  return `
    WITH wanted(source, instrument) AS (VALUES ${pairs}),
    t AS (
      SELECT time, source, price, volume FROM ${csv}
      WHERE time >= TIMESTAMP '${start}' AND time < TIMESTAMP '${start}' + INTERVAL 1 HOUR
        AND (source, instrument) IN (SELECT (source, instrument) FROM wanted)
    ),
    per_price_source AS (SELECT source, price, sum(volume) AS v FROM t GROUP BY source, price),
    by_source AS (${vwm("source")}),
    deviation AS (
      SELECT a.source, a.val, (SELECT median(b.val) FROM by_source b WHERE b.source <> a.source) AS med FROM by_source a
    ),
    kept AS (SELECT source FROM deviation WHERE 10 * abs(2 * val - 2 * med) <= 2 * med),
    per_price_k AS (
      SELECT CAST(floor((epoch_us(time) - epoch_us(TIMESTAMP '${start}')) / 300000000) AS INTEGER) AS k, price, sum(volume) AS v
      FROM t WHERE source IN (SELECT source FROM kept) GROUP BY k, price
    ),
    by_k AS (${vwm("k")})
    SELECT CAST((sum(val) + 5 * count(*)) // (10 * count(*)) AS BIGINT) AS cents, count(*) AS intervals FROM by_k`;
}

const instance = await DuckDBInstance.create(":memory:");
const conn = await instance.connect();
if (mode === "parquet") {
  // `parquet CSV OUT`: the CSV as Parquet, as an archive of trades keeps it: time a TIMESTAMP adjusted to UTC, price
  // and volume exact DECIMALs (INT64 with scale 2 and 8), the names text; DuckDB's default row groups and SNAPPY.
  const out = `'${start.replace(/'/g, "''")}'`;
  // The CSV's times are UTC: cast to TIMESTAMPTZ in UTC (without ICU, DuckDB's TIMESTAMPTZ is UTC anyway).
  await conn.run("SET TimeZone = 'UTC'").catch(() => undefined);
  await conn.run(
    `COPY (SELECT CAST(time AS TIMESTAMPTZ) AS time, source, price, volume, instrument FROM ${readCsv}) TO ${out} (FORMAT parquet, COMPRESSION snappy)`,
  );
} else if (mode === "read") {
  await conn.run(`CREATE TABLE trades AS SELECT * FROM ${csv}`);
  const rows = (await conn.runAndReadAll("SELECT count(*) FROM trades")).getRows();
  process.stdout.write(`${rows[0][0]}\n`);
} else {
  const rows = (await conn.runAndReadAll(indexQuery())).getRows();
  const cents = BigInt(rows[0][0]);
  process.stdout.write(`${cents / 100n}.${String(cents % 100n).padStart(2, "0")}\n`);
}
