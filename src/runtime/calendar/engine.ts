/**
 * The business-day engine: `buildCalendar` resolves a calendar's `basedOn` and `joint` references,
 * validates every calendar involved, and tabulates a range of years into a byte per day (business,
 * weekend, holiday bits) plus prefix sums of business days, so `isBusinessDay` is one array read,
 * `countBusinessDays` two, and `addBusinessDays` a binary search.
 *
 * Range policy: a query about a day outside the tabulated years silently and correctly extends the
 * table (it is rebuilt over a range at least twice as long, so repeated extension is amortised).
 * Only days outside {@link MIN_SUPPORTED_YEAR}–{@link MAX_SUPPORTED_YEAR} make a query throw
 * {@link CalendarRangeError} (carrying an `out-of-range` error value); non-integer days throw RangeError.
 * Callers wanting error values instead can check `supports(day)` first; `evaluateDateRule` does.
 *
 * `isBusinessDayNaive` evaluates the rules from scratch for every query: it is the benchmark
 * baseline and the oracle of the property tests.
 */
import type { EpochDay } from "./dates.js";
import { fromCivil, toCivil, weekdayOf, yearOf } from "./dates.js";
import { CalendarRangeError, MAX_SUPPORTED_YEAR, MIN_SUPPORTED_YEAR, fail, ok, type CalendarError, type CalendarResult } from "./errors.js";
import { resolveDependencies, type Calendar, type CalendarResolver, type JointMode } from "./model.js";
import { observedHolidays, weekendMask, type ObservedHoliday } from "./rules.js";
import { validateCalendar } from "./validate.js";

/** The ISDA business-day conventions; the modified ones never leave the month of the unadjusted date. */
export type BusinessDayConvention = "following" | "modified-following" | "preceding" | "modified-preceding" | "unadjusted";

/** All business-day conventions, for validation and exhaustive tests. */
export const BUSINESS_DAY_CONVENTIONS: readonly BusinessDayConvention[] = [
  "following",
  "modified-following",
  "preceding",
  "modified-preceding",
  "unadjusted",
];

/** A day that is not a business day although it is not a weekend day, with the holiday names on it. */
export interface HolidayEntry {
  readonly day: EpochDay;
  readonly names: readonly string[];
}

/** A tabulated calendar answering business-day questions; see the module comment for the range policy. */
export interface CalendarEngine {
  readonly name: string;
  readonly timeZone: string;
  /** The years currently tabulated (grows on demand). */
  readonly fromYear: number;
  readonly toYear: number;
  /** True when the day's year is within the supported years, so queries about it cannot throw. */
  supports(day: EpochDay): boolean;
  /** True for a business day. O(1) inside the tabulated range. */
  isBusinessDay(day: EpochDay): boolean;
  /** True for a weekend day (for a joint calendar: of its own weekend or the members' combined weekends). */
  isWeekend(day: EpochDay): boolean;
  /** Names of the holidays observed on a day (own, `basedOn` and joint members'), in rule order; empty if none. */
  holidayNames(day: EpochDay): readonly string[];
  /** Non-business days in [from, to) that are not weekend days, with their holiday names, in date order. */
  holidaysBetween(from: EpochDay, to: EpochDay): HolidayEntry[];
  /** Business days in [from, to), in date order. */
  businessDaysBetween(from: EpochDay, to: EpochDay): EpochDay[];
  /**
   * The n-th business day strictly after (n > 0) or before (n < 0) a day, which itself need not be a
   * business day: `addBusinessDays(saturday, 1)` is the next Monday if that is open. n = 0 returns the day.
   */
  addBusinessDays(day: EpochDay, n: number): EpochDay;
  /** Number of business days in the half-open interval [from, to); negative when to < from. */
  countBusinessDays(from: EpochDay, to: EpochDay): number;
  /**
   * Adjusts a day by an ISDA convention. If a month has no business day at all, the modified
   * conventions have no answer inside the month and return the unmodified result.
   */
  adjust(day: EpochDay, convention: BusinessDayConvention): EpochDay;
}

const BUSINESS = 1;
const WEEKEND = 2;
/** Up to this many business days, `addBusinessDays` steps over the flags instead of searching the prefix sums. */
const WALK = 10;

/** A calendar with its references resolved into nodes. */
interface Node {
  readonly cal: Calendar;
  readonly weekend: number;
  readonly basedOn: readonly Node[];
  readonly joint: { readonly mode: JointMode; readonly members: readonly Node[] } | undefined;
}

/** Resolves, validates and links a calendar and everything it refers to. */
function link(cal: Calendar, resolve: CalendarResolver): CalendarResult<Node> {
  const deps = resolveDependencies(cal, resolve);
  if (!deps.ok) return deps;
  const nodes = new Map<string, Node>();
  for (const c of deps.value) {
    const errors = validateCalendar(c);
    if (errors[0] !== undefined) return fail(errors[0]);
    const basedOn: Node[] = [];
    for (const [i, ref] of (c.basedOn ?? []).entries()) {
      const n = nodes.get(ref);
      if (n === undefined) return fail({ kind: "unknown-calendar", name: ref, referencedBy: c.name });
      if (n.joint !== undefined) {
        return fail({
          kind: "invalid-calendar",
          calendar: c.name,
          path: `basedOn[${i}]`,
          message: `${ref} is a joint calendar, which has no holiday list of its own to add`,
        });
      }
      basedOn.push(n);
    }
    let joint: Node["joint"];
    if (c.joint !== undefined) {
      const members: Node[] = [];
      for (const ref of c.joint.calendars) {
        const n = nodes.get(ref);
        if (n === undefined) return fail({ kind: "unknown-calendar", name: ref, referencedBy: c.name });
        members.push(n);
      }
      joint = { mode: c.joint.mode, members };
    }
    nodes.set(c.name, { cal: c, weekend: weekendMask(c.weekend), basedOn, joint });
  }
  const root = nodes.get(cal.name);
  return root ? ok(root) : fail({ kind: "unknown-calendar", name: cal.name });
}

function addName(names: Map<EpochDay, string[]>, day: EpochDay, name: string): void {
  const list = names.get(day);
  if (list === undefined) names.set(day, [name]);
  else if (!list.includes(name)) list.push(name);
}

/** Observed holidays of a node and its `basedOn` calendars inside [start, end), appended to `out` in rule order. */
function collectHolidays(node: Node, fromYear: number, toYear: number, start: EpochDay, end: EpochDay, out: ObservedHoliday[]): void {
  for (const h of observedHolidays(node.cal.holidays, node.weekend, fromYear - 1, toYear + 1)) {
    if (h.day >= start && h.day < end) out.push(h);
  }
  for (const b of node.basedOn) collectHolidays(b, fromYear, toYear, start, end, out);
}

/**
 * A tabulated range: a byte of flags per day, and the observed holidays (own, `basedOn`, then each joint member's)
 * in the order their names are listed. The names by day are made from them only when a query asks for names: a
 * check asks about business days of every calendar and about names of few.
 */
interface Table {
  readonly flags: Uint8Array;
  readonly holidays: readonly ObservedHoliday[];
}

/** Holiday names by day, each day's names in rule order without repeats. */
function namesByDay(holidays: readonly ObservedHoliday[]): Map<EpochDay, string[]> {
  const names = new Map<EpochDay, string[]>();
  for (const h of holidays) addName(names, h.day, h.name);
  return names;
}

function tabulate(node: Node, fromYear: number, toYear: number): Table {
  const start = fromCivil(fromYear, 1, 1);
  const end = fromCivil(toYear + 1, 1, 1);
  const len = end - start;
  const holidays: ObservedHoliday[] = [];
  collectHolidays(node, fromYear, toYear, start, end, holidays);
  // One week of flags, doubled with copyWithin (native speed), then holidays cleared one by one: a per-day loop
  // with a map lookup costs milliseconds per calendar when a check evaluates 50 years.
  const flags = new Uint8Array(len);
  let wd = weekdayOf(start);
  for (let i = 0; i < Math.min(7, len); i++) {
    flags[i] = ((node.weekend >> wd) & 1) === 1 ? WEEKEND : BUSINESS;
    wd = wd === 7 ? 1 : wd + 1;
  }
  for (let filled = 7; filled < len; filled *= 2) flags.copyWithin(filled, 0, Math.min(filled, len - filled));
  for (const h of holidays) {
    const i = h.day - start;
    if (flags[i] === BUSINESS) flags[i] = 0;
  }
  if (node.joint !== undefined) {
    const all = node.joint.mode === "all";
    const members = node.joint.members.map((m) => tabulate(m, fromYear, toYear));
    for (let i = 0; i < len; i++) {
      let business = all;
      let weekend = all ? false : true;
      for (const m of members) {
        const f = m.flags[i] ?? 0;
        if (all) {
          business &&= (f & BUSINESS) !== 0;
          weekend ||= (f & WEEKEND) !== 0;
        } else {
          business ||= (f & BUSINESS) !== 0;
          weekend &&= (f & WEEKEND) !== 0;
        }
      }
      const own = flags[i] ?? 0;
      flags[i] = (own & WEEKEND) | (weekend ? WEEKEND : 0) | (own & BUSINESS && business ? BUSINESS : 0);
    }
    for (const m of members) for (const h of m.holidays) holidays.push(h);
  }
  return { flags, holidays };
}

function rangeError(year: number): CalendarRangeError {
  return new CalendarRangeError({ kind: "out-of-range", year, minYear: MIN_SUPPORTED_YEAR, maxYear: MAX_SUPPORTED_YEAR });
}

function sameMonth(a: EpochDay, b: EpochDay): boolean {
  const x = toCivil(a);
  const y = toCivil(b);
  return x.month === y.month && x.year === y.year;
}

class TableEngine implements CalendarEngine {
  readonly name: string;
  readonly timeZone: string;
  fromYear: number;
  toYear: number;
  private start: EpochDay = 0;
  private end: EpochDay = 0;
  private flags: Uint8Array = new Uint8Array(0);
  private holidays: readonly ObservedHoliday[] = [];
  /** cum[i] = business days in [start, start + i); made on the first question that counts (see {@link counts}). */
  private cum: Int32Array | undefined;
  /** Holiday names by day; made on the first question about names (see {@link namesOf}). */
  private names: Map<EpochDay, string[]> | undefined;

  constructor(
    private readonly node: Node,
    fromYear: number,
    toYear: number,
  ) {
    this.name = node.cal.name;
    this.timeZone = node.cal.timeZone;
    this.fromYear = fromYear;
    this.toYear = toYear;
    this.rebuild(fromYear, toYear);
  }

  /** True when the tabulated years have a business day. */
  get hasBusinessDay(): boolean {
    for (const f of this.flags) if ((f & BUSINESS) !== 0) return true;
    return false;
  }

  private get businessDayCount(): number {
    const cum = this.counts();
    return cum[cum.length - 1] ?? 0;
  }

  /** The prefix sums of business days over the tabulated range. */
  private counts(): Int32Array {
    if (this.cum !== undefined) return this.cum;
    const cum = new Int32Array(this.flags.length + 1);
    let c = 0;
    for (let i = 0; i < this.flags.length; i++) {
      c += (this.flags[i] ?? 0) & BUSINESS;
      cum[i + 1] = c;
    }
    return (this.cum = cum);
  }

  private namesOf(day: EpochDay): readonly string[] {
    this.names ??= namesByDay(this.holidays);
    return this.names.get(day) ?? [];
  }

  private rebuild(fromYear: number, toYear: number): void {
    const t = tabulate(this.node, fromYear, toYear);
    this.fromYear = fromYear;
    this.toYear = toYear;
    this.start = fromCivil(fromYear, 1, 1);
    this.end = fromCivil(toYear + 1, 1, 1);
    this.flags = t.flags;
    this.holidays = t.holidays;
    this.cum = undefined;
    this.names = undefined;
  }

  /** Grows the table to include a year, at least doubling its length in that direction. */
  private growTo(year: number): void {
    if (year < MIN_SUPPORTED_YEAR || year > MAX_SUPPORTED_YEAR) throw rangeError(year);
    const span = this.toYear - this.fromYear + 1;
    let from = this.fromYear;
    let to = this.toYear;
    if (year < from) from = Math.max(MIN_SUPPORTED_YEAR, Math.min(year, from - span));
    if (year > to) to = Math.min(MAX_SUPPORTED_YEAR, Math.max(year, to + span));
    if (from !== this.fromYear || to !== this.toYear) this.rebuild(from, to);
  }

  /** Makes sure a day is tabulated; throws for non-integers and unsupported years. */
  private cover(day: EpochDay): void {
    if (day >= this.start && day < this.end) {
      if (!Number.isInteger(day)) throw new RangeError(`not an integer epoch day: ${day}`);
      return;
    }
    if (!Number.isInteger(day)) throw new RangeError(`not an integer epoch day: ${day}`);
    this.growTo(yearOf(day));
  }

  supports(day: EpochDay): boolean {
    if (!Number.isInteger(day)) return false;
    const y = yearOf(day);
    return y >= MIN_SUPPORTED_YEAR && y <= MAX_SUPPORTED_YEAR;
  }

  isBusinessDay(day: EpochDay): boolean {
    const f = this.flags[day - this.start];
    if (f !== undefined) return (f & BUSINESS) !== 0;
    this.cover(day);
    return ((this.flags[day - this.start] ?? 0) & BUSINESS) !== 0;
  }

  isWeekend(day: EpochDay): boolean {
    this.cover(day);
    return ((this.flags[day - this.start] ?? 0) & WEEKEND) !== 0;
  }

  holidayNames(day: EpochDay): readonly string[] {
    this.cover(day);
    return this.namesOf(day);
  }

  private coverInterval(from: EpochDay, to: EpochDay): void {
    this.cover(from);
    if (to > from) this.cover(to - 1);
  }

  holidaysBetween(from: EpochDay, to: EpochDay): HolidayEntry[] {
    this.coverInterval(from, to);
    const out: HolidayEntry[] = [];
    for (let d = from; d < to; d++) {
      if (((this.flags[d - this.start] ?? 0) & (BUSINESS | WEEKEND)) === 0) out.push({ day: d, names: this.namesOf(d) });
    }
    return out;
  }

  businessDaysBetween(from: EpochDay, to: EpochDay): EpochDay[] {
    this.coverInterval(from, to);
    const out: EpochDay[] = [];
    for (let d = from; d < to; d++) if (((this.flags[d - this.start] ?? 0) & BUSINESS) !== 0) out.push(d);
    return out;
  }

  countBusinessDays(from: EpochDay, to: EpochDay): number {
    if (to < from) return -this.countBusinessDays(to, from);
    this.coverInterval(from, to);
    const cum = this.counts();
    return (cum[to - this.start] ?? 0) - (cum[from - this.start] ?? 0);
  }

  /** First index k with cum[k] >= target (cum is non-decreasing and cum[last] >= target). */
  private lowerBound(target: number): number {
    const cum = this.counts();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  addBusinessDays(day: EpochDay, n: number): EpochDay {
    if (!Number.isInteger(n)) throw new RangeError(`not an integer number of business days: ${n}`);
    this.cover(day);
    if (n === 0) return day;
    if (Math.abs(n) <= WALK) return this.walk(day, n);
    // Business day number v (1-based from the table start) is at index k - 1 for the first k with cum[k] >= v.
    for (;;) {
      const i = day - this.start;
      const cum = this.counts();
      const v = n > 0 ? (cum[i + 1] ?? 0) + n : (cum[i] ?? 0) + n + 1;
      if (v > this.businessDayCount) {
        if (this.toYear >= MAX_SUPPORTED_YEAR) throw rangeError(MAX_SUPPORTED_YEAR + 1);
        this.growTo(this.toYear + 1);
      } else if (v < 1) {
        if (this.fromYear <= MIN_SUPPORTED_YEAR) throw rangeError(MIN_SUPPORTED_YEAR - 1);
        this.growTo(this.fromYear - 1);
      } else {
        return this.start + this.lowerBound(v) - 1;
      }
    }
  }

  /**
   * {@link addBusinessDays} for a few days, day by day over the flags (no prefix sums needed): the same day, and
   * the same range error at the end of the supported years.
   */
  private walk(day: EpochDay, n: number): EpochDay {
    const step = n > 0 ? 1 : -1;
    let d = day;
    for (let left = Math.abs(n); left > 0;) {
      d += step;
      if (d >= this.end) {
        if (this.toYear >= MAX_SUPPORTED_YEAR) throw rangeError(MAX_SUPPORTED_YEAR + 1);
        this.growTo(this.toYear + 1);
      } else if (d < this.start) {
        if (this.fromYear <= MIN_SUPPORTED_YEAR) throw rangeError(MIN_SUPPORTED_YEAR - 1);
        this.growTo(this.fromYear - 1);
      }
      if (((this.flags[d - this.start] ?? 0) & BUSINESS) !== 0) left--;
    }
    return d;
  }

  private following(day: EpochDay): EpochDay {
    return this.isBusinessDay(day) ? day : this.addBusinessDays(day, 1);
  }

  private preceding(day: EpochDay): EpochDay {
    return this.isBusinessDay(day) ? day : this.addBusinessDays(day, -1);
  }

  adjust(day: EpochDay, convention: BusinessDayConvention): EpochDay {
    switch (convention) {
      case "unadjusted":
        this.cover(day);
        return day;
      case "following":
        return this.following(day);
      case "preceding":
        return this.preceding(day);
      case "modified-following": {
        const f = this.following(day);
        if (sameMonth(f, day)) return f;
        const p = this.preceding(day);
        return sameMonth(p, day) ? p : f;
      }
      case "modified-preceding": {
        const p = this.preceding(day);
        if (sameMonth(p, day)) return p;
        const f = this.following(day);
        return sameMonth(f, day) ? f : p;
      }
      default:
        throw new RangeError(`unknown business-day convention: ${String(convention as unknown)}`);
    }
  }
}

function checkYears(fromYear: number, toYear: number): CalendarError | undefined {
  for (const y of [fromYear, toYear]) {
    if (!Number.isInteger(y) || y < MIN_SUPPORTED_YEAR || y > MAX_SUPPORTED_YEAR) {
      return { kind: "out-of-range", year: y, minYear: MIN_SUPPORTED_YEAR, maxYear: MAX_SUPPORTED_YEAR };
    }
  }
  return undefined;
}

/**
 * Builds an engine for a calendar, tabulating the years [fromYear, toYear] (inclusive; swapped if
 * given in reverse). Fails with `unknown-calendar`, `calendar-cycle`, `invalid-calendar`,
 * `out-of-range` (years outside the supported range) or `no-business-days` (none in the whole range).
 */
export function buildCalendar(cal: Calendar, resolve: CalendarResolver, fromYear: number, toYear: number): CalendarResult<CalendarEngine> {
  const yearError = checkYears(fromYear, toYear);
  if (yearError) return fail(yearError);
  const node = link(cal, resolve);
  if (!node.ok) return node;
  const engine = new TableEngine(node.value, Math.min(fromYear, toYear), Math.max(fromYear, toYear));
  if (!engine.hasBusinessDay) return fail({ kind: "no-business-days", calendar: cal.name });
  return ok(engine);
}

function naiveIsHoliday(node: Node, day: EpochDay, year: number): boolean {
  for (const h of observedHolidays(node.cal.holidays, node.weekend, year - 1, year + 1)) if (h.day === day) return true;
  return node.basedOn.some((b) => naiveIsHoliday(b, day, year));
}

function naiveIsBusiness(node: Node, day: EpochDay, year: number): boolean {
  if (((node.weekend >> weekdayOf(day)) & 1) === 1) return false;
  if (naiveIsHoliday(node, day, year)) return false;
  if (node.joint === undefined) return true;
  return node.joint.mode === "all"
    ? node.joint.members.every((m) => naiveIsBusiness(m, day, year))
    : node.joint.members.some((m) => naiveIsBusiness(m, day, year));
}

/**
 * Decides one day by resolving, validating and evaluating every rule from scratch, with no table:
 * the slow baseline for benchmarks and the oracle for property tests. Same errors as {@link buildCalendar}.
 */
export function isBusinessDayNaive(cal: Calendar, resolve: CalendarResolver, day: EpochDay): CalendarResult<boolean> {
  if (!Number.isInteger(day)) return fail({ kind: "invalid-day", day });
  const year = yearOf(day);
  const yearError = checkYears(year, year);
  if (yearError) return fail(yearError);
  const node = link(cal, resolve);
  if (!node.ok) return node;
  return ok(naiveIsBusiness(node.value, day, year));
}

/**
 * Builds engines by name on demand and keeps them, for a compiler or settlement run that asks about
 * the same few calendars many times. Every engine starts with the same tabulated years.
 */
export class CalendarEngines {
  private readonly cache = new Map<string, CalendarResult<CalendarEngine>>();

  constructor(
    private readonly resolve: CalendarResolver,
    private readonly fromYear: number,
    private readonly toYear: number,
  ) {}

  /** The engine for a calendar name, or why there is none. */
  get(name: string): CalendarResult<CalendarEngine> {
    let r = this.cache.get(name);
    if (r === undefined) {
      const cal = this.resolve(name);
      r = cal ? buildCalendar(cal, this.resolve, this.fromYear, this.toYear) : fail({ kind: "unknown-calendar", name });
      this.cache.set(name, r);
    }
    return r;
  }
}
