/**
 * Lowering of calendars and date rules from the AST to the runtime's plain-JSON model (runtime/calendar/model.ts
 * and date-rules.ts). The checker uses it to build calendar engines and evaluate last trading days; the model stage
 * reuses the same functions, so a calendar means exactly one thing. Lowering validates what it reads (words,
 * years, day numbers) and reports through `report`; a part it cannot lower is left out and the rest is kept.
 *
 * Defaults, stated once: a calendar without a `weekend` clause has Saturday and Sunday as its weekend, except a
 * joint calendar, whose weekend comes from its members; a joint calendar without a `time zone` takes its first
 * member's zone. A calendar whose zone is missing or unknown (reported by the names check) is lowered with "UTC"
 * so business days can still be checked; the model stage only runs on programs without errors.
 * In observances, `observed Sunday as Monday` alone leaves a Saturday holiday where it is (NYSE New Year's Day).
 * A date rule without `adjusted …` is unadjusted.
 */
import { COUNT_BOUNDS } from "../runtime/bounds.js";
import { cover, type Span } from "../base/source.js";
import { Codes, diag } from "../diagnostics/index.js";
import {
  MAX_SUPPORTED_YEAR,
  MIN_SUPPORTED_YEAR,
  daysInMonth,
  isValidTimeZone,
  nthWeekdayOfMonth,
  type BusinessDayConvention,
  type BusinessDayShift,
  type Calendar,
  type DateAnchor as RuntimeAnchor,
  type DateRule as RuntimeDateRule,
  type HolidayDate as RuntimeHolidayDate,
  type HolidayRule,
  type Observance as RuntimeObservance,
  type ShiftObservance,
  type WeeklyDateRule,
} from "../runtime/calendar/index.js";
import { triggerProblem } from "../runtime/calendar/index.js";
import type * as A from "../syntax/ast.js";
import type { Report } from "./program.js";
import { MONTHS, NOT_LISTED_WORDS, WEEKDAYS, convention, month, ordinal, weekday, word, wordsOf } from "./words.js";

/** How lowering finds what a calendar refers to. */
export interface CalendarLowering {
  readonly report: Report;
  /** Context path of the declaration, e.g. ["calendar NYSE"]. */
  readonly context?: readonly string[];
  /**
   * The name of the calendar a reference denotes, or undefined when it does not resolve (the names check reported
   * it); unresolved references are left out. Defaults to the name as written.
   */
  readonly resolveCalendar?: (ref: A.Ident) => string | undefined;
  /** The time zone of a calendar by name, for a joint calendar that does not state its own. */
  readonly zoneOf?: (name: string) => string | undefined;
  /** Told of each holiday rule kept, with its statement (the checked record keeps the pairs for the lowering). */
  readonly onHoliday?: (rule: HolidayRule, statement: A.HolidayStmt) => void;
}

const NUMBER = /^-?\d+$/;

/** The integer value of a number literal, or undefined when it is missing or not a whole number. */
function integer(n: A.NumberLit | undefined): number | undefined {
  if (n?.value === undefined || !NUMBER.test(n.value)) return undefined;
  const v = Number(n.value);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Lowers a calendar declaration; undefined only when it has no name. */
export function lowerCalendar(decl: A.CalendarDecl, opts: CalendarLowering): Calendar | undefined {
  if (decl.name === undefined) return undefined;
  const ctx = opts.context ?? [`calendar ${decl.name.name}`];
  const refs = (ids: readonly A.Ident[]): string[] => {
    const out: string[] = [];
    for (const id of ids) {
      const name = opts.resolveCalendar ? opts.resolveCalendar(id) : id.name;
      if (name !== undefined && !out.includes(name)) out.push(name);
    }
    return out;
  };

  let zone: string | undefined;
  let weekend: number[] | undefined;
  const holidays: HolidayRule[] = [];
  const basedOn: string[] = [];
  let joint: Calendar["joint"];
  for (const s of decl.statements) {
    switch (s.kind) {
      case "TimeZone":
        zone ??= s.zone?.name;
        break;
      case "Weekend": {
        const days: number[] = [];
        for (const d of s.days) {
          const w = weekday(d, opts.report, [...ctx, "weekend"]);
          if (w !== undefined && !days.includes(w)) days.push(w);
        }
        weekend ??= days.sort((a, b) => a - b);
        break;
      }
      case "Holiday": {
        const rule = lowerHoliday(s, opts.report, [...ctx, s.name ? `holiday "${s.name.value}"` : "holiday"]);
        if (rule !== undefined) {
          holidays.push(rule);
          opts.onHoliday?.(rule, s);
        }
        break;
      }
      case "BasedOn":
        for (const r of refs(s.calendars)) if (!basedOn.includes(r)) basedOn.push(r);
        break;
      case "Joint":
        joint ??= { mode: s.mode, calendars: refs(s.calendars) };
        break;
      default:
        // Statements a calendar does not allow are reported by the names check.
        break;
    }
  }
  if (zone === undefined && joint !== undefined) {
    for (const m of joint.calendars) {
      zone = opts.zoneOf?.(m);
      if (zone !== undefined) break;
    }
  }
  const cal: {
    name: string;
    timeZone: string;
    weekend: readonly number[];
    holidays: readonly HolidayRule[];
    basedOn?: readonly string[];
    joint?: Calendar["joint"];
  } = {
    name: decl.name.name,
    timeZone: zone !== undefined && isValidTimeZone(zone) ? zone : "UTC",
    weekend: weekend ?? (joint !== undefined ? [] : [6, 7]),
    holidays,
  };
  if (basedOn.length > 0) cal.basedOn = basedOn;
  if (joint !== undefined) cal.joint = joint;
  return cal;
}

/** Validates a year of a holiday rule (E4005 when it is outside the years the engine supports). */
function year(n: A.NumberLit | undefined, report: Report, ctx: readonly string[]): number | undefined {
  // A malformed number (value undefined) was reported by the parser.
  if (n?.value === undefined) return undefined;
  const y = integer(n);
  if (y === undefined || y < MIN_SUPPORTED_YEAR || y > MAX_SUPPORTED_YEAR) {
    report(
      diag(Codes.InvalidYearRange, n.span, `\`${n.raw}\` is not a year between ${MIN_SUPPORTED_YEAR} and ${MAX_SUPPORTED_YEAR}`, {
        context: ctx,
      }),
    );
    return undefined;
  }
  return y;
}

/** Lowers one `holiday` statement; undefined when its date cannot be lowered (the reason is reported). */
export function lowerHoliday(s: A.HolidayStmt, report: Report, ctx: readonly string[]): HolidayRule | undefined {
  const fromYear = year(s.fromYear, report, ctx);
  const untilYear = year(s.untilYear, report, ctx);
  let bad = (s.fromYear !== undefined && fromYear === undefined) || (s.untilYear !== undefined && untilYear === undefined);
  if (s.name === undefined) bad = true;
  else if (s.name.value === "") {
    // A holiday is known by its name in calendars, certificates and the readable contract.
    report(
      diag(Codes.InvalidName, s.name.span, "a holiday needs a name", { context: ctx, hint: 'name it, e.g. `holiday "Christmas Day"`' }),
    );
    bad = true;
  }
  if (fromYear !== undefined && untilYear !== undefined && untilYear < fromYear) {
    report(
      diag(
        Codes.InvalidYearRange,
        cover(s.fromYear!.span, s.untilYear!.span),
        `the years run from ${fromYear} until ${untilYear}, which ends before it starts`,
        {
          context: ctx,
          hint: `write \`from ${untilYear} until ${fromYear}\``,
        },
      ),
    );
    bad = true;
  }
  const exceptYears: number[] = [];
  for (const e of s.exceptYears) {
    const y = year(e, report, ctx);
    if (y === undefined) bad = true;
    else if (!exceptYears.includes(y)) exceptYears.push(y);
  }
  const date = lowerHolidayDate(s.date, report, ctx, { fromYear, untilYear, exceptYears });
  const observance = lowerObservance(s.observance, report, ctx);
  if (date === undefined || observance === null || bad) return undefined;
  const rule: {
    name: string;
    date: RuntimeHolidayDate;
    observance?: RuntimeObservance;
    fromYear?: number;
    untilYear?: number;
    exceptYears?: readonly number[];
  } = { name: s.name?.value ?? "", date };
  if (observance !== undefined) rule.observance = observance;
  if (fromYear !== undefined) rule.fromYear = fromYear;
  if (untilYear !== undefined) rule.untilYear = untilYear;
  if (exceptYears.length > 0) rule.exceptYears = exceptYears.sort((a, b) => a - b);
  return rule;
}

interface YearBounds {
  readonly fromYear: number | undefined;
  readonly untilYear: number | undefined;
  readonly exceptYears: readonly number[];
}

function ordinalWord(n: number): string {
  return ["", "first", "second", "third", "fourth", "fifth"][n] ?? String(n);
}

function lowerHolidayDate(
  d: A.HolidayDate | undefined,
  report: Report,
  ctx: readonly string[],
  years: YearBounds,
): RuntimeHolidayDate | undefined {
  if (d === undefined) return undefined;
  switch (d.kind) {
    case "FixedDate": {
      // Parts missing or malformed come from error recovery and were reported by the parser.
      if (d.day?.value === undefined || d.month === undefined) return undefined;
      const m = month(d.month, report, ctx);
      const day = integer(d.day);
      if (d.day !== undefined && (day === undefined || day < 1 || day > 31)) {
        report(diag(Codes.InvalidDate, d.day.span, `\`${d.day.raw}\` is not a day of a month`, { context: ctx }));
        return undefined;
      }
      if (m === undefined || day === undefined) return undefined;
      // 29 February is accepted: it occurs in leap years.
      if (day > daysInMonth(2000, m)) {
        const name = wordsOf(MONTHS)[m - 1]!;
        report(
          diag(Codes.InvalidDate, d.span, `${day} ${name} does not exist: ${name} has ${daysInMonth(2000, m)} days`, {
            context: ctx,
          }),
        );
        return undefined;
      }
      return { kind: "fixed", month: m, day };
    }
    case "NthWeekday": {
      if (d.ordinal === undefined || d.weekday === undefined || d.month === undefined) return undefined;
      const n = ordinal(d.ordinal, report, ctx);
      const w = weekday(d.weekday, report, ctx);
      const m = month(d.month, report, ctx);
      if (n === undefined || w === undefined || m === undefined) return undefined;
      if (n === -1) return { kind: "lastWeekday", weekday: w, month: m };
      if (n === 5 && years.fromYear !== undefined && years.untilYear !== undefined && years.untilYear - years.fromYear < 400) {
        let occurs = false;
        for (let y = years.fromYear; y <= years.untilYear && !occurs; y++) {
          if (!years.exceptYears.includes(y) && nthWeekdayOfMonth(y, m, n, w) !== undefined) occurs = true;
        }
        if (!occurs) {
          const names = wordsOf(WEEKDAYS);
          report(
            diag(
              Codes.NthWeekdayMissing,
              d.span,
              `no ${wordsOf(MONTHS)[m - 1]!} from ${years.fromYear} until ${years.untilYear} has a ${ordinalWord(n)} ${names[w - 1]!}, so this holiday never occurs`,
              { context: ctx, hint: `did you mean \`the last ${names[w - 1]!} of ${wordsOf(MONTHS)[m - 1]!}\`?` },
            ),
          );
          return undefined;
        }
      }
      return { kind: "nthWeekday", n, weekday: w, month: m };
    }
    case "EasterRelative": {
      if (d.direction === "on") return { kind: "easter", offsetDays: 0 };
      if (d.offset?.value === undefined) return undefined;
      const n = integer(d.offset);
      if (n === undefined || n < 0 || n > 366) {
        if (d.offset !== undefined) {
          report(diag(Codes.InvalidDate, d.offset.span, `\`${d.offset.raw}\` is not a number of days within a year`, { context: ctx }));
        }
        return undefined;
      }
      return { kind: "easter", offsetDays: d.direction === "before" ? -n : n };
    }
    case "OneOff": {
      // Invalid date literals were reported by the parser (E1005) and are left out.
      const dates = [...new Set(d.dates.map((x) => x.value).filter((v): v is string => v !== undefined))].sort();
      return dates.length > 0 ? { kind: "oneOff", dates } : undefined;
    }
  }
}

type Side = "friday" | "monday" | "none";

/** Lowers an observance; undefined for none, null when it is invalid (reported). */
function lowerObservance(o: A.Observance | undefined, report: Report, ctx: readonly string[]): RuntimeObservance | undefined | null {
  if (o === undefined) return undefined;
  if (o.kind === "SubstituteObservance") return { kind: "substitute" };
  let saturday: Side = "none";
  let sunday: Side = "none";
  let ok = true;
  for (const sh of o.shifts) {
    const from = weekday(sh.from, report, ctx);
    const to = weekday(sh.to, report, ctx);
    if (from === undefined || to === undefined) {
      ok = false;
      continue;
    }
    if (from !== 6 && from !== 7) {
      report(
        diag(
          Codes.UnknownWord,
          sh.from!.span,
          `only a holiday on a Saturday or Sunday is observed on another day, not one on ${sh.from!.name}`,
          {
            context: ctx,
            hint: "write `observed Saturday as Friday, Sunday as Monday`",
          },
        ),
      );
      ok = false;
      continue;
    }
    if (to !== 5 && to !== 1) {
      report(
        diag(
          Codes.UnknownWord,
          sh.to!.span,
          `a weekend holiday is observed on the Friday before or the Monday after, not on ${sh.to!.name}`,
          {
            context: ctx,
          },
        ),
      );
      ok = false;
      continue;
    }
    if (from === 6) saturday = to === 5 ? "friday" : "monday";
    else sunday = to === 1 ? "monday" : "friday";
  }
  if (!ok) return null;
  const shift: ShiftObservance = { kind: "shift", saturday, sunday };
  return shift;
}

// ------------------------------------------------------------------------------------------------------------
// Date rules.

/** A rule anchored in the contract week; defined and evaluated by the runtime (date-rules.ts). */
export type { WeeklyDateRule } from "../runtime/calendar/index.js";
/** Evaluates a weekly rule for a contract week; see the runtime's date-rules.ts. */
export { evaluateWeeklyRule } from "../runtime/calendar/index.js";

/** A lowered date rule: monthly rules are the runtime's DateRule, weekly rules a {@link WeeklyDateRule}. */
export type LoweredDateRule =
  { readonly kind: "monthly"; readonly rule: RuntimeDateRule } | { readonly kind: "weekly"; readonly rule: WeeklyDateRule };

/** Options of {@link lowerDateRule}. */
export interface DateRuleLowering {
  readonly report: Report;
  readonly context?: readonly string[];
  /** The calendar name the rule's `on CAL` denotes; undefined when it does not resolve. Defaults to the name as written. */
  readonly resolveCalendar?: (ref: A.Ident) => string | undefined;
}

function weekPhrase(span: Span, report: Report, ctx: readonly string[], what: string): undefined {
  report(
    diag(Codes.InvalidDate, span, `the contract week has no ${what}: a week anchors only \`the <weekday> of the contract week\``, {
      context: ctx,
      hint: "write e.g. `the Friday of the contract week`",
    }),
  );
  return undefined;
}

/**
 * `not listed when not a business day`: its words, and a weekly anchor to stand on (E4275: a month always has a
 * last trading day; only a weekly series skips the weeks whose day is closed). False when reported.
 */
function notListedWords(n: NonNullable<A.DateRule["notListed"]>, weeklyAnchor: boolean, report: Report, ctx: readonly string[]): boolean {
  let ok = true;
  n.words.forEach((w, i) => {
    if (word(NOT_LISTED_WORDS[i]!, w, report, ctx) === undefined) ok = false;
  });
  if (!ok) return false;
  if (weeklyAnchor) return true;
  report(
    diag(Codes.NotListedNeedsWeek, n.span, "`not listed when not a business day` needs `the WEEKDAY of the contract week`", {
      context: ctx,
      notes: ["only a weekly series skips a week whose day is not a business day; a monthly rule adjusts its day instead"],
      hint: "write `, adjusted preceding` (or following) to move the day to a business day",
    }),
  );
  return false;
}

/**
 * `when not a business day on CALENDAR`: its words, a rule it can stand on (E4351: a day of the month, unshifted, not
 * `not listed`; E4350: `adjusted preceding` or `following`, by the runtime's one invariant), and its calendar
 * (resolved as the rule's own). The trigger calendar's name, undefined when reported or unresolved.
 */
function whenClause(r: A.DateRule, rule: RuntimeDateRule | undefined, opts: DateRuleLowering, ctx: readonly string[]): string | undefined {
  const w = r.when!;
  const report = opts.report;
  let ok = true;
  w.words.forEach((x, i) => {
    if (word(NOT_LISTED_WORDS[2 + i]!, x, report, ctx) === undefined) ok = false;
  });
  if (!ok || w.calendar === undefined) return undefined;
  const name = opts.resolveCalendar ? opts.resolveCalendar(w.calendar) : w.calendar.name;
  const weeklyOrSkipped = r.anchor?.kind === "WeekdayOfWeek" || r.notListed !== undefined;
  const problem = weeklyOrSkipped
    ? "anchor"
    : rule === undefined
      ? undefined
      : triggerProblem({ ...rule, whenNotBusinessDayOn: name ?? "?" });
  if (problem === "convention") {
    report(
      diag(
        Codes.WhenNotBusinessDayConvention,
        w.span,
        "`when not a business day on …` needs `adjusted preceding` or `adjusted following`",
        {
          context: ctx,
          notes: ["the clause says when the day moves; the convention says where to: to the business day before or after it"],
          hint: "write `, adjusted preceding on CALENDAR when not a business day on OTHER`",
        },
      ),
    );
    return undefined;
  }
  if (problem === "anchor" || problem === "shift") {
    report(
      diag(Codes.WhenNotBusinessDayAnchor, w.span, "`when not a business day on …` tests a day of the month, unshifted", {
        context: ctx,
        notes: [
          "it stands on `the last Friday of the contract month` or `the 25th day of …`: a business-day anchor or a shift already lands on a business day, and a weekly series uses `not listed when not a business day`",
        ],
      }),
    );
    return undefined;
  }
  return name;
}

/** A date rule's `N business days before|after`: the shift (none for 0), or undefined after reporting a bad count. */
function dateShift(s: A.DateRule["shift"], report: Report, ctx: readonly string[]): { readonly shift?: BusinessDayShift } | undefined {
  if (s === undefined) return {};
  const n = integer(s.days);
  if (n === undefined || n < 0) {
    if (s.days !== undefined) {
      report(diag(Codes.InvalidDate, s.days.span, `\`${s.days.raw}\` is not a whole number of business days`, { context: ctx }));
    }
    return undefined;
  }
  if (n > COUNT_BOUNDS.dateShiftDays.max) {
    const max = COUNT_BOUNDS.dateShiftDays.max;
    report(
      diag(Codes.CountTooLarge, s.days!.span, `a date rule shifts by at most ${max} business days, not ${s.days!.raw}`, {
        context: ctx,
        notes: [COUNT_BOUNDS.dateShiftDays.why],
      }),
    );
    return undefined;
  }
  return n > 0 ? { shift: { businessDays: n, direction: s.direction } } : {};
}

/**
 * Lowers a date rule such as `2 business days before the third Friday of the contract month, adjusted preceding on
 * NYSE`. Undefined when a part is invalid (reported) or when the rule names no calendar (nothing to evaluate on).
 */
export function lowerDateRule(r: A.DateRule | undefined, opts: DateRuleLowering): LoweredDateRule | undefined {
  if (r === undefined || r.anchor === undefined) return undefined;
  const ctx = opts.context ?? [];
  const report = opts.report;
  const conv: BusinessDayConvention | undefined = r.convention === undefined ? "unadjusted" : convention(r.convention, report, ctx);
  const shifted = dateShift(r.shift, report, ctx);
  const shift = shifted?.shift;
  let bad = conv === undefined || shifted === undefined;

  const a = r.anchor;
  let anchor: RuntimeAnchor | undefined;
  let monthOffset = 0;
  let weekly: number | undefined;
  const monthRef = (m: A.MonthRef | undefined, what: string): boolean => {
    if (m === undefined) return false;
    if (m.kind === "ContractWeek") {
      weekPhrase(m.span, report, ctx, what);
      return false;
    }
    monthOffset = m.kind === "MonthBefore" ? -1 : 0;
    return true;
  };
  switch (a.kind) {
    case "WeekdayOfMonth": {
      if (a.ordinal === undefined || a.weekday === undefined || a.month === undefined) return undefined;
      const n = ordinal(a.ordinal, report, ctx);
      const w = weekday(a.weekday, report, ctx);
      const okMonth = monthRef(a.month, `${a.ordinal.name} ${a.weekday?.name ?? "weekday"}`);
      if (n !== undefined && w !== undefined && okMonth)
        anchor = n === -1 ? { kind: "lastWeekday", weekday: w } : { kind: "nthWeekday", n, weekday: w };
      break;
    }
    case "BusinessDayOfMonth": {
      if (a.ordinal === undefined || a.month === undefined) return undefined;
      const n = ordinal(a.ordinal, report, ctx);
      const okMonth = monthRef(a.month, `${a.ordinal.name} business day`);
      if (n !== undefined && okMonth) {
        anchor = n === -1 ? { kind: "lastBusinessDay" } : n === 1 ? { kind: "firstBusinessDay" } : { kind: "nthBusinessDay", n };
      }
      break;
    }
    case "DayOfMonth": {
      if (a.day?.value === undefined || a.month === undefined) return undefined;
      const day = integer(a.day);
      const okMonth = monthRef(a.month, `${a.day?.raw ?? ""} day`);
      if (day === undefined || day < 1 || day > 31) {
        if (a.day !== undefined) report(diag(Codes.InvalidDate, a.day.span, `no month has a ${a.day.raw} day`, { context: ctx }));
      } else if (okMonth) {
        anchor = { kind: "dayOfMonth", day };
      }
      break;
    }
    case "WeekdayOfWeek":
      weekly = weekday(a.weekday, report, ctx);
      break;
  }
  if (r.notListed !== undefined && !notListedWords(r.notListed, a.kind === "WeekdayOfWeek", report, ctx)) bad = true;
  const calendar = r.calendar === undefined ? undefined : opts.resolveCalendar ? opts.resolveCalendar(r.calendar) : r.calendar.name;
  if (bad || conv === undefined || calendar === undefined) return undefined;
  if (weekly !== undefined) {
    const rule: {
      weekday: number;
      convention: BusinessDayConvention;
      calendar: string;
      shift?: BusinessDayShift;
      whenNotBusinessDay?: "not-listed";
    } = { weekday: weekly, convention: conv, calendar };
    if (shift !== undefined) rule.shift = shift;
    if (r.notListed !== undefined) rule.whenNotBusinessDay = "not-listed";
    if (r.when !== undefined) {
      whenClause(r, undefined, opts, ctx);
      return undefined;
    }
    return { kind: "weekly", rule };
  }
  if (anchor === undefined) {
    if (r.when !== undefined && r.notListed !== undefined) whenClause(r, undefined, opts, ctx);
    return undefined;
  }
  const rule: {
    anchor: RuntimeAnchor;
    convention: BusinessDayConvention;
    calendar: string;
    shift?: BusinessDayShift;
    monthOffset?: number;
    whenNotBusinessDayOn?: string;
  } = {
    anchor,
    convention: conv,
    calendar,
  };
  if (monthOffset !== 0) rule.monthOffset = monthOffset;
  if (shift !== undefined) rule.shift = shift;
  if (r.when !== undefined) {
    const trigger = whenClause(r, rule, opts, ctx);
    if (trigger === undefined) return undefined;
    rule.whenNotBusinessDayOn = trigger;
  }
  return { kind: "monthly", rule };
}
