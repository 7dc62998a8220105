/**
 * Index methodologies: checks that what an index declares can be computed and means one thing. The observation
 * window must contain time (E4006) and its partitions must divide it exactly (E4007), with a policy for empty
 * intervals; each aggregation method must carry exactly the options it needs (E5009, and E5005 for the
 * exact-half convention of a volume-weighted median); trades and intervals can be aggregated only when a window
 * and a partition produce them (E5012); the minimum number of sources cannot exceed the sources listed (E5003);
 * degradation rules must cover every source count once (E5004); sources must be quoted in units convertible to
 * the index's (E3001); percentages, durations and weights must be in range (E3006, E3003). It also validates the
 * enumerated words of index clauses (see words.ts). Runs after the names check and before the contract checks.
 * This file runs the stages in order; each stage's checks live in indices/: amounts.ts (percentages, durations,
 * roundings), partition.ts, methods.ts, sources.ts, degradation.ts (pooled trades, degradation rules).
 */
import type { Span } from "../base/source.js";
import { Codes, diag } from "../diagnostics/index.js";
import { PERCENT_RANGES } from "../model/invariants.js";
import type { IndexDecl, Statement } from "../syntax/ast.js";
import type { Program, Report } from "./program.js";
import { COUNT_BOUNDS, countOf } from "./counts.js";
import { checkOneQuoteUnit } from "./quote-unit.js";
import { checkSampling } from "./sampling.js";
import { checkTimeWeighted } from "./time-weighted.js";
import { checkTradeQualification } from "./trade-qualification.js";
import { checkContingencyFlags, checkFlagBelow } from "./contingencies.js";
import { checkPriorityPerDay } from "./priority-per-day.js";
import { checkSampledPieces, checkWindowPieces } from "./windows.js";
import { checkRestatementWindow } from "./restatement.js";
import { decimalOf, unitOf, type UnitContext } from "./unit-of.js";
import { emptyIntervalPolicy, extremeMoveAction } from "./words.js";
import { checkPercent, checkDuration, checkIndexRounding, checkUnroundedQuotient } from "./indices/amounts.js";
import { checkPartition, checkAggregateLevel } from "./indices/partition.js";
import { checkMethod, checkTrimLeavesSources } from "./indices/methods.js";
import { checkSource, checkWeights, distinctSourceNames, checkMinimumSources } from "./indices/sources.js";
import { checkPooledSources, checkDegradations } from "./indices/degradation.js";

/** Checks every index declaration of the program. */
export function checkIndices(program: Program, report: Report): void {
  for (const file of program.files) {
    for (const decl of file.ast.declarations) {
      if (decl.kind === "Index") checkIndex(program, decl, report);
    }
  }
}

type Context = readonly string[];

function checkIndex(program: Program, decl: IndexDecl, report: Report): void {
  const context: Context = [`index ${decl.name?.name ?? "(unnamed)"}`];
  const units: UnitContext = { program, report, context };
  const of = <K extends Statement["kind"]>(kind: K): Extract<Statement, { kind: K }>[] =>
    decl.statements.filter((s): s is Extract<Statement, { kind: K }> => s.kind === kind);

  const quoted = of("Quoted")[0];
  const indexUnit = unitOf(quoted?.unit, units);
  checkOneQuoteUnit(
    program,
    of("Quoted"),
    "index",
    "sources are converted to one unit of the index, so every version of the quotation must use it",
    context,
    report,
  );
  const sources = of("Source");
  for (const source of sources)
    checkSource(program, source, indexUnit?.kind === "unit" ? indexUnit.unit : undefined, quoted?.unit?.span, context, report);

  // Every version of the window (each of its pieces) contains time and every partition is checked; partitions divide
  // the first window, each of its pieces a whole number of intervals.
  const window = of("Window")[0];
  const pieceSeconds = of("Window").map((w) => checkWindowPieces(w, context, report))[0];
  const windowSeconds = pieceSeconds?.reduce((a, b) => a.add(b));
  const partition = of("Partition")[0];
  for (const p of of("Partition")) checkPartition(program, p, window, pieceSeconds, context, report);
  const empty = of("EmptyIntervals")[0];
  if (empty !== undefined) emptyIntervalPolicy(empty.policy, report, context);
  if (partition !== undefined && empty === undefined) {
    report(
      diag(Codes.MissingClause, partition.span, "a partitioned window needs a policy for intervals without trades", {
        context,
        notes: ["an interval with no trades has no value; the methodology must say whether it is left out or the fixing fails"],
        hint: "add `empty intervals skip` or `empty intervals fail`",
      }),
    );
  }

  const fixedWeights: Span[] = [];
  for (const agg of of("Aggregate")) {
    checkAggregateLevel(agg, window, partition, context, report);
    const info = checkMethod(program, agg.method, context, report);
    if (info?.weightedByFixed !== undefined) fixedWeights.push(info.weightedByFixed);
    if (agg.level === "sources" && info?.trimmed !== undefined) {
      const min = of("Minimum").find((m) => m.what === "sources");
      const minCount = decimalOf(min?.count);
      if (minCount !== undefined)
        checkTrimLeavesSources(info.trimmed, minCount, info.trimSpan!, `the minimum of ${minCount.toString()} sources`, context, report);
    }
  }

  for (const s of decl.statements) {
    switch (s.kind) {
      case "ExcludeDeviation":
        checkPercent(s.percent, "a deviation threshold", PERCENT_RANGES.deviation, context, report);
        break;
      case "ExcludeStale":
        checkDuration(s.duration, "a staleness limit", context, report);
        break;
      case "Minimum":
        if (s.what === "sources") countOf(s.count, COUNT_BOUNDS.sources, "the minimum number of sources", { program, report, context });
        else if (s.what === "counterparties")
          countOf(s.count, COUNT_BOUNDS.counterparties, "the minimum number of counterparties", { program, report, context });
        else countOf(s.count, COUNT_BOUNDS.trades, "the minimum number of trades", { program, report, context });
        break;
      case "ExtremeMoves":
        checkPercent(s.percent, "an extreme-move threshold", PERCENT_RANGES.extremeMove, context, report);
        extremeMoveAction(s.action, report, context);
        break;
      case "Restate":
        checkPercent(s.threshold, "a restatement threshold", PERCENT_RANGES.restatement, context, report);
        checkRestatementWindow(s, of("Publish")[0], context, report);
        break;
      case "Round":
        checkIndexRounding(s.rounding, context, report);
        break;
      default:
        break;
    }
  }

  const degradations = of("Degradation");
  checkPooledSources(of("Window"), of("Partition"), of("Aggregate"), degradations, context, report);
  const degradationFixed: Span[] = [];
  for (const d of degradations) {
    const info = checkMethod(program, d.method, context, report);
    if (info?.weightedByFixed !== undefined) degradationFixed.push(info.weightedByFixed);
    const lo = decimalOf(d.min);
    if (info?.trimmed !== undefined && lo !== undefined && lo.isPositive()) {
      checkTrimLeavesSources(info.trimmed, lo, info.trimSpan!, `${lo.toString()} sources`, context, report);
    }
  }
  checkWeights(sources, [...fixedWeights, ...degradationFixed], context, report);
  checkUnroundedQuotient(of("Round"), [...of("Aggregate").map((a) => a.method), ...degradations.map((d) => d.method)], context, report);

  const sourceNames = distinctSourceNames(sources);
  const minimum = of("Minimum").find((m) => m.what === "sources");
  checkMinimumSources(decl, minimum?.count, sourceNames, context, report);
  checkDegradations(program, degradations, minimum?.count, sourceNames.length, context, report);
  checkSampling(
    decl,
    pieceSeconds?.length === 1 ? windowSeconds : undefined,
    (d, what) => checkDuration(d, what, context, report),
    context,
    report,
  );
  checkSampledPieces(window, of("Sample").length > 0, context, report);
  checkTimeWeighted(decl, context, report);
  checkTradeQualification(decl, context, report);
  checkPriorityPerDay(decl, context, report);
  checkFlagBelow(program, decl, context, report);
  checkContingencyFlags(decl, context, report);
}
