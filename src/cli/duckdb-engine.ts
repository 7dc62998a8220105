/**
 * The index methodology compiled to SQL (src/backends/sql/) run on embedded DuckDB over a CSV or Parquet file of
 * observations: the file is checked with the runtime parser's rules first (typed errors naming file, line and field;
 * nothing is computed from a file with an error), then the statements run and the result tables are read back as
 * plain data with exact values (HUGEINT numerators and denominators become {@link Ratio}s, the fixing is the SQL's
 * own rounded decimal string). `@duckdb/node-api` is an optional dependency imported only here and only when an
 * engine is asked for: the CLI starts, and every other command runs, without it.
 */
import { isArrow } from "./market-data-files.js";
import type { MarketDataError, MarketDataErrorKind } from "../runtime/market-data/index.js";
import { Ratio } from "../runtime/numbers/ratio.js";
import { pow10 } from "../runtime/numbers/integers.js";
import type { Index } from "../runtime/spec.js";
import { checkSql, columnsSql, obsSql, readSql } from "../backends/sql/load-sql.js";
import type { Unsupported } from "../backends/sql/plan.js";
import { CSV_HEADERS } from "../backends/sql/spark-job.js";
import { indexToSql } from "../backends/sql/to-sql.js";
import { formatMarketDataError } from "../runtime/market-data/common.js";
import { ExitCode } from "./exit-codes.js";
import { failure } from "./report.js";
import type { System } from "./system.js";

/** One fixing computed by the engine. */
export interface EngineFixing {
  readonly date: string;
  /** The failure kind (the runtime's IndexFailureKind), or null with a value. */
  readonly failure: string | null;
  readonly value: string | null;
  readonly unrounded: Ratio | null;
}

/** One source of one fixing's certificate. */
export interface EngineSource {
  readonly date: string;
  readonly name: string;
  readonly observations: number;
  readonly value: Ratio | null;
  readonly used: boolean;
  /** The reasons it or some of its rows were excluded, in the runtime's reason words. */
  readonly excluded: readonly string[];
}

/** What the engine computed over a date range. */
export interface EngineResult {
  readonly ok: true;
  readonly fixings: readonly EngineFixing[];
  readonly sources: readonly EngineSource[];
  /** Per date, the values of the intervals that had one (index, trades, value). */
  readonly intervals: readonly { readonly date: string; readonly i: number; readonly trades: number; readonly value: Ratio | null }[];
  /** Per date, the rows of sources that are not constituents that day. */
  readonly foreign: readonly { readonly date: string; readonly source: string; readonly count: number }[];
  readonly rows: number;
}

export type EngineOutcome =
  | EngineResult
  | { readonly ok: false; readonly errors: readonly MarketDataError[] }
  | { readonly ok: false; readonly unsupported: Unsupported }
  | { readonly ok: false; readonly message: string };

type Connection = {
  runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>;
  run(sql: string): Promise<unknown>;
};

/** The words of each error kind the checks find, as the runtime's parser words them. */
const MESSAGES: Partial<Record<MarketDataErrorKind, string>> = {
  "missing-field": "missing",
  "invalid-time": "expected an ISO 8601 time with seconds and an offset (e.g. 2026-03-27T15:00:00Z)",
  "invalid-number": "not a decimal number",
  "negative-value": "negative",
  "precision-out-of-range": "cannot be held exactly (more than 18 decimals or 2^53 − 1 as a coefficient)",
  "unknown-source": "not a source of the index",
  unsorted: "earlier than the previous row's time; rows must be in time order",
  duplicate: "duplicate row: same time, source, price, volume, instrument and part as an earlier row",
};

/** The words of an error the checks found, with the offending value (as the runtime's parser words them). */
export function errorMessage(kind: MarketDataErrorKind, value: unknown, header?: string): string {
  if (header !== undefined) return `the header must be \`${HEADERS[0]}\`, \`${HEADERS[1]}\` or \`${HEADERS[2]}\`, not \`${header}\``;
  const got = value === null || value === undefined ? "" : `, got ${JSON.stringify(String(value).slice(0, 40))}`;
  return `${MESSAGES[kind] ?? kind}${got}`;
}

function rowError(
  r: Record<string, unknown>,
  err: (kind: MarketDataErrorKind, line: number, field: string | null, message: string) => MarketDataError,
): MarketDataError {
  const kind = r["kind"] as MarketDataErrorKind;
  return err(kind, Number(r["line"]), (r["field"] as string | null) ?? null, errorMessage(kind, r["value"]));
}

/** Loads the optional DuckDB binding, or says how to install it. */
export async function connectDuckDb(): Promise<Connection | string> {
  let mod: { DuckDBInstance: { create(path: string, options?: Record<string, string>): Promise<{ connect(): Promise<Connection> }> } };
  try {
    mod = (await import("@duckdb/node-api")) as unknown as typeof mod;
  } catch {
    return "the DuckDB engine needs the optional package @duckdb/node-api: run `npm install @duckdb/node-api`";
  }
  const db = await mod.DuckDBInstance.create(":memory:", { threads: "2" });
  return db.connect();
}

const REQUIRED = ["time", "source", "price", "volume"] as const;
const HEADERS = CSV_HEADERS;

/** Runs an index over the observations file for the dates given. */
export async function runIndexOnDuckDb(
  index: Index,
  dates: readonly string[],
  file: string,
  sources: readonly string[] | undefined,
  con?: Connection,
): Promise<EngineOutcome> {
  const compiled = indexToSql(index, dates);
  if ("code" in compiled) return { ok: false, unsupported: compiled };
  if ("error" in compiled) return { ok: false, message: compiled.error };
  // DuckDB reads CSV and Parquet here; an Arrow file is read by the runtime's own reader (the default engine).
  if (isArrow(file)) {
    const message = "an Arrow file is not read by --engine duckdb (CSV and Parquet are); run without --engine to read it";
    return { ok: false, errors: [{ kind: "invalid-arrow", file, line: 0, field: null, message }] };
  }
  const c = con ?? (await connectDuckDb());
  if (typeof c === "string") return { ok: false, message: c };
  const format = /\.parquet$/i.test(file) ? "parquet" : "csv";
  const err = (kind: MarketDataErrorKind, line: number, field: string | null, message: string): MarketDataError => ({
    kind,
    file,
    line,
    field,
    message,
  });
  let columns: string[];
  try {
    columns = (await c.runAndReadAll(columnsSql(file, format))).getRowObjects().map((r) => String(r["column_name"]));
  } catch (e) {
    return { ok: false, errors: [err("malformed-row", 1, null, e instanceof Error ? e.message.split("\n")[0]! : String(e))] };
  }
  // The runtime's header rule: a CSV's columns are exactly time,source,price,volume[,instrument[,part]] in this order;
  // a Parquet file has at least the four (its columns are named, not ordered).
  const header = columns.join(",");
  const fits = format === "csv" ? HEADERS.includes(header) : REQUIRED.every((f) => columns.includes(f));
  if (!fits)
    return {
      ok: false,
      errors: [err("malformed-row", 1, null, errorMessage("malformed-row", null, header))],
    };
  await c.run(readSql(file, format, columns));
  const bad = (await c.runAndReadAll(checkSql(sources))).getRowObjects();
  if (bad.length > 0)
    return {
      ok: false,
      errors: bad.map((r) => rowError(r, err)),
    };
  const load = obsSql();
  for (const s of load.build) await c.run(s);
  const order = (await c.runAndReadAll(load.order)).getRowObjects();
  if (order.length > 0)
    return {
      ok: false,
      errors: order.map((r) => rowError(r, err)),
    };
  for (const s of compiled.statements) await c.run(s);
  const ps = Number((await c.runAndReadAll("SELECT ps FROM ts_scale")).getRowObjects()[0]!["ps"]);
  const rows = Number((await c.runAndReadAll("SELECT count(*) AS n FROM ts_obs")).getRowObjects()[0]!["n"]);
  const scale = pow10(ps);
  const ratio = (num: unknown, den: unknown): Ratio | null =>
    num === null || den === null || num === undefined ? null : Ratio.of(BigInt(num as bigint), BigInt(den as bigint) * scale);
  const fixings = (await c.runAndReadAll("SELECT * FROM ts_fixings ORDER BY d")).getRowObjects().map((r) => ({
    date: String(r["d"]),
    failure: (r["failure"] as string | null) ?? null,
    value: (r["value"] as string | null) ?? null,
    unrounded: ratio(r["unum"], r["uden"]),
  }));
  const srcs = (await c.runAndReadAll("SELECT * FROM ts_sources ORDER BY d, k")).getRowObjects().map((r) => ({
    date: String(r["d"]),
    name: String(r["name"]),
    observations: Number(r["observations"]),
    value: ratio(r["num"], r["den"]),
    used: r["used"] === true,
    excluded: String(r["excluded"] ?? "")
      .split(",")
      .filter((x) => x !== ""),
  }));
  const intervals = (await c.runAndReadAll("SELECT * FROM ts_intervals ORDER BY d, i")).getRowObjects().map((r) => ({
    date: String(r["d"]),
    i: Number(r["i"]),
    trades: Number(r["trades"]),
    value: ratio(r["num"], r["den"]),
  }));
  const foreign = (await c.runAndReadAll("SELECT * FROM ts_foreign ORDER BY d, source")).getRowObjects().map((r) => ({
    date: String(r["d"]),
    source: String(r["source"]),
    count: Number(r["n"]),
  }));
  return { ok: true, fixings, sources: srcs, intervals, foreign, rows };
}

/** Every source named by the index in any version: the observations may name no other (as `termsheet index`). */
export function indexSources(index: Index): string[] {
  return [...new Set(index.sources.map((s) => s.value.name))].sort();
}

/** Prints why an engine gave no result; the exit code. */
export function engineProblem(outcome: Exclude<EngineOutcome, EngineResult>, sys: System): number {
  if ("unsupported" in outcome) {
    sys.write("stderr", `error[${outcome.unsupported.code}]: ${outcome.unsupported.message}\n`);
    return ExitCode.UserError;
  }
  if ("errors" in outcome) {
    sys.write("stderr", outcome.errors.map(formatMarketDataError).join("\n") + "\n");
    return ExitCode.UserError;
  }
  return failure(sys, outcome.message);
}

/** `termsheet index --engine duckdb`: one date's fixing on the engine, printed as a short certificate. */
export async function engineIndex(index: Index, date: string, observations: string, sys: System): Promise<number> {
  const r = await runIndexOnDuckDb(index, [date], observations, indexSources(index));
  if (!r.ok) return engineProblem(r, sys);
  const f = r.fixings[0]!;
  const lines = [`${index.name} on ${date} (engine duckdb): ${f.value ?? `no value (${f.failure})`}`];
  if (f.unrounded !== null) lines.push(`  unrounded ${f.unrounded.toString()}`);
  for (const s of r.sources)
    lines.push(
      `  ${s.name}: ${s.observations} observation(s), value ${s.value?.toString() ?? "none"}, ${s.used ? "used" : "not used"}${s.excluded.length > 0 ? ` (excluded: ${s.excluded.join(", ")})` : ""}`,
    );
  for (const x of r.foreign) lines.push(`  ${x.source}: ${x.count} observation(s), not a constituent on ${date}`);
  sys.write("stdout", lines.join("\n") + "\n");
  return f.value === null ? ExitCode.UserError : ExitCode.Ok;
}
