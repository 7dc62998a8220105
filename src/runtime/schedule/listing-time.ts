/**
 * The listed set as of an instant, and listing times (`new contracts listed every Thursday at 18:00
 * America/New_York`, the spec's `listed-at` part of a listing cycle).
 *
 * Rules, as docs/spec-format.md and the grammar reference state them:
 * - Without a listing time, the periods listed at an instant are those the cycle lists on the instant's date (in the
 *   zone of the contract's termination time, else UTC), less those whose trading has terminated by the instant (a
 *   period without a termination time is listed through its last trading day).
 * - With a listing time, a period the cycle adds on a day is listed from the latest listing instant before that day
 *   begins (CME: "A new BFF contract will be listed every Thursday at 6:00 p.m. New York time for a Friday trade
 *   date"), so the periods listed at an instant t are those the cycle lists on any day from t's date up to the day
 *   of the next listing instant after t, less those terminated by t. On a date, the listed set is the one at the
 *   start of that day in the listing time's zone.
 * - An option or spread without a cycle of its own follows its underlying's (first leg's) listing time.
 * - The product's first trade date lists what the cycle lists on it, whatever the listing time.
 */
import { formatIsoDate, instantToLocal, localToInstant, weekdayOf, type EpochDay } from "../calendar/index.js";
import type { ListingPart, ZonedTime } from "../spec.js";
import { versionOn } from "../versions.js";
import { MAX_DEPTH, type Listed, type ScheduleResult, type ScheduleContract } from "./types.js";
import { periodStart } from "./symbols.js";

/** What this module asks of a `Schedule` (its public methods). */
export interface ListingScheduleView {
  contract(name: string): ScheduleResult<ScheduleContract>;
  /** The periods the cycle lists on a day, without a listing time. */
  listedByCycle(name: string, day: EpochDay): ScheduleResult<Listed[]>;
  /** The termination instant of a listed period (epoch ms), or undefined when the contract states no time. */
  terminationOf(l: Listed): ScheduleResult<{ instant: number; zone: string } | undefined>;
  /** The zone of the contract's termination time in force on a date, or undefined. */
  terminationZone(name: string, iso: string): string | undefined;
  /** Whether a product trades on a day (its own trading dates). */
  traded(name: string, day: EpochDay): boolean;
  /** The date whose rule versions govern a question about a contract on a date (an as-of date, or the date itself). */
  ruleDateOf(name: string, event: string): string;
}

/** A listing time in force: the weekday (1 = Monday) and the wall-clock time in a zone. */
export interface ListingTime {
  readonly weekday: number;
  readonly at: ZonedTime;
}

const MS_PER_DAY = 86_400_000;

/** The listing time of a contract's cycle in force on a date, or its underlying's (first leg's) when it has no cycle. */
export function listingTimeOf(view: ListingScheduleView, name: string, iso: string, depth = 0): ListingTime | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const c = view.contract(name);
  if (!c.ok) return undefined;
  const on = view.ruleDateOf(name, iso);
  if (c.value.listing.length > 0) {
    const parts: readonly ListingPart[] | undefined = versionOn(c.value.listing, on)?.value;
    const t = parts?.find((p) => p.kind === "listed-at");
    return t === undefined || t.kind !== "listed-at" ? undefined : { weekday: t.weekday, at: t.at };
  }
  const u = c.value.underlying === undefined ? undefined : versionOn(c.value.underlying, on)?.value;
  const base = u?.kind === "future" ? u.name : c.value.legs?.[0]?.value.contract;
  return base === undefined || base === name ? undefined : listingTimeOf(view, base, iso, depth + 1);
}

/** The local date of an instant in a zone (UTC when the zone is undefined). */
function localDay(instant: number, zone: string | undefined): ScheduleResult<EpochDay> {
  if (zone === undefined) return { ok: true, value: Math.floor(instant / MS_PER_DAY) };
  const r = instantToLocal(instant, zone);
  return r.ok ? { ok: true, value: r.value.day } : r;
}

/** The first listing instant strictly after `t`, with its local day. */
function nextListing(time: ListingTime, t: number): ScheduleResult<{ instant: number; day: EpochDay }> {
  const d = localDay(t, time.at.zone);
  if (!d.ok) return d;
  let day = d.value + ((time.weekday - weekdayOf(d.value) + 7) % 7);
  for (let i = 0; i < 3; i++, day += 7) {
    const at = localToInstant(day, time.at.time, time.at.zone);
    if (!at.ok) return at;
    if (at.value > t) return { ok: true, value: { instant: at.value, day } };
  }
  return { ok: false, error: { kind: "invalid-time", time: time.at.time } };
}

/** The periods of a contract listed at an instant (epoch milliseconds), nearest first. */
export function listedAt(view: ListingScheduleView, name: string, t: number): ScheduleResult<Listed[]> {
  const c = view.contract(name);
  if (!c.ok) return c;
  const utcIso = formatIsoDate(Math.floor(t / MS_PER_DAY));
  const time = listingTimeOf(view, name, utcIso);
  const zone = time?.at.zone ?? view.terminationZone(name, utcIso);
  const today = localDay(t, zone);
  if (!today.ok) return today;
  // The days whose cycle counts at t: today, and up to the day of the next listing instant when there is one.
  let last = today.value;
  if (time !== undefined) {
    const next = nextListing(time, t);
    if (!next.ok) return next;
    // The days that begin before the next listing instant: its own day too when it is after that day's midnight.
    const midnight = localToInstant(next.value.day, "00:00", time.at.zone);
    if (!midnight.ok) return midnight;
    last = midnight.value < next.value.instant ? next.value.day : next.value.day - 1;
  }
  const seen = new Map<string, Listed>();
  for (let day = today.value; day <= last; day++) {
    // A day outside the product's trading dates lists nothing (the first day reports why).
    if (day > today.value && !view.traded(name, day)) continue;
    const r = view.listedByCycle(name, day);
    if (!r.ok) return r;
    for (const l of r.value) if (!seen.has(l.symbol)) seen.set(l.symbol, l);
  }
  const out: Listed[] = [];
  for (const l of seen.values()) {
    const end = view.terminationOf(l);
    if (!end.ok) return end;
    if (end.value !== undefined ? t < end.value.instant : l.lastTradingDay >= today.value) out.push(l);
  }
  return { ok: true, value: out.sort((a, b) => periodStart(a.period) - periodStart(b.period)) };
}

/** The instant a date begins in the zone of a contract's listing time, or undefined when it has none. */
export function listingDayStart(view: ListingScheduleView, name: string, day: EpochDay): ScheduleResult<number> | undefined {
  const time = listingTimeOf(view, name, formatIsoDate(day));
  if (time === undefined) return undefined;
  const r = localToInstant(day, "00:00", time.at.zone);
  return r;
}
