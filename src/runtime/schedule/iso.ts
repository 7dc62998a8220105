/**
 * The schedule questions of `calendar`, `expiries` and `listed` with dates as ISO 8601 strings both ways, for the
 * package's users: `isoSchedule(spec)` answers with exactly the JSON documents the CLI prints with `--format json`
 * (json.ts), while `Schedule` itself works in epoch days (days since 1970-01-01), the runtime's own unit. A date or
 * month that is not a valid ISO string is an error value, never an exception.
 */
import { formatIsoDate, parseIsoDate } from "../calendar/index.js";
import { parseInstantMicros } from "../market-data/common.js";
import { expiryToJson, holidaysToJson, listedToJson, type ExpiryJson, type HolidayJson, type ListedJson } from "./json.js";
import { Schedule, type ScheduleError, type ScheduleInput, type ScheduleResult } from "./schedule.js";

/** Why an ISO question has no answer: a malformed date or month, or the schedule's own error. */
export type IsoScheduleError = ScheduleError | { readonly kind: "invalid-date"; readonly text: string; readonly expected: string };

/** Success with a value, or failure with an {@link IsoScheduleError}. */
export type IsoResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IsoScheduleError };

/** Schedule questions with ISO dates in and out (`calendar`, `expiries` and `listed` of the CLI, as data). */
export interface IsoSchedule {
  /** The weekdays that are not business days of a calendar from `from` to `to` (YYYY-MM-DD, inclusive). */
  holidays(calendar: string, from: string, to: string): IsoResult<HolidayJson[]>;
  /** The expiries of a contract for the months `from` to `to` (YYYY-MM, inclusive). */
  expiries(contract: string, from: string, to: string): IsoResult<ExpiryJson[]>;
  /**
   * The periods of a contract listed on a date (YYYY-MM-DD), or at an instant with seconds and an offset
   * (2024-10-03T22:00:00Z, as in market data), nearest first (listing-time.ts).
   */
  listed(contract: string, on: string): IsoResult<ListedJson[]>;
}

const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function month(text: string): { year: number; month: number } | undefined {
  const m = ISO_MONTH.exec(text);
  return m === null ? undefined : { year: Number(m[1]), month: Number(m[2]) };
}

const invalid = <T>(text: string, expected: string): IsoResult<T> => ({ ok: false, error: { kind: "invalid-date", text, expected } });
const map = <T, U>(r: ScheduleResult<T>, f: (v: T) => U): IsoResult<U> => (r.ok ? { ok: true, value: f(r.value) } : r);

/**
 * The ISO schedule of a compiled spec (from `loadSpec`) or of a lowered program. `asOf` (YYYY-MM-DD) answers under
 * the rules as they stood on that date (`Schedule.asOf`): a malformed one makes every answer an error.
 */
export function isoSchedule(spec: ScheduleInput, asOf?: string): IsoSchedule {
  if (asOf !== undefined && parseIsoDate(asOf) === undefined) {
    const bad = <T>(): IsoResult<T> => invalid(asOf, "an as-of date YYYY-MM-DD");
    return { holidays: bad, expiries: bad, listed: bad };
  }
  const schedule = new Schedule(spec).asOf(asOf);
  return {
    holidays(calendar, from, to) {
      const a = parseIsoDate(from);
      const b = parseIsoDate(to);
      if (a === undefined) return invalid(from, "YYYY-MM-DD");
      if (b === undefined) return invalid(to, "YYYY-MM-DD");
      const engine = schedule.engine(calendar);
      if (!engine.ok) return engine;
      if (!engine.value.supports(a) || !engine.value.supports(b))
        return invalid(`${formatIsoDate(a)}..${formatIsoDate(b)}`, "dates in the years 1600-4000");
      return { ok: true, value: holidaysToJson(engine.value, a, b) };
    },
    expiries(contract, from, to) {
      const a = month(from);
      const b = month(to);
      if (a === undefined) return invalid(from, "YYYY-MM");
      if (b === undefined) return invalid(to, "YYYY-MM");
      return map(schedule.expiries(contract, a, b), (es) => es.map(expiryToJson));
    },
    listed(contract, on) {
      if (on.length > 10) {
        const micros = parseInstantMicros(on);
        if (typeof micros === "string") return invalid(on, "an instant with seconds and an offset, such as 2024-10-03T22:00:00Z");
        return map(schedule.listedAt(contract, Math.floor(micros / 1000)), (ls) => ls.map(listedToJson));
      }
      const day = parseIsoDate(on);
      if (day === undefined) return invalid(on, "YYYY-MM-DD");
      return map(schedule.listedOn(contract, day), (ls) => ls.map(listedToJson));
    },
  };
}
