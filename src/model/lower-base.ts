/**
 * The lowering's shared part (model/from-checked.ts is its entry): the Lowerer of one file, with the helpers every
 * declaration's lowering uses to read what the check established (checked.ts) and to write the model's common
 * shapes (clauses with their effective ranges, quantities, times, windows, durations, roundings).
 */
import type { Span } from "../base/source.js";
import type { HolidayRule as RuntimeHolidayRule, Observance as RuntimeObservance } from "../runtime/calendar/index.js";
import { format, type Unit as BaseUnit } from "../base/units.js";
import type { Program, Symbol as Sym } from "../check/program.js";
import type { BusinessDayRule, Checked } from "../check/checked.js";
import { countOf, type CountBound } from "../check/counts.js";
import { decimalOf, percentOf } from "../check/unit-of.js";
import { DURATION_UNITS, ROUNDING_MODE_WORDS, lookupWord, type WordSet } from "../check/words.js";
import type { DeclarationKind } from "../syntax/ast.js";
import type * as A from "../syntax/ast.js";
import type { HolidayRule } from "./calendar.js";
import {
  ALWAYS,
  type Clause,
  type Duration,
  type EffectiveRange,
  type Quantity,
  type Rounding,
  type Unit,
  type ZonedTime,
} from "./common.js";
import type { TimeWindow } from "./indices.js";
import { compareVersionStarts } from "./invariants.js";

/** Thrown inside a declaration's lowering when something the checker should have guaranteed is missing. */
export class Unlowerable extends Error {
  constructor(
    readonly span: Span,
    readonly what: string,
  ) {
    super(what);
  }
}

export type StatementOf<K extends A.Statement["kind"]> = Extract<A.Statement, { kind: K }>;

export const CALENDAR: readonly DeclarationKind[] = ["calendar"];
export const INDEX: readonly DeclarationKind[] = ["index"];
export const FUTURE: readonly DeclarationKind[] = ["future"];

/** Plural unit names of durations, by the checker's singular. */
export const DURATION_PLURAL = { second: "seconds", minute: "minutes", hour: "hours", day: "days" } as const;

/** Lowers the declarations of one file: what they share, and the record of their check. */
export class Lowerer {
  constructor(
    readonly program: Program,
    readonly checked: Checked,
    readonly file: string,
  ) {}

  need<T>(value: T | undefined, node: { span: Span } | undefined, what: string, fallback?: Span): T {
    if (value === undefined) throw new Unlowerable(node?.span ?? fallback ?? { file: this.file, start: 0, end: 0 }, `${what} is missing`);
    return value;
  }

  word<T>(set: WordSet<T>, ident: A.Ident | undefined, fallback: Span): T {
    const v = ident === undefined ? undefined : lookupWord(set, ident.name);
    return this.need(v, ident, `a ${set.what}`, fallback);
  }

  /** The declaration the names check resolved a reference to, when it is of one of the kinds. */
  resolve(ref: A.Ident | undefined, kinds: readonly DeclarationKind[], what: string, fallback: Span): Sym {
    const sym = this.checked.reference(ref);
    return this.need(
      sym !== undefined && kinds.includes(sym.kind) ? sym : undefined,
      ref,
      `the ${what} ${ref?.name ?? ""}`.trimEnd(),
      fallback,
    );
  }

  /** The count the check accepted (check/counts.ts, with the same bound): whole and in its range. */
  count(n: A.NumberLit | undefined, bound: CountBound, what: string, fallback: Span): number {
    return this.need(countOf(n, bound, what, { program: this.program }), n, what, fallback);
  }

  decimal(n: A.NumberLit | undefined, what: string, fallback: Span): string {
    return this.need(decimalOf(n), n, what, fallback).normalize().toString();
  }

  percent(p: A.PercentLit | undefined, what: string, fallback: Span): string {
    return this.need(percentOf(p), p, what, fallback).normalize().toString();
  }

  effective(annotations: A.Annotations): EffectiveRange[] {
    if (annotations.effective.length === 0) return [{ ...ALWAYS }];
    return annotations.effective.map((r) => ({ from: r.from?.value ?? null, until: r.until?.value ?? null }));
  }

  clause<T>(s: { annotations: A.Annotations }, value: T): Clause<T> {
    return {
      effective: this.effective(s.annotations),
      descriptions: s.annotations.descriptions.map((d) => d.value),
      clauses: s.annotations.clauses.map((c) => c.value),
      value,
    };
  }

  /** Versions of one rule, ordered by the start of their first range (unbounded first); ties keep source order. */
  versions<K extends A.Statement["kind"], T>(
    statements: readonly A.Statement[],
    kind: K,
    lower: (s: StatementOf<K>) => T,
    filter: (s: StatementOf<K>) => boolean = () => true,
  ): Clause<T>[] {
    const out = this.rules(statements, kind, lower, filter);
    return out
      .map((c, i) => ({ c, i }))
      .sort((a, b) => compareVersionStarts(a.c.effective[0]!, b.c.effective[0]!) || a.i - b.i)
      .map(({ c }) => c);
  }

  /** Rules that all apply, in source order. */
  rules<K extends A.Statement["kind"], T>(
    statements: readonly A.Statement[],
    kind: K,
    lower: (s: StatementOf<K>) => T,
    filter: (s: StatementOf<K>) => boolean = () => true,
  ): Clause<T>[] {
    const out: Clause<T>[] = [];
    for (const s of statements) {
      if (s.kind !== kind) continue;
      const st = s as StatementOf<K>;
      if (filter(st)) out.push(this.clause(st, lower(st)));
    }
    return out;
  }

  declarationAnnotations(decl: A.Declaration): {
    title: string | null;
    descriptions: string[];
    clauses: string[];
    effective: EffectiveRange[];
  } {
    return {
      title: decl.title?.value ?? null,
      descriptions: decl.annotations.descriptions.map((d) => d.value),
      clauses: decl.annotations.clauses.map((c) => c.value),
      effective: this.effective(decl.annotations),
    };
  }

  /** A unit expression's unit, as the check resolved it: a unit, not a number of contracts. */
  unit(expr: A.UnitExpr | undefined, node: { span: Span } | undefined, what: string): Unit {
    const v = this.need(this.checked.unit(expr), node, what);
    if (v.kind !== "unit")
      throw new Unlowerable(node?.span ?? { file: this.file, start: 0, end: 0 }, `${what} is a number of contracts, not a unit`);
    return modelUnit(v.unit);
  }

  /** A quantity: its amount, and its unit as the check resolved it. */
  quantity(q: A.Quantity | undefined, what: string, fallback: Span): Quantity {
    const amount = this.decimal(q?.amount, `the amount of ${what}`, q?.span ?? fallback);
    return { amount, unit: this.unit(q?.unit, q?.unit ?? q, what) };
  }

  zoned(z: A.ZonedTime | undefined, what: string, fallback: Span): ZonedTime {
    const t = this.need(z?.time?.value, z?.time ?? z, `the time of ${what}`, fallback);
    const zone = this.need(z?.zone?.name, z?.zone ?? z, `the time zone of ${what}`, fallback);
    return { time: t, zone };
  }

  window(w: A.TimeWindow | undefined, what: string, fallback: Span): TimeWindow {
    const win = this.need(w, w, what, fallback);
    return {
      from: this.need(win.from?.value, win.from ?? win, `the start of ${what}`),
      fromBound: this.need(win.fromBound, win, `the start bound of ${what}`),
      to: this.need(win.to?.value, win.to ?? win, `the end of ${what}`),
      toBound: this.need(win.toBound, win, `the end bound of ${what}`),
      zone: this.need(win.zone?.name, win.zone ?? win, `the time zone of ${what}`),
      ...(win.fromDay === undefined ? {} : { fromDay: "previous" as const }),
    };
  }

  duration(d: A.Duration | undefined, what: string, fallback: Span): Duration {
    const dur = this.need(d, d, what, fallback);
    const amount = this.decimal(dur.amount, `the length of ${what}`, dur.span);
    if (dur.business) return { amount, unit: "business-days" };
    const unit = this.word(DURATION_UNITS, dur.unit, dur.span);
    return { amount, unit: DURATION_PLURAL[unit] };
  }

  rounding(r: A.Rounding | undefined, what: string, fallback: Span): Rounding {
    const rr = this.need(r, r, `the rounding of ${what}`, fallback);
    if (rr.unrounded) return { kind: "unrounded" };
    const mode = this.word(ROUNDING_MODE_WORDS, rr.mode, rr.span);
    if (rr.increment === "tick") return { kind: "tick", mode };
    return { kind: "increment", increment: this.decimal(rr.increment, `the increment of ${what}`, rr.span), mode };
  }

  /** The calendar a rule counts business days on: the one it names, or the contract's (check/business-days.ts). */
  calendarOf(rule: BusinessDayRule): string {
    return this.need(this.checked.businessDayCalendar(rule), rule, "the calendar of the business days");
  }
}

/** A base unit as the model writes it: canonical text, dimensions, exact scale, currency. */
export function modelUnit(u: BaseUnit): Unit {
  return { text: format(u), dimensions: { ...u.dims }, scale: u.factor, currency: u.money ?? null };
}

/** A holiday rule of the runtime's calendar model as the model writes it (without its notes): every default explicit. */
export function holidayRule(rule: RuntimeHolidayRule): Omit<HolidayRule, "descriptions" | "clauses"> {
  return {
    name: rule.name,
    date: rule.date.kind === "oneOff" ? { kind: "oneOff", dates: [...rule.date.dates] } : { ...rule.date },
    observance: rule.observance === undefined ? { kind: "none" } : explicitObservance(rule.observance),
    ...(rule.fromYear === undefined ? {} : { fromYear: rule.fromYear }),
    ...(rule.untilYear === undefined ? {} : { untilYear: rule.untilYear }),
    exceptYears: [...(rule.exceptYears ?? [])],
  };
}

function explicitObservance(o: RuntimeObservance): HolidayRule["observance"] {
  if (o.kind === "shift") return { kind: "shift", saturday: o.saturday ?? "friday", sunday: o.sunday ?? "monday" };
  return { kind: o.kind };
}
