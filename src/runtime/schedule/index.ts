/**
 * Public entry of the runtime schedules: contract periods and symbols (month codes, ISO weeks), and the `Schedule` that computes expiries (last trading day, termination instant, final
 * settlement date, averaging days) and listing cycles from a compiled spec. Imports nothing outside `src/runtime`.
 */
export type { ContractPeriod } from "./symbols.js";
export {
  MONTH_CODES,
  contractSymbol,
  formatPeriod,
  monthCode,
  monthOfCode,
  monthPeriod,
  parseContractSymbol,
  periodStart,
  weekPeriod,
} from "./symbols.js";
export type { Expiry, LegExpiry, Listed, ScheduleContract, ScheduleError, ScheduleInput, ScheduleResult, Termination } from "./schedule.js";
export { SCHEDULE_FIELDS, Schedule, tradedOn } from "./schedule.js";
export { periodsBetween, shiftPeriod } from "./symbols.js";
export type { ExpiryJson, HolidayJson, ListedJson } from "./json.js";
export { expiryToJson, holidaysToJson, listedToJson, describeScheduleError } from "./json.js";
export type { IsoResult, IsoSchedule, IsoScheduleError } from "./iso.js";
export { isoSchedule } from "./iso.js";
export type { ClosedDay, Session, SessionContract, Sessions, SessionsResult } from "./sessions.js";
export { MAX_SESSION_DAYS, sessionsText, tradingSessions } from "./sessions.js";
