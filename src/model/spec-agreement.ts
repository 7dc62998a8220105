/**
 * Where the zod schemas meet the runtime's description of the compiled spec (src/runtime/spec.ts): each type
 * zod infers from a schema is exactly the runtime's type, up to `readonly`. tsc checks this file, so a field
 * added, removed, renamed or retyped on one side only is a compile error here (and the runtime, the diff and the
 * generator, which read src/runtime/spec.ts, are compiled against the same fields). Types only; nothing runs.
 */
import type { z } from "zod";
import type * as Runtime from "../runtime/spec.js";
import type * as C from "./calendar.js";
import type * as K from "./common.js";
import type * as Ct from "./contracts.js";
import type * as Se from "./sessions.js";
import type * as I from "./indices.js";
import type * as S from "./spec.js";

/** Readonly all the way down, and flattened (interfaces and intersections become plain object types). */
type Deep<T> = T extends (infer U)[] | readonly (infer U)[]
  ? readonly Deep<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Deep<T[K]> }
    : T;

/** Exactly the same type (not merely mutually assignable: optional fields count), compared deeply readonly. */
type Same<A, B> = (<X>() => X extends Deep<A> ? 1 : 2) extends <X>() => X extends Deep<B> ? 1 : 2 ? true : false;

/** A compile error unless `T` is `true`. */
type Assert<T extends true> = T;

/** The schema's inferred type agrees with the runtime's. */
type Agrees<Schema extends z.ZodType, T> = Same<z.infer<Schema>, T>;

/** Every pair checked; the list is exported only so that it counts as used. */
export type SpecAgreement = [
  Assert<Agrees<typeof K.EffectiveRangeSchema, Runtime.EffectiveRange>>,
  Assert<Agrees<typeof K.UnitSchema, Runtime.Unit>>,
  Assert<Agrees<typeof K.QuantitySchema, Runtime.Quantity>>,
  Assert<Agrees<typeof K.DurationSchema, Runtime.Duration>>,
  Assert<Agrees<typeof K.RoundingSchema, Runtime.Rounding>>,
  Assert<Agrees<typeof K.RoundingModeSchema, Runtime.RoundingMode>>,
  Assert<Agrees<typeof K.ZonedTime, Runtime.ZonedTime>>,
  Assert<Same<K.Clause<string>, Runtime.Clause<string>>>,
  Assert<Agrees<typeof C.CalendarSchema, Runtime.Calendar>>,
  Assert<Agrees<typeof C.HolidayRuleSchema, Runtime.HolidayRule>>,
  Assert<Agrees<typeof C.HolidayDateSchema, Runtime.HolidayDate>>,
  Assert<Agrees<typeof C.ObservanceSchema, Runtime.Observance>>,
  Assert<Agrees<typeof C.JointCalendarsSchema, Runtime.JointCalendars>>,
  Assert<Agrees<typeof C.DateRuleSchema, Runtime.DateRule>>,
  Assert<Agrees<typeof C.DateAnchorSchema, Runtime.DateAnchor>>,
  Assert<Agrees<typeof C.BusinessDayConventionSchema, Runtime.BusinessDayConvention>>,
  Assert<Agrees<typeof I.MethodSchema, Runtime.AggregationMethod>>,
  Assert<Agrees<typeof I.TimeWindowSchema, Runtime.TimeWindow>>,
  Assert<Agrees<typeof I.WindowPieceSchema, Runtime.WindowPiece>>,
  Assert<Agrees<typeof I.IndexWindowSchema, Runtime.IndexWindow>>,
  Assert<Agrees<typeof I.SourceSchema, Runtime.Source>>,
  Assert<Agrees<typeof I.DegradationSchema, Runtime.Degradation>>,
  Assert<Agrees<typeof I.IndexSchema, Runtime.Index>>,
  Assert<Agrees<typeof Ct.UnderlyingSchema, Runtime.Underlying>>,
  Assert<Agrees<typeof Ct.ContractUnitSchema, Runtime.ContractUnit>>,
  Assert<Agrees<typeof Ct.TickTierSchema, Runtime.TickTier>>,
  Assert<Agrees<typeof Ct.TickSchema, Runtime.Tick>>,
  Assert<Agrees<typeof Ct.ListingPartSchema, Runtime.ListingPart>>,
  Assert<Agrees<typeof Ct.ContractDateRuleSchema, Runtime.ContractDateRule>>,
  Assert<Agrees<typeof Ct.SettlementValueSchema, Runtime.SettlementValue>>,
  Assert<Agrees<typeof Ct.FinalSettlementSchema, Runtime.FinalSettlement>>,
  Assert<Agrees<typeof Ct.DailyStepSchema, Runtime.DailyStep>>,
  Assert<Agrees<typeof Ct.PriceLimitSchema, Runtime.PriceLimit>>,
  Assert<Agrees<typeof Ct.DisruptionKindSchema, Runtime.DisruptionKind>>,
  Assert<Agrees<typeof Ct.DisruptionSchema, Runtime.Disruption>>,
  Assert<Agrees<typeof Ct.FallbackActionSchema, Runtime.FallbackAction>>,
  Assert<Agrees<typeof Ct.FallbackStepSchema, Runtime.FallbackStep>>,
  Assert<Agrees<typeof Ct.FallbackSchema, Runtime.Fallback>>,
  Assert<Agrees<typeof Ct.PositionLimitSchema, Runtime.PositionLimit>>,
  Assert<Agrees<typeof Ct.ExpirySchema, Runtime.Expiry>>,
  Assert<Agrees<typeof Ct.LegSchema, Runtime.Leg>>,
  Assert<Agrees<typeof Ct.LegPricingSchema, Runtime.LegPricing>>,
  Assert<Agrees<typeof Ct.PaymentSchema, Runtime.Payment>>,
  Assert<Agrees<typeof Se.TradingHoursSchema, Runtime.TradingHours>>,
  Assert<Agrees<typeof Se.SessionChangeSchema, Runtime.SessionChange>>,
  Assert<Agrees<typeof Ct.CashRoundingSchema, Runtime.CashRounding>>,
  Assert<Agrees<typeof Ct.IndexLicenceSchema, Runtime.IndexLicence>>,
  Assert<Agrees<typeof Ct.FixingTickSchema, Runtime.FixingTick>>,
  Assert<Agrees<typeof Ct.FutureSchema, Runtime.Future>>,
  Assert<Agrees<typeof Ct.OptionSchema, Runtime.Option>>,
  Assert<Agrees<typeof Ct.SpreadSchema, Runtime.Spread>>,
  Assert<Agrees<typeof Ct.ContractSchema, Runtime.Contract>>,
  Assert<Agrees<typeof S.SubjectSchema, Runtime.Subject>>,
  Assert<Agrees<typeof K.DeclaredUnitSchema, Runtime.DeclaredUnit>>,
  Assert<Agrees<typeof S.SpecSchema, Runtime.Spec>>,
];
