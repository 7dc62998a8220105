/**
 * The lowering of a contract declaration (future, option, spread) to the model (model/contracts.ts): its rules as
 * versioned clauses, the settlement rules in lower-settlement.ts.
 */

import type * as A from "../syntax/ast.js";
import { ALWAYS, type Clause, type Quantity, type ZonedTime } from "./common.js";
import type { Contract, ContractDateRule, Payment, CashRounding, FixingTick, IndexLicence, LegPricing } from "./contracts.js";

import type { SessionChange, TradingHours } from "./sessions.js";
import type { StrikeTier } from "../runtime/strikes.js";
import type { DynamicLimit } from "../runtime/engine/circuit-breakers.js";
import { holidayRule, modelUnit, type Lowerable, type Lowerer } from "./lower-base.js";
import { dailyStep, fallback, finalSettlement } from "./lower-settlement.js";

/** A future, option or spread: the rules every contract has, then those of its kind. */
export function lowerContract(l: Lowerer, decl: Lowerable<A.FutureDecl | A.OptionDecl | A.SpreadDecl>): Contract {
  const st = decl.statements;
  const name = decl.name.name;
  const ticks = (variant: A.TickStmt["variant"]): Clause<ReturnType<typeof tick>>[] =>
    l.versions(
      st,
      "Tick",
      (s) => tick(l, s),
      (s) => s.variant === variant,
    );
  const common = {
    name,
    ...l.declarationAnnotations(decl),
    timeZone: l.versions(st, "TimeZone", (s) => s.zone.name),
    contractUnit: l.versions(st, "ContractUnit", (s) => {
      // An option's contract unit may be a number of contracts of a future (`contract unit 1 FOTI`).
      const u = s.checked;
      const amount = u.amount.normalize().toString();
      if (u.kind === "contracts") return { kind: "contracts" as const, amount, contract: u.contract };
      return { kind: "quantity" as const, quantity: { amount, unit: modelUnit(u.unit) } };
    }),
    priceQuotation: l.versions(st, "Quoted", (s) => modelUnit(s.checked)),
    tick: ticks("outright"),
    listing: l.versions(st, "Listing", (s) => [
      ...s.parts.map((p) => listingPart(l, p)),
      ...(s.time === undefined ? [] : [listingTime(l, s.time)]),
    ]),
    lastTradingDay: l.versions(st, "LastTradingDay", (s) => dateRule(s)),
    termination: l.versions(st, "Termination", (s) => l.zoned(s.at)),
    finalSettlement: l.versions(st, "FinalSettlement", (s) => finalSettlement(l, s)),
    dailySettlement: l.versions(st, "DailySettlement", (s) => s.steps.map((step) => dailyStep(l, step))),
    priceLimits: l.versions(st, "PriceLimits", (s) =>
      s.limits.map((limit) =>
        limit.kind === "Percent"
          ? {
              kind: "percent" as const,
              percent: l.percent(limit),
              ...(s.rounding === undefined ? {} : { rounding: l.rounding(s.rounding) }),
            }
          : { kind: "absolute" as const, amount: l.quantity(limit) },
      ),
    ),
    positionLimits: l.rules(st, "PositionLimit", (s) => ({
      count: l.count(s.count),
      scope: s.scope,
      ...(s.aggregatedWith === undefined ? {} : { aggregatedWith: s.aggregatedWith.map((c) => c.symbol.name) }),
    })),
    fallback: l.versions(st, "Fallback", (s) => fallback(l, s)),
    ...payment(l, st),
    ...cashRounding(l, st),
    ...tradingSchedule(l, st),
    ...priceLimitBreach(l, st),
    ...indexLicence(l, st),
    ...fixingTick(l, st),
    ...versionsSelected(l, st),
  };
  const negativePrices = (): Clause<boolean>[] => {
    const v = l.versions(st, "NegativePrices", () => true);
    return v.length > 0 ? v : [{ effective: [{ ...ALWAYS }], descriptions: [], clauses: [], value: false }];
  };
  switch (decl.kind) {
    case "Future":
      return {
        kind: "future",
        ...common,
        underlying: l.versions(st, "Underlying", (s) => ({ ...s.checked })),
        spreadTick: ticks("spread"),
        negativePrices: negativePrices(),
        ...dynamicPriceLimits(l, st),
      };
    case "Option":
      return {
        kind: "option",
        ...common,
        underlying: l.versions(st, "Underlying", (s) => ({ ...s.checked })),
        rights: l.versions(st, "OptionType", (s) => s.rights.map((r) => r.value)),
        exercise: l.versions(st, "Exercise", (s) => s.style.value),
        automaticExercise: l.versions(st, "AutoExercise", (s) => l.quantity(s.threshold)),
        strikes: l.versions(st, "Strikes", (s) => l.quantity(s.step)),
        ...strikeListing(l, st),
        premiumTick: ticks("premium"),
        expiry: l.versions(st, "Expiry", (s) =>
          s.checked.kind === "with-underlying"
            ? { kind: "with-underlying" as const }
            : {
                kind: "before-underlying" as const,
                businessDays: l.count({ checked: s.checked.businessDays }),
                calendar: s.checked.calendar,
              },
        ),
      };
    case "Spread":
      return {
        kind: "spread",
        ...common,
        legs: l.rules(st, "Leg", (s) => ({
          side: s.side.value,
          ratio: l.decimal(s.ratio),
          contract: s.contract.symbol.name,
          monthsLater: s.monthsLater === undefined ? 0 : l.count(s.monthsLater),
          rounding: s.rounding === undefined ? null : l.rounding(s.rounding),
        })),
        spreadTick: ticks("spread"),
        negativePrices: negativePrices(),
        ...legPricing(l, st),
      };
  }
}

/** `trading hours …` and the named days that change sessions: each present only when the contract states it. */
function tradingSchedule(
  l: Lowerer,
  st: Lowerable<readonly A.Statement[]>,
): { tradingHours?: Clause<TradingHours>[]; sessionChanges?: Clause<SessionChange>[] } {
  // As the contracts check lowered them (check/sessions.ts).
  const tradingHours = l.versions(st, "TradingHours", (s) => s.checked);
  const sessionChanges = l.rules(st, "SessionChange", (s) => {
    const c = s.checked;
    return { day: { ...holidayRule(c.day), descriptions: [], clauses: [] }, shiftDays: c.shiftDays, closes: c.closes };
  });
  return {
    ...(tradingHours.length === 0 ? {} : { tradingHours }),
    ...(sessionChanges.length === 0 ? {} : { sessionChanges }),
  };
}

/** `payment …`: present only when the contract states it, so specs without one are unchanged. */
function payment(l: Lowerer, st: Lowerable<readonly A.Statement[]>): { payment?: Clause<Payment>[] } {
  const payment = l.versions(st, "Payment", (s) => ({
    businessDays: l.count(s.businessDays),
    after: s.anchor,
    calendar: s.checked,
  }));
  return payment.length === 0 ? {} : { payment };
}

/** `payment amounts rounded to …`: present only when the contract states it. */
function cashRounding(l: Lowerer, st: Lowerable<readonly A.Statement[]>): { cashRounding?: Clause<CashRounding>[] } {
  const cashRounding = l.versions(st, "PaymentAmounts", (s) => ({
    increment: s.checked.increment.normalize().toString(),
    mode: s.checked.mode,
  }));
  return cashRounding.length === 0 ? {} : { cashRounding };
}

/** `price limits …, beyond the last limit clamped|flagged`: present only when some version of the limits states it. */
function priceLimitBreach(l: Lowerer, st: Lowerable<readonly A.Statement[]>): { priceLimitBreach?: Clause<"clamp" | "flag">[] } {
  const priceLimitBreach = l.versions(
    st,
    "PriceLimits",
    (s) => s.breach!.value,
    (s) => s.breach !== undefined,
  );
  return priceLimitBreach.length === 0 ? {} : { priceLimitBreach };
}

/** `index licence …` and `index disclaimer …`: present only when the contract states them. */
function indexLicence(
  l: Lowerer,
  st: Lowerable<readonly A.Statement[]>,
): { indexLicence?: Clause<IndexLicence>[]; indexDisclaimer?: Clause<string[]>[] } {
  const indexLicence = l.versions(st, "IndexLicence", (s) => ({
    index: s.index.symbol.name,
    licensor: s.licensor.value,
  }));
  const indexDisclaimer = l.versions(st, "IndexDisclaimer", (s) => s.paragraphs.map((x) => x.value));
  return {
    ...(indexLicence.length === 0 ? {} : { indexLicence }),
    ...(indexDisclaimer.length === 0 ? {} : { indexDisclaimer }),
  };
}

/** `leg prices from the prior daily settlement price of …`: present only when the spread states it. */
function legPricing(l: Lowerer, st: Lowerable<readonly A.Statement[]>): { legPricing?: Clause<LegPricing>[] } {
  const legPricing = l.versions(st, "LegPricing", (s) => ({
    reference: "prior-daily-settlement" as const,
    anchor:
      s.anchorWord !== undefined
        ? { kind: s.anchorWord.value }
        : { kind: "leg" as const, leg: s.anchorLeg === undefined ? 0 : l.count(s.anchorLeg) },
  }));
  return legPricing.length === 0 ? {} : { legPricing };
}

/** `fixings of INDEX on the tick` or `… rounded to the tick MODE`: present only when the contract states it. */
function fixingTick(l: Lowerer, st: Lowerable<readonly A.Statement[]>): { fixingTick?: Clause<FixingTick>[] } {
  const fixingTick = l.versions(st, "FixingTick", (s) => ({ index: s.index.symbol.name, mode: s.checked.mode }));
  return fixingTick.length === 0 ? {} : { fixingTick };
}

function tick(
  l: Lowerer,
  s: Lowerable<A.TickStmt>,
): { tick: Quantity; bound: { relation: "at-or-below" | "above"; price: string } | null }[] {
  return s.tiers.map((t) => ({
    tick: l.quantity(t.tick),
    bound: t.checked === null ? null : { relation: t.checked.relation, price: t.checked.price.normalize().toString() },
  }));
}

/** `rule versions selected by …`: present only when the contract states it. */
function versionsSelected(
  l: Lowerer,
  st: Lowerable<readonly A.Statement[]>,
): { versionsSelectedBy?: Clause<"contract-month" | "last-trading-day" | "listing-date">[] } {
  const v = l.versions(st, "VersionsSelected", (s) => s.key);
  return v.length === 0 ? {} : { versionsSelectedBy: v };
}

function listingPart(
  l: Lowerer,
  p: Lowerable<A.ListingPart>,
):
  | { kind: "consecutive"; count: number; period: "months" | "weeks" }
  | { kind: "next-in" | "additional"; count: number; months: number[] }
  | { kind: "on-expiry"; expiring: number; months: number[]; yearsLater: number } {
  if (p.kind === "OnExpiry")
    return {
      kind: "on-expiry",
      expiring: p.expiring.value,
      months: p.months.map((m) => m.value),
      yearsLater: l.count(p.years),
    };
  if (p.kind === "Consecutive")
    return {
      kind: "consecutive",
      count: l.count(p.count),
      period: p.period,
    };
  return {
    kind: p.kind === "Additional" ? "additional" : "next-in",
    count: l.count(p.count),
    months: p.months.map((m) => m.value),
  };
}

/** `new contracts listed every Thursday at 18:00 America/New_York`. */
function listingTime(l: Lowerer, t: Lowerable<A.ListingTime>): { kind: "listed-at"; weekday: number; at: ZonedTime } {
  return { kind: "listed-at", weekday: t.weekday.value, at: l.zoned(t.at) };
}

/** A last trading day rule, as the calendars check lowered it. */
function dateRule(s: Lowerable<A.LastTradingDayStmt>): ContractDateRule {
  const lowered = s.checked;
  const shift = lowered.rule.shift === undefined ? { businessDays: 0, direction: "before" as const } : { ...lowered.rule.shift };
  if (lowered.kind === "weekly") {
    return {
      kind: "weekly",
      rule: {
        weekday: lowered.rule.weekday,
        shift,
        convention: lowered.rule.convention,
        calendar: lowered.rule.calendar,
        ...(lowered.rule.whenNotBusinessDay === undefined ? {} : { whenNotBusinessDay: lowered.rule.whenNotBusinessDay }),
      },
    };
  }
  return {
    kind: "monthly",
    rule: {
      anchor: { ...lowered.rule.anchor },
      monthOffset: lowered.rule.monthOffset ?? 0,
      shift,
      convention: lowered.rule.convention,
      calendar: lowered.rule.calendar,
      ...(lowered.rule.whenNotBusinessDayOn === undefined ? {} : { whenNotBusinessDayOn: lowered.rule.whenNotBusinessDayOn }),
    },
  };
}

/** An option's strike listing schedule (`strikes listed every …`), absent when it states none (older specs stay as they were). */
function strikeListing(l: Lowerer, st: Lowerable<readonly A.Statement[]>): { strikeListing?: Clause<StrikeTier>[] } {
  if (!st.some((s) => s.kind === "StrikeListing")) return {};
  return {
    strikeListing: l.rules(st, "StrikeListing", (s) => ({
      // In the price unit, as the strike grid's step (the check holds it to the price unit).
      interval: l.decimal(s.step.amount),
      below: l.percent(s.below),
      above: l.percent(s.above),
      nearestMonths: s.checked.months === null ? null : l.count({ checked: s.checked.months }),
    })),
  };
}

/** A future's dynamic circuit breakers (`price limits dynamic …`), absent when it states none. */
function dynamicPriceLimits(l: Lowerer, st: Lowerable<readonly A.Statement[]>): { dynamicPriceLimits?: Clause<DynamicLimit>[] } {
  if (!st.some((s) => s.kind === "DynamicPriceLimits")) return {};
  return {
    dynamicPriceLimits: l.versions(st, "DynamicPriceLimits", (s) => ({
      percent: l.percent(s.percent),
      window: { amount: s.checked.window.amount.normalize().toString(), unit: s.checked.window.unit },
      halt: { amount: s.checked.halt.amount.normalize().toString(), unit: s.checked.halt.unit },
      rounding: s.rounding === undefined ? { kind: "unrounded" as const } : l.rounding(s.rounding),
    })),
  };
}
