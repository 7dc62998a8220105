/**
 * Lowering from the checked program to the compiled model: every calendar, index and contract declaration
 * becomes a fully resolved model object (src/model/), with references resolved to declaration names, enumerated
 * words to their values, units normalised, amounts as canonical decimal strings, annotations kept, and each rule
 * a list of clauses with effective ranges. Calendars and date rules go through the checker's own lowering
 * (check/lower-calendar.ts), so a calendar means one thing everywhere. Defaults the language defines are made
 * explicit here: a source's weight is 1, a spread leg is in the spread's month, prices are not negative unless
 * allowed, and a postponement or averaging period without `on CALENDAR` counts business days of the contract's
 * calendar (its last trading day's, or its expiry's, or its underlying's, as the fallbacks check reads it).
 * Runs only on programs the checker passed without errors; what the model cannot express yet (an effective range on
 * a calendar clause) is E2012 not-supported, anything else it cannot lower is an internal error (E9001) at the
 * node, and every lowered object is validated with zod (E6001 when it fails).
 */
import type { Span } from "../base/source.js";
import type { Observance as RuntimeObservance } from "../runtime/calendar/index.js";
import { format, type Unit as BaseUnit } from "../base/units.js";
import { lowerCalendar, lowerDateRule, lowerHoliday } from "../check/lower-calendar.js";
import type { Program, Report, Symbol as Sym } from "../check/program.js";
import { declarationKind } from "../check/program.js";
import { lookup } from "../check/symbols.js";
import { contractCalendar } from "../check/fallbacks.js";
import { COUNT_BOUNDS, countOf, type CountBound } from "../check/counts.js";
import { decimalOf, percentOf, quantityOf, unitOf, type UnitContext, type UnitValue } from "../check/unit-of.js";
import {
  AGGREGATION_METHODS,
  DETERMINATION_PARTIES,
  DISRUPTION_KINDS,
  PRICE_LIMIT_BREACHES,
  DURATION_UNITS,
  EMPTY_INTERVAL_POLICIES,
  EXACT_HALF_CONVENTIONS,
  EXERCISE_STYLES,
  EXTREME_MOVE_ACTIONS,
  LEG_SIDES,
  MONTHS,
  WEEKDAYS,
  OPTION_RIGHTS,
  ROUNDING_MODE_WORDS,
  SETTLEMENT_METHODS,
  WEIGHTING_BASES,
  lookupWord,
  type WordSet,
} from "../check/words.js";
import { Codes, diag, type Diagnostic } from "../diagnostics/index.js";
import type { DeclarationKind } from "../syntax/ast.js";
import type * as A from "../syntax/ast.js";
import { CalendarSchema, type Calendar, type HolidayRule } from "./calendar.js";
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
import {
  ContractSchema,
  type Contract,
  type ContractDateRule,
  type Fallback,
  type FinalSettlement,
  type Payment,
  type CashRounding,
  type IndexLicence,
} from "./contracts.js";
import { IndexSchema, type Index, type Restatement, type Method, type Source, type TimeWindow, type IndexWindow } from "./indices.js";
import { compareVersionStarts } from "./invariants.js";
import type { DeclaredUnit } from "./common.js";
import { declaredUnits } from "../check/declared-units.js";
import { lowerSessionChange, lowerTradingHours } from "../check/sessions.js";
import type { SessionChange, TradingHours } from "./sessions.js";

/** Every declaration of a program, lowered, by name. */
export interface LoweredProgram {
  readonly calendars: ReadonlyMap<string, Calendar>;
  readonly indices: ReadonlyMap<string, Index>;
  readonly contracts: ReadonlyMap<string, Contract>;
  /** The program's declared units by name (`unit point "index point"`); absent when it declares none. */
  readonly units?: ReadonlyMap<string, DeclaredUnit>;
}

/** The result of lowering: the model, or the diagnostics that prevented it (internal errors only). */
export type LoweringResult =
  { readonly ok: true; readonly model: LoweredProgram } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Thrown inside a declaration's lowering after reporting a user-facing diagnostic: nothing more to report. */
class AlreadyReported extends Error {}

/** Thrown inside a declaration's lowering when something the checker should have guaranteed is missing. */
class Unlowerable extends Error {
  constructor(
    readonly span: Span,
    readonly what: string,
  ) {
    super(what);
  }
}

/**
 * Lowers every calendar, index and contract of a checked program. Call it only when the check reported no errors.
 * Never throws: what cannot be lowered is an internal-error diagnostic.
 */
export function lowerProgram(program: Program): LoweringResult {
  const diagnostics: Diagnostic[] = [];
  const calendars = new Map<string, Calendar>();
  const indices = new Map<string, Index>();
  const contracts = new Map<string, Contract>();
  for (const file of program.files) {
    for (const decl of file.ast.declarations) {
      if (decl.name === undefined) continue;
      const lowerer = new Lowerer(program, file.source.path, (d) => diagnostics.push(d));
      try {
        switch (decl.kind) {
          case "Calendar":
            store(calendars, CalendarSchema, lowerer.calendar(decl), decl, diagnostics);
            break;
          case "Index":
            store(indices, IndexSchema, lowerer.index(decl), decl, diagnostics);
            break;
          default:
            store(contracts, ContractSchema, lowerer.contract(decl), decl, diagnostics);
            break;
        }
      } catch (e) {
        if (e instanceof AlreadyReported) continue;
        const span = e instanceof Unlowerable ? e.span : decl.name.span;
        const message = e instanceof Unlowerable ? e.what : e instanceof Error ? e.message : String(e);
        diagnostics.push(
          diag(Codes.InternalError, span, `internal error: cannot compile ${declarationKind(decl)} ${decl.name.name}: ${message}`, {
            context: [`${declarationKind(decl)} ${decl.name.name}`],
          }),
        );
      }
    }
  }
  const declared = declaredUnits(program);
  const units = new Map(
    declared.map((e): [string, DeclaredUnit] => [e.unit.name, { name: e.unit.name, title: e.title, kind: e.unit.kind }]),
  );
  return diagnostics.length > 0
    ? { ok: false, diagnostics }
    : { ok: true, model: { calendars, indices, contracts, ...(units.size > 0 ? { units } : {}) } };
}

interface Parser<T> {
  safeParse(
    v: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * The declarations validated lately, by schema and by the JSON text of the lowered value: an editor checks on every
 * keystroke, and a keystroke changes one declaration, so the others are looked up rather than validated again (a
 * memo of a pure function; the schemas read plain JSON data). Bounded by the characters of its keys.
 */
const validated = new Map<object, Map<string, unknown>>();
let validatedChars = 0;
const MAX_VALIDATED_CHARS = 16 * 1024 * 1024;

function validate<T>(schema: Parser<T>, value: T): ReturnType<Parser<T>["safeParse"]> {
  let key: string | undefined;
  try {
    key = JSON.stringify(value);
  } catch {
    key = undefined;
  }
  let memo = validated.get(schema);
  const hit = key === undefined ? undefined : memo?.get(key);
  if (hit !== undefined) return { success: true, data: hit as T };
  const r = schema.safeParse(value);
  if (r.success && key !== undefined) {
    if (validatedChars + key.length > MAX_VALIDATED_CHARS) {
      validated.clear();
      memo = undefined;
      validatedChars = 0;
    }
    if (memo === undefined) validated.set(schema, (memo = new Map()));
    memo.set(key, r.data);
    validatedChars += key.length;
  }
  return r;
}

function store<T>(map: Map<string, T>, schema: Parser<T>, value: T, decl: A.Declaration, diagnostics: Diagnostic[]): void {
  const name = decl.name!.name;
  const r = validate(schema, value);
  if (r.success) {
    map.set(name, r.data);
    return;
  }
  const issue = r.error.issues[0];
  diagnostics.push(
    diag(
      Codes.ModelValidationFailed,
      decl.name!.span,
      `internal error: the compiled ${declarationKind(decl)} ${name} does not match the model at /${issue?.path.map(String).join("/") ?? ""}: ${issue?.message ?? "invalid"}`,
      { context: [`${declarationKind(decl)} ${name}`] },
    ),
  );
}

type StatementOf<K extends A.Statement["kind"]> = Extract<A.Statement, { kind: K }>;

const CALENDAR: readonly DeclarationKind[] = ["calendar"];
const INDEX: readonly DeclarationKind[] = ["index"];
const FUTURE: readonly DeclarationKind[] = ["future"];

/** Plural unit names of durations, by the checker's singular. */
const DURATION_PLURAL = { second: "seconds", minute: "minutes", hour: "hours", day: "days" } as const;

/** Lowers the declarations of one file. */
class Lowerer {
  private readonly units: UnitContext;

  constructor(
    private readonly program: Program,
    private readonly file: string,
    private readonly report: Report,
  ) {
    this.units = { program, report };
  }

  // -------------------------------------------------------------------------------------------------------
  // Helpers

  private need<T>(value: T | undefined, node: { span: Span } | undefined, what: string, fallback?: Span): T {
    if (value === undefined) throw new Unlowerable(node?.span ?? fallback ?? { file: this.file, start: 0, end: 0 }, `${what} is missing`);
    return value;
  }

  private word<T>(set: WordSet<T>, ident: A.Ident | undefined, fallback: Span): T {
    const v = ident === undefined ? undefined : lookupWord(set, ident.name);
    return this.need(v, ident, `a ${set.what}`, fallback);
  }

  private resolve(ref: A.Ident | undefined, kinds: readonly DeclarationKind[], what: string, fallback: Span, file = this.file): Sym {
    return this.need(lookup(this.program, file, ref?.name, kinds), ref, `the ${what} ${ref?.name ?? ""}`.trimEnd(), fallback);
  }

  /** The count the check accepted (check/counts.ts, with the same bound): whole and in its range. */
  private count(n: A.NumberLit | undefined, bound: CountBound, what: string, fallback: Span): number {
    return this.need(countOf(n, bound, what, { program: this.program }), n, what, fallback);
  }

  private decimal(n: A.NumberLit | undefined, what: string, fallback: Span): string {
    return this.need(decimalOf(n), n, what, fallback).normalize().toString();
  }

  private percent(p: A.PercentLit | undefined, what: string, fallback: Span): string {
    return this.need(percentOf(p), p, what, fallback).normalize().toString();
  }

  private effective(annotations: A.Annotations): EffectiveRange[] {
    if (annotations.effective.length === 0) return [{ ...ALWAYS }];
    return annotations.effective.map((r) => ({ from: r.from?.value ?? null, until: r.until?.value ?? null }));
  }

  private clause<T>(s: { annotations: A.Annotations }, value: T): Clause<T> {
    return {
      effective: this.effective(s.annotations),
      descriptions: s.annotations.descriptions.map((d) => d.value),
      clauses: s.annotations.clauses.map((c) => c.value),
      value,
    };
  }

  /** Versions of one rule, ordered by the start of their first range (unbounded first); ties keep source order. */
  private versions<K extends A.Statement["kind"], T>(
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
  private rules<K extends A.Statement["kind"], T>(
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

  private declarationAnnotations(decl: A.Declaration): {
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

  private unit(u: UnitValue | undefined, node: { span: Span } | undefined, what: string): Unit {
    const v = this.need(u, node, what);
    if (v.kind !== "unit")
      throw new Unlowerable(node?.span ?? { file: this.file, start: 0, end: 0 }, `${what} is a number of contracts, not a unit`);
    return modelUnit(v.unit);
  }

  private quantity(q: A.Quantity | undefined, what: string, fallback: Span): Quantity {
    const v = this.need(quantityOf(q, this.units), q, what, fallback);
    return { amount: v.amount.normalize().toString(), unit: this.unit(v.unit, q?.unit, what) };
  }

  private zoned(z: A.ZonedTime | undefined, what: string, fallback: Span): ZonedTime {
    const t = this.need(z?.time?.value, z?.time ?? z, `the time of ${what}`, fallback);
    const zone = this.need(z?.zone?.name, z?.zone ?? z, `the time zone of ${what}`, fallback);
    return { time: t, zone };
  }

  private window(w: A.TimeWindow | undefined, what: string, fallback: Span): TimeWindow {
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

  /** An index window with its further pieces (in the first piece's zone, which the checker made them all). */
  private indexWindow(s: A.WindowStmt): IndexWindow {
    const first = this.window(s.window, "the observation window", s.span);
    if (s.also === undefined || s.also.length === 0) return first;
    const also = s.also.map((w) => {
      const { zone: _zone, ...piece } = this.window(w, "a piece of the observation window", s.span);
      return piece;
    });
    return { ...first, also };
  }

  private duration(d: A.Duration | undefined, what: string, fallback: Span): Duration {
    const dur = this.need(d, d, what, fallback);
    const amount = this.decimal(dur.amount, `the length of ${what}`, dur.span);
    if (dur.business) return { amount, unit: "business-days" };
    const unit = this.word(DURATION_UNITS, dur.unit, dur.span);
    return { amount, unit: DURATION_PLURAL[unit] };
  }

  private rounding(r: A.Rounding | undefined, what: string, fallback: Span): Rounding {
    const rr = this.need(r, r, `the rounding of ${what}`, fallback);
    if (rr.unrounded) return { kind: "unrounded" };
    const mode = this.word(ROUNDING_MODE_WORDS, rr.mode, rr.span);
    if (rr.increment === "tick") return { kind: "tick", mode };
    return { kind: "increment", increment: this.decimal(rr.increment, `the increment of ${what}`, rr.span), mode };
  }

  // -------------------------------------------------------------------------------------------------------
  // Calendars

  calendar(decl: A.CalendarDecl): Calendar {
    const resolveCalendar = (ref: A.Ident): string | undefined => lookup(this.program, this.file, ref.name, CALENDAR)?.name;
    const cal = this.need(
      lowerCalendar(decl, {
        report: this.report,
        resolveCalendar,
        zoneOf: (name) => this.calendarZone(name),
      }),
      decl.name,
      "the calendar",
    );
    const holidays: HolidayRule[] = [];
    for (const s of decl.statements) {
      if (s.annotations.effective.length > 0) {
        this.report(
          diag(Codes.NotSupported, s.annotations.effective[0]!.span, "an effective range on a calendar clause is not supported yet", {
            context: [`calendar ${decl.name!.name}`],
            notes: ["a compiled calendar has no versions: the runtime engine reads one set of rules for all dates"],
            hint:
              s.kind === "Holiday"
                ? "limit the holiday to years instead: `from 2020` or `until 2021`"
                : "declare a second calendar and use it from the date it applies",
          }),
        );
        throw new AlreadyReported();
      }
      if (s.kind !== "Holiday") continue;
      const rule = this.need(lowerHoliday(s, this.report, [`calendar ${decl.name!.name}`]), s, "the holiday");
      holidays.push({
        name: rule.name,
        date: rule.date.kind === "oneOff" ? { kind: "oneOff", dates: [...rule.date.dates] } : { ...rule.date },
        observance: rule.observance === undefined ? { kind: "none" } : explicitObservance(rule.observance),
        ...(rule.fromYear === undefined ? {} : { fromYear: rule.fromYear }),
        ...(rule.untilYear === undefined ? {} : { untilYear: rule.untilYear }),
        exceptYears: [...(rule.exceptYears ?? [])],
        descriptions: s.annotations.descriptions.map((d) => d.value),
        clauses: s.annotations.clauses.map((c) => c.value),
      });
    }
    if (holidays.length !== cal.holidays.length) throw new Unlowerable(decl.name!.span, "the holidays did not all lower");
    return {
      kind: "calendar",
      name: cal.name,
      ...this.declarationAnnotations(decl),
      timeZone: cal.timeZone,
      weekend: [...cal.weekend],
      holidays,
      basedOn: [...(cal.basedOn ?? [])],
      ...(cal.joint === undefined ? {} : { joint: { mode: cal.joint.mode, calendars: [...cal.joint.calendars] } }),
    };
  }

  /** The zone of a calendar by name, for joint calendars that state none (as the checker computes it). */
  private calendarZone(name: string, seen: Set<string> = new Set()): string | undefined {
    const sym = this.program.symbols.get(name);
    if (sym === undefined || sym.decl.kind !== "Calendar" || seen.has(name)) return undefined;
    seen.add(name);
    for (const s of sym.decl.statements) if (s.kind === "TimeZone" && s.zone !== undefined) return s.zone.name;
    for (const s of sym.decl.statements) {
      if (s.kind !== "Joint") continue;
      for (const m of s.calendars) {
        const target = lookup(this.program, sym.file, m.name, CALENDAR);
        const z = target === undefined ? undefined : this.calendarZone(target.name, seen);
        if (z !== undefined) return z;
      }
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Indices

  index(decl: A.IndexDecl): Index {
    const st = decl.statements;
    const aggregate = (level: A.AggregateStmt["level"]): Clause<Method>[] =>
      this.versions(
        st,
        "Aggregate",
        (s) => this.method(s.method, s.span),
        (s) => s.level === level,
      );
    return {
      kind: "index",
      name: decl.name!.name,
      ...this.declarationAnnotations(decl),
      timeZone: this.versions(st, "TimeZone", (s) => this.need(s.zone?.name, s, "the time zone")),
      administrator: this.versions(st, "Administrator", (s) => this.need(s.name?.value, s, "the administrator")),
      quoted: this.versions(st, "Quoted", (s) => this.unit(unitOf(s.unit, this.units), s.unit ?? s, "the index's unit")),
      methodology: this.versions(st, "Methodology", (s) => ({ version: this.need(s.version?.value, s, "the methodology version") })),
      sources: this.rules(st, "Source", (s) => this.source(s)),
      window: this.versions(st, "Window", (s) => this.indexWindow(s)),
      partition: this.versions(st, "Partition", (s) => ({
        count: this.count(s.count, COUNT_BOUNDS.intervals, "the number of intervals", s.span),
        length: this.duration(s.length, "an interval", s.span),
      })),
      emptyIntervals: this.versions(st, "EmptyIntervals", (s) => this.word(EMPTY_INTERVAL_POLICIES, s.policy, s.span)),
      aggregateTrades: aggregate("trades"),
      aggregateIntervals: aggregate("intervals"),
      aggregateSources: aggregate("sources"),
      excludeDeviation: this.versions(st, "ExcludeDeviation", (s) => ({
        percent: this.percent(s.percent, "the deviation threshold", s.span),
      })),
      excludeStale: this.versions(st, "ExcludeStale", (s) => this.duration(s.duration, "the staleness limit", s.span)),
      minimumSources: this.versions(
        st,
        "Minimum",
        (s) => this.count(s.count, COUNT_BOUNDS.sources, "the minimum number of sources", s.span),
        (s) => s.what === "sources",
      ),
      minimumTrades: this.versions(
        st,
        "Minimum",
        (s) => ({ count: this.count(s.count, COUNT_BOUNDS.trades, "the minimum number of trades", s.span), perInterval: s.perInterval }),
        (s) => s.what === "trades",
      ),
      degradation: this.rules(st, "Degradation", (s) => {
        const min = this.count(s.min, COUNT_BOUNDS.sources, "the number of sources", s.span);
        return {
          minSources: min,
          maxSources: s.orMore
            ? null
            : s.max === undefined
              ? min
              : this.count(s.max, COUNT_BOUNDS.sources, "the number of sources", s.span),
          method: this.method(s.method, s.span),
        };
      }),
      extremeMoves: this.versions(st, "ExtremeMoves", (s) => ({
        percent: this.percent(s.percent, "the extreme-move threshold", s.span),
        action: this.word(EXTREME_MOVE_ACTIONS, s.action, s.span),
      })),
      rounding: this.versions(st, "Round", (s) => this.rounding(s.rounding, "the index value", s.span)),
      publication: this.versions(st, "Publish", (s) => ({
        calendar: s.everyDay || s.calendar === undefined ? null : this.resolve(s.calendar, CALENDAR, "calendar", s.span).name,
        at: this.zoned(s.at, "publication", s.span),
      })),
      restatement: this.versions(st, "Restate", (s): Restatement =>
        s.never
          ? { kind: "never" as const }
          : s.until !== undefined
            ? {
                kind: "until" as const,
                deadline: this.zoned(s.until.at, "the restatement deadline", s.span),
                day: s.until.day,
                thresholdPercent: s.threshold === undefined ? null : this.percent(s.threshold, "the restatement threshold", s.span),
              }
            : { kind: "same-day" as const, thresholdPercent: this.percent(s.threshold, "the restatement threshold", s.span) },
      ),
      ...this.sampling(st, aggregate("samples")),
    };
  }

  /** `sample every …` and `aggregate samples by …`, omitted when the index is not sampled. */
  private sampling(st: readonly A.Statement[], aggregateSamples: Clause<Method>[]): Pick<Index, "sampling" | "aggregateSamples"> {
    const sampling = this.versions(st, "Sample", (s) => ({
      every: this.duration(s.every, "the sampling interval", s.span),
      hold: this.duration(s.hold, "the holding time", s.span),
      empty: this.word(EMPTY_INTERVAL_POLICIES, s.policy, s.span),
    }));
    return {
      ...(sampling.length === 0 ? {} : { sampling }),
      ...(aggregateSamples.length === 0 ? {} : { aggregateSamples }),
    };
  }

  private source(s: A.SourceStmt): Source {
    const st = s.statements;
    const weights = this.versions(st, "Weight", (w) => this.decimal(w.weight, "the weight", w.span));
    return {
      name: this.need(s.name?.name, s, "the source's name"),
      title: s.title?.value ?? null,
      quoted: this.versions(st, "Quoted", (q) => this.unit(unitOf(q.unit, this.units), q.unit ?? q, "the source's unit")),
      models: this.versions(
        st,
        "PriorityList",
        (p) => p.items.map((i) => i.value),
        (p) => p.list === "models",
      ),
      instruments: this.versions(
        st,
        "PriorityList",
        (p) => p.items.map((i) => i.value),
        (p) => p.list === "instruments",
      ),
      weight: weights.length > 0 ? weights : [{ effective: [{ ...ALWAYS }], descriptions: [], clauses: [], value: "1" }],
      blend: this.versions(st, "Blend", (b) =>
        b.parts.map((p) => ({
          part: this.need(p.name?.name, p, "the blend part"),
          weight: this.decimal(p.weight, "the blend weight", p.span),
        })),
      ),
    };
  }

  private method(m: A.Method | undefined, fallback: Span): Method {
    const method = this.need(m, m, "the aggregation method", fallback);
    const out: Method = {
      name: this.word(AGGREGATION_METHODS, method.name, method.span),
      exactHalf: null,
      trim: null,
      capPercent: null,
      weightedBy: null,
    };
    for (const o of method.options) {
      switch (o.kind) {
        case "ExactHalf":
          out.exactHalf = this.word(EXACT_HALF_CONVENTIONS, o.convention, o.span);
          break;
        case "Trim":
          out.trim = {
            highest: this.count(o.highest, COUNT_BOUNDS.trimmed, "the number of highest values", o.span),
            lowest: this.count(o.lowest, COUNT_BOUNDS.trimmed, "the number of lowest values", o.span),
          };
          break;
        case "Cap":
          out.capPercent = this.percent(o.percent, "the cap", o.span);
          break;
        case "WeightedBy":
          out.weightedBy = this.word(WEIGHTING_BASES, o.basis, o.span);
          break;
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------
  // Contracts

  contract(decl: A.FutureDecl | A.OptionDecl | A.SpreadDecl): Contract {
    const st = decl.statements;
    const name = decl.name!.name;
    const units: UnitContext =
      decl.kind === "Option"
        ? {
            program: this.program,
            report: this.report,
            contracts: {
              lookup: (n) => lookup(this.program, this.file, n, FUTURE),
              names: () => [],
            },
          }
        : this.units;
    const tick = (variant: A.TickStmt["variant"]): Clause<ReturnType<Lowerer["tick"]>>[] =>
      this.versions(
        st,
        "Tick",
        (s) => this.tick(s),
        (s) => s.variant === variant,
      );
    const common = {
      name,
      ...this.declarationAnnotations(decl),
      timeZone: this.versions(st, "TimeZone", (s) => this.need(s.zone?.name, s, "the time zone")),
      contractUnit: this.versions(st, "ContractUnit", (s) => {
        const q = this.need(quantityOf(s.quantity, units), s.quantity ?? s, "the contract unit");
        const amount = q.amount.normalize().toString();
        if (q.unit.kind === "contract") return { kind: "contracts" as const, amount, contract: q.unit.future.name };
        return { kind: "quantity" as const, quantity: { amount, unit: modelUnit(q.unit.unit) } };
      }),
      priceQuotation: this.versions(st, "Quoted", (s) => this.unit(unitOf(s.unit, this.units), s.unit ?? s, "the price unit")),
      tick: tick("outright"),
      listing: this.versions(st, "Listing", (s) => [
        ...s.parts.map((p) => this.listingPart(p)),
        ...(s.time === undefined ? [] : [this.listingTime(s.time)]),
      ]),
      lastTradingDay: this.versions(st, "LastTradingDay", (s) => this.dateRule(s.rule, s.span)),
      termination: this.versions(st, "Termination", (s) => this.zoned(s.at, "termination", s.span)),
      finalSettlement: this.versions(st, "FinalSettlement", (s) => this.finalSettlement(s, decl)),
      dailySettlement: this.versions(st, "DailySettlement", (s) => s.steps.map((step) => this.dailyStep(step))),
      priceLimits: this.versions(st, "PriceLimits", (s) =>
        s.limits.map((l) =>
          l.kind === "Percent"
            ? {
                kind: "percent" as const,
                percent: this.percent(l, "the price limit", s.span),
                ...(s.rounding === undefined ? {} : { rounding: this.rounding(s.rounding, "the price limits", s.span) }),
              }
            : { kind: "absolute" as const, amount: this.quantity(l, "the price limit", s.span) },
        ),
      ),
      positionLimits: this.rules(st, "PositionLimit", (s) => ({
        count: this.count(s.count, COUNT_BOUNDS.positionLimit, "the position limit", s.span),
        scope: s.scope,
      })),
      fallback: this.versions(st, "Fallback", (s) => this.fallback(s, decl)),
      ...this.payment(st, decl),
      ...this.cashRounding(st),
      ...this.tradingSchedule(st, decl),
      ...this.priceLimitBreach(st),
      ...this.indexLicence(st),
    };
    const negativePrices = (): Clause<boolean>[] => {
      const v = this.versions(st, "NegativePrices", () => true);
      return v.length > 0 ? v : [{ effective: [{ ...ALWAYS }], descriptions: [], clauses: [], value: false }];
    };
    switch (decl.kind) {
      case "Future":
        return {
          kind: "future",
          ...common,
          underlying: this.versions(st, "Underlying", (s) => this.underlying(s)),
          spreadTick: tick("spread"),
          negativePrices: negativePrices(),
        };
      case "Option":
        return {
          kind: "option",
          ...common,
          underlying: this.versions(st, "Underlying", (s) => this.underlying(s)),
          rights: this.versions(st, "OptionType", (s) => s.rights.map((r) => this.word(OPTION_RIGHTS, r, s.span))),
          exercise: this.versions(st, "Exercise", (s) => this.word(EXERCISE_STYLES, s.style, s.span)),
          automaticExercise: this.versions(st, "AutoExercise", (s) =>
            this.quantity(s.threshold, "the automatic exercise threshold", s.span),
          ),
          strikes: this.versions(st, "Strikes", (s) => this.quantity(s.step, "the strike step", s.span)),
          premiumTick: tick("premium"),
          expiry: this.versions(st, "Expiry", (s) =>
            s.businessDaysBefore === undefined
              ? { kind: "with-underlying" as const }
              : {
                  kind: "before-underlying" as const,
                  businessDays: this.count(s.businessDaysBefore, COUNT_BOUNDS.expiryDaysBefore, "the number of business days", s.span),
                  calendar: this.calendarOr(s.calendar, decl, s.span),
                },
          ),
        };
      case "Spread":
        return {
          kind: "spread",
          ...common,
          legs: this.rules(st, "Leg", (s) => ({
            side: this.word(LEG_SIDES, s.side, s.span),
            ratio: this.decimal(s.ratio, "the leg ratio", s.span),
            contract: this.resolve(s.contract, FUTURE, "future", s.span).name,
            monthsLater:
              s.monthsLater === undefined ? 0 : this.count(s.monthsLater, COUNT_BOUNDS.legMonthsLater, "the number of months", s.span),
            rounding: s.rounding === undefined ? null : this.rounding(s.rounding, "the leg", s.span),
          })),
          spreadTick: tick("spread"),
          negativePrices: negativePrices(),
        };
    }
  }

  /** `trading hours …` and the named days that change sessions: each present only when the contract states it. */
  private tradingSchedule(
    st: readonly A.Statement[],
    decl: A.Declaration,
  ): { tradingHours?: Clause<TradingHours>[]; sessionChanges?: Clause<SessionChange>[] } {
    const ctx = [`${declarationKind(decl)} ${decl.name?.name ?? ""}`];
    const tradingHours = this.versions(st, "TradingHours", (s) =>
      this.need(lowerTradingHours(s, this.report, ctx), s, "the trading hours"),
    );
    const sessionChanges = this.rules(st, "SessionChange", (s) => {
      const c = this.need(lowerSessionChange(s, this.report, ctx), s, "the session change");
      const rule = c.day;
      const day: HolidayRule = {
        name: rule.name,
        date: rule.date.kind === "oneOff" ? { kind: "oneOff", dates: [...rule.date.dates] } : { ...rule.date },
        observance: rule.observance === undefined ? { kind: "none" } : explicitObservance(rule.observance),
        ...(rule.fromYear === undefined ? {} : { fromYear: rule.fromYear }),
        ...(rule.untilYear === undefined ? {} : { untilYear: rule.untilYear }),
        exceptYears: [...(rule.exceptYears ?? [])],
        descriptions: [],
        clauses: [],
      };
      return { day, shiftDays: c.shiftDays, closes: c.closes };
    });
    return {
      ...(tradingHours.length === 0 ? {} : { tradingHours }),
      ...(sessionChanges.length === 0 ? {} : { sessionChanges }),
    };
  }

  /** `payment …`: present only when the contract states it, so specs without one are unchanged. */
  private payment(st: readonly A.Statement[], decl: A.Declaration): { payment?: Clause<Payment>[] } {
    const payment = this.versions(st, "Payment", (s) => ({
      businessDays: this.count(s.businessDays, COUNT_BOUNDS.paymentDays, "the number of business days", s.span),
      after: this.need(s.anchor, s, "what the payment is counted from"),
      calendar: this.calendarOr(s.calendar, decl, s.span),
    }));
    return payment.length === 0 ? {} : { payment };
  }

  /** `payment amounts rounded to …`: present only when the contract states it. */
  private cashRounding(st: readonly A.Statement[]): { cashRounding?: Clause<CashRounding>[] } {
    const cashRounding = this.versions(st, "PaymentAmounts", (s) => {
      const r = this.rounding(s.rounding, "payment amounts", s.span);
      if (r.kind !== "increment") throw new Error("payment amounts are rounded to an increment");
      return { increment: r.increment, mode: r.mode };
    });
    return cashRounding.length === 0 ? {} : { cashRounding };
  }

  /** `price limits …, beyond the last limit clamped|flagged`: present only when some version of the limits states it. */
  private priceLimitBreach(st: readonly A.Statement[]): { priceLimitBreach?: Clause<"clamp" | "flag">[] } {
    const priceLimitBreach = this.versions(
      st,
      "PriceLimits",
      (s) => this.word(PRICE_LIMIT_BREACHES, s.breach, s.span),
      (s) => s.breach !== undefined,
    );
    return priceLimitBreach.length === 0 ? {} : { priceLimitBreach };
  }

  /** `index licence …` and `index disclaimer …`: present only when the contract states them. */
  private indexLicence(st: readonly A.Statement[]): { indexLicence?: Clause<IndexLicence>[]; indexDisclaimer?: Clause<string[]>[] } {
    const indexLicence = this.versions(st, "IndexLicence", (s) => ({
      index: this.resolve(s.index, INDEX, "index", s.span).name,
      licensor: this.need(s.licensor?.value, s, "the licensor"),
    }));
    const indexDisclaimer = this.versions(st, "IndexDisclaimer", (s) => s.paragraphs.map((x) => x.value));
    return {
      ...(indexLicence.length === 0 ? {} : { indexLicence }),
      ...(indexDisclaimer.length === 0 ? {} : { indexDisclaimer }),
    };
  }

  private underlying(s: A.UnderlyingStmt): { kind: "index" | "future"; name: string } {
    const kinds: readonly DeclarationKind[] = s.declared === "future" ? FUTURE : s.declared === "index" ? INDEX : ["index", "future"];
    const sym = this.resolve(s.target, kinds, "underlying", s.span);
    return { kind: sym.kind === "future" ? "future" : "index", name: sym.name };
  }

  private tick(s: A.TickStmt): { tick: Quantity; bound: { relation: "at-or-below" | "above"; price: string } | null }[] {
    return s.tiers.map((t) => ({
      tick: this.quantity(t.tick, "the tick", t.span),
      bound:
        t.bound === undefined ? null : { relation: t.bound.relation, price: this.decimal(t.bound.price, "the tier bound", t.bound.span) },
    }));
  }

  private listingPart(
    p: A.ListingPart,
  ):
    | { kind: "consecutive"; count: number; period: "months" | "weeks" }
    | { kind: "next-in" | "additional"; count: number; months: number[] } {
    if (p.kind === "Consecutive")
      return {
        kind: "consecutive",
        count: this.count(p.count, COUNT_BOUNDS.listedPeriods, "the number of periods", p.span),
        period: p.period,
      };
    return {
      kind: p.kind === "Additional" ? "additional" : "next-in",
      count: this.count(p.count, COUNT_BOUNDS.listedMonths, "the number of months", p.span),
      months: p.months.map((m) => this.word(MONTHS, m, p.span)),
    };
  }

  /** `new contracts listed every Thursday at 18:00 America/New_York`. */
  private listingTime(t: A.ListingTime): { kind: "listed-at"; weekday: number; at: ZonedTime } {
    return { kind: "listed-at", weekday: this.word(WEEKDAYS, t.weekday, t.span), at: this.zoned(t.at, "the listing time", t.span) };
  }

  private dateRule(r: A.DateRule | undefined, fallback: Span): ContractDateRule {
    const lowered = this.need(
      lowerDateRule(r, { report: this.report, resolveCalendar: (ref) => lookup(this.program, this.file, ref.name, CALENDAR)?.name }),
      r,
      "the date rule",
      fallback,
    );
    const shift = lowered.rule.shift === undefined ? { businessDays: 0, direction: "before" as const } : { ...lowered.rule.shift };
    if (lowered.kind === "weekly") {
      return {
        kind: "weekly",
        rule: { weekday: lowered.rule.weekday, shift, convention: lowered.rule.convention, calendar: lowered.rule.calendar },
      };
    }
    return {
      kind: "monthly",
      rule: {
        anchor: { ...lowered.rule.anchor },
        monthOffset: lowered.rule.monthOffset ?? 0,
        shift,
        convention: lowered.rule.convention,
        calendar: lowered.rule.calendar,
      },
    };
  }

  private finalSettlement(s: A.FinalSettlementStmt, decl: A.Declaration): FinalSettlement {
    const v = this.need(s.value, s.value, "the settlement value", s.span);
    let value: FinalSettlement["value"];
    switch (v.kind) {
      case "IndexAt":
        value = { kind: "index-at", index: this.resolve(v.index, INDEX, "index", v.span).name, at: this.zoned(v.at, "the fixing", v.span) };
        break;
      case "IndexAverage": {
        const days = this.need(v.days, v.days, "the averaging days", v.span);
        value = {
          kind: "index-average",
          index: this.resolve(v.index, INDEX, "index", v.span).name,
          at: this.zoned(v.at, "the fixing", v.span),
          days:
            days.kind === "EveryBusinessDay"
              ? { kind: "every-business-day", calendar: this.calendarOr(days.calendar, decl, days.span) }
              : {
                  kind: "last-business-days",
                  count: this.count(days.count, COUNT_BOUNDS.averagingDays, "the number of days", days.span),
                  calendar: this.calendarOr(days.calendar, decl, days.span),
                },
        };
        break;
      }
      case "UnderlyingFinal":
        value = { kind: "underlying-final", contract: this.resolve(v.target, ["future", "option", "spread"], "contract", v.span).name };
        break;
      case "LegByLeg":
        value = { kind: "leg-by-leg" };
        break;
    }
    return {
      method: this.word(SETTLEMENT_METHODS, s.method, s.span),
      value,
      rounding: this.rounding(s.rounding, "the final settlement", s.span),
    };
  }

  private dailyStep(step: A.DailyStep): Contract["dailySettlement"][number]["value"][number] {
    const notes = {
      effective: this.effective(step.annotations),
      descriptions: step.annotations.descriptions.map((d) => d.value),
      clauses: step.annotations.clauses.map((c) => c.value),
    };
    switch (step.kind) {
      case "DailyVwap":
        return {
          kind: "vwap",
          window: this.window(step.window, "the VWAP window", step.span),
          rounding: this.rounding(step.rounding, "the VWAP", step.span),
          ...notes,
          ...(step.moreThan !== undefined
            ? {
                moreThanTrades: this.count(
                  step.moreThan,
                  COUNT_BOUNDS.dailyTradesMoreThan,
                  "the number of trades of the step's condition",
                  step.span,
                ),
              }
            : {}),
        };
      case "DailyMidpoint":
        return {
          kind: "midpoint",
          at: this.zoned(step.at, "the midpoint", step.span),
          rounding: this.rounding(step.rounding, "the midpoint", step.span),
          ...notes,
        };
      case "DailyCarry":
        return { kind: "carry-forward", ...notes };
      case "DailyNetChange":
        return { kind: "net-change", ...notes };
      case "DailyLeadSpread":
        return {
          kind: "lead-spread",
          window: this.window(step.window, "the spread VWAP window", step.span),
          rounding: this.rounding(step.rounding, "the spread VWAP", step.span),
          ...notes,
        };
    }
  }

  private fallback(s: A.FallbackStmt, decl: A.Declaration): Fallback {
    const notes = (a: A.Annotations): { effective: EffectiveRange[]; descriptions: string[]; clauses: string[] } => ({
      effective: this.effective(a),
      descriptions: a.descriptions.map((d) => d.value),
      clauses: a.clauses.map((c) => c.value),
    });
    return {
      disruptions: s.disruptions.map((d) => ({
        condition: this.word(DISRUPTION_KINDS, d.condition, d.span),
        deadline: d.deadline === undefined ? null : this.zoned(d.deadline, "the deadline", d.span),
        duration: d.duration === undefined ? null : this.duration(d.duration, "the staleness", d.span),
        ...notes(d.annotations),
      })),
      steps: s.steps.map((step) => {
        const a = this.need(step.action, step, "the fallback action");
        let action: Fallback["steps"][number]["action"];
        switch (a.kind) {
          case "Postpone":
            action = {
              kind: "postpone",
              businessDays: this.count(a.days, COUNT_BOUNDS.postponementDays, "the number of business days", a.span),
              calendar: this.calendarOr(a.calendar, decl, a.span),
            };
            break;
          case "AlternateIndex":
            action = { kind: "alternate-index", index: this.resolve(a.index, INDEX, "index", a.span).name };
            break;
          case "CarryForward":
            action = {
              kind: "carry-forward",
              flagged: a.flagged,
              withinBusinessDays:
                a.withinDays === undefined
                  ? null
                  : this.count(a.withinDays, COUNT_BOUNDS.carryForwardDays, "the number of business days", a.span),
              ...(a.calendar === undefined ? {} : { calendar: this.resolve(a.calendar, CALENDAR, "calendar", a.span).name }),
            };
            break;
          case "Determination":
            action = { kind: "determination", party: this.word(DETERMINATION_PARTIES, a.party, a.span) };
            break;
          case "ExcludeDay":
            action = {
              kind: "exclude-day",
              minimumDays: this.count(a.minimumDays, COUNT_BOUNDS.averageMinimumDays, "the minimum number of days", a.span),
            };
            break;
        }
        return {
          action,
          only: step.only.length === 0 ? null : step.only.map((o) => this.word(DISRUPTION_KINDS, o, step.span)),
          ...notes(step.annotations),
        };
      }),
    };
  }

  /** The named calendar, or the contract's calendar as the fallbacks check defines it (E5010 when it has none). */
  private calendarOr(ref: A.Ident | undefined, decl: A.Declaration, span: Span): string {
    if (ref !== undefined) return this.resolve(ref, CALENDAR, "calendar", span).name;
    // The same search as the fallbacks check's, so check and build agree on the calendar.
    const found = contractCalendar(this.program, this.file, decl);
    const sym = found === undefined ? undefined : lookup(this.program, found.file, found.ref.name, CALENDAR);
    if (sym !== undefined) return sym.name;
    this.report(
      diag(Codes.MissingCalendar, span, "this rule counts business days, but no calendar says which days those are", {
        hint: "name the calendar with `on CALENDAR`",
      }),
    );
    throw new AlreadyReported();
  }
}

/** A base unit as the model writes it: canonical text, dimensions, exact scale, currency. */
export function modelUnit(u: BaseUnit): Unit {
  return { text: format(u), dimensions: { ...u.dims }, scale: u.factor, currency: u.money ?? null };
}

function explicitObservance(o: RuntimeObservance): HolidayRule["observance"] {
  if (o.kind === "shift") return { kind: "shift", saturday: o.saturday ?? "friday", sunday: o.sunday ?? "monday" };
  return { kind: o.kind };
}
