/**
 * Spark against DuckDB and the TypeScript runtime (issue 21: "a differential test runs the TypeScript runtime, DuckDB
 * and Spark on the same generated data ... and requires identical values and identical exclusion decisions"). For
 * every methodology the SQL backend compiles, the generator's data (ties, exact halves, exclusions, empty
 * partitions, days without enough sources) is backfilled by the built CLI on DuckDB and on Spark in local mode: the
 * two fixings.csv and the two certificates.csv must be identical byte for byte, and each fixing must be the
 * runtime's (`computeIndex`) value or failure kind; DuckDB's certificates are the runtime's by
 * differential.test.ts on the same generator. Bad input on Spark gets the runtime parser's first error (kind,
 * file, line, field) and no output. Spark is slow to start: this runs only with TERMSHEET_SPARK=1 (.ci/run, after
 * scripts/install-spark.sh), never in `npm test`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datesBetween } from "../../../src/backends/sql/plan.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import type { Index } from "../../../src/runtime/spec.js";
import { ensureBuilt, fixture, repoRoot, termsheet } from "../../cli/helpers.js";
import { generate } from "./generate.js";

const ON = process.env["TERMSHEET_SPARK"] === "1";
const compiled = (name: string): Index =>
  (JSON.parse(readFileSync(join(repoRoot, `test/cases/compiled/indices/${name}.json`), "utf8")) as { indices: Record<string, Index> })
    .indices[name]!;
/** The spark-submit that scripts/install-spark.sh made, unless one is named (the CLI runs in a temporary folder). */
const SUBMIT = { TERMSHEET_SPARK_SUBMIT: process.env["TERMSHEET_SPARK_SUBMIT"] ?? join(repoRoot, ".spark/spark-submit") };
const specOf = (name: string) => join(repoRoot, `test/cases/compiled/indices/${name}.json`);

/** The methodologies the SQL backend compiles (test/backends/sql/unsupported.test.ts lists the others), as differential.test.ts samples them. */
const CASES = [
  { name: "BTC_REF", from: "2020-12-28", to: "2021-01-03", base: 30000, decimals: 2, perDay: 400, seed: 1 },
  { name: "GAS_DAY", from: "2026-03-26", to: "2026-03-31", base: 80, decimals: 3, perDay: 200, seed: 2 },
];
const sources = (index: Index) => [...new Set(index.sources.map((s) => s.value.name))].sort();

let f: ReturnType<typeof fixture>;
const HEAD = "time,source,price,volume,instrument\n";
const BAD: Record<string, string> = {
  "missing-column.csv": "time,source,price\n2026-03-27T06:00:00Z,ICE_ENDEX,80.1\n",
  "not-decimal.csv": HEAD + "2026-03-27T06:00:00Z,ICE_ENDEX,80.125,5,NBP-WD\n2026-03-27T06:00:01Z,ICE_ENDEX,8e1,5,NBP-WD\n",
  "no-offset.csv": HEAD + "2026-03-27T06:00:00Z,ICE_ENDEX,80.125,5,NBP-WD\n2026-03-27T06:00:01,ICE_ENDEX,80.125,5,NBP-WD\n",
  "unknown-source.csv": HEAD + "2026-03-27T06:00:00Z,ICE_ENDEX,80.125,5,NBP-WD\n2026-03-27T06:00:02Z,NOWHERE,80.5,5,NBP-WD\n",
};

beforeAll(() => {
  if (!ON) return;
  ensureBuilt();
  const files: Record<string, string> = { ...BAD };
  for (const c of CASES)
    files[`${c.name}.csv`] = generate(compiled(c.name), datesBetween(c.from, c.to)!, c.seed, c.perDay, c.base, c.decimals).csv;
  f = fixture(files);
});
afterAll(() => f?.cleanup());

describe.runIf(ON)("Spark in local mode gives DuckDB's and the runtime's fixings and exclusions", () => {
  for (const c of CASES)
    it(`${c.name} ${c.from}..${c.to}`, () => {
      const args = ["backfill", specOf(c.name), "--index", c.name, "--from", c.from, "--to", c.to, "--observations", `${c.name}.csv`];
      const duck = termsheet([...args, "--engine", "duckdb", "--out", `${c.name}-duckdb`], f.dir);
      expect(duck.code, duck.stderr).toBe(0);
      const spark = termsheet([...args, "--engine", "spark", "--out", `${c.name}-spark`], f.dir, SUBMIT);
      expect(spark.code, spark.stderr).toBe(0);
      for (const file of ["fixings.csv", "certificates.csv"])
        expect(readFileSync(join(f.dir, `${c.name}-spark`, file), "utf8")).toBe(
          readFileSync(join(f.dir, `${c.name}-duckdb`, file), "utf8"),
        );
      const index = compiled(c.name);
      const parsed = parseObservations(readFileSync(join(f.dir, `${c.name}.csv`), "utf8"), { file: "obs.csv", sources: sources(index) });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors[0]));
      const rows = readFileSync(join(f.dir, `${c.name}-spark/fixings.csv`), "utf8")
        .trim()
        .split("\n")
        .slice(1);
      const seen = new Set<string>();
      for (const [k, date] of datesBetween(c.from, c.to)!.entries()) {
        const r = computeIndex(index, parsed.value, { date });
        const [d, , value, , failure] = rows[k]!.split(",");
        expect(d).toBe(date);
        if (r.ok) expect(value).toBe(r.value.toString());
        else expect(failure).toBe(r.failure.kind);
        seen.add(r.ok ? "value" : "failure");
      }
      // The sample has both values and failures.
      expect([...seen].sort()).toEqual(["failure", "value"]);
    }, 900_000);

  it.each(Object.keys(BAD))(
    "bad input %s: the runtime's first error, nothing written",
    (file) => {
      const gas = compiled("GAS_DAY");
      const want = parseObservations(BAD[file]!, { file, sources: sources(gas) });
      if (want.ok) throw new Error("the runtime accepts it");
      const e = want.errors[0]!;
      const out = `out-${file}`;
      const r = termsheet(
        [
          "backfill",
          specOf("GAS_DAY"),
          "--from",
          "2026-03-27",
          "--to",
          "2026-03-27",
          "--observations",
          file,
          "--engine",
          "spark",
          "--out",
          out,
        ],
        f.dir,
        SUBMIT,
      );
      expect(r.code, r.stderr).toBe(1);
      // `FILE:LINE: ...` naming the file as given (the job reports the absolute path of the file it read).
      expect(r.stderr).toContain(`${join(f.dir, file)}:${e.line}: ${e.field === null ? "" : `${e.field}: `}`);
      expect(existsSync(join(f.dir, out))).toBe(false);
    },
    600_000,
  );
});
