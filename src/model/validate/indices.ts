/** An index's invariants, field group by field group, as the checker's index checks state them. */
import { sameUnit, equalDimension } from "../../base/units.js";
import { Decimal } from "../../runtime/numbers/decimal.js";
import type { Clause, Rounding } from "../common.js";
import type { Index, IndexWindow, Method } from "../indices.js";
import {
  METHOD_OPTIONS,
  cappedMedianWeightingAllowed,
  isSourceWeight,
  someWeightPositive,
  PERCENT_RANGES,
  SECONDS_PER_UNIT,
  aggregationWithoutData,
  countRangeProblem,
  degradationCoverage,
  isPositiveAmount,
  minimumExceedsSources,
  overlappingVersions,
  partitionDividesPieces,
  partitionDividesWindow,
  windowPiecesProblem,
  quoteUnitChange,
  roundingProblems,
  secondsOfDay,
  trimDropsNothing,
  trimLeavesValues,
  windowLength,
  type MethodOptionKind,
  methodNeedsVolume,
  samplesInWindow,
  samplingConflict,
  timeWeightedAcrossPieces,
  flagBelowProblem,
  isRecordWord,
  isTradeSide,
  priorityPerDayWithoutWindow,
  reversalWindowProblem,
  tradeQualificationWithoutWindow,
  timeWeightedBeyondTrades,
} from "../invariants.js";
import { Doc, baseUnit, dec, sole, INDEX_VERSIONS, SOURCE_VERSIONS } from "./doc.js";
import { contingencyFlagProblems } from "./contingencies.js";

/** Every invariant of an index, field group by field group. */
export function indexProblems(doc: Doc, base: string, index: Index): void {
  for (const f of INDEX_VERSIONS) doc.versions(base, f, index[f]);
  doc.required(base, "quoted", index.quoted, "index");
  doc.required(base, "rounding", index.rounding, "index");
  doc.required(base, "publication", index.publication, "index");
  if (index.aggregateTrades.length + index.aggregateIntervals.length + index.aggregateSources.length === 0)
    doc.problem(`${base}/aggregateSources`, "is empty: an index must say how it aggregates (sources, intervals or trades)");

  indexQuoteAndSources(doc, base, index);
  indexWindows(doc, base, index);
  indexMethods(doc, base, index);
  indexThresholds(doc, base, index);
  indexSourceCounts(doc, base, index);
}

/** One quote unit; every source in a unit of the same dimension; versions of each source. */
export function indexQuoteAndSources(doc: Doc, base: string, index: Index): void {
  const quoted = index.quoted.map((c) => baseUnit(c.value));
  const change = quoteUnitChange(quoted, sameUnit);
  if (change !== undefined)
    doc.problem(`${base}/quoted/${change}/value`, "differs from the index's first quote unit: an index has one quote unit");
  const unit = quoted[0];

  // Sources: versions of one source share its name; their own rules are versions too.
  const byName = new Map<string, Clause<unknown>[]>();
  index.sources.forEach((s, i) => {
    const at = `${base}/sources/${i}`;
    const list = byName.get(s.value.name) ?? [];
    list.push(s);
    byName.set(s.value.name, list);
    for (const f of SOURCE_VERSIONS) doc.versions(`${at}/value`, f, s.value[f]);
    s.value.quoted.forEach((q, j) => {
      if (unit !== undefined && !equalDimension(baseUnit(q.value), unit))
        doc.problem(
          `${at}/value/quoted/${j}/value`,
          `${q.value.text} cannot be converted to the index's unit ${unit === undefined ? "" : index.quoted[0]!.value.text}`,
        );
    });
    doc.required(`${at}/value`, "weight", s.value.weight, "source (1 when its source states none)");
    s.value.weight.forEach((w, j) => {
      if (!isSourceWeight(dec(w.value)))
        doc.problem(`${at}/value/weight/${j}/value`, `a source's weight must not be negative, not ${w.value}`);
    });
    s.value.blend.forEach((b, j) =>
      b.value.forEach((p, k) => doc.positive(`${at}/value/blend/${j}/value/${k}/weight`, p.weight, "a blend weight")),
    );
    if (s.value.priorityPerDay !== undefined) {
      doc.versions(`${at}/value`, "priorityPerDay", s.value.priorityPerDay);
      if (priorityPerDayWithoutWindow(s.value.priorityPerDay.length > 0, index.window.length > 0))
        doc.problem(`${at}/value/priorityPerDay`, "a priority list is chosen per day, but the index has no window");
    }
  });
  for (const [name, list] of byName) {
    if (list.length < 2) continue;
    for (const o of overlappingVersions(list)) {
      const i = index.sources.indexOf(list[o.later] as never);
      doc.problem(
        `${base}/sources/${i}/effective/${o.laterRange}`,
        `overlaps another version of source ${name}: two versions would be in force on the same date`,
      );
    }
  }
}

/** Windows, partitions and what is aggregated. */
export function indexWindows(doc: Doc, base: string, index: Index): void {
  const windows = index.window.map((c, i) => windowPieces(doc, `${base}/window/${i}/value`, c.value));
  const solePieces = windows.length === 1 ? windows[0] : undefined;
  const soleWindow = solePieces?.every((l) => l !== undefined) ? solePieces.reduce((a, b) => a! + b!, 0) : undefined;
  index.partition.forEach((c, i) => {
    const at = `${base}/partition/${i}/value`;
    doc.positive(`${at}/length/amount`, c.value.length.amount, "the length of an interval");
    if (index.window.length === 0) doc.problem(at, "a partition divides the observation window, but the index has no window");
    const seconds = c.value.length.unit === "business-days" ? undefined : SECONDS_PER_UNIT[c.value.length.unit.slice(0, -1) as "second"];
    if (seconds !== undefined && soleWindow !== undefined && isPositiveAmount(dec(c.value.length.amount))) {
      const length = dec(c.value.length.amount).mul(Decimal.fromInteger(seconds));
      const count = Decimal.fromInteger(c.value.count);
      if (
        solePieces!.length > 1
          ? !partitionDividesPieces(
              count,
              length,
              solePieces!.map((l) => Decimal.fromInteger(l!)),
            )
          : !partitionDividesWindow(count, length, Decimal.fromInteger(soleWindow))
      )
        doc.problem(
          at,
          `${c.value.count} intervals of ${c.value.length.amount} ${c.value.length.unit} do not cover the ${soleWindow}-second window exactly${solePieces!.length > 1 ? ", a whole number in each piece" : ""}`,
        );
    }
  });
  if (index.partition.length > 0 && index.emptyIntervals.length === 0)
    doc.problem(`${base}/emptyIntervals`, "is empty: a partitioned window needs a policy for intervals without trades");
  for (const [field, level] of [
    ["aggregateTrades", "trades"],
    ["aggregateIntervals", "intervals"],
  ] as const) {
    const missing = aggregationWithoutData(level, index.window.length > 0, index.partition.length > 0);
    if (missing !== undefined && index[field].length > 0)
      doc.problem(`${base}/${field}`, `${level} are aggregated, but the index has no ${missing} to collect them in`);
  }
  if ((index.sampling ?? []).length > 0 && index.window.some((c) => c.value.also !== undefined))
    doc.problem(`${base}/sampling`, "a sampled index samples one window, not a window of several pieces");
  sampling(doc, base, index, solePieces?.length === 1 ? soleWindow : undefined);
}

/** Methods and their options, the time-weighted and trade-qualification rules, and source weights. */
export function indexMethods(doc: Doc, base: string, index: Index): void {
  const minimum = sole(index.minimumSources);
  let fixed = false;
  for (const field of ["aggregateTrades", "aggregateIntervals", "aggregateSources"] as const) {
    index[field].forEach((c, i) => {
      const m = methodProblems(doc, `${base}/${field}/${i}/value`, c.value);
      fixed ||= m.fixed;
      if (
        field === "aggregateSources" &&
        m.trimmed !== undefined &&
        minimum !== undefined &&
        !trimLeavesValues(m.trimmed, Decimal.fromInteger(minimum))
      )
        doc.problem(
          `${base}/${field}/${i}/value/trim`,
          `dropping ${m.trimmed.toString()} values of the minimum of ${minimum} sources leaves none to average`,
        );
    });
  }
  index.degradation.forEach((c, i) => {
    const m = methodProblems(doc, `${base}/degradation/${i}/value/method`, c.value.method);
    fixed ||= m.fixed;
    if (m.trimmed !== undefined && !trimLeavesValues(m.trimmed, Decimal.fromInteger(c.value.minSources)))
      doc.problem(
        `${base}/degradation/${i}/value/method/trim`,
        `dropping ${m.trimmed.toString()} values of ${c.value.minSources} sources leaves none to average`,
      );
  });
  timeWeighted(doc, base, index);
  tradeQualification(doc, base, index);
  if (index.flagBelowSources !== undefined) doc.versions(base, "flagBelowSources", index.flagBelowSources);
  if (index.emptyIntervalsFlag !== undefined) doc.versions(base, "emptyIntervalsFlag", index.emptyIntervalsFlag);
  if (index.carryForward !== undefined) doc.versions(base, "carryForward", index.carryForward);
  for (const p of contingencyFlagProblems(index)) doc.problem(base + p.path, p.message);
  const listedNames = new Set(index.sources.map((s) => s.value.name)).size;
  (index.flagBelowSources ?? []).forEach((c, i) => {
    if (flagBelowProblem(c.value, sole(index.minimumSources), listedNames) !== undefined)
      doc.problem(`${base}/flagBelowSources/${i}/value`, "never flags a value, or flags every value");
  });
  if (!fixed) {
    index.sources.forEach((s, i) => {
      const w = s.value.weight;
      const isDefault =
        w.length === 1 &&
        w[0]!.value === "1" &&
        w[0]!.descriptions.length === 0 &&
        w[0]!.clauses.length === 0 &&
        w[0]!.effective.length === 1 &&
        w[0]!.effective[0]!.from === null &&
        w[0]!.effective[0]!.until === null;
      if (!isDefault && w.length > 0)
        doc.problem(`${base}/sources/${i}/value/weight`, "a source weight is used only when sources are aggregated with fixed weights");
    });
  } else if (index.sources.length > 0 && !someWeightPositive(index.sources.map((s) => s.value.weight.map((w) => dec(w.value)))))
    doc.problem(`${base}/sources`, "every source has a weight of 0, so fixed weights leave nothing to average");
}

/** Percentages, durations, counts and roundings. */
export function indexThresholds(doc: Doc, base: string, index: Index): void {
  index.excludeDeviation.forEach((c, i) =>
    doc.percent(`${base}/excludeDeviation/${i}/value/percent`, c.value.percent, PERCENT_RANGES.deviation, "a deviation threshold"),
  );
  index.extremeMoves.forEach((c, i) =>
    doc.percent(`${base}/extremeMoves/${i}/value/percent`, c.value.percent, PERCENT_RANGES.extremeMove, "an extreme-move threshold"),
  );
  index.restatement.forEach((c, i) => {
    if (c.value.kind === "same-day" || (c.value.kind === "until" && c.value.thresholdPercent !== null))
      doc.percent(
        `${base}/restatement/${i}/value/thresholdPercent`,
        c.value.thresholdPercent!,
        PERCENT_RANGES.restatement,
        "a restatement threshold",
      );
  });
  index.excludeStale.forEach((c, i) => doc.positive(`${base}/excludeStale/${i}/value/amount`, c.value.amount, "a staleness limit"));
  index.rounding.forEach((c, i) => indexRounding(doc, `${base}/rounding/${i}/value`, c.value));
}

/** Sources counted: the minimum, and degradation rules covering every count once. */
export function indexSourceCounts(doc: Doc, base: string, index: Index): void {
  const minimum = sole(index.minimumSources);
  const listed = new Set(index.sources.map((s) => s.value.name)).size;
  index.minimumSources.forEach((c, i) => {
    if (minimumExceedsSources(Decimal.fromInteger(c.value), listed))
      doc.problem(`${base}/minimumSources/${i}/value`, `requires ${c.value} sources, but the index lists ${listed}`);
  });
  if (index.degradation.length > 0) {
    const ranges = index.degradation.map((c) => ({
      lo: BigInt(c.value.minSources),
      hi: c.value.maxSources === null ? undefined : BigInt(c.value.maxSources),
    }));
    const bad = ranges.findIndex((r) => countRangeProblem(r) !== undefined);
    if (bad >= 0)
      doc.problem(`${base}/degradation/${bad}/value/maxSources`, "the rule covers no number of sources: its maximum is below its minimum");
    else {
      const cov = degradationCoverage(ranges, minimum === undefined ? undefined : BigInt(minimum), listed);
      const p = cov.problem;
      if (p?.kind === "overlap")
        doc.problem(`${base}/degradation/${p.second}`, `degradation rules overlap: ${p.count} sources are covered by two rules`);
      else if (p?.kind === "gap") doc.problem(`${base}/degradation/${p.next}`, `no degradation rule covers ${p.count} sources`);
    }
  }
}

/**
 * The nominal length in seconds of each piece of an index window (undefined for a piece without time), each piece
 * checked as a window (E4006, E4060) and the pieces in time order without a shared instant (E4191).
 */
export function windowPieces(doc: Doc, at: string, w: IndexWindow): (number | undefined)[] {
  const pieces = [w, ...(w.also ?? [])];
  const lengths = pieces.map((p, j) => {
    const from = secondsOfDay(p.from)!;
    const to = secondsOfDay(p.to)!;
    const len = windowLength(from, to, p.fromDay === "previous");
    if (len === undefined)
      doc.problem(
        j === 0 ? `${at}/to` : `${at}/also/${j - 1}/to`,
        p.fromDay === "previous"
          ? `the window from ${p.from} on the previous day to ${p.to} is longer than a day`
          : `the window from ${p.from} to ${p.to} contains no time`,
      );
    return len;
  });
  const problem = windowPiecesProblem(
    pieces.map((p) => ({
      from: secondsOfDay(p.from)! - (p.fromDay === "previous" ? 86_400 : 0),
      to: secondsOfDay(p.to)!,
      fromInclusive: p.fromBound === "inclusive",
      toInclusive: p.toBound === "inclusive",
      zone: w.zone,
    })),
  );
  if (problem !== undefined) doc.problem(`${at}/also/${problem.piece - 1}/from`, "starts before the previous piece of the window ends");
  return lengths;
}

/** Trade qualification: a positive volume, a deviation in (0%, 100%], and a window of trades (E3003, E3006, E5282). */
export function tradeQualification(doc: Doc, base: string, index: Index): void {
  const below = index.excludeTradesBelow;
  const jumps = index.excludeTradeJumps;
  if (below !== undefined) {
    doc.versions(base, "excludeTradesBelow", below);
    below.forEach((c, i) => doc.positive(`${base}/excludeTradesBelow/${i}/value/volume`, c.value.volume, "a minimum trade volume"));
  }
  if (jumps !== undefined) {
    doc.versions(base, "excludeTradeJumps", jumps);
    jumps.forEach((c, i) =>
      doc.percent(`${base}/excludeTradeJumps/${i}/value/percent`, c.value.percent, PERCENT_RANGES.deviation, "a deviation threshold"),
    );
  }
  const where = index.excludeTradesWhere ?? [];
  where.forEach((c, i) => {
    const f = c.value;
    const at = `${base}/excludeTradesWhere/${i}/value`;
    if (f.kind === "flagged" && !isRecordWord(f.flag)) doc.problem(`${at}/flag`, "is not a flag a record can hold");
    if (f.kind === "type" && !isRecordWord(f.type)) doc.problem(`${at}/type`, "is not a trade type a record can hold");
    if (f.kind === "counterparty" && !isRecordWord(f.counterparty))
      doc.problem(`${at}/counterparty`, "is not a counterparty a record can hold");
    if (f.kind === "side" && !isTradeSide(f.side)) doc.problem(`${at}/side`, "is not a side a record can hold");
    if (f.kind === "reversed-within") {
      doc.positive(`${at}/within/amount`, f.within.amount, "a reversal window");
      if (reversalWindowProblem(f.within) !== undefined) doc.problem(`${at}/within`, "a reversal window is clock time of at most a day");
    }
  });
  const counterparties = index.minimumCounterparties ?? [];
  if (
    tradeQualificationWithoutWindow(
      (below ?? []).length + (jumps ?? []).length + where.length + counterparties.length > 0,
      index.window.length > 0,
    )
  )
    doc.problem(
      `${base}/${below !== undefined && below.length > 0 ? "excludeTradesBelow" : jumps !== undefined && jumps.length > 0 ? "excludeTradeJumps" : where.length > 0 ? "excludeTradesWhere" : "minimumCounterparties"}`,
      "trades are excluded, but the index has no window of trades",
    );
}

/** `vtwap` combines trades only (E5280), and over a window of several pieces only with a partition (E5281). */
export function timeWeighted(doc: Doc, base: string, index: Index): void {
  for (const [field, level] of [
    ["aggregateIntervals", "intervals"],
    ["aggregateSources", "sources"],
  ] as const)
    index[field].forEach((c, i) => {
      if (timeWeightedBeyondTrades(level, c.value.name))
        doc.problem(`${base}/${field}/${i}/value/name`, `${level} cannot be combined by vtwap: they have no instant of their own`);
    });
  index.degradation.forEach((c, i) => {
    if (timeWeightedBeyondTrades("sources", c.value.method.name))
      doc.problem(`${base}/degradation/${i}/value/method/name`, "sources cannot be combined by vtwap: they have no instant of their own");
  });
  index.aggregateTrades.forEach((c, i) => {
    for (const w of index.window)
      if (timeWeightedAcrossPieces(c.value.name, 1 + (w.value.also?.length ?? 0), index.partition.length > 0))
        doc.problem(`${base}/aggregateTrades/${i}/value/name`, "vtwap over a window of several pieces needs a partition");
  });
}

/** A sampled index (issue 15): the rules of check/sampling.ts, through the same invariants. */
export function sampling(doc: Doc, base: string, index: Index, soleWindow: number | undefined): void {
  const sampling = index.sampling ?? [];
  const samples = index.aggregateSamples ?? [];
  if (index.sampling !== undefined) doc.versions(base, "sampling", index.sampling);
  if (index.aggregateSamples !== undefined) doc.versions(base, "aggregateSamples", index.aggregateSamples);
  if (sampling.length === 0) {
    if (samples.length > 0) doc.problem(`${base}/aggregateSamples`, "samples are aggregated, but the index is not sampled");
    return;
  }
  if (index.window.length === 0) doc.problem(`${base}/sampling`, "the index is sampled, but has no window to sample");
  const conflict = samplingConflict({
    partition: index.partition.length > 0,
    aggregateTrades: index.aggregateTrades.length > 0,
    aggregateIntervals: index.aggregateIntervals.length > 0,
  });
  if (conflict !== undefined) doc.problem(`${base}/sampling`, `a sampled index cannot also have \`${conflict}\``);
  if (index.aggregateSources.length === 0)
    doc.problem(`${base}/aggregateSources`, "is empty: a sampled index needs a method that combines the sources at each sample");
  if (samples.length === 0) doc.problem(`${base}/aggregateSamples`, "is missing: a sampled index needs a method that combines the samples");
  samples.forEach((c, i) => {
    methodProblems(doc, `${base}/aggregateSamples/${i}/value`, c.value);
    if (methodNeedsVolume(c.value.name, c.value.weightedBy))
      doc.problem(`${base}/aggregateSamples/${i}/value/name`, `samples cannot be combined by ${c.value.name}: a sample has no volume`);
  });
  sampling.forEach((c, i) => {
    const at = `${base}/sampling/${i}/value`;
    for (const f of ["every", "hold"] as const) {
      const d = c.value[f];
      doc.positive(`${at}/${f}/amount`, d.amount, f === "every" ? "a sampling interval" : "a holding time");
      if (d.unit === "business-days") doc.problem(`${at}/${f}/unit`, "is business days: sampling is in clock time");
    }
    const d = c.value.every;
    if (d.unit !== "business-days" && soleWindow !== undefined && isPositiveAmount(dec(d.amount))) {
      const every = dec(d.amount).mul(Decimal.fromInteger(SECONDS_PER_UNIT[d.unit.slice(0, -1) as "second"]));
      const n = samplesInWindow(every, Decimal.fromInteger(soleWindow));
      if (!n.ok)
        doc.problem(
          `${at}/every`,
          n.problem === "not-dividing"
            ? `samples every ${d.amount} ${d.unit} do not divide the ${soleWindow}-second window evenly`
            : "the window would hold more than 1,000,000 samples",
        );
    }
  });
}

/** A method carries exactly the options it needs (E5009, E5005). */
export function methodProblems(doc: Doc, at: string, m: Method): { fixed: boolean; trimmed: Decimal | undefined } {
  const given: [MethodOptionKind, string, unknown][] = [
    ["ExactHalf", "exactHalf", m.exactHalf],
    ["Trim", "trim", m.trim],
    ["Cap", "capPercent", m.capPercent],
    ["WeightedBy", "weightedBy", m.weightedBy],
  ];
  const rule = METHOD_OPTIONS[m.name];
  for (const [kind, field, value] of given) {
    if (value !== null && !rule.allowed.includes(kind)) doc.problem(`${at}/${field}`, `does not apply to ${m.name}: it must be null`);
    if (value === null && rule.required === kind) doc.problem(`${at}/${field}`, `is required by ${m.name}`);
  }
  let trimmed: Decimal | undefined;
  if (m.trim !== null && m.name === "trimmed-mean") {
    const hi = Decimal.fromInteger(m.trim.highest);
    const lo = Decimal.fromInteger(m.trim.lowest);
    if (trimDropsNothing(hi, lo)) doc.problem(`${at}/trim`, "a trimmed mean that drops nothing is a mean");
    else trimmed = hi.add(lo);
  }
  if (m.name === "capped-median" && m.weightedBy !== null && !cappedMedianWeightingAllowed(m.weightedBy))
    doc.problem(`${at}/weightedBy`, `a capped median is not weighted by ${m.weightedBy}`);
  if (m.capPercent !== null) doc.percent(`${at}/capPercent`, m.capPercent, PERCENT_RANGES.cap, "a cap");
  return { fixed: m.weightedBy === "fixed", trimmed };
}

export function indexRounding(doc: Doc, at: string, r: Rounding): void {
  if (r.kind === "unrounded") return;
  const problems = roundingProblems({ mode: r.mode, toTick: r.kind === "tick" }, { daily: false, hasTick: () => false });
  if (problems.includes("no-tick")) doc.problem(`${at}/kind`, "an index has no tick to round to");
  else if (problems.includes("ties-without-prior"))
    doc.problem(`${at}/mode`, "half-toward-reference needs a prior settlement, and an index has none");
}
