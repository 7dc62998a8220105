/**
 * Degradation rules: pooled trades only where the sources are aggregated together, and rules that cover every
 * source count once (E5004).
 */
import { Codes, diag } from "../../diagnostics/index.js";
import { countRangeProblem, degradationCoverage, rangesOverlap, type RangeValue } from "../../model/invariants.js";
import type { AggregateStmt, DegradationStmt, NumberLit, PartitionStmt, Statement, WindowStmt } from "../../syntax/ast.js";
import type { Program, Report } from "../program.js";
import { COUNT_BOUNDS, countOf } from "../counts.js";
import { decimalOf } from "../unit-of.js";

type Context = readonly string[];

/** A statement's effective ranges as the shared invariants read them; none is always. */
export function inForceRanges(s: Statement): RangeValue[] {
  if (s.annotations.effective.length === 0) return [{ from: null, until: null }];
  return s.annotations.effective.map((r) => ({ from: r.from?.value ?? null, until: r.until?.value ?? null }));
}

/** Whether two statements are in force on a common date. */
export function together(a: Statement, b: Statement): boolean {
  return inForceRanges(a).some((x) => inForceRanges(b).some((y) => rangesOverlap(x, y)));
}

/**
 * Where a window has no `aggregate sources`, the trades of every source are pooled and aggregated together (per
 * interval when it is partitioned, as the CME CF reference rates do), so there is no value per source: degradation
 * rules (which choose how sources are aggregated) would never be applied there, and are E5013 rather than a
 * methodology that reads as if it were followed. With `aggregate sources` beside a partition, each interval combines
 * the sources' own values (the runtime's `per-interval.ts`), and degradation rules apply per interval.
 */
export function checkPooledSources(
  windows: readonly WindowStmt[],
  partitions: readonly PartitionStmt[],
  aggregates: readonly AggregateStmt[],
  degradations: readonly DegradationStmt[],
  context: Context,
  report: Report,
): void {
  const bySources = aggregates.filter((a) => a.level === "sources");
  for (const d of degradations) {
    const w = windows.find((w) => together(w, d));
    if (w === undefined) continue;
    if (bySources.some((a) => together(a, d) && together(a, w))) continue;
    const partitioned = partitions.some((p) => together(p, d) && together(p, w));
    report(
      diag(Codes.AggregationIgnored, d.span, "this degradation rule is never applied: the trades of all sources are pooled", {
        context,
        notes: [
          partitioned
            ? "with a partition and no `aggregate sources`, each interval aggregates the trades of every source together, so no method combines sources"
            : "with a window and no `aggregate sources`, the trades of every source are aggregated together, so no method combines sources",
        ],
        hint: partitioned
          ? "remove the degradation rules, or aggregate the sources of each interval with `aggregate sources by …`"
          : "aggregate the sources with `aggregate sources by …`",
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Degradation rules

export interface CountRange {
  readonly rule: DegradationStmt;
  readonly lo: bigint;
  /** Undefined with `or more`. */
  readonly hi: bigint | undefined;
}

export function describeRange(r: CountRange): string {
  if (r.hi === undefined) return `${r.lo} or more sources`;
  if (r.hi === r.lo) return `${r.lo} source${r.lo === 1n ? "" : "s"}`;
  return `${r.lo} to ${r.hi} sources`;
}

export function toBigInt(n: NumberLit | undefined): bigint | undefined {
  const v = decimalOf(n);
  if (v === undefined || !v.isInteger()) return undefined;
  return BigInt(v.normalize().toString());
}

/**
 * The rules must not overlap, and must cover every count from the minimum number of sources (1 when not given)
 * up to the number of sources listed (when none are listed, up to the largest count a rule names). Reports the
 * smallest count that is uncovered or covered twice (E5004), and a rule whose range is empty or not whole.
 */
export function checkDegradations(
  program: Program,
  rules: readonly DegradationStmt[],
  minimum: NumberLit | undefined,
  sourceCount: number,
  context: Context,
  report: Report,
): void {
  const ranges: CountRange[] = [];
  for (const rule of rules) {
    const lo = toBigInt(rule.min);
    const hi = rule.orMore ? undefined : toBigInt(rule.max);
    if (lo === undefined || (!rule.orMore && hi === undefined)) {
      const bad = lo === undefined ? rule.min : rule.max;
      if (bad?.value !== undefined)
        report(diag(Codes.DegradationRulesGapOrOverlap, bad.span, `a number of sources is a whole number, not ${bad.raw}`, { context }));
      continue;
    }
    const rangeProblem = countRangeProblem({ lo, hi });
    if (rangeProblem === "below-one") {
      report(
        diag(Codes.NonPositiveAmount, rule.min!.span, `a degradation rule applies from at least 1 source, not ${rule.min!.raw}`, {
          context,
        }),
      );
      continue;
    }
    if (rangeProblem === "empty") {
      report(
        diag(Codes.DegradationRulesGapOrOverlap, rule.span, `this rule covers no count: ${lo} to ${hi} sources is empty`, {
          context,
          hint: `write \`with ${hi} to ${lo} sources\``,
        }),
      );
      continue;
    }
    const counted = { program, report, context };
    const what = "a number of sources";
    if (countOf(rule.min, COUNT_BOUNDS.sources, what, counted) === undefined) continue;
    if (!rule.orMore && rule.max !== undefined && countOf(rule.max, COUNT_BOUNDS.sources, what, counted) === undefined) continue;
    ranges.push({ rule, lo, hi });
  }
  if (ranges.length === 0 || ranges.length !== rules.length) return;

  const coverage = degradationCoverage(ranges, toBigInt(minimum), sourceCount);
  const { lo, hi } = coverage;
  const sorted = coverage.order.map((i) => ranges[i]!);
  const all = sorted.map(describeRange).join(", ");
  const scope =
    sourceCount > 0 ? `the index has from ${lo} to ${hi} eligible sources` : `the rules must cover every count from ${lo} to ${hi}`;
  const problem = coverage.problem;
  if (problem?.kind === "overlap") {
    const overlap = { count: problem.count, first: ranges[problem.first]!, second: ranges[problem.second]! };
    report(
      diag(
        Codes.DegradationRulesGapOrOverlap,
        overlap.second.rule.span,
        `degradation rules overlap: ${overlap.count} source${overlap.count === 1n ? " is" : "s are"} covered by two rules`,
        {
          context,
          labels: [{ span: overlap.first.rule.span, message: `also covers ${overlap.count} source${overlap.count === 1n ? "" : "s"}` }],
          notes: [`the rules cover ${all}`],
          hint: "make each number of sources fall under exactly one rule",
        },
      ),
    );
    return;
  }
  if (problem === undefined) return;
  const gap = problem.count;
  const next = ranges[problem.next]!;
  report(
    diag(Codes.DegradationRulesGapOrOverlap, next.rule.span, `no degradation rule covers ${gap} source${gap === 1n ? "" : "s"}`, {
      context,
      notes: [`the rules cover ${all}; ${scope}`],
      hint: `add a rule such as \`with ${gap} source${gap === 1n ? "" : "s"} use median\``,
    }),
  );
}
