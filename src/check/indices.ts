/**
 * Index methodologies: checks that what an index declares can be computed and means one thing. The observation
 * window must contain time (E4006) and its partitions must divide it exactly (E4007), with a policy for empty
 * intervals; each aggregation method must carry exactly the options it needs (E5009, and E5005 for the
 * exact-half convention of a volume-weighted median); trades and intervals can be aggregated only when a window
 * and a partition produce them (E5012); the minimum number of sources cannot exceed the sources listed (E5003);
 * degradation rules must cover every source count once (E5004); sources must be quoted in units convertible to
 * the index's (E3001); percentages, durations and weights must be in range (E3006, E3003). It also validates the
 * enumerated words of index clauses (see words.ts). Runs after the names check and before the contract checks.
 */
import type { Span } from "../base/source.js";
import { equalDimension, format, sameUnit, type Unit } from "../base/units.js";
import { Codes, diag } from "../diagnostics/index.js";
import {
  METHOD_OPTIONS,
  PERCENT_RANGES,
  aggregationWithoutData,
  cappedMedianWeightingAllowed,
  methodMayNotTerminate,
  isSourceWeight,
  someWeightPositive,
  countRangeProblem,
  degradationCoverage,
  isPositiveAmount,
  isWholeTrim,
  minimumExceedsSources,
  partitionDividesPieces,
  partitionDividesWindow,
  percentInRange,
  percentRangeText,
  quoteUnitChange,
  roundingProblems,
  trimDropsNothing,
  trimLeavesValues,
  rangesOverlap,
  type PercentRange,
  type RangeValue,
} from "../model/invariants.js";
import { Decimal } from "../runtime/numbers/decimal.js";
import type {
  AggregateStmt,
  DegradationStmt,
  Duration,
  IndexDecl,
  Method,
  MethodOption,
  NumberLit,
  PartitionStmt,
  PercentLit,
  QuotedStmt,
  RoundStmt,
  Rounding,
  SourceStmt,
  Statement,
  WindowStmt,
} from "../syntax/ast.js";
import type { Program, Report } from "./program.js";
import { COUNT_BOUNDS, countOf } from "./counts.js";
import { invalidName } from "./symbols.js";
import { checkSampling } from "./sampling.js";
import { checkTimeWeighted } from "./time-weighted.js";
import { checkTradeQualification } from "./trade-qualification.js";
import { checkPriorityPerDay } from "./priority-per-day.js";
import { checkFlagBelow } from "./contingencies.js";
import { checkSampledPieces, checkWindowPieces } from "./windows.js";
import { checkRestatementWindow } from "./restatement.js";
import { decimalOf, percentOf, unitOf, type UnitContext } from "./unit-of.js";
import {
  AGGREGATION_METHODS,
  aggregationMethod,
  durationUnit,
  emptyIntervalPolicy,
  exactHalf,
  extremeMoveAction,
  roundingMode,
  SECONDS_PER_UNIT,
  weightingBasis,
  type AggregationMethod,
} from "./words.js";

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
  checkOneQuoteUnit(program, of("Quoted"), context, report);
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
}

// ---------------------------------------------------------------------------------------------------------
// Amounts, percentages and durations

/** Checks a percentage against (0 or [0) … 100] (or no upper limit), reporting E3006; returns it when valid. */
function checkPercent(p: PercentLit | undefined, what: string, range: PercentRange, context: Context, report: Report): Decimal | undefined {
  const v = percentOf(p);
  if (p === undefined || v === undefined) return undefined;
  if (percentInRange(v, range)) return v;
  report(diag(Codes.InvalidPercentage, p.span, `${what} must be ${percentRangeText(range)}, not ${p.raw}`, { context }));
  return undefined;
}

/** The length of a duration in seconds, validating its unit word and reporting a non-positive amount (E3003). */
function checkDuration(d: Duration | undefined, what: string, context: Context, report: Report): Decimal | undefined {
  if (d === undefined) return undefined;
  const unit = durationUnit(d.unit, report, context, d.business);
  const amount = decimalOf(d.amount);
  if (amount === undefined || d.amount === undefined) return undefined;
  if (!isPositiveAmount(amount)) {
    report(diag(Codes.NonPositiveAmount, d.amount.span, `${what} must be positive, not ${d.amount.raw}`, { context }));
    return undefined;
  }
  if (unit === undefined || d.business) return undefined;
  return amount.mul(Decimal.fromInteger(SECONDS_PER_UNIT[unit]));
}

function checkIndexRounding(r: Rounding | undefined, context: Context, report: Report): void {
  if (r === undefined || r.unrounded) return;
  const mode = roundingMode(r.mode, report, context);
  const problems = roundingProblems({ mode, toTick: r.increment === "tick" }, { daily: false, hasTick: () => false });
  if (problems.includes("ties-without-prior") && r.mode !== undefined) {
    report(
      diag(Codes.UnknownWord, r.mode.span, "`half-toward-prior` needs a prior settlement, and an index has none", {
        context,
        hint: "use a mode that decides ties by itself, such as `half-even` or `half-up`",
      }),
    );
  }
  if (r.increment !== undefined && r.increment !== "tick") {
    const inc = decimalOf(r.increment);
    if (inc !== undefined && !inc.isPositive()) {
      report(diag(Codes.NonPositiveAmount, r.increment.span, `a rounding increment must be positive, not ${r.increment.raw}`, { context }));
    }
  }
}

/**
 * `unrounded` beside a method that divides (W5072): the value may not be a terminating decimal, and then the index
 * publishes nothing (a rounding failure of that fixing) rather than a number cut short.
 */
function checkUnroundedQuotient(
  rounds: readonly RoundStmt[],
  methods: readonly (Method | undefined)[],
  context: Context,
  report: Report,
): void {
  const unrounded = rounds.find((r) => r.rounding?.unrounded === true);
  if (unrounded === undefined) return;
  const dividing = methods.find((m) => {
    const name = AGGREGATION_METHODS.words.find(([w]) => w === m?.name?.name)?.[1];
    return name !== undefined && methodMayNotTerminate(name);
  });
  if (dividing === undefined) return;
  report(
    diag(
      Codes.UnroundedMayNotTerminate,
      unrounded.span,
      `a ${dividing.name!.name} may not be a terminating decimal, and the value is published unrounded`,
      {
        context,
        labels: [{ span: dividing.span, message: "divides by a count or a sum of weights" }],
        notes: [
          "the mean of 100, 101.3 and 101 is 302.3 / 3 = 100.7(6), the 6 repeating without end; such a fixing fails with a rounding error",
        ],
        hint: "round the published value, e.g. `round to 0.01 half-even`",
      },
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Windows and partitions

/** Reads a length of time in seconds as minutes/hours/seconds text for messages. */
function describeSeconds(seconds: Decimal): string {
  const s = seconds;
  const hour = Decimal.fromInteger(3600);
  const minute = Decimal.fromInteger(60);
  const plural = (n: Decimal, unit: string): string => `${n.toString()} ${unit}${n.eq(Decimal.ONE) ? "" : "s"}`;
  const h = s.divExact(hour);
  if (h !== undefined && h.isInteger() && !h.isZero()) return plural(h, "hour");
  const m = s.divExact(minute);
  if (m !== undefined && m.isInteger()) return plural(m, "minute");
  return plural(s, "second");
}

function checkPartition(
  program: Program,
  p: PartitionStmt,
  window: WindowStmt | undefined,
  pieceSeconds: readonly Decimal[] | undefined,
  context: Context,
  report: Report,
): void {
  const windowSeconds = pieceSeconds?.reduce((a, b) => a.add(b));
  const n = countOf(p.count, COUNT_BOUNDS.intervals, "the number of intervals", { program, report, context });
  const count = n === undefined ? undefined : Decimal.fromInteger(n);
  const length = checkDuration(p.length, "the length of an interval", context, report);
  if (p.length !== undefined && p.length.business) return;
  if (window === undefined) {
    report(
      diag(Codes.PartitionsDoNotDivideWindow, p.span, "a partition divides the observation window, but this index has no window", {
        context,
        hint: "add a window, e.g. `window from 15:00 inclusive to 16:00 exclusive Europe/London`",
      }),
    );
    return;
  }
  if (count === undefined || length === undefined || windowSeconds === undefined) return;
  if (
    pieceSeconds!.length > 1 ? partitionDividesPieces(count, length, pieceSeconds!) : partitionDividesWindow(count, length, windowSeconds)
  )
    return;
  if (pieceSeconds!.length > 1 && partitionDividesWindow(count, length, windowSeconds)) {
    report(
      diag(Codes.PartitionsDoNotDivideWindow, p.span, `an interval of ${describeSeconds(length)} would span two pieces of the window`, {
        context,
        labels: [{ span: window.span, message: `pieces of ${pieceSeconds!.map(describeSeconds).join(", ")}` }],
        notes: ["each piece of a window of several is a whole number of intervals; an interval never spans a gap"],
        hint: "choose an interval length that divides every piece",
      }),
    );
    return;
  }
  const covered = count.mul(length);
  const exact = windowSeconds.divExact(count);
  const hint =
    exact !== undefined && exact.isInteger()
      ? `\`partition into ${count.toString()} intervals of ${describeSeconds(exact)}\``
      : (() => {
          const n = windowSeconds.divExact(length);
          return n !== undefined && n.isInteger()
            ? `\`partition into ${n.toString()} intervals of ${describeSeconds(length)}\``
            : undefined;
        })();
  report(
    diag(
      Codes.PartitionsDoNotDivideWindow,
      p.span,
      `${count.toString()} intervals of ${describeSeconds(length)} cover ${describeSeconds(covered)}, but the window is ${describeSeconds(windowSeconds)} long`,
      {
        context,
        labels: window.window === undefined ? undefined : [{ span: window.window.span, message: `${describeSeconds(windowSeconds)} long` }],
        hint: hint === undefined ? "the intervals must divide the window exactly" : `did you mean ${hint}?`,
      },
    ),
  );
}

function checkAggregateLevel(
  agg: AggregateStmt,
  window: WindowStmt | undefined,
  partition: PartitionStmt | undefined,
  context: Context,
  report: Report,
): void {
  if (agg.level === "samples") return; // sampling.ts
  const missing = aggregationWithoutData(agg.level, window !== undefined, partition !== undefined);
  if (missing === "window") {
    report(
      diag(Codes.AggregationWithoutData, agg.span, "`aggregate trades` needs an observation window to collect trades in", {
        context,
        hint: "add a window, e.g. `window from 15:00 inclusive to 16:00 exclusive Europe/London`",
      }),
    );
  } else if (missing === "partition") {
    report(
      diag(Codes.AggregationWithoutData, agg.span, "`aggregate intervals` needs a partition of the window into intervals", {
        context,
        hint: "add a partition, e.g. `partition into 12 intervals of 5 minutes`",
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Aggregation methods

/** What checking a method found out that other checks need. */
interface MethodInfo {
  readonly method: AggregationMethod | undefined;
  /** Number of values a trimmed mean drops (highest + lowest). */
  readonly trimmed: Decimal | undefined;
  readonly trimSpan: Span | undefined;
  /** Span of a `weighted by fixed` option. */
  readonly weightedByFixed: Span | undefined;
}

type OptionKind = MethodOption["kind"];

const OPTION_TEXT: Readonly<Record<OptionKind, string>> = {
  ExactHalf: "exact half …",
  Trim: "dropping N highest and N lowest",
  Cap: "capped at N%",
  WeightedBy: "weighted by …",
};

const OPTION_EXAMPLE: Readonly<Record<OptionKind, string>> = {
  ExactHalf: "exact half mean-of-straddling",
  Trim: "dropping 1 highest and 1 lowest",
  Cap: "capped at 10%",
  WeightedBy: "weighted by volume",
};

function checkMethod(program: Program, m: Method | undefined, context: Context, report: Report): MethodInfo | undefined {
  if (m === undefined) return undefined;
  const method = aggregationMethod(m.name, report, context);
  let trimmed: Decimal | undefined;
  let trimSpan: Span | undefined;
  let weightedByFixed: Span | undefined;
  const seen = new Set<OptionKind>();
  for (const opt of m.options) {
    if (method !== undefined) {
      const rule = METHOD_OPTIONS[method];
      if (!rule.allowed.includes(opt.kind)) {
        report(
          diag(Codes.InvalidAggregationOption, opt.span, `\`${OPTION_TEXT[opt.kind]}\` does not apply to ${method}`, {
            context,
            notes: [rule.allowed.length === 0 ? `${method} takes no options` : `${method} takes \`${OPTION_TEXT[rule.allowed[0]!]}\``],
            hint: optionHint(opt.kind),
          }),
        );
        continue;
      }
    }
    if (seen.has(opt.kind)) {
      report(diag(Codes.InvalidAggregationOption, opt.span, `\`${OPTION_TEXT[opt.kind]}\` is given twice`, { context, hint: "keep one" }));
      continue;
    }
    seen.add(opt.kind);
    switch (opt.kind) {
      case "ExactHalf":
        exactHalf(opt.convention, report, context);
        break;
      case "Trim": {
        const hi = decimalOf(opt.highest);
        const lo = decimalOf(opt.lowest);
        let ok = true;
        for (const [n, v] of [
          [opt.highest, hi],
          [opt.lowest, lo],
        ] as const) {
          if (n !== undefined && v !== undefined && !isWholeTrim(v)) {
            ok = false;
            report(
              diag(Codes.InvalidAggregationOption, n.span, `a trimmed mean drops a whole number of values, not ${n.raw}`, { context }),
            );
          } else if (n !== undefined && v !== undefined) {
            ok = countOf(n, COUNT_BOUNDS.trimmed, "the number of values dropped", { program, report, context }) !== undefined && ok;
          }
        }
        if (ok && hi !== undefined && lo !== undefined) {
          if (trimDropsNothing(hi, lo)) {
            report(
              diag(Codes.InvalidAggregationOption, opt.span, "a trimmed mean that drops nothing is a mean", {
                context,
                hint: "drop at least one value, or use `mean`",
              }),
            );
          } else {
            trimmed = hi.add(lo);
            trimSpan = opt.span;
          }
        }
        break;
      }
      case "Cap":
        checkPercent(opt.percent, "a cap", PERCENT_RANGES.cap, context, report);
        break;
      case "WeightedBy": {
        const basis = weightingBasis(opt.basis, report, context);
        if (basis === "fixed") weightedByFixed = opt.span;
        else if (basis !== undefined && method === "capped-median" && !cappedMedianWeightingAllowed(basis))
          report(
            diag(Codes.CappedMedianWeighting, opt.span, `a capped median is not weighted by ${basis}`, {
              context,
              notes: ["the capped values are averaged equally, or by each source's fixed `weight`"],
              hint: "write `weighted by fixed` and give each source a `weight`, or leave the weights out",
            }),
          );
        break;
      }
    }
  }
  if (method !== undefined) {
    const required = METHOD_OPTIONS[method].required;
    if (required !== undefined && !seen.has(required) && !m.options.some((o) => o.kind === required)) {
      const code = required === "ExactHalf" ? Codes.MissingExactHalfConvention : Codes.InvalidAggregationOption;
      const message =
        required === "ExactHalf"
          ? "volume-weighted-median needs a convention for an exact half of the volume"
          : `${method} needs \`${OPTION_TEXT[required]}\``;
      report(
        diag(code, m.span, message, {
          context,
          notes:
            required === "ExactHalf"
              ? [
                  "when the cumulative volume reaches exactly half at a price, the median is either that price or the mean of it and the next one",
                ]
              : undefined,
          hint:
            required === "ExactHalf"
              ? `write \`${m.name?.name ?? method}, exact half first-reaching-half\` or \`…, exact half mean-of-straddling\``
              : `write \`${method}, ${OPTION_EXAMPLE[required]}\``,
        }),
      );
    }
  }
  return { method, trimmed, trimSpan, weightedByFixed };
}

function optionHint(kind: OptionKind): string {
  switch (kind) {
    case "ExactHalf":
      return "an exact-half convention belongs to `volume-weighted-median`";
    case "Trim":
      return "dropping values belongs to `trimmed-mean`";
    case "Cap":
      return "a cap belongs to `capped-median`";
    case "WeightedBy":
      return "weights belong to `weighted-mean` (and fixed weights to `capped-median`)";
  }
}

/** A trimmed mean must leave at least one value of the smallest number of sources it applies to. */
function checkTrimLeavesSources(trimmed: Decimal, sources: Decimal, span: Span, what: string, context: Context, report: Report): void {
  if (trimLeavesValues(trimmed, sources)) return;
  report(
    diag(Codes.InvalidAggregationOption, span, `dropping ${trimmed.toString()} values of ${what} leaves none to average`, {
      context,
      hint: "drop fewer values, or apply the trimmed mean only from a larger number of sources",
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Sources

/** Versions of an index's `quoted in` are in one unit (E3001): sources are converted to the first. */
function checkOneQuoteUnit(program: Program, quoted: readonly QuotedStmt[], context: Context, report: Report): void {
  const units: { unit: Unit; span: Span }[] = [];
  for (const q of quoted) {
    const u = unitOf(q.unit, { program });
    if (u?.kind === "unit" && q.unit !== undefined) units.push({ unit: u.unit, span: q.unit.span });
  }
  const change = quoteUnitChange(
    units.map((u) => u.unit),
    sameUnit,
  );
  if (change === undefined) return;
  const first = units[0]!;
  const other = units[change]!;
  report(
    diag(
      Codes.UnitMismatch,
      other.span,
      `unit mismatch: this version of the index is quoted in ${format(other.unit)}, the first in ${format(first.unit)}`,
      {
        context,
        labels: [{ span: first.span, message: `the first version is quoted in ${format(first.unit)}` }],
        notes: ["sources are converted to one unit of the index, so every version of the quotation must use it"],
        hint: `quote every version in ${format(first.unit)}`,
      },
    ),
  );
}

function checkSource(
  program: Program,
  source: SourceStmt,
  indexUnit: Unit | undefined,
  indexUnitSpan: Span | undefined,
  context: Context,
  report: Report,
): void {
  const ctx: Context = [...context, `source ${source.name?.name ?? "(unnamed)"}`];
  const invalid = source.name === undefined ? undefined : invalidName(source.name, `source ${source.name.name}`, ctx);
  if (invalid !== undefined) report(invalid);
  for (const s of source.statements) {
    if (s.kind === "Quoted") {
      const u = unitOf(s.unit, { program, report, context: ctx });
      if (u?.kind !== "unit" || indexUnit === undefined || s.unit === undefined) continue;
      if (equalDimension(u.unit, indexUnit)) continue;
      report(
        diag(
          Codes.UnitMismatch,
          s.unit.span,
          `unit mismatch: source ${source.name?.name ?? ""} is quoted in ${format(u.unit)}, the index in ${format(indexUnit)}`,
          {
            context: ctx,
            labels: indexUnitSpan === undefined ? undefined : [{ span: indexUnitSpan, message: "the index's unit" }],
            notes: ["each observation is converted to the index's unit, which needs both units to measure the same thing"],
            hint: `quote the source in a unit of the same kind as ${format(indexUnit)}`,
          },
        ),
      );
    } else if (s.kind === "Weight") {
      const w = decimalOf(s.weight);
      if (s.weight !== undefined && w !== undefined && !isSourceWeight(w)) {
        report(
          diag(Codes.NonPositiveAmount, s.weight.span, `a source's weight must not be negative, not ${s.weight.raw}`, {
            context: ctx,
            notes: ["a weight of 0 keeps the source for monitoring: it is observed and reported, but not used"],
          }),
        );
      }
    } else if (s.kind === "Blend") {
      for (const part of s.parts) {
        const w = decimalOf(part.weight);
        if (part.weight !== undefined && w !== undefined && !isPositiveAmount(w)) {
          report(
            diag(Codes.NonPositiveAmount, part.weight.span, `a blend weight must be positive, not ${part.weight.raw}`, { context: ctx }),
          );
        }
      }
    }
  }
}

/** `weight` is meaningful only with `weighted by fixed`, which in turn needs a weight for every source. */
function checkWeights(sources: readonly SourceStmt[], fixed: readonly Span[], context: Context, report: Report): void {
  const weights = sources.flatMap((src) => src.statements.filter((s) => s.kind === "Weight").map((w) => ({ src, w })));
  if (fixed.length === 0) {
    for (const { src, w } of weights) {
      report(
        diag(Codes.InvalidAggregationOption, w.span, "a source weight is used only when sources are aggregated with fixed weights", {
          context: [...context, `source ${src.name?.name ?? "(unnamed)"}`],
          hint: "aggregate with `weighted-mean, weighted by fixed`, or remove the weight",
        }),
      );
    }
    return;
  }
  const missing = distinctSourceNames(sources.filter((src) => !src.statements.some((s) => s.kind === "Weight")));
  if (missing.length === 0) {
    const stated = sources.map((src) =>
      src.statements.flatMap((s) => (s.kind === "Weight" ? [decimalOf(s.weight)].filter((d) => d !== undefined) : [])),
    );
    if (sources.length > 0 && !someWeightPositive(stated))
      report(
        diag(Codes.ZeroFixedWeights, fixed[0]!, "every source has a weight of 0, so fixed weights leave nothing to average", {
          context,
          notes: ["a weight of 0 keeps a source for monitoring; at least one source must have a positive weight"],
          hint: "give the sources used a positive `weight`",
        }),
      );
    return;
  }
  report(
    diag(Codes.InvalidAggregationOption, fixed[0]!, "fixed weights need a weight for every source", {
      context,
      notes: [`without a weight: ${missing.join(", ")}`],
      hint: "give each source a `weight`",
    }),
  );
}

function distinctSourceNames(sources: readonly SourceStmt[]): string[] {
  const names: string[] = [];
  for (const s of sources) {
    const n = s.name?.name;
    if (n !== undefined && !names.includes(n)) names.push(n);
  }
  return names;
}

function checkMinimumSources(
  decl: IndexDecl,
  count: NumberLit | undefined,
  sources: readonly string[],
  context: Context,
  report: Report,
): void {
  const min = decimalOf(count);
  // An index that lists no sources leaves them to its administrator; there is nothing to count.
  if (count === undefined || min === undefined || !minimumExceedsSources(min, sources.length)) return;
  report(
    diag(
      Codes.MinimumSourcesExceedsSources,
      decl.name?.span ?? decl.keyword,
      `index ${decl.name?.name ?? ""} requires at least ${min.toString()} sources but lists ${sources.length}`,
      {
        context,
        labels: [{ span: count.span, message: `requires ${min.toString()} sources` }],
        notes: [`the sources are ${sources.join(", ")}`],
        hint: `lower the minimum to ${sources.length} or fewer, or list more sources`,
      },
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Pooled trades

/** A statement's effective ranges as the shared invariants read them; none is always. */
function inForceRanges(s: Statement): RangeValue[] {
  if (s.annotations.effective.length === 0) return [{ from: null, until: null }];
  return s.annotations.effective.map((r) => ({ from: r.from?.value ?? null, until: r.until?.value ?? null }));
}

/** Whether two statements are in force on a common date. */
function together(a: Statement, b: Statement): boolean {
  return inForceRanges(a).some((x) => inForceRanges(b).some((y) => rangesOverlap(x, y)));
}

/**
 * Where a window has no `aggregate sources`, the trades of every source are pooled and aggregated together (per
 * interval when it is partitioned, as the CME CF reference rates do), so there is no value per source: degradation
 * rules (which choose how sources are aggregated) would never be applied there, and are E5013 rather than a
 * methodology that reads as if it were followed. With `aggregate sources` beside a partition, each interval combines
 * the sources' own values (the runtime's `per-interval.ts`), and degradation rules apply per interval.
 */
function checkPooledSources(
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

interface CountRange {
  readonly rule: DegradationStmt;
  readonly lo: bigint;
  /** Undefined with `or more`. */
  readonly hi: bigint | undefined;
}

function describeRange(r: CountRange): string {
  if (r.hi === undefined) return `${r.lo} or more sources`;
  if (r.hi === r.lo) return `${r.lo} source${r.lo === 1n ? "" : "s"}`;
  return `${r.lo} to ${r.hi} sources`;
}

function toBigInt(n: NumberLit | undefined): bigint | undefined {
  const v = decimalOf(n);
  if (v === undefined || !v.isInteger()) return undefined;
  return BigInt(v.normalize().toString());
}

/**
 * The rules must not overlap, and must cover every count from the minimum number of sources (1 when not given)
 * up to the number of sources listed (when none are listed, up to the largest count a rule names). Reports the
 * smallest count that is uncovered or covered twice (E5004), and a rule whose range is empty or not whole.
 */
function checkDegradations(
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
