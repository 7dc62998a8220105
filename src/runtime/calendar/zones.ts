/**
 * Local wall-clock times in IANA time zones, converted to and from UTC instants with the ICU
 * time-zone database built into Node (through `Intl.DateTimeFormat`), never with fixed offsets.
 * Instants are epoch milliseconds (JS numbers). Disambiguation rule, the same as Temporal's
 * "compatible": a local time that does not exist (spring-forward gap) is moved forward by the length
 * of the gap (02:30 on a 02:00→03:00 night becomes 03:30); an ambiguous one (fall-back overlap) takes
 * the earlier instant. One formatter per zone is created lazily and cached for the process.
 */
import type { EpochDay } from "./dates.js";
import { formatIsoDate, fromCivil, yearOf } from "./dates.js";
import { fail, ok, type CalendarResult } from "./errors.js";

const MS_PER_DAY = 86_400_000;

/** null marks a name Intl rejected, so invalid names are not retried. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = null;
    // Intl also accepts offset strings such as "+01:00" in newer engines; those are fixed offsets, not zones.
    if (zone.length > 0 && !/^[+-]/.test(zone) && !/^\d/.test(zone)) {
      try {
        f = new Intl.DateTimeFormat("en-US", {
          timeZone: zone,
          hourCycle: "h23",
          year: "numeric",
          month: "numeric",
          day: "numeric",
          hour: "numeric",
          minute: "numeric",
          second: "numeric",
        });
      } catch {
        f = null;
      }
    }
    formatters.set(zone, f);
  }
  return f ?? undefined;
}

/** True when the name is an IANA time-zone name known to the ICU database (e.g. "Europe/London", "UTC"). */
export function isValidTimeZone(name: string): boolean {
  // Canonical IANA names are answered from Intl's list; building a formatter loads ICU's zone data, which costs
  // over 10 ms at startup, so only aliases (e.g. US/Eastern) take that path.
  if (canonicalZoneSet().has(name)) return true;
  return formatterFor(name) !== undefined;
}

let zoneList: readonly string[] | undefined;
/** The canonical IANA zone names Node's ICU knows, plus UTC (for validation and did-you-mean). */
export function knownTimeZones(): readonly string[] {
  if (zoneList === undefined) {
    let list: string[] = [];
    try {
      list = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf("timeZone");
    } catch {
      list = [];
    }
    zoneList = [...list, "UTC"];
  }
  return zoneList;
}

let canonicalZones: Set<string> | undefined;
function canonicalZoneSet(): Set<string> {
  return (canonicalZones ??= new Set(knownTimeZones()));
}

/** The canonical spelling ICU gives a zone name (e.g. "europe/london" → "Europe/London"); undefined if invalid. */
export function canonicalTimeZone(name: string): string | undefined {
  if (canonicalZoneSet().has(name)) return name;
  return formatterFor(name)?.resolvedOptions().timeZone;
}

/** Wall-clock fields of an instant in a zone; `offsetSeconds` is local minus UTC. */
export interface LocalDateTime {
  readonly day: EpochDay;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly offsetSeconds: number;
}

/** How a local time mapped to an instant: exactly, forward across a gap, or to the earlier of two instants. */
export type LocalTimeStatus = "exact" | "gap" | "ambiguous";

/** The instant a local time resolves to, with its UTC offset and how it was disambiguated. */
export interface ResolvedLocalTime {
  readonly instant: number;
  readonly offsetSeconds: number;
  readonly status: LocalTimeStatus;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses "HH:MM" or "HH:MM:SS" (00:00:00–23:59:59) into seconds after midnight; undefined if invalid. */
export function parseLocalTime(text: string): number | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || min > 59 || s > 59) return undefined;
  return h * 3600 + min * 60 + s;
}

/** "M/D/YYYY, HH:MM:SS" as en-US formats it with numeric fields and a 24-hour clock. */
const EN_US = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/**
 * Local wall time (as if it were UTC) of an instant, to the second, in ms; the instant's own ms are kept. Parses
 * `format()` (three times faster than `formatToParts`, which allocates an object per field) and falls back to
 * `formatToParts` for any other shape.
 */
function wallMs(f: Intl.DateTimeFormat, instant: number): number {
  const ms = instant - Math.floor(instant / 1000) * 1000;
  const m = EN_US.exec(f.format(instant));
  if (m) {
    const h = Number(m[4]);
    return fromCivil(Number(m[3]), Number(m[1]), Number(m[2])) * MS_PER_DAY + ((h * 60 + Number(m[5])) * 60 + Number(m[6])) * 1000 + ms;
  }
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of f.formatToParts(instant)) {
    switch (p.type) {
      case "year":
        y = Number(p.value);
        break;
      case "month":
        mo = Number(p.value);
        break;
      case "day":
        d = Number(p.value);
        break;
      case "hour":
        h = Number(p.value);
        break;
      case "minute":
        mi = Number(p.value);
        break;
      case "second":
        s = Number(p.value);
        break;
      default:
        break;
    }
  }
  return fromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

function offsetMsAt(f: Intl.DateTimeFormat, instant: number): number {
  return wallMs(f, instant) - instant;
}

/** The offsets of a zone during one UTC year: `offsets[i]` is in force from `starts[i]` (epoch ms) on. */
interface ZoneYear {
  readonly starts: number[];
  readonly offsets: number[];
}

/** Sampling step of the transition search; no zone has two clock changes that cancel out within it. */
const SAMPLE_MS = 14 * MS_PER_DAY;
const zoneYears = new Map<Intl.DateTimeFormat, Map<number, ZoneYear>>();

/** Finds every change of offset in (lo, hi] by bisection to the second, given the offsets at both ends differ. */
function findChanges(f: Intl.DateTimeFormat, lo: number, loOffset: number, hi: number, hiOffset: number, out: ZoneYear): void {
  let l = lo;
  let h = hi;
  while (h - l > 1000) {
    const m = l + Math.floor((h - l) / 2000) * 1000;
    if (offsetMsAt(f, m) === loOffset) l = m;
    else h = m;
  }
  const o = offsetMsAt(f, h);
  out.starts.push(h);
  out.offsets.push(o);
  if (o !== hiOffset) findChanges(f, h, o, hi, hiOffset, out);
}

/** The offset table of a zone for a UTC year, built once (about 30 ICU calls for a zone with summer time). */
function zoneYear(f: Intl.DateTimeFormat, year: number): ZoneYear {
  let years = zoneYears.get(f);
  if (years === undefined) {
    years = new Map();
    zoneYears.set(f, years);
  }
  let t = years.get(year);
  if (t === undefined) {
    const a = fromCivil(year, 1, 1) * MS_PER_DAY;
    const b = fromCivil(year + 1, 1, 1) * MS_PER_DAY;
    const first = offsetMsAt(f, a);
    const table: ZoneYear = { starts: [a], offsets: [first] };
    let prev = a;
    let prevOffset = first;
    for (let s = a + SAMPLE_MS; prev < b; s += SAMPLE_MS) {
      const at = Math.min(s, b);
      const o = offsetMsAt(f, at);
      if (o !== prevOffset) findChanges(f, prev, prevOffset, at, o, table);
      prev = at;
      prevOffset = o;
    }
    t = table;
    years.set(year, t);
  }
  return t;
}

/**
 * The offset (local minus UTC, ms) of a zone at an instant, from the zone's per-year table of clock changes: the
 * tables are computed from ICU once per zone and year, so converting many times costs array lookups, not ICU calls.
 */
function offsetAt(f: Intl.DateTimeFormat, instant: number): number {
  const day = Math.floor(instant / MS_PER_DAY);
  const t = zoneYear(f, yearOf(day));
  let i = t.starts.length - 1;
  while (i > 0 && t.starts[i]! > instant) i--;
  return t.offsets[i]!;
}

/** The UTC offset (local minus UTC, in seconds) of a zone at an instant. */
export function timeZoneOffsetSeconds(instant: number, zone: string): CalendarResult<number> {
  const f = formatterFor(zone);
  if (!f) return fail({ kind: "invalid-time-zone", zone });
  if (!Number.isFinite(instant)) return fail({ kind: "invalid-time", time: String(instant) });
  return ok(offsetAt(f, instant) / 1000);
}

/**
 * Resolves a local date and time ("HH:MM" or "HH:MM:SS") in a zone to a UTC instant, reporting
 * whether the local time fell in a gap (moved forward by the gap) or an overlap (earlier instant).
 */
export function resolveLocalTime(day: EpochDay, time: string, zone: string): CalendarResult<ResolvedLocalTime> {
  const f = formatterFor(zone);
  if (!f) return fail({ kind: "invalid-time-zone", zone });
  const seconds = parseLocalTime(time);
  if (seconds === undefined || !Number.isInteger(day)) return fail({ kind: "invalid-time", time });
  const local = day * MS_PER_DAY + seconds * 1000;
  // Offsets a day either side bracket any single transition near this local time.
  const before = offsetAt(f, local - MS_PER_DAY);
  const after = offsetAt(f, local + MS_PER_DAY);
  const candidates: number[] = [];
  for (const off of before === after ? [before] : [before, after]) {
    const t = local - off;
    if (offsetAt(f, t) === off) candidates.push(t);
  }
  if (candidates.length === 0) {
    // A gap: apply the offset in force before the transition, landing after it by the gap's length.
    const t = local - before;
    return ok({ instant: t, offsetSeconds: offsetAt(f, t) / 1000, status: "gap" });
  }
  const instant = Math.min(...candidates);
  return ok({
    instant,
    offsetSeconds: offsetAt(f, instant) / 1000,
    status: candidates.length > 1 ? "ambiguous" : "exact",
  });
}

/** Converts a local date and time ("HH:MM" or "HH:MM:SS") in a zone to epoch milliseconds (see the module rule for gaps and overlaps). */
export function localToInstant(day: EpochDay, time: string, zone: string): CalendarResult<number> {
  const r = resolveLocalTime(day, time, zone);
  return r.ok ? ok(r.value.instant) : r;
}

/** The wall-clock date and time of an instant in a zone. */
export function instantToLocal(instant: number, zone: string): CalendarResult<LocalDateTime> {
  const f = formatterFor(zone);
  if (!f) return fail({ kind: "invalid-time-zone", zone });
  if (!Number.isFinite(instant)) return fail({ kind: "invalid-time", time: String(instant) });
  const wall = instant + offsetAt(f, instant);
  const day = Math.floor(wall / MS_PER_DAY);
  let rest = wall - day * MS_PER_DAY;
  const millisecond = rest % 1000;
  rest = (rest - millisecond) / 1000;
  return ok({
    day,
    hour: Math.floor(rest / 3600),
    minute: Math.floor(rest / 60) % 60,
    second: rest % 60,
    millisecond,
    offsetSeconds: (wall - instant) / 1000,
  });
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** Formats a UTC offset in seconds as "+HH:MM" (or "+HH:MM:SS" for historic offsets with seconds). */
export function formatOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? "-" : "+";
  const a = Math.abs(offsetSeconds);
  const h = Math.floor(a / 3600);
  const m = Math.floor(a / 60) % 60;
  const s = a % 60;
  return `${sign}${two(h)}:${two(m)}${s === 0 ? "" : `:${two(s)}`}`;
}

/**
 * Formats an instant as ISO 8601 local time with its offset in a zone, e.g. "2026-03-27T16:00:00+00:00";
 * milliseconds are printed only when non-zero.
 */
export function formatInstant(instant: number, zone: string): CalendarResult<string> {
  const r = instantToLocal(instant, zone);
  if (!r.ok) return r;
  const l = r.value;
  const ms = l.millisecond === 0 ? "" : `.${String(l.millisecond).padStart(3, "0")}`;
  return ok(`${formatIsoDate(l.day)}T${two(l.hour)}:${two(l.minute)}:${two(l.second)}${ms}${formatOffset(l.offsetSeconds)}`);
}
