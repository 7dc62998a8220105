/**
 * The fixed-seed sample of `npm test`: mutants `from` to `from + count − 1` of SAMPLE_SEED through the fuzzer
 * (fuzz.ts), in a worker with the watchdog; the test fails on any failure not on the known-open list
 * (known-open.ts), printing its signature and its delta-debugged reproducer. The 2,000 mutants are cut into four
 * test files of 500 (sample-1.test.ts … sample-4.test.ts) that vitest runs side by side; `.ci/run` runs 20,000
 * with `npm run fuzz`.
 */
import { expect, it } from "vitest";
import { readCorpus } from "./corpus.js";
import { fuzz } from "./fuzz.js";

/** The seed of the sample. */
export const SAMPLE_SEED = 20_261_206;
/** Mutants per test file. */
export const SLICE = 500;

/** Declares the test of one slice of the sample. */
export function sampleSlice(slice: number): void {
  const from = slice * SLICE;
  it(`mutants ${from}-${from + SLICE - 1} of seed ${SAMPLE_SEED} parse, check, build, load and settle without an internal error, exception, abort or hang`, async () => {
    const summary = await fuzz(readCorpus(), { seed: SAMPLE_SEED, from, count: SLICE, workers: 1, modules: "sample" });
    const fresh = summary.groups.filter((g) => g.knownOpen === undefined);
    const report = fresh.map(
      (g) =>
        `${g.count} × ${g.signature}\n  mutant ${g.mutant.index} of ${g.mutant.path} (${g.mutant.mutations.join("; ")})\n  reproducer (as ${g.mutant.path}):\n${g.reproducer}`,
    );
    expect(report).toEqual([]);
    expect(summary.ok + summary.diagnostics + summary.failures).toBe(SLICE);
    // Some mutants reach settlement, so the later stages are exercised at all.
    expect(summary.ok).toBeGreaterThan(SLICE / 20);
  }, 600_000);
}
