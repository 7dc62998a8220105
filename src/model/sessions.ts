/**
 * The trading schedule of a contract as zod schemas: its trading hours (a weekly window with a daily break, or
 * around the clock, in an IANA zone) and the named days whose session closes early or does not take place, each
 * a holiday rule of the calendar model. Both are optional contract clauses, absent when a contract does not say.
 */
import { z } from "zod";
import { HolidayRuleSchema } from "./calendar.js";
import { LocalTime, TimeZone, Weekday } from "./common.js";

/** Trading hours: a weekly window (absent: around the clock) and a daily break. */
export const TradingHoursSchema = z
  .strictObject({
    zone: TimeZone,
    week: z
      .strictObject({ opensOn: Weekday, opens: LocalTime, closesOn: Weekday, closes: LocalTime })
      .optional()
      .describe("The weekly window, from a weekday and time to a weekday and time; absent when trading is around the clock."),
    dailyBreak: z
      .strictObject({ begins: LocalTime, minutes: z.int().min(1).max(1439) })
      .optional()
      .describe("A break of some minutes each day, beginning at a local time."),
  })
  .meta({ id: "TradingHours", description: "When a contract trades, in local time of a zone." });

/** A named day whose session closes early or does not take place. */
export const SessionChangeSchema = z
  .strictObject({
    day: HolidayRuleSchema,
    shiftDays: z.int().min(-1).max(1).describe("The day before (-1) or after (1) the holiday rule's day, or the day itself (0)."),
    closes: LocalTime.nullable().describe("The early close of the session that closes on that day; null when it does not take place."),
  })
  .meta({ id: "SessionChange", description: "A named day whose session closes early, or does not take place." });

/** Trading hours. */
export type TradingHours = z.infer<typeof TradingHoursSchema>;
/** A session change. */
export type SessionChange = z.infer<typeof SessionChangeSchema>;
