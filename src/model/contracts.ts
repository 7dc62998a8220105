/**
 * The contract part of the compiled model as zod schemas: futures, options and spreads with their underlying,
 * contract unit, price quotation, ticks, listing cycle, last trading day, termination time, final and daily
 * settlement, price and position limits and fallback waterfall. Every rule is a list of `Clause`s with
 * effective ranges (src/model/common.ts), so a contract carries all its rule versions with the dates each one
 * applies. References to calendars, indices and other contracts are by name; a compiled spec inlines every
 * declaration it refers to (src/model/spec.ts), so each name resolves inside the same document.
 */
import { z } from "zod";
import { DateRuleSchema, BusinessDayConventionSchema } from "./calendar.js";
import {
  DecimalString,
  DurationSchema,
  Name,
  Percent,
  PositiveDecimal,
  QuantitySchema,
  RoundingSchema,
  RoundingModeSchema,
  Text,
  TimeZone,
  UnitSchema,
  Weekday,
  Month,
  ZonedTime,
  declarationAnnotations,
  rulesOf,
  versionsOf,
  EffectiveRangeSchema,
  countSchema,
} from "./common.js";
import { COUNT_BOUNDS, DAYS_IN_YEAR } from "../runtime/bounds.js";
import { TimeWindowSchema } from "./indices.js";
import { SessionChangeSchema, TradingHoursSchema } from "./sessions.js";

/** What a contract is written on. */
export const UnderlyingSchema = z
  .strictObject({ kind: z.enum(["index", "future"]), name: Name })
  .meta({ id: "Underlying", description: "The index or future a contract is written on, by name." });

/** The size of one contract. */
export const ContractUnitSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("quantity"), quantity: QuantitySchema }),
    z
      .strictObject({ kind: z.literal("contracts"), amount: PositiveDecimal, contract: Name })
      .describe("A number of contracts of another contract (an option on one future contract)."),
  ])
  .meta({ id: "ContractUnit", description: "The size of one contract: an amount of a unit, or a number of contracts of a future." });

/** One tier of a tick table. */
export const TickTierSchema = z
  .strictObject({
    tick: QuantitySchema,
    bound: z
      .strictObject({ relation: z.enum(["at-or-below", "above"]), price: DecimalString })
      .nullable()
      .describe("The prices the tier applies to; null when the tick is not tiered."),
  })
  .meta({ id: "TickTier" });

/** A tick: one tier, or tiers by price. */
export const TickSchema = z
  .array(TickTierSchema)
  .min(1)
  .meta({ id: "Tick", description: "The minimum price increment: a single tier, or tiers in ascending price order." });

/** A part of a listing cycle. */
export const ListingPartSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("consecutive"), count: countSchema(COUNT_BOUNDS.listedPeriods), period: z.enum(["months", "weeks"]) }),
    z
      .strictObject({ kind: z.literal("next-in"), count: countSchema(COUNT_BOUNDS.listedMonths), months: z.array(Month).min(1) })
      .describe(
        "The `count` nearest contract months falling in these months, from the front period, whether or not an earlier part lists them (`the nearest N months in …`).",
      ),
    z
      .strictObject({ kind: z.literal("additional"), count: countSchema(COUNT_BOUNDS.listedMonths), months: z.array(Month).min(1) })
      .describe(
        "The `count` contract months falling in these months that follow the latest month the earlier parts list (`N additional months in …`).",
      ),
    z
      .strictObject({
        kind: z.literal("on-expiry"),
        expiring: Month.describe("The month whose contract's expiry lists the new contracts."),
        months: z.array(Month).min(1),
        yearsLater: countSchema(COUNT_BOUNDS.listingYearsLater),
      })
      .describe(
        "When the contract of month `expiring` of a year expires, the contracts of `months` of the year `yearsLater` after it are listed, each until it expires (`when the December contract expires, June, December 2 years later`).",
      ),
    z
      .strictObject({ kind: z.literal("listed-at"), weekday: Weekday, at: ZonedTime })
      .describe(
        "When new contracts are listed (`new contracts listed every Thursday at 18:00 America/New_York`), the last part of a cycle: a period the other parts add on a day is listed from the latest such instant before that day starts.",
      ),
  ])
  .meta({ id: "ListingPart" });

/** A day relative to a contract period: a monthly rule (the runtime's date rule) or a weekly rule. */
export const ContractDateRuleSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("monthly"), rule: DateRuleSchema }),
    z.strictObject({
      kind: z.literal("weekly"),
      rule: z
        .strictObject({
          weekday: Weekday.describe("The weekday of the contract week (ISO week, Monday to Sunday)."),
          shift: z.strictObject({ businessDays: countSchema(COUNT_BOUNDS.dateShiftDays), direction: z.enum(["before", "after"]) }),
          convention: BusinessDayConventionSchema,
          calendar: Name,
          whenNotBusinessDay: z
            .literal("not-listed")
            .optional()
            .describe(
              "`not listed when not a business day`: a week whose weekday (before any shift) is not a business day of the calendar has no contract; absent: the day is kept or adjusted by the convention.",
            ),
        })
        .meta({ id: "WeeklyDateRule" }),
    }),
  ])
  .meta({ id: "ContractDateRule", description: "A day relative to the contract month (monthly) or the contract week (weekly)." });

/** What a final settlement pays against. */
export const SettlementValueSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({ kind: z.literal("index-at"), index: Name, at: ZonedTime })
      .describe("The index value fixed at the time on the last trading day."),
    z
      .strictObject({
        kind: z.literal("index-average"),
        index: Name,
        at: ZonedTime,
        days: z.discriminatedUnion("kind", [
          z.strictObject({ kind: z.literal("every-business-day"), calendar: Name }).describe("Every business day of the contract month."),
          z
            .strictObject({ kind: z.literal("last-business-days"), count: countSchema(COUNT_BOUNDS.averagingDays), calendar: Name })
            .describe("The last `count` business days up to and including the last trading day."),
        ]),
      })
      .describe("The arithmetic mean of the index values fixed at the time on the averaging days."),
    z
      .strictObject({ kind: z.literal("underlying-final"), contract: Name })
      .describe("The final settlement price of the underlying contract."),
    z.strictObject({ kind: z.literal("leg-by-leg") }).describe("No price of its own: each leg settles as its contract."),
    z
      .strictObject({
        kind: z.literal("future-vwap"),
        contract: Name,
        window: TimeWindowSchema,
        finalOnItsLastTradingDay: z
          .literal(true)
          .optional()
          .describe(
            "`, or at the final settlement price of FUTURE on its last trading day`: when the option's last trading day is the future's, the option takes the future's final settlement price instead of the VWAP. Absent: the VWAP on every day.",
          ),
      })
      .describe(
        "The volume-weighted average price of the trades in the future (the option's underlying, same contract period) in the window on the last trading day.",
      ),
  ])
  .meta({ id: "SettlementValue" });

/** The final settlement of a contract. */
export const FinalSettlementSchema = z
  .strictObject({
    method: z
      .enum(["cash", "futures"])
      .describe(
        "cash: paid in cash at the value; futures: an option on a future exercised into a position in the expiring future at the strike, which settles at the future's final settlement price.",
      ),
    value: SettlementValueSchema,
    rounding: RoundingSchema,
  })
  .meta({ id: "FinalSettlement" });

/** The annotations of a step inside a clause (a daily settlement step, a disruption, a fallback step). */
const stepAnnotations = {
  effective: z.array(EffectiveRangeSchema).min(1).describe("When the step applies; [{from: null, until: null}] means always."),
  descriptions: z.array(Text),
  clauses: z.array(Text),
};

/** One step of the daily settlement procedure, tried in order. */
export const DailyStepSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("vwap"),
      window: TimeWindowSchema,
      rounding: RoundingSchema,
      ...stepAnnotations,
      moreThanTrades: countSchema(COUNT_BOUNDS.dailyTradesMoreThan)
        .optional()
        .describe("`if more than N trades`: the step gives a price only when the window holds more than N trades."),
    }),
    z.strictObject({ kind: z.literal("midpoint"), at: ZonedTime, rounding: RoundingSchema, ...stepAnnotations }),
    z
      .strictObject({ kind: z.literal("period-midpoint"), window: TimeWindowSchema, rounding: RoundingSchema, ...stepAnnotations })
      .describe(
        "The time-weighted average of the midpoint of the best bid and offer over the settlement period, counting only the time a two-sided market stood; none, no price.",
      ),
    z.strictObject({ kind: z.literal("carry-forward"), ...stepAnnotations }),
    z.strictObject({ kind: z.literal("net-change"), ...stepAnnotations }),
    z.strictObject({ kind: z.literal("lead-spread"), window: TimeWindowSchema, rounding: RoundingSchema, ...stepAnnotations }),
    z
      .strictObject({
        kind: z.literal("carry-formula"),
        index: Name.describe("The reference rate: the index whose fixing of the settlement date is carried to expiration."),
        rate: z
          .strictObject({
            name: Name.describe("The series of the interest rate in the fixings, a percentage a year (5.25 is 5.25%)."),
            source: z.literal("fixings").describe("Where the rate is read: the fixing of that name dated the settlement date."),
          })
          .describe("The interest rate, a named input with its source."),
        daysInYear: z
          .union([z.literal(DAYS_IN_YEAR[0]), z.literal(DAYS_IN_YEAR[1])])
          .describe("The days to expiration (calendar days from the settlement date to the last trading day) are divided by this."),
        rounding: RoundingSchema,
        ...stepAnnotations,
      })
      .describe("index + (days to expiration / daysInYear) × rate / 100 × index, rounded (CME's carry calculation)."),
  ])
  .meta({
    id: "DailyStep",
    description:
      "vwap of trades in a window; midpoint of the best bid and offer at a time, or time-weighted over a period; carry forward the prior settlement; a deferred month's net change of the preceding month, or lead month settlement plus the VWAP of the lead-month spread; the carry of a reference rate to expiration at an interest rate.",
  });

/** A length of time on the clock (a dynamic price limit's window and halt). */
const ClockDurationSchema = z.strictObject({ amount: DecimalString, unit: z.enum(["seconds", "minutes", "hours"]) });

/** Dynamic circuit breakers: a variant of the prior settlement, a rolling look-back window, a halt. */
export const DynamicLimitSchema = z
  .strictObject({
    percent: Percent.describe("The variant, as a percentage of the prior settlement."),
    window: ClockDurationSchema.describe(
      "The rolling look-back window: its lowest price plus the variant and its highest less it are the limits.",
    ),
    halt: ClockDurationSchema.describe("How long trading halts when a price is beyond a limit; the window restarts when it resumes."),
    rounding: RoundingSchema,
  })
  .meta({ id: "DynamicLimit" });

/** A price limit. */
export const PriceLimitSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({
        kind: z.literal("percent"),
        percent: Percent,
        rounding: RoundingSchema.optional().describe(
          "How the width (the percentage of the prior settlement) is rounded before it is added to and taken from the prior; absent when it is not.",
        ),
      })
      .describe("A percentage of the prior settlement."),
    z
      .strictObject({ kind: z.literal("absolute"), amount: QuantitySchema })
      .describe("An amount from the prior settlement, in the price unit."),
  ])
  .meta({ id: "PriceLimit" });

/** Disruption kinds. */
export const DISRUPTION_KINDS = [
  "not-published",
  "too-few-sources",
  "stale",
  "ceased",
  "methodology-changed",
  "holiday",
  "flagged",
] as const;
/** A disruption kind. */
export const DisruptionKindSchema = z.enum(DISRUPTION_KINDS).meta({ id: "DisruptionKind" });

/** A declared disruption event. */
export const DisruptionSchema = z
  .strictObject({
    condition: DisruptionKindSchema,
    deadline: ZonedTime.nullable().describe("For not-published: the time by which the value must be published."),
    duration: DurationSchema.nullable().describe("For stale: how old the data may be."),
    ...stepAnnotations,
  })
  .meta({ id: "Disruption" });

/** By when a fallback step's value must be given: N business days of a calendar after the day the value is for. */
export const FallbackDeadlineSchema = z
  .strictObject({ businessDays: countSchema(COUNT_BOUNDS.fallbackDeadlineDays), calendar: Name })
  .meta({ id: "FallbackDeadline" });

/** What a fallback step does. */
export const FallbackActionSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({ kind: z.literal("postpone"), businessDays: countSchema(COUNT_BOUNDS.postponementDays), calendar: Name })
      .describe("Wait up to this many business days for the value."),
    z.strictObject({ kind: z.literal("alternate-index"), index: Name }).describe("Use another index's value for the same day."),
    z
      .strictObject({
        kind: z.literal("carry-forward"),
        flagged: z.boolean(),
        withinBusinessDays: countSchema(COUNT_BOUNDS.carryForwardDays).nullable(),
        calendar: Name.optional().describe(
          "The calendar whose business days count the look-back; absent, the publication calendar of the index (every calendar day when it publishes every day).",
        ),
      })
      .describe("Use the last published value (published within this many business days, when not null), flagged or not."),
    z
      .strictObject({
        kind: z.literal("determination"),
        party: z.enum(["exchange", "calculation-agent"]),
        deadline: FallbackDeadlineSchema.optional().describe("By when the party must determine the value; absent: no deadline."),
      })
      .describe("A party determines the value: always a definite outcome."),
    z
      .strictObject({
        kind: z.literal("dealer-poll"),
        dealers: countSchema(COUNT_BOUNDS.dealers),
        minimumQuotes: countSchema(COUNT_BOUNDS.dealers),
        dropHighest: countSchema(COUNT_BOUNDS.droppedQuotes),
        dropLowest: countSchema(COUNT_BOUNDS.droppedQuotes),
        rounding: RoundingSchema,
        deadline: FallbackDeadlineSchema,
      })
      .describe(
        "Poll reference dealers: the mean of the quotes given by the deadline, without the highest and lowest dropped, rounded; fails below the minimum of quotes.",
      ),
    z
      .strictObject({ kind: z.literal("negotiated"), deadline: FallbackDeadlineSchema })
      .describe("The parties negotiate a value; fails when none is agreed by the deadline."),
    z
      .strictObject({ kind: z.literal("exclude-day"), minimumDays: countSchema(COUNT_BOUNDS.averageMinimumDays) })
      .describe("Leave the day out of an average (not carried forward), while at least this many days remain in the average."),
  ])
  .meta({ id: "FallbackAction" });

/** One step of a fallback waterfall. */
export const FallbackStepSchema = z
  .strictObject({
    action: FallbackActionSchema,
    only: z.array(DisruptionKindSchema).nullable().describe("The disruptions this step handles; null means every disruption."),
    ...stepAnnotations,
  })
  .meta({ id: "FallbackStep" });

/** A fallback waterfall. */
export const FallbackSchema = z
  .strictObject({
    disruptions: z.array(DisruptionSchema),
    steps: z.array(FallbackStepSchema).min(1).describe("Tried in order; the first step that produces a value wins."),
  })
  .meta({ id: "Fallback" });

/** A position limit. */
export const PositionLimitSchema = z
  .strictObject({
    count: countSchema(COUNT_BOUNDS.positionLimit),
    scope: z.enum(["spot-month", "all-months", "single-month"]),
    aggregatedWith: z
      .array(Name)
      .min(1)
      .optional()
      .describe(
        "Contracts (futures or options, each a contract of this document) whose positions count toward the limit with this contract's; an option position counts as its futures-equivalent, which the settlement request states.",
      ),
  })
  .meta({
    id: "PositionLimit",
    description: "The most contracts one holder may hold, in the spot month, any single month, or all months combined.",
  });

/** Option expiry. */
export const ExpirySchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("with-underlying") }).describe("On the last trading day of the underlying future."),
    z
      .strictObject({ kind: z.literal("before-underlying"), businessDays: countSchema(COUNT_BOUNDS.expiryDaysBefore), calendar: Name })
      .describe("This many business days before it."),
  ])
  .meta({ id: "Expiry" });

/** When the cash of a final settlement is paid. */
export const PaymentSchema = z
  .strictObject({
    businessDays: countSchema(COUNT_BOUNDS.paymentDays),
    after: z.enum(["final-settlement-day", "last-trading-day"]),
    calendar: Name,
  })
  .meta({
    id: "Payment",
    description:
      "The final settlement is payable this many business days of the calendar after the final settlement day or the last trading day.",
  });

/** How the money a position pays or receives is rounded: to an increment of money, by a mode. */
export const CashRoundingSchema = z.strictObject({ increment: PositiveDecimal, mode: RoundingModeSchema }).meta({
  id: "CashRounding",
  description: "Payment amounts (a position's variation, in final and daily settlement) rounded once to this increment of the currency.",
});

/** The licence under which the Exchange lists the contract: the index it may use and who licenses it. */
export const IndexLicenceSchema = z
  .strictObject({
    index: Name.describe("The licensed index, one the contract settles on."),
    licensor: Text.min(1).describe("Who grants the licence, as the source names it (normally the index's administrator)."),
  })
  .meta({ id: "IndexLicence", description: "The Exchange lists the contract under a licence from the licensor to use the index." });

/** `fixings of INDEX on the tick` (mode null: a fixing off the grid is refused) or `… rounded to the tick MODE`. */
export const FixingTickSchema = z
  .strictObject({
    index: Name.describe("The index whose fixings are prices of the contract, one the contract settles on."),
    mode: RoundingModeSchema.nullable().describe(
      "How a fixing off the tick grid is rounded to it before it is used; null: such a fixing is refused (an off-tick error).",
    ),
  })
  .meta({ id: "FixingTick", description: "The fixings of an index the contract settles on lie on the contract's tick grid." });

/** A leg of a spread. */
export const LegSchema = z
  .strictObject({
    side: z.enum(["buy", "sell"]),
    ratio: PositiveDecimal,
    contract: Name,
    monthsLater: countSchema(COUNT_BOUNDS.legMonthsLater, 0).describe(
      "Contract months after the spread's contract month: 0 is the same month.",
    ),
    rounding: RoundingSchema.nullable().describe("The leg's own rounding, or null when the leg settles as its contract."),
  })
  .meta({ id: "Leg" });

/** `leg prices from the prior daily settlement price of the near leg` (`… of the far leg`, `… of leg N`). */
export const LegPricingSchema = z
  .strictObject({
    reference: z.literal("prior-daily-settlement").describe("The anchor leg's price: its prior daily settlement price."),
    anchor: z
      .union([
        z.strictObject({ kind: z.enum(["near", "far"]) }),
        z.strictObject({
          kind: z.literal("leg"),
          leg: countSchema(COUNT_BOUNDS.legPricingLeg).describe("The anchor leg's place among the legs, 1 for the first."),
        }),
      ])
      .describe("The anchor leg: the near or far leg (fewer or more months after the spread's contract month), or leg N."),
  })
  .meta({
    id: "LegPricing",
    description:
      "How a spread trade's price becomes the prices of its two legs: the anchor leg at its prior daily settlement price, the other leg at the price that makes the legs' prices add up to the spread price.",
  });

/** Clauses every kind of contract may state. */
const contractClauses = {
  name: Name,
  ...declarationAnnotations,
  timeZone: versionsOf(TimeZone),
  contractUnit: versionsOf(ContractUnitSchema),
  priceQuotation: versionsOf(UnitSchema).describe("The unit prices are quoted in."),
  tick: versionsOf(TickSchema).describe("The outright tick."),
  listing: versionsOf(z.array(ListingPartSchema).min(1)).describe("The listing cycle."),
  lastTradingDay: versionsOf(ContractDateRuleSchema).describe(
    "The last trading day of a contract month or week; a version is chosen by the first day of the contract period.",
  ),
  termination: versionsOf(ZonedTime).describe("The time trading terminates on the last trading day."),
  finalSettlement: versionsOf(FinalSettlementSchema),
  dailySettlement: versionsOf(z.array(DailyStepSchema).min(1)).describe("Daily settlement steps, tried in order."),
  priceLimits: versionsOf(z.array(PriceLimitSchema).min(1)).describe("Successive price limits from the prior settlement."),
  positionLimits: rulesOf(PositionLimitSchema),
  fallback: versionsOf(FallbackSchema),
  payment: versionsOf(PaymentSchema).optional().describe("When the final settlement is paid; absent when the contract does not say."),
  cashRounding: versionsOf(CashRoundingSchema)
    .optional()
    .describe("How payment amounts are rounded; absent when the contract does not say (amounts are exact)."),
  tradingHours: versionsOf(TradingHoursSchema).optional().describe("When the product trades; absent when the contract does not say."),
  sessionChanges: rulesOf(SessionChangeSchema)
    .optional()
    .describe("Named days whose session closes early or does not take place; absent when there are none."),
  priceLimitBreach: versionsOf(z.enum(["clamp", "flag"]))
    .optional()
    .describe(
      "What a daily settlement price beyond the last price limit becomes: clamp (settled at the limit) or flag (settled as computed, flagged); absent when not stated.",
    ),
  fixingTick: versionsOf(FixingTickSchema)
    .optional()
    .describe("The fixings of the index the contract settles on lie on its tick grid; absent when the contract does not say."),
  indexLicence: versionsOf(IndexLicenceSchema)
    .optional()
    .describe("The licence to use the index the contract settles on; absent when the contract does not state one."),
  indexDisclaimer: versionsOf(z.array(Text.min(1)).min(1))
    .optional()
    .describe(
      "The index disclaimer of the chapter, one paragraph per string, in the author's words; absent when the contract states none.",
    ),
  versionsSelectedBy: versionsOf(z.enum(["contract-month", "last-trading-day", "listing-date"]))
    .optional()
    .describe(
      "Which date of a contract period selects the versions of all its rules, whatever the date one asks on: its first day (contract-month) or its last trading day; absent: each rule's own event date, or the as-of date of the question.",
    ),
};

/** A future. */
export const FutureSchema = z
  .strictObject({
    kind: z.literal("future"),
    ...contractClauses,
    underlying: versionsOf(UnderlyingSchema),
    spreadTick: versionsOf(TickSchema).describe("The tick of spreads between months of this future."),
    negativePrices: versionsOf(z.boolean()).describe(
      "Whether prices may be zero or negative; false unless the source says `negative prices allowed`.",
    ),
    dynamicPriceLimits: versionsOf(DynamicLimitSchema)
      .optional()
      .describe("Dynamic circuit breakers (`price limits dynamic …`); absent when the future states none."),
  })
  .meta({ id: "Future" });

/** An option. */
export const OptionSchema = z
  .strictObject({
    kind: z.literal("option"),
    ...contractClauses,
    underlying: versionsOf(UnderlyingSchema),
    rights: versionsOf(z.array(z.enum(["call", "put"])).min(1)).describe("Which option types are listed."),
    exercise: versionsOf(z.enum(["european"])),
    automaticExercise: versionsOf(QuantitySchema).describe("Exercised automatically when in the money by at least this amount."),
    strikes: versionsOf(QuantitySchema).describe("The strike grid's step."),
    premiumTick: versionsOf(TickSchema).describe("The tick of option premiums, possibly tiered."),
    expiry: versionsOf(ExpirySchema),
    strikeListing: rulesOf(
      z
        .strictObject({
          interval: DecimalString.describe("The interval between the tier's strikes, in the contract's price unit."),
          below: DecimalString.describe("The tier lists strikes down to this percentage below the at-the-money strike."),
          above: DecimalString.describe("… and up to this percentage above it."),
          nearestMonths: countSchema(COUNT_BOUNDS.strikeListingMonths)
            .nullable()
            .describe("The tier lists strikes only in the nearest N listed months; null: in every listed month."),
        })
        .meta({ id: "StrikeTier" }),
    )
      .optional()
      .describe(
        "The strike listing schedule (`strikes listed every …`): per tier, strikes on its interval around the at-the-money strike (the prior settlement rounded to the interval).",
      ),
  })
  .meta({ id: "Option" });

/** A spread. */
export const SpreadSchema = z
  .strictObject({
    kind: z.literal("spread"),
    ...contractClauses,
    legs: rulesOf(LegSchema).describe("The legs, in source order."),
    spreadTick: versionsOf(TickSchema),
    negativePrices: versionsOf(z.boolean()).describe(
      "Whether prices may be zero or negative; false unless the source says `negative prices allowed`.",
    ),
    legPricing: versionsOf(LegPricingSchema)
      .optional()
      .describe("How a spread trade's price becomes the prices of its legs; absent when the spread does not say."),
  })
  .meta({ id: "Spread" });

/** Any contract. */
export const ContractSchema = z.discriminatedUnion("kind", [FutureSchema, OptionSchema, SpreadSchema]).meta({ id: "Contract" });

/** A compiled future. */
export type Future = z.infer<typeof FutureSchema>;
/** A compiled option. */
export type Option = z.infer<typeof OptionSchema>;
/** A compiled spread. */
export type Spread = z.infer<typeof SpreadSchema>;
/** A compiled contract. */
export type Contract = z.infer<typeof ContractSchema>;
/** A final settlement. */
export type FinalSettlement = z.infer<typeof FinalSettlementSchema>;
/** A fallback waterfall. */
export type Fallback = z.infer<typeof FallbackSchema>;
/** A contract's date rule. */
export type ContractDateRule = z.infer<typeof ContractDateRuleSchema>;
/** When a final settlement is paid. */
export type Payment = z.infer<typeof PaymentSchema>;
/** How payment amounts are rounded. */
export type CashRounding = z.infer<typeof CashRoundingSchema>;
/** The licence to use an index. */
export type IndexLicence = z.infer<typeof IndexLicenceSchema>;
export type FixingTick = z.infer<typeof FixingTickSchema>;
/** How a spread trade's price becomes its legs' prices. */
export type LegPricing = z.infer<typeof LegPricingSchema>;
