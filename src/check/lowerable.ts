/**
 * The checked IR: a declaration as the lowering (model/from-checked.ts) reads it, made by the check once it has
 * run. It is the syntax tree with every part the lowering needs made present and evaluated, so that the lowering
 * is a pure mapping with nothing to look up and nothing missing:
 * - a part the parser's recovery may leave out (`RULES`, `present`) is there (its type loses `undefined`);
 * - an enumerated word is its value (`word`: a `Word<T>`, the identifier with `value`);
 * - a reference is the declaration it resolved to, of a kind its place accepts (`ref`: a `Ref`, with `symbol`);
 * - a node whose meaning the checks established (`FACTS`: a number's decimal, a quantity's unit, a rule's calendar,
 *   trading hours as the sessions check lowered them, …) carries it as `checked`.
 * `lowerableDeclaration` makes it, or says what is missing: the checks report every such case as a user error, so a
 * declaration of a program without errors always has one (checkProgram makes it for each; the lowering reports a
 * declaration without one as an internal error, in `check` as in `build`). Adding a statement: list here the parts
 * its lowering reads.
 */
import type { Span } from "../base/source.js";
import type { Unit } from "../base/units.js";
import type { Decimal, RoundingMode } from "../runtime/numbers/decimal.js";
import type { Calendar, HolidayRule } from "../runtime/calendar/index.js";
import type { TradingHours } from "../runtime/spec.js";
import { DAYS_IN_YEAR } from "../runtime/bounds.js";
import type * as A from "../syntax/ast.js";
import type { DeclarationKind } from "../syntax/ast.js";
import type { Checked, CheckedCalendar, LoweredSessionChange } from "./checked.js";
import type { LoweredDateRule } from "./lower-calendar.js";
import type { Symbol } from "./program.js";
import { decimalOf, percentOf } from "./unit-of.js";
import {
  AGGREGATION_METHODS,
  DETERMINATION_PARTIES,
  DISRUPTION_KINDS,
  DURATION_UNITS,
  EMPTY_INTERVAL_POLICIES,
  EXACT_HALF_CONVENTIONS,
  EXERCISE_STYLES,
  EXTREME_MOVE_ACTIONS,
  ANCHOR_LEGS,
  LEG_SIDES,
  lookupWord,
  MONTHS,
  OPTION_RIGHTS,
  PRICE_LIMIT_BREACHES,
  ROUNDING_MODE_WORDS,
  SETTLEMENT_METHODS,
  WEEKDAYS,
  WEIGHTING_BASES,
  type WordSet,
} from "./words.js";

export type { Calendar, HolidayRule, CheckedCalendar, LoweredSessionChange };

/** An enumerated word and its value. */
export interface Word<T> extends A.Ident {
  readonly value: T;
}
/** A reference and the declaration it resolved to. */
export interface Ref extends A.Ident {
  readonly symbol: Symbol;
}

const CALENDAR: readonly DeclarationKind[] = ["calendar"];
const INDEX: readonly DeclarationKind[] = ["index"];
const FUTURE: readonly DeclarationKind[] = ["future"];
const CONTRACT: readonly DeclarationKind[] = ["future", "option", "spread"];
const AGGREGABLE: readonly DeclarationKind[] = ["future", "option"];

const present = { rule: "present" } as const;
/** Left as the parser wrote it: the node's `checked` reads it. */
const raw = { rule: "raw" } as const;
function word<T>(set: WordSet<T>): { readonly rule: "word"; readonly set: WordSet<T>; readonly optional: false } {
  return { rule: "word", set, optional: false };
}
function optionalWord<T>(set: WordSet<T>): { readonly rule: "word"; readonly set: WordSet<T>; readonly optional: true } {
  return { rule: "word", set, optional: true };
}
function ref(kinds: readonly DeclarationKind[]): {
  readonly rule: "ref";
  readonly kinds: readonly DeclarationKind[];
  readonly optional: false;
} {
  return { rule: "ref", kinds, optional: false };
}
function optionalRef(kinds: readonly DeclarationKind[]): {
  readonly rule: "ref";
  readonly kinds: readonly DeclarationKind[];
  readonly optional: true;
} {
  return { rule: "ref", kinds, optional: true };
}

/** The parts of each node kind the lowering reads: present, a word, or a reference. */
const RULES = {
  // A calendar is lowered by the calendars check (its `checked`): its statements are not read again.
  Calendar: { name: present, statements: raw },
  Index: { name: present },
  Future: { name: present },
  Option: { name: present },
  Spread: { name: present },
  ZonedTime: { time: present, zone: present },
  Quantity: { amount: present, unit: raw },
  ContractUnit: { quantity: raw },
  TimeZone: { zone: present },
  Quoted: { unit: raw },
  TickTier: { tick: present },
  Consecutive: { count: present },
  NextIn: { count: present, months: word(MONTHS) },
  Nearest: { count: present, months: word(MONTHS) },
  Additional: { count: present, months: word(MONTHS) },
  OnExpiry: { expiring: word(MONTHS), months: word(MONTHS), years: present },
  ListingTime: { weekday: word(WEEKDAYS), at: present },
  Termination: { at: present },
  FinalSettlement: { method: word(SETTLEMENT_METHODS), value: present, rounding: present },
  IndexAt: { index: ref(INDEX), at: present },
  IndexAverage: { index: ref(INDEX), at: present, days: present },
  LastBusinessDays: { count: present },
  UnderlyingFinal: { target: ref(CONTRACT) },
  FutureVwap: { target: ref(FUTURE), window: present },
  DailyVwap: { window: present, rounding: present },
  DailyMidpoint: { at: present, rounding: present },
  DailyMidpointPeriod: { window: present, rounding: present },
  DailyLeadSpread: { window: present, rounding: present },
  DailyCarryFormula: { index: ref(INDEX), rate: present, rounding: present },
  PriceLimits: { breach: optionalWord(PRICE_LIMIT_BREACHES) },
  PositionLimit: { count: present, aggregatedWith: optionalRef(AGGREGABLE) },
  Disruption: { condition: word(DISRUPTION_KINDS) },
  FallbackStep: { action: present, only: word(DISRUPTION_KINDS) },
  Postpone: { days: present },
  AlternateIndex: { index: ref(INDEX) },
  CarryForward: { calendar: optionalRef(CALENDAR) },
  Determination: { party: word(DETERMINATION_PARTIES) },
  DealerPoll: { dealers: present, minimumQuotes: present, rounding: present, deadline: present },
  NegotiatedFallback: { deadline: present },
  FallbackDeadline: { days: present },
  ExcludeDay: { minimumDays: present },
  Payment: { businessDays: present, anchor: present },
  IndexLicence: { index: ref(INDEX), licensor: present },
  FixingTick: { index: ref(INDEX) },
  VersionsSelected: { key: present },
  OptionType: { rights: word(OPTION_RIGHTS) },
  Exercise: { style: word(EXERCISE_STYLES) },
  AutoExercise: { threshold: present },
  Strikes: { step: present },
  StrikeListing: { step: present, below: present, above: present },
  Leg: { side: word(LEG_SIDES), ratio: present, contract: ref(FUTURE) },
  LegPricing: { anchorWord: optionalWord(ANCHOR_LEGS) },
  DynamicPriceLimits: { percent: present },
  Administrator: { name: present },
  Methodology: { version: present },
  Source: { name: present },
  Weight: { weight: present },
  Window: { window: present },
  Partition: { count: present, length: present },
  EmptyIntervals: { policy: word(EMPTY_INTERVAL_POLICIES) },
  Aggregate: { method: present },
  Method: { name: word(AGGREGATION_METHODS) },
  ExactHalf: { convention: word(EXACT_HALF_CONVENTIONS) },
  Trim: { highest: present, lowest: present },
  Cap: { percent: present },
  WeightedBy: { basis: word(WEIGHTING_BASES) },
  ExcludeDeviation: { percent: present },
  ExcludeStale: { duration: present },
  Minimum: { count: present },
  Degradation: { min: present, method: present },
  ExtremeMoves: { percent: present, action: word(EXTREME_MOVE_ACTIONS) },
  Round: { rounding: present },
  Publish: { at: present, calendar: optionalRef(CALENDAR) },
  Sample: { every: present, hold: present, policy: word(EMPTY_INTERVAL_POLICIES) },
  ExcludeTradesBelow: { amount: present },
  ExcludeTradeJumps: { percent: present },
  FlagBelow: { count: present },
  IndexCarryForward: { flag: present },
} as const;

/** A unit of account or of measure (not a number of contracts), as the unit check resolved it. */
function baseUnit(c: Checked, e: A.UnitExpr | undefined): Unit | undefined {
  const u = c.unit(e);
  return u?.kind === "unit" ? u.unit : undefined;
}

/** A rounding, evaluated. */
export type CheckedRounding =
  | { readonly kind: "unrounded" }
  | { readonly kind: "tick"; readonly mode: RoundingMode }
  | { readonly kind: "increment"; readonly increment: Decimal; readonly mode: RoundingMode };

function roundingOf(r: A.Rounding | undefined): CheckedRounding | undefined {
  if (r === undefined) return undefined;
  if (r.unrounded) return { kind: "unrounded" };
  const mode = r.mode === undefined ? undefined : lookupWord(ROUNDING_MODE_WORDS, r.mode.name);
  if (mode === undefined) return undefined;
  if (r.increment === "tick") return { kind: "tick", mode };
  const increment = decimalOf(r.increment);
  return increment === undefined ? undefined : { kind: "increment", increment, mode };
}

/** Plural unit names of durations, by the checker's singular. */
const DURATION_PLURAL = { second: "seconds", minute: "minutes", hour: "hours", day: "days" } as const;
export type DurationUnitName = (typeof DURATION_PLURAL)[keyof typeof DURATION_PLURAL] | "business-days";

function durationOf(d: A.Duration | undefined): { readonly amount: Decimal; readonly unit: DurationUnitName } | undefined {
  const amount = decimalOf(d?.amount);
  if (d === undefined || amount === undefined) return undefined;
  if (d.business) return { amount, unit: "business-days" };
  const unit = d.unit === undefined ? undefined : lookupWord(DURATION_UNITS, d.unit.name);
  return unit === undefined ? undefined : { amount, unit: DURATION_PLURAL[unit] };
}

const CLOCK_UNITS = ["seconds", "minutes", "hours"] as const;
function clockOf(d: A.Duration | undefined): { readonly amount: Decimal; readonly unit: (typeof CLOCK_UNITS)[number] } | undefined {
  const x = durationOf(d);
  const unit = CLOCK_UNITS.find((u) => u === x?.unit);
  return x === undefined || unit === undefined ? undefined : { amount: x.amount, unit };
}

function zonedOf(z: A.ZonedTime | undefined): { readonly time: string; readonly zone: string } | undefined {
  const time = z?.time?.value;
  const zone = z?.zone?.name;
  return time === undefined || zone === undefined ? undefined : { time, zone };
}

/** A whole number the count checks accepted (check/counts.ts), as a number. */
export function countOf(d: Decimal): number {
  return Number(d.normalize().toString());
}

/** A time window, every part present. */
export interface CheckedWindow {
  readonly from: string;
  readonly fromBound: "inclusive" | "exclusive";
  readonly to: string;
  readonly toBound: "inclusive" | "exclusive";
  readonly zone: string;
  readonly fromPreviousDay: boolean;
}

function windowOf(w: A.TimeWindow): CheckedWindow | undefined {
  const { fromBound, toBound } = w;
  const from = w.from?.value;
  const to = w.to?.value;
  const zone = w.zone?.name;
  if (from === undefined || to === undefined || zone === undefined || fromBound === undefined || toBound === undefined) return undefined;
  return { from, fromBound, to, toBound, zone, fromPreviousDay: w.fromDay !== undefined };
}

type Restatement =
  | { readonly kind: "never" }
  | {
      readonly kind: "until";
      readonly deadline: { readonly time: string; readonly zone: string };
      readonly day: "same" | "next-business";
      readonly threshold: Decimal | null;
    }
  | { readonly kind: "same-day"; readonly threshold: Decimal };

function restatementOf(s: A.RestateStmt): Restatement | undefined {
  if (s.never) return { kind: "never" };
  const threshold = percentOf(s.threshold);
  if (s.until === undefined) return threshold === undefined ? undefined : { kind: "same-day", threshold };
  const deadline = zonedOf(s.until.at);
  if (deadline === undefined || (s.threshold !== undefined && threshold === undefined)) return undefined;
  return { kind: "until", deadline, day: s.until.day, threshold: threshold ?? null };
}

function blendOf(s: A.BlendStmt): { readonly part: string; readonly weight: Decimal }[] | undefined {
  const out: { part: string; weight: Decimal }[] = [];
  for (const p of s.parts) {
    const weight = decimalOf(p.weight);
    if (p.name === undefined || weight === undefined) return undefined;
    out.push({ part: p.name.name, weight });
  }
  return out;
}

type Expiry =
  { readonly kind: "with-underlying" } | { readonly kind: "before-underlying"; readonly businessDays: Decimal; readonly calendar: string };

function expiryOf(c: Checked, s: A.ExpiryStmt): Expiry | undefined {
  if (s.businessDaysBefore === undefined) return { kind: "with-underlying" };
  const businessDays = decimalOf(s.businessDaysBefore);
  const calendar = c.businessDayCalendar(s);
  return businessDays === undefined || calendar === undefined ? undefined : { kind: "before-underlying", businessDays, calendar };
}

type ContractUnit =
  | { readonly kind: "contracts"; readonly amount: Decimal; readonly contract: string }
  | { readonly kind: "quantity"; readonly amount: Decimal; readonly unit: Unit };

function contractUnitOf(c: Checked, s: A.ContractUnitStmt): ContractUnit | undefined {
  const amount = decimalOf(s.quantity?.amount);
  const unit = c.unit(s.quantity?.unit);
  if (amount === undefined || unit === undefined) return undefined;
  return unit.kind === "contract"
    ? { kind: "contracts", amount, contract: unit.future.name }
    : { kind: "quantity", amount, unit: unit.unit };
}

function underlyingOf(c: Checked, s: A.UnderlyingStmt): { readonly kind: "index" | "future"; readonly name: string } | undefined {
  const sym = c.reference(s.target);
  const kinds: readonly DeclarationKind[] = s.declared === "future" ? FUTURE : s.declared === "index" ? INDEX : ["index", "future"];
  if (sym === undefined || !kinds.includes(sym.kind)) return undefined;
  return { kind: sym.kind === "future" ? "future" : "index", name: sym.name };
}

function fixingModeOf(s: A.FixingTickStmt): { readonly mode: RoundingMode | null } | undefined {
  if (s.rounding === undefined) return { mode: null };
  const r = roundingOf(s.rounding);
  return r?.kind === "tick" ? { mode: r.mode } : undefined;
}

function cashRoundingOf(s: A.PaymentAmountsStmt): { readonly increment: Decimal; readonly mode: RoundingMode } | undefined {
  const r = roundingOf(s.rounding);
  return r?.kind === "increment" ? { increment: r.increment, mode: r.mode } : undefined;
}

function daysInYearOf(s: Extract<A.DailyStep, { kind: "DailyCarryFormula" }>): (typeof DAYS_IN_YEAR)[number] | undefined {
  const basis = decimalOf(s.basis)?.normalize().toString();
  return DAYS_IN_YEAR.find((d) => String(d) === basis);
}

function tierBoundOf(t: A.TickTier): { readonly relation: "at-or-below" | "above"; readonly price: Decimal } | null | undefined {
  if (t.bound === undefined) return null;
  const price = decimalOf(t.bound.price);
  return price === undefined ? undefined : { relation: t.bound.relation, price };
}

function nearestMonthsOf(s: A.StrikeListingStmt): { readonly months: Decimal | null } | undefined {
  if (s.nearest === undefined) return { months: null };
  const months = decimalOf(s.nearest.months);
  return months === undefined ? undefined : { months };
}

function quantityOf(c: Checked, q: A.Quantity): { readonly amount: Decimal; readonly unit: Unit } | undefined {
  const amount = decimalOf(q.amount);
  const unit = baseUnit(c, q.unit);
  return amount === undefined || unit === undefined ? undefined : { amount, unit };
}

/** What the checks established about a node of each kind, as its `checked`; undefined when they did not (reported). */
const FACTS = {
  Number: (n: A.NumberLit) => decimalOf(n),
  Percent: (p: A.PercentLit) => percentOf(p),
  ZonedTime: (z: A.ZonedTime) => zonedOf(z),
  TimeWindow: (w: A.TimeWindow) => windowOf(w),
  Duration: (d: A.Duration) => durationOf(d),
  Rounding: (r: A.Rounding) => roundingOf(r),
  Quantity: (q: A.Quantity, c: Checked) => quantityOf(c, q),
  Quoted: (s: A.QuotedStmt, c: Checked) => baseUnit(c, s.unit),
  ContractUnit: (s: A.ContractUnitStmt, c: Checked) => contractUnitOf(c, s),
  Underlying: (s: A.UnderlyingStmt, c: Checked) => underlyingOf(c, s),
  TickTier: (t: A.TickTier) => tierBoundOf(t),
  Calendar: (d: A.CalendarDecl, c: Checked) => c.calendar(d),
  LastTradingDay: (s: A.LastTradingDayStmt, c: Checked): LoweredDateRule | undefined => c.lastTradingDay(s),
  TradingHours: (s: A.TradingHoursStmt, c: Checked): TradingHours | undefined => c.tradingHours(s),
  SessionChange: (s: A.SessionChangeStmt, c: Checked) => c.sessionChange(s),
  Payment: (s: A.PaymentStmt, c: Checked) => c.businessDayCalendar(s),
  Postpone: (a: Extract<A.FallbackAction, { kind: "Postpone" }>, c: Checked) => c.businessDayCalendar(a),
  FallbackDeadline: (d: A.FallbackDeadline, c: Checked) => c.businessDayCalendar(d),
  EveryBusinessDay: (d: A.AveragingDays, c: Checked) => c.businessDayCalendar(d),
  LastBusinessDays: (d: A.AveragingDays, c: Checked) => c.businessDayCalendar(d),
  Expiry: (s: A.ExpiryStmt, c: Checked) => expiryOf(c, s),
  PaymentAmounts: (s: A.PaymentAmountsStmt) => cashRoundingOf(s),
  FixingTick: (s: A.FixingTickStmt) => fixingModeOf(s),
  DailyCarryFormula: (s: Extract<A.DailyStep, { kind: "DailyCarryFormula" }>) => daysInYearOf(s),
  DynamicPriceLimits: (s: A.DynamicPriceLimitsStmt) => {
    const window = clockOf(s.window);
    const halt = clockOf(s.halt);
    return window === undefined || halt === undefined ? undefined : { window, halt };
  },
  StrikeListing: (s: A.StrikeListingStmt) => nearestMonthsOf(s),
  Restate: (s: A.RestateStmt) => restatementOf(s),
  Blend: (s: A.BlendStmt) => blendOf(s),
} as const;

// ---------------------------------------------------------------------------------------------------------
// The type of the checked IR, derived from the tables.

type Rules = typeof RULES;
type Facts = typeof FACTS;
type Primitive = string | number | boolean | bigint | null | undefined;

/** A node of the syntax tree as the check established it (see the file's comment). */
export type Lowerable<T> = T extends Primitive
  ? T
  : T extends readonly (infer E)[]
    ? readonly Lowerable<E>[]
    : T extends { readonly kind: infer K extends string }
      ? LowerableNode<T, K>
      : { readonly [P in keyof T]: Lowerable<T[P]> };

type RuleOf<K extends string, P> = K extends keyof Rules ? (P extends keyof Rules[K] ? Rules[K][P] : undefined) : undefined;
type FactOf<K extends string> = K extends keyof Facts ? { readonly checked: NonNullable<ReturnType<Facts[K]>> } : unknown;

type LowerableNode<T, K extends string> = { readonly [P in keyof T]: Field<T[P], RuleOf<K, P>> } & FactOf<K>;

type Field<V, R> = R extends { readonly rule: "present" }
  ? Lowerable<Exclude<V, undefined>>
  : R extends { readonly rule: "raw" }
    ? V
    : R extends { readonly rule: "word"; readonly set: WordSet<infer W>; readonly optional: infer O }
      ? Evaluated<V, Word<W>, O>
      : R extends { readonly rule: "ref"; readonly optional: infer O }
        ? Evaluated<V, Ref, O>
        : Lowerable<V>;

type Evaluated<V, X, O> = V extends undefined ? (O extends true ? undefined : never) : V extends readonly unknown[] ? readonly X[] : X;

/** A declaration as the lowering reads it. */
export type LowerableDeclaration = Lowerable<A.Declaration>;

/** A declaration of a file, checked. */
export interface CheckedDeclaration {
  readonly file: string;
  readonly decl: LowerableDeclaration;
}

/** A named declaration the checks did not establish, and the first part missing. */
export interface Unchecked {
  readonly decl: A.Declaration;
  readonly missing: Missing;
}

/**
 * What the lowering reads of a checked program: the checked IR of each named declaration the checks established,
 * in source order, and the others. The checks report every part missing as an error, so a program without errors
 * has no `unchecked` declaration (when it has, the lowering reports a checker bug as an internal error).
 */
export interface CheckedProgram {
  readonly declarations: readonly CheckedDeclaration[];
  readonly unchecked: readonly Unchecked[];
}

// ---------------------------------------------------------------------------------------------------------
// Making it.

/** What made a declaration not lowerable: the node and the part. */
export interface Missing {
  readonly span: Span;
  readonly what: string;
}

type AnyRule =
  | { readonly rule: "present" }
  | { readonly rule: "raw" }
  | { readonly rule: "word"; readonly set: WordSet<unknown>; readonly optional: boolean }
  | { readonly rule: "ref"; readonly kinds: readonly DeclarationKind[]; readonly optional: boolean };
type AnyFact = (node: never, c: Checked) => unknown;

class Incomplete {
  constructor(readonly missing: Missing) {}
}

/**
 * The checked IR of a declaration, or the first part of it the checks did not establish (which they reported, unless
 * the program has no error: then it is a checker bug).
 */
export function lowerableDeclaration(decl: A.Declaration, checked: Checked): LowerableDeclaration | Missing {
  const r = node(decl, checked);
  return r instanceof Incomplete ? r.missing : (r as LowerableDeclaration);
}

function node(value: unknown, c: Checked): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const x = node(v, c);
      if (x instanceof Incomplete) return x;
      out.push(x);
    }
    return out;
  }
  const obj = value as { readonly kind?: unknown; readonly span?: Span };
  const kind = typeof obj.kind === "string" ? obj.kind : undefined;
  const rules: Readonly<Record<string, AnyRule>> | undefined =
    kind === undefined ? undefined : (RULES as unknown as Record<string, Record<string, AnyRule>>)[kind];
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) {
    if (key === "span") {
      out[key] = v;
      continue;
    }
    const rule = rules?.[key];
    const x = rule === undefined ? node(v, c) : field(v, rule, c, obj.span, `${kind ?? ""}.${key}`);
    if (x instanceof Incomplete) return x;
    out[key] = x;
  }
  const fact = kind === undefined ? undefined : (FACTS as Record<string, AnyFact>)[kind];
  if (fact !== undefined) {
    const checked = fact(value as never, c);
    if (checked === undefined) return new Incomplete({ span: obj.span ?? NOWHERE, what: `what the check established of ${kind}` });
    out.checked = checked;
  }
  return out;
}

const NOWHERE: Span = { file: "", start: 0, end: 0 };

function field(v: unknown, rule: AnyRule, c: Checked, span: Span | undefined, what: string): unknown {
  const missing = (): Incomplete => new Incomplete({ span: span ?? NOWHERE, what });
  switch (rule.rule) {
    case "raw":
      return v;
    case "present":
      return v === undefined ? missing() : node(v, c);
    case "word":
    case "ref": {
      if (v === undefined) return rule.optional ? undefined : missing();
      const one = (ident: A.Ident): unknown => {
        if (rule.rule === "word") {
          const value = lookupWord(rule.set, ident.name);
          return value === undefined ? missing() : { ...ident, value };
        }
        const symbol = c.reference(ident);
        return symbol === undefined || !rule.kinds.includes(symbol.kind) ? missing() : { ...ident, symbol };
      };
      if (!Array.isArray(v)) return one(v as A.Ident);
      const out: unknown[] = [];
      for (const ident of v as A.Ident[]) {
        const x = one(ident);
        if (x instanceof Incomplete) return x;
        out.push(x);
      }
      return out;
    }
  }
}
