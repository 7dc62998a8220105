/** The lowering of an index declaration to the model (model/indices.ts): its rules as versioned clauses. */
import type { Span } from "../base/source.js";
import { COUNT_BOUNDS } from "../check/counts.js";

import {
  AGGREGATION_METHODS,
  EMPTY_INTERVAL_POLICIES,
  EXACT_HALF_CONVENTIONS,
  EXTREME_MOVE_ACTIONS,
  WEIGHTING_BASES,
  DURATION_UNITS,
  lookupWord,
} from "../check/words.js";
import { decimalOf } from "../check/unit-of.js";
import type * as A from "../syntax/ast.js";
import { ALWAYS, type Clause } from "./common.js";
import type { Index, IndexWindow, Method, Restatement, Source, TradeFilter } from "./indices.js";
import { CALENDAR, DURATION_PLURAL, Lowerer } from "./lower-base.js";

/** An index: each methodology rule as versioned clauses. */
export function lowerIndex(l: Lowerer, decl: A.IndexDecl): Index {
  const st = decl.statements;
  const aggregate = (level: A.AggregateStmt["level"]): Clause<Method>[] =>
    l.versions(
      st,
      "Aggregate",
      (s) => method(l, s.method, s.span),
      (s) => s.level === level,
    );
  return {
    kind: "index",
    name: decl.name!.name,
    ...l.declarationAnnotations(decl),
    timeZone: l.versions(st, "TimeZone", (s) => l.need(s.zone?.name, s, "the time zone")),
    administrator: l.versions(st, "Administrator", (s) => l.need(s.name?.value, s, "the administrator")),
    quoted: l.versions(st, "Quoted", (s) => l.unit(s.unit, s.unit ?? s, "the index's unit")),
    methodology: l.versions(st, "Methodology", (s) => ({ version: l.need(s.version?.value, s, "the methodology version") })),
    sources: l.rules(st, "Source", (s) => source(l, s)),
    window: l.versions(st, "Window", (s) => indexWindow(l, s)),
    partition: l.versions(st, "Partition", (s) => ({
      count: l.count(s.count, COUNT_BOUNDS.intervals, "the number of intervals", s.span),
      length: l.duration(s.length, "an interval", s.span),
    })),
    emptyIntervals: l.versions(st, "EmptyIntervals", (s) => l.word(EMPTY_INTERVAL_POLICIES, s.policy, s.span)),
    aggregateTrades: aggregate("trades"),
    aggregateIntervals: aggregate("intervals"),
    aggregateSources: aggregate("sources"),
    excludeDeviation: l.versions(st, "ExcludeDeviation", (s) => ({
      percent: l.percent(s.percent, "the deviation threshold", s.span),
    })),
    excludeStale: l.versions(st, "ExcludeStale", (s) => l.duration(s.duration, "the staleness limit", s.span)),
    minimumSources: l.versions(
      st,
      "Minimum",
      (s) => l.count(s.count, COUNT_BOUNDS.sources, "the minimum number of sources", s.span),
      (s) => s.what === "sources",
    ),
    minimumTrades: l.versions(
      st,
      "Minimum",
      (s) => ({ count: l.count(s.count, COUNT_BOUNDS.trades, "the minimum number of trades", s.span), perInterval: s.perInterval }),
      (s) => s.what === "trades",
    ),
    degradation: l.rules(st, "Degradation", (s) => {
      const min = l.count(s.min, COUNT_BOUNDS.sources, "the number of sources", s.span);
      return {
        minSources: min,
        maxSources: s.orMore ? null : s.max === undefined ? min : l.count(s.max, COUNT_BOUNDS.sources, "the number of sources", s.span),
        method: method(l, s.method, s.span),
      };
    }),
    extremeMoves: l.versions(st, "ExtremeMoves", (s) => ({
      percent: l.percent(s.percent, "the extreme-move threshold", s.span),
      action: l.word(EXTREME_MOVE_ACTIONS, s.action, s.span),
    })),
    rounding: l.versions(st, "Round", (s) => l.rounding(s.rounding, "the index value", s.span)),
    publication: l.versions(st, "Publish", (s) => ({
      calendar: s.everyDay || s.calendar === undefined ? null : l.resolve(s.calendar, CALENDAR, "calendar", s.span).name,
      at: l.zoned(s.at, "publication", s.span),
    })),
    restatement: l.versions(st, "Restate", (s): Restatement =>
      s.never
        ? { kind: "never" as const }
        : s.until !== undefined
          ? {
              kind: "until" as const,
              deadline: l.zoned(s.until.at, "the restatement deadline", s.span),
              day: s.until.day,
              thresholdPercent: s.threshold === undefined ? null : l.percent(s.threshold, "the restatement threshold", s.span),
            }
          : { kind: "same-day" as const, thresholdPercent: l.percent(s.threshold, "the restatement threshold", s.span) },
    ),
    ...sampling(l, st, aggregate("samples")),
    ...tradeFilters(l, st),
    ...flagBelow(l, st),
  };
}

/** `flagged below N sources`, omitted when not stated. */
function flagBelow(l: Lowerer, st: readonly A.Statement[]): Pick<Index, "flagBelowSources"> {
  const flag = l.versions(st, "FlagBelow", (s) => l.count(s.count, COUNT_BOUNDS.sources, "the number of sources", s.span));
  return flag.length === 0 ? {} : { flagBelowSources: flag };
}

/** `exclude trades with volume below …` and `exclude trades deviating more than …`, each omitted when not stated. */
function tradeFilters(
  l: Lowerer,
  st: readonly A.Statement[],
): Pick<Index, "excludeTradesBelow" | "excludeTradeJumps" | "excludeTradesWhere"> {
  const where = l.rules(st, "ExcludeTradesWhere", tradeFilter);
  const below = l.versions(st, "ExcludeTradesBelow", (s) => ({ volume: l.decimal(s.amount, "the minimum volume of a trade", s.span) }));
  const jumps = l.versions(st, "ExcludeTradeJumps", (s) => ({ percent: l.percent(s.percent, "the deviation threshold", s.span) }));
  return {
    ...(below.length === 0 ? {} : { excludeTradesBelow: below }),
    ...(jumps.length === 0 ? {} : { excludeTradeJumps: jumps }),
    ...(where.length === 0 ? {} : { excludeTradesWhere: where }),
  };
}

/** A rule on a named field of the record, as the check accepted it (check/trade-qualification.ts). */
function tradeFilter(s: A.ExcludeTradesWhereStmt): TradeFilter {
  if (s.test === "flagged") return { kind: "flagged", flag: s.value?.value ?? "" };
  if (s.test === "type") return { kind: "type", type: s.value?.value ?? "" };
  const unit = s.within?.unit === undefined ? undefined : lookupWord(DURATION_UNITS, s.within.unit.name);
  return {
    kind: "reversed-within",
    within: {
      amount: decimalOf(s.within?.amount)?.normalize().toString() ?? "",
      unit: unit === undefined ? "days" : DURATION_PLURAL[unit],
    },
  };
}

/** `sample every …` and `aggregate samples by …`, omitted when the index is not sampled. */
function sampling(
  l: Lowerer,
  st: readonly A.Statement[],
  aggregateSamples: Clause<Method>[],
): Pick<Index, "sampling" | "aggregateSamples"> {
  const sampling = l.versions(st, "Sample", (s) => ({
    every: l.duration(s.every, "the sampling interval", s.span),
    hold: l.duration(s.hold, "the holding time", s.span),
    empty: l.word(EMPTY_INTERVAL_POLICIES, s.policy, s.span),
  }));
  return {
    ...(sampling.length === 0 ? {} : { sampling }),
    ...(aggregateSamples.length === 0 ? {} : { aggregateSamples }),
  };
}

function source(l: Lowerer, s: A.SourceStmt): Source {
  const st = s.statements;
  const weights = l.versions(st, "Weight", (w) => l.decimal(w.weight, "the weight", w.span));
  return {
    name: l.need(s.name?.name, s, "the source's name"),
    title: s.title?.value ?? null,
    quoted: l.versions(st, "Quoted", (q) => l.unit(q.unit, q.unit ?? q, "the source's unit")),
    models: l.versions(
      st,
      "PriorityList",
      (p) => p.items.map((i) => i.value),
      (p) => p.list === "models",
    ),
    instruments: l.versions(
      st,
      "PriorityList",
      (p) => p.items.map((i) => i.value),
      (p) => p.list === "instruments",
    ),
    weight: weights.length > 0 ? weights : [{ effective: [{ ...ALWAYS }], descriptions: [], clauses: [], value: "1" }],
    blend: l.versions(st, "Blend", (b) =>
      b.parts.map((p) => ({
        part: l.need(p.name?.name, p, "the blend part"),
        weight: l.decimal(p.weight, "the blend weight", p.span),
      })),
    ),
  };
}

function method(l: Lowerer, m: A.Method | undefined, fallback: Span): Method {
  const method = l.need(m, m, "the aggregation method", fallback);
  const out: Method = {
    name: l.word(AGGREGATION_METHODS, method.name, method.span),
    exactHalf: null,
    trim: null,
    capPercent: null,
    weightedBy: null,
  };
  for (const o of method.options) {
    switch (o.kind) {
      case "ExactHalf":
        out.exactHalf = l.word(EXACT_HALF_CONVENTIONS, o.convention, o.span);
        break;
      case "Trim":
        out.trim = {
          highest: l.count(o.highest, COUNT_BOUNDS.trimmed, "the number of highest values", o.span),
          lowest: l.count(o.lowest, COUNT_BOUNDS.trimmed, "the number of lowest values", o.span),
        };
        break;
      case "Cap":
        out.capPercent = l.percent(o.percent, "the cap", o.span);
        break;
      case "WeightedBy":
        out.weightedBy = l.word(WEIGHTING_BASES, o.basis, o.span);
        break;
    }
  }
  return out;
}

/** An index window with its further pieces (in the first piece's zone, which the checker made them all). */
function indexWindow(l: Lowerer, s: A.WindowStmt): IndexWindow {
  const first = l.window(s.window, "the observation window", s.span);
  if (s.also === undefined || s.also.length === 0) return first;
  const also = s.also.map((w) => {
    const { zone: _zone, ...piece } = l.window(w, "a piece of the observation window", s.span);
    return piece;
  });
  return { ...first, also };
}
