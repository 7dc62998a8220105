/**
 * The JSON documents of schedules, as the `calendar`, `expiries` and `listed` commands print them (README.md
 * documents them): plain data with ISO 8601 dates, UTC instants ending in `Z`, local instants with their offset,
 * and every member present (`null` when a contract states no such rule). Pure; the CLI only serialises.
 */
import { formatInstant, formatIsoDate, weekdayOf, type CalendarEngine, type EpochDay } from "../calendar/index.js";
import type { Expiry, Listed, ScheduleError } from "./schedule.js";
import { formatPeriod } from "./symbols.js";

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The English name of a day's weekday. */
export function weekdayName(day: EpochDay): string {
  return WEEKDAY_NAMES[weekdayOf(day) - 1]!;
}

/** A non-business weekday of a calendar. */
export interface HolidayJson {
  readonly date: string;
  readonly weekday: string;
  readonly names: readonly string[];
}

/** The non-business weekdays in [from, to] (inclusive) with their holiday names. */
export function holidaysToJson(engine: CalendarEngine, from: EpochDay, to: EpochDay): HolidayJson[] {
  return engine.holidaysBetween(from, to + 1).map((h) => ({ date: formatIsoDate(h.day), weekday: weekdayName(h.day), names: h.names }));
}

const two = (n: number): string => String(n).padStart(2, "0");

/** An instant as UTC ISO 8601 to the second (milliseconds only when non-zero), ending in `Z`. */
export function formatUtc(instant: number): string {
  const day = Math.floor(instant / 86_400_000);
  const ms = instant - day * 86_400_000;
  const s = Math.floor(ms / 1000);
  const frac = ms % 1000 === 0 ? "" : `.${String(ms % 1000).padStart(3, "0")}`;
  return `${formatIsoDate(day)}T${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}${frac}Z`;
}

/** One expiry in JSON. */
export interface ExpiryJson {
  readonly period: string;
  readonly symbol: string;
  readonly lastTradingDay: string;
  readonly termination: { readonly time: string; readonly zone: string; readonly utc: string; readonly local: string } | null;
  readonly finalSettlementDate: string | null;
  readonly averagingDays: readonly string[] | null;
  readonly legs:
    | readonly {
        readonly side: string;
        readonly contract: string;
        readonly period: string;
        readonly symbol: string;
        readonly lastTradingDay: string;
        readonly finalSettlementDate: string | null;
      }[]
    | null;
}

/** An expiry as the `expiries` command prints it. */
export function expiryToJson(e: Expiry): ExpiryJson {
  const t = e.termination;
  const local = t === undefined ? undefined : formatInstant(t.instant, t.zone);
  return {
    period: formatPeriod(e.period),
    symbol: e.symbol,
    lastTradingDay: formatIsoDate(e.lastTradingDay),
    termination:
      t === undefined || local === undefined || !local.ok
        ? null
        : { time: t.time, zone: t.zone, utc: formatUtc(t.instant), local: local.value },
    finalSettlementDate: e.finalSettlementDate === undefined ? null : formatIsoDate(e.finalSettlementDate),
    averagingDays: e.averagingDays === undefined ? null : e.averagingDays.map(formatIsoDate),
    legs:
      e.legs === undefined
        ? null
        : e.legs.map((l) => ({
            side: l.side,
            contract: l.contract,
            period: formatPeriod(l.period),
            symbol: l.symbol,
            lastTradingDay: formatIsoDate(l.lastTradingDay),
            finalSettlementDate: l.finalSettlementDate === undefined ? null : formatIsoDate(l.finalSettlementDate),
          })),
  };
}

/** A listed period in JSON. */
export interface ListedJson {
  readonly period: string;
  readonly symbol: string;
  readonly lastTradingDay: string;
}

/** A listed period as the `listed` command prints it. */
export function listedToJson(l: Listed): ListedJson {
  return { period: formatPeriod(l.period), symbol: l.symbol, lastTradingDay: formatIsoDate(l.lastTradingDay) };
}

/** A one-line explanation of a schedule error. */
export function describeScheduleError(e: ScheduleError): string {
  switch (e.kind) {
    case "unknown-contract":
      return `no contract \`${e.name}\``;
    case "unknown-calendar":
      return `no calendar \`${e.name}\`${e.referencedBy === undefined ? "" : ` (used by ${e.referencedBy})`}`;
    case "no-rule":
      return `${e.contract} states no ${e.rule} in force on ${e.date}`;
    case "period-mismatch":
      return e.message;
    case "recursion":
      return `${e.contract} refers to itself through its underlying or legs`;
    case "not-listed":
      return `${e.contract} has no contract ${e.period}: ${e.reason}`;
    case "not-traded":
      return `${e.contract} does not trade on ${e.date}: its trading dates are ${e.dates}`;
    case "no-such-day":
      return `no such day in ${e.year}-${two(e.month)}: ${e.message}`;
    case "out-of-range":
      return `year ${e.year} is outside the supported years ${e.minYear}-${e.maxYear}`;
    case "calendar-cycle":
      return `calendars refer to each other in a cycle: ${e.cycle.join(" -> ")}`;
    case "invalid-calendar":
      return `calendar ${e.calendar} is invalid at ${e.path}: ${e.message}`;
    case "no-business-days":
      return `calendar ${e.calendar} has no business days`;
    case "invalid-day":
      return `not a day: ${e.day}`;
    case "invalid-date-rule":
      return `invalid date rule at ${e.path}: ${e.message}`;
    case "calendar-mismatch":
      return `expected calendar ${e.expected}, got ${e.actual}`;
    case "invalid-time-zone":
      return `unknown time zone ${e.zone}`;
    case "invalid-time":
      return `invalid time ${e.time}`;
  }
}
