/** The lowering of an index declaration to the model (model/indices.ts): its rules as versioned clauses. */
import type * as A from "../syntax/ast.js";
import { ALWAYS, type Clause } from "./common.js";
import type { Index, IndexWindow, Method, Restatement, Source, TradeFilter } from "./indices.js";
import { modelUnit, type Lowerable, type Lowerer } from "./lower-base.js";

/** An index: each methodology rule as versioned clauses. */
export function lowerIndex(l: Lowerer, decl: Lowerable<A.IndexDecl>): Index {
  const st = decl.statements;
  const aggregate = (level: A.AggregateStmt["level"]): Clause<Method>[] =>
    l.versions(
      st,
      "Aggregate",
      (s) => method(l, s.method),
      (s) => s.level === level,
    );
  return {
    kind: "index",
    name: decl.name.name,
    ...l.declarationAnnotations(decl),
    timeZone: l.versions(st, "TimeZone", (s) => s.zone.name),
    administrator: l.versions(st, "Administrator", (s) => s.name.value),
    quoted: l.versions(st, "Quoted", (s) => modelUnit(s.checked)),
    methodology: l.versions(st, "Methodology", (s) => ({ version: s.version.value })),
    sources: l.rules(st, "Source", (s) => source(l, s)),
    window: l.versions(st, "Window", (s) => indexWindow(l, s)),
    partition: l.versions(st, "Partition", (s) => ({
      count: l.count(s.count),
      length: l.duration(s.length),
    })),
    emptyIntervals: l.versions(st, "EmptyIntervals", (s) => s.policy.value),
    aggregateTrades: aggregate("trades"),
    aggregateIntervals: aggregate("intervals"),
    aggregateSources: aggregate("sources"),
    excludeDeviation: l.versions(st, "ExcludeDeviation", (s) => ({
      percent: l.percent(s.percent),
    })),
    excludeStale: l.versions(st, "ExcludeStale", (s) => l.duration(s.duration)),
    minimumSources: l.versions(
      st,
      "Minimum",
      (s) => l.count(s.count),
      (s) => s.what === "sources",
    ),
    minimumTrades: l.versions(
      st,
      "Minimum",
      (s) => ({ count: l.count(s.count), perInterval: s.perInterval }),
      (s) => s.what === "trades",
    ),
    ...minimumCounterparties(l, st),
    degradation: l.rules(st, "Degradation", (s) => {
      const min = l.count(s.min);
      return {
        minSources: min,
        maxSources: s.orMore ? null : s.max === undefined ? min : l.count(s.max),
        method: method(l, s.method),
      };
    }),
    extremeMoves: l.versions(st, "ExtremeMoves", (s) => ({
      percent: l.percent(s.percent),
      action: s.action.value,
    })),
    rounding: l.versions(st, "Round", (s) => l.rounding(s.rounding)),
    publication: l.versions(st, "Publish", (s) => ({
      calendar: s.everyDay || s.calendar === undefined ? null : s.calendar.symbol.name,
      at: l.zoned(s.at),
    })),
    restatement: l.versions(st, "Restate", (s): Restatement => restatement(s.checked)),
    ...sampling(l, st, aggregate("samples")),
    ...tradeFilters(l, st),
    ...flagBelow(l, st),
    ...contingencyFlags(l, st),
  };
}

/** `empty intervals skip, flagged "*"` and `carry forward the last published value, flagged "C"`, each omitted when not stated. */
function contingencyFlags(l: Lowerer, st: Lowerable<readonly A.Statement[]>): Pick<Index, "emptyIntervalsFlag" | "carryForward"> {
  const empty = l.versions(
    st,
    "EmptyIntervals",
    (s) => s.flag?.value ?? "",
    (s) => s.flag !== undefined,
  );
  const carry = l.versions(st, "IndexCarryForward", (s) => ({ flag: s.flag.value }));
  return {
    ...(empty.length === 0 ? {} : { emptyIntervalsFlag: empty }),
    ...(carry.length === 0 ? {} : { carryForward: carry }),
  };
}

/** `minimum counterparties N`, omitted when not stated. */
function minimumCounterparties(l: Lowerer, st: Lowerable<readonly A.Statement[]>): Pick<Index, "minimumCounterparties"> {
  const min = l.versions(
    st,
    "Minimum",
    (s) => l.count(s.count),
    (s) => s.what === "counterparties",
  );
  return min.length === 0 ? {} : { minimumCounterparties: min };
}

/** `flagged below N sources`, omitted when not stated. */
function flagBelow(l: Lowerer, st: Lowerable<readonly A.Statement[]>): Pick<Index, "flagBelowSources"> {
  const flag = l.versions(st, "FlagBelow", (s) => l.count(s.count));
  return flag.length === 0 ? {} : { flagBelowSources: flag };
}

/** `exclude trades with volume below …` and `exclude trades deviating more than …`, each omitted when not stated. */
function tradeFilters(
  l: Lowerer,
  st: Lowerable<readonly A.Statement[]>,
): Pick<Index, "excludeTradesBelow" | "excludeTradeJumps" | "excludeTradesWhere"> {
  const where = l.rules(st, "ExcludeTradesWhere", (s) => tradeFilter(l, s));
  const below = l.versions(st, "ExcludeTradesBelow", (s) => ({ volume: l.decimal(s.amount) }));
  const jumps = l.versions(st, "ExcludeTradeJumps", (s) => ({ percent: l.percent(s.percent) }));
  return {
    ...(below.length === 0 ? {} : { excludeTradesBelow: below }),
    ...(jumps.length === 0 ? {} : { excludeTradeJumps: jumps }),
    ...(where.length === 0 ? {} : { excludeTradesWhere: where }),
  };
}

/**
 * A rule on a named field of the record, as the check accepted it (check/trade-qualification.ts: the flag or type is
 * there for `flagged` and `of type`, the window for `reversed within`; the fallbacks are for the type checker only).
 */
function tradeFilter(l: Lowerer, s: Lowerable<A.ExcludeTradesWhereStmt>): TradeFilter {
  if (s.test === "flagged") return { kind: "flagged", flag: s.value?.value ?? "" };
  if (s.test === "type") return { kind: "type", type: s.value?.value ?? "" };
  if (s.test === "side") return { kind: "side", side: s.side?.name === "sell" ? "sell" : "buy" };
  if (s.test === "counterparty") return { kind: "counterparty", counterparty: s.value?.value ?? "" };
  return { kind: "reversed-within", within: s.within === undefined ? { amount: "", unit: "days" } : l.duration(s.within) };
}

/** `sample every …` and `aggregate samples by …`, omitted when the index is not sampled. */
function sampling(
  l: Lowerer,
  st: Lowerable<readonly A.Statement[]>,
  aggregateSamples: Clause<Method>[],
): Pick<Index, "sampling" | "aggregateSamples"> {
  const sampling = l.versions(st, "Sample", (s) => ({
    every: l.duration(s.every),
    hold: l.duration(s.hold),
    empty: s.policy.value,
  }));
  return {
    ...(sampling.length === 0 ? {} : { sampling }),
    ...(aggregateSamples.length === 0 ? {} : { aggregateSamples }),
  };
}

function source(l: Lowerer, s: Lowerable<A.SourceStmt>): Source {
  const st = s.statements;
  const weights = l.versions(st, "Weight", (w) => l.decimal(w.weight));
  return {
    name: s.name.name,
    title: s.title?.value ?? null,
    quoted: l.versions(st, "Quoted", (q) => modelUnit(q.checked)),
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
    ...perDay(l, st),
    weight: weights.length > 0 ? weights : [{ effective: [{ ...ALWAYS }], descriptions: [], clauses: [], value: "1" }],
    blend: l.versions(st, "Blend", (b) => b.checked.map((p) => ({ part: p.part, weight: p.weight.normalize().toString() }))),
  };
}

/** `… chosen per day` on the source's priority lists, omitted when no list states it. */
function perDay(l: Lowerer, st: Lowerable<readonly A.Statement[]>): Pick<Source, "priorityPerDay"> {
  const perDay = l.versions(
    st,
    "PriorityList",
    () => true as const,
    (p) => p.perDay !== undefined,
  );
  return perDay.length === 0 ? {} : { priorityPerDay: perDay };
}

function method(l: Lowerer, method: Lowerable<A.Method>): Method {
  const out: Method = {
    name: method.name.value,
    exactHalf: null,
    trim: null,
    capPercent: null,
    weightedBy: null,
  };
  for (const o of method.options) {
    switch (o.kind) {
      case "ExactHalf":
        out.exactHalf = o.convention.value;
        break;
      case "Trim":
        out.trim = {
          highest: l.count(o.highest),
          lowest: l.count(o.lowest),
        };
        break;
      case "Cap":
        out.capPercent = l.percent(o.percent);
        break;
      case "WeightedBy":
        out.weightedBy = o.basis.value;
        break;
    }
  }
  return out;
}

/** An index window with its further pieces (in the first piece's zone, which the checker made them all). */
function indexWindow(l: Lowerer, s: Lowerable<A.WindowStmt>): IndexWindow {
  const first = l.window(s.window);
  if (s.also === undefined || s.also.length === 0) return first;
  const also = s.also.map((w) => {
    const { zone: _zone, ...piece } = l.window(w);
    return piece;
  });
  return { ...first, also };
}

/** A restatement rule, as the check evaluated it. */
function restatement(r: Lowerable<A.RestateStmt>["checked"]): Restatement {
  switch (r.kind) {
    case "never":
      return { kind: "never" };
    case "until":
      return {
        kind: "until",
        deadline: { ...r.deadline },
        day: r.day,
        thresholdPercent: r.threshold === null ? null : r.threshold.normalize().toString(),
      };
    case "same-day":
      return { kind: "same-day", thresholdPercent: r.threshold.normalize().toString() };
  }
}
