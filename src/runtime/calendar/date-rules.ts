/**
 * Date rules: how a contract names a day relative to its contract month, e.g. a last trading day.
 * A rule is plain JSON: an anchor inside a month (the contract month shifted by `monthOffset`), then
 * an optional shift of N business days before or after, then a business-day convention, all on one
 * named calendar. `evaluateDateRule` turns a rule and a contract month into an epoch day or a typed
 * error (a 5th Friday that does not exist is `no-such-day`, never a date in the next month).
 * Designed to be called for every month of decades during `check`: each evaluation is a handful of
 * table lookups on an already built engine.
 */
import type { EpochDay } from "./dates.js";
import {
  daysInMonth,
  formatIsoDate,
  fromCivil,
  lastDayOfMonth,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  shiftMonth,
  toCivil,
} from "./dates.js";
import { BUSINESS_DAY_CONVENTIONS, type BusinessDayConvention, type CalendarEngine } from "./engine.js";
import { CalendarRangeError, MAX_SUPPORTED_YEAR, MIN_SUPPORTED_YEAR, fail, ok, type CalendarError, type CalendarResult } from "./errors.js";

/** Where in the month a date rule starts. */
export type DateAnchor =
  /** The n-th (1–5) weekday of the month, e.g. the 3rd Friday. */
  | { readonly kind: "nthWeekday"; readonly n: number; readonly weekday: number }
  /** The last given weekday of the month, e.g. the last Friday. */
  | { readonly kind: "lastWeekday"; readonly weekday: number }
  /** The last business day of the month on the rule's calendar. */
  | { readonly kind: "lastBusinessDay" }
  /** The first business day of the month on the rule's calendar. */
  | { readonly kind: "firstBusinessDay" }
  /** The n-th business day of the month; negative n counts from the end (-1 = last, -2 = second last). */
  | { readonly kind: "nthBusinessDay"; readonly n: number }
  /** A day of the month, 1–31; a month without that day is a `no-such-day` error. */
  | { readonly kind: "dayOfMonth"; readonly day: number };

/** A move by whole business days away from the anchor, counted from the anchor (which need not be a business day). */
export interface BusinessDayShift {
  /** A non-negative integer. */
  readonly businessDays: number;
  readonly direction: "before" | "after";
}

/** A day defined relative to a contract month, e.g. "2 business days before the 3rd Friday, preceding, on NYSE". */
export interface DateRule {
  readonly anchor: DateAnchor;
  /** Months from the contract month to the anchor's month: -1 = the month before. Defaults to 0. */
  readonly monthOffset?: number;
  readonly shift?: BusinessDayShift;
  /** Applied last; "unadjusted" keeps the result even if it is not a business day. */
  readonly convention: BusinessDayConvention;
  /** Name of the calendar that business days refer to. */
  readonly calendar: string;
  /**
   * `adjusted CONVENTION on CALENDAR when not a business day on TRIGGER`: the anchor is kept when it is a business day
   * of this calendar (the trigger); otherwise the convention moves strictly away from it, to the business day of
   * `calendar` before (preceding) or after (following) it, even when the anchor itself is a business day of
   * `calendar`. Only on a calendar-day anchor, with no shift, and with `preceding` or `following`.
   */
  readonly whenNotBusinessDayOn?: string;
}

/**
 * A day relative to a contract week (weekly contracts): the given weekday of the ISO week (Monday to Sunday) that is
 * the contract week, then the business-day shift, then the convention, on the rule's calendar.
 */
export interface WeeklyDateRule {
  /** ISO weekday 1–7. */
  readonly weekday: number;
  readonly shift?: BusinessDayShift;
  readonly convention: BusinessDayConvention;
  /** Name of the calendar that business days refer to. */
  readonly calendar: string;
  /**
   * `not listed when not a business day`: a week whose weekday (the anchor, before any shift) is not a business day
   * of the calendar has no last trading day (a `no-such-day` error); the contract lists nothing for that week.
   */
  readonly whenNotBusinessDay?: "not-listed";
}

/** An engine, or a lookup that finds the engine for the rule's calendar. */
export type EngineSource = CalendarEngine | ((name: string) => CalendarResult<CalendarEngine> | CalendarEngine | undefined);

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** Structural problems of a date rule, as `invalid-date-rule` errors (empty when the rule is well formed). */
export function validateDateRule(rule: DateRule): CalendarError[] {
  const errors: CalendarError[] = [];
  const issue = (path: string, message: string): void => {
    errors.push({ kind: "invalid-date-rule", path, message });
  };
  const a = rule.anchor;
  switch (a.kind) {
    case "nthWeekday":
      if (!isInt(a.n) || a.n < 1 || a.n > 5) issue("anchor.n", "n must be 1-5");
      if (!isInt(a.weekday) || a.weekday < 1 || a.weekday > 7) issue("anchor.weekday", "weekday must be 1-7");
      break;
    case "lastWeekday":
      if (!isInt(a.weekday) || a.weekday < 1 || a.weekday > 7) issue("anchor.weekday", "weekday must be 1-7");
      break;
    case "nthBusinessDay":
      if (!isInt(a.n) || a.n === 0 || Math.abs(a.n) > 31) issue("anchor.n", "n must be a non-zero integer within -31..31");
      break;
    case "dayOfMonth":
      if (!isInt(a.day) || a.day < 1 || a.day > 31) issue("anchor.day", "day must be 1-31");
      break;
    case "lastBusinessDay":
    case "firstBusinessDay":
      break;
    default:
      issue("anchor.kind", `unknown anchor ${(a as { kind: unknown }).kind as string}`);
  }
  if (rule.monthOffset !== undefined && !isInt(rule.monthOffset)) issue("monthOffset", "must be an integer");
  if (rule.shift !== undefined) {
    if (!isInt(rule.shift.businessDays) || rule.shift.businessDays < 0) issue("shift.businessDays", "must be a non-negative integer");
    if (rule.shift.direction !== "before" && rule.shift.direction !== "after") issue("shift.direction", "must be before or after");
  }
  if (!BUSINESS_DAY_CONVENTIONS.includes(rule.convention)) issue("convention", `unknown convention ${String(rule.convention)}`);
  if (typeof rule.calendar !== "string" || rule.calendar.length === 0) issue("calendar", "a date rule needs a calendar");
  if (rule.whenNotBusinessDayOn !== undefined) {
    const problem = triggerProblem(rule);
    if (problem !== undefined) issue("whenNotBusinessDayOn", TRIGGER_PROBLEMS[problem]);
  }
  return errors;
}

function engineFor(rule: { readonly calendar: string }, source: EngineSource): CalendarResult<CalendarEngine> {
  if (typeof source !== "function") {
    return source.name === rule.calendar ? ok(source) : fail({ kind: "calendar-mismatch", expected: rule.calendar, actual: source.name });
  }
  const r = source(rule.calendar);
  if (r === undefined) return fail({ kind: "unknown-calendar", name: rule.calendar });
  return "ok" in r ? r : ok(r);
}

function inMonth(day: EpochDay, year: number, month: number): boolean {
  const c = toCivil(day);
  return c.year === year && c.month === month;
}

function anchorDay(anchor: DateAnchor, year: number, month: number, engine: CalendarEngine): CalendarResult<EpochDay> {
  const none = (message: string): CalendarResult<EpochDay> => fail({ kind: "no-such-day", year, month, message });
  switch (anchor.kind) {
    case "nthWeekday": {
      const d = nthWeekdayOfMonth(year, month, anchor.n, anchor.weekday);
      return d === undefined ? none(`the month has no weekday ${anchor.weekday} number ${anchor.n}`) : ok(d);
    }
    case "lastWeekday":
      return ok(lastWeekdayOfMonth(year, month, anchor.weekday));
    case "dayOfMonth":
      return anchor.day > daysInMonth(year, month) ? none(`the month has no day ${anchor.day}`) : ok(fromCivil(year, month, anchor.day));
    case "firstBusinessDay":
    case "lastBusinessDay":
    case "nthBusinessDay": {
      const n = anchor.kind === "firstBusinessDay" ? 1 : anchor.kind === "lastBusinessDay" ? -1 : anchor.n;
      // Count from the day just outside the month, so day one of the count is inside it.
      const d =
        n > 0 ? engine.addBusinessDays(fromCivil(year, month, 1) - 1, n) : engine.addBusinessDays(lastDayOfMonth(year, month) + 1, n);
      return inMonth(d, year, month) ? ok(d) : none(`the month has fewer than ${Math.abs(n)} business days on ${engine.name}`);
    }
  }
}

/** Why `when not a business day on CALENDAR` cannot stand on a rule, or undefined when it can. */
export type TriggerProblem = "convention" | "shift" | "anchor" | "calendar";

/** The message of each {@link TriggerProblem}. */
export const TRIGGER_PROBLEMS: Readonly<Record<TriggerProblem, string>> = {
  convention: "`when not a business day on …` needs `adjusted preceding` or `adjusted following`, which say where the day moves",
  shift: "`when not a business day on …` tests the anchor itself: a rule shifted by business days has no anchor day to test",
  anchor: "`when not a business day on …` tests a day of the month; a business-day anchor is a business day already",
  calendar: "the calendar after `when not a business day on` must be a calendar name",
};

/**
 * The loader invariant of `whenNotBusinessDayOn` (the checker's E4350/E4351 and the loader's problem): the trigger
 * stands only on a calendar-day anchor (a weekday or a day of the month), with no shift, and moves the day by
 * `preceding` or `following`.
 */
export function triggerProblem(rule: {
  readonly anchor: DateAnchor;
  readonly shift?: BusinessDayShift;
  readonly convention: BusinessDayConvention;
  readonly whenNotBusinessDayOn?: string;
}): TriggerProblem | undefined {
  if (rule.whenNotBusinessDayOn === undefined) return undefined;
  if (typeof rule.whenNotBusinessDayOn !== "string" || rule.whenNotBusinessDayOn.length === 0) return "calendar";
  if (rule.convention !== "preceding" && rule.convention !== "following") return "convention";
  if (rule.shift !== undefined && rule.shift.businessDays > 0) return "shift";
  const k = rule.anchor.kind;
  if (k !== "nthWeekday" && k !== "lastWeekday" && k !== "dayOfMonth") return "anchor";
  return undefined;
}

/** Rules already validated: a rule object is validated once, not on every evaluation (rules are treated as immutable). */
const validRules = new WeakSet<DateRule>();

/**
 * Evaluates a date rule for a contract month (year, month 1–12): anchor in the offset month, then the
 * business-day shift, then the convention, on the rule's calendar. `engines` is the engine for that
 * calendar (a different name is a `calendar-mismatch` error) or a lookup by name.
 */
export function evaluateDateRule(rule: DateRule, year: number, month: number, engines: EngineSource): CalendarResult<EpochDay> {
  if (!validRules.has(rule)) {
    const invalid = validateDateRule(rule)[0];
    if (invalid) return fail(invalid);
    validRules.add(rule);
  }
  if (!isInt(year) || !isInt(month) || month < 1 || month > 12) {
    return fail({ kind: "invalid-date-rule", path: "month", message: `not a contract month: ${year}-${month}` });
  }
  const target = shiftMonth(year, month, rule.monthOffset ?? 0);
  if (target.year < MIN_SUPPORTED_YEAR || target.year > MAX_SUPPORTED_YEAR) {
    return fail({ kind: "out-of-range", year: target.year, minYear: MIN_SUPPORTED_YEAR, maxYear: MAX_SUPPORTED_YEAR });
  }
  const engine = engineFor(rule, engines);
  if (!engine.ok) return engine;
  const e = engine.value;
  try {
    const anchored = anchorDay(rule.anchor, target.year, target.month, e);
    if (!anchored.ok) return anchored;
    let day = anchored.value;
    if (rule.whenNotBusinessDayOn !== undefined) {
      const trigger = engineFor({ calendar: rule.whenNotBusinessDayOn }, engines);
      if (!trigger.ok) return trigger;
      // Kept when a business day of the trigger; otherwise the business day strictly before (or after) it.
      if (trigger.value.isBusinessDay(day)) return ok(day);
      return ok(e.addBusinessDays(day, rule.convention === "following" ? 1 : -1));
    }
    if (rule.shift !== undefined && rule.shift.businessDays > 0) {
      day = e.addBusinessDays(day, rule.shift.direction === "after" ? rule.shift.businessDays : -rule.shift.businessDays);
    }
    return ok(e.adjust(day, rule.convention));
  } catch (err) {
    if (err instanceof CalendarRangeError) return fail(err.error);
    throw err;
  }
}

/**
 * Evaluates a weekly rule for the contract week starting on `monday` (an epoch day that is a Monday): the rule's
 * weekday of that week, shifted by business days, then adjusted by the convention, on the rule's calendar
 * (`engines` as for {@link evaluateDateRule}). Fails with `out-of-range` for weeks outside the supported years.
 */
export function evaluateWeeklyRule(rule: WeeklyDateRule, monday: EpochDay, engines: EngineSource): CalendarResult<EpochDay> {
  if (!isInt(rule.weekday) || rule.weekday < 1 || rule.weekday > 7)
    return fail({ kind: "invalid-date-rule", path: "weekday", message: "weekday must be 1-7" });
  if (!isInt(monday)) return fail({ kind: "invalid-day", day: monday });
  const engine = engineFor(rule, engines);
  if (!engine.ok) return engine;
  const e = engine.value;
  try {
    let day = monday + rule.weekday - 1;
    if (rule.whenNotBusinessDay === "not-listed" && !e.isBusinessDay(day)) {
      const c = toCivil(day);
      return fail({
        kind: "no-such-day",
        year: c.year,
        month: c.month,
        message: `${formatIsoDate(day)} is not a business day of ${rule.calendar}, and the rule lists no contract for a week whose day is not one`,
      });
    }
    if (rule.shift !== undefined && rule.shift.businessDays > 0) {
      day = e.addBusinessDays(day, rule.shift.direction === "after" ? rule.shift.businessDays : -rule.shift.businessDays);
    }
    return ok(e.adjust(day, rule.convention));
  } catch (err) {
    if (err instanceof CalendarRangeError) return fail(err.error);
    throw err;
  }
}
