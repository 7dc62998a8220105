/**
 * The trading sessions of a compiled contract between two dates, from its trading hours and the named days that
 * change them (runtime/spec.ts's `TradingHours` and `SessionChange`).
 *
 * Rules, as the language reference states them:
 * - The weekly window (`Sunday to Friday 17:00 to 16:00`) opens on its first weekday at its opening time and closes
 *   on its last weekday at its closing time, in the zone's wall-clock time; around the clock (`24 hours a day, 7 days
 *   a week`) it never closes. A daily break (`with a break of 60 minutes each day beginning at 16:00`) is taken out of
 *   it every day. What remains are the sessions; around the clock without a break, each calendar day of the zone is
 *   one session, from 00:00 to 24:00.
 * - A session belongs to the day on which it closes (a close at 24:00 to the day before); that day chooses the
 *   version of the trading hours in force, the named days, and whether the product trades (its `effective` dates).
 * - A closed day (`trading closed`) removes the session that closes on it; an early close (`early close … at
 *   12:15`) ends that session at the time, or removes it when the time is not after its opening. Closed wins.
 * - Local times are resolved with the IANA zone (a time in a clock change's gap moves forward).
 */
import {
  formatInstant,
  formatIsoDate,
  observedHolidays,
  parseIsoDate,
  parseLocalTime,
  resolveLocalTime,
  weekdayOf,
  yearOf,
} from "../calendar/index.js";
import type { EpochDay } from "../calendar/index.js";
import type { AnyContract, EffectiveRange, HolidayRule, TradingHours } from "../spec.js";
import { rulesOn, versionIndexOn } from "../versions.js";

/** The fields of a contract the sessions read. */
export type SessionContract = Pick<AnyContract, "name" | "tradingHours" | "sessionChanges"> & {
  readonly effective?: readonly EffectiveRange[];
};

/** One trading session: the day it belongs to, and its opening and closing instants (UTC and local). */
export interface Session {
  readonly day: string;
  readonly opens: string;
  readonly closes: string;
  readonly opensLocal: string;
  readonly closesLocal: string;
  /** The named day that closed it early, with the early close. */
  readonly earlyClose?: { readonly name: string; readonly time: string };
}

/** A day whose session does not take place, by name. */
export interface ClosedDay {
  readonly day: string;
  readonly name: string;
}

/** The sessions between two dates (inclusive), the named days without a session, and the product's first session. */
export interface Sessions {
  readonly contract: string;
  readonly zone: string;
  readonly from: string;
  readonly to: string;
  readonly sessions: readonly Session[];
  readonly closed: readonly ClosedDay[];
  /** The product's first trade date (the start of its `effective` dates) and the session it opens with. */
  readonly first?: { readonly tradeDate: string; readonly session: Session | null };
}

export type SessionsResult = { readonly ok: true; readonly value: Sessions } | { readonly ok: false; readonly error: string };

/** The longest range of days one question may ask about (ten years), so the work is bounded. */
export const MAX_SESSION_DAYS = 3660;
const DAY = 86400;
const WEEKEND = (1 << 6) | (1 << 7);

/** An interval of wall-clock seconds (epoch day × 86400 + seconds) in the zone. */
interface Wall {
  start: number;
  end: number;
}

function secondsOf(time: string): number {
  return parseLocalTime(time) ?? 0;
}

/** The open intervals of one version of the trading hours over the days [a, b] (wall-clock seconds). */
function openIntervals(h: TradingHours, a: EpochDay, b: EpochDay): Wall[] {
  let open: Wall[] = [];
  const w = h.week;
  if (w === undefined) open.push({ start: (a - 1) * DAY, end: (b + 2) * DAY });
  else {
    const length = ((((w.closesOn - w.opensOn) * DAY + secondsOf(w.closes) - secondsOf(w.opens)) % (7 * DAY)) + 7 * DAY) % (7 * DAY);
    for (let d = a - 7; d <= b; d++) {
      if (weekdayOf(d) !== w.opensOn) continue;
      const start = d * DAY + secondsOf(w.opens);
      open.push({ start, end: start + length });
    }
  }
  if (h.dailyBreak !== undefined) {
    const begins = secondsOf(h.dailyBreak.begins);
    const len = h.dailyBreak.minutes * 60;
    for (let d = a - 8; d <= b + 1; d++) {
      const bs = d * DAY + begins;
      const be = bs + len;
      const next: Wall[] = [];
      for (const i of open) {
        if (be <= i.start || bs >= i.end) next.push(i);
        else {
          if (i.start < bs) next.push({ start: i.start, end: bs });
          if (be < i.end) next.push({ start: be, end: i.end });
        }
      }
      open = next;
    }
  } else if (w === undefined) {
    // Around the clock without a break: one session per calendar day.
    open = [];
    for (let d = a; d <= b; d++) open.push({ start: d * DAY, end: (d + 1) * DAY });
  }
  return open;
}

/** The named days in force for a day: closed (by name) and early closes (the earliest one, by name). */
interface DayChanges {
  readonly closed: Map<EpochDay, string>;
  readonly early: Map<EpochDay, { name: string; time: string }>;
}

function dayChanges(c: SessionContract, a: EpochDay, b: EpochDay): DayChanges {
  const closed = new Map<EpochDay, string>();
  const early = new Map<EpochDay, { name: string; time: string }>();
  const clauses = c.sessionChanges ?? [];
  for (const clause of clauses) {
    const rule: HolidayRule = clause.value.day;
    for (const o of observedHolidays([rule], WEEKEND, yearOf(a) - 1, yearOf(b) + 1)) {
      const day = o.day + clause.value.shiftDays;
      if (day < a || day > b) continue;
      // The named day's rule must be in force on the day it changes.
      if (rulesOn([clause], formatIsoDate(day)).length === 0) continue;
      const closes = clause.value.closes;
      if (closes === null) {
        if (!closed.has(day)) closed.set(day, rule.name);
      } else {
        const prior = early.get(day);
        if (prior === undefined || secondsOf(closes) < secondsOf(prior.time)) early.set(day, { name: rule.name, time: closes });
      }
    }
  }
  return { closed, early };
}

function inRanges(ranges: readonly EffectiveRange[] | undefined, iso: string): boolean {
  if (ranges === undefined || ranges.length === 0) return true;
  return ranges.some((r) => (r.from === null || r.from <= iso) && (r.until === null || iso <= r.until));
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** A wall-clock second of the zone as an instant (ms), resolved with the IANA zone. */
function instantOf(wall: number, zone: string): number | undefined {
  const day = Math.floor(wall / DAY);
  const s = wall - day * DAY;
  const r = resolveLocalTime(day, `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`, zone);
  return r.ok ? r.value.instant : undefined;
}

function utc(instant: number): string {
  return new Date(instant).toISOString().replace(".000Z", "Z");
}

function session(day: EpochDay, i: Wall, zone: string, early?: { name: string; time: string }): Session | undefined {
  const opens = instantOf(i.start, zone);
  const closes = instantOf(i.end, zone);
  if (opens === undefined || closes === undefined) return undefined;
  const ol = formatInstant(opens, zone);
  const cl = formatInstant(closes, zone);
  if (!ol.ok || !cl.ok) return undefined;
  return {
    day: formatIsoDate(day),
    opens: utc(opens),
    closes: utc(closes),
    opensLocal: ol.value,
    closesLocal: cl.value,
    ...(early === undefined ? {} : { earlyClose: early }),
  };
}

/** The sessions of days [a, b] with the named days that close them. */
function sessionsIn(c: SessionContract, a: EpochDay, b: EpochDay): { sessions: Session[]; closed: ClosedDay[] } | string {
  const hours = c.tradingHours ?? [];
  const changes = dayChanges(c, a, b);
  const byVersion = new Map<number, Wall[]>();
  const found: { day: EpochDay; wall: Wall; version: number }[] = [];
  for (let v = 0; v < hours.length; v++) {
    const walls = openIntervals(hours[v]!.value, a, b);
    byVersion.set(v, walls);
    for (const w of walls) {
      const day = Math.floor((w.end - 1) / DAY);
      if (day >= a && day <= b) found.push({ day, wall: w, version: v });
    }
  }
  found.sort((x, y) => x.wall.start - y.wall.start);
  const sessions: Session[] = [];
  const closed: ClosedDay[] = [];
  const closedSeen = new Set<EpochDay>();
  for (const f of found) {
    const iso = formatIsoDate(f.day);
    if (versionIndexOn(hours, iso) !== f.version || !inRanges(c.effective, iso)) continue;
    const zone = hours[f.version]!.value.zone;
    const shut = changes.closed.get(f.day);
    const early = changes.early.get(f.day);
    let wall = f.wall;
    let applied: { name: string; time: string } | undefined;
    if (shut === undefined && early !== undefined) {
      const end = f.day * DAY + secondsOf(early.time);
      if (end < wall.end) {
        wall = { start: wall.start, end };
        applied = early;
      }
    }
    if (shut !== undefined || wall.end <= wall.start) {
      if (!closedSeen.has(f.day)) closed.push({ day: iso, name: shut ?? early!.name });
      closedSeen.add(f.day);
      continue;
    }
    const s = session(f.day, wall, zone, applied);
    if (s === undefined) return `a session of ${iso} cannot be placed in ${zone}`;
    sessions.push(s);
  }
  return { sessions, closed };
}

/**
 * The trading sessions of a contract whose days lie between two ISO dates (inclusive), with the named days that have
 * none, and the product's first session when its `effective` dates have a start.
 */
export function tradingSessions(c: SessionContract, from: string, to: string): SessionsResult {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (a === undefined || b === undefined) return { ok: false, error: `not a date: ${a === undefined ? from : to}` };
  if (b < a) return { ok: false, error: `the range ends (${to}) before it starts (${from})` };
  if (b - a + 1 > MAX_SESSION_DAYS) return { ok: false, error: `the range is longer than ${MAX_SESSION_DAYS} days` };
  if (yearOf(a) < 1900 || yearOf(b) > 2200) return { ok: false, error: "the range lies outside the years 1900 to 2200" };
  const hours = c.tradingHours ?? [];
  if (hours.length === 0) return { ok: false, error: `${c.name} states no trading hours` };
  const found = sessionsIn(c, a, b);
  if (typeof found === "string") return { ok: false, error: found };
  const zone = (hours.find((h) => inRanges(h.effective, to)) ?? hours[hours.length - 1]!).value.zone;
  const start = (c.effective ?? []).map((r) => r.from).find((d): d is string => d !== null);
  let first: Sessions["first"];
  const day = start === undefined ? undefined : parseIsoDate(start);
  if (start !== undefined && day !== undefined) {
    const firstFound = sessionsIn(c, day, day + 13);
    first = { tradeDate: start, session: typeof firstFound === "string" ? null : (firstFound.sessions[0] ?? null) };
  }
  return {
    ok: true,
    value: { contract: c.name, zone, from, to, sessions: found.sessions, closed: found.closed, ...(first === undefined ? {} : { first }) },
  };
}

/** The sessions as text: one line per session, local and UTC, with early closes and closed days. */
export function sessionsText(s: Sessions): string {
  const lines: string[] = [`${s.contract}: trading sessions from ${s.from} to ${s.to} (${s.zone})`];
  if (s.first !== undefined) {
    const f = s.first.session;
    lines.push(
      f === null
        ? `first trade date ${s.first.tradeDate}: no session within two weeks`
        : `first trade date ${s.first.tradeDate}: first session opens ${f.opensLocal} (${f.opens})`,
    );
  }
  const rows: { day: string; line: string }[] = [];
  for (const x of s.sessions) {
    const early = x.earlyClose === undefined ? "" : `  early close: ${x.earlyClose.name}`;
    rows.push({ day: x.day, line: `${x.day}  ${x.opensLocal} – ${x.closesLocal}  (UTC ${x.opens} – ${x.closes})${early}` });
  }
  for (const x of s.closed) rows.push({ day: x.day, line: `${x.day}  no session: ${x.name}` });
  rows.sort((p, q) => (p.day < q.day ? -1 : p.day > q.day ? 1 : 0));
  for (const r of rows) lines.push(r.line);
  lines.push(`${s.sessions.length} session(s)${s.closed.length === 0 ? "" : `, ${s.closed.length} day(s) without a session`}`);
  return lines.join("\n") + "\n";
}
