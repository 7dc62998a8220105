/**
 * The types of the compiled model in one place, for the package's public API (`Model.Future`, `Model.Calendar`,
 * …). Each is inferred from its zod schema in src/model/, so the types and the JSON Schema never disagree.
 */
export type { Calendar, DateAnchor, DateRule, HolidayDate, HolidayRule, JointCalendars, Observance } from "./calendar.js";
export type {
  Clause,
  DecimalString,
  DeclaredUnit,
  Duration,
  EffectiveRange,
  Quantity,
  Rounding,
  RoundingMode,
  Unit,
  ZonedTime,
} from "./common.js";
export type { Contract, ContractDateRule, Fallback, FinalSettlement, Future, Option, Spread } from "./contracts.js";
export type { Index, Method, Source, TimeWindow } from "./indices.js";
export type { Spec, Subject } from "./spec.js";
