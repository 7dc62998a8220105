/**
 * Observations read by the SQL engine exactly as the runtime's parser reads them (src/runtime/market-data/): a CSV
 * with the header `time,source,price,volume[,instrument[,part]]` (or a Parquet file with those columns), each row
 * checked with the runtime's rules and the same typed error kinds (a missing field, a time without an offset, a
 * price that is not a decimal or is negative, too many decimals, an unknown source, rows out of time order, a
 * duplicate row), naming the line; then the table `ts_obs` of exact integer coefficients at one scale per column
 * (`ts_scale`). The engine stops at the errors: nothing is computed from a file with one.
 */
import { INPUT_PRECISION } from "../../runtime/numbers/decimal.js";
import { DUCKDB, type Dialect } from "./dialect.js";

const str = DUCKDB.str;

/** The time pattern of the runtime's parser (common.ts `TIME_RE`), with the groups SQL reads. */
const TIME_RE = String.raw`(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})`;
const DECIMAL_RE = String.raw`-?\d+(\.\d+)?`;

/** The statement that reads the file into `ts_raw(line, time, source, price, volume, instrument, part)`, all text. */
export function readSql(file: string, format: "csv" | "parquet", columns: readonly string[] | undefined): string {
  const col = (c: string) => (columns === undefined || columns.includes(c) ? `CAST("${c}" AS VARCHAR)` : "NULL::VARCHAR");
  const from =
    format === "csv"
      ? `read_csv(${str(file)}, header = true, all_varchar = true, auto_detect = true, delim = ',', quote = '"', escape = '"', strict_mode = true)`
      : `read_parquet(${str(file)})`;
  const first = format === "csv" ? 2 : 1;
  // Columns not known in advance (`termsheet sql --observations`): the optional ones are filled in by name.
  const source =
    columns === undefined
      ? `(SELECT NULL::VARCHAR AS "instrument", NULL::VARCHAR AS "part" WHERE false UNION ALL BY NAME SELECT * FROM ${from})`
      : from;
  return `CREATE OR REPLACE TEMP TABLE ts_raw AS SELECT (row_number() OVER () + ${first - 1})::BIGINT AS line, ${[
    "time",
    "source",
    "price",
    "volume",
    "instrument",
    "part",
  ]
    .map((c) => `${col(c)} AS "${c}"`)
    .join(", ")} FROM ${source}`;
}

/** The statement that describes the file's columns (to report a missing column before reading). */
export function columnsSql(file: string, format: "csv" | "parquet"): string {
  return format === "csv"
    ? `SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv(${str(file)}, header = true, all_varchar = true, delim = ','))`
    : `SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(${str(file)}))`;
}

function numberChecks(D: Dialect, field: "price" | "volume"): string {
  const f = D.ident(field);
  const frac = D.rtrim(`split_part(${f}, '.', 2)`, "0");
  const digits = D.ltrim(`replace(split_part(${D.ltrim(f, "-")}, '.', 1) || ${frac}, '.', '')`, "0");
  return `SELECT ${D.rowFile} AS file, line, '${field}' AS field, ${f} AS value, CASE
    WHEN ${f} IS NULL OR ${f} = '' THEN 'missing-field'
    WHEN NOT ${D.fullMatch(f, DECIMAL_RE)} THEN 'invalid-number'
    WHEN length(${frac}) > ${INPUT_PRECISION.scale} OR length(${digits}) > 16 OR (length(${digits}) = 16 AND ${digits} > '9007199254740991') THEN 'precision-out-of-range'
    WHEN ${f} LIKE '-%' AND ${D.partMatch(f, "[1-9]")} THEN 'negative-value' END AS kind FROM ts_raw`;
}

/** The query of the first errors (file, line, field, kind), in file and line order; empty when the file is good. */
export function checkSql(sources: readonly string[] | undefined, limit = 100, D: Dialect = DUCKDB): string {
  const time = D.ident("time"),
    source = D.ident("source");
  const int = (x: string) => D.cast(x, "INT");
  const checks = [
    `SELECT ${D.rowFile} AS file, line, 'time' AS field, ${time} AS value, CASE WHEN ${time} IS NULL OR ${time} = '' THEN 'missing-field'
      WHEN NOT ${D.fullMatch(time, TIME_RE)} THEN 'invalid-time'
      WHEN try_cast(substr(${time}, 1, 10) AS DATE) IS NULL OR ${int(`substr(${time}, 1, 4)`)} NOT BETWEEN 1900 AND 2199
        OR ${int(`substr(${time}, 12, 2)`)} > 23 OR ${int(`substr(${time}, 15, 2)`)} > 59 OR ${int(`substr(${time}, 18, 2)`)} > 59
        OR NOT ${D.fullMatch(`coalesce(substr(regexp_extract(${time}, ${D.str(String.raw`\.(\d+)`)}, 1) || '000000000', 7, 3), '000')`, "0*")} THEN 'invalid-time' END AS kind FROM ts_raw`,
    `SELECT ${D.rowFile} AS file, line, 'source' AS field, ${source} AS value, CASE WHEN ${source} IS NULL OR ${source} = '' THEN 'missing-field'
      ${sources === undefined ? "" : `WHEN ${source} NOT IN (${sources.map(D.str).join(", ")}) THEN 'unknown-source'`} END AS kind FROM ts_raw`,
    numberChecks(D, "price"),
    numberChecks(D, "volume"),
  ];
  return `SELECT file, line, field, value, kind FROM (${checks.join("\nUNION ALL ")}) WHERE kind IS NOT NULL ORDER BY file, line, field LIMIT ${limit}`;
}

/** The statements that build `ts_obs` and `ts_scale` from a checked `ts_raw`, then the order and duplicate checks. */
export function obsSql(D: Dialect = DUCKDB): { readonly build: readonly string[]; readonly order: string } {
  const c = D.ident;
  const frac = (f: string) => D.rtrim(`split_part(${c(f)}, '.', 2)`, "0");
  const coef = (f: string, scale: string) => D.cast(`split_part(${D.ltrim(c(f), "-")}, '.', 1) || rpad(${frac(f)}, ${scale}, '0')`, D.int);
  const time = c("time");
  const big = (x: string) => D.cast(x, "BIGINT");
  const micros = `(${D.dateMicros(`CAST(substr(${time}, 1, 10) AS DATE)`)} + ${big(`substr(${time}, 12, 2)`)} * 3600000000 + ${big(`substr(${time}, 15, 2)`)} * 60000000
    + ${big(`substr(${time}, 18, 2)`)} * 1000000 + ${big(`coalesce(substr(regexp_extract(${time}, ${D.str(String.raw`\.(\d+)`)}, 1) || '000000', 1, 6), '0')`)}
    - CASE WHEN ${time} LIKE '%Z' THEN 0 ELSE (CASE WHEN substr(${time}, -6, 1) = '-' THEN -1 ELSE 1 END) * (${big(`substr(${time}, -5, 2)`)} * 60 + ${big(`substr(${time}, -2, 2)`)}) * 60000000 END)`;
  return {
    build: [
      D.table(
        "ts_scale",
        `SELECT ps, vs, ${D.cast(`'1' || repeat('0', ps)`, D.int)} AS pw FROM (
        SELECT ${D.cast(`coalesce(max(length(${frac("price")})), 0)`, "INT")} AS ps, ${D.cast(`coalesce(max(length(${frac("volume")})), 0)`, "INT")} AS vs FROM ts_raw)`,
      ),
      D.table(
        "ts_obs",
        `SELECT ${D.rowFile} AS file, line, ${micros} AS t, ${c("source")} AS source,
        ${coef("price", "(SELECT ps FROM ts_scale)")} AS pc, ${coef("volume", "(SELECT vs FROM ts_scale)")} AS vc,
        nullif(${c("instrument")}, '') AS instrument, nullif(${c("part")}, '') AS part FROM ts_raw`,
      ),
    ],
    // Time order within each file (the one file on DuckDB); duplicates across all of them.
    order: `SELECT file, line, field, NULL AS value, kind FROM (
      SELECT file, line, 'time' AS field, 'unsorted' AS kind FROM (SELECT file, line, t, lag(t) OVER (PARTITION BY file ORDER BY line) AS prev FROM ts_obs) WHERE t < prev
      UNION ALL SELECT file, line, NULL, 'duplicate' FROM (SELECT file, line, row_number() OVER (PARTITION BY t, source, pc, vc, instrument, part ORDER BY file, line) AS n FROM ts_obs) WHERE n > 1)
      ORDER BY file, line LIMIT 100`,
  };
}
