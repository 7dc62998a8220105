/**
 * Error values of the runtime calendar engine: every fallible calendar, date-rule and time-zone
 * operation returns a {@link CalendarResult} carrying one of these, never a thrown exception.
 * The single exception is {@link CalendarRangeError}, thrown only by the O(1) engine queries for days
 * outside the supported years, where a boolean/number return type leaves no room for an error value.
 * Messages are for debugging; callers (the compiler's diagnostics) should switch on `kind`.
 */

/** A failure of the calendar runtime, discriminated by `kind`. */
export type CalendarError =
  | { readonly kind: "unknown-calendar"; readonly name: string; readonly referencedBy?: string }
  | { readonly kind: "calendar-cycle"; readonly cycle: readonly string[] }
  | {
      readonly kind: "invalid-calendar";
      readonly calendar: string;
      /** Where in the calendar object, e.g. "holidays[2].date.month". */
      readonly path: string;
      readonly message: string;
    }
  | { readonly kind: "no-business-days"; readonly calendar: string }
  | {
      readonly kind: "out-of-range";
      /** The year that was asked for. */
      readonly year: number;
      readonly minYear: number;
      readonly maxYear: number;
    }
  | { readonly kind: "invalid-day"; readonly day: number }
  | { readonly kind: "invalid-date-rule"; readonly path: string; readonly message: string }
  | {
      readonly kind: "no-such-day";
      readonly year: number;
      readonly month: number;
      readonly message: string;
    }
  | { readonly kind: "calendar-mismatch"; readonly expected: string; readonly actual: string }
  | { readonly kind: "invalid-time-zone"; readonly zone: string }
  | { readonly kind: "invalid-time"; readonly time: string };

/** Success with a value, or failure with a {@link CalendarError}. */
export type CalendarResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CalendarError };

/** Wraps a success value. */
export function ok<T>(value: T): CalendarResult<T> {
  return { ok: true, value };
}

/** Wraps a failure. */
export function fail<T = never>(error: CalendarError): CalendarResult<T> {
  return { ok: false, error };
}

/** Earliest year the engine will tabulate (Gregorian computus is meaningful from 1583; one year of margin). */
export const MIN_SUPPORTED_YEAR = 1600;
/** Latest year the engine will tabulate. */
export const MAX_SUPPORTED_YEAR = 4000;

/** Thrown by engine queries about a day outside {@link MIN_SUPPORTED_YEAR}–{@link MAX_SUPPORTED_YEAR}, or a non-integer day. */
export class CalendarRangeError extends RangeError {
  constructor(readonly error: CalendarError) {
    super(
      error.kind === "out-of-range"
        ? `year ${error.year} is outside the supported calendar years ${error.minYear}-${error.maxYear}`
        : error.kind === "no-business-days"
          ? `calendar ${error.calendar} has no business day in the supported years`
          : `calendar query failed: ${error.kind}`,
    );
    this.name = "CalendarRangeError";
  }
}
