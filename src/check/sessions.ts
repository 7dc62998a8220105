/**
 * The trading schedule of a contract (`trading hours …`, `trading closed "…" on …`, `early close "…" at … on …`):
 * the fixed words of the phrases (E2120), weekdays and times, windows that never trade (E4120), and named days that
 * change sessions a contract does not state (E5120). The lowering of both statements lives here too and is shared with
 * model/from-checked.ts, so that a trading schedule means one thing in the checker and the compiled spec.
 */
import { Codes, diag } from "../diagnostics/index.js";
import { parseLocalTime } from "../runtime/calendar/index.js";
import type { TradingHours } from "../runtime/spec.js";
import type * as A from "../syntax/ast.js";
import { lowerHoliday } from "./lower-calendar.js";
import type { CheckedRecord, LoweredSessionChange } from "./checked.js";
import type { Report } from "./program.js";
import { weekday } from "./words.js";

/** The whole phrase a fixed word belongs to, as a hint. */
const PHRASES: Readonly<Record<string, string>> = {
  hours:
    "trading hours read `trading hours Sunday to Friday 17:00 to 16:00 America/Chicago, with a break of 60 minutes each day beginning at 16:00` or `trading hours 24 hours a day, 7 days a week in America/Chicago`",
  closed: 'a day without trading reads `trading closed "Christmas Day" on 25 December`',
  close: 'an early close reads `early close "Christmas Eve" at 12:15 on 24 December`',
};

/** Reports the fixed words of a phrase that are not the phrase's words (E2120). */
function checkWords(words: readonly A.FixedWord[], report: Report, ctx: readonly string[]): boolean {
  let ok = true;
  for (const w of words) {
    if (w.word.name === w.expected || w.word.name === "") continue;
    report(
      diag(Codes.SessionWord, w.word.span, `expected \`${w.expected}\` here, not \`${w.word.name}\``, {
        context: ctx,
        hint: PHRASES[w.expected] ?? PHRASES["hours"],
      }),
    );
    ok = false;
  }
  return ok;
}

/** Seconds after midnight of a time literal (00:00–23:59:59), or undefined. */
function seconds(t: A.TimeLit | undefined): number | undefined {
  return t?.value === undefined ? undefined : parseLocalTime(t.value);
}

const WEEK = 7 * 86400;

/** Lowers `trading hours …`; undefined when a part is wrong (reported) or missing (reported by the parser). */
export function lowerTradingHours(s: A.TradingHoursStmt, report: Report, ctx: readonly string[]): TradingHours | undefined {
  let ok = checkWords(s.words, report, ctx);
  if (s.zone === undefined) return undefined;
  let dailyBreak: TradingHours["dailyBreak"];
  if (s.breakMinutes !== undefined || s.breakBegins !== undefined) {
    const begins = seconds(s.breakBegins);
    const m = s.breakMinutes?.value;
    const minutes = m !== undefined && /^\d+$/.test(m) ? Number(m) : undefined;
    if (minutes === undefined || minutes < 1 || minutes > 1439) {
      if (s.breakMinutes !== undefined) {
        report(
          diag(
            Codes.EmptyTradingHours,
            s.breakMinutes.span,
            `a daily break lasts a whole number of minutes from 1 to 1439, not \`${s.breakMinutes.raw}\``,
            {
              context: ctx,
            },
          ),
        );
      }
      ok = false;
    } else if (begins === undefined) ok = false;
    else dailyBreak = { begins: s.breakBegins!.value!, minutes };
  }
  let week: TradingHours["week"];
  if (s.days !== undefined) {
    const opensOn = weekday(s.days.from, report, ctx);
    const closesOn = weekday(s.days.to, report, ctx);
    const opens = seconds(s.opens);
    const closes = seconds(s.closes);
    if (opensOn === undefined || closesOn === undefined || opens === undefined || closes === undefined) return undefined;
    const length = ((closesOn - opensOn) * 86400 + closes - opens + WEEK) % WEEK;
    if (length === 0) {
      report(
        diag(Codes.EmptyTradingHours, s.span, "the weekly window opens and closes at the same time of the week", {
          context: ctx,
          hint: "write `24 hours a day, 7 days a week in ZONE` for trading around the clock",
        }),
      );
      return undefined;
    }
    week = { opensOn, opens: s.opens!.value!, closesOn, closes: s.closes!.value! };
  } else if (s.always !== undefined) {
    for (const [n, want] of [
      [s.always.hours, "24"],
      [s.always.days, "7"],
    ] as const) {
      if (n !== undefined && n.value !== want) {
        report(
          diag(Codes.EmptyTradingHours, n.span, `around the clock is \`24 hours a day, 7 days a week\`, not \`${n.raw}\``, {
            context: ctx,
          }),
        );
        ok = false;
      }
    }
  } else return undefined;
  if (!ok) return undefined;
  return { zone: s.zone.name, ...(week === undefined ? {} : { week }), ...(dailyBreak === undefined ? {} : { dailyBreak }) };
}

/** Lowers `trading closed …` or `early close …`; undefined when a part is wrong (reported). */
export function lowerSessionChange(s: A.SessionChangeStmt, report: Report, ctx: readonly string[]): LoweredSessionChange | undefined {
  const ok = checkWords(s.words, report, ctx);
  // The grammar reads a session day's name as optional, and lowerHoliday takes a missing name as one the parser has
  // already reported (as it does for a holiday): so the missing name is reported here.
  if (s.name === undefined) {
    report(
      diag(Codes.InvalidName, s.span, "a day that changes the trading sessions needs a name, as a holiday does", {
        context: ctx,
        hint: 'name it, e.g. `trading closed "Good Friday" on 2 days before Easter`',
      }),
    );
    return undefined;
  }
  const holiday: A.HolidayStmt = {
    kind: "Holiday",
    name: s.name,
    date: s.date,
    fromYear: s.fromYear,
    untilYear: s.untilYear,
    exceptYears: s.exceptYears,
    observance: s.observance,
    annotations: s.annotations,
    span: s.span,
  };
  const day = lowerHoliday(holiday, report, ctx);
  if (s.closes !== undefined && seconds(s.closes) === undefined) return undefined;
  if (day === undefined || !ok) return undefined;
  return { day, shiftDays: s.shift === "before" ? -1 : s.shift === "after" ? 1 : 0, closes: s.closes?.value ?? null };
}

/** Checks a contract's trading hours and session changes. */
export function checkSessions(decl: A.Declaration, report: Report, context: readonly string[], record?: CheckedRecord): void {
  let hours = false;
  for (const s of decl.statements) {
    if (s.kind === "TradingHours") {
      hours = true;
      const lowered = lowerTradingHours(s, report, [...context, "trading hours"]);
      if (lowered !== undefined) record?.tradingHoursLowered(s, lowered);
    }
  }
  for (const s of decl.statements) {
    if (s.kind !== "SessionChange") continue;
    const ctx = [...context, s.closes === undefined ? "trading closed" : "early close"];
    const lowered = lowerSessionChange(s, report, ctx);
    if (lowered !== undefined) record?.sessionChangeLowered(s, lowered);
    if (!hours) {
      report(
        diag(
          Codes.SessionChangeWithoutHours,
          s.span,
          "this day changes the contract's sessions, but the contract states no trading hours",
          {
            context: ctx,
            hint: "add `trading hours …`, e.g. `trading hours Sunday to Friday 17:00 to 16:00 America/Chicago`",
          },
        ),
      );
    }
  }
}
