/**
 * `termsheet backfill --engine spark` (issue 21): the methodology compiled to Spark SQL inside a PySpark job
 * (src/backends/sql/spark-job.ts), written with `--job FILE` for `spark-submit` on a cluster, or run here by
 * spark-submit in local mode (TERMSHEET_SPARK_SUBMIT, else `.spark/spark-submit` made by scripts/install-spark.sh,
 * else `spark-submit` on the PATH; TERMSHEET_SPARK_MASTER, else `local[2]`). The job's bad-input errors come back
 * as the runtime's typed errors (kind, file, line, field); the job writes its result to a temporary folder renamed
 * into place, so a failed run leaves nothing that looks complete.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { ERROR_MARK, sparkJob } from "../backends/sql/spark-job.js";
import type { MarketDataError, MarketDataErrorKind } from "../runtime/market-data/index.js";
import type { Index } from "../runtime/spec.js";
import { engineProblem, errorMessage, indexSources } from "./duckdb-engine.js";
import { ExitCode } from "./exit-codes.js";
import { failure } from "./report.js";
import type { System } from "./system.js";

/** The spark-submit to run. */
export function sparkSubmit(sys: System): string {
  const configured = sys.env("TERMSHEET_SPARK_SUBMIT");
  if (configured !== undefined && configured !== "") return configured;
  const local = resolve(".spark/spark-submit");
  return existsSync(local) ? local : "spark-submit";
}

/** The typed errors the job printed (one JSON line each after the marker). */
export function jobErrors(stderr: string): MarketDataError[] {
  const out: MarketDataError[] = [];
  for (const line of stderr.split("\n")) {
    if (!line.startsWith(ERROR_MARK)) continue;
    const e = JSON.parse(line.slice(ERROR_MARK.length)) as {
      kind: MarketDataErrorKind;
      file: string;
      line: number;
      field: string | null;
      value: string | null;
      header?: string;
    };
    out.push({ kind: e.kind, file: e.file, line: e.line, field: e.field, message: errorMessage(e.kind, e.value, e.header) });
  }
  return out;
}

/**
 * Runs spark-submit; its exit code and output. spark-submit's PythonRunner copies the job's standard error to its own
 * standard output, so the job's lines (errors, summary) are looked for in both, standard output first.
 */
export function runSparkSubmit(submit: string, args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(submit, [...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 127;
      done({ code, stderr: String(stdout) + String(stderr) + (error !== null && typeof error.code !== "number" ? error.message : "") });
    });
  });
}

export async function backfillOnSpark(
  index: Index,
  dates: readonly string[],
  observations: string,
  out: string,
  jobFile: string | undefined,
  sys: System,
): Promise<number> {
  const made = sparkJob(index, dates, indexSources(index), sys.version, { observations, out });
  if ("code" in made) return engineProblem({ ok: false, unsupported: made }, sys);
  if ("error" in made) return failure(sys, made.error);
  if (jobFile !== undefined) {
    const w = sys.writeFiles(dirname(jobFile), [{ path: basename(jobFile), text: made.job }]);
    if (!w.ok) return failure(sys, `cannot write to \`${jobFile}\`: ${w.reason}`);
    sys.write("stderr", `wrote ${jobFile}; run it with \`spark-submit ${jobFile} [OBSERVATIONS OUT]\`\n`);
    return ExitCode.Ok;
  }
  const dir = mkdtempSync(join(tmpdir(), "termsheet-spark-"));
  try {
    const file = join(dir, "job.py");
    writeFileSync(file, made.job);
    const master = sys.env("TERMSHEET_SPARK_MASTER") ?? "local[2]";
    const r = await runSparkSubmit(sparkSubmit(sys), [
      "--master",
      master,
      "--conf",
      "spark.ui.enabled=false",
      "--conf",
      `spark.sql.shuffle.partitions=${sys.env("TERMSHEET_SPARK_PARTITIONS") ?? "4"}`,
      file,
      resolve(observations),
      resolve(out),
    ]);
    const errors = jobErrors(r.stderr);
    if (errors.length > 0) return engineProblem({ ok: false, errors }, sys);
    if (r.code !== 0) {
      const tail = r.stderr
        .split("\n")
        .filter((l) => /Error|Exception|error:/.test(l) && !/^\s+at /.test(l))
        .slice(0, 5);
      return failure(sys, `the Spark job failed (exit ${r.code}): ${tail.join(" | ") || r.stderr.slice(-2000)}`);
    }
    const summary = r.stderr.split("\n").find((l) => l.startsWith(`${index.name}: `));
    sys.write("stderr", `${summary ?? `${index.name}: wrote ${out}`}\n`);
    return ExitCode.Ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
