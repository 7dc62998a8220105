/**
 * The fallback steps that take a value from people rather than from a publication, as the 2005 ISDA Commodity
 * Definitions §7.5(c) list them as Disruption Fallbacks: Fallback Reference Dealers (a dealer poll: "the arithmetic
 * mean of the quotations … without regard to the quotations having the highest and lowest values", and no value
 * below the quorum), Negotiated Fallback (the value the parties agree) and Calculation Agent Determination, each
 * within a deadline counted in business days after the day the value is for. Each says what it produced or why it
 * failed, for the waterfall (settlement.ts) to record as a level of the certificate.
 */
import { CalendarRangeError, type CalendarEngine, formatIsoDate, parseIsoDate } from "../calendar/index.js";
import type { Decimal } from "../numbers/decimal.js";
import { Ratio } from "../numbers/ratio.js";
import type { DealerQuote } from "../market-data/dealer-quotes.js";
import type { FallbackAction, FallbackDeadline } from "../spec.js";

/** A value a party states after a disruption, with the day it was stated. */
export interface StatedValue {
  readonly value: Decimal;
  /** YYYY-MM-DD; absent when the request does not say. */
  readonly date?: string;
}

/** What a step of this file gives: a value (with what to call its source), or why it failed. */
export type StepOutcome =
  | { readonly ok: true; readonly value: Decimal; readonly source: string; readonly date: string; readonly reason: string }
  | { readonly ok: false; readonly reason: string };

/** The last day (YYYY-MM-DD) of a deadline for the value of `date`, or why it cannot be counted. */
export function deadlineDay(
  d: FallbackDeadline,
  date: string,
  engines: (name: string) => CalendarEngine | undefined,
): { readonly ok: true; readonly day: string } | { readonly ok: false; readonly reason: string } {
  const engine = engines(d.calendar);
  const day = parseIsoDate(date);
  if (engine === undefined || day === undefined) return { ok: false, reason: `calendar ${d.calendar} is not available` };
  if (d.businessDays === 0) return { ok: true, day: date };
  try {
    return { ok: true, day: formatIsoDate(engine.addBusinessDays(day, d.businessDays)) };
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    return { ok: false, reason: e.message };
  }
}

/**
 * A dealer poll for `index` on `date`: the quotes given by the deadline (the others are left out and counted), at
 * least the minimum of them, the highest and lowest dropped, the mean of the rest rounded by `round`.
 */
export function dealerPoll(
  a: Extract<FallbackAction, { kind: "dealer-poll" }>,
  index: string,
  date: string,
  quotes: readonly DealerQuote[],
  engines: (name: string) => CalendarEngine | undefined,
  round: (mean: Ratio) => Decimal | string,
): StepOutcome {
  const last = deadlineDay(a.deadline, date, engines);
  if (!last.ok) return last;
  const asked = quotes.filter((q) => q.index === index && q.date === date);
  if (asked.length > a.dealers)
    return { ok: false, reason: `${asked.length} dealers quoted ${index} for ${date}, more than the ${a.dealers} the poll asks` };
  const given = asked.filter((q) => q.given <= last.day);
  const late = asked.length - given.length;
  const lateNote = late === 0 ? "" : `; ${late} quote(s) given after ${last.day} left out`;
  if (given.length < a.minimumQuotes)
    return {
      ok: false,
      reason: `${given.length} of ${a.dealers} dealers quoted by ${last.day}, fewer than the minimum of ${a.minimumQuotes}${lateNote}`,
    };
  const sorted = [...given].sort((x, y) => x.value.cmp(y.value) || (x.dealer < y.dealer ? -1 : x.dealer > y.dealer ? 1 : 0));
  const kept = sorted.slice(a.dropLowest, sorted.length - a.dropHighest);
  const mean = kept.reduce((s, q) => s.add(Ratio.fromDecimal(q.value)), Ratio.ZERO).div(Ratio.of(BigInt(kept.length)));
  const value = round(mean);
  if (typeof value === "string") return { ok: false, reason: `the mean of the quotes cannot be rounded: ${value}` };
  const dropped = sorted.length - kept.length;
  return {
    ok: true,
    value,
    source: `dealer poll of ${index}`,
    // The poll is complete on the day its last quote in time was given: the value is known from then.
    date: given.reduce((d, q) => (q.given > d ? q.given : d), date),
    reason: `mean of ${kept.length} of ${given.length} quote(s) given by ${last.day} (${kept.map((q) => `${q.dealer} ${q.value.toString()}`).join(", ")})${dropped === 0 ? "" : `, ${dropped} dropped (${[...sorted.slice(0, a.dropLowest), ...sorted.slice(sorted.length - a.dropHighest)].map((q) => `${q.dealer} ${q.value.toString()}`).join(", ")})`}: ${mean.toString()} rounded to ${value.toString()}${lateNote}`,
  };
}

/** A negotiated fallback: the value the parties agreed, if they agreed one by the deadline. */
export function negotiated(
  a: Extract<FallbackAction, { kind: "negotiated" }>,
  date: string,
  agreed: StatedValue | undefined,
  engines: (name: string) => CalendarEngine | undefined,
): StepOutcome {
  const last = deadlineDay(a.deadline, date, engines);
  if (!last.ok) return last;
  if (agreed === undefined) return { ok: false, reason: `the parties have agreed no value` };
  if (agreed.date === undefined)
    return { ok: false, reason: `the agreed value states no day, so its deadline ${last.day} cannot be checked` };
  if (agreed.date > last.day) return { ok: false, reason: `agreed on ${agreed.date}, after the deadline ${last.day}` };
  if (agreed.date < date) return { ok: false, reason: `agreed on ${agreed.date}, before the day ${date} it is a value for` };
  return { ok: true, value: agreed.value, source: "negotiated by the parties", date: agreed.date, reason: `agreed on ${agreed.date}` };
}

/**
 * Whether a determination meets its step's deadline: undefined when it does (or the step has none), else why not —
 * a determination is the waterfall's last word, so one out of time is refused rather than replaced.
 */
export function determinationProblem(
  deadline: FallbackDeadline | undefined,
  date: string,
  determined: StatedValue | undefined,
  engines: (name: string) => CalendarEngine | undefined,
): string | undefined {
  if (deadline === undefined || determined === undefined) return undefined;
  const last = deadlineDay(deadline, date, engines);
  if (!last.ok) return last.reason;
  if (determined.date === undefined) return `the determination states no day, so its deadline ${last.day} cannot be checked`;
  if (determined.date > last.day) return `determined on ${determined.date}, after the deadline ${last.day}`;
  if (determined.date < date) return `determined on ${determined.date}, before the day ${date} it is a value for`;
  return undefined;
}
