/** The lowering of a contract's settlement rules: its final settlement, its daily settlement steps and its fallback. */
import { COUNT_BOUNDS } from "../check/counts.js";
import { DAYS_IN_YEAR } from "../runtime/bounds.js";
import { DETERMINATION_PARTIES, DISRUPTION_KINDS, SETTLEMENT_METHODS } from "../check/words.js";
import type * as A from "../syntax/ast.js";
import type { EffectiveRange } from "./common.js";
import type { Contract, Fallback, FinalSettlement } from "./contracts.js";
import { CALENDAR, INDEX, Lowerer } from "./lower-base.js";

/** `final settlement in cash at …, rounded to …`. */
export function finalSettlement(l: Lowerer, s: A.FinalSettlementStmt): FinalSettlement {
  const v = l.need(s.value, s.value, "the settlement value", s.span);
  let value: FinalSettlement["value"];
  switch (v.kind) {
    case "IndexAt":
      value = { kind: "index-at", index: l.resolve(v.index, INDEX, "index", v.span).name, at: l.zoned(v.at, "the fixing", v.span) };
      break;
    case "IndexAverage": {
      const days = l.need(v.days, v.days, "the averaging days", v.span);
      value = {
        kind: "index-average",
        index: l.resolve(v.index, INDEX, "index", v.span).name,
        at: l.zoned(v.at, "the fixing", v.span),
        days:
          days.kind === "EveryBusinessDay"
            ? { kind: "every-business-day", calendar: l.calendarOf(days) }
            : {
                kind: "last-business-days",
                count: l.count(days.count, COUNT_BOUNDS.averagingDays, "the number of days", days.span),
                calendar: l.calendarOf(days),
              },
      };
      break;
    }
    case "UnderlyingFinal":
      value = { kind: "underlying-final", contract: l.resolve(v.target, ["future", "option", "spread"], "contract", v.span).name };
      break;
    case "LegByLeg":
      value = { kind: "leg-by-leg" };
      break;
    case "FutureVwap":
      value = {
        kind: "future-vwap",
        contract: l.resolve(v.target, ["future"], "future", v.span).name,
        window: l.window(v.window, "the VWAP window", v.span),
        ...(s.orFinal === undefined ? {} : { finalOnItsLastTradingDay: true as const }),
      };
      break;
  }
  return {
    method: l.word(SETTLEMENT_METHODS, s.method, s.span),
    value,
    rounding: l.rounding(s.rounding, "the final settlement", s.span),
  };
}

/** One step of the daily settlement procedure, with its notes. */
export function dailyStep(l: Lowerer, step: A.DailyStep): Contract["dailySettlement"][number]["value"][number] {
  const notes = {
    effective: l.effective(step.annotations),
    descriptions: step.annotations.descriptions.map((d) => d.value),
    clauses: step.annotations.clauses.map((c) => c.value),
  };
  switch (step.kind) {
    case "DailyVwap":
      return {
        kind: "vwap",
        window: l.window(step.window, "the VWAP window", step.span),
        rounding: l.rounding(step.rounding, "the VWAP", step.span),
        ...notes,
        ...(step.moreThan !== undefined
          ? {
              moreThanTrades: l.count(
                step.moreThan,
                COUNT_BOUNDS.dailyTradesMoreThan,
                "the number of trades of the step's condition",
                step.span,
              ),
            }
          : {}),
      };
    case "DailyMidpoint":
      return {
        kind: "midpoint",
        at: l.zoned(step.at, "the midpoint", step.span),
        rounding: l.rounding(step.rounding, "the midpoint", step.span),
        ...notes,
      };
    case "DailyMidpointPeriod":
      return {
        kind: "period-midpoint",
        window: l.window(step.window, "the settlement period", step.span),
        rounding: l.rounding(step.rounding, "the time-weighted midpoint", step.span),
        ...notes,
      };
    case "DailyCarry":
      return { kind: "carry-forward", ...notes };
    case "DailyNetChange":
      return { kind: "net-change", ...notes };
    case "DailyLeadSpread":
      return {
        kind: "lead-spread",
        window: l.window(step.window, "the spread VWAP window", step.span),
        rounding: l.rounding(step.rounding, "the spread VWAP", step.span),
        ...notes,
      };
    case "DailyCarryFormula": {
      const basis = l.decimal(step.basis, "the days in the year", step.span);
      const days = l.need(
        DAYS_IN_YEAR.find((d) => String(d) === basis),
        step.basis,
        "a number of days in the year of 360 or 365",
        step.span,
      );
      return {
        kind: "carry-formula",
        index: l.resolve(step.index, INDEX, "index", step.span).name,
        rate: { name: l.need(step.rate?.name, step.rate, "the interest rate", step.span), source: "fixings" },
        daysInYear: days,
        rounding: l.rounding(step.rounding, "the carry", step.span),
        ...notes,
      };
    }
  }
}

/** A fallback: its disruptions and its numbered steps, each step's calendar as checked (check/business-days.ts). */
export function fallback(l: Lowerer, s: A.FallbackStmt): Fallback {
  const notes = (a: A.Annotations): { effective: EffectiveRange[]; descriptions: string[]; clauses: string[] } => ({
    effective: l.effective(a),
    descriptions: a.descriptions.map((d) => d.value),
    clauses: a.clauses.map((c) => c.value),
  });
  return {
    disruptions: s.disruptions.map((d) => ({
      condition: l.word(DISRUPTION_KINDS, d.condition, d.span),
      deadline: d.deadline === undefined ? null : l.zoned(d.deadline, "the deadline", d.span),
      duration: d.duration === undefined ? null : l.duration(d.duration, "the staleness", d.span),
      ...notes(d.annotations),
    })),
    steps: s.steps.map((step) => {
      const a = l.need(step.action, step, "the fallback action");
      let action: Fallback["steps"][number]["action"];
      switch (a.kind) {
        case "Postpone":
          action = {
            kind: "postpone",
            businessDays: l.count(a.days, COUNT_BOUNDS.postponementDays, "the number of business days", a.span),
            calendar: l.calendarOf(a),
          };
          break;
        case "AlternateIndex":
          action = { kind: "alternate-index", index: l.resolve(a.index, INDEX, "index", a.span).name };
          break;
        case "CarryForward":
          action = {
            kind: "carry-forward",
            flagged: a.flagged,
            withinBusinessDays:
              a.withinDays === undefined
                ? null
                : l.count(a.withinDays, COUNT_BOUNDS.carryForwardDays, "the number of business days", a.span),
            ...(a.calendar === undefined ? {} : { calendar: l.resolve(a.calendar, CALENDAR, "calendar", a.span).name }),
          };
          break;
        case "Determination":
          action = { kind: "determination", party: l.word(DETERMINATION_PARTIES, a.party, a.span) };
          break;
        case "ExcludeDay":
          action = {
            kind: "exclude-day",
            minimumDays: l.count(a.minimumDays, COUNT_BOUNDS.averageMinimumDays, "the minimum number of days", a.span),
          };
          break;
      }
      return {
        action,
        only: step.only.length === 0 ? null : step.only.map((o) => l.word(DISRUPTION_KINDS, o, step.span)),
        ...notes(step.annotations),
      };
    }),
  };
}
