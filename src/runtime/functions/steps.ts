/**
 * The steps a settlement of a compiled contract is composed of, each a function of plain parameters (rule values
 * already chosen for the date, tick, multiplier, calendar engines, a lookup of index values), so that the generic
 * composition (`functions.ts`) and the generated per-contract modules (src/backends/settlement) run exactly the
 * same code: resolve a period to its expiry, build the lookup of index values from market data (published fixings
 * first, then values computed from observations, each with its index certificate), settle a final price through
 * the fallback waterfall, an option's exercise and payoff, a spread leg by leg, a position's variation, the daily
 * procedure with its price-limit bands, and one index value. Every step returns plain report data, never throws.
 */
import { Decimal, parseInputDecimal } from "../numbers/decimal.js";
import { formatInstant, formatIsoDate, instantToLocal, localToInstant, parseIsoDate, type CalendarEngine } from "../calendar/index.js";
import type { DealerQuote, Fixing, Observations } from "../market-data/index.js";
import type { StatedValue } from "../engine/disruption-fallbacks.js";
import { isPublished, nameAt, parseInstantMicros, pickNames } from "../market-data/index.js";
import {
  type ContractPeriod,
  type Schedule,
  describeScheduleError,
  formatPeriod,
  monthPeriod,
  weekPeriod,
  contractSymbol,
} from "../schedule/index.js";
import type { CashRounding, DailyStep, Fallback, FinalSettlement, Index, PriceLimit, Rounding } from "../spec.js";
import { valueOn } from "../versions.js";
import { Ratio } from "../numbers/ratio.js";
import { gridPosition } from "../engine/tick-grid.js";
import { applyHardLimit } from "../engine/price-limits.js";
import type { QuoteUpdate } from "../engine/quotes.js";
import { isQuoteRow, quoteTape } from "./quotes.js";
import {
  type FixingLookup,
  type IndexCertificate,
  type IndexResult,
  type StripContext,
  type StripNeighbour,
  type TickTable,
  computeIndex,
  computedLookup,
  dailySettlement,
  finalSettlement,
  fixingLookup,
  optionPayoff,
  priceLimitBands,
  spreadValue,
  variationMargin,
} from "../engine/index.js";
import type { Multiplier } from "./reports.js";
import type {
  AttemptReport,
  DailySection,
  DayReport,
  ExcludedDayReport,
  IndexReport,
  LegReport,
  MarketData,
  MethodologyReport,
  OptionReport,
  PositionReport,
  PositionReq,
  ReportError,
  RestatementReport,
  SettlementReport,
  SpreadReport,
  TickTiers,
} from "./reports.js";

/**
 * A decimal from a request string within the program's input precision, or an error naming the field: `request`
 * for a malformed number, `precision-out-of-range` beyond the bound (decimal.ts's `INPUT_PRECISION`).
 */
export function requestDecimal(field: string, text: string): Decimal | ReportError {
  const r = typeof text === "string" ? parseInputDecimal(text) : undefined;
  if (r === undefined) return { kind: "request", message: `${field}: not a decimal string` };
  if (r.ok) return r.value;
  return { kind: r.kind === "precision-out-of-range" ? r.kind : "request", message: `${field}: ${r.message}` };
}

/**
 * The contract's price domain: with `negativePrices` false (the rendered contract's "Prices may not be zero or
 * negative"), a price of zero or below is a `price-domain` error naming what it is; null or true accept any price.
 */
export function priceDomain(what: string, price: Decimal, negativePrices: boolean | null | undefined): ReportError | undefined {
  if (negativePrices !== false || price.isPositive()) return undefined;
  return {
    kind: "price-domain",
    message: `${what} is ${price.toString()}, ${price.isZero() ? "zero" : "negative"}: the contract's prices may not be zero or negative`,
  };
}

/**
 * An error when a traded price is not on the contract's tick grid (a whole multiple of the tick of its tier), naming
 * the nearest valid prices: no trade can have happened at it, so a variation computed from it would be wrong.
 */
export function offTick(what: string, price: Decimal, tick: TickTiers): ReportError | undefined {
  const g = gridPosition(tickTable(tick), price);
  if (typeof g === "string") return { kind: "off-tick", message: `${what} ${price.toString()}: ${g}` };
  if (g.valid) return undefined;
  const around = [g.below, g.above].filter((d) => d !== undefined).map((d) => d.toString());
  return {
    kind: "off-tick",
    message: `${what} ${price.toString()} is not on the tick grid (tick ${g.tick.toString()} at this price)${
      around.length === 0 ? "" : `: the nearest valid prices are ${around.join(" and ")}`
    }`,
  };
}

/** Whether a step result is an error. */
export function isError(x: unknown): x is ReportError {
  return typeof x === "object" && x !== null && "kind" in x && "message" in x && !("ok" in x) && Object.keys(x).length === 2;
}

/** A contract period and everything about its end that a certificate states. */
export interface ResolvedPeriod {
  readonly contract: string;
  readonly symbol: string;
  /** "2026-03" or "2026-W13". */
  readonly period: string;
  readonly lastTradingDay: string;
  /** ISO 8601 local time with offset, then the zone: "2026-03-27T16:00:00+00:00 Europe/London". */
  readonly termination: string | null;
  readonly settlementDate: string | null;
  /** A spread's legs: each leg's contract and period. */
  readonly legs:
    readonly { readonly side: "buy" | "sell"; readonly contract: string; readonly period: string; readonly symbol: string }[] | null;
}

/**
 * Parses a period as a request writes it — "2026-12", "2026-W13", or a weekly contract's expiry date "2026-03-27"
 * (the ISO week containing it) — for a contract whose periods are months or weeks.
 */
export function parsePeriod(text: string, kind: "month" | "week"): ContractPeriod | ReportError {
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m !== null) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { kind: "period", message: `${text}: no such month` };
    if (kind === "week")
      return { kind: "period", message: `${text}: the contract is weekly; give an ISO week (2026-W13) or its expiry date (2026-03-27)` };
    return monthPeriod(Number(m[1]), month);
  }
  m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (m !== null) {
    if (kind === "month") return { kind: "period", message: `${text}: the contract is monthly; give a month (2026-12)` };
    const y = Number(m[1]),
      w = Number(m[2]);
    const jan4 = parseIsoDate(`${m[1]}-01-04`)!;
    const p = weekPeriod(jan4 + (w - 1) * 7);
    if (w < 1 || p.kind !== "week" || p.isoYear !== y || p.isoWeek !== w) return { kind: "period", message: `${text}: no such ISO week` };
    return p;
  }
  const day = parseIsoDate(text);
  if (day !== undefined) {
    if (kind === "month") return { kind: "period", message: `${text}: the contract is monthly; give a month (2026-12)` };
    return weekPeriod(day);
  }
  return {
    kind: "period",
    message: `${JSON.stringify(text)} is not a period: give a month (2026-12), an ISO week (2026-W13) or a weekly expiry date (2026-03-27)`,
  };
}

/** Resolves a contract period: symbol, last trading day, termination instant, final settlement date and legs. */
export function resolvePeriod(schedule: Schedule, contract: string, period: string): ResolvedPeriod | ReportError {
  const first = /^\d{4}-\d{2}/.test(period) ? parseIsoDate(`${period.slice(0, 7)}-01`) : undefined;
  const kind = schedule.periodKind(contract, first ?? parseIsoDate("2026-01-01")!);
  if (!kind.ok) return { kind: "schedule", message: describeScheduleError(kind.error) };
  const p = parsePeriod(period, kind.value);
  if (isError(p)) return p;
  const e = schedule.expiry(contract, p);
  if (!e.ok) return { kind: "schedule", message: describeScheduleError(e.error) };
  const x = e.value;
  let termination: string | null = null;
  if (x.termination !== undefined) {
    const t = formatInstant(x.termination.instant, x.termination.zone);
    termination = t.ok ? `${t.value} ${x.termination.zone}` : null;
  }
  return {
    contract,
    symbol: x.symbol,
    period: formatPeriod(p),
    lastTradingDay: formatIsoDate(x.lastTradingDay),
    termination,
    settlementDate: x.finalSettlementDate === undefined ? null : formatIsoDate(x.finalSettlementDate),
    legs:
      x.legs === undefined
        ? null
        : x.legs.map((l) => ({
            side: l.side,
            contract: l.contract,
            period: formatPeriod(l.period),
            symbol: contractSymbol(l.contract, l.period),
          })),
  };
}

/** Index values from market data, with the certificate of every value computed from observations. */
export interface MarketLookup {
  readonly lookup: FixingLookup;
  /** Certificates of the values computed so far, in the order they were first needed. */
  certificates(): IndexCertificate[];
  /** The methodology version in force of every index consulted (published or computed), in order of first use. */
  methodologies(): MethodologyReport[];
  /** The corrections of every fixing consulted, with their outcomes, in order of first use. */
  restatements(): RestatementReport[];
}

/** The local date of an instant: its date in the zone of the index's publication time (UTC without one). */
export function fixingDate(methodology: Index | undefined, time: number): string {
  const ms = Math.floor(time / 1000);
  const utc = new Date(ms).toISOString().slice(0, 10);
  const zone =
    methodology === undefined ? undefined : (valueOn(methodology.publication, utc)?.at.zone ?? methodology.publication[0]?.value.at.zone);
  if (zone === undefined) return utc;
  const l = instantToLocal(ms, zone);
  return l.ok ? formatIsoDate(l.value.day) : utc;
}

/**
 * The fixing day a fixing row belongs to: the latest publication day of the index whose fixing instant (its
 * publication time that day, in its zone; only business days of its publication calendar when it names one) is at
 * or before the row's time. A row stamped before the publication time of its own day is therefore not that day's
 * fixing but a late publication (or a correction) of the previous fixing day's. An index without a publication time
 * dates rows by their UTC date.
 */
export function fixingDayOf(methodology: Index | undefined, time: number, engines?: (name: string) => CalendarEngine | undefined): string {
  const ms = Math.floor(time / 1000);
  const local = fixingDate(methodology, time);
  const start = parseIsoDate(local);
  if (methodology === undefined || methodology.publication.length === 0 || start === undefined) return local;
  // A fixing day lies at most a year back (a publication calendar has business days in every year).
  for (let day = start; day > start - 370; day--) {
    const date = formatIsoDate(day);
    const pub = valueOn(methodology.publication, date);
    if (pub === undefined) continue;
    if (pub.calendar !== null) {
      const engine = engines?.(pub.calendar);
      if (engine !== undefined && !engine.isBusinessDay(day)) continue;
    }
    const at = localToInstant(day, pub.at.time, pub.at.zone);
    if (at.ok && at.value <= ms) return date;
  }
  return local;
}

/**
 * The lookup of index values for a settlement: a published fixing of the index on the date answers (a fixing held
 * for review is not published); without one, the value is computed from the observations with the index's
 * methodology (the previous value from the fixings, the contract's tick for rounding to the tick). `engines` gives
 * the publication calendars that decide which fixing day a row belongs to ({@link fixingDayOf}).
 */
export function marketLookup(
  data: { readonly observations?: Observations | undefined; readonly fixings?: readonly Fixing[] | undefined },
  indices: (name: string) => Index | undefined,
  tick?: TickTiers | null,
  engines?: (name: string) => CalendarEngine | undefined,
): MarketLookup {
  const days = fixingDays(data.fixings ?? [], indices, engines);
  const folded = new Map([...days].map(([k, d]) => [k, foldDay(d)]));
  const published = fixingLookup([...folded.values()].flatMap((f) => (f.row === undefined ? [] : [f.row])));
  const results = new Map<string, IndexResult>();
  const used = new Map<string, readonly RestatementReport[]>();
  const obs = data.observations;
  const computed = computedLookup(indices, () => obs, published, {
    ...(tick != null ? { tick: tickTable(tick) } : {}),
    record: (index, date, r) => {
      const k = `${index}\u0000${date}`;
      if (!results.has(k)) results.set(k, r);
    },
  });
  const versions = new Map<string, string | null>();
  const lookup: FixingLookup = {
    value(index, date, by) {
      const m = indices(index);
      if (m !== undefined) {
        const version = valueOn(m.methodology, date)?.version ?? null;
        const k = `${index}\u0000${version}`;
        if (!versions.has(k)) versions.set(k, version);
      }
      const key = `${index}\u0000${date}`;
      const day = days.get(key);
      if (day === undefined) return obs === undefined ? published.value(index, date) : computed.value(index, date);
      const f = by === undefined ? folded.get(key)! : foldDay(day, by);
      if (f.corrections.length > 0 && !used.has(key)) used.set(key, f.corrections);
      if (f.row === undefined) {
        const first = formatAt(day.rows[0]!.time, day.zone);
        return {
          ok: false,
          disruption: "not-published",
          message: `no fixing of ${index} on ${date} by the deadline ${formatAt(by! * 1000, day.zone)}: it was published at ${first}`,
        };
      }
      return fixingLookup([f.row]).value(index, date);
    },
    lastBefore: (index, date) => published.lastBefore(index, date),
  };
  return {
    lookup,
    certificates: () => [...results.values()].map((r) => r.certificate),
    methodologies: () => [...versions].map(([k, version]) => ({ index: k.slice(0, k.indexOf("\u0000")), version })),
    restatements: () => [...used.values()].flat(),
  };
}

/** A published fixing on its fixing day. */
interface DatedFixing {
  readonly index: string;
  readonly value: Decimal;
  readonly status: Fixing["status"];
  readonly date: string;
}

/** The rows of one index on one fixing day, in time order, with its methodology and publication zone. */
interface FixingDay {
  readonly index: string;
  readonly date: string;
  readonly methodology: Index | undefined;
  readonly zone: string;
  readonly rows: Fixing[];
  /** The deadline of the restatement window in force (epoch ms), or undefined without one ({@link restatementDeadline}). */
  readonly restateBy: number | undefined;
}

/**
 * The last instant a fixing of `date` may be corrected under a restatement window (`restate until 10:00 Europe/London
 * on the next business day`): the deadline's wall-clock time in its zone on the fixing date, or on the next
 * publication day after it (a business day of the publication calendar; the next day for an index published every
 * calendar day). Undefined when the rule in force is not a window or the instant cannot be placed.
 */
function restatementDeadline(
  m: Index | undefined,
  date: string,
  engines?: (name: string) => CalendarEngine | undefined,
): number | undefined {
  const rule = m?.restatement === undefined ? undefined : valueOn(m.restatement, date);
  const day = parseIsoDate(date);
  if (rule?.kind !== "until" || day === undefined) return undefined;
  let target = day;
  if (rule.day === "next-business") {
    target = day + 1;
    // The next publication day: at most a year ahead (a publication calendar has business days in every year).
    for (; target < day + 370; target++) {
      const pub = valueOn(m!.publication, formatIsoDate(target));
      const engine = pub?.calendar == null ? undefined : engines?.(pub.calendar);
      if (engine === undefined || engine.isBusinessDay(target)) break;
    }
  }
  const at = localToInstant(target, rule.deadline.time, rule.deadline.zone);
  return at.ok ? at.value : undefined;
}

/** Fixings grouped by index and fixing day ({@link fixingDayOf}), keyed `index\0date`. */
function fixingDays(
  fixings: readonly Fixing[],
  indices: (name: string) => Index | undefined,
  engines?: (name: string) => CalendarEngine | undefined,
): Map<string, FixingDay> {
  const days = new Map<string, FixingDay>();
  for (const f of fixings) {
    const m = indices(f.index);
    const date = fixingDayOf(m, f.time, engines);
    const key = `${f.index}\u0000${date}`;
    let day = days.get(key);
    if (day === undefined) {
      day = {
        index: f.index,
        date,
        methodology: m,
        zone: (m === undefined ? undefined : valueOn(m.publication, date)?.at.zone) ?? "UTC",
        rows: [],
        restateBy: restatementDeadline(m, date, engines),
      };
      days.set(key, day);
    }
    day.rows.push(f);
  }
  return days;
}

/** An instant in epoch microseconds as local ISO 8601 time with offset in a zone. */
function formatAt(micros: number, zone: string): string {
  const ms = Math.floor(micros / 1000);
  const r = formatInstant(ms, zone);
  return r.ok ? r.value : new Date(ms).toISOString();
}

/**
 * One fixing day after corrections, as published by `by` (epoch ms) when given. The first published row is the
 * fixing; later rows are corrections, applied as the index's restatement rule in force on that day says: `never`
 * keeps the published value; `same-day` applies a correction whose change exceeds the threshold (a row on a later day
 * is that day's fixing, so every correction here is a same-day one); an index without a rule takes the correction.
 * A row held for review that a later row replaces is not a publication. Rows after `by` do not count; a correction
 * among them is reported as too late. Every correction is reported with its outcome.
 */
function foldDay(
  day: FixingDay,
  by?: number,
): { readonly row: DatedFixing | undefined; readonly corrections: readonly RestatementReport[] } {
  let current: DatedFixing | undefined;
  const corrections: RestatementReport[] = [];
  for (const f of day.rows) {
    const row: DatedFixing = { index: f.index, value: f.value, status: f.status, date: day.date };
    const late = by !== undefined && f.time / 1000 > by;
    if (current === undefined || !isPublished(current.status)) {
      if (!late) current = row;
      continue;
    }
    const decision = late
      ? { applied: false, reason: `published after the deadline ${formatAt(by! * 1000, day.zone)}` }
      : restatementDecision(day.methodology, day.date, current.value, f, day);
    corrections.push({
      index: f.index,
      date: day.date,
      at: formatAt(f.time, day.zone),
      published: current.value.toString(),
      corrected: f.value.toString(),
      ...decision,
    });
    if (decision.applied) current = row;
  }
  return { row: current, corrections };
}

/** The fixings in force after corrections (see {@link foldDay}), and the corrections of each `index\0date`. */
export function restated(
  fixings: readonly Fixing[],
  indices: (name: string) => Index | undefined,
  engines?: (name: string) => CalendarEngine | undefined,
): { readonly rows: readonly DatedFixing[]; readonly corrections: ReadonlyMap<string, readonly RestatementReport[]> } {
  const rows: DatedFixing[] = [];
  const corrections = new Map<string, readonly RestatementReport[]>();
  for (const [key, day] of fixingDays(fixings, indices, engines)) {
    const f = foldDay(day);
    if (f.row !== undefined) rows.push(f.row);
    if (f.corrections.length > 0) corrections.set(key, f.corrections);
  }
  return { rows, corrections };
}

function restatementDecision(
  m: Index | undefined,
  date: string,
  published: Decimal,
  f: Fixing,
  day: FixingDay,
): { applied: boolean; reason: string } {
  if (!isPublished(f.status)) return { applied: false, reason: "a row held for review does not correct a published value" };
  const rule = m?.restatement === undefined ? undefined : valueOn(m.restatement, date);
  if (rule === undefined) return { applied: true, reason: "the index states no restatement rule; the later value stands" };
  if (rule.kind === "never") return { applied: false, reason: "the index never restates a published value" };
  if (rule.kind === "until") {
    const by = day.restateBy;
    const deadline = by === undefined ? "the restatement deadline" : `the restatement deadline ${formatAt(by * 1000, rule.deadline.zone)}`;
    if (by === undefined || f.time / 1000 > by) return { applied: false, reason: `corrected after ${deadline}` };
    if (rule.thresholdPercent === null) return { applied: true, reason: `corrected by ${deadline}` };
  }
  const thresholdPercent = rule.thresholdPercent!;
  const what = rule.kind === "until" ? "restatement" : "same-day";
  const change = published.isZero()
    ? undefined
    : Ratio.fromDecimal(f.value.sub(published).abs()).div(Ratio.fromDecimal(published.abs())).mul(Ratio.of(100n));
  const threshold = Ratio.fromDecimal(Decimal.of(thresholdPercent));
  const shown =
    change === undefined
      ? "from zero"
      : `${change.toDecimal()?.toString() ?? `about ${change.roundToIncrement(Decimal.of("0.0001"), "half-even").toString()}`}%`;
  const exceeds = change === undefined ? !f.value.isZero() : change.cmp(threshold) > 0;
  return exceeds
    ? { applied: true, reason: `the change ${shown} exceeds the ${what} threshold of ${thresholdPercent}%` }
    : { applied: false, reason: `the change ${shown} does not exceed the ${what} threshold of ${thresholdPercent}%` };
}

/** A tick table of decimal strings as the runtime's exact one. */
export function tickTable(tiers: TickTiers): TickTable {
  return tiers.map((t) => ({
    tick: Decimal.of(t.tick),
    bound: t.bound === null ? null : { relation: t.bound.relation, price: Decimal.of(t.bound.price) },
  }));
}

/** A tick table as text: "0.001", or its tiers "0.0005 at or below 0.1, 0.001 above 0.1". */
export function tickText(tiers: TickTiers): string {
  if (tiers.length === 1 && tiers[0]!.bound === null) return tiers[0]!.tick;
  return tiers
    .map((t) => (t.bound === null ? t.tick : `${t.tick} ${t.bound.relation === "above" ? "above" : "at or below"} ${t.bound.price}`))
    .join(", ");
}

/** A rounding rule as text: "to 0.001 half-even", "to the tick 0.001 half-up", "to the tick (0.0005 at or below 0.1, 0.001 above 0.1) half-up", "unrounded". */
export function roundingText(r: Rounding, tick: TickTiers | null): string {
  if (r.kind !== "tick") return r.kind === "increment" ? `to ${r.increment} ${r.mode}` : "unrounded";
  const text = tick === null ? "(none stated)" : tick.length === 1 && tick[0]!.bound === null ? tickText(tick) : `(${tickText(tick)})`;
  return `to the tick ${text} ${r.mode}`;
}

/** A final price from index values, with the days and waterfall levels behind it. */
export type FinalSection =
  | {
      readonly ok: true;
      readonly price: string;
      readonly unrounded: string;
      readonly rounding: string;
      readonly flagged: boolean;
      readonly method: string;
      readonly days: readonly DayReport[];
      readonly excludedDays: readonly ExcludedDayReport[];
    }
  | { readonly ok: false; readonly error: ReportError; readonly attempts: readonly AttemptReport[] };

/** Parameters of {@link settleFinalIndex}: the rules in force on the last trading day, as plain values. */
export interface FinalIndexParams {
  readonly rule: FinalSettlement;
  readonly fallback: Fallback | null;
  readonly tick: TickTiers | null;
  readonly lastTradingDay: string;
  readonly lookup: FixingLookup;
  readonly engines: (name: string) => CalendarEngine | undefined;
  /** The index methodologies by name (the publication calendar that ages a carried-forward value). */
  readonly indices?: ((name: string) => Index | undefined) | undefined;
  /** A value determined by a party, decimal string. */
  readonly determined?: string | undefined;
  /** The day it was determined, YYYY-MM-DD. */
  readonly determinedOn?: string | undefined;
  /** The value the parties agreed in a negotiated fallback and the day they agreed it. */
  readonly negotiated?: { readonly value: string; readonly date: string } | undefined;
  /** Reference dealers' quotes, for a dealer poll. */
  readonly dealerQuotes?: readonly DealerQuote[] | undefined;
  /** The contract's price domain ({@link priceDomain}): false refuses a value or price of zero or below. */
  readonly negativePrices?: boolean | null | undefined;
}

/** The days and values a request states for the steps that take a value from people, checked. */
function statedInputs(
  p: FinalIndexParams,
): { determinedOn?: string; negotiated?: StatedValue; dealerQuotes?: readonly DealerQuote[] } | ReportError {
  const out: { determinedOn?: string; negotiated?: StatedValue; dealerQuotes?: readonly DealerQuote[] } = {};
  const day = (what: string, d: string): ReportError | undefined =>
    /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(d) && parseIsoDate(d) !== undefined
      ? undefined
      : { kind: "request", message: `${what} must be a day YYYY-MM-DD, not ${JSON.stringify(d)}` };
  if (p.determinedOn !== undefined) {
    const bad = day("the day of the determination", p.determinedOn);
    if (bad !== undefined) return bad;
    out.determinedOn = p.determinedOn;
  }
  if (p.negotiated !== undefined) {
    const bad = day("the day of the negotiated value", p.negotiated.date);
    if (bad !== undefined) return bad;
    const v = requestDecimal("negotiated", p.negotiated.value);
    if (isError(v)) return v;
    out.negotiated = { value: v, date: p.negotiated.date };
  }
  if (p.dealerQuotes !== undefined) {
    if (!Array.isArray(p.dealerQuotes)) return { kind: "request", message: "dealerQuotes must be a list of parsed dealer quotes" };
    out.dealerQuotes = p.dealerQuotes;
  }
  return out;
}

/** Final settlement against an index (at a time, or averaged over the declared days) through the fallback waterfall. */
export function settleFinalIndex(p: FinalIndexParams): FinalSection {
  let determined: Decimal | undefined;
  if (p.determined !== undefined) {
    const d = requestDecimal("determined", p.determined);
    if (isError(d)) return { ok: false, error: d, attempts: [] };
    determined = d;
  }
  const stated = statedInputs(p);
  if (isError(stated)) return { ok: false, error: stated, attempts: [] };
  const r = finalSettlement(p.rule, p.lastTradingDay, p.lookup, p.fallback ?? undefined, {
    engines: p.engines,
    ...(p.indices !== undefined ? { indices: p.indices } : {}),
    ...(determined !== undefined ? { determined } : {}),
    ...stated,
    ...(p.tick !== null ? { tick: tickTable(p.tick) } : {}),
  });
  if (!r.ok) return { ok: false, error: { kind: r.kind, message: r.message }, attempts: r.attempts.map((a) => ({ ...a })) };
  // Every value the price comes from, and the price itself, must lie in the contract's price domain.
  for (const d of r.days) {
    const bad = priceDomain(`the value for ${d.date} (${d.index})`, Decimal.of(d.value), p.negativePrices);
    if (bad !== undefined) return { ok: false, error: bad, attempts: r.days.flatMap((x) => x.attempts.map((a) => ({ ...a }))) };
  }
  const bad = priceDomain("the final settlement price", r.price, p.negativePrices);
  if (bad !== undefined) return { ok: false, error: bad, attempts: r.days.flatMap((x) => x.attempts.map((a) => ({ ...a }))) };
  return {
    ok: true,
    price: r.price.toString(),
    unrounded: r.unrounded,
    rounding: roundingText(p.rule.rounding, p.tick),
    flagged: r.flagged,
    method: r.method,
    days: r.days.map((d) => ({ ...d, attempts: d.attempts.map((a) => ({ ...a })) })),
    excludedDays: r.excluded.map((d) => ({ ...d, attempts: d.attempts.map((a) => ({ ...a })) })),
  };
}

/** Parameters of {@link settleOption}. */
export interface OptionParams {
  readonly right: "call" | "put";
  readonly strike: string;
  /** The underlying's symbol (or index name) and final price, decimal string. */
  readonly underlying: string;
  readonly underlyingPrice: string;
  readonly multiplier: Multiplier | null;
  /** The automatic-exercise threshold per unit of price, or null. */
  readonly threshold: string | null;
  /** The option's strike grid steps (the one in force first), or null when it states none. */
  readonly strikeSteps: readonly string[] | null;
  /** The option's name, for messages. */
  readonly contract: string;
}

/** A European cash-settled option at expiry: intrinsic value, automatic exercise against the threshold, payoff per contract. */
export function settleOption(p: OptionParams): OptionReport | ReportError {
  if (p.right !== "call" && p.right !== "put")
    return { kind: "request", message: `option right: ${JSON.stringify(p.right)} is neither call nor put` };
  const strike = requestDecimal("option strike", p.strike);
  if (isError(strike)) return strike;
  if (strike.isNegative())
    return { kind: "request", message: `option strike: ${strike.toString()} is negative; a strike is a price of zero or more` };
  if (p.strikeSteps !== null && p.strikeSteps.length > 0 && !p.strikeSteps.some((x) => strike.isMultipleOf(Decimal.of(x)))) {
    const step = Decimal.of(p.strikeSteps[0]!);
    const below = strike.roundToIncrement(step, "floor");
    return {
      kind: "request",
      message: `option strike ${strike.toString()} is not on the strike grid of ${p.contract} (every ${step.toString()}): the nearest strikes are ${below.toString()} and ${below.add(step).toString()}`,
    };
  }
  const s = Decimal.of(p.underlyingPrice);
  const m = p.multiplier === null ? Decimal.ONE : Decimal.of(p.multiplier.value);
  const r = optionPayoff(p.right, s, strike, m, p.threshold === null ? {} : { threshold: Decimal.of(p.threshold) });
  return {
    right: p.right,
    strike: strike.toString(),
    underlying: p.underlying,
    underlyingPrice: s.toString(),
    intrinsic: r.intrinsic.toString(),
    threshold: p.threshold,
    exercised: r.exercised,
    reason: r.reason,
    multiplier: p.multiplier?.value ?? null,
    currency: p.multiplier?.currency ?? null,
    payoff: r.payoff.toString(),
  };
}

/** A spread's value from its legs, each settled on its own: Σ (buy +, sell −) ratio × price; null when a leg has no price. */
export function settleSpread(legs: readonly LegReport[]): SpreadReport {
  if (legs.some((l) => l.price === null)) return { legs, value: null };
  return {
    legs,
    value: spreadValue(legs.map((l) => ({ side: l.side, ratio: Decimal.of(l.ratio), price: Decimal.of(l.price!) }))).toString(),
  };
}

/**
 * The variation of a position against a settlement price: (price − trade price) × multiplier × quantity. The trade
 * price must lie in the contract's price domain ({@link priceDomain}).
 */
export function positionReport(
  settlement: string,
  position: PositionReq,
  multiplier: Multiplier | null,
  negativePrices: boolean | null = null,
  tick: TickTiers | null = null,
  cashRounding?: CashRounding,
): PositionReport | ReportError {
  const q = requestDecimal("position quantity", position.quantity);
  if (isError(q)) return q;
  const pr = requestDecimal("position price", position.price);
  if (isError(pr)) return pr;
  const bad = priceDomain("position price", pr, negativePrices);
  if (bad !== undefined) return bad;
  const off = tick === null ? undefined : offTick("position price", pr, tick);
  if (off !== undefined) return off;
  const exact = multiplier === null ? null : variationMargin(Decimal.of(settlement), pr, Decimal.of(multiplier.value), q);
  const base = {
    quantity: q.toString(),
    price: pr.toString(),
    multiplier: multiplier?.value ?? null,
    currency: multiplier?.currency ?? null,
  };
  if (exact === null || cashRounding === undefined) return { ...base, variation: exact?.toString() ?? null };
  // Half-toward-reference has no reference here; the checker and the loader refuse it for payment amounts.
  const rounded = exact.roundToIncrement(Decimal.of(cashRounding.increment), cashRounding.mode);
  return {
    ...base,
    variation: rounded.toString(),
    variationUnrounded: exact.toString(),
    variationRounding: `to ${cashRounding.increment} ${cashRounding.mode}`,
  };
}

/**
 * The rows of observations that are trades in one contract period: with an instrument column, those naming its
 * symbol (or no instrument); never a quote row (part `bid` or `offer`, functions/quotes.ts).
 */
export function tradesOf(obs: Observations, symbol: string): Observations {
  const quotes = obs.part?.names.some((p) => p === "bid" || p === "offer") === true;
  if (obs.instrument === null && !quotes) return obs;
  const keep: number[] = [];
  for (let r = 0; r < obs.length; r++) {
    if (quotes && isQuoteRow(obs, r)) continue;
    const i = nameAt(obs.instrument, r);
    if (i === null || i === "" || i === symbol) keep.push(r);
  }
  if (keep.length === obs.length) return obs;
  return rowsOf(obs, keep);
}

/** Parameters of {@link settleDaily}: the daily rules in force on the date, as plain values. */
export interface DailyParams {
  readonly steps: readonly DailyStep[];
  readonly limits: readonly PriceLimit[] | null;
  readonly tick: TickTiers | null;
  readonly date: string;
  readonly symbol: string;
  readonly observations?: Observations | undefined;
  readonly bidAsk?: { readonly bid: string; readonly ask: string } | undefined;
  readonly prior?: string | undefined;
  /** The contract's price domain ({@link priceDomain}): false refuses a prior, bid, offer or price of zero or below. */
  readonly negativePrices?: boolean | null | undefined;
  /** What a price beyond the last price limit becomes ({@link applyHardLimit}); absent when the limits do not say. */
  readonly breach?: "clamp" | "flag" | undefined;
  /** Settled in a strip: the months it is settled from (see strip.ts); absent when settled alone. */
  readonly strip?: StripInput | undefined;
  /** The published fixings, the methodologies that date them and the calendars (a carry step's inputs). */
  readonly fixings?: readonly Fixing[] | undefined;
  readonly indices?: ((name: string) => Index | undefined) | undefined;
  readonly engines?: ((name: string) => CalendarEngine | undefined) | undefined;
  /** The contract period's last trading day, which a carry step counts the days to expiration to. */
  readonly lastTradingDay?: string | undefined;
}

/** A month of the strip another is settled from, as settled: its symbol, today's price (null: none) and its prior. */
export interface StripMonth {
  readonly symbol: string;
  readonly price: string | null;
  readonly prior: string | undefined;
}

/** Where a month stands in its strip: the lead month and the preceding month (both null for the lead itself). */
export interface StripInput {
  readonly lead: StripMonth | null;
  readonly preceding: StripMonth | null;
  /** The instrument of the calendar spread between the lead month and this month in the observations. */
  readonly spreadSymbol: string | null;
}

/** The rows of exactly one instrument (a spread's trades are never the rows without an instrument). */
function instrumentTrades(obs: Observations, symbol: string): Observations | undefined {
  if (obs.instrument === null) return undefined;
  const keep: number[] = [];
  for (let r = 0; r < obs.length; r++) if (nameAt(obs.instrument, r) === symbol && !isQuoteRow(obs, r)) keep.push(r);
  return rowsOf(obs, keep);
}

/** The engine's strip context from the settled neighbours (decimals they settled to, priors as given). */
function stripContext(s: StripInput, observations: Observations | undefined): StripContext {
  const month = (m: StripMonth | null): StripNeighbour | null =>
    m === null
      ? null
      : {
          symbol: m.symbol,
          price: m.price === null ? undefined : Decimal.of(m.price),
          prior: m.prior === undefined ? undefined : Decimal.of(m.prior),
        };
  const spreadTrades = s.spreadSymbol === null || observations === undefined ? undefined : instrumentTrades(observations, s.spreadSymbol);
  return {
    lead: month(s.lead),
    preceding: month(s.preceding),
    ...(spreadTrades !== undefined ? { spreadTrades } : {}),
    ...(s.spreadSymbol !== null ? { spreadSymbol: s.spreadSymbol } : {}),
  };
}

/** A carry step's inputs: the fixings (dated by their indices' publication) and the calendar days to expiration. */
function carryInputs(p: DailyParams): { fixings?: FixingLookup; daysToExpiration?: number } {
  if (p.fixings === undefined || !p.steps.some((s) => s.kind === "carry-formula")) return {};
  const from = parseIsoDate(p.date);
  const to = p.lastTradingDay === undefined ? undefined : parseIsoDate(p.lastTradingDay);
  return {
    fixings: marketLookup({ fixings: p.fixings }, p.indices ?? (() => undefined), null, p.engines).lookup,
    ...(from !== undefined && to !== undefined ? { daysToExpiration: to - from } : {}),
  };
}

/** The daily settlement price (VWAP window, midpoint, carry) with the step that produced it and the price-limit bands. */
export function settleDaily(p: DailyParams):
  | {
      readonly price: string | null;
      readonly unrounded: string | null;
      readonly section: DailySection;
      /** Why the procedure ended without a price when a step could not decide it (never resolved by a later step). */
      readonly error?: ReportError;
    }
  | ReportError {
  const price = (field: string, text: string): Decimal | ReportError => {
    const d = requestDecimal(field, text);
    return isError(d) ? d : (priceDomain(field, d, p.negativePrices) ?? d);
  };
  let prior: Decimal | undefined;
  if (p.prior !== undefined) {
    const d = price("prior", p.prior);
    if (isError(d)) return d;
    prior = d;
  }
  let bidAsk: { bid: Decimal; ask: Decimal } | undefined;
  if (p.bidAsk !== undefined) {
    const b = price("bid", p.bidAsk.bid);
    if (isError(b)) return b;
    const a = price("ask", p.bidAsk.ask);
    if (isError(a)) return a;
    // A bid or offer is a price the market quoted, so it lies on the tick grid like a traded price.
    const off = p.tick === null ? undefined : (offTick("bid", b, p.tick) ?? offTick("offer", a, p.tick));
    if (off !== undefined) return off;
    bidAsk = { bid: b, ask: a };
  }
  let quotes: QuoteUpdate[] | undefined;
  if (p.observations !== undefined && p.steps.some((s) => s.kind === "period-midpoint")) {
    // A quote is a price the market quoted: in the price domain and on the tick grid, like a bid or offer given alone.
    const q = quoteTape(
      p.observations,
      p.symbol,
      (what, d) => priceDomain(what, d, p.negativePrices) ?? (p.tick === null ? undefined : offTick(what, d, p.tick)),
    );
    if (isError(q)) return q;
    quotes = q;
  }
  const r = dailySettlement(p.steps, {
    date: p.date,
    ...(p.observations !== undefined ? { trades: tradesOf(p.observations, p.symbol) } : {}),
    ...(quotes !== undefined ? { quotes } : {}),
    ...(bidAsk !== undefined ? { bidAsk } : {}),
    ...(prior !== undefined ? { prior } : {}),
    ...(p.tick !== null ? { tick: tickTable(p.tick) } : {}),
    ...(p.strip !== undefined ? { strip: stripContext(p.strip, p.observations) } : {}),
    ...carryInputs(p),
  });
  const bands =
    prior === undefined || p.limits === null ? [] : priceLimitBands(p.limits, prior, p.tick !== null ? tickTable(p.tick) : undefined);
  const section: DailySection = {
    date: p.date,
    step: r.ok ? r.step : null,
    stepKind: r.ok ? r.kind : null,
    prior: prior?.toString() ?? null,
    attempts: [...r.attempts],
    bands,
  };
  if (!r.ok && r.error !== undefined) return { price: null, unrounded: null, section, error: { ...r.error } };
  if (r.ok) {
    const bad = priceDomain(`the daily settlement price of step ${r.step} (${r.kind})`, r.price, p.negativePrices);
    if (bad !== undefined) return { price: null, unrounded: r.unrounded, section, error: bad };
    const limited = applyHardLimit(r.price, bands, p.breach, p.tick !== null ? tickTable(p.tick) : undefined);
    if (!limited.ok) return { price: null, unrounded: r.unrounded, section, error: { kind: "price-limit", message: limited.message } };
    if (limited.breach !== null)
      return { price: limited.price.toString(), unrounded: r.unrounded, section: { ...section, breach: limited.breach } };
  }
  return { price: r.ok ? r.price.toString() : null, unrounded: r.ok ? r.unrounded : null, section };
}

/** Parameters of {@link indexReport}. */
export interface IndexParams extends MarketData {
  readonly specHash: string;
  readonly index: string;
  readonly methodology: Index | undefined;
  readonly at: string;
  /** The calendar engines, for a publication calendar ({@link fixingDayOf}). */
  readonly engines?: ((name: string) => CalendarEngine | undefined) | undefined;
}

/**
 * One index value at an instant (or at its publication time on a date): computed from the observations with its
 * certificate when observations are given, else the published fixing of that date.
 */
export function indexReport(p: IndexParams): IndexReport {
  const base = { kind: "index" as const, index: p.index, at: p.at, specHash: p.specHash };
  const fail = (error: ReportError, date: string | null = null, extra: Partial<IndexReport> = {}): IndexReport => ({
    ...base,
    ok: false,
    error,
    date,
    value: null,
    status: null,
    methodology: null,
    certificate: null,
    ...extra,
  });
  const m = p.methodology;
  if (m === undefined) return fail({ kind: "unknown-index", message: `${p.index} is not an index of this spec` });
  let date: string;
  let at: number | undefined;
  if (parseIsoDate(p.at) !== undefined && p.at.length === 10) date = p.at;
  else {
    const micros = parseInstantMicros(p.at);
    if (typeof micros === "string") return fail({ kind: "request", message: `at: ${micros}` });
    at = micros;
    date = fixingDate(m, micros);
  }
  const methodology = { index: p.index, version: valueOn(m.methodology, date)?.version ?? null };
  // As of an instant: only fixings stamped at or before it (the observations are cut there by computeIndex).
  const fixings = at === undefined || p.fixings === undefined ? (p.fixings ?? []) : p.fixings.filter((f) => f.time <= at!);
  const fixed = restated(fixings, (n) => (n === p.index ? m : undefined), p.engines);
  const published = fixingLookup(fixed.rows);
  if (p.observations !== undefined) {
    const prior = published.lastBefore(p.index, date);
    const corrections = prior === undefined ? undefined : fixed.corrections.get(`${p.index}\u0000${prior.date}`);
    const extra = corrections === undefined ? {} : { restatements: corrections };
    const r = computeIndex(m, p.observations, {
      date,
      ...(at !== undefined ? { at } : {}),
      ...(prior !== undefined ? { previous: prior.value } : {}),
    });
    if (!r.ok)
      return fail({ kind: r.failure.kind, message: r.failure.message }, date, {
        methodology,
        certificate: r.certificate,
        status: "failed",
        ...extra,
      });
    return {
      ...base,
      ok: true,
      error: null,
      date,
      value: r.value.toString(),
      status: r.status,
      methodology,
      certificate: r.certificate,
      ...extra,
    };
  }
  if (p.fixings !== undefined) {
    const corrections = fixed.corrections.get(`${p.index}\u0000${date}`);
    const extra = corrections === undefined ? {} : { restatements: corrections };
    const v = published.value(p.index, date);
    if (!v.ok) return fail({ kind: v.disruption, message: v.message }, date, { methodology, ...extra });
    return {
      ...base,
      ok: true,
      error: null,
      date,
      value: v.value.toString(),
      status: "published",
      methodology,
      certificate: null,
      ...extra,
    };
  }
  return fail({ kind: "no-market-data", message: "give observations or fixings" }, date, { methodology });
}

/** The parts of a settlement report a step produced; everything else defaults to empty. */
export type ReportParts = Partial<Omit<SettlementReport, "kind" | "contract" | "specHash" | "period">> &
  Pick<SettlementReport, "kind" | "contract" | "specHash" | "period">;

/** Assembles a settlement report with every field present (absent parts null or empty), `ok` unless an error is given. */
export function settlementReport(parts: ReportParts): SettlementReport {
  return {
    ok: parts.error === undefined || parts.error === null,
    error: null,
    contractKind: "",
    symbol: null,
    lastTradingDay: null,
    termination: null,
    settlementDate: null,
    price: null,
    unrounded: null,
    rounding: null,
    flagged: false,
    method: null,
    days: [],
    attempts: [],
    indexCertificates: [],
    rules: [],
    methodology: [],
    position: null,
    option: null,
    spread: null,
    daily: null,
    ...parts,
  };
}

/** The rows `keep` of observations, in that order. */
function rowsOf(obs: Observations, keep: readonly number[]): Observations {
  const pick = <A extends Float64Array | Uint16Array | Uint32Array>(a: A, make: (n: number) => A): A => {
    const out = make(keep.length);
    keep.forEach((r, k) => (out[k] = a[r]!));
    return out;
  };
  return {
    length: keep.length,
    time: pick(obs.time, (n) => new Float64Array(n)),
    source: pick(obs.source, (n) => new Uint16Array(n)),
    sources: obs.sources,
    price: pick(obs.price, (n) => new Float64Array(n)),
    priceScale: obs.priceScale,
    volume: pick(obs.volume, (n) => new Float64Array(n)),
    volumeScale: obs.volumeScale,
    instrument: obs.instrument === null ? null : pickNames(obs.instrument, keep),
    line: pick(obs.line, (n) => new Uint32Array(n)),
    ...(obs.part === undefined || obs.part === null ? {} : { part: pickNames(obs.part, keep) }),
  };
}
