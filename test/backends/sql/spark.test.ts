/**
 * Spark against DuckDB and the TypeScript runtime (issue 21: "a differential test runs the TypeScript runtime, DuckDB
 * and Spark on the same generated data ... and requires identical values and identical exclusion decisions"). For
 * every methodology the SQL backend compiles, the generator's data (ties, exact halves, exclusions, empty
 * partitions, days without enough sources) on several seeds is backfilled on DuckDB by the built CLI and on Spark in
 * local mode by the PySpark job the CLI writes (`backfill --job`): the two fixings.csv and the two certificates.csv
 * must be identical byte for byte, each fixing must be the runtime's (`computeIndex`) value or failure kind, and each
 * certificate row (a source's observations, value, use and exclusion reasons; a non-constituent's count) the
 * runtime's certificate. Bad input on Spark gets the runtime parser's first error (kind, file, line, field) and no
 * output. Spark's start-up is most of a small job's time, so every job runs in one Spark session
 * (spark-batch.py, one spark-submit); one more spark-submit runs a bad input through `backfill --engine spark` end
 * to end (the CLI's own error report). Runs only with TERMSHEET_SPARK=1 (.ci/run, after scripts/install-spark.sh),
 * never in `npm test`.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
const SUBMIT_PATH = process.env["TERMSHEET_SPARK_SUBMIT"] ?? join(repoRoot, ".spark/spark-submit");
const SUBMIT = { TERMSHEET_SPARK_SUBMIT: SUBMIT_PATH };
/** Local mode on two cores, few shuffle partitions (the data is small), no UI; a small JVM that starts fast. */
const LOCAL = [
  "--master",
  process.env["TERMSHEET_SPARK_MASTER"] ?? "local[2]",
  "--driver-memory",
  "1g",
  "--driver-java-options",
  "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m",
  "--conf",
  "spark.ui.enabled=false",
  "--conf",
  "spark.sql.shuffle.partitions=2",
  "--conf",
  "spark.default.parallelism=2",
];
const specOf = (name: string) => join(repoRoot, `test/cases/compiled/indices/${name}.json`);

/** The methodologies the SQL backend compiles (test/backends/sql/unsupported.test.ts lists the others), as differential.test.ts samples them. */
const CASES = [
  { name: "BTC_REF", from: "2020-12-28", to: "2021-01-03", base: 30000, decimals: 2, perDay: 400, seeds: [1, 3, 5] },
  { name: "GAS_DAY", from: "2026-03-26", to: "2026-03-31", base: 80, decimals: 3, perDay: 200, seeds: [2, 4, 6] },
];
const RUNS = CASES.flatMap((c) => c.seeds.map((seed) => ({ ...c, seed, key: `${c.name}-${seed}` })));
const sources = (index: Index) => [...new Set(index.sources.map((s) => s.value.name))].sort();

const HEAD = "time,source,price,volume,instrument\n";
const BAD: Record<string, string> = {
  "missing-column.csv": "time,source,price\n2026-03-27T06:00:00Z,ICE_ENDEX,80.1\n",
  "not-decimal.csv": HEAD + "2026-03-27T06:00:00Z,ICE_ENDEX,80.125,5,NBP-WD\n2026-03-27T06:00:01Z,ICE_ENDEX,8e1,5,NBP-WD\n",
  "no-offset.csv": HEAD + "2026-03-27T06:00:00Z,ICE_ENDEX,80.125,5,NBP-WD\n2026-03-27T06:00:01,ICE_ENDEX,80.125,5,NBP-WD\n",
  "unknown-source.csv": HEAD + "2026-03-27T06:00:00Z,ICE_ENDEX,80.125,5,NBP-WD\n2026-03-27T06:00:02Z,NOWHERE,80.5,5,NBP-WD\n",
};
const BAD_FILES = Object.keys(BAD);

interface JobError {
  readonly kind: string;
  readonly file: string;
  readonly line: number;
  readonly field: string | null;
}
let f: ReturnType<typeof fixture>;
/** Per task of the batch (RUNS, then BAD_FILES): the job's typed errors and what it printed. */
let batch: { errors: JobError[]; stderr: string }[] = [];
let batchProblem = "";
/** What the runtime's results of the samples showed: values, failures, exclusions. */
const seen = new Set<string>();

/**
 * Runs a long child process without blocking the test worker's event loop (a synchronous spawn of a Spark job blocks
 * it for minutes, and vitest then reports its own RPC calls as timed out).
 */
function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const base: NodeJS.ProcessEnv = { ...process.env, TERMSHEET_CACHE: "off" };
    delete base.NO_COLOR;
    delete base.FORCE_COLOR;
    const child = spawn(command, args, { cwd, env: { ...base, ...env }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      stderr = (stderr + d).slice(-65536);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

/** Writes the PySpark job of a backfill (`--job`: nothing runs). */
function writeJob(job: string, spec: string, from: string, to: string): void {
  const r = termsheet(["backfill", specOf(spec), "--from", from, "--to", to, "--observations", "x.csv", "--out", "x", "--job", job], f.dir);
  if (r.code !== 0) throw new Error(r.stderr);
}

beforeAll(async () => {
  if (!ON) return;
  ensureBuilt();
  const files: Record<string, string> = { ...BAD };
  for (const r of RUNS)
    files[`${r.key}.csv`] = generate(compiled(r.name), datesBetween(r.from, r.to)!, r.seed, r.perDay, r.base, r.decimals).csv;
  f = fixture(files);
  for (const c of CASES) writeJob(`${c.name}.py`, c.name, c.from, c.to);
  writeJob("bad.py", "GAS_DAY", "2026-03-27", "2026-03-27");
  const tasks = [
    ...RUNS.map((r) => ({
      job: join(f.dir, `${r.name}.py`),
      observations: join(f.dir, `${r.key}.csv`),
      out: join(f.dir, `${r.key}-spark`),
    })),
    ...BAD_FILES.map((file) => ({ job: join(f.dir, "bad.py"), observations: join(f.dir, file), out: join(f.dir, `out-${file}`) })),
  ];
  writeFileSync(join(f.dir, "tasks.json"), JSON.stringify(tasks));
  const s = await run(
    SUBMIT_PATH,
    [...LOCAL, join(repoRoot, "test/backends/sql/spark-batch.py"), join(f.dir, "tasks.json"), join(f.dir, "results.json")],
    f.dir,
  );
  if (s.code !== 0) batchProblem = `spark-submit exited ${s.code}\n${s.stderr.slice(-4000)}`;
  else batch = JSON.parse(readFileSync(join(f.dir, "results.json"), "utf8")) as typeof batch;
}, 1_800_000);
afterAll(() => f?.cleanup());

/** The runtime's certificate of each date as the backfill writes its rows (date,source,observations,value,used,excluded). */
function runtimeCertificates(index: Index, csv: string, dates: readonly string[]): { fixings: string[]; certificates: string[] } {
  const parsed = parseObservations(csv, { file: "obs.csv", sources: sources(index) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors[0]));
  const fixings: string[] = [];
  const certificates: string[] = [];
  for (const date of dates) {
    const r = computeIndex(index, parsed.value, { date });
    fixings.push(r.ok ? `${date},${r.value.toString()}` : `${date},failed:${r.failure.kind}`);
    const c = r.certificate;
    for (const s of c.sources) {
      const reasons = [...new Set(c.exclusions.filter((e) => e.source === s.name).map((e) => e.reason))].sort();
      certificates.push([date, s.name, s.observations, s.value ?? "", s.used, reasons.join(" ")].join(","));
    }
    for (const e of c.exclusions)
      if (e.reason === "not-a-constituent") certificates.push([date, e.source, /^(\d+)/.exec(e.detail)![1], "", false, e.reason].join(","));
  }
  return { fixings, certificates: certificates.sort() };
}

/** A written certificates.csv as sorted rows, each row's reasons sorted (the runtime's certificate has no row order to match). */
function certificateRows(text: string): string[] {
  return text
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => {
      const cells = l.split(",");
      cells[5] = cells[5]!.split(" ").sort().join(" ");
      return cells.join(",");
    })
    .sort();
}

describe.runIf(ON)("Spark in local mode gives DuckDB's and the runtime's fixings and exclusions", () => {
  it("runs every job in one Spark session", () => {
    expect(batchProblem).toBe("");
    expect(batch).toHaveLength(RUNS.length + BAD_FILES.length);
  });

  RUNS.forEach((c, k) =>
    it(`${c.name} ${c.from}..${c.to}, seed ${c.seed}`, () => {
      expect(batch[k]?.errors, batch[k]?.stderr).toEqual([]);
      const args = ["backfill", specOf(c.name), "--from", c.from, "--to", c.to, "--observations", `${c.key}.csv`];
      const duck = termsheet([...args, "--engine", "duckdb", "--out", `${c.key}-duckdb`], f.dir);
      expect(duck.code, duck.stderr).toBe(0);
      const read = (engine: string, file: string) => readFileSync(join(f.dir, `${c.key}-${engine}`, file), "utf8");
      for (const file of ["fixings.csv", "certificates.csv"]) expect(read("spark", file)).toBe(read("duckdb", file));
      const want = runtimeCertificates(compiled(c.name), readFileSync(join(f.dir, `${c.key}.csv`), "utf8"), datesBetween(c.from, c.to)!);
      const got = read("spark", "fixings.csv")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => {
          const [d, , value, , failure] = l.split(",");
          return value === "" ? `${d},failed:${failure}` : `${d},${value}`;
        });
      expect(got).toEqual(want.fixings);
      expect(certificateRows(read("spark", "certificates.csv"))).toEqual(want.certificates);
      for (const x of want.fixings) seen.add(x.includes("failed:") ? "failure" : "value");
      if (want.certificates.some((x) => !x.endsWith(","))) seen.add("exclusion");
    }),
  );

  it("the samples have values, failures and exclusions", () => {
    expect([...seen].sort()).toEqual(["exclusion", "failure", "value"]);
  });

  BAD_FILES.forEach((file, k) =>
    it(`bad input ${file}: the runtime's first error, nothing written`, () => {
      const want = parseObservations(BAD[file]!, { file, sources: sources(compiled("GAS_DAY")) });
      if (want.ok) throw new Error("the runtime accepts it");
      const e = want.errors[0]!;
      const got = batch[RUNS.length + k]!.errors[0];
      expect(got).toMatchObject({ kind: e.kind, file: join(f.dir, file), line: e.line, field: e.field });
      expect(existsSync(join(f.dir, `out-${file}`))).toBe(false);
    }),
  );

  it("backfill --engine spark reports a bad input as the runtime does (FILE:LINE: field:), exit 1, nothing written", async () => {
    const file = "not-decimal.csv";
    const want = parseObservations(BAD[file]!, { file, sources: sources(compiled("GAS_DAY")) });
    if (want.ok) throw new Error("the runtime accepts it");
    const e = want.errors[0]!;
    const args = ["backfill", specOf("GAS_DAY"), "--from", "2026-03-27", "--to", "2026-03-27", "--observations", file];
    const r = await run(
      process.execPath,
      [join(repoRoot, "bin", "termsheet.js"), ...args, "--engine", "spark", "--out", "cli-out"],
      f.dir,
      {
        ...SUBMIT,
        TERMSHEET_SPARK_PARTITIONS: "2",
      },
    );
    expect(r.code, r.stderr).toBe(1);
    // `FILE:LINE: ...` naming the file as given (the job reports the absolute path of the file it read).
    expect(r.stderr).toContain(`${join(f.dir, file)}:${e.line}: ${e.field === null ? "" : `${e.field}: `}`);
    expect(existsSync(join(f.dir, "cli-out"))).toBe(false);
  }, 900_000);
});
