/**
 * Public entry of the runtime calendar engine: civil dates as epoch days, the plain-JSON calendar
 * model, the tabulating business-day engine with ISDA conventions, date rules for last trading days,
 * and IANA time-zone conversions. Imports nothing outside `src/runtime`.
 */
export type { CivilDate, EpochDay, Weekday } from "./dates.js";
export {
  FRIDAY,
  MONDAY,
  SATURDAY,
  SUNDAY,
  THURSDAY,
  TUESDAY,
  WEDNESDAY,
  addMonths,
  daysInMonth,
  easterSunday,
  firstDayOfMonth,
  formatIsoDate,
  fromCivil,
  isLeapYear,
  isValidCivil,
  lastDayOfMonth,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  parseIsoDate,
  shiftMonth,
  toCivil,
  weekdayOf,
  yearOf,
} from "./dates.js";
export type { CalendarError, CalendarResult } from "./errors.js";
export { CalendarRangeError, MAX_SUPPORTED_YEAR, MIN_SUPPORTED_YEAR, fail, ok } from "./errors.js";
export type {
  Calendar,
  CalendarResolver,
  EasterDate,
  FixedDate,
  HolidayDate,
  HolidayRule,
  JointCalendars,
  JointMode,
  LastWeekdayDate,
  NoObservance,
  NthWeekdayDate,
  Observance,
  OneOffDates,
  ShiftObservance,
  SubstituteObservance,
} from "./model.js";
export { calendarReferences, resolveDependencies, resolverFromList } from "./model.js";
export { validateCalendar } from "./validate.js";
export type { ObservedHoliday } from "./rules.js";
export { observedHolidays } from "./rules.js";
export type { BusinessDayConvention, CalendarEngine, HolidayEntry } from "./engine.js";
export { BUSINESS_DAY_CONVENTIONS, CalendarEngines, buildCalendar, isBusinessDayNaive } from "./engine.js";
export type { BusinessDayShift, DateAnchor, DateRule, EngineSource, WeeklyDateRule } from "./date-rules.js";
export { TRIGGER_PROBLEMS, evaluateDateRule, evaluateWeeklyRule, triggerProblem, validateDateRule } from "./date-rules.js";
export type { TriggerProblem } from "./date-rules.js";
export type { LocalDateTime, LocalTimeStatus, ResolvedLocalTime } from "./zones.js";
export {
  canonicalTimeZone,
  knownTimeZones,
  formatInstant,
  formatOffset,
  instantToLocal,
  isValidTimeZone,
  localToInstant,
  parseLocalTime,
  resolveLocalTime,
  timeZoneOffsetSeconds,
} from "./zones.js";
