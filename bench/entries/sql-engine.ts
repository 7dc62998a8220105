// The stand-in of bench/sql-engine.mjs: BTC_REF's backfill over a generated CSV by the TypeScript runtime (the file
// streamed in 1 MiB pieces through the push parser, then computeIndex for each date) and by the DuckDB engine
// (src/cli/duckdb-engine.ts), and the generator of the CSV.
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { runIndexOnDuckDb } from "../../src/cli/duckdb-engine.js";
import { dayOf } from "../../src/backends/sql/plan.js";
import { computeIndex } from "../../src/runtime/engine/index-computation.js";
import { createObservationParser } from "../../src/runtime/market-data/index.js";
import { readParquetObservations } from "../../src/runtime/market-data/parquet.js";
import type { Index } from "../../src/runtime/spec.js";
import { isoMicros } from "../../src/runtime/engine/selection.js";

export function loadIndex(path: string, name: string): Index {
  return (JSON.parse(readFileSync(path, "utf8")) as { indices: Record<string, Index> }).indices[name]!;
}

/** `rows` observations of BTC_REF's six exchanges, spread evenly over the windows of `dates`, in time order. */
export function generateCsv(path: string, index: Index, dates: readonly string[], rows: number): void {
  const fd = openSync(path, "w");
  const names = ["BITSTAMP", "COINBASE", "GEMINI", "ITBIT", "KRAKEN", "LMAX_DIGITAL"];
  const instruments = ["BTC/USD", "BTC-USD", "BTCUSD", "XBTUSD", "XBT/USD", "BTC/USD"];
  let buf = "time,source,price,volume,instrument\n";
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const perDay = Math.floor(rows / dates.length);
  for (const date of dates) {
    const d = dayOf(index, date);
    if ("error" in d) throw new Error(d.error);
    const step = Math.max(1, Math.floor((d.windowEnd - d.windowStart) / perDay));
    for (let j = 0; j < perDay; j++) {
      const t = d.windowStart + j * step;
      const s = j % 6;
      const price = (3000000 + Math.floor(rnd() * 20000)) / 100;
      const v = rnd();
      const volume = v < 0.6 ? "1" : v < 0.8 ? "2" : (Math.floor(v * 400) / 100).toFixed(2);
      buf += `${isoMicros(t - (t % 1_000_000)).slice(0, 19)}.${String(t % 1_000_000).padStart(6, "0")}Z,${names[s]},${price.toFixed(2)},${volume},${instruments[s]}\n`;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = "";
      }
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}

/** The runtime: the file streamed through the push parser, then every date; the values. */
export function runtimeBackfill(path: string, index: Index, dates: readonly string[]): string[] {
  const names = [...new Set(index.sources.map((s) => s.value.name))].sort();
  const parser = createObservationParser({ file: path, sources: names });
  const fd = openSync(path, "r");
  const chunk = Buffer.alloc(1 << 20);
  const decoder = new TextDecoder();
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    parser.push(decoder.decode(chunk.subarray(0, n), { stream: true }));
  }
  closeSync(fd);
  const obs = parser.end();
  if (!obs.ok) throw new Error(JSON.stringify(obs.errors.slice(0, 2)));
  return dates.map((date) => {
    const r = computeIndex(index, obs.value, { date });
    return r.ok ? r.value.toString() : `failed ${r.failure.kind}`;
  });
}

/** The DuckDB engine over the same file and dates; the values. */
export async function duckdbBackfill(path: string, index: Index, dates: readonly string[]): Promise<string[]> {
  const r = await runIndexOnDuckDb(index, dates, path, [...new Set(index.sources.map((s) => s.value.name))].sort());
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.fixings.map((f) => f.value ?? `failed ${f.failure}`);
}

/**
 * `rows` observations of BTC_REF's six exchanges as Parquet, written by DuckDB itself (a 100M-row CSV would be about
 * 7 GB; this is about a tenth): the same shape as {@link generateCsv} (each date's rows spread evenly over its
 * window, the exchanges in turn, prices 30000.00 to 30199.99, volumes 1, 2 or up to 3.99) from a hash of the row
 * number instead of the CSV's generator, in time order. `time` is the ISO 8601 text with microseconds and `Z`,
 * `price` and `volume` are DECIMAL(18, 2): every engine reads them exactly.
 */
export async function generateParquet(path: string, index: Index, dates: readonly string[], rows: number): Promise<void> {
  const perDay = Math.floor(rows / dates.length);
  const ws: string[] = [],
    steps: string[] = [];
  for (const date of dates) {
    const d = dayOf(index, date);
    if ("error" in d) throw new Error(d.error);
    ws.push(String(d.windowStart));
    steps.push(String(Math.max(1, Math.floor((d.windowEnd - d.windowStart) / perDay))));
  }
  const mod = await import("@duckdb/node-api");
  const db = await mod.DuckDBInstance.create(":memory:", { threads: "2" });
  const c = await db.connect();
  const names = "['BITSTAMP', 'COINBASE', 'GEMINI', 'ITBIT', 'KRAKEN', 'LMAX_DIGITAL']";
  const instruments = "['BTC/USD', 'BTC-USD', 'BTCUSD', 'XBTUSD', 'XBT/USD', 'BTC/USD']";
  // A projection of range() alone (no join, no sort): DuckDB keeps the row order (preserve_insertion_order).
  await c.run(`COPY (
    SELECT strftime(make_timestamp([${ws.join(", ")}][k + 1] + j * [${steps.join(", ")}][k + 1]), '%Y-%m-%dT%H:%M:%S.%fZ') AS time,
      (${names})[j % 6 + 1] AS source,
      CAST((3000000 + hash(i * 2) % 20000) / 100 AS DECIMAL(18, 2)) AS price,
      CAST(CASE WHEN v < 0.6 THEN 1 WHEN v < 0.8 THEN 2 ELSE floor(v * 400) / 100 END AS DECIMAL(18, 2)) AS volume,
      (${instruments})[j % 6 + 1] AS instrument
    FROM (SELECT i, i // ${perDay} AS k, i % ${perDay} AS j, (hash(i * 2 + 1) % 10000) / 10000.0 AS v FROM range(${perDay * dates.length}) t(i))
  ) TO '${path.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION snappy)`);
  c.closeSync();
}

/** The runtime over a Parquet file: read row group by row group into the push parser, then every date; the values. */
export function runtimeBackfillParquet(path: string, index: Index, dates: readonly string[]): string[] {
  const names = [...new Set(index.sources.map((s) => s.value.name))].sort();
  const fd = openSync(path, "r");
  const size = fstatSync(fd).size;
  const obs = readParquetObservations(
    { size, readAt: (buffer, position) => readSync(fd, buffer, 0, buffer.length, position) },
    { file: path, sources: names, compressors: {} },
  );
  closeSync(fd);
  if (!obs.ok) throw new Error(JSON.stringify(obs.errors.slice(0, 2)));
  return dates.map((date) => {
    const r = computeIndex(index, obs.value, { date });
    return r.ok ? r.value.toString() : `failed ${r.failure.kind}`;
  });
}
