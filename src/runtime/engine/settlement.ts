/**
 * Final settlement, option payoffs, variation margin and the fallback waterfall. Index values come through a
 * {@link FixingLookup} (backed by published fixings or by {@link computeIndex}), so settlement never reads data
 * itself. A final settlement takes the index at a time on the last trading day, or the mean over declared days
 * (every business day of the contract month, or the last N business days up to the last trading day, counted with
 * the runtime calendar engine), then rounds once as the contract declares. Each index value needed goes through
 * the waterfall: postponement by business days, an alternate index, the last value carried forward (flagged), and
 * determination by a party; the result says which level produced the value and why every level above failed.
 * It reads the compiled spec as runtime/spec.ts describes it; nothing is imported from the compiler.
 */
import { Decimal, type RoundingMode } from "../numbers/decimal.js";
import {
  CalendarRangeError,
  type CalendarEngine,
  formatIsoDate,
  lastDayOfMonth,
  firstDayOfMonth,
  localToInstant,
  parseIsoDate,
} from "../calendar/index.js";
import { Ratio } from "../numbers/ratio.js";
import { type IndexResult, type TickTable, computeIndex, tickAt } from "./index-computation.js";
import type { DisruptionKind, Fallback, FallbackAction, FinalSettlement, Index, Rounding, SettlementValue } from "../spec.js";
import { inForce, valueOn } from "../versions.js";
import type { Observations } from "../market-data/index.js";
import type { DealerQuote } from "../market-data/dealer-quotes.js";
import { dealerPoll, determinationProblem, negotiated, type StatedValue } from "./disruption-fallbacks.js";

/** An index value for a date, or the disruption that prevented it. */
export type IndexLookup =
  | {
      readonly ok: true;
      readonly value: Decimal;
      readonly date: string;
      /** The value is published flagged (issue 15), with the flags the methodology names, if any; absent: not flagged. */
      readonly flags?: readonly string[];
    }
  | { readonly ok: false; readonly disruption: DisruptionKind; readonly message: string };

/** Where settlement gets index values from. */
export interface FixingLookup {
  /**
   * The value of an index fixed on a date; with `by` (epoch milliseconds), as published by that instant (a contract's
   * `not-published by` deadline). A lookup that knows no publication times ignores `by`.
   */
  value(index: string, date: string, by?: number): IndexLookup;
  /** The last value of an index published strictly before a date, if any. */
  lastBefore(index: string, date: string): { readonly value: Decimal; readonly date: string } | undefined;
}

/**
 * `disruption if flagged` (issue 15): when the contract declares it, in force on the date, a value the index
 * publishes flagged is a disruption and the waterfall takes over; otherwise the value is used and the settlement
 * carries its flag.
 */
function flaggedAsDisruption(lookup: FixingLookup, fallback: Fallback | undefined, date: string): FixingLookup {
  if (fallback?.disruptions?.some((x) => x.condition === "flagged" && inForce(x, date)) !== true) return lookup;
  return {
    value(index, day, by) {
      const r = lookup.value(index, day, by);
      if (!r.ok || r.flags === undefined) return r;
      return {
        ok: false,
        disruption: "flagged",
        message: `${index} on ${day} is published flagged${flagText(r).replace(/^, flagged/, "")}`,
      };
    },
    lastBefore: (index, day) => lookup.lastBefore(index, day),
  };
}

/** A flagged value's flags as text (`, flagged "*"`), or nothing. */
function flagText(r: { readonly flags?: readonly string[] }): string {
  if (r.flags === undefined) return "";
  return `, flagged${r.flags.map((f) => ` ${JSON.stringify(f)}`).join(",")}`;
}

/** The flag members of a waterfall value from a lookup's value. */
function flagsOf(r: { readonly flags?: readonly string[] }): { readonly flagged: boolean; readonly flags?: readonly string[] } {
  return r.flags === undefined ? { flagged: false } : { flagged: true, flags: r.flags };
}

/** The instant (epoch ms) by which an index must be published for a date, from a `not-published by` deadline. */
function deadlineOf(fallback: Fallback | undefined, date: string): number | undefined {
  const d = fallback?.disruptions?.find((x) => x.condition === "not-published" && x.deadline !== null && inForce(x, date))?.deadline;
  const day = parseIsoDate(date);
  if (d == null || day === undefined) return undefined;
  const r = localToInstant(day, d.time, d.zone);
  return r.ok ? r.value : undefined;
}

/** One level tried, with what happened. */
export interface LevelAttempt {
  /** 0 is the primary source, 1 the first fallback step, … */
  readonly level: number;
  readonly action: string;
  readonly outcome: "value" | "failed" | "not-applicable" | "determination" | "excluded";
  readonly reason: string;
}

/** The outcome of the waterfall for one index value. */
export type WaterfallResult =
  | {
      readonly kind: "value";
      readonly value: Decimal;
      readonly date: string;
      readonly index: string;
      readonly level: number;
      readonly flagged: boolean;
      /** The flags of an index value published flagged (issue 15); absent when it is not. */
      readonly flags?: readonly string[];
      readonly attempts: readonly LevelAttempt[];
    }
  | {
      readonly kind: "determination";
      readonly party: "exchange" | "calculation-agent";
      readonly value: Decimal | null;
      /** Why the determination cannot be used (out of its deadline), when it cannot. */
      readonly problem?: string;
      readonly level: number;
      readonly attempts: readonly LevelAttempt[];
    }
  | {
      readonly kind: "excluded";
      /** The step that left the day out, and the fewest days the average may keep. */
      readonly level: number;
      readonly minimumDays: number;
      readonly attempts: readonly LevelAttempt[];
    }
  | { readonly kind: "unresolved"; readonly attempts: readonly LevelAttempt[] };

/** Options of the waterfall: calendar engines by name and an optional determined value. */
export interface WaterfallOptions {
  readonly engines: (name: string) => CalendarEngine | undefined;
  /** The value a party determined, when one has been. */
  readonly determined?: Decimal;
  /** The day the party determined it (YYYY-MM-DD), which a determination step's deadline judges. */
  readonly determinedOn?: string;
  /** The value the parties agreed in a negotiated fallback, with the day they agreed it. */
  readonly negotiated?: StatedValue;
  /** Reference dealers' quotes, for a dealer poll. */
  readonly dealerQuotes?: readonly DealerQuote[];
  /** The contract's tick table, for a dealer poll rounded to the tick. */
  readonly tick?: TickTable;
  /**
   * The index methodologies by name: a carried-forward value's age is counted on the publication calendar of its
   * index unless the step names a calendar (`on CAL`).
   */
  readonly indices?: (name: string) => Index | undefined;
  /**
   * Whether the value is one day of an average, which `exclude the day from the average` may leave out; with a
   * string, why it may not this time (too few days would remain), so that step fails and the next one applies.
   */
  readonly averaging?: true | string;
}

/** How many postponed days a failed postponement lists by date in its certificate; the others are counted. */
const MAX_POSTPONED_DAYS_LISTED = 20;

function describeAction(a: FallbackAction): string {
  switch (a.kind) {
    case "postpone":
      return `postpone up to ${a.businessDays} business day(s) on ${a.calendar}`;
    case "alternate-index":
      return `alternate index ${a.index}`;
    case "carry-forward":
      return `carry forward the last published value${a.withinBusinessDays === null ? "" : ` within ${a.withinBusinessDays} business day(s)${a.calendar === undefined ? "" : ` on ${a.calendar}`}`}${a.flagged ? ", flagged" : ""}`;
    case "determination":
      return `determination by the ${a.party}${a.deadline === undefined ? "" : ` within ${a.deadline.businessDays} business day(s) on ${a.deadline.calendar}`}`;
    case "dealer-poll":
      return `poll of ${a.dealers} dealers, minimum ${a.minimumQuotes} quotes${a.dropHighest + a.dropLowest === 0 ? "" : `, dropping ${a.dropHighest} highest and ${a.dropLowest} lowest`}, within ${a.deadline.businessDays} business day(s) on ${a.deadline.calendar}`;
    case "negotiated":
      return `negotiated fallback within ${a.deadline.businessDays} business day(s) on ${a.deadline.calendar}`;
    case "exclude-day":
      return `leave the day out of the average, minimum ${a.minimumDays} day(s)`;
  }
}

/**
 * Runs the primary lookup and then the fallback steps in order; a step restricted to some disruptions is skipped
 * (not applicable) for others. The first level that produces a value wins; determination always ends it.
 */
export function runWaterfall(
  index: string,
  date: string,
  lookup: FixingLookup,
  fallback: Fallback | undefined,
  options: WaterfallOptions,
): WaterfallResult {
  const attempts: LevelAttempt[] = [];
  lookup = flaggedAsDisruption(lookup, fallback, date);
  const primary = lookup.value(index, date, deadlineOf(fallback, date));
  if (primary.ok) {
    attempts.push({ level: 0, action: `${index} on ${date}`, outcome: "value", reason: `published${flagText(primary)}` });
    return { kind: "value", value: primary.value, date: primary.date, index, level: 0, ...flagsOf(primary), attempts };
  }
  attempts.push({ level: 0, action: `${index} on ${date}`, outcome: "failed", reason: `${primary.disruption}: ${primary.message}` });
  const disruption = primary.disruption;
  let effectiveDate = date;
  const steps = fallback?.steps ?? [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const level = i + 1;
    const action = describeAction(step.action);
    if (!inForce(step, date)) {
      attempts.push({ level, action, outcome: "not-applicable", reason: `not in force on ${date}` });
      continue;
    }
    if (step.only !== null && !step.only.includes(disruption)) {
      attempts.push({
        level,
        action,
        outcome: "not-applicable",
        reason: `applies only to ${step.only.join(", ")}, the disruption is ${disruption}`,
      });
      continue;
    }
    const a = step.action;
    switch (a.kind) {
      case "postpone": {
        const engine = options.engines(a.calendar);
        const day = parseIsoDate(date);
        if (engine === undefined || day === undefined) {
          attempts.push({ level, action, outcome: "failed", reason: `calendar ${a.calendar} is not available` });
          break;
        }
        const reasons: string[] = [];
        let unlisted = 0;
        let stop: string | undefined;
        let found: { value: Decimal; date: string; flags?: readonly string[] } | undefined;
        for (let n = 1; n <= a.businessDays; n++) {
          // A postponement that would run past the calendar's last supported year ends there: a failed step, not a crash.
          let next: number;
          try {
            next = engine.addBusinessDays(day, n);
          } catch (e) {
            if (!(e instanceof CalendarRangeError)) throw e;
            stop = `no business day ${n} of ${a.calendar} after ${date}: ${e.message}`;
            break;
          }
          const d = formatIsoDate(next);
          effectiveDate = d;
          const r = lookup.value(index, d, deadlineOf(fallback, d));
          if (r.ok) {
            found = r;
            break;
          }
          // The certificate names the first days tried and counts the others: a long postponement stays a short line.
          if (reasons.length < MAX_POSTPONED_DAYS_LISTED) reasons.push(`${d}: ${r.disruption}`);
          else unlisted++;
        }
        if (found !== undefined) {
          attempts.push({ level, action, outcome: "value", reason: `published on ${found.date}${flagText(found)}` });
          return { kind: "value", value: found.value, date: found.date, index, level, ...flagsOf(found), attempts };
        }
        if (unlisted > 0) reasons.push(`and ${unlisted} more business day(s) without a value`);
        if (stop !== undefined) reasons.push(stop);
        attempts.push({ level, action, outcome: "failed", reason: reasons.join("; ") });
        break;
      }
      case "alternate-index": {
        const r = lookup.value(a.index, effectiveDate);
        if (r.ok) {
          attempts.push({ level, action, outcome: "value", reason: `${a.index} published on ${r.date}${flagText(r)}` });
          return { kind: "value", value: r.value, date: r.date, index: a.index, level, ...flagsOf(r), attempts };
        }
        attempts.push({ level, action, outcome: "failed", reason: `${a.index} on ${effectiveDate}: ${r.disruption}: ${r.message}` });
        break;
      }
      case "carry-forward": {
        const last = lookup.lastBefore(index, date);
        if (last === undefined) {
          attempts.push({ level, action, outcome: "failed", reason: `no value of ${index} published before ${date}` });
          break;
        }
        if (a.withinBusinessDays !== null) {
          const age = carriedAge(a.calendar, index, last.date, date, options);
          if (typeof age === "string" || age > a.withinBusinessDays) {
            attempts.push({
              level,
              action,
              outcome: "failed",
              reason:
                typeof age === "string"
                  ? `the last value was published on ${last.date}; ${age}`
                  : `the last value was published on ${last.date}, ${age} business day(s) before ${date}`,
            });
            break;
          }
        }
        attempts.push({ level, action, outcome: "value", reason: `carried forward from ${last.date}${a.flagged ? " (flagged)" : ""}` });
        return { kind: "value", value: last.value, date: last.date, index, level, flagged: a.flagged, attempts };
      }
      case "determination": {
        const stated =
          options.determined === undefined
            ? undefined
            : { value: options.determined, ...(options.determinedOn === undefined ? {} : { date: options.determinedOn }) };
        const problem = determinationProblem(a.deadline, date, stated, options.engines);
        attempts.push({
          level,
          action,
          outcome: "determination",
          reason:
            options.determined === undefined
              ? "awaiting the determined value"
              : (problem ??
                `determined ${options.determined.toString()}${options.determinedOn === undefined ? "" : ` on ${options.determinedOn}`}`),
        });
        return {
          kind: "determination",
          party: a.party,
          value: problem === undefined ? (options.determined ?? null) : null,
          ...(problem === undefined ? {} : { problem }),
          level,
          attempts,
        };
      }
      case "dealer-poll":
      case "negotiated": {
        const r =
          a.kind === "negotiated"
            ? negotiated(a, date, options.negotiated, options.engines)
            : dealerPoll(a, index, date, options.dealerQuotes ?? [], options.engines, (mean) =>
                applyRounding(mean, a.rounding, options.tick),
              );
        if (!r.ok) {
          attempts.push({ level, action, outcome: "failed", reason: r.reason });
          break;
        }
        attempts.push({ level, action, outcome: "value", reason: r.reason });
        return { kind: "value", value: r.value, date: r.date, index: r.source, level, flagged: false, attempts };
      }
      case "exclude-day":
        if (options.averaging === undefined) {
          attempts.push({ level, action, outcome: "not-applicable", reason: "the settlement is not an average" });
          break;
        }
        if (options.averaging !== true) {
          attempts.push({ level, action, outcome: "failed", reason: options.averaging });
          break;
        }
        attempts.push({ level, action, outcome: "excluded", reason: `${date} is left out of the average; no value is carried forward` });
        return { kind: "excluded", level, minimumDays: a.minimumDays, attempts };
    }
  }
  return { kind: "unresolved", attempts };
}

/**
 * How many business days a value published on `from` is old on `to`: counted on the step's calendar (`on CAL`), or
 * else on the publication calendar of the index in force on `to` (every calendar day when the index publishes
 * every day); a string says why it cannot be counted.
 */
function carriedAge(calendar: string | undefined, index: string, from: string, to: string, options: WaterfallOptions): number | string {
  const a = parseIsoDate(from),
    b = parseIsoDate(to);
  if (a === undefined || b === undefined) return `the dates ${from} and ${to} cannot be compared`;
  let name = calendar;
  if (name === undefined) {
    const publication = valueOn(options.indices?.(index)?.publication ?? [], to);
    if (publication === undefined) return `no publication calendar of ${index} is in force on ${to} to count business days on`;
    if (publication.calendar === null) return b - a;
    name = publication.calendar;
  }
  const engine = options.engines(name);
  if (engine === undefined) return `calendar ${name} is not available`;
  try {
    return engine.countBusinessDays(a, b);
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    return e.message;
  }
}

/** The result of a final settlement with its explanation. */
export type FinalSettlementResult =
  | {
      readonly ok: true;
      readonly price: Decimal;
      readonly unrounded: string;
      readonly flagged: boolean;
      readonly days: readonly {
        readonly date: string;
        readonly value: string;
        readonly index: string;
        readonly valueDate: string | null;
        readonly level: number;
        readonly flagged: boolean;
        /** The flags of an index value published flagged (issue 15), possibly none named; absent when it is not flagged by the index. */
        readonly flags?: readonly string[];
        readonly attempts: readonly LevelAttempt[];
      }[];
      /** The averaging days left out of the average by the waterfall, with why. */
      readonly excluded: readonly { readonly date: string; readonly level: number; readonly attempts: readonly LevelAttempt[] }[];
      readonly method: string;
    }
  | {
      readonly ok: false;
      readonly kind: "determination-required" | "determination-late" | "unresolved" | "unsupported" | "calendar" | "rounding";
      readonly message: string;
      readonly attempts: readonly LevelAttempt[];
    };

/** The averaging days of an `index-average` rule for a contract month, or why there are none. */
export function averagingDays(
  days: Extract<SettlementValue, { kind: "index-average" }>["days"],
  lastTradingDay: string,
  engine: CalendarEngine,
): string[] {
  const ltd = parseIsoDate(lastTradingDay)!;
  if (days.kind === "every-business-day") {
    const [y, m] = lastTradingDay.split("-").map(Number) as [number, number];
    return engine.businessDaysBetween(firstDayOfMonth(y, m), lastDayOfMonth(y, m) + 1).map(formatIsoDate);
  }
  const out: string[] = [];
  let d = engine.isBusinessDay(ltd) ? ltd : engine.addBusinessDays(ltd, -1);
  for (let i = 0; i < days.count; i++) {
    out.unshift(formatIsoDate(d));
    d = engine.addBusinessDays(d, -1);
  }
  return out;
}

/** Rounds an exact value as a rounding rule declares (the tick table is the contract's, given by the caller). */
export function applyRounding(value: Ratio, rounding: Rounding, tick: TickTable | undefined, reference?: Decimal): Decimal | string {
  try {
    if (rounding.kind === "unrounded") return value.toDecimal() ?? `${value.toString()} does not terminate and the rule says unrounded`;
    const inc =
      rounding.kind === "increment"
        ? Decimal.of(rounding.increment)
        : tick === undefined
          ? "the rule rounds to the tick and no tick was given"
          : tickAt(tick, value);
    if (typeof inc === "string") return inc;
    return value.roundToIncrement(inc, rounding.mode as RoundingMode, reference === undefined ? undefined : Ratio.fromDecimal(reference));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Computes a future's final settlement price for the given last trading day. */
export function finalSettlement(
  rule: FinalSettlement,
  lastTradingDay: string,
  lookup: FixingLookup,
  fallback: Fallback | undefined,
  options: WaterfallOptions & { readonly tick?: TickTable; readonly previous?: Decimal },
): FinalSettlementResult {
  const v = rule.value;
  if (v.kind === "underlying-final" || v.kind === "leg-by-leg" || v.kind === "future-vwap")
    return { ok: false, kind: "unsupported", message: `${v.kind} is settled through the underlying contract or legs`, attempts: [] };
  let dates: string[];
  let method: string;
  if (v.kind === "index-at") {
    dates = [lastTradingDay];
    method = `${v.index} at ${v.at.time} ${v.at.zone} on the last trading day ${lastTradingDay}`;
  } else {
    const engine = options.engines(v.days.calendar);
    if (engine === undefined) return { ok: false, kind: "calendar", message: `calendar ${v.days.calendar} is not available`, attempts: [] };
    dates = averagingDays(v.days, lastTradingDay, engine);
    method = `mean of ${v.index} at ${v.at.time} ${v.at.zone} over ${dates.length} day(s): ${v.days.kind === "every-business-day" ? `every business day of the month on ${v.days.calendar}` : `the last ${v.days.count} business days on ${v.days.calendar}`}`;
  }
  const days: Extract<FinalSettlementResult, { ok: true }>["days"][number][] = [];
  const excluded: Extract<FinalSettlementResult, { ok: true }>["excluded"][number][] = [];
  let total = Ratio.ZERO;
  const waterfalls = dates.map((d) =>
    runWaterfall(v.index, d, lookup, fallback, v.kind === "index-average" ? { ...options, averaging: true } : options),
  );
  // A day is left out only while the average keeps at least the step's minimum of days; below it, the day goes on to
  // the step after (the remaining count is taken once, over the first pass, so the outcome does not depend on order).
  const remaining = waterfalls.filter((w) => w.kind !== "excluded").length;
  waterfalls.forEach((w, i) => {
    if (w.kind === "excluded" && remaining < w.minimumDays)
      waterfalls[i] = runWaterfall(v.index, dates[i]!, lookup, fallback, {
        ...options,
        averaging: `only ${remaining} of ${dates.length} day(s) would remain in the average, fewer than the minimum of ${w.minimumDays}`,
      });
  });
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i]!;
    const w = waterfalls[i]!;
    if (w.kind === "excluded") {
      excluded.push({ date: d, level: w.level, attempts: w.attempts });
      continue;
    }
    if (w.kind === "unresolved")
      return {
        ok: false,
        kind: "unresolved",
        message: `no value for ${v.index} on ${d} and the waterfall has no further level`,
        attempts: w.attempts,
      };
    if (w.kind === "determination" && w.value === null)
      return {
        ok: false,
        kind: w.problem === undefined ? "determination-required" : "determination-late",
        message: `${v.index} on ${d}: ${w.problem ?? `the ${w.party} must determine the value`}`,
        attempts: w.attempts,
      };
    const value = w.value!;
    days.push({
      date: d,
      value: value.toString(),
      index: w.kind === "value" ? w.index : `determined by the ${w.party}`,
      valueDate: w.kind === "value" ? w.date : null,
      level: w.level,
      flagged: w.kind === "value" && w.flagged,
      ...(w.kind === "value" && w.flags !== undefined ? { flags: w.flags } : {}),
      attempts: w.attempts,
    });
    total = total.add(Ratio.fromDecimal(value));
  }
  if (days.length === 0)
    return {
      ok: false,
      kind: "unresolved",
      message: `every day of the average was left out`,
      attempts: excluded.flatMap((d) => d.attempts),
    };
  const mean = total.div(Ratio.of(BigInt(days.length)));
  const price = applyRounding(mean, rule.rounding, options.tick, options.previous);
  if (typeof price === "string") return { ok: false, kind: "rounding", message: price, attempts: days.flatMap((d) => d.attempts) };
  if (excluded.length > 0) method += `; ${excluded.length} day(s) left out, the mean is over ${days.length}`;
  return { ok: true, price, unrounded: mean.toString(), flagged: days.some((d) => d.flagged), days, excluded, method };
}

/** An option right. */
export type OptionRight = "call" | "put";

/** The intrinsic value per unit of price: max(S − K, 0) for a call, max(K − S, 0) for a put; never negative. */
export function intrinsicValue(right: OptionRight, settlement: Decimal, strike: Decimal): Decimal {
  const d = right === "call" ? settlement.sub(strike) : strike.sub(settlement);
  return d.isPositive() ? d : Decimal.ZERO;
}

/** The exercise decision and cash payoff of a European option at expiry. */
export interface OptionPayoff {
  readonly exercised: boolean;
  /** Intrinsic value per unit of price. */
  readonly intrinsic: Decimal;
  /** intrinsic × multiplier × quantity when exercised, else 0. */
  readonly payoff: Decimal;
  readonly reason: string;
}

/**
 * Pays a European, cash-settled option: exercised automatically when in the money by at least the threshold
 * (no threshold: whenever in the money); the payoff is intrinsic × multiplier × quantity, never negative for a
 * long position of non-negative quantity.
 */
export function optionPayoff(
  right: OptionRight,
  settlement: Decimal,
  strike: Decimal,
  multiplier: Decimal,
  options: { readonly quantity?: Decimal; readonly threshold?: Decimal } = {},
): OptionPayoff {
  const intrinsic = intrinsicValue(right, settlement, strike);
  const quantity = options.quantity ?? Decimal.ONE;
  const threshold = options.threshold;
  const exercised = intrinsic.isPositive() && (threshold === undefined || intrinsic.gte(threshold));
  const reason = !intrinsic.isPositive()
    ? "out of the money or at the money"
    : exercised
      ? `in the money by ${intrinsic.toString()}${threshold === undefined ? "" : `, at least the threshold ${threshold.toString()}`}`
      : `in the money by ${intrinsic.toString()}, less than the automatic-exercise threshold ${threshold!.toString()}`;
  return { exercised, intrinsic, payoff: exercised ? intrinsic.mul(multiplier).mul(quantity) : Decimal.ZERO, reason };
}

/** Variation margin for a position: (settlement − previous) × multiplier × quantity (quantity negative for short). */
export function variationMargin(settlement: Decimal, previous: Decimal, multiplier: Decimal, quantity: Decimal): Decimal {
  return settlement.sub(previous).mul(multiplier).mul(quantity);
}

/** A lookup over published fixings: the value of an index on a date is its fixing whose date (in the zone of `dateOf`) is that date. */
export function fixingLookup(
  fixings: readonly { readonly index: string; readonly value: Decimal; readonly status: string | null; readonly date: string }[],
): FixingLookup {
  const byKey = new Map<string, { value: Decimal; status: string | null; date: string }>();
  const byIndex = new Map<string, { value: Decimal; date: string }[]>();
  for (const f of fixings) {
    byKey.set(`${f.index}\u0000${f.date}`, f);
    if (f.status !== "held") {
      const list = byIndex.get(f.index) ?? [];
      list.push({ value: f.value, date: f.date });
      byIndex.set(f.index, list);
    }
  }
  for (const list of byIndex.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    value(index, date) {
      const f = byKey.get(`${index}\u0000${date}`);
      if (f === undefined) return { ok: false, disruption: "not-published", message: `no fixing of ${index} on ${date}` };
      if (f.status === "held")
        return { ok: false, disruption: "not-published", message: `the fixing of ${index} on ${date} is held for review` };
      return { ok: true, value: f.value, date, ...(f.status === "flagged" ? { flags: [] } : {}) };
    },
    lastBefore(index, date) {
      const list = byIndex.get(index) ?? [];
      let best: { value: Decimal; date: string } | undefined;
      for (const e of list) if (e.date < date) best = e;
      return best;
    },
  };
}

/**
 * The settlement date: a day plus a lag in calendar days, then adjusted by a business-day convention on a
 * calendar (no engine: no adjustment, every day counts).
 */
export function settlementDate(
  from: string,
  lagDays: number,
  engine: CalendarEngine | undefined,
  convention: "following" | "modified-following" | "preceding" | "modified-preceding" | "unadjusted",
): string {
  const day = parseIsoDate(from);
  if (day === undefined) throw new RangeError(`invalid date ${from}`);
  const shifted = day + lagDays;
  return formatIsoDate(engine === undefined ? shifted : engine.adjust(shifted, convention));
}

/** A future's cash settlement amount: (settlement − trade price) × multiplier × quantity (negative quantity for short). */
export function futureSettlementAmount(settlement: Decimal, tradePrice: Decimal, multiplier: Decimal, quantity: Decimal): Decimal {
  return variationMargin(settlement, tradePrice, multiplier, quantity);
}

/** Options of {@link computedLookup}: the contract's tick table (for an index rounding to the tick) and a callback receiving every computed result with its certificate. */
export interface ComputedLookupOptions {
  readonly tick?: TickTable;
  readonly record?: (index: string, date: string, result: IndexResult) => void;
}

/**
 * A lookup that computes index values from observations with {@link computeIndex}: a failure becomes the
 * disruption a contract declares (too few sources → `too-few-sources`, anything else → `not-published`, and a
 * value held for review is not published). `lastBefore` is answered from previously published fixings, if given.
 */
export function computedLookup(
  indices: (name: string) => Index | undefined,
  observations: (index: string, date: string) => Observations | undefined,
  published?: FixingLookup,
  options: ComputedLookupOptions = {},
): FixingLookup {
  return {
    value(index, date) {
      const methodology = indices(index);
      if (methodology === undefined) return { ok: false, disruption: "ceased", message: `no methodology for ${index}` };
      const obs = observations(index, date);
      if (obs === undefined) return { ok: false, disruption: "not-published", message: `no observations for ${index} on ${date}` };
      const previous = published?.lastBefore(index, date)?.value;
      const r = computeIndex(methodology, obs, {
        date,
        ...(previous !== undefined ? { previous } : {}),
        ...(options.tick !== undefined ? { tick: options.tick } : {}),
      });
      options.record?.(index, date, r);
      if (!r.ok)
        return {
          ok: false,
          disruption: r.failure.kind === "insufficient-sources" ? "too-few-sources" : "not-published",
          message: r.failure.message,
        };
      if (r.status === "held") return { ok: false, disruption: "not-published", message: `${index} on ${date} is held for review` };
      return { ok: true, value: r.value, date, ...(r.status === "flagged" ? { flags: r.flags } : {}) };
    },
    lastBefore(index, date) {
      return published?.lastBefore(index, date);
    },
  };
}
