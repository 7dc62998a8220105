/**
 * The lowering of a contract declaration (future, option, spread) to the model (model/contracts.ts): its rules as
 * versioned clauses, the settlement rules in lower-settlement.ts.
 */

import { COUNT_BOUNDS } from "../check/counts.js";

import { PRICE_LIMIT_BREACHES, EXERCISE_STYLES, LEG_SIDES, MONTHS, WEEKDAYS, OPTION_RIGHTS } from "../check/words.js";
import type { DeclarationKind } from "../syntax/ast.js";
import type * as A from "../syntax/ast.js";
import { ALWAYS, type Clause, type Quantity, type ZonedTime } from "./common.js";
import type { Contract, ContractDateRule, Payment, CashRounding, FixingTick, IndexLicence } from "./contracts.js";

import type { SessionChange, TradingHours } from "./sessions.js";
import type { StrikeTier } from "../runtime/strikes.js";
import type { DynamicLimit } from "../runtime/engine/circuit-breakers.js";
import { FUTURE, holidayRule, INDEX, Lowerer, modelUnit } from "./lower-base.js";
import { dailyStep, fallback, finalSettlement } from "./lower-settlement.js";

/** The kinds a position limit may be `aggregated with`. */
const AGGREGABLE: readonly DeclarationKind[] = ["future", "option"];

/** A future, option or spread: the rules every contract has, then those of its kind. */
export function lowerContract(l: Lowerer, decl: A.FutureDecl | A.OptionDecl | A.SpreadDecl): Contract {
  const st = decl.statements;
  const name = decl.name!.name;
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
    timeZone: l.versions(st, "TimeZone", (s) => l.need(s.zone?.name, s, "the time zone")),
    contractUnit: l.versions(st, "ContractUnit", (s) => {
      // An option's contract unit may be a number of contracts of a future (`contract unit 1 FOTI`).
      const amount = l.decimal(s.quantity?.amount, "the contract unit", s.span);
      const unit = l.need(l.checked.unit(s.quantity?.unit), s.quantity ?? s, "the contract unit");
      if (unit.kind === "contract") return { kind: "contracts" as const, amount, contract: unit.future.name };
      return { kind: "quantity" as const, quantity: { amount, unit: modelUnit(unit.unit) } };
    }),
    priceQuotation: l.versions(st, "Quoted", (s) => l.unit(s.unit, s.unit ?? s, "the price unit")),
    tick: ticks("outright"),
    listing: l.versions(st, "Listing", (s) => [
      ...s.parts.map((p) => listingPart(l, p)),
      ...(s.time === undefined ? [] : [listingTime(l, s.time)]),
    ]),
    lastTradingDay: l.versions(st, "LastTradingDay", (s) => dateRule(l, s)),
    termination: l.versions(st, "Termination", (s) => l.zoned(s.at, "termination", s.span)),
    finalSettlement: l.versions(st, "FinalSettlement", (s) => finalSettlement(l, s)),
    dailySettlement: l.versions(st, "DailySettlement", (s) => s.steps.map((step) => dailyStep(l, step))),
    priceLimits: l.versions(st, "PriceLimits", (s) =>
      s.limits.map((limit) =>
        limit.kind === "Percent"
          ? {
              kind: "percent" as const,
              percent: l.percent(limit, "the price limit", s.span),
              ...(s.rounding === undefined ? {} : { rounding: l.rounding(s.rounding, "the price limits", s.span) }),
            }
          : { kind: "absolute" as const, amount: l.quantity(limit, "the price limit", s.span) },
      ),
    ),
    positionLimits: l.rules(st, "PositionLimit", (s) => ({
      count: l.count(s.count, COUNT_BOUNDS.positionLimit, "the position limit", s.span),
      scope: s.scope,
      ...(s.aggregatedWith === undefined
        ? {}
        : { aggregatedWith: s.aggregatedWith.map((c) => l.resolve(c, AGGREGABLE, "future or option", s.span).name) }),
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
        underlying: l.versions(st, "Underlying", (s) => underlying(l, s)),
        spreadTick: ticks("spread"),
        negativePrices: negativePrices(),
        ...dynamicPriceLimits(l, st),
      };
    case "Option":
      return {
        kind: "option",
        ...common,
        underlying: l.versions(st, "Underlying", (s) => underlying(l, s)),
        rights: l.versions(st, "OptionType", (s) => s.rights.map((r) => l.word(OPTION_RIGHTS, r, s.span))),
        exercise: l.versions(st, "Exercise", (s) => l.word(EXERCISE_STYLES, s.style, s.span)),
        automaticExercise: l.versions(st, "AutoExercise", (s) => l.quantity(s.threshold, "the automatic exercise threshold", s.span)),
        strikes: l.versions(st, "Strikes", (s) => l.quantity(s.step, "the strike step", s.span)),
        ...strikeListing(l, st),
        premiumTick: ticks("premium"),
        expiry: l.versions(st, "Expiry", (s) =>
          s.businessDaysBefore === undefined
            ? { kind: "with-underlying" as const }
            : {
                kind: "before-underlying" as const,
                businessDays: l.count(s.businessDaysBefore, COUNT_BOUNDS.expiryDaysBefore, "the number of business days", s.span),
                calendar: l.calendarOf(s),
              },
        ),
      };
    case "Spread":
      return {
        kind: "spread",
        ...common,
        legs: l.rules(st, "Leg", (s) => ({
          side: l.word(LEG_SIDES, s.side, s.span),
          ratio: l.decimal(s.ratio, "the leg ratio", s.span),
          contract: l.resolve(s.contract, FUTURE, "future", s.span).name,
          monthsLater:
            s.monthsLater === undefined ? 0 : l.count(s.monthsLater, COUNT_BOUNDS.legMonthsLater, "the number of months", s.span),
          rounding: s.rounding === undefined ? null : l.rounding(s.rounding, "the leg", s.span),
        })),
        spreadTick: ticks("spread"),
        negativePrices: negativePrices(),
      };
  }
}

/** `trading hours …` and the named days that change sessions: each present only when the contract states it. */
function tradingSchedule(
  l: Lowerer,
  st: readonly A.Statement[],
): { tradingHours?: Clause<TradingHours>[]; sessionChanges?: Clause<SessionChange>[] } {
  // As the contracts check lowered them (check/sessions.ts).
  const tradingHours = l.versions(st, "TradingHours", (s) => l.need(l.checked.tradingHours(s), s, "the trading hours"));
  const sessionChanges = l.rules(st, "SessionChange", (s) => {
    const c = l.need(l.checked.sessionChange(s), s, "the session change");
    return { day: { ...holidayRule(c.day), descriptions: [], clauses: [] }, shiftDays: c.shiftDays, closes: c.closes };
  });
  return {
    ...(tradingHours.length === 0 ? {} : { tradingHours }),
    ...(sessionChanges.length === 0 ? {} : { sessionChanges }),
  };
}

/** `payment …`: present only when the contract states it, so specs without one are unchanged. */
function payment(l: Lowerer, st: readonly A.Statement[]): { payment?: Clause<Payment>[] } {
  const payment = l.versions(st, "Payment", (s) => ({
    businessDays: l.count(s.businessDays, COUNT_BOUNDS.paymentDays, "the number of business days", s.span),
    after: l.need(s.anchor, s, "what the payment is counted from"),
    calendar: l.calendarOf(s),
  }));
  return payment.length === 0 ? {} : { payment };
}

/** `payment amounts rounded to …`: present only when the contract states it. */
function cashRounding(l: Lowerer, st: readonly A.Statement[]): { cashRounding?: Clause<CashRounding>[] } {
  const cashRounding = l.versions(st, "PaymentAmounts", (s) => {
    const r = l.rounding(s.rounding, "payment amounts", s.span);
    if (r.kind !== "increment") throw new Error("payment amounts are rounded to an increment");
    return { increment: r.increment, mode: r.mode };
  });
  return cashRounding.length === 0 ? {} : { cashRounding };
}

/** `price limits …, beyond the last limit clamped|flagged`: present only when some version of the limits states it. */
function priceLimitBreach(l: Lowerer, st: readonly A.Statement[]): { priceLimitBreach?: Clause<"clamp" | "flag">[] } {
  const priceLimitBreach = l.versions(
    st,
    "PriceLimits",
    (s) => l.word(PRICE_LIMIT_BREACHES, s.breach, s.span),
    (s) => s.breach !== undefined,
  );
  return priceLimitBreach.length === 0 ? {} : { priceLimitBreach };
}

/** `index licence …` and `index disclaimer …`: present only when the contract states them. */
function indexLicence(
  l: Lowerer,
  st: readonly A.Statement[],
): { indexLicence?: Clause<IndexLicence>[]; indexDisclaimer?: Clause<string[]>[] } {
  const indexLicence = l.versions(st, "IndexLicence", (s) => ({
    index: l.resolve(s.index, INDEX, "index", s.span).name,
    licensor: l.need(s.licensor?.value, s, "the licensor"),
  }));
  const indexDisclaimer = l.versions(st, "IndexDisclaimer", (s) => s.paragraphs.map((x) => x.value));
  return {
    ...(indexLicence.length === 0 ? {} : { indexLicence }),
    ...(indexDisclaimer.length === 0 ? {} : { indexDisclaimer }),
  };
}

/** `fixings of INDEX on the tick` or `… rounded to the tick MODE`: present only when the contract states it. */
function fixingTick(l: Lowerer, st: readonly A.Statement[]): { fixingTick?: Clause<FixingTick>[] } {
  const fixingTick = l.versions(st, "FixingTick", (s) => {
    const index = l.resolve(s.index, INDEX, "index", s.span).name;
    if (s.rounding === undefined) return { index, mode: null };
    const r = l.rounding(s.rounding, "fixings", s.span);
    if (r.kind !== "tick") throw new Error("fixings are rounded to the tick");
    return { index, mode: r.mode };
  });
  return fixingTick.length === 0 ? {} : { fixingTick };
}

function underlying(l: Lowerer, s: A.UnderlyingStmt): { kind: "index" | "future"; name: string } {
  const kinds: readonly DeclarationKind[] = s.declared === "future" ? FUTURE : s.declared === "index" ? INDEX : ["index", "future"];
  const sym = l.resolve(s.target, kinds, "underlying", s.span);
  return { kind: sym.kind === "future" ? "future" : "index", name: sym.name };
}

function tick(l: Lowerer, s: A.TickStmt): { tick: Quantity; bound: { relation: "at-or-below" | "above"; price: string } | null }[] {
  return s.tiers.map((t) => ({
    tick: l.quantity(t.tick, "the tick", t.span),
    bound: t.bound === undefined ? null : { relation: t.bound.relation, price: l.decimal(t.bound.price, "the tier bound", t.bound.span) },
  }));
}

/** `rule versions selected by …`: present only when the contract states it. */
function versionsSelected(
  l: Lowerer,
  st: readonly A.Statement[],
): { versionsSelectedBy?: Clause<"contract-month" | "last-trading-day" | "listing-date">[] } {
  const v = l.versions(st, "VersionsSelected", (s) => l.need(s.key, s, "what selects the rule versions"));
  return v.length === 0 ? {} : { versionsSelectedBy: v };
}

function listingPart(
  l: Lowerer,
  p: A.ListingPart,
):
  | { kind: "consecutive"; count: number; period: "months" | "weeks" }
  | { kind: "next-in" | "additional"; count: number; months: number[] }
  | { kind: "on-expiry"; expiring: number; months: number[]; yearsLater: number } {
  if (p.kind === "OnExpiry")
    return {
      kind: "on-expiry",
      expiring: l.word(MONTHS, p.expiring, p.span),
      months: p.months.map((m) => l.word(MONTHS, m, p.span)),
      yearsLater: l.count(p.years, COUNT_BOUNDS.listingYearsLater, "the number of years", p.span),
    };
  if (p.kind === "Consecutive")
    return {
      kind: "consecutive",
      count: l.count(p.count, COUNT_BOUNDS.listedPeriods, "the number of periods", p.span),
      period: p.period,
    };
  return {
    kind: p.kind === "Additional" ? "additional" : "next-in",
    count: l.count(p.count, COUNT_BOUNDS.listedMonths, "the number of months", p.span),
    months: p.months.map((m) => l.word(MONTHS, m, p.span)),
  };
}

/** `new contracts listed every Thursday at 18:00 America/New_York`. */
function listingTime(l: Lowerer, t: A.ListingTime): { kind: "listed-at"; weekday: number; at: ZonedTime } {
  return { kind: "listed-at", weekday: l.word(WEEKDAYS, t.weekday, t.span), at: l.zoned(t.at, "the listing time", t.span) };
}

/** A last trading day rule, as the calendars check lowered it. */
function dateRule(l: Lowerer, s: A.LastTradingDayStmt): ContractDateRule {
  const lowered = l.need(l.checked.lastTradingDay(s), s.rule, "the date rule", s.span);
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
function strikeListing(l: Lowerer, st: readonly A.Statement[]): { strikeListing?: Clause<StrikeTier>[] } {
  if (!st.some((s) => s.kind === "StrikeListing")) return {};
  return {
    strikeListing: l.rules(st, "StrikeListing", (s) => ({
      // In the price unit, as the strike grid's step (the check holds it to the price unit).
      interval: l.decimal(s.step?.amount, "the strike listing interval", s.span),
      below: l.percent(s.below, "the percentage below", s.span),
      above: l.percent(s.above, "the percentage above", s.span),
      nearestMonths:
        s.nearest === undefined ? null : l.count(s.nearest.months, COUNT_BOUNDS.strikeListingMonths, "the number of months", s.span),
    })),
  };
}

/** A future's dynamic circuit breakers (`price limits dynamic …`), absent when it states none. */
function dynamicPriceLimits(l: Lowerer, st: readonly A.Statement[]): { dynamicPriceLimits?: Clause<DynamicLimit>[] } {
  if (!st.some((s) => s.kind === "DynamicPriceLimits")) return {};
  const clock = (d: A.Duration | undefined, what: string, span: A.DynamicPriceLimitsStmt["span"]) => {
    const x = l.duration(d, what, span);
    return {
      amount: x.amount,
      unit: l.need(
        CLOCK_UNITS.find((u) => u === x.unit),
        d,
        `${what} in seconds, minutes or hours`,
        span,
      ),
    };
  };
  return {
    dynamicPriceLimits: l.versions(st, "DynamicPriceLimits", (s) => ({
      percent: l.percent(s.percent, "the dynamic price limit", s.span),
      window: clock(s.window, "the look-back window", s.span),
      halt: clock(s.halt, "the halt", s.span),
      rounding: s.rounding === undefined ? { kind: "unrounded" as const } : l.rounding(s.rounding, "the variant", s.span),
    })),
  };
}

const CLOCK_UNITS = ["seconds", "minutes", "hours"] as const;
