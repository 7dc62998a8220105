/**
 * The SQL backend against the TypeScript runtime, the reference (issue 21: "every engine must give the same value,
 * to the last decimal, and the same exclusion decisions"): for every methodology of specs/indices/ the SQL compiler
 * supports, generated observations with ties, exact halves of the cumulative volume, exclusions, empty partitions
 * and days without enough sources are computed by `computeIndex` and by the compiled SQL on embedded DuckDB, and
 * every fixing (value or failure kind), every source's observations, value, use and exclusion reasons, every
 * interval's value and every non-constituent count must be identical. A methodology the compiler does not support
 * must be refused with E6170 naming the construct. Bad input gets the runtime parser's error kinds and lines.
 * A fast sample runs here; .ci/run runs more dates and seeds (TERMSHEET_SQL_DIFF=full).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { datesBetween } from "../../../src/backends/sql/plan.js";
import { runIndexOnDuckDb } from "../../../src/cli/duckdb-engine.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import type { Index } from "../../../src/runtime/spec.js";
import { generate } from "./generate.js";

const ROOT = join(import.meta.dirname, "../../..");
const compiled = (name: string): Index =>
  (JSON.parse(readFileSync(join(ROOT, `test/cases/compiled/indices/${name}.json`), "utf8")) as { indices: Record<string, Index> }).indices[
    name
  ]!;
const FULL = process.env["TERMSHEET_SQL_DIFF"] === "full";
const dir = mkdtempSync(join(tmpdir(), "termsheet-sql-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each supported methodology with the dates (across a version change and a clock change) and a price level. */
const SUPPORTED: {
  name: string;
  from: string;
  to: string;
  base: number;
  decimals: number;
  perDay: number;
  seed: number;
  exercises: string[];
}[] = [
  // Version 1.0 until 2020-12-31 (five exchanges), 2.0 from 2021-01-01 (LMAX Digital and the 10% deviation rule).
  {
    name: "BTC_REF",
    from: "2020-12-28",
    to: FULL ? "2021-01-20" : "2021-01-03",
    base: 30000,
    decimals: 2,
    perDay: FULL ? 3000 : 400,
    seed: 1,
    exercises: [
      "value",
      "failure:insufficient-sources",
      "excluded:deviation",
      "excluded:instrument",
      "excluded:no-data",
      "not-a-constituent",
      "skipped-interval",
      "exact-half",
    ],
  },
  // The gas day across the spring clock change (23 hours) of 2026-03-29.
  {
    name: "GAS_DAY",
    from: "2026-03-26",
    to: FULL ? "2026-04-10" : "2026-03-31",
    base: 80,
    decimals: 3,
    perDay: FULL ? 2000 : 200,
    seed: 2,
    exercises: ["value", "excluded:instrument", "excluded:no-data"],
  },
];

function specSources(index: Index): string[] {
  return [...new Set(index.sources.map((s) => s.value.name))].sort();
}

/** The runtime's decisions in the shape the engine reports. */
function runtime(index: Index, csv: string, dates: readonly string[]) {
  const parsed = parseObservations(csv, { file: "obs.csv", sources: specSources(index) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return dates.map((date) => {
    const r = computeIndex(index, parsed.value, { date });
    const c = r.certificate;
    return {
      date,
      failure: r.ok ? null : r.failure.kind,
      value: r.ok ? r.value.toString() : null,
      sources: c.sources.map((s) => ({
        name: s.name,
        observations: s.observations,
        value: s.value,
        used: s.used,
        excluded: [...new Set(c.exclusions.filter((e) => e.source === s.name).map((e) => e.reason))].sort(),
      })),
      intervals: c.partitions.flatMap((p, i) => (p.value === null ? [] : [{ i, trades: p.trades, value: p.value }])),
      foreign: c.exclusions
        .filter((e) => e.reason === "not-a-constituent")
        .map((e) => ({ source: e.source, count: Number(/^(\d+)/.exec(e.detail)![1]) })),
    };
  });
}

/** The cases each index's seeds exercised, as `NAME case`. */
const covered = new Set<string>();

describe("the SQL backend on DuckDB gives the runtime's values and exclusions", () => {
  for (const m of SUPPORTED) {
    const seeds = process.env["TERMSHEET_SQL_DIFF_SEEDS"]?.split(",").map(Number) ?? (FULL ? [1, 2, 3, 4, 5, 6, 7, 8] : [m.seed]);
    for (const seed of seeds) {
      it(`${m.name} ${m.from}..${m.to}, seed ${seed}`, async () => {
        const index = compiled(m.name);
        const dates = datesBetween(m.from, m.to)!;
        const g = generate(index, dates, seed, m.perDay, m.base, m.decimals);
        const file = join(dir, `${m.name}-${seed}.csv`);
        writeFileSync(file, g.csv);
        const want = runtime(index, g.csv, dates);
        const got = await runIndexOnDuckDb(index, dates, file, specSources(index));
        if (!got.ok) throw new Error(JSON.stringify(got));
        expect(got.rows).toBe(g.rows);
        const engine = dates.map((date) => {
          const f = got.fixings.find((x) => x.date === date)!;
          return {
            date,
            failure: f.failure,
            value: f.value,
            sources: got.sources
              .filter((s) => s.date === date)
              .map((s) => ({
                name: s.name,
                observations: s.observations,
                value: s.value?.toString() ?? null,
                used: s.used,
                excluded: [...s.excluded].sort(),
              })),
            intervals: got.intervals
              .filter((x) => x.date === date && x.value !== null)
              .map((x) => ({ i: x.i, trades: x.trades, value: x.value!.toString() })),
            foreign: got.foreign.filter((x) => x.date === date).map((x) => ({ source: x.source, count: x.count })),
          };
        });
        expect(engine).toEqual(want);
        // The sample exercises what it claims: values and failures, exclusions, exact halves.
        const seen = exercised(want);
        if (process.env["TERMSHEET_SQL_DIFF_SHOW"]) console.log(m.name, seed, JSON.stringify(seen));
        // The fast sample's seed is one that exercises every case listed (checked here, so a change of the generator
        // that loses one fails); the full run checks equality on every seed.
        if (!FULL && seed === m.seed) for (const k of m.exercises) expect(seen[k], k).toBeGreaterThan(0);
        for (const [k, n] of Object.entries(seen)) if (n > 0) covered.add(`${m.name} ${k}`);
      });
    }
    // The full run's dates and volumes differ from the fast sample's, so no one seed is calibrated for them: together
    // its seeds must still exercise every case listed.
    if (FULL)
      it(`${m.name}: the seeds together exercise every case listed`, () => {
        for (const k of m.exercises) expect(covered.has(`${m.name} ${k}`), k).toBe(true);
      });
  }
});

/** What the generated runtime results exercise: each must happen at least once in the sample. */
export function exercised(results: ReturnType<typeof runtime>): Record<string, number> {
  const count: Record<string, number> = {};
  const add = (k: string) => (count[k] = (count[k] ?? 0) + 1);
  for (const r of results) {
    add(r.failure === null ? "value" : `failure:${r.failure}`);
    for (const s of r.sources) for (const e of s.excluded) add(`excluded:${e}`);
    if (r.foreign.length > 0) add("not-a-constituent");
    if (r.value !== null && r.intervals.length > 0 && r.intervals.length < 12) add("skipped-interval");
    // A value with more decimals than any price (two) is the mean of two straddling prices: an exact half.
    for (const i of r.intervals) if (/\.\d{3}$/.test(i.value)) add("exact-half");
  }
  return count;
}
