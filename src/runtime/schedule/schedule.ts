/**
 * Expiries and listing cycles of compiled contracts. A `Schedule` wraps a compiled spec's calendars and
 * contracts (as runtime/spec.ts describes them) and answers, for any contract and contract period: the last trading day,
 * the termination instant (a wall-clock time in an IANA zone resolved with the ICU time-zone database, never a fixed
 * offset), the final settlement date and the averaging days; and, for any date, which periods are listed.
 *
 * Rules, as docs/spec-format.md states them:
 * - Versions: the last trading day, option expiry and listing in force on the first day of the contract period;
 *   termination and final settlement in force on the last trading day. A schedule `asOf(date)` takes every version
 *   in force on that date instead (the rules as they stood that day); a contract that declares what selects its
 *   versions (`rule versions selected by the contract month` or `… the last trading day`) keeps that key whatever
 *   the as-of date (runtime/versions.ts's `selectionDate` decides). By the last trading day, the last trading day
 *   itself is the day its own rules, selected on that day, give (found by iterating from the period's first day).
 * - An option without its own last trading day expires by its `expiry` rule relative to its underlying future's
 *   last trading day of the same month; a spread without one ends with its earliest leg. A contract without its own
 *   termination time uses its underlying future's (option) or its first leg's (spread).
 * - The final settlement date is the day the final settlement price is known: the last trading day for a fixing on
 *   it, the later of the last trading day and the last averaging day for an average, the underlying's for an option
 *   settled on its underlying, and the latest leg's for a spread settled leg by leg.
 * - Listed on a date: a period is listed from the moment the cycle reaches it until its last trading day
 *   (inclusive). The front period is the first one whose last trading day is on or after the date; `N consecutive
 *   months` (or weeks) are the front period and the N - 1 after it; `the nearest N months in MONTHS` are the first N
 *   periods from the front one falling in those months, listed already or not (so with `6 consecutive months plus
 *   the nearest 2 months in December` one December is added when the six include one, two otherwise); `N additional
 *   months in MONTHS` are the first N falling in those months after the latest period the parts before it list. A
 *   cycle made only of month sets (`the nearest 4 months in March, June, September, December`) has those months as
 *   its only contract months: `expiries` gives no others. `when the December contract expires, June, December 2
 *   years later` lists each June and December from the day after the December two years before it expires (CME
 *   style: "when a nearby December expires, a June and a second December are listed"). An option without a
 *   listing cycle is listed for its underlying's listed months; a spread without one for the months in which every
 *   leg's month is listed.
 * Engines are built once per calendar and grow on demand, and last trading days are memoised, so a
 * hundred years of monthly expiries cost about a millisecond. The listing cycle's evaluation is cycle.ts; listing
 * times are listing-time.ts; period arithmetic is symbols.ts.
 */
import {
  CalendarEngines,
  daysInMonth,
  fromCivil,
  lastDayOfMonth,
  resolveLocalTime,
  evaluateDateRule,
  evaluateWeeklyRule,
  type CalendarEngine,
  type EpochDay,
  formatIsoDate,
  CalendarRangeError,
} from "../calendar/index.js";
import { contractSymbol, formatPeriod, monthIndex, periodStart, periodsBetween, shiftPeriod, type ContractPeriod } from "./symbols.js";
import type { AveragingDays, EffectiveRange, ZonedTime } from "../spec.js";
import { inForce, selectionDate, selfSelectedDay, versionOn } from "../versions.js";
import { listedAt, listingDayStart } from "./listing-time.js";
import { listedPeriods, outsideCycle } from "./cycle.js";
import {
  MAX_DEPTH,
  fail,
  ok,
  type Expiry,
  type LegExpiry,
  type Listed,
  type ScheduleContract,
  type ScheduleInput,
  type ScheduleResult,
  type Termination,
} from "./types.js";

export {
  SCHEDULE_FIELDS,
  type Expiry,
  type LegExpiry,
  type Listed,
  type ScheduleContract,
  type ScheduleError,
  type ScheduleInput,
  type ScheduleResult,
  type Termination,
} from "./types.js";

/** How far back a listing date is looked for: twenty years, beyond any listing cycle's reach. */
const MAX_LISTING_DAYS = 20 * 366;

export class Schedule {
  private readonly engines: CalendarEngines;
  private readonly ltdCache = new Map<string, Map<number, ScheduleResult<EpochDay>>>();

  private readonly derived = new Map<string, Schedule>();
  /** The listing dates found (`rule versions selected by the listing date`), by contract and period. */
  private readonly listingDates = new Map<string, string | undefined>();
  /** The same contracts with no declared key, whose as-of schedules say what was listed on a day by that day's rules. */
  private unkeyedInput: ScheduleInput | undefined;

  /**
   * `fromYear`–`toYear` is the range engines tabulate first; they grow on demand. `asOfDate` (ISO) selects every
   * rule version in force on it (see {@link asOf}); `engines` are shared by the schedules `asOf` derives.
   */
  constructor(
    private readonly input: ScheduleInput,
    fromYear = 2000,
    toYear = 2060,
    private readonly asOfDate?: string,
    engines?: CalendarEngines,
  ) {
    this.engines =
      engines ??
      new CalendarEngines((name) => (Object.hasOwn(input.calendars, name) ? input.calendars[name] : undefined), fromYear, toYear);
  }

  /**
   * The same contracts with the rules as they stood on a date: each rule's version in force on it, unless a contract
   * declares what selects its versions. `undefined` gives this schedule. Derived schedules share the calendar engines.
   */
  asOf(date: string | undefined): Schedule {
    if (date === undefined || date === this.asOfDate) return this;
    let s = this.derived.get(date);
    if (s === undefined) {
      if (this.derived.size >= 16) this.derived.clear();
      s = new Schedule(this.input, 2000, 2060, date, this.engines);
      this.derived.set(date, s);
    }
    return s;
  }

  /** The as-of date of this schedule, or undefined when each rule is selected by its own event's date. */
  get asOfDay(): string | undefined {
    return this.asOfDate;
  }

  /**
   * The date whose rule versions govern a question about a contract: `event` is the date of the event the rule
   * governs, `period` the contract period asked about (runtime/versions.ts's `selectionDate`).
   */
  ruleDate(c: ScheduleContract, event: string, period?: ContractPeriod): string {
    const key = c.versionsSelectedBy?.[0]?.value;
    if (period === undefined) return selectionDate(key, this.asOfDate, { event });
    return selectionDate(key, this.asOfDate, {
      event,
      contractMonth: formatIsoDate(periodStart(period)),
      lastTradingDay: () => {
        const l = this.ltd(c.name, period, 0);
        return l.ok ? formatIsoDate(l.value) : undefined;
      },
      listingDate: () => this.listingDate(c.name, period),
    });
  }

  /**
   * `rule versions selected by the listing date`: the day a contract period was first listed, by the listing schedule
   * as it stood on each day (every rule version in force on that day, the contract's declared key set aside, so the
   * search does not depend on what it finds): the first day of the period's own days on which it is listed (its first
   * day, for a period listed before it starts), then back over each earlier day on which it is still listed.
   * Undefined when the period is not listed on any of its own days.
   */
  listingDate(name: string, period: ContractPeriod): string | undefined {
    const key = `${name}\u0000${formatPeriod(period)}`;
    if (this.listingDates.has(key)) return this.listingDates.get(key);
    const found = this.findListingDate(name, period);
    this.listingDates.set(key, found);
    return found;
  }

  private findListingDate(name: string, period: ContractPeriod): string | undefined {
    const input = (this.unkeyedInput ??= {
      calendars: this.input.calendars,
      contracts: Object.fromEntries(
        Object.entries(this.input.contracts).map(([n, c]) => {
          const { versionsSelectedBy: _key, ...rest } = c;
          return [n, rest];
        }),
      ),
    });
    const wanted = formatPeriod(period);
    const listedOn = (day: EpochDay): boolean => {
      const r = new Schedule(input, 2000, 2060, formatIsoDate(day), this.engines).listedByCycle(name, day);
      return r.ok && r.value.some((l) => formatPeriod(l.period) === wanted);
    };
    const start = periodStart(period);
    const end = period.kind === "week" ? start + 7 : start + daysInMonth(period.year, period.month);
    let first: EpochDay | undefined;
    for (let d = start; d < end && first === undefined; d++) if (listedOn(d)) first = d;
    if (first === undefined) return undefined;
    for (const stop = first - MAX_LISTING_DAYS; first > stop && listedOn(first - 1);) first--;
    return formatIsoDate(first);
  }

  /** {@link ruleDate} by contract name (the event's date for an unknown contract). */
  ruleDateOf(name: string, event: string, period?: ContractPeriod): string {
    const c = this.contract(name);
    return c.ok ? this.ruleDate(c.value, event, period) : event;
  }

  /** The engine of a calendar by name. */
  engine(name: string): ScheduleResult<CalendarEngine> {
    return this.engines.get(name);
  }

  /** A contract by name. */
  contract(name: string): ScheduleResult<ScheduleContract> {
    const c = Object.hasOwn(this.input.contracts, name) ? this.input.contracts[name] : undefined;
    return c === undefined ? fail({ kind: "unknown-contract", name }) : ok(c);
  }

  /** Whether a contract's periods are weeks (its last trading day rule in force on `date` is weekly, or its listing is in weeks). */
  periodKind(name: string, date: EpochDay): ScheduleResult<"month" | "week"> {
    const c = this.contract(name);
    if (!c.ok) return c;
    const iso = this.ruleDate(c.value, formatIsoDate(date));
    const ltd = versionOn(c.value.lastTradingDay, iso);
    if (ltd !== undefined) return ok(ltd.value.kind === "weekly" ? "week" : "month");
    const listing = versionOn(c.value.listing, iso);
    if (listing?.value.some((p) => p.kind === "consecutive" && p.period === "weeks")) return ok("week");
    const under = this.underlyingFuture(c.value, iso);
    if (under !== undefined) return this.periodKind(under, date);
    const leg = c.value.legs?.[0]?.value.contract;
    return leg !== undefined && leg !== name ? this.periodKind(leg, date) : ok("month");
  }

  underlyingFuture(c: ScheduleContract, iso: string): string | undefined {
    const u = c.underlying === undefined ? undefined : versionOn(c.underlying, iso);
    return u?.value.kind === "future" ? u.value.name : undefined;
  }

  /** The last trading day of a contract period (an option's expiry day). */
  lastTradingDay(name: string, period: ContractPeriod): ScheduleResult<EpochDay> {
    return this.ltd(name, period, 0);
  }

  ltd(name: string, period: ContractPeriod, depth: number): ScheduleResult<EpochDay> {
    let cache = this.ltdCache.get(name);
    if (cache === undefined) {
      cache = new Map();
      this.ltdCache.set(name, cache);
    }
    // Months and weeks in one numeric key space: month indices are positive, week Mondays are stored negated minus one.
    const key = period.kind === "month" ? monthIndex(period.year, period.month) : -period.monday - 1e7;
    let r = cache.get(key);
    if (r === undefined) {
      r = this.computeLtd(name, period, depth);
      cache.set(key, r);
    }
    return r;
  }

  private computeLtd(name: string, period: ContractPeriod, depth: number): ScheduleResult<EpochDay> {
    if (depth > MAX_DEPTH) return fail({ kind: "recursion", contract: name });
    const c = this.contract(name);
    if (!c.ok) return c;
    const start = formatIsoDate(periodStart(period));
    if (c.value.versionsSelectedBy?.[0]?.value !== "last-trading-day")
      return this.ltdOn(
        c.value,
        period,
        depth,
        selectionDate(c.value.versionsSelectedBy?.[0]?.value, this.asOfDate, {
          event: start,
          contractMonth: start,
          listingDate: () => this.listingDate(name, period),
        }),
      );
    // Selected by the last trading day: the day the rules selected on it give, found from the period's first day.
    const found = selfSelectedDay(
      start,
      (date) => this.ltdOn(c.value, period, depth, date),
      (r) => (r.ok ? formatIsoDate(r.value) : undefined),
    );
    return (
      found ??
      fail({
        kind: "no-rule",
        contract: name,
        rule: "last trading day (no version gives a day in its own effective dates)",
        date: start,
      })
    );
  }

  /** The last trading day of a period with the contract's own rules selected on `iso`. */
  private ltdOn(c: ScheduleContract, period: ContractPeriod, depth: number, iso: string): ScheduleResult<EpochDay> {
    const name = c.name;
    const version = versionOn(c.lastTradingDay, iso);
    const lookup = (cal: string) => this.engines.get(cal);
    if (version !== undefined) {
      const v = version.value;
      if (v.kind === "monthly") {
        if (period.kind !== "month")
          return fail({ kind: "period-mismatch", contract: name, message: `${name} has a monthly last trading day, not a weekly one` });
        return evaluateDateRule(v.rule, period.year, period.month, lookup);
      }
      if (period.kind !== "week")
        return fail({ kind: "period-mismatch", contract: name, message: `${name} has a weekly last trading day, not a monthly one` });
      const day = evaluateWeeklyRule(v.rule, period.monday, lookup);
      // `not listed when not a business day`: the week has no contract, as a month outside a listing cycle has none.
      if (!day.ok && day.error.kind === "no-such-day")
        return fail({ kind: "not-listed", contract: name, period: formatPeriod(period), reason: day.error.message });
      return day;
    }
    const under = this.underlyingFuture(c, iso);
    const expiry = c.expiry === undefined ? undefined : versionOn(c.expiry, iso);
    if (under !== undefined && expiry !== undefined) {
      const u = this.ltd(under, period, depth + 1);
      if (!u.ok || expiry.value.kind === "with-underlying") return u;
      const e = this.engines.get(expiry.value.calendar);
      if (!e.ok) return e;
      return this.guard(() => e.value.addBusinessDays(u.value, -(expiry.value as { businessDays: number }).businessDays));
    }
    const legs = this.legsOn(c, iso);
    if (legs.length > 0) {
      let best: EpochDay | undefined;
      for (const leg of legs) {
        const l = this.ltd(leg.contract, shiftPeriod(period, leg.monthsLater), depth + 1);
        if (!l.ok) return l;
        if (best === undefined || l.value < best) best = l.value;
      }
      return ok(best!);
    }
    return fail({ kind: "no-rule", contract: name, rule: "last trading day", date: iso });
  }

  legsOn(c: ScheduleContract, iso: string): { side: "buy" | "sell"; contract: string; monthsLater: number }[] {
    return (c.legs ?? [])
      .filter((l) => l.effective.some((r) => (r.from === null || r.from <= iso) && (r.until === null || iso <= r.until)))
      .map((l) => l.value);
  }

  private guard<T>(f: () => T): ScheduleResult<T> {
    try {
      return ok(f());
    } catch (e) {
      if (e instanceof CalendarRangeError) return fail(e.error);
      throw e;
    }
  }

  private terminationRule(c: ScheduleContract, iso: string, depth: number): ZonedTime | undefined {
    const own = versionOn(c.termination, iso);
    if (own !== undefined || depth > MAX_DEPTH) return own?.value;
    const under = this.underlyingFuture(c, iso) ?? this.legsOn(c, iso)[0]?.contract;
    if (under === undefined || under === c.name) return undefined;
    const u = this.contract(under);
    return u.ok ? this.terminationRule(u.value, iso, depth + 1) : undefined;
  }

  /** The full expiry of a contract period. */
  expiry(name: string, period: ContractPeriod): ScheduleResult<Expiry> {
    return this.expiryAt(name, period, 0);
  }

  private expiryAt(name: string, period: ContractPeriod, depth: number): ScheduleResult<Expiry> {
    if (depth > MAX_DEPTH) return fail({ kind: "recursion", contract: name });
    const c = this.contract(name);
    if (!c.ok) return c;
    const outside = outsideCycle(this, c.value, period);
    if (outside !== undefined) return fail(outside);
    const ltd = this.ltd(name, period, depth);
    if (!ltd.ok) return ltd;
    const day = ltd.value;
    const iso = formatIsoDate(day);
    if (!tradedOn(c.value, iso))
      return fail({
        kind: "not-listed",
        contract: name,
        period: formatPeriod(period),
        reason: `its last trading day ${iso} is outside the product's trading dates (${datesText(c.value)})`,
      });
    let termination: Termination | undefined;
    const rulesOn = this.ruleDate(c.value, iso, period);
    const rule = this.terminationRule(c.value, rulesOn, 0);
    if (rule !== undefined) {
      const t = resolveLocalTime(day, rule.time, rule.zone);
      if (!t.ok) return t;
      termination = {
        time: rule.time,
        zone: rule.zone,
        instant: t.value.instant,
        offsetSeconds: t.value.offsetSeconds,
        status: t.value.status,
      };
    }
    let finalSettlementDate: EpochDay | undefined;
    let averagingDays: EpochDay[] | undefined;
    let legs: LegExpiry[] | undefined;
    const fs = versionOn(c.value.finalSettlement, rulesOn)?.value.value;
    if (fs !== undefined) {
      switch (fs.kind) {
        case "index-at":
        case "future-vwap":
          finalSettlementDate = day;
          break;
        case "index-average": {
          const e = this.engines.get(fs.days.calendar);
          if (!e.ok) return e;
          const days = this.guard(() => averaging(e.value, fs.days, period, day));
          if (!days.ok) return days;
          averagingDays = days.value;
          const last = days.value[days.value.length - 1];
          finalSettlementDate = last !== undefined && last > day ? last : day;
          break;
        }
        case "underlying-final": {
          const u = this.expiryAt(fs.contract, period, depth + 1);
          if (!u.ok) return u;
          finalSettlementDate = u.value.finalSettlementDate;
          break;
        }
        case "leg-by-leg": {
          legs = [];
          for (const leg of this.legsOn(c.value, this.ruleDate(c.value, formatIsoDate(periodStart(period)), period))) {
            const p = shiftPeriod(period, leg.monthsLater);
            const e = this.expiryAt(leg.contract, p, depth + 1);
            if (!e.ok) return e;
            legs.push({
              side: leg.side,
              contract: leg.contract,
              period: p,
              symbol: contractSymbol(leg.contract, p),
              lastTradingDay: e.value.lastTradingDay,
              finalSettlementDate: e.value.finalSettlementDate,
            });
            const f = e.value.finalSettlementDate;
            if (f !== undefined && (finalSettlementDate === undefined || f > finalSettlementDate)) finalSettlementDate = f;
          }
          break;
        }
      }
    }
    return ok({
      contract: name,
      period,
      symbol: contractSymbol(name, period),
      lastTradingDay: day,
      termination,
      finalSettlementDate,
      averagingDays,
      legs,
    });
  }

  /**
   * The expiries of every period from the month `from` to the month `to` (inclusive, `{year, month}`): one per
   * month for a monthly contract; for a weekly one, every ISO week whose Thursday is in those months.
   */
  expiries(name: string, from: { year: number; month: number }, to: { year: number; month: number }): ScheduleResult<Expiry[]> {
    const kind = this.periodKind(name, fromCivil(from.year, from.month, 1));
    if (!kind.ok) return kind;
    const out: Expiry[] = [];
    const c = this.contract(name);
    if (!c.ok) return c;
    for (const p of periodsBetween(kind.value, from, to)) {
      if (outsideCycle(this, c.value, p) !== undefined) continue;
      const e = this.expiry(name, p);
      if (!e.ok && e.error.kind === "not-listed") continue;
      if (!e.ok) return e;
      out.push(e.value);
    }
    return ok(out);
  }

  /**
   * The periods of a contract listed on a day, in order, with their symbols and last trading days; with a listing time
   * (`new contracts listed every …`), those listed at the start of the day in its zone (listing-time.ts).
   */
  listedOn(name: string, day: EpochDay): ScheduleResult<Listed[]> {
    const start = listingDayStart(this, name, day);
    if (start === undefined) return this.listedByCycle(name, day);
    return start.ok ? this.listedAt(name, start.value) : start;
  }

  /** The periods of a contract listed at an instant (epoch milliseconds), in order (listing-time.ts). */
  listedAt(name: string, instant: number): ScheduleResult<Listed[]> {
    return listedAt(this, name, instant);
  }

  /** The termination instant of a listed period and its zone, or undefined when the contract states no time. */
  terminationOf(l: Listed): ScheduleResult<{ instant: number; zone: string } | undefined> {
    const e = this.expiry(l.contract, l.period);
    if (!e.ok) return e;
    const t = e.value.termination;
    return ok(t === undefined ? undefined : { instant: t.instant, zone: t.zone });
  }

  /** The zone of a contract's termination time in force on a date (its own or inherited), or undefined. */
  terminationZone(name: string, iso: string): string | undefined {
    const c = this.contract(name);
    return c.ok ? this.terminationRule(c.value, this.ruleDate(c.value, iso), 0)?.zone : undefined;
  }

  /** Whether a product trades on a day (its own trading dates). */
  traded(name: string, day: EpochDay): boolean {
    const c = this.contract(name);
    return c.ok && tradedOn(c.value, formatIsoDate(day));
  }

  /** The periods a contract's cycle lists on a day, whatever its listing time: the date rule of the module comment. */
  listedByCycle(name: string, day: EpochDay): ScheduleResult<Listed[]> {
    const c = this.contract(name);
    if (!c.ok) return c;
    const iso = formatIsoDate(day);
    if (!tradedOn(c.value, iso)) return fail({ kind: "not-traded", contract: name, date: iso, dates: datesText(c.value) });
    const r = listedPeriods(this, name, day, 0);
    if (!r.ok) return r;
    const out: Listed[] = [];
    for (const p of r.value) {
      const l = this.ltd(name, p, 0);
      if (!l.ok && l.error.kind === "not-listed") continue;
      if (!l.ok) return l;
      // A period whose last trading day is after the product's end is never listed.
      if (!tradedOn(c.value, formatIsoDate(l.value))) continue;
      out.push({ contract: name, period: p, symbol: contractSymbol(name, p), lastTradingDay: l.value });
    }
    return ok(out);
  }
}

/** Whether a product trades on a day: the day lies in its own trading dates (runtime/versions.ts's `inForce`). */
export function tradedOn(c: { readonly effective?: readonly EffectiveRange[] }, iso: string): boolean {
  return c.effective === undefined || inForce({ effective: c.effective }, iso);
}

/** A product's trading dates in words: "from 2017-12-18", "until 2030-12-31", "from … until …", joined by "; ". */
function datesText(c: { readonly effective?: readonly EffectiveRange[] }): string {
  return (c.effective ?? [])
    .map((r) => [r.from === null ? "" : `from ${r.from}`, r.until === null ? "" : `until ${r.until}`].filter((x) => x !== "").join(" "))
    .filter((x) => x !== "")
    .join("; ");
}

function averaging(engine: CalendarEngine, days: AveragingDays, period: ContractPeriod, ltd: EpochDay): EpochDay[] {
  if (days.kind === "every-business-day") {
    const start = periodStart(period);
    const end = period.kind === "month" ? lastDayOfMonth(period.year, period.month) + 1 : start + 7;
    return engine.businessDaysBetween(start, end);
  }
  const first = engine.addBusinessDays(ltd + 1, -days.count);
  return engine.businessDaysBetween(first, ltd + 1);
}
