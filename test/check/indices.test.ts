/**
 * Unit tests of the index checks (indices.ts) through the driver with an in-memory host: windows and partitions,
 * aggregation methods and their options, sources, minimum sources and degradation rules. The degradation rules
 * are also tested against a brute-force oracle with fast-check. Assertions are on codes and spans, not wording.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check as checkText, located } from "../helpers/check.js";

/** Checks one file and lists `CODE l:c-l:c`. */
function check(text: string): string[] {
  return located(checkText(text));
}

/** An index over `sources` sources (A, B, …) with `body` lines (from line 6 + sources). */
function index(body: string, sources = 3): string {
  const names = Array.from({ length: sources }, (_, i) => String.fromCharCode(65 + i));
  return `calendar NYC {
  time zone America/New_York
}
index I {
  quoted in USD per 1M tokens
${names.map((n) => `  source ${n}\n`).join("")}  round to 0.01 half-even
  publish on business days of NYC at 16:00 America/New_York
${body}}
`;
}

// With 3 sources, `body` starts on line 11.
const TRADES = `  window from 15:00 inclusive to 16:00 exclusive America/New_York
  partition into 12 intervals of 5 minutes
  empty intervals fail
  aggregate trades by vwap
  aggregate intervals by mean
`;

describe("windows and partitions", () => {
  it("accepts a window divided exactly", () => {
    expect(check(index(TRADES))).toEqual([]);
    expect(check(index(TRADES.replace("12 intervals of 5 minutes", "4 intervals of 900 seconds")))).toEqual([]);
    expect(check(index(TRADES.replace("12 intervals of 5 minutes", "2 intervals of 30 minutes")))).toEqual([]);
  });

  it("reports an empty or inverted window (E4006) at the window", () => {
    expect(check(index(TRADES.replace("to 16:00", "to 15:00")))).toEqual(["E4006 11:10-11:66"]);
    expect(check(index(TRADES.replace("from 15:00 inclusive to 16:00", "from 23:30 inclusive to 00:30")))).toEqual(["E4006 11:10-11:66"]);
  });

  it("reports partitions that do not divide the window (E4007), or have none to divide", () => {
    expect(check(index(TRADES.replace("12 intervals of 5 minutes", "7 intervals of 10 minutes")))).toEqual(["E4007 12:3-12:43"]);
    expect(check(index(TRADES.replace("12 intervals of 5 minutes", "2.5 intervals of 24 minutes")))).toEqual(["E3003 12:18-12:21"]);
    expect(check(index(TRADES.replace("12 intervals of 5 minutes", "12 intervals of 0 minutes")))).toEqual(["E3003 12:34-12:35"]);
    expect(check(index(TRADES.replace("12 intervals of 5 minutes", "12 intervals of 5 fortnights")))).toEqual(["E2007 12:36-12:46"]);
    const noWindow = TRADES.replace(/ {2}window .*\n/, "").replace("  aggregate trades by vwap\n", "");
    expect(check(index(noWindow))).toEqual(["E4007 11:3-11:43"]);
  });

  it("requires an empty-interval policy with a partition (E2009) and validates it", () => {
    expect(check(index(TRADES.replace("  empty intervals fail\n", "")))).toEqual(["E2009 12:3-12:43"]);
    expect(check(index(TRADES.replace("empty intervals fail", "empty intervals ignore")))).toEqual(["E2007 13:19-13:25"]);
  });

  it("refuses to degrade where trades are pooled (E5013), and aggregates sources per interval beside a partition", () => {
    // Issue 13: `aggregate sources by` beside a partition checked clean and the runtime then ignored it; issue 15:
    // it is now applied in each interval, over the sources' own values (runtime/engine/per-interval.ts).
    expect(check(index(`${TRADES}  aggregate sources by median\n`))).toEqual([]);
    expect(check(index(`${TRADES}  aggregate sources by median\n  with 2 or more sources use mean\n  with 1 source use median\n`))).toEqual(
      [],
    );
    expect(check(index(`${TRADES}  with 2 or more sources use mean\n  with 1 source use median\n`))).toEqual([
      "E5013 16:3-16:34",
      "E5013 17:3-17:27",
    ]);
    // A window without a partition pools trades unless sources are aggregated; then the rules choose the method.
    const window = "  window from 15:00 inclusive to 16:00 exclusive America/New_York\n  aggregate trades by vwap\n";
    expect(check(index(`${window}  with 1 or more sources use mean\n`))).toEqual(["E5013 13:3-13:34"]);
    expect(check(index(`${window}  aggregate sources by median\n  with 1 or more sources use mean\n`))).toEqual([]);
    // Versions in force on different dates never meet.
    expect(
      check(
        index(
          `${TRADES.replace("12 intervals of 5 minutes", "12 intervals of 5 minutes effective until 2025-12-31")}  aggregate sources by median effective from 2026-01-01\n`,
        ),
      ),
    ).toEqual([]);
  });

  it("aggregates trades and intervals only with a window and a partition (E5012)", () => {
    expect(check(index("  aggregate trades by vwap\n  aggregate sources by median\n"))).toEqual(["E5012 11:3-11:27"]);
    const noPartition =
      "  window from 15:00 inclusive to 16:00 exclusive America/New_York\n  aggregate intervals by mean\n  aggregate sources by median\n";
    expect(check(index(noPartition))).toEqual(["E5012 12:3-12:30"]);
  });
});

describe("aggregation methods", () => {
  const method = (m: string): string[] => check(index(`  aggregate sources by ${m}\n`));

  it("accepts each method with exactly its options", () => {
    for (const m of [
      "median",
      "mean",
      "vwap",
      "volume-weighted-median, exact half first-reaching-half",
      "trimmed-mean, dropping 1 highest and 0 lowest",
      "capped-median, capped at 10%",
      "weighted-mean, weighted by volume",
    ]) {
      expect(method(m), m).toEqual([]);
    }
  });

  it("reports missing and misplaced options (E5009, E5005) and bad option values", () => {
    expect(method("volume-weighted-median")).toEqual(["E5005 11:24-11:46"]);
    expect(method("trimmed-mean")).toEqual(["E5009 11:24-11:36"]);
    expect(method("weighted-mean")).toEqual(["E5009 11:24-11:37"]);
    expect(method("median, weighted by volume")).toEqual(["E5009 11:32-11:50"]);
    expect(method("capped-median, capped at 10%, capped at 20%")).toEqual(["E5009 11:54-11:67"]);
    expect(method("capped-median, capped at 0%")).toEqual(["E3006 11:49-11:51"]);
    expect(method("trimmed-mean, dropping 0 highest and 0 lowest")).toEqual(["E5009 11:38-11:69"]);
    expect(method("trimmed-mean, dropping 1.5 highest and 0 lowest")).toEqual(["E5009 11:47-11:50"]);
    expect(method("volume-weighted-median, exact half middle")).toEqual(["E2007 11:59-11:65"]);
    expect(method("medain")).toEqual(["E2007 11:24-11:30"]);
  });

  it("requires a trimmed mean to leave a value at the minimum number of sources", () => {
    expect(check(index("  aggregate sources by trimmed-mean, dropping 1 highest and 1 lowest\n  minimum sources 2\n"))).toEqual([
      "E5009 11:38-11:69",
    ]);
    expect(check(index("  aggregate sources by trimmed-mean, dropping 1 highest and 1 lowest\n  minimum sources 3\n"))).toEqual([]);
  });
});

describe("sources", () => {
  it("converts source units of the index's dimension and rejects others (E3001)", () => {
    const text = index("  aggregate sources by median\n").replace(
      "  source A\n",
      "  source A { quoted in USD per 1K tokens }\n  source Z { quoted in EUR per 1M tokens }\n",
    );
    expect(check(text)).toEqual(["E3001 7:24-7:41"]);
  });

  it("uses weights only with fixed weights, which need one for every source (E5009), and keeps them positive (E3003)", () => {
    const weighted = (agg: string, a: string, b: string, c: string): string[] =>
      check(
        index(`  aggregate sources by ${agg}\n`)
          .replace("  source A\n", `  source A { ${a} }\n`)
          .replace("  source B\n", `  source B { ${b} }\n`)
          .replace("  source C\n", `  source C { ${c} }\n`),
      );
    expect(weighted("weighted-mean, weighted by fixed", "weight 1", "weight 2", "weight 3")).toEqual([]);
    expect(weighted("weighted-mean, weighted by fixed", "weight 1", "weight -2", "weight 3")).toEqual(["E3003 7:21-7:23"]);
    expect(weighted("weighted-mean, weighted by fixed", "weight 1", "weight 2", "blend input 1, output 3")).toEqual(["E5009 11:39-11:56"]);
    expect(weighted("median", "weight 1", "blend input 0", "weight 3")).toEqual(["E5009 6:14-6:22", "E3003 7:26-7:27", "E5009 8:14-8:22"]);
  });

  it("reports a minimum above the number of sources (E5003) at the index name", () => {
    expect(check(index("  aggregate sources by median\n  minimum sources 3\n"))).toEqual([]);
    expect(check(index("  aggregate sources by median\n  minimum sources 4\n"))).toEqual(["E5003 4:7-4:8"]);
    expect(check(index("  aggregate sources by median\n  minimum sources 0\n"))).toEqual(["E3003 12:19-12:20"]);
    // An index that lists no sources leaves them to its administrator.
    expect(check(index("  aggregate sources by median\n  minimum sources 4\n", 0))).toEqual([]);
  });
});

describe("degradation rules", () => {
  const rules = (lines: string, sources = 5, minimum = 1): string[] =>
    check(index(`  aggregate sources by median\n  minimum sources ${minimum}\n${lines}`, sources));

  it("accepts rules that cover every count once", () => {
    expect(
      rules(
        "  with 5 or more sources use trimmed-mean, dropping 1 highest and 1 lowest\n  with 3 to 4 sources use mean\n  with 1 to 2 sources use median\n",
      ),
    ).toEqual([]);
    expect(rules("  with 3 or more sources use mean\n", 5, 3)).toEqual([]);
    expect(rules("  with 3 to 5 sources use mean\n", 5, 3)).toEqual([]);
  });

  it("reports gaps, overlaps and empty ranges (E5004)", () => {
    // 5 sources: the body starts on line 13.
    expect(rules("  with 4 or more sources use mean\n  with 1 to 2 sources use median\n")).toEqual(["E5004 15:3-15:34"]);
    expect(rules("  with 1 to 4 sources use mean\n")).toEqual(["E5004 15:3-15:31"]);
    expect(rules("  with 1 to 3 sources use mean\n  with 3 or more sources use median\n")).toEqual(["E5004 16:3-16:36"]);
    expect(rules("  with 4 to 2 sources use mean\n")).toEqual(["E5004 15:3-15:31"]);
    expect(rules("  with 0 or more sources use mean\n")).toEqual(["E3003 15:8-15:9"]);
  });

  it("agrees with a brute-force oracle on random rule sets", () => {
    const rule = fc.record({ lo: fc.integer({ min: 1, max: 7 }), len: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(rule, { minLength: 1, maxLength: 4 }),
        (sources, min, rs) => {
          const minimum = Math.min(min, sources);
          const ranges = rs.map((r) => ({ lo: r.lo, hi: r.len === undefined ? Infinity : r.lo + r.len }));
          const lines = ranges
            .map((r) => `  with ${r.lo}${r.hi === Infinity ? " or more" : r.hi === r.lo ? "" : ` to ${r.hi}`} sources use mean\n`)
            .join("");
          const top = Math.max(sources, ...ranges.map((r) => (r.hi === Infinity ? r.lo : r.hi))) + 1;
          const covers = (c: number): number => ranges.filter((r) => r.lo <= c && c <= r.hi).length;
          let bad = false;
          for (let c = 1; c <= top; c++) {
            if (covers(c) > 1 || (c >= minimum && c <= sources && covers(c) === 0)) bad = true;
          }
          const got = rules(lines, sources, minimum);
          expect(got.filter((d) => !d.startsWith("E5004"))).toEqual([]);
          expect(got.length).toBe(bad ? 1 : 0);
        },
      ),
      { numRuns: 150, seed: 20260101 },
    );
  });
});

describe("other clauses", () => {
  it("validates percentages, durations and words", () => {
    const clause = (c: string): string[] => check(index(`  aggregate sources by median\n${c}\n`));
    expect(clause("  exclude sources deviating more than 5% from the median of the others")).toEqual([]);
    expect(clause("  exclude sources deviating more than 101% from the median of the others")).toEqual(["E3006 12:39-12:43"]);
    expect(clause("  exclude sources stale for more than 2 business days")).toEqual([]);
    expect(clause("  exclude sources stale for more than 2 business hours")).toEqual(["E2007 12:50-12:55"]);
    expect(clause("  extreme moves above 0% held")).toEqual(["E3006 12:23-12:25"]);
    expect(clause("  extreme moves above 20% hidden")).toEqual(["E2007 12:27-12:33"]);
    expect(clause("  restate same day if change exceeds 0%")).toEqual([]);
  });

  it("keeps ties toward the prior settlement out of index rounding", () => {
    expect(check(index("  aggregate sources by median\n").replace("round to 0.01 half-even", "round to 0.01 half-toward-prior"))).toEqual([
      "E2007 9:17-9:34",
    ]);
    expect(check(index("  aggregate sources by median\n").replace("round to 0.01 half-even", "round to 0 half-even"))).toEqual([
      "E3003 9:12-9:13",
    ]);
  });
});
