/**
 * The plain-JSON model of business-day calendars that the compiler produces from the language and
 * the runtime engine consumes: calendars, holiday rules, observance, and a resolver that looks
 * calendars up by name for `basedOn` and `joint` references (with cycle detection as an error value).
 * Only strings, numbers, booleans, arrays and objects appear, every union is discriminated by `kind`,
 * and dates are ISO "YYYY-MM-DD" strings, so the zod schemas in `model/` can mirror these types 1:1.
 */
import { fail, ok, type CalendarResult } from "./errors.js";

/** A month-and-day date repeating every year, e.g. 25 December; 29 February occurs only in leap years. */
export interface FixedDate {
  readonly kind: "fixed";
  /** 1–12. */
  readonly month: number;
  /** 1–31, valid for the month. */
  readonly day: number;
}

/** The n-th weekday of a month, e.g. the 3rd Monday (weekday 1) of January. */
export interface NthWeekdayDate {
  readonly kind: "nthWeekday";
  /** 1–5; a year whose month has no 5th such weekday has no occurrence. */
  readonly n: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly month: number;
}

/** The last given weekday of a month, e.g. the last Monday of May. */
export interface LastWeekdayDate {
  readonly kind: "lastWeekday";
  readonly weekday: number;
  readonly month: number;
}

/** A day relative to Gregorian Easter Sunday: Good Friday is -2, Easter Monday +1. */
export interface EasterDate {
  readonly kind: "easter";
  readonly offsetDays: number;
}

/** Explicit dates, e.g. unscheduled closures; each date counts in its own year for from/until filters. */
export interface OneOffDates {
  readonly kind: "oneOff";
  /** ISO "YYYY-MM-DD". */
  readonly dates: readonly string[];
}

/** When a holiday happens, before observance moves it. */
export type HolidayDate = FixedDate | NthWeekdayDate | LastWeekdayDate | EasterDate | OneOffDates;

/** The holiday is observed on its date, even on a weekend. */
export interface NoObservance {
  readonly kind: "none";
}

/**
 * A holiday on a Saturday or Sunday is observed on an adjacent weekday (US style).
 * Omitted fields default to the common rule: Saturday → Friday, Sunday → Monday.
 * "none" keeps the date (e.g. NYSE New Year's Day on a Saturday is not moved).
 */
export interface ShiftObservance {
  readonly kind: "shift";
  readonly saturday?: "friday" | "monday" | "none";
  readonly sunday?: "monday" | "friday" | "none";
}

/**
 * A holiday on a weekend day (of this calendar) is observed on the next weekday that is neither a
 * weekend day nor already a holiday (UK substitute days). Holidays that fall on weekdays stay put and
 * are placed first; weekend ones are then moved in date order, so Christmas on Saturday and Boxing Day
 * on Sunday give Monday 27 and Tuesday 28, and Christmas on Sunday 2022 gives Tuesday 27 (Monday 26 is
 * Boxing Day).
 */
export interface SubstituteObservance {
  readonly kind: "substitute";
}

/** How a holiday falling on a weekend is observed. */
export type Observance = NoObservance | ShiftObservance | SubstituteObservance;

/** One named holiday rule of a calendar. */
export interface HolidayRule {
  readonly name: string;
  readonly date: HolidayDate;
  /** Defaults to `{ kind: "none" }`. */
  readonly observance?: Observance;
  /** First year (inclusive) the rule applies, by the year of the unobserved date. */
  readonly fromYear?: number;
  /** Last year (inclusive) the rule applies, by the year of the unobserved date. */
  readonly untilYear?: number;
  /** Years in which the rule does not apply (e.g. a bank holiday moved for a jubilee). */
  readonly exceptYears?: readonly number[];
}

/** How a joint calendar combines its members. */
export type JointMode = "all" | "any";

/**
 * A combination of other calendars: in "all" mode a day is a business day when it is one in every
 * member ("a business day in both London and New York"); in "any" mode when it is one in at least one.
 */
export interface JointCalendars {
  readonly mode: JointMode;
  readonly calendars: readonly string[];
}

/**
 * A named business-day calendar. A day is a business day when it is not a `weekend` day, not one of
 * the (observed) `holidays`, not a holiday of any `basedOn` calendar (their holiday dates as computed
 * in those calendars, not their weekends), and, when `joint` is present, a business day of the joint
 * combination. A pure joint calendar therefore has `weekend: []` and `holidays: []`.
 */
export interface Calendar {
  readonly name: string;
  /** IANA time-zone name, e.g. "America/New_York". */
  readonly timeZone: string;
  /** ISO weekdays that are never business days, usually [6, 7]. */
  readonly weekend: readonly number[];
  readonly holidays: readonly HolidayRule[];
  /** Calendars whose holidays are added to this one's. */
  readonly basedOn?: readonly string[];
  readonly joint?: JointCalendars;
}

/** Looks a calendar up by name; undefined when there is none. */
export type CalendarResolver = (name: string) => Calendar | undefined;

/** A resolver over a fixed list of calendars (later entries with the same name win). */
export function resolverFromList(calendars: readonly Calendar[]): CalendarResolver {
  const byName = new Map<string, Calendar>();
  for (const c of calendars) byName.set(c.name, c);
  return (name) => byName.get(name);
}

/** The names a calendar refers to, in declaration order: `basedOn` first, then `joint` members. */
export function calendarReferences(cal: Calendar): readonly string[] {
  return [...(cal.basedOn ?? []), ...(cal.joint?.calendars ?? [])];
}

/**
 * Resolves every calendar `root` depends on, transitively. Returns them dependencies-first with
 * `root` last, or an `unknown-calendar` error, or a `calendar-cycle` error whose `cycle` lists the
 * names along the loop with the first name repeated at the end (e.g. ["A", "B", "A"]).
 */
export function resolveDependencies(root: Calendar, resolve: CalendarResolver): CalendarResult<readonly Calendar[]> {
  const order: Calendar[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();

  const visit = (cal: Calendar): CalendarResult<true> => {
    if (done.has(cal.name)) return ok(true);
    if (onStack.has(cal.name)) {
      return fail({ kind: "calendar-cycle", cycle: [...stack.slice(stack.indexOf(cal.name)), cal.name] });
    }
    stack.push(cal.name);
    onStack.add(cal.name);
    for (const ref of calendarReferences(cal)) {
      const target = ref === root.name ? root : resolve(ref);
      if (!target) return fail({ kind: "unknown-calendar", name: ref, referencedBy: cal.name });
      const r = visit(target);
      if (!r.ok) return r;
    }
    stack.pop();
    onStack.delete(cal.name);
    done.add(cal.name);
    order.push(cal);
    return ok(true);
  };

  const r = visit(root);
  return r.ok ? ok(order) : r;
}
