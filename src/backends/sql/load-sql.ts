/**
 * Observations read by the SQL engine exactly as the runtime's parser reads them (src/runtime/market-data/): a CSV
 * with the header `time,source,price,volume[,instrument[,part]]` (or a Parquet file with those columns), each row
 * checked with the runtime's rules and the same typed error kinds (a missing field, a time without an offset, a
 * price that is not a decimal or is negative, too many decimals, an unknown source, rows out of time order, a
 * duplicate row), naming the line; then the table `ts_obs` of exact integer coefficients at one scale per column
 * (`ts_scale`). The engine stops at the errors: nothing is computed from a file with one.
 */
import { INPUT_PRECISION } from "../../runtime/numbers/decimal.js";

const str = (s: string): string => `'${s.replaceAll("'", "''")}'`;

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

function numberChecks(field: "price" | "volume"): string {
  const f = `"${field}"`;
  const frac = `rtrim(split_part(${f}, '.', 2), '0')`;
  const digits = `ltrim(replace(split_part(ltrim(${f}, '-'), '.', 1) || ${frac}, '.', ''), '0')`;
  return `SELECT line, '${field}' AS field, ${f} AS value, CASE
    WHEN ${f} IS NULL OR ${f} = '' THEN 'missing-field'
    WHEN NOT regexp_full_match(${f}, '${DECIMAL_RE}') THEN 'invalid-number'
    WHEN length(${frac}) > ${INPUT_PRECISION.scale} OR length(${digits}) > 16 OR (length(${digits}) = 16 AND ${digits} > '9007199254740991') THEN 'precision-out-of-range'
    WHEN ${f} LIKE '-%' AND regexp_matches(${f}, '[1-9]') THEN 'negative-value' END AS kind FROM ts_raw`;
}

/** The query of the first errors (line, field, kind), in line order; empty when the file is good. */
export function checkSql(sources: readonly string[] | undefined, limit = 100): string {
  const time = `"time"`;
  const checks = [
    `SELECT line, 'time' AS field, ${time} AS value, CASE WHEN ${time} IS NULL OR ${time} = '' THEN 'missing-field'
      WHEN NOT regexp_full_match(${time}, '${TIME_RE}') THEN 'invalid-time'
      WHEN try_cast(substr(${time}, 1, 10) AS DATE) IS NULL OR substr(${time}, 1, 4)::INT NOT BETWEEN 1900 AND 2199
        OR substr(${time}, 12, 2)::INT > 23 OR substr(${time}, 15, 2)::INT > 59 OR substr(${time}, 18, 2)::INT > 59
        OR NOT regexp_full_match(coalesce(substr(regexp_extract(${time}, '\\.(\\d+)', 1) || '000000000', 7, 3), '000'), '0*') THEN 'invalid-time' END AS kind FROM ts_raw`,
    `SELECT line, 'source' AS field, "source" AS value, CASE WHEN "source" IS NULL OR "source" = '' THEN 'missing-field'
      ${sources === undefined ? "" : `WHEN "source" NOT IN (${sources.map(str).join(", ")}) THEN 'unknown-source'`} END AS kind FROM ts_raw`,
    numberChecks("price"),
    numberChecks("volume"),
  ];
  return `SELECT line, field, value, kind FROM (${checks.join("\nUNION ALL ")}) WHERE kind IS NOT NULL ORDER BY line, field LIMIT ${limit}`;
}

/** The statements that build `ts_obs` and `ts_scale` from a checked `ts_raw`, then the order and duplicate checks. */
export function obsSql(): { readonly build: readonly string[]; readonly order: string } {
  const frac = (f: string) => `rtrim(split_part("${f}", '.', 2), '0')`;
  const coef = (f: string, scale: string) => `CAST(split_part(ltrim("${f}", '-'), '.', 1) || rpad(${frac(f)}, ${scale}, '0') AS HUGEINT)`;
  const micros = `(epoch_us(CAST(substr("time", 1, 10) AS DATE)::TIMESTAMP) + substr("time", 12, 2)::BIGINT * 3600000000 + substr("time", 15, 2)::BIGINT * 60000000
    + substr("time", 18, 2)::BIGINT * 1000000 + coalesce(substr(regexp_extract("time", '\\.(\\d+)', 1) || '000000', 1, 6), '0')::BIGINT
    - CASE WHEN "time" LIKE '%Z' THEN 0 ELSE (CASE WHEN substr("time", -6, 1) = '-' THEN -1 ELSE 1 END) * (substr("time", -5, 2)::BIGINT * 60 + substr("time", -2, 2)::BIGINT) * 60000000 END)`;
  return {
    build: [
      `CREATE OR REPLACE TEMP TABLE ts_scale AS SELECT ps, vs, CAST('1' || repeat('0', ps) AS HUGEINT) AS pw FROM (
        SELECT coalesce(max(length(${frac("price")})), 0)::INT AS ps, coalesce(max(length(${frac("volume")})), 0)::INT AS vs FROM ts_raw)`,
      `CREATE OR REPLACE TEMP TABLE ts_obs AS SELECT line, ${micros} AS t, "source" AS source,
        ${coef("price", "(SELECT ps FROM ts_scale)")} AS pc, ${coef("volume", "(SELECT vs FROM ts_scale)")} AS vc,
        nullif("instrument", '') AS instrument, nullif("part", '') AS part FROM ts_raw`,
    ],
    order: `SELECT line, field, NULL AS value, kind FROM (
      SELECT line, 'time' AS field, 'unsorted' AS kind FROM (SELECT line, t, lag(t) OVER (ORDER BY line) AS prev FROM ts_obs) WHERE t < prev
      UNION ALL SELECT line, NULL, 'duplicate' FROM (SELECT line, row_number() OVER (PARTITION BY t, source, pc, vc, instrument, part ORDER BY line) AS n FROM ts_obs) WHERE n > 1)
      ORDER BY line LIMIT 100`,
  };
}
