/**
 * The checked program: the facts the checks establish and the lowering to the model (model/from-checked.ts) reads,
 * so that each is computed once, by the check that validates it, and `build` compiles exactly what `check`
 * accepted. The checks fill it as they run (checkProgram returns it):
 * - the names check: the declaration each reference resolves to;
 * - the calendars check: each calendar and each last trading day rule, lowered;
 * - the business-day check: the calendar each rule that counts business days counts on;
 * - the contracts check (sessions.ts): `trading hours` and each session change, lowered;
 * - the index and contract checks: the unit of each unit expression (unit-of.ts remembers it as it resolves it).
 * It is keyed by syntax node, so it holds for any program made of the same declarations: the language service
 * lowers the closure of one declaration from the record of the whole program's check.
 */
import type { Calendar, HolidayRule } from "../runtime/calendar/index.js";
import type * as A from "../syntax/ast.js";
import type { TradingHours } from "../runtime/spec.js";
import type { LoweredDateRule } from "./lower-calendar.js";
import type { Program, Symbol } from "./program.js";
import { checkedUnit, type UnitValue } from "./unit-of.js";

/** A session change lowered: its day as a calendar holiday rule, the shift and the early close (null: closed). */
export interface LoweredSessionChange {
  readonly day: HolidayRule;
  readonly shiftDays: number;
  readonly closes: string | null;
}

/** A calendar as the calendars check lowered it, with the statement each holiday rule comes from. */
export interface CheckedCalendar {
  readonly calendar: Calendar;
  /** One entry per rule of `calendar.holidays`, in order. */
  readonly holidays: readonly { readonly rule: HolidayRule; readonly statement: A.HolidayStmt }[];
}

/**
 * A node of a rule that counts business days (a postponement, an averaging period, a payment delay, an option's
 * expiry before its underlying): the key under which its calendar is recorded.
 */
export type BusinessDayRule =
  Extract<A.FallbackAction, { kind: "Postpone" }> | A.FallbackDeadline | A.AveragingDays | A.PaymentStmt | A.ExpiryStmt;

/** The deadline of a fallback step that states one (`…, within N business days [on CAL]`). */
export function fallbackDeadline(a: A.FallbackAction | undefined): A.FallbackDeadline | undefined {
  return a?.kind === "DealerPoll" || a?.kind === "NegotiatedFallback" || a?.kind === "Determination" ? a.deadline : undefined;
}

/** What the checks established, read by the lowering. */
export interface Checked {
  /** The declaration a reference resolved to (of a kind its place wants); undefined when it did not (reported). */
  reference(ref: A.Ident | undefined): Symbol | undefined;
  /** A calendar declaration that owns its name, lowered. */
  calendar(decl: A.CalendarDecl): CheckedCalendar | undefined;
  /** A last trading day rule, lowered; undefined when a part of it is invalid (reported). */
  lastTradingDay(s: A.LastTradingDayStmt): LoweredDateRule | undefined;
  /** The name of the calendar a rule counts business days on: the one it names or the contract's (E5010 when none). */
  businessDayCalendar(rule: BusinessDayRule): string | undefined;
  /** The unit the index and contract checks resolved for a unit expression (unit-of.ts remembers it). */
  unit(expr: A.UnitExpr | undefined): UnitValue | undefined;
  /** `trading hours …`, as the contracts check lowered it (sessions.ts). */
  tradingHours(s: A.TradingHoursStmt): TradingHours | undefined;
  /** A day that closes or shortens the sessions, as the contracts check lowered it (sessions.ts). */
  sessionChange(s: A.SessionChangeStmt): LoweredSessionChange | undefined;
}

/** The record the checks write into. */
export class CheckedRecord implements Checked {
  constructor(private readonly program: Program) {}

  private readonly references = new Map<A.Ident, Symbol>();
  private readonly calendars = new Map<A.CalendarDecl, CheckedCalendar>();
  private readonly lastTradingDays = new Map<A.LastTradingDayStmt, LoweredDateRule>();
  private readonly businessDayCalendars = new Map<BusinessDayRule, string>();
  private readonly tradingHoursOf = new Map<A.TradingHoursStmt, TradingHours>();
  private readonly sessionChanges = new Map<A.SessionChangeStmt, LoweredSessionChange>();

  reference(ref: A.Ident | undefined): Symbol | undefined {
    return ref === undefined ? undefined : this.references.get(ref);
  }
  calendar(decl: A.CalendarDecl): CheckedCalendar | undefined {
    return this.calendars.get(decl);
  }
  lastTradingDay(s: A.LastTradingDayStmt): LoweredDateRule | undefined {
    return this.lastTradingDays.get(s);
  }
  businessDayCalendar(rule: BusinessDayRule): string | undefined {
    return this.businessDayCalendars.get(rule);
  }
  unit(expr: A.UnitExpr | undefined): UnitValue | undefined {
    return checkedUnit(this.program, expr);
  }
  tradingHours(s: A.TradingHoursStmt): TradingHours | undefined {
    return this.tradingHoursOf.get(s);
  }
  sessionChange(s: A.SessionChangeStmt): LoweredSessionChange | undefined {
    return this.sessionChanges.get(s);
  }

  resolved(ref: A.Ident, sym: Symbol): void {
    this.references.set(ref, sym);
  }
  calendarLowered(decl: A.CalendarDecl, calendar: CheckedCalendar): void {
    this.calendars.set(decl, calendar);
  }
  lastTradingDayLowered(s: A.LastTradingDayStmt, rule: LoweredDateRule): void {
    this.lastTradingDays.set(s, rule);
  }
  countsOn(rule: BusinessDayRule, calendar: string): void {
    this.businessDayCalendars.set(rule, calendar);
  }
  tradingHoursLowered(s: A.TradingHoursStmt, hours: TradingHours): void {
    this.tradingHoursOf.set(s, hours);
  }
  sessionChangeLowered(s: A.SessionChangeStmt, change: LoweredSessionChange): void {
    this.sessionChanges.set(s, change);
  }
}
