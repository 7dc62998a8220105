/** The lowering of a contract's settlement rules: its final settlement, its daily settlement steps and its fallback. */
import type * as A from "../syntax/ast.js";
import type { EffectiveRange } from "./common.js";
import type { Contract, Fallback, FinalSettlement } from "./contracts.js";
import type { FallbackDeadline } from "../runtime/spec.js";
import type { Lowerable, Lowerer } from "./lower-base.js";

/** `final settlement in cash at …, rounded to …`. */
export function finalSettlement(l: Lowerer, s: Lowerable<A.FinalSettlementStmt>): FinalSettlement {
  const v = s.value;
  let value: FinalSettlement["value"];
  switch (v.kind) {
    case "IndexAt":
      value = { kind: "index-at", index: v.index.symbol.name, at: l.zoned(v.at) };
      break;
    case "IndexAverage": {
      const days = v.days;
      value = {
        kind: "index-average",
        index: v.index.symbol.name,
        at: l.zoned(v.at),
        days:
          days.kind === "EveryBusinessDay"
            ? { kind: "every-business-day", calendar: days.checked }
            : { kind: "last-business-days", count: l.count(days.count), calendar: days.checked },
      };
      break;
    }
    case "UnderlyingFinal":
      value = { kind: "underlying-final", contract: v.target.symbol.name };
      break;
    case "LegByLeg":
      value = { kind: "leg-by-leg" };
      break;
    case "FutureVwap":
      value = {
        kind: "future-vwap",
        contract: v.target.symbol.name,
        window: l.window(v.window),
        ...(s.orFinal === undefined ? {} : { finalOnItsLastTradingDay: true as const }),
      };
      break;
  }
  return {
    method: s.method.value,
    value,
    rounding: l.rounding(s.rounding),
  };
}

/** One step of the daily settlement procedure, with its notes. */
export function dailyStep(l: Lowerer, step: Lowerable<A.DailyStep>): Contract["dailySettlement"][number]["value"][number] {
  const notes = {
    effective: l.effective(step.annotations),
    descriptions: step.annotations.descriptions.map((d) => d.value),
    clauses: step.annotations.clauses.map((c) => c.value),
  };
  switch (step.kind) {
    case "DailyVwap":
      return {
        kind: "vwap",
        window: l.window(step.window),
        rounding: l.rounding(step.rounding),
        ...notes,
        ...(step.moreThan !== undefined ? { moreThanTrades: l.count(step.moreThan) } : {}),
      };
    case "DailyMidpoint":
      return {
        kind: "midpoint",
        at: l.zoned(step.at),
        rounding: l.rounding(step.rounding),
        ...notes,
      };
    case "DailyMidpointPeriod":
      return {
        kind: "period-midpoint",
        window: l.window(step.window),
        rounding: l.rounding(step.rounding),
        ...notes,
      };
    case "DailyCarry":
      return { kind: "carry-forward", ...notes };
    case "DailyNetChange":
      return { kind: "net-change", ...notes };
    case "DailyLeadSpread":
      return {
        kind: "lead-spread",
        window: l.window(step.window),
        rounding: l.rounding(step.rounding),
        ...notes,
      };
    case "DailyCarryFormula":
      return {
        kind: "carry-formula",
        index: step.index.symbol.name,
        rate: { name: step.rate.name, source: "fixings" },
        daysInYear: step.checked,
        rounding: l.rounding(step.rounding),
        ...notes,
      };
  }
}

/** A fallback: its disruptions and its numbered steps, each step's calendar as checked (check/business-days.ts). */
export function fallback(l: Lowerer, s: Lowerable<A.FallbackStmt>): Fallback {
  const notes = (a: Lowerable<A.Annotations>): { effective: EffectiveRange[]; descriptions: string[]; clauses: string[] } => ({
    effective: l.effective(a),
    descriptions: a.descriptions.map((d) => d.value),
    clauses: a.clauses.map((c) => c.value),
  });
  return {
    disruptions: s.disruptions.map((d) => ({
      condition: d.condition.value,
      deadline: d.deadline === undefined ? null : l.zoned(d.deadline),
      duration: d.duration === undefined ? null : l.duration(d.duration),
      ...notes(d.annotations),
    })),
    steps: s.steps.map((step) => {
      const a = step.action;
      let action: Fallback["steps"][number]["action"];
      switch (a.kind) {
        case "Postpone":
          action = {
            kind: "postpone",
            businessDays: l.count(a.days),
            calendar: a.checked,
          };
          break;
        case "AlternateIndex":
          action = { kind: "alternate-index", index: a.index.symbol.name };
          break;
        case "CarryForward":
          action = {
            kind: "carry-forward",
            flagged: a.flagged,
            withinBusinessDays: a.withinDays === undefined ? null : l.count(a.withinDays),
            ...(a.calendar === undefined ? {} : { calendar: a.calendar.symbol.name }),
          };
          break;
        case "Determination":
          action = {
            kind: "determination",
            party: a.party.value,
            ...(a.deadline === undefined ? {} : { deadline: fallbackDeadline(l, a.deadline) }),
          };
          break;
        case "DealerPoll":
          action = {
            kind: "dealer-poll",
            dealers: l.count(a.dealers),
            minimumQuotes: l.count(a.minimumQuotes),
            dropHighest: a.dropHighest === undefined ? 0 : l.count(a.dropHighest),
            dropLowest: a.dropLowest === undefined ? 0 : l.count(a.dropLowest),
            rounding: l.rounding(a.rounding),
            deadline: fallbackDeadline(l, a.deadline),
          };
          break;
        case "NegotiatedFallback":
          action = { kind: "negotiated", deadline: fallbackDeadline(l, a.deadline) };
          break;
        case "ExcludeDay":
          action = { kind: "exclude-day", minimumDays: l.count(a.minimumDays) };
          break;
      }
      return {
        action,
        only: step.only.length === 0 ? null : step.only.map((o) => o.value),
        ...notes(step.annotations),
      };
    }),
  };
}

/** A step's deadline as the checks accepted it: its count in range and the calendar check/business-days.ts recorded. */
function fallbackDeadline(l: Lowerer, d: Lowerable<A.FallbackDeadline>): FallbackDeadline {
  return { businessDays: l.count(d.days), calendar: d.checked };
}
