/**
 * The semantic invariants of a compiled spec, each stated once as a pure function over plain data, shared by
 * the checker (src/check/, which maps each violation to its diagnostic code and span) and by the loader
 * (src/model/validate.ts, which maps it to a JSON pointer): effective ranges and rule versions, percentages,
 * tick tables, price limits, strike grids, contract units that give money, windows and partitions, aggregation
 * methods and their options, degradation rules, fallback waterfalls, spreads, time zones and last trading days
 * evaluated over a fixed horizon. A function returns what is wrong with indices into its input (never a message
 * or a span), so each caller words the problem in its own terms. Imports nothing from check/ or syntax/: the
 * checker builds these inputs from the syntax tree, the loader from the spec's JSON, and both get one answer.
 * docs/spec-format.md lists every invariant ("What a loaded spec guarantees").
 */
import { SIDES } from "../runtime/market-data/record.js";
import { isMoney, multiply, type Unit } from "../base/units.js";
import {
  canonicalTimeZone,
  evaluateDateRule,
  evaluateWeeklyRule,
  formatIsoDate,
  fromCivil,
  isValidTimeZone,
  shiftMonth,
  toCivil,
  weekdayOf,
  type CalendarEngine,
  type CalendarError,
  type CalendarResult,
  type DateRule,
  type EngineSource,
  type EpochDay,
  type WeeklyDateRule,
} from "../runtime/calendar/index.js";
/** `when not a business day on …` (E4350/E4351; the loader's problem): defined with the runtime's date rules. */
export { TRIGGER_PROBLEMS, triggerProblem, type TriggerProblem } from "../runtime/calendar/index.js";
import { Decimal } from "../runtime/numbers/decimal.js";
import { COUNT_BOUNDS } from "../runtime/bounds.js";
import type { EffectiveRange, LegPricing } from "../runtime/spec.js";
import { legAnchorIndex } from "../runtime/functions/leg-anchor.js";
import { selfSelectedDay, versionIndexOn } from "../runtime/versions.js";

// ---------------------------------------------------------------------------------------------------------
// Effective ranges and versions

/** Inclusive effective bounds as ISO dates (which compare correctly as strings); null is unbounded: the runtime's. */
export type RangeValue = EffectiveRange;

/** A range that ends before it starts (E4009): it contains no date. */
export function rangeEndsBeforeStart(r: RangeValue): boolean {
  return r.from !== null && r.until !== null && r.from > r.until;
}

/** Whether two ranges share a date (bounds inclusive; an empty, inverted range shares none). */
export function rangesOverlap(a: RangeValue, b: RangeValue): boolean {
  if (rangeEndsBeforeStart(a) || rangeEndsBeforeStart(b)) return false;
  const aStartsBeforeBEnds = a.from === null || b.until === null || a.from <= b.until;
  const bStartsBeforeAEnds = b.from === null || a.until === null || b.from <= a.until;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

/** Two versions of one rule in force on a common date: indices of the versions and of their ranges. */
export interface VersionOverlap {
  readonly later: number;
  readonly laterRange: number;
  readonly earlier: number;
  readonly earlierRange: number;
}

/**
 * Versions of one rule are never in force on the same date (E4008). For each version in order, the first earlier
 * version sharing a date with it (earlier versions in order, then their ranges, then the version's own ranges).
 * `exempt(earlier, later)` leaves a pair out (the checker: two clauses without ranges are duplicates, E2008).
 */
export function overlappingVersions(
  versions: readonly { readonly effective: readonly RangeValue[] }[],
  exempt?: (earlier: number, later: number) => boolean,
): VersionOverlap[] {
  const out: VersionOverlap[] = [];
  versions.forEach((v, later) => {
    search: for (let earlier = 0; earlier < later; earlier++) {
      if (exempt?.(earlier, later) === true) continue;
      const theirs = versions[earlier]!.effective;
      for (let earlierRange = 0; earlierRange < theirs.length; earlierRange++) {
        for (let laterRange = 0; laterRange < v.effective.length; laterRange++) {
          if (rangesOverlap(v.effective[laterRange]!, theirs[earlierRange]!)) {
            out.push({ later, laterRange, earlier, earlierRange });
            break search;
          }
        }
      }
    }
  });
  return out;
}

/** The order of versions in a compiled spec: by the start of their first range, unbounded first. */
export function compareVersionStarts(a: RangeValue, b: RangeValue): number {
  if (a.from === b.from) return 0;
  if (a.from === null) return -1;
  if (b.from === null) return 1;
  return a.from < b.from ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------------------
// Names

/** The longest name of a declaration, a source or a blend part: a spec names its file after it (`contracts/FOTI.json`). */
export const MAX_NAME_LENGTH = 64;

/**
 * A name a spec cannot hold (E2026): `__proto__`, which names are keys of JSON objects and that key sets an object's
 * prototype in JavaScript instead of adding a member, or a name longer than MAX_NAME_LENGTH.
 */
export function nameProblem(name: string): "prototype-key" | "too-long" | undefined {
  if (name === "__proto__") return "prototype-key";
  if (name.length > MAX_NAME_LENGTH) return "too-long";
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Amounts, counts and percentages

/** Amounts that must be strictly positive (E3003): ticks, contract units, strike grids, weights, durations, … */
export function isPositiveAmount(d: Decimal): boolean {
  return d.isPositive();
}

// Counts (whole numbers in a range) are stated in runtime/bounds.ts, which the loader's schemas read as well.

/** The range a percentage must lie in: above or at least 0%, and at most 100% when `max`. */
export interface PercentRange {
  readonly min: "inclusive" | "exclusive";
  readonly max: boolean;
}

/** The range of each percentage of the language (E3006). */
export const PERCENT_RANGES = {
  /** `price limits 5%, 10% …`. */
  priceLimit: { min: "exclusive", max: true },
  /** `exclude sources deviating more than N% …`. */
  deviation: { min: "exclusive", max: true },
  /** `extreme moves above N% …`. */
  extremeMove: { min: "exclusive", max: false },
  /** `restate same day if change exceeds N%`. */
  restatement: { min: "inclusive", max: false },
  /** `capped-median, capped at N%`. */
  cap: { min: "exclusive", max: true },
  /** `strikes listed every … from N% below …`: at most 100% below (no strike below zero). */
  strikeBelow: { min: "inclusive", max: true },
  /** `… to N% above the prior settlement`. */
  strikeAbove: { min: "inclusive", max: false },
} as const satisfies Record<string, PercentRange>;

const HUNDRED = Decimal.of("100");

/** Whether a percentage (a number of percent) lies in its range. */
export function percentInRange(v: Decimal, range: PercentRange): boolean {
  const tooLow = range.min === "exclusive" ? !v.isPositive() : v.isNegative();
  return !tooLow && !(range.max && v.gt(HUNDRED));
}

/** The range in words, for messages: "above 0% and at most 100%". */
export function percentRangeText(range: PercentRange): string {
  return `${range.min === "exclusive" ? "above 0%" : "at least 0%"}${range.max ? " and at most 100%" : ""}`;
}

// ---------------------------------------------------------------------------------------------------------
// Tick tables

/** A tier as the invariant reads it: its tick (undefined when unknown) and its bound. */
export interface TierValue {
  readonly tick: Decimal | undefined;
  readonly bound: { readonly relation: "at-or-below" | "above"; readonly price: Decimal | undefined } | undefined;
}

/** What is wrong with a tick table (E3008); `tier` and `previous` are indices. */
export type TierProblem =
  | { readonly kind: "unbounded-before-last"; readonly tier: number }
  | { readonly kind: "open-before-last"; readonly tier: number }
  | { readonly kind: "not-ascending"; readonly tier: number; readonly previous: number }
  | { readonly kind: "bound-off-coarser-tick"; readonly tier: number; readonly coarser: Decimal }
  | { readonly kind: "last-not-open"; readonly tier: number; readonly previous: number | undefined }
  | { readonly kind: "single-above"; readonly tier: number }
  | { readonly kind: "gap" | "overlap"; readonly tier: number; readonly previous: number };

/**
 * A tick table: every tier but the last is bounded `at or below B`, with B strictly ascending; the last is open
 * (no bound, or `above` the previous bound); a bound sits on the coarser of the two ticks it separates. The first
 * problem, or undefined; an unknown value (undefined) ends the check without a problem.
 */
export function tickTierProblem(tiers: readonly TierValue[]): TierProblem | undefined {
  let previous: { bound: Decimal; tier: number } | undefined;
  for (let i = 0; i < tiers.length; i++) {
    const b = tiers[i]!.bound;
    if (i < tiers.length - 1) {
      if (b === undefined) return { kind: "unbounded-before-last", tier: i };
      if (b.relation === "above") return { kind: "open-before-last", tier: i };
      if (b.price === undefined) return undefined;
      if (previous !== undefined && !b.price.gt(previous.bound)) return { kind: "not-ascending", tier: i, previous: previous.tier };
      const here = tiers[i]!.tick;
      const next = tiers[i + 1]!.tick;
      if (here !== undefined && next !== undefined) {
        const coarser = here.gt(next) ? here : next;
        if (!b.price.isMultipleOf(coarser)) return { kind: "bound-off-coarser-tick", tier: i, coarser };
      }
      previous = { bound: b.price, tier: i };
      continue;
    }
    if (b === undefined) return undefined;
    if (b.relation === "at-or-below") return { kind: "last-not-open", tier: i, previous: previous?.tier };
    if (b.price === undefined) return undefined;
    if (previous === undefined) return { kind: "single-above", tier: i };
    if (!b.price.eq(previous.bound)) return { kind: b.price.gt(previous.bound) ? "gap" : "overlap", tier: i, previous: previous.tier };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Price limits and strike grids

/** One price limit: a percentage of the prior settlement, or an amount in the price unit (undefined: unknown). */
export type LimitValue = { readonly kind: "percent"; readonly value: Decimal } | { readonly kind: "amount"; readonly value: Decimal };

/** What is wrong with a list of price limits; indices into the list (and into the ticks). */
export type LimitProblem =
  | { readonly kind: "percent-out-of-range"; readonly limit: number }
  | { readonly kind: "percent-not-ascending" | "amount-not-ascending"; readonly limit: number; readonly previous: number }
  | { readonly kind: "amount-off-tick"; readonly limit: number; readonly tick: number };

/**
 * Price limits (E3006, E3008, E3005): percentages lie in (0, 100] and ascend; amounts ascend and are whole numbers
 * of every tick in their unit (`ticksOf(limit)`, undefined when the ticks are unknown). An unknown limit (undefined)
 * and a limit with a problem are not compared with the next.
 */
export function priceLimitProblems(
  limits: readonly (LimitValue | undefined)[],
  ticksOf: (limit: number) => readonly Decimal[] | undefined,
): LimitProblem[] {
  const out: LimitProblem[] = [];
  let lastPercent: number | undefined;
  let lastAmount: number | undefined;
  limits.forEach((l, i) => {
    if (l === undefined) return;
    if (l.kind === "percent") {
      if (!percentInRange(l.value, PERCENT_RANGES.priceLimit)) out.push({ kind: "percent-out-of-range", limit: i });
      else if (lastPercent !== undefined && !l.value.gt((limits[lastPercent] as LimitValue).value))
        out.push({ kind: "percent-not-ascending", limit: i, previous: lastPercent });
      else lastPercent = i;
      return;
    }
    if (lastAmount !== undefined && !l.value.gt((limits[lastAmount] as LimitValue).value)) {
      out.push({ kind: "amount-not-ascending", limit: i, previous: lastAmount });
      return;
    }
    lastAmount = i;
    const off = ticksOf(i)?.findIndex((t) => !l.value.isMultipleOf(t)) ?? -1;
    if (off >= 0) out.push({ kind: "amount-off-tick", limit: i, tick: off });
  });
  return out;
}

/** A strike grid is a whole number of every tick of what the option is written on (E3004): the first tick it is not, or undefined. */
export function strikeOffTick(step: Decimal, ticks: readonly Decimal[]): number | undefined {
  const i = ticks.findIndex((t) => !step.isMultipleOf(t));
  return i < 0 ? undefined : i;
}

/**
 * A tier of a strike listing schedule lists strikes on the strike grid (E3290): its interval a whole number of the
 * grid's step (`strikes every`), so every strike it lists is one the option may have.
 */
export function strikeListingOffGrid(interval: Decimal, grid: Decimal): boolean {
  return !interval.isMultipleOf(grid);
}

// ---------------------------------------------------------------------------------------------------------
// Roundings

/**
 * Where a rounding may stand (E2007, E5008): ties toward the prior settlement only in daily settlement, which has
 * one (`daily`); rounding to the tick only where there is a tick to round to (`hasTick`). What is wrong, if anything.
 */
export function roundingProblems(
  r: { readonly mode: string | undefined; readonly toTick: boolean },
  where: { readonly daily: boolean; readonly hasTick: () => boolean },
): ("ties-without-prior" | "no-tick")[] {
  const out: ("ties-without-prior" | "no-tick")[] = [];
  if (r.mode === "half-toward-reference" && !where.daily) out.push("ties-without-prior");
  if (r.toTick && !where.hasTick()) out.push("no-tick");
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Units

/** The value of one tick is tick × contract unit: the price unit times the contract unit must be money (E3007). */
export function contractUnitGivesMoney(price: Unit, contractUnit: Unit): boolean {
  return isMoney(multiply(price, contractUnit));
}

/** Versions of a declaration's quote unit: the index of the first one that differs from the first (E3001), or undefined. */
export function quoteUnitChange<U>(units: readonly U[], same: (a: U, b: U) => boolean): number | undefined {
  const i = units.findIndex((u) => !same(u, units[0]!));
  return i < 0 ? undefined : i;
}

// ---------------------------------------------------------------------------------------------------------
// Windows, partitions and aggregation methods

/** Seconds since midnight of an `HH:MM:SS` (or `HH:MM`) time; undefined when it is not one. */
export function secondsOfDay(value: string): number | undefined {
  const m = /^(\d\d):(\d\d)(?::(\d\d))?$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? "0");
}

/** Seconds in a (nominal) day; a window's `to` may be 24:00, the end of its day. */
export const SECONDS_PER_DAY = 86_400;

/**
 * A window runs from a time to a later time (E4006): its nominal length in seconds (clock changes aside), or
 * undefined when it is empty. A window that starts on the previous day runs across midnight and is at most a day
 * long (E4060): from 23:00 on the previous day to 23:00 is 24 hours.
 */
export function windowLength(from: number, to: number, fromPreviousDay = false): number | undefined {
  if (fromPreviousDay) {
    const len = to + SECONDS_PER_DAY - from;
    return len > 0 && len <= SECONDS_PER_DAY ? len : undefined;
  }
  return from < to ? to - from : undefined;
}

/** Seconds in a unit of clock time. */
export const SECONDS_PER_UNIT: Readonly<Record<"second" | "minute" | "hour" | "day", number>> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
};

/** Partitions divide the window exactly (E4007): count × length = the window's length, in seconds. */
export function partitionDividesWindow(count: Decimal, lengthSeconds: Decimal, windowSeconds: Decimal): boolean {
  return count.mul(lengthSeconds).eq(windowSeconds);
}

/** One piece of a window of several, as the checker and the loader read it. */
export interface WindowPieceValue {
  /** Seconds of the fixing date at its start and end (a piece from the previous day starts 86,400 seconds earlier). */
  readonly from: number;
  readonly to: number;
  readonly fromInclusive: boolean;
  readonly toInclusive: boolean;
  readonly zone: string;
}

/**
 * What is wrong with the pieces of a window of several ("hours ending 0100-0700 and HE 2400"), each of them valid
 * alone: every piece in the first piece's zone (E4190), and each after the previous one ends, sharing no instant
 * (E4191). The index of the first piece at fault, or undefined.
 */
export function windowPiecesProblem(
  pieces: readonly WindowPieceValue[],
): { readonly piece: number; readonly problem: "zone" | "order" } | undefined {
  for (let i = 1; i < pieces.length; i++) {
    const a = pieces[i - 1]!,
      b = pieces[i]!;
    if (b.zone !== pieces[0]!.zone) return { piece: i, problem: "zone" };
    if (b.from < a.to || (b.from === a.to && a.toInclusive && b.fromInclusive)) return { piece: i, problem: "order" };
  }
  return undefined;
}

/** A partition of a window of several pieces (E4007): the intervals cover their total length, and no interval spans two. */
export function partitionDividesPieces(count: Decimal, lengthSeconds: Decimal, pieceSeconds: readonly Decimal[]): boolean {
  const total = pieceSeconds.reduce((a, b) => a.add(b), Decimal.fromInteger(0));
  return (
    partitionDividesWindow(count, lengthSeconds, total) &&
    pieceSeconds.every((p) => {
      const q = p.divExact(lengthSeconds);
      return q !== undefined && q.isInteger();
    })
  );
}

/** Aggregation methods. */
export type AggregationMethodName =
  "median" | "mean" | "vwap" | "vtwap" | "volume-weighted-median" | "trimmed-mean" | "capped-median" | "weighted-mean";

/** The options of an aggregation method (named as the syntax tree names them). */
export type MethodOptionKind = "ExactHalf" | "Trim" | "Cap" | "WeightedBy";

/** The option each method requires, and the options it accepts (E5009; E5005 for the exact-half convention). */
export const METHOD_OPTIONS: Readonly<
  Record<AggregationMethodName, { readonly required?: MethodOptionKind; readonly allowed: readonly MethodOptionKind[] }>
> = {
  median: { allowed: [] },
  mean: { allowed: [] },
  vwap: { allowed: [] },
  vtwap: { allowed: [] },
  "volume-weighted-median": { required: "ExactHalf", allowed: ["ExactHalf"] },
  "trimmed-mean": { required: "Trim", allowed: ["Trim"] },
  "capped-median": { required: "Cap", allowed: ["Cap", "WeightedBy"] },
  "weighted-mean": { required: "WeightedBy", allowed: ["WeightedBy"] },
};

/** A trimmed mean drops a whole number of values at each end (E5009). */
export function isWholeTrim(n: Decimal): boolean {
  return !n.isNegative() && n.isInteger();
}

/** A trimmed mean that drops nothing is a mean (E5009). */
export function trimDropsNothing(highest: Decimal, lowest: Decimal): boolean {
  return highest.isZero() && lowest.isZero();
}

/** A trimmed mean leaves at least one value of the smallest number of sources it applies to (E5009). */
export function trimLeavesValues(dropped: Decimal, sources: Decimal): boolean {
  return dropped.lt(sources);
}

/** Trades are aggregated only in a window, intervals only in a partition (E5012): the missing data, or undefined. */
export function aggregationWithoutData(
  level: "trades" | "intervals" | "sources",
  hasWindow: boolean,
  hasPartition: boolean,
): "window" | "partition" | undefined {
  if (level === "trades" && !hasWindow) return "window";
  if (level === "intervals" && !hasPartition) return "partition";
  return undefined;
}

/**
 * A volume-time-weighted average (`vtwap`) weighs each trade by its volume and by the time its price stood, so it
 * combines trades only (E5280): the values of sources and intervals (and of degradation rules, which combine sources)
 * have no instant of their own. Samples have no volume either, which E5142 reports.
 */
export function timeWeightedBeyondTrades(level: "trades" | "intervals" | "sources", name: AggregationMethodName): boolean {
  return name === "vtwap" && level !== "trades";
}

/**
 * A trade's price stands until the next trade or the end of its period; across the gap between two pieces of a
 * window it would stand in hours the methodology does not observe, so `vtwap` over a window of several pieces needs a
 * partition, whose intervals never span a gap (E5281).
 */
export function timeWeightedAcrossPieces(name: AggregationMethodName, pieces: number, hasPartition: boolean): boolean {
  return name === "vtwap" && pieces > 1 && !hasPartition;
}

/**
 * Trade qualification (`exclude trades with volume below …`, `exclude trades deviating more than …`) judges the trades
 * of a window; without a window a source's value is its latest observation, which a filter would silently replace by
 * none (E5282).
 */
export function tradeQualificationWithoutWindow(hasRule: boolean, hasWindow: boolean): boolean {
  return hasRule && !hasWindow;
}

/**
 * A flag or trade type named by a trade qualification rule (`exclude trades flagged "affiliate"`, `… of type
 * "spread-leg"`) is one word a record's `flags` or `type` column can hold (E2300): letters, digits, `-`, `_`, `.`.
 */
export function isRecordWord(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text);
}

/** The side `exclude trades on the … side` names is one a record's `side` column holds (E2220): `buy` or `sell`. */
export function isTradeSide(word: string): word is "buy" | "sell" {
  return SIDES.includes(word);
}

/**
 * A priority list `chosen per day` is decided on each day of the index's window (E5220): an index without a window
 * takes each source's latest observation, and has no days to choose on.
 */
export function priorityPerDayWithoutWindow(hasPerDay: boolean, hasWindow: boolean): boolean {
  return hasPerDay && !hasWindow;
}

/**
 * `exclude trades reversed within …` is clock time of more than nothing and at most a day (E3300 for business days or
 * more than a day; a non-positive amount is E3003): a reversal is judged against the trade's own time.
 */
export function reversalWindowProblem(d: { readonly amount: string; readonly unit: string }): "business-days" | "too-long" | undefined {
  if (d.unit === "business-days") return "business-days";
  const seconds = { seconds: 1, second: 1, minutes: 60, minute: 60, hours: 3600, hour: 3600, days: 86400, day: 86400 }[d.unit] ?? 0;
  const amount = Decimal.parse(d.amount);
  if (!amount.ok) return undefined;
  return amount.value.mul(Decimal.fromInteger(seconds)).cmp(Decimal.fromInteger(86400)) > 0 ? "too-long" : undefined;
}

/**
 * `flagged below N sources` must be able to flag some value and not every one (E5283): a value is fixed from at least
 * `minimum sources` (one when not stated), so N at or below it flags nothing; N above the sources listed flags all.
 */
export function flagBelowProblem(below: number, minimum: number | undefined, listed: number): "never" | "always" | undefined {
  if (below <= Math.max(minimum ?? 1, 1)) return "never";
  if (listed > 0 && below > listed) return "always";
  return undefined;
}

/** The longest flag a methodology may publish a value with (`flagged "*"`): it is printed next to the value. */
export const MAX_FLAG_LENGTH = 40;

/**
 * A flag an index publishes a value with (`empty intervals skip, flagged "*"`, `carry forward the last published
 * value, flagged "C"`) is printed next to the value (E2210): not empty, at most {@link MAX_FLAG_LENGTH} characters,
 * no space at either end.
 */
export function flagTextProblem(flag: string): "empty" | "too-long" | "spaces" | undefined {
  if (flag.length === 0) return "empty";
  if ([...flag].length > MAX_FLAG_LENGTH) return "too-long";
  if (flag.trim() !== flag) return "spaces";
  return undefined;
}

/**
 * `empty intervals fail, flagged "*"` flags nothing (E5210): with `fail` an empty interval stops the fixing, so no
 * value is fixed with an interval left out.
 */
export function flagOnFailingIntervals(policy: "skip" | "fail" | undefined, flagged: boolean): boolean {
  return flagged && policy === "fail";
}

// ---------------------------------------------------------------------------------------------------------
// Sources and degradation rules

/** An index cannot require more sources than it lists (E5003); an index that lists none leaves them to its administrator. */
export function minimumExceedsSources(minimum: Decimal, listed: number): boolean {
  return listed > 0 && minimum.gt(Decimal.fromInteger(listed));
}

/** A degradation rule's range of source counts: `hi` undefined for `or more`. */
export interface CountRange {
  readonly lo: bigint;
  readonly hi: bigint | undefined;
}

/** What is wrong with the coverage of degradation rules (E5004); indices into the rules. */
export type CoverageProblem =
  | { readonly kind: "overlap"; readonly count: bigint; readonly first: number; readonly second: number }
  | { readonly kind: "gap"; readonly count: bigint; readonly next: number };

/** The coverage of degradation rules: the counts they must cover, the rules in start order, and the first problem. */
export interface Coverage {
  readonly lo: bigint;
  readonly hi: bigint;
  /** Rule indices ordered by their lower bound. */
  readonly order: readonly number[];
  readonly problem: CoverageProblem | undefined;
}

/**
 * Degradation rules cover every count of sources once (E5004): from the minimum number of sources (1 when not
 * given) up to the number of sources listed (when none are, up to the largest count a rule names), without
 * overlap. Each range must start at 1 or more and not be empty (`rangeProblem`). The smallest count covered twice
 * or not at all is the problem; an overlap is preferred when it is not above the gap.
 */
export function degradationCoverage(ranges: readonly CountRange[], minimum: bigint | undefined, listed: number): Coverage {
  const order = ranges.map((_, i) => i).sort((a, b) => (ranges[a]!.lo < ranges[b]!.lo ? -1 : ranges[a]!.lo > ranges[b]!.lo ? 1 : a - b));
  const sorted = order.map((i) => ranges[i]!);
  let overlap: CoverageProblem | undefined;
  let reach: number | undefined;
  for (const i of order) {
    const r = ranges[i]!;
    const reached = reach === undefined ? undefined : ranges[reach]!;
    if (reached !== undefined && (reached.hi === undefined || r.lo <= reached.hi)) {
      overlap = { kind: "overlap", count: r.lo, first: reach!, second: i };
      break;
    }
    if (reached === undefined || (reached.hi !== undefined && (r.hi === undefined || r.hi > reached.hi))) reach = i;
  }
  const lo = minimum !== undefined && minimum >= 1n ? minimum : 1n;
  const hi = listed > 0 ? BigInt(listed) : sorted.reduce((m, r) => ((r.hi ?? r.lo) > m ? (r.hi ?? r.lo) : m), 0n);
  let gap: bigint | undefined;
  let covered = lo;
  for (const r of sorted) {
    if (covered > hi) break;
    if (r.lo > covered) {
      gap = covered;
      break;
    }
    if (r.hi === undefined) {
      covered = hi + 1n;
      break;
    }
    if (r.hi + 1n > covered) covered = r.hi + 1n;
  }
  if (gap === undefined && covered <= hi) gap = covered;
  let problem: CoverageProblem | undefined;
  if (overlap !== undefined && (gap === undefined || overlap.count <= gap)) problem = overlap;
  else if (gap !== undefined) {
    const g = gap;
    problem = { kind: "gap", count: g, next: order.find((i) => ranges[i]!.lo > g) ?? order[order.length - 1]! };
  }
  return { lo, hi, order, problem };
}

/** What is wrong with one degradation range on its own: it starts below 1 source (E3003) or is empty (E5004). */
export function countRangeProblem(r: CountRange): "below-one" | "empty" | undefined {
  if (r.lo < 1n) return "below-one";
  if (r.hi !== undefined && r.hi < r.lo) return "empty";
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Fallback waterfalls

/** Stands for every disruption when a fallback declares none. */
export const ANY_DISRUPTION = "*";

/** A step of a waterfall as the invariant reads it: the disruptions it handles ([] for all) and whether it always gives a value. */
export interface WaterfallStepValue {
  readonly only: readonly string[];
  readonly terminal: boolean;
}

/** How a waterfall ends: per step what it applies to and what is still live there, which step ends each disruption, and what stays open. */
export interface Waterfall {
  /** The declared disruptions, or [ANY_DISRUPTION] when none is declared. */
  readonly universe: readonly string[];
  readonly steps: readonly { readonly applies: readonly string[]; readonly live: readonly string[] }[];
  /** The step that ends each disruption. */
  readonly endedBy: ReadonlyMap<string, number>;
  /** Disruptions left without a definite outcome (E5001). */
  readonly open: readonly string[];
}

/**
 * Walks a waterfall: steps in order, each applying to the disruptions it names (all when none), and only
 * `determined by …` is terminal, since postponing, an alternate index and carrying forward can each fail. Every
 * declared disruption must end in a terminal step (E5001: `open` is empty); a step with nothing live left to
 * handle is unreachable (E5002: its `live` is empty).
 */
export function walkWaterfall(declared: readonly string[], steps: readonly WaterfallStepValue[]): Waterfall {
  const universe = declared.length > 0 ? [...new Set(declared)] : [ANY_DISRUPTION];
  const endedBy = new Map<string, number>();
  const out: { applies: string[]; live: string[] }[] = [];
  steps.forEach((step, index) => {
    const applies = step.only.length === 0 ? universe : universe.filter((k) => step.only.includes(k));
    const live = applies.filter((k) => !endedBy.has(k));
    out.push({ applies, live });
    if (live.length > 0 && step.terminal) for (const k of live) endedBy.set(k, index);
  });
  return { universe, steps: out, endedBy, open: universe.filter((k) => !endedBy.has(k)) };
}

/**
 * What is wrong with a dealer poll (2005 ISDA Commodity Definitions §7.5(c)(i), Fallback Reference Dealers): a
 * minimum of quotes above the dealers polled can never be met ("quorum"); dropping at least as many quotes as the
 * minimum could leave none to average ("drops-all").
 */
export function dealerPollProblem(dealers: number, minimumQuotes: number, dropped: number): "quorum" | "drops-all" | undefined {
  if (minimumQuotes > dealers) return "quorum";
  if (dropped >= minimumQuotes) return "drops-all";
  return undefined;
}

/** A reference a declaration settles through: an index by name, or a contract to follow. */
export type SettlingRef<N> = { readonly kind: "index"; readonly name: string } | { readonly kind: "contract"; readonly node: N };

/**
 * The indices a contract settles on: its own index references and those of the contracts it refers to (underlying
 * futures, legs, underlying final settlements), each with `via`, the index of the contract's own reference that
 * leads to it; every contract is followed once. An alternate index of a fallback must not be one of them (E5007).
 */
export function settlingIndices<N>(
  start: N,
  refs: (node: N) => readonly SettlingRef<N>[],
): { readonly index: string; readonly via: number }[] {
  const out: { index: string; via: number }[] = [];
  const visiting = new Set<N>([start]);
  const walk = (r: SettlingRef<N>, via: number): void => {
    if (r.kind === "index") out.push({ index: r.name, via });
    else if (!visiting.has(r.node)) {
      visiting.add(r.node);
      for (const next of refs(r.node)) walk(next, via);
    }
  };
  refs(start).forEach((r, via) => walk(r, via));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Spreads and time zones

/** A spread of two or more legs is long one leg and short another (E5011). */
export function isOneSided(sides: readonly ("buy" | "sell")[]): boolean {
  return sides.length >= 2 && (!sides.includes("buy") || !sides.includes("sell"));
}

/** A time zone is a known IANA name, spelled in its canonical case (E2010): what is wrong, or undefined. */
export function timeZoneProblem(
  name: string,
): { readonly kind: "unknown" } | { readonly kind: "case"; readonly canonical: string } | undefined {
  if (!isValidTimeZone(name)) return { kind: "unknown" };
  const canonical = canonicalTimeZone(name);
  if (canonical === undefined || canonical === name || canonical.toLowerCase() !== name.toLowerCase()) return undefined;
  return { kind: "case", canonical };
}

// ---------------------------------------------------------------------------------------------------------
// Last trading days

/** The contract months checked: a fixed start (never the clock, so results are deterministic) and 50 years. */
export const EXPIRY_HORIZON = { startYear: 2026, startMonth: 1, years: 50 } as const;

/** A horizon of contract months. */
export interface ExpiryHorizon {
  readonly startYear: number;
  readonly startMonth: number;
  readonly years: number;
}

/** A last trading day rule: monthly (the runtime's date rule) or weekly. */
export type ExpiryRule = { readonly kind: "monthly"; readonly rule: DateRule } | { readonly kind: "weekly"; readonly rule: WeeklyDateRule };

/** The first month (or week) of the horizon where the rule breaks, per kind of break. */
export interface ExpiryProblems {
  /** The day does not exist (E4010 for an nth weekday, E4003 otherwise): `error` says which month lacks it. */
  readonly missing?: { readonly label: string; readonly error: Extract<CalendarError, { kind: "no-such-day" }> };
  /** The day is not a business day of the rule's calendar (E4001). */
  readonly closed?: { readonly label: string; readonly day: EpochDay };
  /** The day falls outside the contract month (or the month before, for a rule anchored there) or week (E4002). */
  readonly outside?: {
    readonly label: string;
    readonly day: EpochDay;
    readonly expected: { readonly year: number; readonly month: number };
  };
  /** The rule cannot be evaluated at all (an invalid rule, a year outside the engine's range): evaluation stopped there. */
  readonly stopped?: { readonly label: string; readonly error: CalendarError };
}

/** The first day of each period of a horizon: its contract months, or its contract weeks (each by its Monday). */
function periodStarts(weekly: boolean, horizon: ExpiryHorizon): EpochDay[] {
  const first = fromCivil(horizon.startYear, horizon.startMonth, 1);
  const months = horizon.years * 12;
  if (!weekly) {
    return Array.from({ length: months }, (_, i) => {
      const { year, month } = shiftMonth(horizon.startYear, horizon.startMonth, i);
      return fromCivil(year, month, 1);
    });
  }
  const endMonth = shiftMonth(horizon.startYear, horizon.startMonth, months);
  const end = fromCivil(endMonth.year, endMonth.month, 1);
  const out: EpochDay[] = [];
  for (let monday = first + ((8 - weekdayOf(first)) % 7); monday < end; monday += 7) out.push(monday);
  return out;
}

/**
 * Which version of a contract's last trading day rule governs each period of the horizon (its contract months, or
 * weeks from the first Monday): the version in force on the period's first day (for a week, its Monday), the first
 * in order when several are, -1 for none; a lone monthly rule governs every month. Computed once for all versions
 * (asking each version for each period would be quadratic in the number of versions).
 */
export function governingVersions(
  versions: readonly { readonly effective: readonly RangeValue[] }[],
  weekly: boolean,
  horizon: ExpiryHorizon = EXPIRY_HORIZON,
): Int32Array {
  // A lone monthly rule governs every month: no period's start is needed (a check of a 1 MB program asks this for
  // every contract, and 600 month starts each cost more than the answer).
  if (!weekly && versions.length === 1) return new Int32Array(horizon.years * 12);
  const starts = periodStarts(weekly, horizon);
  const out = new Int32Array(starts.length);
  starts.forEach((day, i) => {
    out[i] = versionIndexOn(versions, formatIsoDate(day));
  });
  return out;
}

/**
 * The periods each version governs, by version (`[version][k]`, ascending period indices), from
 * {@link governingVersions}' answer: one pass over the periods for all versions.
 */
export function periodsByVersion(governing: Int32Array, versions: number): number[][] {
  const out = Array.from({ length: versions }, (): number[] => []);
  for (let i = 0; i < governing.length; i++) {
    const v = governing[i]!;
    if (v >= 0 && v < versions) out[v]!.push(i);
  }
  return out;
}

/** A contract month as the diagnostics name it: `2026-03`. */
export const ym = (year: number, month: number): string => `${year}-${String(month).padStart(2, "0")}`;

/**
 * A last trading day exists, is a business day of its calendar and lies in the period it belongs to, for every
 * contract month (or week) of the horizon that the version governs (`governed`: the indices of those periods from the
 * horizon's start, ascending, as {@link governingVersions} numbers them and {@link periodsByVersion} lists them, so a
 * rule written 10,000 times visits each period once in all, not once per version). Evaluation stops at the first
 * error other than a missing day. `memo` caches a monthly rule's results by the rule and month index.
 */
export function expiryProblems(
  rule: ExpiryRule,
  governed: readonly number[],
  engine: CalendarEngine,
  horizon: ExpiryHorizon = EXPIRY_HORIZON,
  memo?: Map<string, (CalendarResult<EpochDay> | undefined)[]>,
  others?: (name: string) => CalendarResult<CalendarEngine> | CalendarEngine | undefined,
): ExpiryProblems {
  const months = horizon.years * 12;
  // The rule's calendar is `engine`; a rule's other calendar (`when not a business day on …`) comes from `others`.
  const source: EngineSource = others === undefined ? engine : (name) => (name === engine.name ? engine : others(name));
  const out: {
    missing?: ExpiryProblems["missing"];
    closed?: ExpiryProblems["closed"];
    outside?: ExpiryProblems["outside"];
    stopped?: ExpiryProblems["stopped"];
  } = {};
  if (rule.kind === "monthly") {
    const r = rule.rule;
    const offset = r.monthOffset ?? 0;
    let cache: (CalendarResult<EpochDay> | undefined)[] = [];
    if (memo !== undefined) {
      const key = JSON.stringify(r);
      cache = memo.get(key) ?? [];
      memo.set(key, cache);
    }
    // Months as indices (year × 12 + month − 1), and the labels made only for a problem: this loop runs for every
    // month of the horizon of every last trading day of a program, and allocates nothing when all is well.
    const first = horizon.startYear * 12 + horizon.startMonth - 1;
    const monthStart = (index: number): EpochDay => fromCivil(Math.floor(index / 12), (index % 12) + 1, 1);
    for (let k = 0; k < governed.length && !(out.missing && out.closed && out.outside); k++) {
      const i = governed[k]!;
      if (i >= months) break;
      const year = Math.floor((first + i) / 12);
      const month = ((first + i) % 12) + 1;
      const res = (cache[i] ??= evaluateDateRule(r, year, month, source));
      if (!res.ok) {
        if (res.error.kind !== "no-such-day") return { ...out, stopped: { label: ym(year, month), error: res.error } };
        out.missing ??= { label: ym(year, month), error: res.error };
        continue;
      }
      const day = res.value;
      if (out.closed === undefined && !engine.isBusinessDay(day)) out.closed = { label: ym(year, month), day };
      if (out.outside === undefined && (day < monthStart(first + i + offset) || day >= monthStart(first + i + offset + 1))) {
        out.outside = { label: ym(year, month), day, expected: shiftMonth(year, month, offset) };
      }
    }
    return out;
  }
  const first = fromCivil(horizon.startYear, horizon.startMonth, 1);
  const endMonth = shiftMonth(horizon.startYear, horizon.startMonth, months);
  const end = fromCivil(endMonth.year, endMonth.month, 1);
  const firstMonday = first + ((8 - weekdayOf(first)) % 7);
  for (let k = 0; k < governed.length && !(out.closed && out.outside); k++) {
    const monday = firstMonday + 7 * governed[k]!;
    if (monday >= end) break;
    const label = formatIsoDate(monday);
    const res = evaluateWeeklyRule(rule.rule, monday, engine);
    // `not listed when not a business day`: a week without a contract, as the rule states.
    if (!res.ok && res.error.kind === "no-such-day") continue;
    if (!res.ok) return { ...out, stopped: { label, error: res.error } };
    const day = res.value;
    if (out.closed === undefined && !engine.isBusinessDay(day)) out.closed = { label, day };
    if (out.outside === undefined && (day < monday || day >= monday + 7)) {
      const c = toCivil(monday);
      out.outside = { label, day, expected: { year: c.year, month: c.month } };
    }
  }
  return out;
}

/** A period of the horizon for which no version of the last trading day gives a day inside its own effective dates. */
export interface SelfSelectionGap {
  /** The contract month (`2027-03`) or the Monday of the contract week. */
  readonly label: string;
  /** The search's steps: the date asked, the index of the version in force on it (-1: none), and the day it gave. */
  readonly trail: readonly { readonly asked: string; readonly version: number; readonly day?: string }[];
}

type Step = { readonly asked: string; readonly version: number; readonly day?: string };

/**
 * `rule versions selected by the last trading day` gives every period of the horizon a last trading day (E4270): the
 * search the runtime makes ({@link selfSelectedDay}), from the first day of each period that a version governs,
 * reaches a day on which the version that gives it is in force; the first period where it does not (the runtime's
 * `no-rule`), with the search's steps. A rule that cannot be evaluated (`rule` undefined, an unknown calendar, an
 * error) is left to {@link expiryProblems}; a day on which no version is in force ends the search as a gap.
 */
export function selfSelectionGap(
  versions: readonly { readonly effective: readonly RangeValue[]; readonly rule: ExpiryRule | undefined }[],
  engineOf: (calendar: string) => CalendarEngine | undefined,
  weekly: boolean,
  horizon: ExpiryHorizon = EXPIRY_HORIZON,
): SelfSelectionGap | undefined {
  const governing = governingVersions(versions, weekly, horizon);
  const starts = periodStarts(weekly, horizon);
  for (let i = 0; i < starts.length; i++) {
    if (governing[i]! < 0) continue;
    const start = starts[i]!;
    const trail: Step[] = [];
    const dayOn = (asked: string): Step | "unevaluated" => {
      const version = versionIndexOn(versions, asked);
      if (version < 0) return { asked, version };
      const day = ruleDay(versions[version]!.rule, start, weekly, engineOf);
      if (day === undefined) return "unevaluated";
      const step = { asked, version, day: formatIsoDate(day) };
      trail.push(step);
      return step;
    };
    const found = selfSelectedDay(formatIsoDate(start), dayOn, (r) => (r === "unevaluated" ? undefined : r.day));
    if (found === undefined || (found !== "unevaluated" && found.version < 0)) {
      const c = toCivil(start);
      return { label: weekly ? formatIsoDate(start) : ym(c.year, c.month), trail: found === undefined ? trail : [...trail, found] };
    }
  }
  return undefined;
}

/** The day a last trading day rule gives for the period starting on `start`, or undefined when it cannot say. */
function ruleDay(
  rule: ExpiryRule | undefined,
  start: EpochDay,
  weekly: boolean,
  engineOf: (calendar: string) => CalendarEngine | undefined,
): EpochDay | undefined {
  const engine = rule === undefined ? undefined : engineOf(rule.rule.calendar);
  if (rule === undefined || engine === undefined || (rule.kind === "weekly") !== weekly) return undefined;
  const c = toCivil(start);
  const r = rule.kind === "weekly" ? evaluateWeeklyRule(rule.rule, start, engine) : evaluateDateRule(rule.rule, c.year, c.month, engineOf);
  return r.ok ? r.value : undefined;
}

/**
 * A payment counted from the final settlement day needs a final settlement to count from: true when a contract
 * states a payment anchored there but no final settlement (E5050 in the checker, the loader's same rule).
 */
export function paymentWithoutFinalSettlement(anchor: "final-settlement-day" | "last-trading-day", finalSettlements: number): boolean {
  return anchor === "final-settlement-day" && finalSettlements === 0;
}

/**
 * A weighted capped median averages the capped values by each source's fixed weight (E5070): weights by volume
 * or expenditure would need a volume for a capped value, which no methodology defines.
 */
export function cappedMedianWeightingAllowed(basis: "volume" | "expenditure" | "fixed"): boolean {
  return basis === "fixed";
}

/** A source weight is zero or positive (E3003): a weight of 0 keeps a venue for monitoring without using it. */
export function isSourceWeight(d: Decimal): boolean {
  return !d.isNegative();
}

/**
 * Fixed weights leave something to average (E5071): on some date at least one source has a positive weight.
 * `weights` holds, per source, the weights of its versions (a source without a weight statement weighs 1).
 */
export function someWeightPositive(weights: readonly (readonly Decimal[])[]): boolean {
  return weights.some((versions) => versions.length === 0 || versions.some((w) => w.isPositive()));
}

/**
 * Methods whose value is a quotient by a count or a sum of weights or volumes (W5072): the mean of 100 and 101.3
 * and 101 is 302.3 / 3 = 100.7(6), which no decimal writes, so a value published unrounded may have none. A
 * median (an even count halves) and a volume-weighted median (a price, or half of two) always terminate.
 */
export function methodMayNotTerminate(name: AggregationMethodName): boolean {
  return (
    name === "mean" ||
    name === "vwap" ||
    name === "vtwap" ||
    name === "weighted-mean" ||
    name === "trimmed-mean" ||
    name === "capped-median"
  );
}

// ---------------------------------------------------------------------------------------------------------
// Listing cycles

/** A listing part as the listing invariants read it: its kind, and its period for `consecutive`. */
export interface ListingPartValue {
  readonly kind: "consecutive" | "next-in" | "additional" | "on-expiry" | "listed-at";
  readonly period?: "months" | "weeks";
}

/** What is wrong with a part of a listing cycle. */
export interface ListingProblem {
  readonly part: number;
  /**
   * `additional-first` (E5031): `N additional months in …` with no part before it that lists anything;
   * `month-set-in-weeks` (E5032): a month set in a cycle in weeks, which lists no weekly contract;
   * `listing-time-misplaced`: a listing time (`listed-at`) that is not the one last part after a part that lists
   * (the grammar writes it once, after the cycle, so only a tampered spec has one elsewhere).
   */
  readonly problem: "additional-first" | "month-set-in-weeks" | "listing-time-misplaced";
}

/** The problems of one listing cycle, in part order. */
export function listingProblems(parts: readonly ListingPartValue[]): ListingProblem[] {
  const out: ListingProblem[] = [];
  const weekly = parts.some((p) => p.kind === "consecutive" && p.period === "weeks");
  parts.forEach((p, i) => {
    if (p.kind === "listed-at") {
      if (i === 0 || i !== parts.length - 1) out.push({ part: i, problem: "listing-time-misplaced" });
      return;
    }
    if (p.kind === "consecutive") return;
    if (weekly) out.push({ part: i, problem: "month-set-in-weeks" });
    else if (p.kind === "additional" && i === 0) out.push({ part: i, problem: "additional-first" });
  });
  return out;
}
// ---------------------------------------------------------------------------------------------------------
// Exercise into futures

/**
 * A final settlement `in futures` (an option exercised into the expiring future at the strike) is an option's, at the
 * final settlement price of a future (E5090): what is wrong, or undefined.
 */
export function futuresSettlementProblem(
  contractKind: "future" | "option" | "spread",
  value: { readonly kind: string; readonly targetKind?: string | undefined },
): "not-an-option" | "not-underlying-final" | "not-a-future" | undefined {
  if (contractKind !== "option") return "not-an-option";
  if (value.kind !== "underlying-final") return "not-underlying-final";
  if (value.targetKind !== undefined && value.targetKind !== "future") return "not-a-future";
  return undefined;
}

/**
 * A fallback that can never apply (E5091): every final settlement of the contract is another contract's final
 * settlement price (`underlying-final`), whose own waterfall decides that price, so a disruption never reaches
 * this contract's steps. `finalKinds` are the kinds of its final settlement values, in every version.
 */
export function fallbackNeverApplies(finalKinds: readonly string[], fallbacks: number): boolean {
  return fallbacks > 0 && finalKinds.length > 0 && finalKinds.every((k) => k === "underlying-final" || k === "future-vwap");
}

/**
 * A final settlement at the VWAP of a future's trades (`future-vwap`) is an option's on that future: its underlying
 * future's trades of the same period (E5202). What is wrong, or undefined.
 */
export function futureVwapProblem(
  contractKind: "future" | "option" | "spread",
  target: string,
  underlying: { readonly kind: string; readonly name: string } | undefined,
): "not-an-option" | "not-the-underlying" | undefined {
  if (contractKind !== "option") return "not-an-option";
  if (underlying !== undefined && (underlying.kind !== "future" || underlying.name !== target)) return "not-the-underlying";
  return undefined;
}

/**
 * The contracts a position limit is `aggregated with` (E2260, E2003): each a future or an option, not the contract
 * itself and not named twice, so that no position is counted twice toward the limit. The problem of each name, by
 * its place in the list (a name without one is absent).
 */
export function aggregationProblems(
  self: string,
  names: readonly string[],
  kindOf: (name: string) => string | undefined,
): Map<number, "itself" | "twice" | "not-future-or-option"> {
  const out = new Map<number, "itself" | "twice" | "not-future-or-option">();
  const seen = new Set<string>();
  names.forEach((n, i) => {
    const kind = kindOf(n);
    if (n === self) out.set(i, "itself");
    else if (seen.has(n)) out.set(i, "twice");
    else if (kind !== undefined && kind !== "future" && kind !== "option") out.set(i, "not-future-or-option");
    seen.add(n);
  });
  return out;
}

/**
 * A contract unit as a quantity of base units: the amount, the unit's exact scale to its base units and its
 * dimensions (`1000 million tokens` is 1000 × 1000000 tokens), so that two ways of writing the same quantity agree.
 */
export interface BaseQuantity {
  readonly amount: Decimal;
  readonly factor: string;
  readonly dims: Readonly<Record<string, number>>;
}

/** The canonical text of a {@link BaseQuantity}: `1000000000 tokens`, `5 asset:BTC`. */
export function baseQuantityKey(q: BaseQuantity): string {
  const dims = Object.keys(q.dims)
    .filter((k) => q.dims[k] !== 0)
    .sort()
    .map((k) => (q.dims[k] === 1 ? k : `${k}^${q.dims[k]}`));
  return `${q.amount.mul(Decimal.of(q.factor)).normalize().toString()} ${dims.join(" ")}`;
}

/** A contract unit as both the checker and the loader read it: a quantity, or a number of contracts of a future. */
export type UnitOfContract =
  | { readonly kind: "quantity"; readonly quantity: BaseQuantity }
  | { readonly kind: "contracts"; readonly amount: Decimal; readonly future: string };

/**
 * A contract's units (every version; undefined: not resolved) as quantities of base units. `asAggregated`: an option on
 * a future counts as its futures-equivalent position, in contracts of the future (a settlement request states it so);
 * otherwise an option's contract counts as the futures contracts it stands for. `unitsOf` gives a future's units.
 * Empty when a unit is unknown (an error reported elsewhere).
 */
export function futuresEquivalents(
  units: readonly (UnitOfContract | undefined)[],
  unitsOf: (future: string) => readonly (UnitOfContract | undefined)[] | undefined,
  asAggregated: boolean,
): BaseQuantity[] {
  const out: BaseQuantity[] = [];
  for (const u of units) {
    if (u === undefined) return [];
    if (u.kind === "quantity") {
      out.push(u.quantity);
      continue;
    }
    // A future's own unit is a quantity: contracts of contracts are not followed.
    const future = (unitsOf(u.future) ?? []).map((f) => (f?.kind === "quantity" ? f.quantity : undefined));
    if (future.length === 0 || future.some((q) => q === undefined)) return [];
    for (const q of future as BaseQuantity[]) out.push(asAggregated ? q : { ...q, amount: q.amount.mul(u.amount) });
  }
  return out;
}

/**
 * A position limit `aggregated with` another contract counts that contract's positions as contracts of its own
 * (E3360): only sound when a contract of each is the same quantity. `own` and `other` are the contract units, every
 * version, each as a futures-equivalent quantity (an option on a future: its futures contracts' unit times their
 * number); either empty when unknown, and a unit that is not positive, are errors reported elsewhere. The problem, or
 * undefined when the units agree.
 */
export function aggregationUnitProblem(own: readonly BaseQuantity[], other: readonly BaseQuantity[]): "different-unit" | undefined {
  // A contract unit that is not positive is its own error (E3003), not a difference of size.
  if ([...own, ...other].some((q) => !q.amount.isPositive())) return undefined;
  const a = new Set(own.map(baseQuantityKey));
  const b = new Set(other.map(baseQuantityKey));
  if (a.size === 0 || b.size === 0) return undefined;
  return a.size === 1 && b.size === 1 && [...a][0] === [...b][0] ? undefined : "different-unit";
}

/** The words of {@link aggregationUnitProblem}'s answer. */
export const AGGREGATION_UNIT_MESSAGE =
  "a position limit is aggregated only with contracts of the same contract unit (futures-equivalent): a position in one of another size is not that many contracts of this one";

/** The words of {@link aggregationProblems}' answers. */
export const AGGREGATION_MESSAGES = {
  itself: "a position limit is not aggregated with its own contract: its own positions always count",
  twice: "a position limit is aggregated with a contract once: named twice, its positions would count twice",
  "not-future-or-option": "a position limit is aggregated with futures and options only",
} as const;

/** The words of {@link futureVwapProblem}'s answers. */
export const FUTURE_VWAP_MESSAGES = {
  "not-an-option": "only an option settles at the VWAP of its underlying future's trades",
  "not-the-underlying": "an option settles at the VWAP of the trades in its own underlying future",
} as const;

/** The words of {@link futuresSettlementProblem}'s answers. */
export const FUTURES_SETTLEMENT_MESSAGES = {
  "not-an-option": "only an option is settled in futures: it is exercised into a position in its expiring future",
  "not-underlying-final": "an option settled in futures settles at the final settlement price of its future",
  "not-a-future": "an option is settled in futures only into a future",
} as const;

// ---------------------------------------------------------------------------------------------------------
// Sampled indices (issue 15): `sample every 4 seconds, prices held for up to 3 minutes, empty samples skip`

/** The most samples a window may hold: as many as its intervals (runtime/bounds.ts). */
export const MAX_SAMPLES = COUNT_BOUNDS.intervals.max;

/**
 * The number of sample instants of a window sampled every `everySeconds`, counting both ends (bounds decide later
 * which end is sampled), or why there is none: the interval must divide the window exactly (E4140), and the window
 * may not hold more than {@link MAX_SAMPLES} samples (E4141).
 */
export function samplesInWindow(
  everySeconds: Decimal,
  windowSeconds: Decimal,
): { readonly ok: true; readonly steps: bigint } | { readonly ok: false; readonly problem: "not-dividing" | "too-many" } {
  const q = windowSeconds.divExact(everySeconds);
  if (q === undefined || !q.isInteger()) return { ok: false, problem: "not-dividing" };
  const steps = BigInt(q.toString());
  return steps > BigInt(MAX_SAMPLES) ? { ok: false, problem: "too-many" } : { ok: true, steps };
}

/** What a sampled index may not also declare (E5141): trades, intervals and partitions are not sampled values. */
export function samplingConflict(has: {
  readonly partition: boolean;
  readonly aggregateTrades: boolean;
  readonly aggregateIntervals: boolean;
}): "partition" | "aggregate trades" | "aggregate intervals" | undefined {
  if (has.partition) return "partition";
  if (has.aggregateTrades) return "aggregate trades";
  if (has.aggregateIntervals) return "aggregate intervals";
  return undefined;
}

/** A sample value has no volume: samples can be combined only by a method that needs none (E5142). */
export function methodNeedsVolume(name: AggregationMethodName, weightedBy: string | null | undefined): boolean {
  return (
    name === "vwap" ||
    name === "vtwap" ||
    name === "volume-weighted-median" ||
    (name === "weighted-mean" && (weightedBy === "volume" || weightedBy === "expenditure"))
  );
}

// What selects the versions of a contract's rules

/**
 * `rule versions selected by …` holds at all times, once (E4180): what decides which version of a rule governs a
 * contract period cannot itself have versions. True when the clauses are exactly one, in force always.
 */
export function versionSelectionAlways(clauses: readonly { readonly effective: readonly RangeValue[] }[]): boolean {
  if (clauses.length !== 1) return false;
  const ranges = clauses[0]!.effective;
  return ranges.length === 0 || ranges.every((r) => r.from === null && r.until === null);
}

// Index licence and disclaimer

/**
 * A contract's index licence names an index the contract settles on (E5110): the chapter says the Exchange lists
 * the contract under a licence to use that index, which is a wrong sentence for any other index.
 */
export function licensedIndexNotSettled(index: string, settling: ReadonlySet<string>): boolean {
  return !settling.has(index);
}

/**
 * `fixings of INDEX on the tick` names an index the contract settles on (E5270): its fixings are prices of the
 * contract only when the contract's settlement reads them.
 */
export function fixingTickIndexNotSettled(index: string, settling: ReadonlySet<string>): boolean {
  return !settling.has(index);
}

/** An index disclaimer is the licensor's: a contract that states one states the licence too (E5112). */
export function disclaimerWithoutLicence(disclaimers: number, licences: number): boolean {
  return disclaimers > 0 && licences === 0;
}

// ---------------------------------------------------------------------------------------------------------
// Spread leg prices

/** What a spread's leg reads for its leg prices: its ratio and how many contract months after the spread's it is. */
export interface PricedLeg {
  readonly ratio: Decimal;
  readonly monthsLater: number;
}

/**
 * What is wrong with `leg prices from …` on a spread, or undefined: `shape` (E5390) unless the spread has exactly two
 * legs, each of ratio 1 (only then do one leg's price and the spread price fix the other's, exactly); `anchor` (E5391)
 * when the anchor is no leg (the runtime's `legAnchorIndex`: `leg N` beyond the legs, or the near or far leg of two
 * legs in the same contract month).
 */
export function legPricingProblem(legs: readonly PricedLeg[], anchor: LegPricing["anchor"]): "shape" | "anchor" | undefined {
  if (legs.length !== 2 || legs.some((l) => !l.ratio.eq(Decimal.ONE))) return "shape";
  return legAnchorIndex(
    legs.map((l) => l.monthsLater),
    anchor,
  ) === undefined
    ? "anchor"
    : undefined;
}
