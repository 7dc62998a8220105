/**
 * Places a declared window on a fixing date: its start and end instants in epoch milliseconds, through the time-zone
 * database. The window ends on the fixing date; `to 24:00` is the end of that day (00:00 of the next), and a window
 * `from … on the previous day` starts on the day before, so "the power day from 23:00 to 23:00 UK time" and "the gas
 * day from 05:00 to 05:00" run across midnight and are 23 or 25 hours long on the days the clocks change.
 */
import { type EpochDay, localToInstant } from "../calendar/index.js";
import type { IndexWindow, TimeWindow } from "../spec.js";

/** `24:00:00`, the end of a window's day. */
const END_OF_DAY = "24:00:00";

/** The window's start and end instants (epoch milliseconds) on the fixing day, or why it cannot be placed. */
export function placeWindow(
  day: EpochDay,
  w: TimeWindow,
): { readonly ok: true; readonly start: number; readonly end: number } | { readonly ok: false; readonly reason: string } {
  const f = localToInstant(w.fromDay === "previous" ? day - 1 : day, w.from, w.zone);
  const t = w.to === END_OF_DAY ? localToInstant(day + 1, "00:00:00", w.zone) : localToInstant(day, w.to, w.zone);
  if (!f.ok) return { ok: false, reason: `the start ${w.from}: ${f.error.kind}` };
  if (!t.ok) return { ok: false, reason: `the end ${w.to}: ${t.error.kind}` };
  return { ok: true, start: f.value, end: t.value };
}

/** One placed piece of an index window, in epoch milliseconds, with its bounds. */
export interface PlacedPiece {
  readonly start: number;
  readonly end: number;
  readonly fromInclusive: boolean;
  readonly toInclusive: boolean;
}

/**
 * Places every piece of an index window on the fixing day ("hours ending 0100-0700 and HE 2400": 00:00–07:00 and
 * 23:00–24:00), in time order; a window of one piece gives one. Each piece is placed as {@link placeWindow} places a
 * window, in the first piece's zone.
 */
export function placePieces(
  day: EpochDay,
  w: IndexWindow,
): { readonly ok: true; readonly pieces: readonly PlacedPiece[] } | { readonly ok: false; readonly reason: string } {
  const pieces: PlacedPiece[] = [];
  for (const p of [w, ...(w.also ?? [])]) {
    const placed = placeWindow(day, { ...p, zone: w.zone });
    if (!placed.ok) return placed;
    pieces.push({
      start: placed.start,
      end: placed.end,
      fromInclusive: p.fromBound === "inclusive",
      toInclusive: p.toBound === "inclusive",
    });
  }
  return { ok: true, pieces };
}

/** One interval of a partition (microseconds): its bounds, and the time before which a row of the window is in it or earlier. */
export interface IntervalBounds {
  readonly from: number;
  readonly to: number;
  /** Rows inside the window before this time belong to this interval or an earlier one (∞ for the last interval). */
  readonly cut: number;
}

/**
 * The intervals of a partition of `count` intervals of `length` microseconds over placed pieces (milliseconds), in
 * time order: each piece holds a whole number of them, consecutive and half-open inside it, the last interval of a
 * piece ending at the piece's end (its bound applies, the rows being already inside the window), and rows in the
 * gap after a piece being outside the window. Undefined when the intervals do not cover the pieces exactly (a
 * clock change shortened or lengthened a piece).
 */
export function intervalsOf(pieces: readonly PlacedPiece[], count: number, length: number): IntervalBounds[] | undefined {
  const out: IntervalBounds[] = [];
  for (let j = 0; j < pieces.length; j++) {
    const start = pieces[j]!.start * 1000,
      end = pieces[j]!.end * 1000;
    const n = (end - start) / length;
    if (!Number.isInteger(n) || n < 1) return undefined;
    const next = j + 1 < pieces.length ? pieces[j + 1]!.start * 1000 : Infinity;
    for (let i = 0; i < n; i++) {
      const a = start + i * length;
      const b = i === n - 1 ? end : a + length;
      out.push({ from: a, to: b, cut: i === n - 1 ? next : b });
    }
  }
  return out.length === count ? out : undefined;
}
