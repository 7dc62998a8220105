/**
 * The calendar part of the compiled model as zod schemas. It mirrors the runtime calendar model
 * (src/runtime/calendar/model.ts) and the runtime date rules (date-rules.ts) field for field, so a loaded
 * spec's calendars and last-trading-day rules go straight into the runtime engine; a type-level test keeps the
 * two in agreement. Where the runtime has a default, the model makes it explicit (observance, `basedOn`,
 * `exceptYears`, the observance shifts, `monthOffset`, a zero `shift`); the only optional fields left are the
 * ones the runtime has no value for (a year range that is open, a calendar that is not joint). The model adds
 * the declaration's title and annotations, which the runtime ignores.
 */
import { z } from "zod";
import { IsoDate, Month, Name, Text, TimeZone, Weekday, Year, countSchema, declarationAnnotations } from "./common.js";
import { COUNT_BOUNDS } from "../runtime/bounds.js";

/** A month-and-day date repeating every year. */
export const FixedDateSchema = z.strictObject({ kind: z.literal("fixed"), month: Month, day: z.int().min(1).max(31) });
/** The n-th weekday of a month. */
export const NthWeekdayDateSchema = z.strictObject({
  kind: z.literal("nthWeekday"),
  n: z.int().min(1).max(5),
  weekday: Weekday,
  month: Month,
});
/** The last given weekday of a month. */
export const LastWeekdayDateSchema = z.strictObject({ kind: z.literal("lastWeekday"), weekday: Weekday, month: Month });
/** A day relative to Gregorian Easter Sunday. */
export const EasterDateSchema = z.strictObject({ kind: z.literal("easter"), offsetDays: z.int().min(-366).max(366) });
/** Explicit dates. */
export const OneOffDatesSchema = z.strictObject({ kind: z.literal("oneOff"), dates: z.array(IsoDate).min(1) });

/** When a holiday happens, before observance moves it. */
export const HolidayDateSchema = z
  .discriminatedUnion("kind", [FixedDateSchema, NthWeekdayDateSchema, LastWeekdayDateSchema, EasterDateSchema, OneOffDatesSchema])
  .meta({
    id: "HolidayDate",
    description:
      "When a holiday falls before observance: a fixed day, the n-th or last weekday of a month, a day relative to Easter, or explicit dates.",
  });

/** How a holiday falling on a weekend is observed; shifts are explicit. */
export const ObservanceSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("none") }),
    z.strictObject({
      kind: z.literal("shift"),
      saturday: z.enum(["friday", "monday", "none"]),
      sunday: z.enum(["monday", "friday", "none"]),
    }),
    z.strictObject({ kind: z.literal("substitute") }),
  ])
  .meta({
    id: "Observance",
    description:
      "none: observed on its date; shift: a Saturday or Sunday holiday is observed on the given weekday (none keeps it); substitute: a weekend holiday is observed on the next weekday that is neither a weekend day nor already a holiday.",
  });

/** One named holiday rule. */
export const HolidayRuleSchema = z
  .strictObject({
    name: Text.min(1),
    date: HolidayDateSchema,
    observance: ObservanceSchema,
    fromYear: Year.optional().describe(
      "First year (inclusive) the rule applies, by the year of the unobserved date; absent: no first year.",
    ),
    untilYear: Year.optional().describe("Last year (inclusive) the rule applies; absent: no last year."),
    exceptYears: z.array(Year).describe("Years in which the rule does not apply."),
    descriptions: z.array(Text),
    clauses: z.array(Text),
  })
  .meta({ id: "HolidayRule" });

/** How a joint calendar combines its members. */
export const JointCalendarsSchema = z
  .strictObject({ mode: z.enum(["all", "any"]), calendars: z.array(Name).min(1) })
  .meta({ id: "JointCalendars", description: "all: a business day in every member; any: a business day in at least one." });

/** A named business-day calendar. */
export const CalendarSchema = z
  .strictObject({
    kind: z.literal("calendar"),
    name: Name,
    ...declarationAnnotations,
    timeZone: TimeZone,
    weekend: z.array(Weekday).describe("ISO weekdays that are never business days, ascending."),
    holidays: z.array(HolidayRuleSchema).describe("Holiday rules in source order; all apply."),
    basedOn: z.array(Name).describe("Calendars whose holidays (not weekends) are added to this one's."),
    joint: JointCalendarsSchema.optional().describe("Present for a joint calendar: a business day must also be one of the combination."),
  })
  .meta({
    id: "Calendar",
    description:
      "A business-day calendar, as the runtime engine reads it: a day is a business day when it is not a weekend day, not an observed holiday of this calendar or of a basedOn calendar, and, for a joint calendar, a business day of the combination.",
  });

// ---------------------------------------------------------------------------------------------------------
// Date rules (last trading day, option expiry).

/** Business-day conventions, as in the runtime engine. */
export const BusinessDayConventionSchema = z
  .enum(["following", "modified-following", "preceding", "modified-preceding", "unadjusted"])
  .meta({ id: "BusinessDayConvention", description: "ISDA business-day conventions." });

/** Where in the month a date rule starts. */
export const DateAnchorSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("nthWeekday"), n: z.int().min(1).max(5), weekday: Weekday }),
    z.strictObject({ kind: z.literal("lastWeekday"), weekday: Weekday }),
    z.strictObject({ kind: z.literal("lastBusinessDay") }),
    z.strictObject({ kind: z.literal("firstBusinessDay") }),
    z.strictObject({ kind: z.literal("nthBusinessDay"), n: z.int().min(-31).max(31) }),
    z.strictObject({ kind: z.literal("dayOfMonth"), day: z.int().min(1).max(31) }),
  ])
  .meta({ id: "DateAnchor", description: "A day in the anchor month; nthBusinessDay counts from the end when n is negative." });

/** A day defined relative to a contract month, as the runtime's `evaluateDateRule` reads it. */
export const DateRuleSchema = z
  .strictObject({
    anchor: DateAnchorSchema,
    monthOffset: z.int().min(-120).max(120).describe("Months from the contract month to the anchor's month: -1 is the month before."),
    shift: z
      .strictObject({ businessDays: countSchema(COUNT_BOUNDS.dateShiftDays), direction: z.enum(["before", "after"]) })
      .describe("Business days to move from the anchor; 0 means no shift."),
    convention: BusinessDayConventionSchema,
    calendar: Name.describe("The calendar business days refer to."),
    whenNotBusinessDayOn: Name.optional().describe(
      "`adjusted preceding on CALENDAR when not a business day on TRIGGER`: the anchor is kept when it is a business day of this calendar; otherwise the convention (preceding or following) moves strictly away from it to a business day of `calendar`. Only on a weekday or day-of-month anchor, with no shift. Absent: the convention applies on `calendar` alone.",
    ),
  })
  .meta({
    id: "DateRule",
    description:
      "A day relative to a contract month: the anchor in the offset month, then the shift, then the convention, on the calendar.",
  });

/** A compiled calendar. */
export type Calendar = z.infer<typeof CalendarSchema>;
/** A compiled holiday rule. */
export type HolidayRule = z.infer<typeof HolidayRuleSchema>;
/** When a holiday happens. */
export type HolidayDate = z.infer<typeof HolidayDateSchema>;
/** How a weekend holiday is observed. */
export type Observance = z.infer<typeof ObservanceSchema>;
/** A joint combination of calendars. */
export type JointCalendars = z.infer<typeof JointCalendarsSchema>;
/** A compiled date rule. */
export type DateRule = z.infer<typeof DateRuleSchema>;
/** A date rule's anchor. */
export type DateAnchor = z.infer<typeof DateAnchorSchema>;
