/**
 * Evaluation of holiday rules into observed holiday dates, shared by the tabulating engine and the
 * naive per-query evaluator: nominal dates per year (fixed, nth/last weekday, Easter-relative,
 * one-off), year filters, then observance (shift, or UK-style substitute days placed after every
 * holiday that needs no moving). Observance can cross a year boundary (New Year's Day on Saturday
 * 1 Jan 2022 observed on Friday 31 Dec 2021), so callers evaluate one year beyond each end of the
 * range they need and keep only the observed dates inside it.
 */
import type { EpochDay } from "./dates.js";
import { easterSunday, fromCivil, isValidCivil, lastWeekdayOfMonth, nthWeekdayOfMonth, parseIsoDate, weekdayOf, yearOf } from "./dates.js";
import type { HolidayRule } from "./model.js";

/** One observed holiday: the day it is observed on and the rule's name. */
export interface ObservedHoliday {
  readonly day: EpochDay;
  readonly name: string;
}

/** A bit mask of ISO weekdays (bit `1 << weekday`) from a weekend list. */
export function weekendMask(weekend: readonly number[]): number {
  let mask = 0;
  for (const w of weekend) mask |= 1 << w;
  return mask;
}

function appliesIn(rule: HolidayRule, year: number): boolean {
  if (rule.fromYear !== undefined && year < rule.fromYear) return false;
  if (rule.untilYear !== undefined && year > rule.untilYear) return false;
  return !(rule.exceptYears?.includes(year) ?? false);
}

/** Nominal (unobserved) dates of a rule whose own year lies in [fromYear, toYear], in date order. */
export function nominalDates(rule: HolidayRule, fromYear: number, toYear: number): EpochDay[] {
  const out: EpochDay[] = [];
  const d = rule.date;
  if (d.kind === "oneOff") {
    for (const s of d.dates) {
      const day = parseIsoDate(s);
      if (day === undefined) continue;
      const y = yearOf(day);
      if (y >= fromYear && y <= toYear && appliesIn(rule, y)) out.push(day);
    }
    return out.sort((a, b) => a - b);
  }
  for (let y = fromYear; y <= toYear; y++) {
    if (!appliesIn(rule, y)) continue;
    let day: EpochDay | undefined;
    switch (d.kind) {
      case "fixed":
        day = isValidCivil(y, d.month, d.day) ? fromCivil(y, d.month, d.day) : undefined;
        break;
      case "nthWeekday":
        day = nthWeekdayOfMonth(y, d.month, d.n, d.weekday);
        break;
      case "lastWeekday":
        day = lastWeekdayOfMonth(y, d.month, d.weekday);
        break;
      case "easter":
        day = easterSunday(y) + d.offsetDays;
        break;
    }
    if (day !== undefined) out.push(day);
  }
  return out;
}

function shifted(rule: HolidayRule, day: EpochDay): EpochDay {
  const o = rule.observance;
  if (o?.kind !== "shift") return day;
  const wd = weekdayOf(day);
  if (wd === 6) {
    const to = o.saturday ?? "friday";
    return to === "friday" ? day - 1 : to === "monday" ? day + 2 : day;
  }
  if (wd === 7) {
    const to = o.sunday ?? "monday";
    return to === "monday" ? day + 1 : to === "friday" ? day - 2 : day;
  }
  return day;
}

/**
 * Observed holidays of a rule list for nominal years [fromYear, toYear], in no particular order.
 * `weekend` is the calendar's weekday mask (see {@link weekendMask}); it must leave at least one weekday.
 */
export function observedHolidays(rules: readonly HolidayRule[], weekend: number, fromYear: number, toYear: number): ObservedHoliday[] {
  const out: ObservedHoliday[] = [];
  const pending: { day: EpochDay; name: string; order: number }[] = [];
  const taken = new Set<EpochDay>();
  const isWeekend = (day: EpochDay): boolean => ((weekend >> weekdayOf(day)) & 1) === 1;
  rules.forEach((rule, order) => {
    const substitute = rule.observance?.kind === "substitute";
    for (const nominal of nominalDates(rule, fromYear, toYear)) {
      if (substitute && isWeekend(nominal)) {
        pending.push({ day: nominal, name: rule.name, order });
      } else {
        const day = shifted(rule, nominal);
        out.push({ day, name: rule.name });
        taken.add(day);
      }
    }
  });
  pending.sort((a, b) => a.day - b.day || a.order - b.order);
  // With no weekday at all there is nowhere to move to; keep such holidays on their dates.
  const noWeekday = (weekend & 0b1111_1110) === 0b1111_1110;
  for (const p of pending) {
    if (noWeekday) {
      out.push({ day: p.day, name: p.name });
      continue;
    }
    let day = p.day + 1;
    while (isWeekend(day) || taken.has(day)) day++;
    taken.add(day);
    out.push({ day, name: p.name });
  }
  return out;
}
