/**
 * The range of every count a compiled spec holds, stated once: the checker reports a count outside its range at the
 * number as written (check/counts.ts: E3003 below it or not whole, E3010 above it), the zod schemas of the model
 * (and so the JSON Schema and the loader) accept exactly this range, and the runtime, which only sees loaded specs,
 * can rely on it: no rule waits, averages or lists more than these many days, months or values. Counts are JSON
 * integers in a spec, so every maximum is far inside the safe integer range.
 */
import type { Decimal } from "./numbers/decimal.js";

/** The inclusive range of one count, and what it counts (for messages). */
export interface CountBound {
  readonly min: number;
  readonly max: number;
  /** Why the maximum is what it is, for the diagnostic's note. */
  readonly why: string;
}

/**
 * Business days of one rule: a postponement, a carry-forward's look-back, an averaging period, an option's expiry
 * before its underlying. A year and a day covers every real clause (ISDA's "maximum days of disruption" is eight)
 * and keeps each rule's walk over the calendar short.
 */
const BUSINESS_DAYS: CountBound = { min: 1, max: 366, why: "a rule counts at most 366 business days (about a year and a half)" };
/** Things counted by the thousand at most: contracts of a position limit, sources, trades, intervals. */
const MANY = 1_000_000;

/** Every count of the language and of the model, by where it stands. */
export const COUNT_BOUNDS = {
  /** `listing N consecutive months|weeks`. */
  listedPeriods: { min: 1, max: 240, why: "a listing covers at most 240 periods (20 years of months)" },
  /** `plus the next N in December`. */
  listedMonths: { min: 1, max: 120, why: "a listing adds at most 120 months" },
  /** `when the December contract expires, June, December N years later`. */
  listingYearsLater: { min: 1, max: 10, why: "an expiry lists contracts at most 10 years later" },
  /** `position limit N contracts`. */
  positionLimit: { min: 1, max: MANY, why: "a position limit is at most 1,000,000 contracts" },
  /** `postpone up to N business days`. */
  postponementDays: BUSINESS_DAYS,
  /** `carry forward …, flagged if published within N business days`. */
  carryForwardDays: BUSINESS_DAYS,
  /** `the average of INDEX … over the last N business days`. */
  averagingDays: BUSINESS_DAYS,
  /** An option's `expiry N business days before the underlying`. */
  expiryDaysBefore: BUSINESS_DAYS,
  /** `N business days before|after` in a date rule (0: no shift). */
  dateShiftDays: { min: 0, max: 366, why: "a date rule shifts by at most 366 business days" },
  /** A spread leg's `N months later` as written (a leg that names none is in the spread's month: 0 in a spec). */
  legMonthsLater: { min: 1, max: 120, why: "a leg is at most 120 months after the spread's month" },
  /** `leg prices from the prior daily settlement price of leg N`: the anchor leg's place among the legs. */
  legPricingLeg: { min: 1, max: 1000, why: "a spread's legs are numbered from 1 in the order they are written" },
  /** `partition into N intervals`. */
  intervals: { min: 1, max: MANY, why: "a window is divided into at most 1,000,000 intervals" },
  /** `minimum sources N`, and the source counts of degradation rules. */
  sources: { min: 1, max: MANY, why: "an index counts at most 1,000,000 sources" },
  /** `minimum trades N [per interval]`. */
  trades: { min: 1, max: MANY, why: "a minimum of trades is at most 1,000,000" },
  /** `minimum counterparties N`. */
  counterparties: { min: 1, max: MANY, why: "a minimum of counterparties is at most 1,000,000" },
  /** `payment N business days after the final settlement day`. */
  paymentDays: { min: 1, max: 30, why: "a payment is at most 30 business days after the day it is counted from" },
  /** `trimmed-mean, dropping N highest and M lowest`. */
  trimmed: { min: 0, max: 1000, why: "a trimmed mean drops at most 1,000 values at each end" },
  /** `exclude the day from the average, minimum N days`. */
  averageMinimumDays: BUSINESS_DAYS,
  /** `strikes listed every … in the nearest N months`. */
  strikeListingMonths: { min: 1, max: 1000, why: "a strike listing tier applies to the nearest 1 to 1,000 listed months" },
  /** A daily VWAP step's `if more than N trades` (0: at least one trade, as without the condition). */
  dailyTradesMoreThan: { min: 0, max: MANY, why: "a daily step's condition counts at most 1,000,000 trades" },
  /** A fallback step's deadline, `within N business days` (0: the day the value is for). */
  fallbackDeadlineDays: { min: 0, max: 366, why: "a fallback step's deadline is at most 366 business days after the day" },
  /** `poll N dealers` and its `minimum M quotes`. */
  dealers: { min: 1, max: 1000, why: "a dealer poll asks at most 1,000 dealers" },
  /** A dealer poll's `dropping N highest and M lowest`. */
  droppedQuotes: { min: 0, max: 1000, why: "a dealer poll drops at most 1,000 quotes at each end" },
} as const satisfies Record<string, CountBound>;

/** The days of a year a daily carry step divides the days to expiration by (`per 365 days`). */
export const DAYS_IN_YEAR = [360, 365] as const;

/** What is wrong with a count: not a whole number, below its minimum, above its maximum. */
export type CountProblem = "not-whole" | "below" | "above";

/** The problem of a count against its range, or undefined when it is in range. */
export function countProblem(value: Decimal, bound: CountBound): CountProblem | undefined {
  if (!value.isInteger()) return "not-whole";
  // Compared as decimals: a count of 10^30 written in a source never becomes an imprecise JS number.
  const text = value.normalize().toString();
  const n = text.length <= 15 ? Number(text) : value.isNegative() ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (n < bound.min) return "below";
  if (n > bound.max) return "above";
  return undefined;
}

/** Whether a JSON number read from a spec is a count in range. */
export function isCountIn(n: number, bound: CountBound): boolean {
  return Number.isSafeInteger(n) && n >= bound.min && n <= bound.max;
}
