/**
 * Civil dates as integer "epoch days" (days since 1970-01-01 in the proleptic Gregorian calendar).
 * This is the lowest layer of the runtime calendar engine: branch-light integer arithmetic
 * (Howard Hinnant's `days_from_civil`/`civil_from_days`) for conversions, ISO-8601 date strings,
 * ISO weekdays, month arithmetic, Easter and nth/last weekday of a month.
 * Everything here is pure; JS numbers are exact for every day count this module produces.
 */

/** Days since 1970-01-01 (day 0), proleptic Gregorian; negative before 1970. */
export type EpochDay = number;

/** An ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = number;

/** A calendar date split into its fields; month is 1–12, day is 1–31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** ISO weekday constants, so rules read `weekday: MONDAY` rather than a bare 1. */
export const MONDAY = 1;
/** ISO weekday 2. */
export const TUESDAY = 2;
/** ISO weekday 3. */
export const WEDNESDAY = 3;
/** ISO weekday 4. */
export const THURSDAY = 4;
/** ISO weekday 5. */
export const FRIDAY = 5;
/** ISO weekday 6. */
export const SATURDAY = 6;
/** ISO weekday 7. */
export const SUNDAY = 7;

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Number of days in a month (1–12) of a year; 0 for an invalid month. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 0;
}

/**
 * The epoch day of a civil date. Fields are not validated (day 0 or 32 simply roll over);
 * use {@link isValidCivil} or {@link parseIsoDate} for checked input.
 */
export function fromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of an epoch day. */
export function toCivil(epochDay: EpochDay): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The year of an epoch day (cheaper to read than destructuring {@link toCivil} at call sites). */
export function yearOf(epochDay: EpochDay): number {
  // toCivil's arithmetic, year only: no object is allocated (time-zone lookups call this per instant).
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

/** True when year/month/day name a real date (integers, month 1–12, day within the month). */
export function isValidCivil(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict "YYYY-MM-DD" date; undefined for malformed or nonexistent dates such as 2026-02-30. */
export function parseIsoDate(text: string): EpochDay | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidCivil(year, month, day)) return undefined;
  return fromCivil(year, month, day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Formats an epoch day as "YYYY-MM-DD" (years outside 0–9999 use the ISO expanded form ±YYYYYY). */
export function formatIsoDate(epochDay: EpochDay): string {
  const { year, month, day } = toCivil(epochDay);
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : (year < 0 ? "-" : "+") + pad(Math.abs(year), 6);
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The ISO weekday of an epoch day (1970-01-01 was a Thursday, 4). */
export function weekdayOf(epochDay: EpochDay): Weekday {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** The year and month `offset` months after (negative: before) a given year and month. */
export function shiftMonth(year: number, month: number, offset: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + offset;
  const y = Math.floor(index / 12);
  return { year: y, month: index - y * 12 + 1 };
}

/** Adds months to a date, clamping the day to the end of the target month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(epochDay: EpochDay, months: number): EpochDay {
  const { year, month, day } = toCivil(epochDay);
  const t = shiftMonth(year, month, months);
  return fromCivil(t.year, t.month, Math.min(day, daysInMonth(t.year, t.month)));
}

/** The first day of a month. */
export function firstDayOfMonth(year: number, month: number): EpochDay {
  return fromCivil(year, month, 1);
}

/** The last day of a month. */
export function lastDayOfMonth(year: number, month: number): EpochDay {
  return fromCivil(year, month, daysInMonth(year, month));
}

/**
 * Easter Sunday by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm).
 * Meaningful for Gregorian years from 1583 on; tested over 1583–4099.
 */
export function easterSunday(year: number): EpochDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return fromCivil(year, Math.floor(n / 31), (n % 31) + 1);
}

/**
 * The n-th (1–5) given weekday of a month, e.g. the 3rd Monday of January;
 * undefined when the month has no such day (most months have no 5th Monday).
 */
export function nthWeekdayOfMonth(year: number, month: number, n: number, weekday: Weekday): EpochDay | undefined {
  const first = fromCivil(year, month, 1);
  const day = 1 + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
  if (n < 1 || day > daysInMonth(year, month)) return undefined;
  return first + day - 1;
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: Weekday): EpochDay {
  const last = lastDayOfMonth(year, month);
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}
