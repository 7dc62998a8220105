/**
 * The per-interval pipeline of a partitioned window with `aggregate sources` (runtime/engine/per-interval.ts), on the
 * compiled BTC_EXP (specs/indices/btc-expiry.terms), a Deribit-style expiry price:
 *   "The sample exchanges are then benchmarked against the median price of the included exchanges. The values that
 *   fall outside the +/-0.5% range of the median price are adjusted to the closest bandwidth price limit.
 *   Consequently, the index is calculated as the equally-weighted average of these values." and "The price used for
 *   the settlement and delivery of contracts will be calculated as the time-weighted average of the Deribit index over
 *   the last 30 min before the expiry. The Deribit index gets calculated every 4 seconds."
 *   (Deribit, Prices of Virtual Assets, support.deribit.com/hc/en-us/articles/25954416110877)
 * The case's values are compared with the independent Python oracle's (test/oracles/btc_expiry.py); then the rules
 * around the pipeline: per-interval degradation rules, minimum trades and minimum sources per interval, and that a
 * partition without `aggregate sources` still pools the trades of every source.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Index as ModelIndex } from "../../../src/model/indices.js";
import { parseObservations } from "../../../src/runtime/market-data/index.js";
import { computeIndex } from "../../../src/runtime/engine/index-computation.js";
import type { AggregationMethod, Index } from "../../../src/runtime/spec.js";
import { ROOT, compileFiles } from "../../model/compile-helpers.js";
import { loadSpec } from "../../../src/model/load.js";
import { renderContract } from "../../../src/backends/legal/index.js";

function compiledIndex(path: string, name: string): Index {
  const r = compileFiles([path]);
  const file = r.files.find((f) => f.path === `indices/${name}.json`);
  if (file === undefined) throw new Error(`no compiled ${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return (JSON.parse(file.text) as { indices: Record<string, ModelIndex> }).indices[name]!;
}

const EXP = compiledIndex("specs/indices/btc-expiry.terms", "BTC_EXP");
const CASE = join(ROOT, "test/cases/settlement/BTC_EXP/index-per-interval");
const clause = <T>(value: T) => [{ effective: [{ from: null, until: null }], descriptions: [], clauses: [], value }];
const method = (name: AggregationMethod["name"], o: Partial<AggregationMethod> = {}): AggregationMethod => ({
  name,
  exactHalf: null,
  trim: null,
  capPercent: null,
  weightedBy: null,
  ...o,
});

function obs(text: string) {
  const r = parseObservations(text, { file: "t.csv" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const caseObs = () => obs(readFileSync(join(CASE, "observations.csv"), "utf8"));

describe("sources aggregated per interval, then the intervals (BTC_EXP)", () => {
  it("gives the independent oracle's interval values, unrounded and published values", () => {
    const oracle = JSON.parse(readFileSync(join(CASE, "oracle.json"), "utf8")) as {
      intervals: Record<string, string>;
      unrounded: string;
      value: string;
    };
    const r = computeIndex(EXP, caseObs(), { date: "2026-03-27" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.toString()).toBe(oracle.value);
    expect(r.certificate.unrounded).toBe(oracle.unrounded);
    const withValues = Object.fromEntries(r.certificate.partitions.flatMap((p, i) => (p.value === null ? [] : [[String(i + 1), p.value]])));
    expect(withValues).toEqual(oracle.intervals);
    expect(r.certificate.partitions).toHaveLength(450);
    expect(r.certificate.partitions[0]!.sources?.map((s) => [s.source, s.value])).toEqual([
      ["BITSTAMP", "101"],
      ["COINBASE", "100"],
      ["KRAKEN", "120"],
      ["LMAX_DIGITAL", "101"],
    ]);
  });

  it("differs from pooling the trades of every source per interval (the declared method is applied)", () => {
    // Interval 1 alone: per source then capped median gives 101; the mean of the five pooled trades would give 104.6.
    const rows = readFileSync(join(CASE, "observations.csv"), "utf8").split("\n").slice(0, 6).join("\n");
    // (Staleness is left out: these rows are 30 minutes old at the 08:00 fixing.)
    const perInterval = computeIndex({ ...EXP, excludeStale: [] }, obs(rows), { date: "2026-03-27" });
    const pooled = computeIndex({ ...EXP, aggregateSources: [], excludeStale: [] }, obs(rows), { date: "2026-03-27" });
    expect(perInterval.ok && perInterval.certificate.unrounded).toBe("101");
    expect(pooled.ok && pooled.certificate.unrounded).toBe("104.6");
    expect(pooled.ok && pooled.certificate.partitions[0]!.sources).toBeUndefined();
  });

  it("chooses the degradation rule by the number of source values in each interval", () => {
    // With 3 or more sources the capped median, with 1 to 2 the median (mean of the two middle values):
    // interval 1 has 4 sources (101), interval 2 one (102), interval 226 two (99.5), interval 450 four (102.9586875).
    const degraded: Index = {
      ...EXP,
      aggregateSources: clause(method("median")),
      degradation: [
        ...clause({ minSources: 3, maxSources: null, method: method("capped-median", { capPercent: "0.5" }) }),
        ...clause({ minSources: 1, maxSources: 2, method: method("mean") }),
      ],
    };
    const r = computeIndex(degraded, caseObs(), { date: "2026-03-27" });
    expect(r.ok && r.certificate.unrounded).toBe("101.364671875");
    // Without the rules, the plain median: interval 1 gives 101, interval 450 gives 103.05.
    const plain = computeIndex({ ...EXP, aggregateSources: clause(method("median")) }, caseObs(), { date: "2026-03-27" });
    expect(plain.ok && plain.certificate.unrounded).toBe("101.3875"); // (101 + 102 + 99.5 + 103.05) / 4
  });

  it("leaves out of an interval a source with too few trades there, and an interval with too few sources", () => {
    // Minimum 2 trades per interval: only BITSTAMP in interval 1 has two (101); every other interval has none.
    const minTrades = computeIndex({ ...EXP, minimumTrades: clause({ count: 2, perInterval: true }) }, caseObs(), { date: "2026-03-27" });
    expect(minTrades.ok && minTrades.certificate.unrounded).toBe("101");
    // Minimum 3 sources: intervals 2 and 226 have fewer and are skipped: (101 + 102.9586875) / 2.
    const minSources = computeIndex({ ...EXP, minimumSources: clause(3) }, caseObs(), { date: "2026-03-27" });
    expect(minSources.ok && minSources.certificate.unrounded).toBe("101.97934375");
    expect(minSources.ok && minSources.certificate.partitions[1]!.note).toBe("1 source value(s), fewer than the minimum of 3");
    // With `empty intervals fail`, the first interval without a value fails the fixing.
    const strict = computeIndex({ ...EXP, emptyIntervals: clause("fail" as const) }, caseObs(), { date: "2026-03-27" });
    expect(strict.ok).toBe(false);
    expect(!strict.ok && strict.failure.kind).toBe("empty-interval");
  });
});

describe("the readable methodology of a per-interval pipeline", () => {
  it("states the order the engine follows: each source per interval, then the sources, then the intervals", () => {
    const spec = loadSpec(readFileSync(join(ROOT, "test/cases/compiled/indices/BTC_EXP.json"), "utf8"));
    const md = renderContract(spec, "md", { asOf: "2026-03-01" }).replace(/\s+/g, " ");
    const trades = md.indexOf("The trades of each source in each interval are combined into the source's value for that interval");
    const sources = md.indexOf(
      "In each interval, the values of the eligible sources in that interval are combined into the interval value by the capped median",
    );
    const intervals = md.indexOf("The interval values are combined into the index value by the arithmetic mean.");
    expect(trades).toBeGreaterThan(0);
    expect(sources).toBeGreaterThan(trades);
    expect(intervals).toBeGreaterThan(sources);
    expect(md).toContain("An interval without a value (no source with a value in it) is left out of the calculation.");
  });
});
