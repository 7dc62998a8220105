/**
 * The differences between the SQL dialects the index methodologies compile to, in one place (issue 21): the
 * compiler (`to-sql.ts`, `load-sql.ts`) writes one plan through these functions, so DuckDB and Spark SQL state the
 * same exact arithmetic. Every value is an integer: a 128-bit HUGEINT on DuckDB, a DECIMAL(38, 0) on Spark (run with
 * ANSI mode on and no loss of decimal precision, so an overflow is an error of the engine, never a rounded value);
 * division is integer division of non-negative operands, whose result both engines truncate.
 */

/** The name of a dialect, as `--dialect` and `--engine` take it. */
export type DialectName = "duckdb" | "spark";

export const DIALECTS: readonly DialectName[] = ["duckdb", "spark"];

export interface Dialect {
  readonly name: DialectName;
  /** The exact integer type of numerators and denominators. */
  readonly int: string;
  /** The text type. */
  readonly text: string;
  /** A string literal. */
  str(s: string): string;
  /** An integer literal of the exact integer type. */
  big(n: bigint | number): string;
  /** A cast. */
  cast(x: string, type: string): string;
  /** Integer division of non-negative operands (truncating). */
  div(a: string, b: string): string;
  /** A table computed once and read by the next statements. */
  table(name: string, query: string): string;
  /** A table of literal rows with named columns. */
  values(rows: readonly string[], columns: readonly string[]): string;
  /** The value of `x` at the row where `by` is least. */
  minBy(x: string, by: string): string;
  /** `x` without the characters `chars` at its start / end. */
  ltrim(x: string, chars: string): string;
  rtrim(x: string, chars: string): string;
  /** True when the whole of `x` matches the regular expression `re` (written in the syntax both engines share). */
  fullMatch(x: string, re: string): string;
  /** True when some part of `x` matches `re`. */
  partMatch(x: string, re: string): string;
  /** The epoch microseconds of midnight UTC of a DATE. */
  dateMicros(date: string): string;
  /** A quoted column name. */
  ident(name: string): string;
  /** The file an observation row came from (a column of `ts_raw` on Spark; the one file on DuckDB). */
  readonly rowFile: string;
}

const sqlQuote = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export const DUCKDB: Dialect = {
  name: "duckdb",
  int: "HUGEINT",
  text: "VARCHAR",
  str: sqlQuote,
  big: (n) => `${n.toString()}::HUGEINT`,
  cast: (x, type) => `CAST(${x} AS ${type})`,
  div: (a, b) => `((${a}) // (${b}))`,
  table: (name, query) => `CREATE OR REPLACE TEMP TABLE ${name} AS ${query}`,
  values: (rows, columns) => `SELECT * FROM (VALUES ${rows.join(", ")}) v(${columns.join(", ")})`,
  minBy: (x, by) => `arg_min(${x}, ${by})`,
  ltrim: (x, chars) => `ltrim(${x}, ${sqlQuote(chars)})`,
  rtrim: (x, chars) => `rtrim(${x}, ${sqlQuote(chars)})`,
  fullMatch: (x, re) => `regexp_full_match(${x}, ${sqlQuote(re)})`,
  partMatch: (x, re) => `regexp_matches(${x}, ${sqlQuote(re)})`,
  dateMicros: (date) => `epoch_us(CAST(${date} AS TIMESTAMP))`,
  ident: (name) => `"${name}"`,
  rowFile: "NULL::VARCHAR",
};

/** Spark SQL reads backslashes in string literals as escapes: both it and the quote are escaped. */
const sparkQuote = (s: string): string => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

export const SPARK: Dialect = {
  name: "spark",
  int: "DECIMAL(38,0)",
  text: "STRING",
  str: sparkQuote,
  big: (n) => `CAST(${n.toString()} AS DECIMAL(38,0))`,
  cast: (x, type) => `CAST(${x} AS ${type})`,
  // `div` of two DECIMAL(38, 0) is a BIGINT (an error in ANSI mode when it does not fit); back to the exact type.
  div: (a, b) => `CAST((${a}) div (${b}) AS DECIMAL(38,0))`,
  // A view: the job computes each once and cuts it from the plans it reads (a local checkpoint, spark-job.ts), since
  // Spark's analyzer would otherwise expand every earlier view at every read.
  table: (name, query) => `CREATE OR REPLACE TEMPORARY VIEW ${name} AS ${query}`,
  values: (rows, columns) => `SELECT * FROM VALUES ${rows.join(", ")} AS v(${columns.join(", ")})`,
  minBy: (x, by) => `min_by(${x}, ${by})`,
  ltrim: (x, chars) => `TRIM(LEADING ${sparkQuote(chars)} FROM ${x})`,
  rtrim: (x, chars) => `TRIM(TRAILING ${sparkQuote(chars)} FROM ${x})`,
  // RLIKE finds a match anywhere: anchored at the start and at the very end (`\z`, not `$`, which allows a newline).
  fullMatch: (x, re) => `(${x} RLIKE ${sparkQuote(`^(?:${re})\\z`)})`,
  partMatch: (x, re) => `(${x} RLIKE ${sparkQuote(re)})`,
  dateMicros: (date) => `(CAST(unix_date(${date}) AS BIGINT) * 86400000000)`,
  ident: (name) => `\`${name}\``,
  rowFile: "file",
};

export function dialectOf(name: DialectName): Dialect {
  return name === "spark" ? SPARK : DUCKDB;
}
