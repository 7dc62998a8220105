/**
 * Structural checks of calendar model objects before the engine uses them: field ranges (months,
 * weekdays, n of nth-weekday), real fixed and one-off dates, year filters, observance options and
 * IANA zone names. The compiler reports its own, better-located diagnostics first; these checks make
 * the runtime safe on any JSON it is handed, so a bad rule is an error value and never a wrong date.
 */
import { daysInMonth, parseIsoDate } from "./dates.js";
import type { CalendarError } from "./errors.js";
import type { Calendar, HolidayRule } from "./model.js";
import { isValidTimeZone } from "./zones.js";

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const inRange = (v: unknown, lo: number, hi: number): boolean => isInt(v) && v >= lo && v <= hi;

function checkRule(rule: HolidayRule, at: string, issue: (path: string, message: string) => void): void {
  if (typeof rule.name !== "string" || rule.name.length === 0) issue(`${at}.name`, "a holiday needs a name");
  const d = rule.date;
  switch (d.kind) {
    case "fixed":
      if (!inRange(d.month, 1, 12)) issue(`${at}.date.month`, "month must be 1-12");
      // 29 February is allowed: it occurs in leap years only.
      else if (!inRange(d.day, 1, daysInMonth(2000, d.month))) issue(`${at}.date.day`, "no such day in that month");
      break;
    case "nthWeekday":
      if (!inRange(d.n, 1, 5)) issue(`${at}.date.n`, "n must be 1-5");
      if (!inRange(d.weekday, 1, 7)) issue(`${at}.date.weekday`, "weekday must be 1 (Monday) to 7 (Sunday)");
      if (!inRange(d.month, 1, 12)) issue(`${at}.date.month`, "month must be 1-12");
      break;
    case "lastWeekday":
      if (!inRange(d.weekday, 1, 7)) issue(`${at}.date.weekday`, "weekday must be 1 (Monday) to 7 (Sunday)");
      if (!inRange(d.month, 1, 12)) issue(`${at}.date.month`, "month must be 1-12");
      break;
    case "easter":
      if (!inRange(d.offsetDays, -366, 366)) issue(`${at}.date.offsetDays`, "offset must be an integer within a year");
      break;
    case "oneOff":
      d.dates.forEach((s, i) => {
        if (parseIsoDate(s) === undefined) issue(`${at}.date.dates[${i}]`, `not a valid YYYY-MM-DD date: ${s}`);
      });
      break;
    default:
      issue(`${at}.date.kind`, `unknown holiday date kind ${(d as { kind: unknown }).kind as string}`);
  }
  const o = rule.observance;
  if (o !== undefined) {
    if (o.kind === "shift") {
      if (o.saturday !== undefined && !["friday", "monday", "none"].includes(o.saturday)) {
        issue(`${at}.observance.saturday`, "must be friday, monday or none");
      }
      if (o.sunday !== undefined && !["friday", "monday", "none"].includes(o.sunday)) {
        issue(`${at}.observance.sunday`, "must be monday, friday or none");
      }
    } else if (o.kind !== "none" && o.kind !== "substitute") {
      issue(`${at}.observance.kind`, `unknown observance ${(o as { kind: unknown }).kind as string}`);
    }
  }
  if (rule.fromYear !== undefined && !isInt(rule.fromYear)) issue(`${at}.fromYear`, "must be an integer year");
  if (rule.untilYear !== undefined && !isInt(rule.untilYear)) issue(`${at}.untilYear`, "must be an integer year");
  rule.exceptYears?.forEach((y, i) => {
    if (!isInt(y)) issue(`${at}.exceptYears[${i}]`, "must be an integer year");
  });
}

/** All structural problems of one calendar (not of the calendars it refers to), as `invalid-calendar` errors. */
export function validateCalendar(cal: Calendar): CalendarError[] {
  const errors: CalendarError[] = [];
  const name = typeof cal.name === "string" ? cal.name : "";
  const issue = (path: string, message: string): void => {
    errors.push({ kind: "invalid-calendar", calendar: name, path, message });
  };
  if (name.length === 0) issue("name", "a calendar needs a name");
  if (typeof cal.timeZone !== "string" || !isValidTimeZone(cal.timeZone)) {
    issue("timeZone", `not an IANA time zone: ${String(cal.timeZone)}`);
  }
  cal.weekend.forEach((w, i) => {
    if (!inRange(w, 1, 7)) issue(`weekend[${i}]`, "weekday must be 1 (Monday) to 7 (Sunday)");
  });
  if (new Set(cal.weekend).size >= 7) issue("weekend", "every day of the week is a weekend day");
  cal.holidays.forEach((r, i) => checkRule(r, `holidays[${i}]`, issue));
  if (cal.joint !== undefined) {
    if (cal.joint.mode !== "all" && cal.joint.mode !== "any") issue("joint.mode", "must be all or any");
    if (cal.joint.calendars.length === 0) issue("joint.calendars", "a joint calendar needs at least one member");
  }
  return errors;
}
