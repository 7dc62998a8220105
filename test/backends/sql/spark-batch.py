"""Many backfill jobs in one Spark session (test/backends/sql/spark.test.ts): Spark's start-up (the JVM, the session,
the first queries' code generation) is most of a small job's time, so the differential test runs every job that
`termsheet backfill --job FILE` wrote in one `spark-submit spark-batch.py TASKS RESULTS` instead of one spark-submit
each. TASKS is a JSON list of {"job", "observations", "out"}; each job file is loaded as a module (its own payload)
and its `run(spark, observations, out)` called with the shared session, exactly as its own `main` does; RESULTS gets
a JSON list of {"errors", "stderr"}: the runtime's typed errors the job found (nothing written then) and what the
job printed. A job that raises (not a typed error) stops the batch with its exception, as it would stop spark-submit.
"""
import contextlib
import io
import json
import runpy
import sys


def main(argv):
    tasks = json.load(open(argv[1], encoding="utf-8"))
    spark = None
    results = []
    for t in tasks:
        job = runpy.run_path(t["job"], run_name="termsheet_job")
        if spark is None:
            spark = job["session"]()
        printed = io.StringIO()
        with contextlib.redirect_stderr(printed):
            errors = job["run"](spark, t["observations"], t["out"])
        results.append({"errors": errors, "stderr": printed.getvalue()})
        print("spark-batch: %s %s: %s" % (t["job"], t["observations"], "%d error(s)" % len(errors) if errors else "ok"), file=sys.stderr)
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)
    if spark is not None:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv)
